/** Shared by the audit query and the audit page. */
export const AUDIT_PAGE_SIZE = 50
/** Every table whose writes an audit trigger records (migrations: `audit_row`, `audit_profile`), in the filter's order. */
export const AUDITED_TABLES = [
  'public.orgs',
  'public.memberships',
  'public.profiles',
  'public.pairings',
  'public.report_templates',
  'public.monthly_reports',
  'public.report_transitions',
  'public.cadres',
  'public.cadre_postings',
  'public.households',
  'public.household_pairs',
  'public.pairing_activities',
  'public.visits',
  'public.concern_files',
  'public.opinions',
  'public.concern_cases',
  'public.concern_case_events',
] as const

/** The audit texts' name of a table: `public.pairings` → `pairings` (`tables.pairings`, `fields.pairings.…`). */
export const tableKey = (table: string) => table.replace(/^public\./, '')

/**
 * Columns never listed as changed. They restate what the entry already shows (its row, when and who: `id`,
 * a profile's `user_id`, `created_*`, an event's `occurred_at` and `actor_id`), or every write touches
 * them (`updated_*`, a monthly report's `revision`), so listing them buries the field that did change.
 */
export const UNLISTED_EVERYWHERE: ReadonlySet<string> = new Set(['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'occurred_at', 'actor_id'])
export const UNLISTED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'public.profiles': ['user_id'],
  'public.monthly_reports': ['revision'],
}

/** Whether the audit page lists this column of this table among an entry's changed fields. */
export function isListedColumn(table: string, column: string) {
  return !UNLISTED_EVERYWHERE.has(column) && !(UNLISTED_COLUMNS[table] ?? []).includes(column)
}
