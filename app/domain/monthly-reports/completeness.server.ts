import { sql } from 'kysely'
import type { Tx } from '~/lib/db.server'
import {
  addMonths,
  classifyCell,
  daysBetween,
  DEFAULT_CLOSED_MONTHS,
  dueOnFor,
  isExpected,
  isPending,
  monthsBetween,
  periodOfDate,
  sumCounts,
  versionFor,
  type CellKind,
  type CompletenessCounts,
  type HeatmapCell,
  type MonthRange,
  type Period,
} from './completeness'
import type { ReportState } from '~/lib/db-types'

/**
 * Completeness of monthly reports for a county or a town, and the due-soon / overdue notices of the
 * home pages. Everything runs as the user (withUser): RLS decides which villages and reports exist,
 * and public.report_completeness (security invoker) does the counting.
 */

export type ScopeKind = 'county' | 'town'

export interface OrgName {
  id: string
  name: string
  name_en: string | null
  code: string | null
}

export interface CompletenessRow extends CompletenessCounts {
  period: Period
  org_id: string
}

export interface TemplateDue {
  id: string
  version: number
  valid_from: Period
  due_day: number
}

/** Today in Asia/Shanghai, by the database's clock (the one the report triggers use). */
export async function todayInShanghai(tx: Tx): Promise<string> {
  const { rows } = await sql<{ today: string }>`select to_char((now() at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as today`.execute(tx)
  return rows[0]!.today
}

