import { sql } from 'kysely'
import { withUser, type Claims, type Tx } from '~/lib/db.server'
import { sameValues } from './diff'
import { addMonths, dueOn, isEditable, type ReportComments, type QueueState, type ReportInput, type ReportState, type ReportValues, type ReviewInput } from './schema'
import { templateDefinitionSchema, type TemplateDefinition } from './template'

/**
 * Monthly report queries and the workflow, run as the user (withUser): RLS decides which reports
 * exist for the caller, the guard trigger and the workflow functions decide what may change. This
 * module only maps the database's refusals (SQLSTATEs) to result codes the routes translate.
 */

// Section: results

export type ReportErrorCode = 'not_found' | 'forbidden' | 'locked' | 'stale' | 'invalid_state' | 'reason_required' | 'no_template' | 'future'

/** The HTTP status each refusal answers with. */
export const REPORT_ERROR_STATUS: Record<ReportErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  locked: 409,
  stale: 409,
  invalid_state: 409,
  reason_required: 400,
  no_template: 409,
  future: 400,
}

interface CurrentReport {
  id: string
  village_id: string
  state: ReportState
  revision: number
  values: ReportValues
  comments: ReportComments
}

/** A refusal from the database (or a courtesy check), with the report as it stands when known. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    readonly current?: CurrentReport,
  ) {
    super(`monthly report: ${code}`)
    this.name = 'ReportError'
  }
}

/** Turns a database error into a ReportError by its SQLSTATE; anything unmapped is rethrown as is. */
function refusedBy(err: unknown, map: Partial<Record<string, ReportErrorCode>>, current?: CurrentReport): ReportError {
  if (err instanceof ReportError) return err
  const code = (err as { code?: unknown } | null)?.code
  const mapped = typeof code === 'string' ? map[code] : undefined
  if (!mapped) throw err
  return new ReportError(mapped, current)
}

/**
 * Runs a workflow write in one withUser transaction. A refusal rolls the whole transaction back
 * (a submit that fails after saving saves nothing) and comes back as a result, never a 500.
 */
export async function runReportWrite<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ReportError }> {
  try {
    return { ok: true, value: await withUser(claims, fn) }
  } catch (err) {
    if (err instanceof ReportError) return { ok: false, error: err }
    throw err
  }
}

// Section: reading

export interface ReportSummary {
  id: string
  village_id: string
  period: string
  state: ReportState
  due_on: string
  revision: number
  first_submitted_at: Date | null
  submitted_at: Date | null
  reviewed_at: Date | null
  updated_at: Date
}

export interface TransitionView {
  id: number
  from_state: ReportState | null
  to_state: ReportState
  reason: string | null
  values: ReportValues | null
  actor_name: string | null
  occurred_at: Date
}

export interface ReportDetail extends ReportSummary {
  values: ReportValues
  comments: ReportComments
  template: { id: string; version: number; valid_from: string; definition: TemplateDefinition }
  village: { id: string; name: string; name_en: string | null; town_name: string | null; town_name_en: string | null }
  transitions: TransitionView[]
}

const SUMMARY_COLUMNS = [
  'r.id', 'r.village_id', 'r.period', 'r.state', 'r.due_on', 'r.revision',
  'r.first_submitted_at', 'r.submitted_at', 'r.reviewed_at', 'r.updated_at',
] as const

/** How many of a village's earlier submitted or approved reports the outlier check compares with. */
const HISTORY_MONTHS = 12

/**
 * A report with the template version it was filed under and its history, as the caller may see
 * it; null when it does not exist or RLS hides it. With `history`, also the values of the village's
 * HISTORY_MONTHS earlier submitted or approved reports, newest first (the outlier check's history). One statement:
 * the history and the earlier values come as JSON beside the report's row, each through RLS as a
 * query of its own would be.
 */
