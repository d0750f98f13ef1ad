/**
 * Completeness of monthly reports, the templates admin, the exports and the home-page notices,
 * called as real requests with real session cookies. The figures must equal a direct count from the
 * database; the page, the heatmap and the SQL function must agree with each other.
 *
 * Works on the seeded demo with or without its monthly reports: the setup adds what it needs (a
 * template if the county has none; reports filed by the village secretaries as themselves through
 * insert + public.submit_monthly_report; a few more states on the service path).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { readSheet } from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getRawDb, withUser } from '../../app/lib/db.server'
import { exportSlots } from '../../app/lib/work-slots.server'
import { getFixedT, localeCookie } from '../../app/lib/i18n.server'
import { addMonths, completenessRate, countsAsSubmitted, periodOfDate, monthOf, sumCounts, timelinessRate, type Period } from '../../app/domain/monthly-reports/completeness'
import { loadHeatmap, todayInShanghai, villageNotices, type Completeness } from '../../app/domain/monthly-reports/completeness.server'
import { createTemplateVersion, earliestNewValidFrom, latestTemplateVersion } from '../../app/domain/monthly-reports/templates.server'
import { fieldsOf } from '../../app/domain/monthly-reports/template'
import { formatMonth } from '../../app/components/completeness/format'
import { loader as completenessLoader } from '../../app/routes/shared/completeness'
import { loader as completenessExport } from '../../app/routes/shared/completeness-export'
import { loader as villageExport } from '../../app/routes/village/reports-export'
import { loader as householdsExport } from '../../app/routes/shared/households-export'
import { loader as templatesLoader } from '../../app/routes/county/templates'
import { loader as templateLoader } from '../../app/routes/county/template'
import { action as newTemplateAction, loader as newTemplateLoader } from '../../app/routes/county/template-new'
import { loader as villageHome } from '../../app/routes/village/index'
import { loader as townHome } from '../../app/routes/town/index'
import { claimsFor, createTestDb } from '../support/test-db'
import { holdSlots } from '../support/work-slots'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const RUCHENG = () => orgIdOf('rucheng.admin@ruyuan.demo')
const YOUXI = () => orgIdOf('youxi.staff@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const DALIAOKENG = () => orgIdOf('daliaokeng.secretary@ruyuan.demo')

async function request(email: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('Cookie', await cookieFor(email))
  return new Request(`${BASE}${path}`, { ...init, headers })
}

type LoaderFn = (args: LoaderFunctionArgs) => Promise<unknown>

async function call<T>(fn: LoaderFn, email: string, path: string, params: Record<string, string>, init?: RequestInit): Promise<T> {
  return (await fn({ request: await request(email, path, init), params, context: {} })) as T
}

async function statusOf(fn: LoaderFn, email: string, path: string, params: Record<string, string>, init?: RequestInit) {
  try {
    const result = await fn({ request: await request(email, path, init), params, context: {} })
    if (result instanceof Response) return result.status
    return (result as { init?: { status?: number } } | null)?.init?.status ?? 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

function form(values: Record<string, string>): RequestInit {
  return { method: 'POST', body: new URLSearchParams(values), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
}

let today = ''
let current: Period = ''
/** The months the tests look at: the default page range (three closed months and the current one). */
let months: Period[] = []
/** The report the secretary of 云门村 filed and submitted as herself. */
let filedByYunmen: { id: string; period: Period; value: number; fieldKey: string } | null = null

type Db = Awaited<ReturnType<typeof getRawDb>>

/** A first template for the county when the seed has none yet, created through the admin's own path. */
async function ensureTemplate() {
  const claims = await claimsFor('county.admin@ruyuan.demo')
  const existing = await withUser(claims, (tx) => latestTemplateVersion(tx, RUYUAN()))
  if (existing) return
  const t = await getFixedT('zh-CN', 'templates')
  const tc = await getFixedT('zh-CN', 'completeness')
  const definition = {
    sections: [
      {
        key: 'branch_meetings',
        label: { 'zh-CN': '组织生活', en: 'Branch meetings' },
        fields: [
          { key: 'party_member_assembly', type: 'integer', label: { 'zh-CN': '支部党员大会', en: 'Party member assembly' }, unit: { 'zh-CN': '次', en: 'times' }, required: true, min: 0 },
          { key: 'themed_party_day', type: 'boolean', label: { 'zh-CN': '开展主题党日', en: 'Themed party day held' }, required: true },
        ],
      },
    ],
  }
  const created = await withUser(claims, (tx) =>
    createTemplateVersion(tx, claims.sub, RUYUAN(), { validFrom: monthOf(addMonths(current, -12)), dueDay: '5', definition: JSON.stringify(definition) }, today, t, (p) => formatMonth(p, tc)),
  )
  if (!created.ok) throw new Error(`could not create the first template: ${JSON.stringify(created.errors)}`)
}

async function reportOf(db: Db, villageId: string, period: Period) {
  const { rows } = await sql<{ id: string; state: string }>`select id, state from public.monthly_reports where village_id = ${villageId} and period = ${period}::date`.execute(db)
  return rows[0] ?? null
}

/**
 * A secretary starts a report as herself (or fills in her draft) and, if asked, submits it
 * (insert or update + public.submit_monthly_report), as the village's form does.
 */
async function fileAs(email: string, villageId: string, period: Period, values: Record<string, unknown>, submit: boolean, draftId: string | null = null) {
  const claims = await claimsFor(email)
  return withUser(claims, async (tx) => {
    const { rows } = draftId
      ? await sql<{ id: string; revision: number }>`
          update public.monthly_reports set values = values || ${JSON.stringify(values)}::jsonb where id = ${draftId}
          returning id, revision`.execute(tx)
      : await sql<{ id: string; revision: number }>`
          insert into public.monthly_reports (village_id, period, values) values (${villageId}, ${period}::date, ${JSON.stringify(values)}::jsonb)
          returning id, revision`.execute(tx)
    const report = rows[0]!
    if (submit) await sql`select public.submit_monthly_report(${report.id}::uuid, ${report.revision})`.execute(tx)
    return report.id
  })
}

