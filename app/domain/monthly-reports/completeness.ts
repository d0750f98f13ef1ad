/**
 * Completeness and timeliness of monthly reports, the pure part: months, due dates, DHIS2's rates
 * and the classification of one village-month for the heatmap. The counting itself is done by
 * Postgres (public.report_completeness); this module only adds, divides and labels.
 *
 * Dates are 'YYYY-MM-DD' strings (Asia/Shanghai calendar days) and months are their first day
 * ('2026-10-01'), exactly as the database returns them, so nothing here depends on a time zone.
 */
import { dateTimeFormat, numberFormat } from '~/lib/intl'
import type { ReportState } from '~/lib/db-types'

/** A month as its first day, 'YYYY-MM-01', the way monthly_reports.period stores it. */
export type Period = string

/** At most this many months on one completeness page (a year, plus the current month). */
export const MAX_RANGE_MONTHS = 13
/** The default page shows the last three closed months and the current one. */
export const DEFAULT_CLOSED_MONTHS = 3

const MONTH_PARAM = /^(\d{4})-(0[1-9]|1[0-2])$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** '2026-10' (a URL or form value) → '2026-10-01'; null when malformed. */
export function periodFromMonth(month: string | null | undefined): Period | null {
  const m = MONTH_PARAM.exec(month?.trim() ?? '')
  return m ? `${m[1]}-${m[2]}-01` : null
}