export async function getReport(tx: Tx, where: { id: string } | { villageId: string; period: string }): Promise<ReportDetail | null>
export async function getReport(tx: Tx, where: { id: string } | { villageId: string; period: string }, options: { history: true }): Promise<(ReportDetail & { history: ReportValues[] }) | null>
export async function getReport(tx: Tx, where: { id: string } | { villageId: string; period: string }, options: { history: boolean }): Promise<(ReportDetail & { history?: ReportValues[] }) | null>
export async function getReport(tx: Tx, where: { id: string } | { villageId: string; period: string }, options: { history?: boolean } = {}): Promise<(ReportDetail & { history?: ReportValues[] }) | null> {
  let query = tx
    .selectFrom('monthly_reports as r')
    .innerJoin('report_templates as t', 't.id', 'r.template_id')
    .innerJoin('orgs as v', 'v.id', 'r.village_id')
    .leftJoin('orgs as town', 'town.id', 'v.parent_id')
    .select([...SUMMARY_COLUMNS, 'r.values', 'r.comments', 't.id as template_id', 't.version as template_version', 't.valid_from as template_valid_from'])
    .select(sql<string>`t.definition::text`.as('definition'))
    .select(['v.name as village_name', 'v.name_en as village_name_en', 'town.name as town_name', 'town.name_en as town_name_en'])
    .select(
      sql<StoredTransition[]>`(select coalesce(json_agg(x order by x.occurred_at, x.id), '[]')
        from (select h.id, h.from_state, h.to_state, h.reason, h.values, h.occurred_at, p.display_name as actor_name
                from public.report_transitions h left join public.profiles p on p.user_id = h.actor_id
               where h.report_id = r.id) x)`.as('transitions'),
    )
    .select(
      options.history
        ? sql<(ReportValues | null)[]>`(select coalesce(json_agg(e.values order by e.period desc), '[]')
            from (select m.values, m.period from public.monthly_reports m
                   where m.village_id = r.village_id and m.period < r.period and m.state in ('submitted', 'approved')
                   order by m.period desc limit ${HISTORY_MONTHS}) e)`.as('history')
        : sql<null>`null`.as('history'),
    )
  query = 'id' in where ? query.where('r.id', '=', where.id) : query.where('r.village_id', '=', where.villageId).where('r.period', '=', where.period)
  const row = await query.executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    village_id: row.village_id,
    period: row.period,
    state: row.state,
    due_on: row.due_on,
    revision: row.revision,
    first_submitted_at: row.first_submitted_at,
    submitted_at: row.submitted_at,
    reviewed_at: row.reviewed_at,
    updated_at: row.updated_at,
    values: row.values ?? {},
    comments: row.comments ?? {},
    template: {
      id: row.template_id,
      version: row.template_version,
      valid_from: row.template_valid_from,
      definition: storedDefinition(row.definition),
    },
    village: { id: row.village_id, name: row.village_name, name_en: row.village_name_en, town_name: row.town_name, town_name_en: row.town_name_en },
    transitions: row.transitions.map((h) => ({ ...h, occurred_at: new Date(h.occurred_at) })),
    ...(options.history ? { history: (row.history ?? []).map((v) => v ?? {}) } : {}),
  }
}

/** A transition as the report's JSON history carries it: the instant as text. */
type StoredTransition = Omit<TransitionView, 'occurred_at'> & { occurred_at: string }

/** Parsed definitions by their stored text; past this many the memory starts again. */
export const PARSED_DEFINITIONS_LIMIT = 500
const parsedDefinitions = new Map<string, TemplateDefinition>()

/**
 * A stored template definition (report_templates.definition as text), parsed and checked once per
 * distinct text. A version's definition is written once (a change is a new version, a new row), and
 * every report page reads it: zod's check of the ~6 KB definition was ~0.45 ms of the report form's
 * server time. Keyed by the text itself, so a definition changed in the database by hand is parsed
 * anew. Frozen, as every request that opens a report of that version shares it.
 */
export function storedDefinition(text: string): TemplateDefinition {
  let parsed = parsedDefinitions.get(text)
  if (parsed === undefined) {
    parsed = deepFreeze(templateDefinitionSchema.parse(JSON.parse(text)))
    if (parsedDefinitions.size >= PARSED_DEFINITIONS_LIMIT) parsedDefinitions.clear()
    parsedDefinitions.set(text, parsed)
  }
  return parsed
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** The two latest submissions' values, newest first (the reviewer's diff); fewer when submitted fewer times. */
export function latestSubmissions(report: ReportDetail): TransitionView[] {
  return report.transitions.filter((h) => h.to_state === 'submitted').reverse().slice(0, 2)
}

export interface TemplateVersion {
  id: string
  version: number
  valid_from: string
  due_day: number
}

/** The template versions of the village's county, newest first. */
async function templatesOfVillage(tx: Tx, villageId: string): Promise<TemplateVersion[]> {
  return tx
    .selectFrom('report_templates as t')
    .innerJoin('org_closure as c', 'c.ancestor_id', 't.county_id')
    .select(['t.id', 't.version', 't.valid_from', 't.due_day'])
    .where('c.descendant_id', '=', villageId)
    .orderBy('t.valid_from', 'desc')
    .execute()
}