/** Other states, set on the service path (as seeding would): approved on time, late, returned. */
async function placeReport(db: Db, villageId: string, period: Period, state: 'approved' | 'submitted' | 'returned', firstSubmittedAt: string) {
  if (await reportOf(db, villageId, period)) return
  await sql`
    insert into public.monthly_reports (village_id, period, state, values, first_submitted_at, submitted_at, reviewed_at)
    values (${villageId}, ${period}::date, ${state}::public.report_state, '{}'::jsonb, ${firstSubmittedAt}::timestamptz, ${firstSubmittedAt}::timestamptz,
            case when ${state} <> 'submitted' then now() end)`.execute(db)
}

async function ruchengVillages(db: Db) {
  const { rows } = await sql<{ id: string; code: string }>`
    select id, code from public.orgs where parent_id = ${RUCHENG()} and kind in ('village', 'community') order by code`.execute(db)
  return rows
}

beforeAll(async () => {
  const db = await createTestDb()
  today = await withUser(await claimsFor('county.staff@ruyuan.demo'), (tx) => todayInShanghai(tx))
  current = periodOfDate(today)
  months = [3, 2, 1, 0].map((n) => addMonths(current, -n))
  await ensureTemplate()

  const template = (await withUser(await claimsFor('county.admin@ruyuan.demo'), (tx) => latestTemplateVersion(tx, RUYUAN())))!
  const numeric = template.definition ? fieldsOf(template.definition).find((f) => f.type === 'integer') : undefined
  // 云门村: the oldest closed month not yet submitted is filed (or its draft finished) and submitted by
  // the secretary herself; another month with nothing yet is left as a draft.
  const open: { period: Period; draft: string | null }[] = []
  for (const period of months.slice(0, 3)) {
    const report = await reportOf(db, YUNMEN(), period)
    if (!report || report.state === 'draft') open.push({ period, draft: report?.id ?? null })
  }
  if (open[0] && numeric) {
    const value = 7
    const id = await fileAs('yunmen.secretary@ruyuan.demo', YUNMEN(), open[0].period, { [numeric.key]: value }, true, open[0].draft)
    filedByYunmen = { id, period: open[0].period, value, fieldKey: numeric.key }
  }
  if (open[1] && !open[1].draft) await fileAs('yunmen.secretary@ruyuan.demo', YUNMEN(), open[1].period, {}, false)
  if (!(await reportOf(db, DALIAOKENG(), months[0]!))) await fileAs('daliaokeng.secretary@ruyuan.demo', DALIAOKENG(), months[0]!, {}, true)

  // A few more of 乳城镇's villages in other states, and one that only exists from last month on.
  const villages = (await ruchengVillages(db)).filter((v) => v.id !== YUNMEN())
  const [a, b, c] = villages
  // the last village with no report in the first two months starts existing in the third
  const { rows: unfiled } = await sql<{ id: string }>`
    select v.id from public.orgs v
     where v.parent_id = ${RUCHENG()} and v.kind in ('village', 'community') and v.id not in (${a!.id}, ${b!.id}, ${c!.id}, ${YUNMEN()})
       and not exists (select 1 from public.monthly_reports r where r.village_id = v.id and r.period < ${months[2]!}::date)
     order by v.code desc limit 1`.execute(db)
  const d = unfiled[0] ?? villages.at(-1)
  const due = (period: Period) => `${addMonths(period, 1).slice(0, 8)}05`
  await placeReport(db, a!.id, months[0]!, 'approved', `${due(months[0]!)}T10:00:00+08:00`)
  await placeReport(db, b!.id, months[0]!, 'submitted', `${due(months[0]!)}T23:30:00+08:00`)
  await placeReport(db, c!.id, months[0]!, 'returned', `${addMonths(months[0]!, 1).slice(0, 8)}09T09:00:00+08:00`)
  await placeReport(db, a!.id, months[1]!, 'submitted', `${addMonths(months[1]!, 1).slice(0, 8)}12T09:00:00+08:00`)
  await sql`update public.orgs set active_from = ${months[2]!}::date where id = ${d!.id}`.execute(db)
})
afterAll(closeDb)

// Section: direct counts, written plainly on the service path (table owner, no RLS)

interface Counts {
  expected: number
  submitted: number
  on_time: number
  late: number
  approved: number
  missing: number
}

/** Per child org of the scope (town of a county, or village of a town) for one month, and in total. */
async function directCounts(scopeId: string, childIsTown: boolean, period: Period): Promise<Map<string, Counts>> {
  const db = await getRawDb()
  const { rows } = await sql<{ org_id: string; expected: number; submitted: number; on_time: number; approved: number }>`
    select ${childIsTown ? sql`v.parent_id` : sql`v.id`} as org_id,
           count(*)::int as expected,
           count(r.id) filter (where r.first_submitted_at is not null)::int as submitted,
           count(r.id) filter (where (r.first_submitted_at at time zone 'Asia/Shanghai')::date <= r.due_on)::int as on_time,
           count(r.id) filter (where r.state = 'approved')::int as approved
      from public.orgs v
      left join public.monthly_reports r on r.village_id = v.id and r.period = ${period}::date
     where v.kind in ('village', 'community')
       and v.id in (select descendant_id from public.org_closure where ancestor_id = ${scopeId})
       and (v.active_from is null or v.active_from < (${period}::date + interval '1 month'))
       and (v.active_until is null or v.active_until >= ${period}::date)
     group by 1`.execute(db)
  return new Map(rows.map((r) => [r.org_id, { ...r, late: r.submitted - r.on_time, missing: r.expected - r.submitted }]))
}

function total(map: Map<string, Counts>): Counts {
  const out = { expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }
  for (const c of map.values()) for (const k of Object.keys(out) as (keyof Counts)[]) out[k] += c[k]
  return out
}

const pick = ({ expected, submitted, on_time, late, approved, missing }: Counts) => ({ expected, submitted, on_time, late, approved, missing })

/**
 * The page's heatmap rows (village, then cells in the order of the page's months) with what the domain knows
 * of each cell (its period, whether it was expected), after checking that the page's tuples say what the
 * domain's cells do: kind, days, report, and late exactly when a filed report has days.
 */