/** '2026-10-01' → '2026-10', the form the URL and the report page use. */
export function monthOf(period: Period): string {
  return period.slice(0, 7)
}

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date)
  if (!m) throw new Error(`not a date: ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

function format(y: number, m: number, d: number) {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The month containing a date. */
export function periodOfDate(date: string): Period {
  const [y, m] = parts(date)
  return format(y, m, 1)
}

/** The month n months after (or before, n < 0) a month. */
export function addMonths(period: Period, n: number): Period {
  const [y, m] = parts(period)
  const index = y * 12 + (m - 1) + n
  return format(Math.floor(index / 12), (index % 12) + 1, 1)
}

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: Period, to: Period): Period[] {
  const out: Period[] = []
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p)
  return out
}

/** Last day of a month. */
export function lastDayOf(period: Period): string {
  const [y, m] = parts(addMonths(period, 1))
  const next = Date.UTC(y, m - 1, 1)
  const last = new Date(next - 86_400_000)
  return format(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate())
}

/** Whole days from a to b (b − a); both 'YYYY-MM-DD'. */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a)
  const [yb, mb, db] = parts(b)
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000)
}

const SHANGHAI_DAY: Intl.DateTimeFormatOptions = Object.freeze({ timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
const PERCENT: Intl.NumberFormatOptions = Object.freeze({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
const SHANGHAI_TIME: Intl.DateTimeFormatOptions = Object.freeze({ timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** A calendar day in Asia/Shanghai: today for a village in Ruyuan, whatever the server's zone. */
export function shanghaiDate(instant: Date = new Date()): string {
  const p = dateTimeFormat('en-CA', SHANGHAI_DAY).formatToParts(instant)
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** Wall-clock time in Asia/Shanghai, 'HH:mm'. */
export function shanghaiTime(instant: Date): string {
  return dateTimeFormat('en-GB', SHANGHAI_TIME).format(instant)
}

/**
 * The due date of a month's report: day `dueDay` of the following month (the template's due_day,
 * default the 5th). Mirrors private.prepare_monthly_report.
 */
export function dueOnFor(period: Period, dueDay: number): string {
  const [y, m] = parts(addMonths(period, 1))
  return format(y, m, dueDay)
}

/** The template version that applies to a month: the latest valid_from on or before it. */
export function versionFor<T extends { valid_from: string }>(templates: readonly T[], period: Period): T | null {
  let best: T | null = null
  for (const t of templates) if (t.valid_from <= period && (!best || t.valid_from > best.valid_from)) best = t
  return best
}

/**
 * Is a month still open: its due date not passed yet (the due day itself included)? Its reports are
 * neither missing nor late yet, so, as in DHIS2 (completeness and timeliness are counted for periods
 * that are due), it never counts in the expected, missing or rates of a total: pages show it apart,
 * with what has come in so far. A report is overdue the day after (classifyCell), never on the day.
 */
export function isPending(dueOn: string | null, today: string): boolean {
  return dueOn !== null && today <= dueOn
}

/**
 * Is a village expected to report for a month? Active for at least a day of it. Mirrors the join
 * in public.report_completeness (orgs.active_from / active_until, null meaning open-ended).
 */
export function isExpected(village: { active_from: string | null; active_until: string | null }, period: Period): boolean {
  return (village.active_from === null || village.active_from <= lastDayOf(period)) && (village.active_until === null || village.active_until >= period)
}

// Section: the month range of a completeness page

export interface MonthRange {
  from: Period
  to: Period
}

/** The last three closed months and the current one. */
export function defaultRange(today: string): MonthRange {
  const current = periodOfDate(today)
  return { from: addMonths(current, -DEFAULT_CLOSED_MONTHS), to: current }
}

export interface RangeChoice {
  /** The months the page shows. */
  range: MonthRange
  /** What the URL asked for when it was longer than MAX_RANGE_MONTHS and only its newest months are shown; null otherwise. */
  cut: MonthRange | null
}

/**
 * The range a URL asks for (`?from=2026-08&to=2026-11`), made sensible: missing or malformed
 * values fall back to the default, a reversed range is swapped, nothing after the current month,
 * at most MAX_RANGE_MONTHS months (the earliest are dropped, and `cut` says so, for the page to tell).
 */
export function chooseRange(params: URLSearchParams, today: string): RangeChoice {
  const fallback = defaultRange(today)
  const current = periodOfDate(today)
  let from = periodFromMonth(params.get('from')) ?? fallback.from
  let to = periodFromMonth(params.get('to')) ?? current
  if (from > to) [from, to] = [to, from]
  if (to > current) to = current
  if (from > to) from = to
  const earliest = addMonths(to, -(MAX_RANGE_MONTHS - 1))
  if (from < earliest) return { range: { from: earliest, to }, cut: { from, to } }
  return { range: { from, to }, cut: null }
}

/** chooseRange's months only. */
export function rangeFromParams(params: URLSearchParams, today: string): MonthRange {
  return chooseRange(params, today).range
}

/** The months a range selector offers: the current month and the two years before it, newest first. */
export function selectableMonths(today: string, count = 25): Period[] {
  const current = periodOfDate(today)
  return Array.from({ length: count }, (_, i) => addMonths(current, -i))
}

// Section: counts and rates (DHIS2's definitions)

export interface CompletenessCounts {
  expected: number
  submitted: number
  on_time: number
  late: number
  approved: number
  missing: number
}

export const COUNT_KEYS = ['expected', 'submitted', 'approved', 'on_time', 'late', 'missing'] as const satisfies readonly (keyof CompletenessCounts)[]

export function emptyCounts(): CompletenessCounts {
  return { expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }
}

/** Adds rows of counts (months, towns, villages) into one. */
export function sumCounts(rows: Iterable<CompletenessCounts>): CompletenessCounts {
  const total = emptyCounts()
  for (const r of rows) for (const k of COUNT_KEYS) total[k] += r[k]
  return total
}

/** part / whole, or null when nothing was expected (shown as a dash, never as 0% or 100%). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** Completeness rate = submitted / expected. */
export function completenessRate(c: CompletenessCounts): number | null {
  return rate(c.submitted, c.expected)
}

/** Timeliness rate = submitted on time / expected (DHIS2: against expected, not against submitted). */
export function timelinessRate(c: CompletenessCounts): number | null {
  return rate(c.on_time, c.expected)
}

/**
 * A rate as a percentage with exactly one decimal, in the user's language ('93.0%' beside '98.3%', so a
 * column of rates reads alike); '—' when undefined.
 */
export function formatRate(value: number | null, locale: string): string {
  if (value === null) return '—'
  return numberFormat(locale, PERCENT).format(value)
}

// Section: heatmap cells


/**
 * What one village-month is, for the heatmap and its legend:
 * - approved, submitted (awaiting review), returned, reopened: a report was submitted at least once
 *   (it counts as submitted); `late` when first submitted after its due date
 * - overdue: not submitted and the due date has passed (counts as missing)
 * - draft: started, not submitted, still before the due date
 * - pending: nothing yet, still before the due date
 * - inactive: the village was not expected to report that month
 */
export const CELL_KINDS = ['approved', 'submitted', 'returned', 'reopened', 'draft', 'pending', 'overdue', 'inactive'] as const
export type CellKind = (typeof CELL_KINDS)[number]

export interface CellReport {
  state: ReportState
  due_on: string
  /** Day of the first submission in Asia/Shanghai, or null if never submitted. */
  first_submitted_on: string | null
}

export interface HeatmapCell {
  kind: CellKind
  /** First submitted after the due date. */
  late: boolean
  /** Days late (submitted) or days overdue (overdue); null otherwise. */
  days: number | null
}

/**
 * Classifies one village-month. `dueOn` is the due date for the month when there is no report
 * yet (from the template version valid then); null when no template applies.
 */
export function classifyCell(input: { expected: boolean; report: CellReport | null; dueOn: string | null; today: string }): HeatmapCell {
  const { expected, report, today } = input
  if (report?.first_submitted_on) {
    const lateBy = daysBetween(report.due_on, report.first_submitted_on)
    const kind: CellKind = report.state === 'draft' ? 'submitted' : report.state
    return { kind, late: lateBy > 0, days: lateBy > 0 ? lateBy : null }
  }
  if (!expected && !report) return { kind: 'inactive', late: false, days: null }
  const due = report?.due_on ?? input.dueOn
  if (due !== null && !isPending(due, today)) return { kind: 'overdue', late: false, days: daysBetween(due, today) }
  return { kind: report ? 'draft' : 'pending', late: false, days: null }
}

/** Does this cell count as submitted in the completeness figures? */
export function countsAsSubmitted(kind: CellKind): boolean {
  return kind === 'approved' || kind === 'submitted' || kind === 'returned' || kind === 'reopened'
}