/** The template version that applies to a month in the village's county, if any. */
export async function templateForPeriod(tx: Tx, villageId: string, period: string): Promise<TemplateVersion | undefined> {
  return (await templatesOfVillage(tx, villageId)).find((t) => t.valid_from <= period)
}

export interface VillageMonth {
  period: string
  report: ReportSummary | null
  /** The report's due date, or the one it will get when started. */
  due_on: string | null
  /** A template applies to the month, so the report can be started. */
  startable: boolean
}

/**
 * The village's months, newest first: the last `months` months a template applies to (reported or
 * not), plus any older month that has a report.
 */
export async function listVillageMonths(tx: Tx, villageId: string, current: string, months = 12): Promise<VillageMonth[]> {
  const reports = await tx
    .selectFrom('monthly_reports as r')
    .select(SUMMARY_COLUMNS)
    .where('r.village_id', '=', villageId)
    .orderBy('r.period', 'desc')
    .execute()
  const templates = await templatesOfVillage(tx, villageId)
  const templateFor = (period: string) => templates.find((t) => t.valid_from <= period)
  const village = await tx
    .selectFrom('orgs')
    .select(['active_from', 'active_until'])
    .where('id', '=', villageId)
    .executeTakeFirst()
  // a month is expected while the village exists for reporting (orgs.active_from/active_until)
  const active = (period: string) =>
    (!village?.active_from || village.active_from < addMonths(period, 1)) && (!village?.active_until || village.active_until >= period)
  const byPeriod = new Map(reports.map((r) => [r.period, r]))
  const periods = new Set(reports.map((r) => r.period))
  for (let i = 0; i < months; i++) {
    const period = addMonths(current, -i)
    if (templateFor(period) && active(period)) periods.add(period)
  }
  return [...periods]
    .filter((p) => p <= current)
    .sort()
    .reverse()
    .map((period) => {
      const report = byPeriod.get(period) ?? null
      const template = templateFor(period)
      return { period, report, due_on: report?.due_on ?? (template ? dueOn(period, template.due_day) : null), startable: !report && Boolean(template) }
    })
}

export interface QueueRow extends ReportSummary {
  village_name: string
  village_name_en: string | null
  village_code: string | null
  submissions: number
}

/** The town's reports for review: optionally one month, one state; oldest waiting first. */
/** The town's reports matching the queue's filters (RLS keeps it to what the caller may read). */
function townQueue(tx: Tx, townId: string, filter: { period: string | null; state: QueueState }) {
  let query = tx
    .selectFrom('monthly_reports as r')
    .where('r.village_id', 'in', (eb) => eb.selectFrom('org_closure').select('descendant_id').where('ancestor_id', '=', townId))
  if (filter.period) query = query.where('r.period', '=', filter.period)
  if (filter.state !== 'all') query = query.where('r.state', '=', filter.state)
  return query
}

/**
 * One page of the town's review queue (submitted reports oldest first, then the newest months) and how
 * many reports the queue holds under these filters (for the pager), in one statement: the total is a
 * subquery Postgres runs once (an index-only count; `count(*) over ()` buffers every row of the queue and
 * was no faster). A page past the end has no row to carry it, so only then is it counted on its own.
 */
export async function listTownReports(
  tx: Tx,
  townId: string,
  filter: { period: string | null; state: QueueState },
  page: { limit: number; offset?: number } = { limit: 50 },
): Promise<{ rows: QueueRow[]; total: number }> {
  const rows = await townQueue(tx, townId, filter)
    .innerJoin('orgs as v', 'v.id', 'r.village_id')
    .select(SUMMARY_COLUMNS)
    .select(['v.name as village_name', 'v.name_en as village_name_en', 'v.code as village_code'])
    .select((eb) =>
      eb
        .selectFrom('report_transitions as h')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('h.report_id', '=', 'r.id')
        .where('h.to_state', '=', 'submitted')
        .as('submissions'),
    )
    .select(townQueue(tx, townId, filter).select(sql<number>`count(*)::int`.as('n')).as('total'))
    .orderBy(sql`case when r.state = 'submitted' then r.submitted_at end`, (ob) => ob.asc().nullsLast())
    .orderBy('r.period', 'desc')
    .orderBy('v.code')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute()
  const total = rows.length > 0 ? Number(rows[0]!.total) : page.offset ? await countTownReports(tx, townId, filter) : 0
  return { rows: rows.map(({ total: _, ...r }) => ({ ...r, submissions: Number(r.submissions ?? 0) })), total }
}

