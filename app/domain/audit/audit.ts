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