async function heatmapOf(email: string, scopeId: string, page: Completeness) {
  const domain = await withUser(await claimsFor(email), (tx) => loadHeatmap(tx, scopeId, page.range, page.today))
  const byVillage = new Map(domain.rows.map((r) => [r.village.id, r]))
  const rows = page.heatmap.flatMap((g) => g.rows)
  expect(rows.map((r) => r.village.id).sort()).toEqual([...byVillage.keys()].sort())
  return rows.map((row) => {
    const known = byVillage.get(row.village.id)!
    expect(row.cells).toHaveLength(page.months.length)
    const cells = row.cells.map(([kind, days, reportId], i) => {
      const cell = known.cells[i]!
      expect(cell.period).toBe(page.months[i])
      expect({ kind, days, reportId, late: kind !== 'overdue' && days !== null }).toEqual({ kind: cell.kind, days: cell.days, reportId: cell.reportId, late: cell.late })
      return cell
    })
    return { village: { ...row.village, code: known.village.code }, cells }
  })
}
const NONE: Counts = { expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }

/** A month's due date, straight from the county's template versions (day due_day of the next month). */
async function dueOf(period: Period): Promise<string> {
  const { rows } = await sql<{ due_on: string }>`
    select to_char((${period}::date + interval '1 month')::date + (t.due_day - 1), 'YYYY-MM-DD') as due_on
      from public.report_templates t
     where t.county_id = ${RUYUAN()} and t.valid_from <= ${period}::date
     order by t.valid_from desc limit 1`.execute(await getRawDb())
  return rows[0]!.due_on
}

/** Not due yet: nothing of it is missing or late so far, and it is in no total or rate. */
const isOpen = async (period: Period) => today <= (await dueOf(period))

describe('completeness figures equal a direct count', () => {
  it('for the county, per month and per town', async () => {
    for (const period of months) {
      const page = await call<Completeness>(completenessLoader, 'county.staff@ruyuan.demo', `/county/${RUYUAN()}/completeness?from=${monthOf(period)}&to=${monthOf(period)}`, { orgId: RUYUAN() })
      const direct = await directCounts(RUYUAN(), true, period)
      const open = await isOpen(period)
      expect(page.months).toEqual([period])
      expect(pick(page.byMonth[0]!)).toEqual(total(direct))
      expect(page.byMonth[0]!.pending, period).toBe(open)
      // a month not due yet counts in no total: what came in so far is in each town's `pending`
      expect(pick(page.total)).toEqual(open ? NONE : total(direct))
      expect(page.counted).toEqual(open ? null : { from: period, to: period })
      expect(page.byChild).toHaveLength(9)
      for (const row of page.byChild) {
        const own = pick(direct.get(row.org.id) ?? NONE)
        expect(pick(row), `${row.org.name} ${period}`).toEqual(open ? NONE : own)
        expect(row.pending.map((m) => ({ period: m.period, ...pick(m) }))).toEqual(open ? [{ period, ...own }] : [])
      }
    }
  })

  it('for a town, per month and per village', async () => {
    const page = await call<Completeness>(completenessLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness`, { orgId: RUCHENG() })
    expect(page.months).toEqual(months)
    for (const [i, period] of months.entries()) {
      const direct = await directCounts(RUCHENG(), false, period)
      expect(pick(page.byMonth[i]!), period).toEqual(total(direct))
    }
    // Over the range: each village's figures are the sum of its months that are due.
    const sums = new Map<string, Counts>()
    for (const period of months) {
      if (await isOpen(period)) continue
      for (const [id, c] of await directCounts(RUCHENG(), false, period)) {
        const s = sums.get(id) ?? { expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }
        for (const k of Object.keys(s) as (keyof Counts)[]) s[k] += c[k]
        sums.set(id, s)
      }
    }
    for (const row of page.byChild) expect(pick(row), row.org.name).toEqual(sums.get(row.org.id) ?? { expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 })
    // the setup's states show up: something approved, something late, a village not expected every month
    expect(page.total.approved).toBeGreaterThan(0)
    expect(page.total.late).toBeGreaterThan(0)
    expect(page.total.expected).toBeLessThan(page.byChild.length * months.length)
  })

  it('counts under the caller’s RLS: a town asking about the county sees only its own villages', async () => {
    const claims = await claimsFor('rucheng.admin@ruyuan.demo')
    const { rows } = await withUser(claims, (tx) =>
      sql<{ org_id: string; expected: number }>`select org_id, expected from public.report_completeness(${RUYUAN()}::uuid, ${current}::date, ${current}::date)`.execute(tx),
    )
    expect(rows.map((r) => r.org_id)).toEqual([RUCHENG()])
    expect(rows[0]!.expected).toBe(total(await directCounts(RUCHENG(), false, current)).expected)
  })

  it('has a heatmap whose cells add up to the same figures', async () => {
    const page = await call<Completeness>(completenessLoader, 'county.staff@ruyuan.demo', `/county/${RUYUAN()}/completeness`, { orgId: RUYUAN() })
    expect(page.heatmap.map((g) => g.town?.name)).toEqual(page.byChild.map((c) => c.org.name))
    const heatmap = await heatmapOf('county.staff@ruyuan.demo', RUYUAN(), page)
    for (const [i, period] of months.entries()) {
      const cells = heatmap.map((r) => r.cells[i]!)
      expect(cells.every((c) => c.period === period)).toBe(true)
      const counted = cells.filter((c) => c.expected)
      expect(cells.filter((c) => c.kind === 'inactive').every((c) => !c.expected)).toBe(true)
      expect({
        expected: counted.length,
        submitted: counted.filter((c) => countsAsSubmitted(c.kind)).length,
        approved: counted.filter((c) => c.kind === 'approved').length,
        late: counted.filter((c) => c.late).length,
      }).toEqual({
        expected: page.byMonth[i]!.expected,
        submitted: page.byMonth[i]!.submitted,
        approved: page.byMonth[i]!.approved,
        late: page.byMonth[i]!.late,
      })
      // every cell with a report links to it; cells without one have nothing to link
      for (const c of cells) if (countsAsSubmitted(c.kind)) expect(c.reportId).toBeTruthy()
    }
  })

  it('lists the overdue villages with their secretary, exactly those not submitted past the due date', async () => {
    const page = await call<Completeness>(completenessLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness`, { orgId: RUCHENG() })
    const db = await getRawDb()
    const { rows } = await sql<{ village_id: string; period: string }>`
      select v.id as village_id, m.period::date as period
        from public.orgs v
        cross join generate_series(${months[0]!}::date, ${current}::date, interval '1 month') as m(period)
        left join public.monthly_reports r on r.village_id = v.id and r.period = m.period::date
        join lateral (select t.due_day from public.report_templates t
                       where t.county_id = ${RUYUAN()} and t.valid_from <= m.period::date order by t.valid_from desc limit 1) t on true
       where v.parent_id = ${RUCHENG()} and v.kind in ('village', 'community')
         and (v.active_from is null or v.active_from < m.period::date + interval '1 month')
         and (v.active_until is null or v.active_until >= m.period::date)
         and r.first_submitted_at is null
         and coalesce(r.due_on, (m.period::date + interval '1 month')::date + (t.due_day - 1)) < ${today}::date`.execute(db)
    const key = (villageId: string, period: string) => `${villageId}|${period}`
    expect(page.overdue.map((o) => key(o.village.id, o.period)).sort()).toEqual(rows.map((r) => key(r.village_id, r.period)).sort())
    expect(page.overdue.length).toBeGreaterThan(0)
    const yunmen = page.overdue.find((o) => o.village.id === YUNMEN())
    if (yunmen) expect(yunmen).toMatchObject({ secretary_name: expect.any(String), secretary_phone: expect.stringMatching(/^[0-9-]+$/) })
    for (const o of page.overdue) expect(o.days).toBeGreaterThan(0)
  })

  it('answers only the county and the town portals, each within its own scope', async () => {
    const path = `/county/${RUYUAN()}/completeness`
    expect(await statusOf(completenessLoader, 'yunmen.secretary@ruyuan.demo', path, { orgId: RUYUAN() })).toBe(403)
    expect(await statusOf(completenessLoader, 'wengyuan.admin@ruyuan.demo', path, { orgId: RUYUAN() })).toBe(404)
    expect(await statusOf(completenessLoader, 'rucheng.admin@ruyuan.demo', `/town/${YOUXI()}/completeness`, { orgId: YOUXI() })).toBe(404)
    expect(await statusOf(completenessLoader, 'unit.liaison@ruyuan.demo', `/town/${RUCHENG()}/completeness`, { orgId: RUCHENG() })).toBe(403)
  })
})