/** How many reports the town's queue holds under these filters. */
export async function countTownReports(tx: Tx, townId: string, filter: { period: string | null; state: QueueState }): Promise<number> {
  const row = await townQueue(tx, townId, filter).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

// Section: the workflow

async function currentOf(tx: Tx, reportId: string): Promise<CurrentReport | undefined> {
  return tx
    .selectFrom('monthly_reports')
    .select(['id', 'village_id', 'state', 'revision', 'values', 'comments'])
    .where('id', '=', reportId)
    .executeTakeFirst()
}

/**
 * Starts the village's report for a month, or finds the one already started (a second click, a
 * colleague first): insert … on conflict do nothing. The database fills in the template and due date.
 */
export async function startReport(tx: Tx, villageId: string, period: string, current: string): Promise<string> {
  if (period > current) throw new ReportError('future')
  try {
    await tx
      .insertInto('monthly_reports')
      .values({ village_id: villageId, period, values: '{}', comments: '{}' })
      .onConflict((oc) => oc.columns(['village_id', 'period']).doNothing())
      .execute()
  } catch (err) {
    throw refusedBy(err, { '42501': 'forbidden', '23514': 'no_template' })
  }
  const row = await tx
    .selectFrom('monthly_reports')
    .select('id')
    .where('village_id', '=', villageId)
    .where('period', '=', period)
    .executeTakeFirst()
  if (!row) throw new ReportError('not_found')
  return row.id
}

/**
 * Saves values and comments if the report is still at the revision the form was built from. RLS
 * lets the village update only an editable report: an approved one is simply not there to update,
 * and the re-read tells the caller why (locked, stale, or not theirs).
 */
export async function saveReport(tx: Tx, reportId: string, revision: number, input: ReportInput): Promise<number> {
  const updated = await tx
    .updateTable('monthly_reports')
    .set({ values: sql<string>`${JSON.stringify(input.values)}::jsonb`, comments: sql<string>`${JSON.stringify(input.comments)}::jsonb` })
    .where('id', '=', reportId)
    .where('revision', '=', revision)
    .returning('revision')
    .executeTakeFirst()
  if (updated) return updated.revision
  const current = await currentOf(tx, reportId)
  if (!current) throw new ReportError('not_found')
  if (!isEditable(current.state)) throw new ReportError('locked', current)
  throw new ReportError(current.revision !== revision ? 'stale' : 'forbidden', current)
}

/**
 * Saves and submits in the caller's transaction. A resent form (double click, reload) finds the
 * report already submitted with exactly these values and changes nothing: no second transition.
 */
export async function submitReport(tx: Tx, reportId: string, revision: number, input: ReportInput): Promise<{ alreadySubmitted: boolean }> {
  const current = await currentOf(tx, reportId)
  if (!current) throw new ReportError('not_found')
  if (
    current.revision !== revision &&
    current.state === 'submitted' &&
    sameValues(current.values, input.values) &&
    sameValues(current.comments, input.comments)
  ) {
    return { alreadySubmitted: true }
  }
  const saved = await saveReport(tx, reportId, revision, input)
  try {
    await sql`select 1 from public.submit_monthly_report(${reportId}::uuid, ${saved}::integer)`.execute(tx)
  } catch (err) {
    throw refusedBy(err, { '42501': 'forbidden', '55000': 'invalid_state', '40001': 'stale', P0002: 'not_found' }, current)
  }
  return { alreadySubmitted: false }
}

/** A town reviewer approves, returns (with a reason) or reopens (with a reason). Idempotent per decision. */
export async function reviewReport(tx: Tx, reportId: string, input: ReviewInput): Promise<void> {
  const current = await currentOf(tx, reportId)
  if (!current) throw new ReportError('not_found')
  try {
    if (input.intent === 'reopen') {
      await sql`select 1 from public.reopen_monthly_report(${reportId}::uuid, ${input.reason}::text)`.execute(tx)
    } else {
      await sql`select 1 from public.review_monthly_report(${reportId}::uuid, ${input.intent}::text, ${input.reason}::text)`.execute(tx)
    }
  } catch (err) {
    // 42501: not the caller's to review; 55000: not in a state where it can be reviewed (migration …000013)
    throw refusedBy(err, { '42501': 'forbidden', '55000': 'invalid_state', P0002: 'not_found', '23514': 'reason_required' }, current)
  }
}