/** The county an org belongs to (itself for a county), as far as the caller may see. */
export async function countyOf(tx: Tx, orgId: string): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    select c.ancestor_id as id
      from public.org_closure c join public.orgs o on o.id = c.ancestor_id
     where c.descendant_id = ${orgId} and o.kind = 'county'`.execute(tx)
  return rows[0]?.id ?? null
}

/**
 * The template versions of the county an org belongs to (itself for a county), with their due days,
 * oldest first; none when the caller cannot see that county. One statement, where countyOf and a read
 * of the county's templates took two.
 */
export async function templateDuesOf(tx: Tx, orgId: string): Promise<TemplateDue[]> {
  const { rows } = await sql<TemplateDue>`
    select t.id, t.version, t.valid_from, t.due_day from public.report_templates t
     where t.county_id = (select c.ancestor_id
                            from public.org_closure c join public.orgs o on o.id = c.ancestor_id
                           where c.descendant_id = ${orgId} and o.kind = 'county')
     order by t.valid_from`.execute(tx)
  return rows
}

/** The figures of public.report_completeness: per month and per org directly under the scope. */
export async function completenessFigures(tx: Tx, scopeId: string, range: MonthRange): Promise<CompletenessRow[]> {
  const { rows } = await sql<CompletenessRow>`
    select period, org_id, expected, submitted, on_time, late, approved, missing
      from public.report_completeness(${scopeId}::uuid, ${range.from}::date, ${range.to}::date)`.execute(tx)
  return rows
}

export interface ScopeVillage extends OrgName {
  kind: 'village' | 'community'
  secretary_name: string | null
  secretary_phone: string | null
  active_from: string | null
  active_until: string | null
  /** The org directly under the scope this village counts for (its town in a county, itself in a town). */
  child_id: string
  town: OrgName | null
}

/** Villages and communities under a scope, in the order of the division codes. */
export async function listScopeVillages(tx: Tx, scopeId: string): Promise<ScopeVillage[]> {
  const { rows } = await sql<Omit<ScopeVillage, 'town'> & { town_id: string | null; town_name: string | null; town_name_en: string | null; town_code: string | null }>`
    with children as materialized (select o.id from public.orgs o where o.parent_id = ${scopeId})
    select v.id, v.kind, v.name, v.name_en, v.code, v.secretary_name, v.secretary_phone, v.active_from, v.active_until,
           -- the scope's children read once, not one org lookup (and its policy) per ancestor of each village
           (select cc.ancestor_id from public.org_closure cc
             where cc.descendant_id = v.id and cc.ancestor_id in (select id from children)) as child_id,
           t.id as town_id, t.name as town_name, t.name_en as town_name_en, t.code as town_code
      from public.org_closure c
      join public.orgs v on v.id = c.descendant_id and v.kind in ('village', 'community')
      left join public.orgs t on t.id = v.parent_id and t.kind = 'town'
     where c.ancestor_id = ${scopeId}
     order by t.code nulls first, v.code nulls last, v.name`.execute(tx)
  return rows
    .filter((r) => r.child_id !== null)
    .map(({ town_id, town_name, town_name_en, town_code, ...v }) => ({
      ...v,
      town: town_id ? { id: town_id, name: town_name ?? '', name_en: town_name_en, code: town_code } : null,
    }))
}

export interface ScopeReport {
  id: string
  village_id: string
  period: Period
  state: ReportState
  due_on: string
  first_submitted_on: string | null
  template_id: string
}

/** The reports of a scope's villages for a range of months. */
export async function listScopeReports(tx: Tx, scopeId: string, range: MonthRange): Promise<ScopeReport[]> {
  const { rows } = await sql<ScopeReport>`
    select r.id, r.village_id, r.period, r.state, r.due_on, r.template_id,
           (r.first_submitted_at at time zone 'Asia/Shanghai')::date as first_submitted_on
      from public.monthly_reports r
     where r.period between ${range.from}::date and ${range.to}::date
       and r.village_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = ${scopeId})`.execute(tx)
  return rows
}

/** The direct children of a scope that count villages: the towns of a county, the villages of a town. */
export async function listScopeChildren(tx: Tx, scopeId: string): Promise<OrgName[]> {
  const { rows } = await sql<OrgName>`
    select o.id, o.name, o.name_en, o.code from public.orgs o
     where o.parent_id = ${scopeId} and o.kind in ('town', 'village', 'community')
     order by o.code nulls last, o.name`.execute(tx)
  return rows
}

// Section: the completeness page

export interface HeatmapEntry extends HeatmapCell {
  period: Period
  /** Was the village expected to report that month (counted in the figures)? */
  expected: boolean
  reportId: string | null
}

/** What the page shows of an org: its id and names. */
export type OrgLabel = Pick<OrgName, 'id' | 'name' | 'name_en'>

/**
 * A village-month as the page receives it: its kind, the days late (a filed report) or overdue, and the
 * report's id, in the order of the page's months. A county's heatmap has hundreds of cells, and the page's
 * data travels twice, rendered and for hydration: as objects with their keys, the cells were most of the
 * largest page's weight. Whether a filed report was late is whether it has days (classifyCell).
 */
export type HeatmapCellTuple = [kind: CellKind, days: number | null, reportId: string | null]

export interface HeatmapRow {
  village: OrgLabel
  cells: HeatmapCellTuple[]
}

export interface HeatmapGroup {
  /** The town the rows belong to (county pages group by town); null on a town's page. */
  town: OrgLabel | null
  rows: HeatmapRow[]
}

export interface OverdueEntry {
  period: Period
  village: OrgName
  town: OrgName | null
  secretary_name: string | null
  secretary_phone: string | null
  due_on: string
  days: number
  reportId: string | null
  state: ReportState | null
}

export interface MonthCounts extends CompletenessCounts {
  period: Period
}

export interface Completeness {
  today: string
  range: MonthRange
  months: Period[]
  /**
   * Totals of the whole scope per month, newest last, with the month's due date (null: no template)
   * and whether it is still pending (isPending: not due yet; its `missing` are not missing yet).
   */
  byMonth: (MonthCounts & { due_on: string | null; pending: boolean })[]
  /**
   * Totals per town (county) or per village (town) over the months that are due (`counted`), and
   * apart, what each has filed so far for every pending month.
   */
  byChild: (CompletenessCounts & { org: OrgName; pending: MonthCounts[] })[]
  /** The months that are due, the only ones in `total` and `byChild`; null when none of the range is. */
  counted: MonthRange | null
  /** Totals over the months that are due: what the headline figures and rates are made of. */
  total: CompletenessCounts
  heatmap: HeatmapGroup[]
  overdue: OverdueEntry[]
}

/** Classifies every village-month of a scope. Shared by the page, the notices and the tests. */
export async function loadHeatmap(tx: Tx, scopeId: string, range: MonthRange, today: string) {
  const months = monthsBetween(range.from, range.to)
  const [villages, reports, templates] = await Promise.all([listScopeVillages(tx, scopeId), listScopeReports(tx, scopeId, range), templateDuesOf(tx, scopeId)])
  const byKey = new Map(reports.map((r) => [`${r.village_id}|${r.period}`, r]))
  const rows = villages.map((village) => ({
    village,
    cells: months.map((period): HeatmapEntry & { due_on: string | null; state: ReportState | null } => {
      const report = byKey.get(`${village.id}|${period}`) ?? null
      const template = versionFor(templates, period)
      const dueOn = report?.due_on ?? (template ? dueOnFor(period, template.due_day) : null)
      const expected = isExpected(village, period)
      return {
        period,
        ...classifyCell({ expected, report, dueOn, today }),
        reportId: report?.id ?? null,
        expected,
        due_on: dueOn,
        state: report?.state ?? null,
      }
    }),
  }))
  return { months, rows, templates }
}

const orgName = (o: OrgName): OrgName => ({ id: o.id, name: o.name, name_en: o.name_en, code: o.code })
const orgLabel = (o: OrgName): OrgLabel => ({ id: o.id, name: o.name, name_en: o.name_en })

/** Everything the completeness page shows for a county or a town and a range of months. */
export async function loadCompleteness(tx: Tx, scope: { id: string; kind: ScopeKind }, range: MonthRange, today: string): Promise<Completeness> {
  const [figures, children, { months, rows, templates }] = await Promise.all([
    completenessFigures(tx, scope.id, range),
    listScopeChildren(tx, scope.id),
    loadHeatmap(tx, scope.id, range, today),
  ])

  const byMonth = months.map((period) => {
    const template = versionFor(templates, period)
    const due_on = template ? dueOnFor(period, template.due_day) : null
    return { period, due_on, pending: isPending(due_on, today), ...sumCounts(figures.filter((f) => f.period === period)) }
  })
  // A month not due yet counts in no total (DHIS2: completeness of the periods that are due); the
  // due months come first, as due dates follow the months.
  const pending = byMonth.filter((m) => m.pending).map((m) => m.period)
  const due = byMonth.filter((m) => !m.pending).map((m) => m.period)
  const byChild = children.map((org) => {
    const own = figures.filter((f) => f.org_id === org.id)
    return {
      org: orgName(org),
      ...sumCounts(own.filter((f) => !pending.includes(f.period))),
      pending: pending.map((period) => ({ period, ...sumCounts(own.filter((f) => f.period === period)) })),
    }
  })

  const groups = new Map<string, HeatmapGroup>()
  for (const row of rows) {
    const town = scope.kind === 'county' ? row.village.town : null
    const key = town?.id ?? ''
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { town: town ? orgLabel(town) : null, rows: [] }))
    group.rows.push({ village: orgLabel(row.village), cells: row.cells.map((c): HeatmapCellTuple => [c.kind, c.days, c.reportId]) })
  }

  const overdue: OverdueEntry[] = rows
    .flatMap((row) =>
      row.cells
        .filter((c) => c.kind === 'overdue' && c.expected)
        .map((c) => ({
          period: c.period,
          village: orgName(row.village),
          town: row.village.town ? orgName(row.village.town) : null,
          secretary_name: row.village.secretary_name,
          secretary_phone: row.village.secretary_phone,
          due_on: c.due_on!,
          days: c.days ?? 0,
          reportId: c.reportId,
          state: c.state,
        })),
    )
    .sort((a, b) => b.days - a.days || (a.town?.code ?? '').localeCompare(b.town?.code ?? '') || (a.village.code ?? '').localeCompare(b.village.code ?? ''))

  const counted = due.length ? { from: due[0]!, to: due.at(-1)! } : null
  return { today, range, months, byMonth, byChild, counted, total: sumCounts(byMonth.filter((m) => !m.pending)), heatmap: [...groups.values()], overdue }
}

// Section: home page notices

export type VillageNotice =
  | { kind: 'due'; period: Period; due_on: string; days: number; reportId: string | null }
  | { kind: 'overdue'; period: Period; due_on: string; days: number; reportId: string | null }
  | { kind: 'returned'; period: Period; reason: string | null; reportId: string }
  | { kind: 'reopened'; period: Period; reason: string | null; reportId: string }

/**
 * What the village must do about its reports: returned or reopened reports (with the reason), and
 * the closed months of the completeness page's default range (the last three) whose report is not
 * submitted: due soon, or overdue. Older gaps stay on the completeness page, not on the home page.
 */
export async function villageNotices(tx: Tx, villageId: string, today: string): Promise<VillageNotice[]> {
  const current = periodOfDate(today)
  const { rows: found } = await sql<{ active_from: string | null; active_until: string | null }>`
    select active_from, active_until from public.orgs where id = ${villageId}`.execute(tx)
  const village = found[0]
  if (!village) return []
  const templates = await templateDuesOf(tx, villageId)
  if (templates.length === 0) return []
  const since = [addMonths(current, -DEFAULT_CLOSED_MONTHS), templates[0]!.valid_from].sort().at(-1)!
  const { rows: reports } = await sql<ScopeReport & { reason: string | null }>`
    select r.id, r.village_id, r.period, r.state, r.due_on, r.template_id,
           (r.first_submitted_at at time zone 'Asia/Shanghai')::date as first_submitted_on,
           (select t.reason from public.report_transitions t
             where t.report_id = r.id and t.to_state = r.state
             order by t.occurred_at desc, t.id desc limit 1) as reason
      from public.monthly_reports r
     where r.village_id = ${villageId}
       and (r.period >= ${since}::date or r.state in ('returned', 'reopened'))
     order by r.period`.execute(tx)

  const notices: VillageNotice[] = []
  for (const r of reports) {
    if (r.state === 'returned') notices.push({ kind: 'returned', period: r.period, reason: r.reason, reportId: r.id })
    if (r.state === 'reopened') notices.push({ kind: 'reopened', period: r.period, reason: r.reason, reportId: r.id })
  }
  const byPeriod = new Map(reports.map((r) => [r.period, r]))
  for (const period of monthsBetween(since, addMonths(current, -1))) {
    const report = byPeriod.get(period) ?? null
    if (report?.first_submitted_on || !isExpected(village, period)) continue
    const template = versionFor(templates, period)
    const dueOn = report?.due_on ?? (template ? dueOnFor(period, template.due_day) : null)
    if (!dueOn) continue
    const cell = classifyCell({ expected: true, report, dueOn, today })
    if (cell.kind === 'overdue') notices.push({ kind: 'overdue', period, due_on: dueOn, days: cell.days ?? 0, reportId: report?.id ?? null })
    else notices.push({ kind: 'due', period, due_on: dueOn, days: daysBetween(today, dueOn), reportId: report?.id ?? null })
  }
  return notices
}

export interface TownNotices {
  /** Reports of the town's villages submitted and waiting for the town's decision. */
  awaitingReview: number
  /** Villages with at least one report overdue in the default range of the completeness page. */
  overdueVillages: number
  /** Overdue village-months in that range. */
  overdueReports: number
}

/** Counts for the town home page; the overdue ones are those the completeness page lists by default. */
export async function townNotices(tx: Tx, townId: string, range: MonthRange, today: string): Promise<TownNotices> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from public.monthly_reports r
     where r.state = 'submitted'
       and r.village_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = ${townId})`.execute(tx)
  const { rows: heat } = await loadHeatmap(tx, townId, range, today)
  const overdue = heat.map((row) => row.cells.filter((c) => c.kind === 'overdue' && c.expected).length)
  return {
    awaitingReview: rows[0]?.n ?? 0,
    overdueVillages: overdue.filter((n) => n > 0).length,
    overdueReports: overdue.reduce((a, b) => a + b, 0),
  }
}