describe('months not due yet (the current month until its due date)', () => {
  /** The default page of the county, as its administrator opens it. */
  const countyPage = () => call<Completeness>(completenessLoader, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/completeness`, { orgId: RUYUAN() })

  it('are shown apart and left out of the headline figures: 未报 is what is overdue', async () => {
    const page = await countyPage()
    expect(page.months).toEqual(months)
    const open = await Promise.all(months.map(isOpen))
    expect(page.byMonth.map((m) => m.pending)).toEqual(open)
    expect(open.at(-1), 'the current month is never due yet').toBe(true)
    const due = months.filter((_, i) => !open[i])
    expect(page.counted).toEqual(due.length ? { from: due[0], to: due.at(-1) } : null)
    const direct = await Promise.all(due.map(async (period) => total(await directCounts(RUYUAN(), true, period))))
    expect(pick(page.total)).toEqual(pick(sumCounts(direct)))
    // the headline's missing reports are exactly the overdue list, and the heatmap's overdue cells
    expect(page.total.missing).toBe(page.overdue.length)
    const cells = (await heatmapOf('county.admin@ruyuan.demo', RUYUAN(), page)).flatMap((r) => r.cells)
    expect(cells.filter((c) => c.kind === 'overdue' && c.expected)).toHaveLength(page.total.missing)
    // in a pending month nothing is overdue (the heatmap says 待 or 草), whatever has not come in yet
    for (const [i, period] of months.entries()) {
      if (!open[i]) continue
      const month = cells.filter((c) => c.period === period && c.expected)
      expect(month.some((c) => c.kind === 'overdue')).toBe(false)
      expect(month.filter((c) => c.kind === 'pending' || c.kind === 'draft')).toHaveLength(page.byMonth[i]!.expected - page.byMonth[i]!.submitted)
    }
    // the towns add up to the headline, and each town's pending months to the month's figures
    expect(pick(sumCounts(page.byChild))).toEqual(pick(page.total))
    for (const [i, period] of months.entries()) {
      if (!open[i]) continue
      expect(pick(sumCounts(page.byChild.map((c) => c.pending.find((m) => m.period === period)!)))).toEqual(pick(page.byMonth[i]!))
    }
  })

  it('leave each village’s rate in a town to the months that are due', async () => {
    const page = await call<Completeness>(completenessLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness`, { orgId: RUCHENG() })
    const due: Period[] = []
    for (const period of months) if (!(await isOpen(period))) due.push(period)
    const perVillage = await Promise.all(due.map((period) => directCounts(RUCHENG(), false, period)))
    for (const row of page.byChild) {
      const own = sumCounts(perVillage.map((m) => m.get(row.org.id) ?? NONE))
      expect(completenessRate(row), row.org.name).toBe(completenessRate(own))
      expect(timelinessRate(row), row.org.name).toBe(timelinessRate(own))
      expect(row.expected, row.org.name).toBeLessThanOrEqual(due.length)
    }
    // a village that reported every month that is due is complete, whatever the current month says
    expect(page.byChild.some((row) => row.expected > 0 && completenessRate(row) === 1)).toBe(true)
  })

  it('alone, give no rate at all rather than 0%', async () => {
    const page = await call<Completeness>(completenessLoader, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/completeness?from=${monthOf(current)}&to=${monthOf(current)}`, { orgId: RUYUAN() })
    expect(page.counted).toBeNull()
    expect(pick(page.total)).toEqual(NONE)
    expect(completenessRate(page.total)).toBeNull()
    expect(page.byMonth[0]).toMatchObject({ period: current, pending: true })
    expect(page.byMonth[0]!.expected).toBeGreaterThan(0)
    expect(page.overdue).toEqual([])
  })
})

describe('month range', () => {
  it('says so when a range longer than 13 months is cut to its newest 13', async () => {
    const from = addMonths(current, -24)
    const page = await call<Completeness & { cut: { from: Period; to: Period } | null }>(completenessLoader, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/completeness?from=${monthOf(from)}&to=${monthOf(current)}`, { orgId: RUYUAN() })
    expect(page.range).toEqual({ from: addMonths(current, -12), to: current })
    expect(page.months).toHaveLength(13)
    expect(page.cut).toEqual({ from, to: current })
    const whole = await call<{ cut: unknown }>(completenessLoader, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/completeness`, { orgId: RUYUAN() })
    expect(whole.cut).toBeNull()
  })
})

describe('XLSX exports', () => {
  it('exports a town’s month: a row per visible village, with the template’s labels and the filed values', async () => {
    const period = filedByYunmen?.period ?? months[0]!
    const response = await call<Response>(completenessExport, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness/export.xlsx?month=${monthOf(period)}`, { orgId: RUCHENG() })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const disposition = response.headers.get('Content-Disposition')!
    expect(disposition).toContain(`filename="440232101000-monthly-reports-${monthOf(period)}.xlsx"`)
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`乳城镇-月度报告-${monthOf(period)}.xlsx`)}`)

    const sheet = await readSheet(Buffer.from(await response.arrayBuffer()))
    const [header, ...rows] = sheet as (string | number | null)[][]
    expect(header!.slice(0, 3)).toEqual(['镇', '村（社区）', '区划代码'])
    const page = await call<Completeness>(completenessLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness?from=${monthOf(period)}&to=${monthOf(period)}`, { orgId: RUCHENG() })
    const visible = (await heatmapOf('rucheng.admin@ruyuan.demo', RUCHENG(), page)).filter((r) => r.cells[0]!.expected || r.cells[0]!.reportId)
    expect(rows.map((r) => r[1])).toEqual(visible.map((r) => r.village.name))
    expect(rows.map((r) => String(r[2]))).toEqual(visible.map((r) => r.village.code))

    if (filedByYunmen) {
      const template = (await withUser(await claimsFor('county.admin@ruyuan.demo'), (tx) => latestTemplateVersion(tx, RUYUAN())))!
      const field = fieldsOf(template.definition!).find((f) => f.key === filedByYunmen!.fieldKey)!
      const column = header!.findIndex((h) => typeof h === 'string' && h.startsWith(field.label['zh-CN']))
      expect(column).toBeGreaterThan(2)
      const row = rows.find((r) => r[1] === '云门村')!
      expect(row[column]).toBe(filedByYunmen.value)
      expect(row[header!.indexOf('状态')]).toBe('已报送，待审核')
    }
  })

  it('exports the county’s month in English: every visible village of the nine towns', async () => {
    const period = months[0]!
    const req = await request('county.staff@ruyuan.demo', `/county/${RUYUAN()}/completeness/export.xlsx?month=${monthOf(period)}`)
    const english = (await localeCookie.serialize('en')).split(';')[0]!
    req.headers.set('Cookie', `${req.headers.get('Cookie')}; ${english}`)
    const response = (await completenessExport({ request: req, params: { orgId: RUYUAN() }, context: {} })) as Response
    const [header, ...rows] = (await readSheet(Buffer.from(await response.arrayBuffer()))) as (string | number | null)[][]
    expect(header![0]).toBe('Town')
    expect(response.headers.get('Content-Disposition')).toContain(encodeURIComponent(`Ruyuan Yao Autonomous County-monthly-reports-${monthOf(period)}.xlsx`).replace(/'/g, '%27'))
    // a row per village expected that month, and per village that filed although it was not
    const db = await getRawDb()
    const { rows: direct } = await sql<{ n: number }>`
      select count(*)::int as n from public.orgs v
       where v.kind in ('village', 'community') and v.id in (select descendant_id from public.org_closure where ancestor_id = ${RUYUAN()})
         and (((v.active_from is null or v.active_from < ${period}::date + interval '1 month') and (v.active_until is null or v.active_until >= ${period}::date))
              or exists (select 1 from public.monthly_reports r where r.village_id = v.id and r.period = ${period}::date))`.execute(db)
    expect(rows).toHaveLength(direct[0]!.n)
    expect(new Set(rows.map((r) => r[0])).size).toBe(9)
  })

  it('exports one village across months, and only to those who may read it', async () => {
    const response = await call<Response>(villageExport, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/reports/export.xlsx`, { orgId: YUNMEN() })
    expect(response.status).toBe(200)
    const [header, ...rows] = (await readSheet(Buffer.from(await response.arrayBuffer()))) as (string | number | Date | null)[][]
    expect(header![0]).toBe('月份')
    const db = await getRawDb()
    const { rows: reports } = await sql<{ period: string; due_on: string; first: string | null }>`
      select period, to_char(due_on, 'YYYY-MM-DD') as due_on, to_char(first_submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as first
        from public.monthly_reports where village_id = ${YUNMEN()} order by period`.execute(db)
    expect(rows.map((r) => r[0])).toEqual(reports.map((r) => monthOf(r.period)))
    // dates are Excel dates (they sort and filter as dates), as the village's wall clock reads them
    // to the minute: Excel keeps a time as a fraction of a day, which comes back a hair off
    // (a submission at midnight is a time too: it reads '… 00:00', not a date)
    const asText = (v: unknown, chars: 10 | 16) => (v instanceof Date ? new Date(Math.round(v.getTime() / 60_000) * 60_000).toISOString().slice(0, chars).replace('T', ' ') : v)
    expect(rows.every((r) => r[header!.indexOf('截止日')] instanceof Date)).toBe(true)
    expect(rows.map((r) => asText(r[header!.indexOf('截止日')], 10))).toEqual(reports.map((r) => r.due_on))
    expect(rows.map((r) => asText(r[header!.indexOf('首次报送时间')], 16) ?? null)).toEqual(reports.map((r) => r.first))
    expect(await statusOf(villageExport, 'daliaokeng.secretary@ruyuan.demo', `/village/${YUNMEN()}/reports/export.xlsx`, { orgId: YUNMEN() })).toBe(404)
    expect(await statusOf(completenessExport, 'yunmen.secretary@ruyuan.demo', `/town/${RUCHENG()}/completeness/export.xlsx`, { orgId: RUCHENG() })).toBe(403)
    expect(await statusOf(completenessExport, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness/export.xlsx?month=2099-01`, { orgId: RUCHENG() })).toBe(400)
  })
})

describe('export slots (lib/work-slots.server.ts): one export per user at a time and one more waiting; the next is refused in words', () => {
  const hold = (...userIds: string[]) => holdSlots(exportSlots, ...userIds)

  it('answers 429 with the reason in the user language while a user has an export running and one waiting', async () => {
    const { sub } = await claimsFor('rucheng.admin@ruyuan.demo')
    const release = hold(sub, sub)
    await new Promise((resolve) => setImmediate(resolve))
    const refusal = async (fn: LoaderFn, path: string, english = false) => {
      const req = await request('rucheng.admin@ruyuan.demo', path)
      if (english) req.headers.set('Cookie', `${req.headers.get('Cookie')}; ${(await localeCookie.serialize('en')).split(';')[0]!}`)
      try {
        await fn({ request: req, params: { orgId: RUCHENG() }, context: {} })
      } catch (thrown) {
        if (thrown instanceof Response) return thrown
        throw thrown
      }
      throw new Error(`${path} was not refused`)
    }
    try {
      for (const [fn, path] of [
        [completenessExport, `/town/${RUCHENG()}/completeness/export.xlsx`],
        [householdsExport, `/town/${RUCHENG()}/households/export.xlsx`],
      ] as const) {
        const refused = await refusal(fn, path)
        expect(refused.status).toBe(429)
        expect(refused.headers.get('Retry-After')).toBe('10')
        expect(await refused.text()).toBe('服务器正在生成其他导出文件（或您刚才请求的文件），请稍等片刻后再下载。')
      }
      const english = await refusal(completenessExport, `/town/${RUCHENG()}/completeness/export.xlsx`, true)
      expect(await english.text()).toMatch(/^The server is busy with other exports/)
      // another user is not held up
      const other = await call<Response>(villageExport, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/reports/export.xlsx`, { orgId: YUNMEN() })
      expect(other.status).toBe(200)
    } finally {
      await release()
    }
    expect(exportSlots.load).toEqual({ running: 0, waiting: 0 })
    const after = await call<Response>(completenessExport, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness/export.xlsx`, { orgId: RUCHENG() })
    expect(after.status).toBe(200)
  })
})

describe('report templates', () => {
  const admin = 'county.admin@ruyuan.demo'
  const base = () => `/county/${RUYUAN()}/templates`

  it('are for those who manage them: the county admin, not the county staff', async () => {
    expect(await statusOf(templatesLoader, admin, base(), { orgId: RUYUAN() })).toBe(200)
    expect(await statusOf(templatesLoader, 'county.staff@ruyuan.demo', base(), { orgId: RUYUAN() })).toBe(403)
    expect(await statusOf(newTemplateLoader, 'county.staff@ruyuan.demo', `${base()}/new`, { orgId: RUYUAN() })).toBe(403)
    expect(await statusOf(newTemplateAction, 'county.staff@ruyuan.demo', `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'create', validFrom: '2027-06', dueDay: '5', definition: '{}' }))).toBe(403)
    expect(await statusOf(templatesLoader, 'wengyuan.admin@ruyuan.demo', base(), { orgId: RUYUAN() })).toBe(404)
  })

  it('lists the versions and renders one', async () => {
    const { versions } = await call<{ versions: { id: string; version: number; valid_until: string | null }[] }>(templatesLoader, admin, base(), { orgId: RUYUAN() })
    expect(versions.length).toBeGreaterThan(0)
    expect(versions[0]!.valid_until).toBeNull()
    const { template } = await call<{ template: { version: number; definition: unknown } }>(templateLoader, admin, `${base()}/${versions[0]!.id}`, { orgId: RUYUAN(), templateId: versions[0]!.id })
    expect(template.version).toBe(versions[0]!.version)
    expect(template.definition).toBeTruthy()
    expect(await statusOf(templateLoader, admin, `${base()}/x`, { orgId: RUYUAN(), templateId: '00000000-0000-4000-8000-000000000000' })).toBe(404)
  })

  it('previews a definition without saving, and explains what is wrong with it', async () => {
    const before = await countVersions()
    const validFrom = monthOf(addMonths(current, 1))
    const good = await call<{ data: { preview?: unknown; errors: object } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'preview', validFrom, dueDay: '5', definition: JSON.stringify((await latest()).definition) }))
    expect(good.data.preview).toBeTruthy()
    const bad = await call<{ init: { status: number }; data: { errors: { definition: string[] } } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'preview', validFrom, dueDay: '5', definition: '{"sections": [{"key": "a", "label": {"zh-CN": "甲"}, "fields": []}]}' }))
    expect(bad.init.status).toBe(400)
    expect(bad.data.errors.definition).toEqual(['第 1 部分 “a” › 标签 › 英文：缺少此项', '第 1 部分 “a” › 填报项：至少需要 1 个'])
    expect(await countVersions()).toBe(before)
  })

  it('refuses two sections with the same key, and previews exactly the definition sent next', async () => {
    const original = (await latest()).definition!
    const first = original.sections[0]!
    // a copy of the first section under the key of the last, its fields renamed so that only the section key repeats
    const copy = { ...first, key: original.sections.at(-1)!.key, fields: first.fields.map((f) => ({ ...f, key: `${f.key}_copy` })) }
    const twice = { sections: [copy, ...original.sections] }
    const preview = async (definition: unknown, language?: 'en') => {
      const req = await request(admin, `${base()}/new`, form({ intent: 'preview', validFrom: monthOf(addMonths(current, 1)), dueDay: '5', definition: JSON.stringify(definition) }))
      if (language) req.headers.set('Cookie', `${req.headers.get('Cookie')}; ${(await localeCookie.serialize(language)).split(';')[0]!}`)
      return (await newTemplateAction({ request: req, params: { orgId: RUYUAN() }, context: {} })) as { init?: { status: number }; data: { errors: Record<string, string[]>; preview?: { sections: { key: string }[] } } }
    }
    const refused = await preview(twice)
    expect(refused.init?.status).toBe(400)
    expect(refused.data.errors.definition).toEqual([`第 ${original.sections.length + 1} 部分 “${copy.key}” › 键名：部分键名 ${copy.key} 重复，每个部分的键名必须唯一`])
    expect(refused.data.preview).toBeUndefined()
    const english = await preview(twice, 'en')
    expect(english.data.errors.definition).toEqual([`Section ${original.sections.length + 1} “${copy.key}” › key: the section key ${copy.key} is used twice; every section needs its own key`])
    // and saving refuses it the same way
    const saved = await call<{ data: { errors: Record<string, string[]> } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'create', validFrom: monthOf(addMonths(current, 1)), dueDay: '5', definition: JSON.stringify(twice) }))
    expect(saved.data.errors.definition).toEqual(refused.data.errors.definition)
    const back = await preview(original)
    expect(back.data.errors).toEqual({})
    expect(back.data.preview!.sections.map((s) => s.key)).toEqual(original.sections.map((s) => s.key))
  })

  it('previews with the checks of saving: the same errors, before anything is saved', async () => {
    const before = await countVersions()
    const newest = await latest()
    const definition = JSON.stringify(newest.definition)
    const post = async (intent: 'preview' | 'create', validFrom: string, dueDay: string) =>
      call<{ init?: { status: number }; data: { errors: Record<string, string[]>; preview?: unknown } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent, validFrom, dueDay, definition }))
    for (const [validFrom, dueDay] of [[monthOf(addMonths(current, 1)), '31'], [monthOf(newest.valid_from), '5'], [monthOf(addMonths(current, 13)), '0']] as const) {
      const previewed = await post('preview', validFrom, dueDay)
      const saved = await post('create', validFrom, dueDay)
      expect(previewed.init?.status).toBe(400)
      expect(previewed.data.errors).toEqual(saved.data.errors)
      expect(Object.keys(previewed.data.errors).length).toBeGreaterThan(0)
      // the definition itself is fine: it is previewed next to the other fields' errors
      expect(previewed.data.preview).toBeTruthy()
    }
    const day31 = await post('preview', monthOf(addMonths(current, 1)), '31')
    expect(day31.data.errors).toEqual({ dueDay: ['截止日须为 1 到 28 之间的整数'] })
    expect(await countVersions()).toBe(before)
  })

  it('refuses a month that is not after the latest version’s, or that already has reports', async () => {
    const newest = await latest()
    const definition = JSON.stringify(newest.definition)
    const post = (validFrom: string) =>
      call<{ init?: { status: number }; data: { errors: Record<string, string[]> } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'create', validFrom, dueDay: '5', definition }))
    const same = await post(monthOf(newest.valid_from))
    expect(same.init?.status).toBe(400)
    // the month in words, as the page's month picker writes it
    const [year, month] = newest.valid_from.split('-').map(Number)
    expect(same.data.errors.validFrom).toEqual([`生效月份须晚于最新的第 ${newest.version} 版（${year}年${month}月 起）`])
    // a month with reports already being filed, after the latest version's month when there is one
    const earliest = (await withUser(await claimsFor(admin), (tx) => earliestNewValidFrom(tx, RUYUAN())))!
    if (addMonths(earliest, -1) > newest.valid_from) {
      const filed = await post(monthOf(addMonths(earliest, -1)))
      expect(filed.data.errors.validFrom![0]).toContain('已有村（社区）开始填报')
      expect(filed.data.errors.validFrom![0]).not.toMatch(/\d{4}-\d{2}/)
    }
    const tooFar = await post(monthOf(addMonths(current, 13)))
    const [lastYear, lastMonth] = addMonths(current, 12).split('-').map(Number)
    expect(tooFar.data.errors.validFrom).toEqual([`生效月份不能晚于 ${lastYear}年${lastMonth}月`])
    const badDay = await call<{ data: { errors: Record<string, string[]> } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'create', validFrom: monthOf(addMonths(current, 1)), dueDay: '31', definition }))
    expect(badDay.data.errors.dueDay).toEqual(['截止日须为 1 到 28 之间的整数'])
    // in English, the month as English pages write it
    const req = await request(admin, `${base()}/new`, form({ intent: 'create', validFrom: monthOf(newest.valid_from), dueDay: '5', definition }))
    req.headers.set('Cookie', `${req.headers.get('Cookie')}; ${(await localeCookie.serialize('en')).split(';')[0]!}`)
    const english = (await newTemplateAction({ request: req, params: { orgId: RUYUAN() }, context: {} })) as { data: { errors: Record<string, string[]> } }
    const name = new Date(Date.UTC(year!, month! - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
    expect(english.data.errors.validFrom).toEqual([`The month must be after that of the latest version, ${newest.version} (from ${name} ${year})`])
  })

  it('refuses to change the type of a field key earlier versions used', async () => {
    const newest = await latest()
    const def = structuredClone(newest.definition!)
    const first = def.sections[0]!.fields[0]!
    first.type = first.type === 'longtext' ? 'integer' : 'longtext'
    const result = await call<{ data: { errors: { definition: string[] } } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'create', validFrom: monthOf(addMonths(current, 1)), dueDay: '5', definition: JSON.stringify(def) }))
    expect(result.data.errors.definition[0]).toContain(`填报项 ${first.key}`)
  })

  it('adds a version from a later month and leaves every report filed before it as it was', async () => {
    const db = await getRawDb()
    const { rows: before } = await sql<{ id: string; template_id: string; values: unknown; revision: number }>`select id, template_id, values, revision from public.monthly_reports order by id`.execute(db)
    const newest = await latest()
    const def = structuredClone(newest.definition!)
    def.sections[0]!.fields.push({ key: 'new_field_for_test', type: 'integer', label: { 'zh-CN': '新增项', en: 'New field' }, required: false, outlierCheck: false })
    const validFrom = monthOf(addMonths(current, 1))
    let redirect: Response | undefined
    try {
      await newTemplateAction({ request: await request(admin, `${base()}/new`, form({ intent: 'create', validFrom, dueDay: '7', definition: JSON.stringify(def) })), params: { orgId: RUYUAN() }, context: {} })
    } catch (thrown) {
      redirect = thrown as Response
    }
    expect(redirect?.status).toBe(302)
    const created = await latest()
    expect(created).toMatchObject({ version: newest.version + 1, valid_from: `${validFrom}-01`, due_day: 7 })
    expect(redirect!.headers.get('Location')).toBe(`${base()}/${created.id}`)
    const { rows: after } = await sql<{ id: string; template_id: string; values: unknown; revision: number }>`select id, template_id, values, revision from public.monthly_reports order by id`.execute(db)
    expect(after).toEqual(before)
    // the same month again is refused by the app, and by the database (unique) even if it were not
    const again = await call<{ data: { errors: Record<string, string[]> } }>(newTemplateAction, admin, `${base()}/new`, { orgId: RUYUAN() }, form({ intent: 'create', validFrom, dueDay: '7', definition: JSON.stringify(def) }))
    expect(again.data.errors.validFrom).toBeTruthy()
    const staff = await claimsFor('county.staff@ruyuan.demo')
    await expect(
      withUser(staff, (tx) => sql`insert into public.report_templates (county_id, version, valid_from, definition, created_by) values (${RUYUAN()}, 99, '2030-01-01', '{"sections": []}', ${staff.sub})`.execute(tx)),
    ).rejects.toThrow()
  })

  async function latest() {
    return (await withUser(await claimsFor(admin), (tx) => latestTemplateVersion(tx, RUYUAN())))!
  }
  async function countVersions() {
    const db = await getRawDb()
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.report_templates where county_id = ${RUYUAN()}`.execute(db)
    return rows[0]!.n
  }
})

describe('home page notices', () => {
  it('tells the village what is returned, due or overdue, computed from today in Asia/Shanghai', async () => {
    const db = await getRawDb()
    const data = await call<{ notices: Awaited<ReturnType<typeof villageNotices>> }>(villageHome, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}`, { orgId: YUNMEN() })
    const previous = addMonths(current, -1)
    const report = await reportOf(db, YUNMEN(), previous)
    const { rows } = await sql<{ first_submitted_at: Date | null; due_on: string }>`select first_submitted_at, due_on from public.monthly_reports where id = ${report?.id ?? null}::uuid`.execute(db)
    const submitted = rows[0]?.first_submitted_at != null
    const last = data.notices.find((n) => n.period === previous)
    if (submitted) expect(last === undefined || last.kind === 'returned' || last.kind === 'reopened').toBe(true)
    else expect(last?.kind).toMatch(/^(due|overdue)$/)
    // the draft the setup left is overdue (its month is closed and past its due date), with the days counted from today
    for (const n of data.notices) {
      if (n.kind === 'overdue') expect(n.days).toBe(Math.round((Date.parse(today) - Date.parse(n.due_on)) / 86_400_000))
      if (n.kind === 'due') expect(n.due_on >= today).toBe(true)
    }
    if (filedByYunmen) expect(data.notices.find((n) => n.period === filedByYunmen!.period && (n.kind === 'due' || n.kind === 'overdue'))).toBeUndefined()
  })

  it('counts down to the due date, and up once it has passed', async () => {
    const page = await call<Completeness>(completenessLoader, 'county.staff@ruyuan.demo', `/county/${RUYUAN()}/completeness`, { orgId: RUYUAN() })
    const missing = page.overdue.find((o) => o.period === addMonths(current, -1)) ?? page.overdue[0]
    expect(missing, 'a village whose report is overdue').toBeTruthy()
    const claims = await claimsFor('county.staff@ruyuan.demo')
    const on = async (day: string) => (await withUser(claims, (tx) => villageNotices(tx, missing!.village.id, day))).find((n) => n.period === missing!.period)
    const shift = (n: number) => new Date(Date.parse(`${missing!.due_on}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
    expect(await on(shift(-2))).toMatchObject({ kind: 'due', due_on: missing!.due_on, days: 2 })
    expect(await on(missing!.due_on)).toMatchObject({ kind: 'due', days: 0 })
    expect(await on(shift(1))).toMatchObject({ kind: 'overdue', days: 1 })
  })

  it('shows a returned report with the reviewer’s reason', async () => {
    expect(filedByYunmen, 'the setup filed a report as the secretary').not.toBeNull()
    if (!filedByYunmen) return
    const town = await claimsFor('rucheng.admin@ruyuan.demo')
    await withUser(town, (tx) => sql`select public.review_monthly_report(${filedByYunmen!.id}::uuid, 'return', '党员大会次数与会议记录不符，请核实')`.execute(tx))
    const data = await call<{ notices: Awaited<ReturnType<typeof villageNotices>> }>(villageHome, 'yunmen.clerk@ruyuan.demo', `/village/${YUNMEN()}`, { orgId: YUNMEN() })
    expect(data.notices).toContainEqual({ kind: 'returned', period: filedByYunmen.period, reason: '党员大会次数与会议记录不符，请核实', reportId: filedByYunmen.id })
  })

  it('gives the town its counts: awaiting review as in the database, overdue villages as on the completeness page', async () => {
    const data = await call<{ notices: { awaitingReview: number; overdueVillages: number; overdueReports: number }; canReview: boolean }>(townHome, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}`, { orgId: RUCHENG() })
    const db = await getRawDb()
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.monthly_reports r join public.orgs v on v.id = r.village_id where v.parent_id = ${RUCHENG()} and r.state = 'submitted'`.execute(db)
    expect(data.notices.awaitingReview).toBe(rows[0]!.n)
    expect(data.canReview).toBe(true)
    const page = await call<Completeness>(completenessLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/completeness`, { orgId: RUCHENG() })
    expect(data.notices.overdueReports).toBe(page.overdue.length)
    expect(data.notices.overdueVillages).toBe(new Set(page.overdue.map((o) => o.village.id)).size)
  })
})
