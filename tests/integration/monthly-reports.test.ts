/**
 * The monthly report workflow through its loaders and actions, as real requests with real session
 * cookies: every transition as each role, including the forbidden ones. The tests file their own
 * reports in 2001 under their own template versions, so they do not depend on (or disturb) the
 * demo's reports; the database's refusals (RLS, guard trigger, workflow functions) are what is tested.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getRawDb, withUser } from '../../app/lib/db.server'
import { localeCookie } from '../../app/lib/i18n.server'
import { addMonths, currentPeriod, dueOn } from '../../app/domain/monthly-reports/schema'
import { fieldsOf, templateDefinitionSchema, type TemplateDefinition, type TemplateField } from '../../app/domain/monthly-reports/template'
import { action as reportAction, loader as reportLoader } from '../../app/routes/village/report'
import { loader as villageReportsLoader } from '../../app/routes/village/reports'
import { loader as queueLoader } from '../../app/routes/town/reports'
import { action as reviewAction, loader as reviewLoader } from '../../app/routes/shared/report-review'
import { loader as printLoader } from '../../app/routes/shared/report-print'
import { claimsFor, createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const SECRETARY = 'yunmen.secretary@ruyuan.demo'
const CLERK = 'yunmen.clerk@ruyuan.demo'
const OTHER_SECRETARY = 'daliaokeng.secretary@ruyuan.demo'
const TOWN_ADMIN = 'rucheng.admin@ruyuan.demo'
const OTHER_TOWN = 'youxi.staff@ruyuan.demo'
const COUNTY = 'county.staff@ruyuan.demo'
const MULTI = 'multi@ruyuan.demo'

const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const RUCHENG = () => orgIdOf(TOWN_ADMIN)
const YOUXI = () => orgIdOf(OTHER_TOWN)
const YUNMEN = () => orgIdOf(SECRETARY)
const DALIAOKENG = () => orgIdOf(OTHER_SECRETARY)

async function request(email: string, path: string, init: RequestInit & { lng?: 'en' } = {}) {
  const headers = new Headers(init.headers)
  const lng = init.lng ? `; ${(await localeCookie.serialize(init.lng)).split(';')[0]}` : ''
  headers.set('Cookie', `${await cookieFor(email)}${lng}`)
  return new Request(`${BASE}${path}`, { ...init, headers })
}

function post(values: Record<string, string>) {
  return { method: 'POST', body: new URLSearchParams(values), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
}

type RouteFn = (args: LoaderFunctionArgs) => Promise<unknown>
interface Outcome<T = Record<string, unknown>> {
  status: number
  data: T
  location: string | null
}

/** Runs a loader or action: its status (200 for plain data), its data, and where a redirect goes. */
async function run<T = Record<string, unknown>>(fn: RouteFn, req: Request, params: Record<string, string>): Promise<Outcome<T>> {
  try {
    const result = await fn({ request: req, params, context: {} })
    if (result instanceof Response) return { status: result.status, data: {} as T, location: result.headers.get('Location') }
    const wrapped = result as { type?: string; data?: T; init?: { status?: number } }
    if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, data: wrapped.data as T, location: null }
    return { status: 200, data: result as T, location: null }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: {} as T, location: thrown.headers.get('Location') }
    throw thrown
  }
}

const villagePath = (village: string, period: string) => `/village/${village}/reports/${period}`

/** POSTs the village report form as `email`. */
function villagePost(email: string, period: string, values: Record<string, string>, village = YUNMEN(), lng?: 'en') {
  return request(email, villagePath(village, period), { ...post(values), lng }).then((req) => run(reportAction, req, { orgId: village, period }))
}

async function villageGet(email: string, period: string, village = YUNMEN()) {
  return run<{ report: { id: string; revision: number; state: string; values: Record<string, unknown>; template: { version: number }; transitions: { to_state: string; reason: string | null }[] } | null; canEdit: boolean; canSubmit: boolean; thresholds: Record<string, number> }>(
    reportLoader,
    await request(email, villagePath(village, period)),
    { orgId: village, period },
  )
}

function townPath(town: string, reportId: string) {
  return `/town/${town}/reports/${reportId}`
}
async function reviewPost(email: string, reportId: string, values: Record<string, string>, portal: 'town' | 'county' = 'town', org = RUCHENG()) {
  const req = await request(email, `/${portal}/${org}/reports/${reportId}`, post(values))
  return run(reviewAction, req, { orgId: org, reportId })
}

async function reportRow(village: string, period: string) {
  const db = await getRawDb()
  const { rows } = await sql<{ id: string; state: string; revision: number; values: Record<string, unknown>; comments: Record<string, unknown> }>`
    select id, state, revision, values, comments from public.monthly_reports where village_id = ${village} and period = ${period}`.execute(db)
  return rows[0]
}

async function transitionsOf(reportId: string) {
  const db = await getRawDb()
  const { rows } = await sql<{ to_state: string; reason: string | null; values: Record<string, unknown> | null }>`
    select to_state, reason, values from public.report_transitions where report_id = ${reportId} order by occurred_at, id`.execute(db)
  return rows
}

// Section: the templates the tests file under (the seeded versions of Ruyuan, whatever they hold)

interface Template {
  version: number
  valid_from: string
  due_day: number
  definition: TemplateDefinition
}
const templates: Template[] = []
const months = { early: '', late: '', outlier: '', lateExisted: false }

/** The template version that applies to a month ('2026-02-01'). */
const templateOf = (period: string) => templates.find((t) => t.valid_from <= period)!

/** A complete, valid form for a template: every field filled in with a plausible value. */
function fullForm(definition: TemplateDefinition, overrides: Record<string, string> = {}): Record<string, string> {
  const value = (f: TemplateField) => {
    switch (f.type) {
      case 'integer':
        return String(Math.min(Math.max(f.min ?? 0, 1), f.max ?? 1))
      case 'decimal':
        return String(Math.min(Math.max(f.min ?? 0, 100.5), f.max ?? 100.5))
      case 'boolean':
        return 'true'
      case 'choice':
        return f.choices![0]!.value
      default:
        return '按计划完成'
    }
  }
  return { ...Object.fromEntries(fieldsOf(definition).map((f) => [`values.${f.key}`, value(f)])), ...overrides }
}

/** The first field of a template that fits. */
function fieldWhere(definition: TemplateDefinition, test: (f: TemplateField) => boolean): TemplateField {
  const field = fieldsOf(definition).find(test)
  if (!field) throw new Error('the template has no field the test needs')
  return field
}

beforeAll(async () => {
  await createTestDb()
  const db = await getRawDb()
  const { rows } = await sql<Template>`select version, valid_from::text as valid_from, due_day, definition from public.report_templates
                                        where county_id = ${RUYUAN()} order by valid_from desc`.execute(db)
  templates.push(...rows.map((r) => ({ ...r, definition: templateDefinitionSchema.parse(r.definition) })))
  const oldest = templates.at(-1)!
  // months of Yunmen with no report yet: one early under the oldest version, one under the newest
  const { rows: taken } = await sql<{ period: string }>`select period::text as period from public.monthly_reports where village_id = ${YUNMEN()}`.execute(db)
  const free = (p: string) => !taken.some((t) => t.period === p)
  const candidates = Array.from({ length: 24 }, (_, i) => addMonths(currentPeriod(), -i)).filter((p) => free(p) && templateOf(p))
  months.early = addMonths(oldest.valid_from, 1)
  months.outlier = addMonths(oldest.valid_from, 6)
  // prefer a month the demo already holds a report for: the tests then leave the demo's stories alone
  const recent = Array.from({ length: 24 }, (_, i) => addMonths(currentPeriod(), -i))
  months.late = recent.find((p) => !free(p) && templateOf(p) && templateOf(p).version !== oldest.version) ?? candidates.find((p) => templateOf(p).version !== oldest.version) ?? ''
  months.lateExisted = !free(months.late)
  expect(free(months.early) && free(months.outlier) && templateOf(months.outlier).version === oldest.version).toBe(true)
})
/** On a shared Postgres (DATABASE_URL) the next test files see this database: take back what the tests filed. */
afterAll(async () => {
  const db = await getRawDb()
  const periods = [months.early, months.outlier, ...[1, 2, 3].map((n) => addMonths(months.outlier, -n)), ...(months.lateExisted ? [] : [months.late])]
  await sql`delete from public.monthly_reports where village_id in (${YUNMEN()}, ${DALIAOKENG()}) and period::text in (${sql.join(periods)})`.execute(db)
  await closeDb()
})

const param = (period: string) => period.slice(0, 7)

const E = () => months.early
const EP = () => param(months.early)
const D = () => templateOf(months.early).definition
const intMax = () => fieldWhere(D(), (f) => f.type === 'integer' && f.max !== undefined && f.max >= 2)
const intOther = () => fieldWhere(D(), (f) => f.type === 'integer' && f.key !== intMax().key)
const dec = () => fieldWhere(D(), (f) => f.type === 'decimal' && (f.scale ?? 2) === 2)
const v = (f: TemplateField) => `values.${f.key}`

describe('starting a month', () => {
  it('starts the report once, whoever clicks and however often', async () => {
    expect((await villageGet(SECRETARY, EP())).data.report).toBeNull()
    const first = await villagePost(SECRETARY, EP(), { intent: 'start' })
    expect(first.status).toBe(302)
    expect(first.location).toBe(villagePath(YUNMEN(), EP()))
    expect((await villagePost(CLERK, EP(), { intent: 'start' })).status).toBe(302)
    const db = await getRawDb()
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.monthly_reports where village_id = ${YUNMEN()} and period = ${E()}`.execute(db)
    expect(rows[0]!.n).toBe(1)
    expect(await reportRow(YUNMEN(), E())).toMatchObject({ state: 'draft', revision: 1 })
  })

  it('files each month under the template version valid then, and shows it so later', async () => {
    expect(months.late).not.toBe('')
    if (!months.lateExisted) expect((await villagePost(CLERK, param(months.late), { intent: 'start' })).status).toBe(302)
    const early = await villageGet(CLERK, EP())
    const late = await villageGet(CLERK, param(months.late))
    expect(early.data.report?.template.version).toBe(templateOf(E()).version)
    expect(late.data.report?.template.version).toBe(templateOf(months.late).version)
    expect(early.data.report?.template.version).not.toBe(late.data.report?.template.version)
    const db = await getRawDb()
    const { rows } = await sql<{ due_on: string }>`select due_on::text as due_on from public.monthly_reports where village_id = ${YUNMEN()} and period = ${E()}`.execute(db)
    expect(rows[0]!.due_on).toBe(dueOn(E(), templateOf(E()).due_day))
  })

  it('refuses months that have not begun or that no template covers, and other villages’ users', async () => {
    const future = param(addMonths(currentPeriod(), 1))
    expect((await villageGet(SECRETARY, future)).status).toBe(404)
    expect((await villagePost(SECRETARY, future, { intent: 'start' })).status).toBe(404)
    const before = await villagePost(SECRETARY, param(addMonths(templates.at(-1)!.valid_from, -1)), { intent: 'start' })
    expect(before.status).toBe(409)
    expect((before.data as { formError: string }).formError).toBe('本月没有适用的报表模板，暂不能填报。')
    expect((await villagePost(OTHER_SECRETARY, EP(), { intent: 'start' })).status).toBe(404)
    expect((await villageGet(OTHER_SECRETARY, EP())).status).toBe(404)
    expect((await villageGet(SECRETARY, '2026-13')).status).toBe(404)
  })

  it('lists the month among the village’s reports', async () => {
    const list = await run<{ months: { period: string; report: { state: string } | null }[] }>(villageReportsLoader, await request(CLERK, `/village/${YUNMEN()}/reports`), { orgId: YUNMEN() })
    expect(list.status).toBe(200)
    expect(list.data.months.find((m) => m.period === E())?.report?.state).toBe('draft')
  })
})

describe('saving a draft', () => {
  it('accepts incomplete values, bumps the revision and keeps the values', async () => {
    const before = await reportRow(YUNMEN(), E())
    const saved = await villagePost(CLERK, EP(), { intent: 'save', revision: String(before!.revision), [v(intMax())]: '2', [v(dec())]: '1,200.5' })
    expect(saved.status).toBe(302)
    expect(saved.location).toBe(`${villagePath(YUNMEN(), EP())}?done=saved`)
    const after = await reportRow(YUNMEN(), E())
    expect(after).toMatchObject({ state: 'draft', revision: before!.revision + 1, values: { [intMax().key]: 2, [dec().key]: '1200.50' } })
    expect(Object.keys(after!.values)).toHaveLength(2)
  })

  it('rejects malformed values with 400, in the user’s language, keeping what was typed', async () => {
    const row = await reportRow(YUNMEN(), E())
    const typed = { intent: 'save', revision: String(row!.revision), [v(intOther())]: 'abc', [v(intMax())]: String(intMax().max! + 1), [v(dec())]: '1.234' }
    const zh = await villagePost(CLERK, EP(), typed)
    expect(zh.status).toBe(400)
    const data = zh.data as { errors: Record<string, string[]>; values: Record<string, string> }
    expect(data.errors).toEqual({
      [v(intOther())]: ['请输入整数'],
      [v(intMax())]: [`不能大于 ${intMax().max}`],
      [v(dec())]: ['最多保留 2 位小数'],
    })
    expect(data.values).toMatchObject({ [intOther().key]: 'abc', [dec().key]: '1.234' })
    const en = await villagePost(CLERK, EP(), typed, YUNMEN(), 'en')
    expect((en.data as { errors: Record<string, string[]> }).errors[v(intOther())]).toEqual(['Enter a whole number'])
    expect(await reportRow(YUNMEN(), E())).toEqual(row)
  })

  it('answers a stale form with 409 and the differences, saving nothing', async () => {
    const row = await reportRow(YUNMEN(), E())
    const result = await villagePost(CLERK, EP(), { intent: 'save', revision: String(row!.revision - 1), [v(intMax())]: '3' })
    expect(result.status).toBe(409)
    const data = result.data as { formError: string; values: Record<string, string>; conflicts: { key: string; before: unknown; after: unknown }[] }
    expect(data.formError).toContain('已被修改（他人，或您在另一个窗口）')
    expect(data.values[intMax().key]).toBe('3')
    expect(data.conflicts).toHaveLength(2)
    expect(data.conflicts).toEqual(
      expect.arrayContaining([
        { key: intMax().key, before: 2, after: 3 },
        { key: dec().key, before: '1200.50', after: null },
      ]),
    )
    expect(await reportRow(YUNMEN(), E())).toEqual(row)
  })
})

describe('submitting', () => {
  it('requires the required fields on submit', async () => {
    const row = await reportRow(YUNMEN(), E())
    const result = await villagePost(SECRETARY, EP(), { intent: 'submit', revision: String(row!.revision), [v(intMax())]: '2' })
    expect(result.status).toBe(400)
    const required = fieldsOf(D()).filter((f) => f.required && f.key !== intMax().key).map(v)
    expect(required.length).toBeGreaterThan(0)
    expect(Object.keys((result.data as { errors: object }).errors).sort()).toEqual(required.sort())
    expect((await reportRow(YUNMEN(), E()))!.state).toBe('draft')
  })

  it('refuses the clerk (403), saving nothing and recording nothing', async () => {
    const row = await reportRow(YUNMEN(), E())
    expect((await villageGet(CLERK, EP())).data.canSubmit).toBe(false)
    const result = await villagePost(CLERK, EP(), { intent: 'submit', revision: String(row!.revision), ...fullForm(D()) })
    expect(result.status).toBe(403)
    expect((result.data as { formError: string }).formError).toBe('只有党支部书记可以报送月度报告。您填写的内容没有保存。')
    expect(await reportRow(YUNMEN(), E())).toEqual(row)
    expect(await transitionsOf(row!.id)).toEqual([])
  })

  it('lets the secretary submit once: a resent form makes no second transition', async () => {
    const row = await reportRow(YUNMEN(), E())
    const form = { intent: 'submit', revision: String(row!.revision), ...fullForm(D()) }
    const first = await villagePost(SECRETARY, EP(), form)
    expect(first.status).toBe(302)
    expect(first.location).toBe(`${villagePath(YUNMEN(), EP())}?done=submitted`)
    const second = await villagePost(SECRETARY, EP(), form)
    expect(second.status).toBe(302)
    expect(second.location).toBe(`${villagePath(YUNMEN(), EP())}?done=already`)
    const after = await reportRow(YUNMEN(), E())
    expect(after).toMatchObject({ state: 'submitted', values: { [intMax().key]: 1, [dec().key]: '100.50' } })
    const history = await transitionsOf(row!.id)
    expect(history.map((h) => h.to_state)).toEqual(['submitted'])
    expect(history[0]!.values).toEqual(after!.values)
  })

  it('refuses edits to a submitted report (409) and changes nothing, listing what was typed against what was submitted', async () => {
    const row = await reportRow(YUNMEN(), E())
    // a form still open in another tab: typed there after the report was submitted here
    const result = await villagePost(CLERK, EP(), { intent: 'save', revision: String(row!.revision - 1), ...fullForm(D(), { [v(intMax())]: '2', [`comments.${intMax().key}`]: '第二个标签页里写的说明' }) })
    expect(result.status).toBe(409)
    const data = result.data as { formError: string; conflictKind: string; conflicts: unknown[]; commentConflicts: unknown[] }
    expect(data.formError).toContain('已报送')
    // the page shows no form any more: this list is what keeps the typed values in view
    expect(data.conflictKind).toBe('locked')
    expect(data.conflicts).toEqual([{ key: intMax().key, before: 1, after: 2 }])
    expect(data.commentConflicts).toEqual([{ key: intMax().key, before: null, after: '第二个标签页里写的说明' }])
    expect(await reportRow(YUNMEN(), E())).toEqual(row)
    expect((await villageGet(SECRETARY, EP())).data).toMatchObject({ canEdit: false, canSubmit: false })
  })
})

describe('the town’s review', () => {
  let reportId = ''
  beforeAll(async () => {
    reportId = (await reportRow(YUNMEN(), E()))!.id
  })

  it('queues submitted reports by default and filters by month and state in the URL', async () => {
    const queue = async (query: string) =>
      run<{ reports: { id: string; state: string; period: string }[] }>(queueLoader, await request(TOWN_ADMIN, `/town/${RUCHENG()}/reports${query}`), { orgId: RUCHENG() })
    const waiting = await queue('')
    expect(waiting.status).toBe(200)
    expect(waiting.data.reports.map((r) => r.id)).toContain(reportId)
    expect(waiting.data.reports.every((r) => r.state === 'submitted')).toBe(true)
    expect((await queue(`?period=${EP()}&state=submitted`)).data.reports.map((r) => r.id)).toEqual([reportId])
    expect((await queue(`?period=${EP()}&state=approved`)).data.reports).toEqual([])
    expect((await queue(`?period=${EP()}&state=all`)).data.reports.map((r) => r.id)).toEqual([reportId])
    // a village user has no review queue
    expect((await run(queueLoader, await request(SECRETARY, `/town/${RUCHENG()}/reports`), { orgId: RUCHENG() })).status).toBe(403)
  })

  it('pages the queue by 50 with the total, every report once across the pages, in the same order as one long list', async () => {
    type Page = { reports: { id: string }[]; total: number }
    const page = async (query: string) =>
      (await run<Page>(queueLoader, await request(TOWN_ADMIN, `/town/${RUCHENG()}/reports${query}`), { orgId: RUCHENG() })).data
    const first = await page('?state=all')
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from public.monthly_reports r
       where r.village_id in (select descendant_id from public.org_closure where ancestor_id = ${RUCHENG()})`.execute(await getRawDb())
    expect(first.total).toBe(rows[0]!.n)
    expect(first.total).toBeGreaterThan(50)
    expect(first.reports).toHaveLength(50)
    const pages = Math.ceil(first.total / 50)
    const ids = [...first.reports.map((r) => r.id)]
    for (let n = 2; n <= pages; n++) {
      const next = await page(`?state=all&page=${n}`)
      expect(next.total).toBe(first.total)
      ids.push(...next.reports.map((r) => r.id))
    }
    expect(ids).toHaveLength(first.total)
    expect(new Set(ids).size).toBe(first.total)
    // past the last page: nothing, not an error; nonsense: the first page
    const beyond = await page(`?state=all&page=${pages + 1}`)
    expect([beyond.reports.length, beyond.total]).toEqual([0, first.total])
    expect((await page('?state=all&page=abc')).reports.map((r) => r.id)).toEqual(first.reports.map((r) => r.id))
    // a filter's total counts what the filter keeps, on every page
    const approved = await sql<{ n: number }>`
      select count(*)::int as n from public.monthly_reports r
       where r.state = 'approved' and r.village_id in (select descendant_id from public.org_closure where ancestor_id = ${RUCHENG()})`.execute(await getRawDb())
    expect(approved.rows[0]!.n).toBeGreaterThan(0)
    expect((await page('?state=approved')).total).toBe(approved.rows[0]!.n)
    expect((await page('?state=approved&page=99')).total).toBe(approved.rows[0]!.n)
  })

  it('hides the report from another town, and from a county role reached through the town portal', async () => {
    expect((await run(reviewLoader, await request(TOWN_ADMIN, townPath(RUCHENG(), reportId)), { orgId: RUCHENG(), reportId })).status).toBe(200)
    expect((await run(reviewLoader, await request(OTHER_TOWN, townPath(YOUXI(), reportId)), { orgId: YOUXI(), reportId })).status).toBe(404)
    expect((await reviewPost(OTHER_TOWN, reportId, { intent: 'approve' }, 'town', YOUXI())).status).toBe(404)
    // multi@ holds a county role and Rucheng's town role: Daliaokeng (Youxi) is not in the Rucheng portal
    expect((await villagePost(OTHER_SECRETARY, EP(), { intent: 'start' }, DALIAOKENG())).status).toBe(302)
    const other = (await reportRow(DALIAOKENG(), E()))!.id
    expect((await run(reviewLoader, await request(MULTI, townPath(RUCHENG(), other)), { orgId: RUCHENG(), reportId: other })).status).toBe(404)
    expect((await run(reviewLoader, await request(MULTI, `/county/${RUYUAN()}/reports/${other}`), { orgId: RUYUAN(), reportId: other })).status).toBe(200)
    expect((await run(reviewLoader, await request(TOWN_ADMIN, townPath(RUCHENG(), 'not-a-uuid')), { orgId: RUCHENG(), reportId: 'not-a-uuid' })).status).toBe(404)
  })

  it('refuses the county (403) and a village user (403): neither reviews', async () => {
    expect((await reviewPost(COUNTY, reportId, { intent: 'approve' }, 'county', RUYUAN())).status).toBe(403)
    const page = await run<{ canReview: boolean }>(reviewLoader, await request(COUNTY, `/county/${RUYUAN()}/reports/${reportId}`), { orgId: RUYUAN(), reportId })
    expect(page.data.canReview).toBe(false)
    expect((await reviewPost(SECRETARY, reportId, { intent: 'approve' })).status).toBe(403)
    expect((await reportRow(YUNMEN(), E()))!.state).toBe('submitted')
  })

  it('needs a reason to return the report (400), then returns it with the reason the village sees', async () => {
    const missing = await reviewPost(TOWN_ADMIN, reportId, { intent: 'return', reason: '  ' })
    expect(missing.status).toBe(400)
    expect((missing.data as { errors: Record<string, string[]> }).errors.reason).toEqual(['请填写原因'])
    expect((await reportRow(YUNMEN(), E()))!.state).toBe('submitted')

    const reason = '走访户数与村情笔记记录不一致，请核实后重新报送'
    const returned = await reviewPost(TOWN_ADMIN, reportId, { intent: 'return', reason })
    expect(returned.status).toBe(302)
    expect(returned.location).toBe(`${townPath(RUCHENG(), reportId)}?done=return`)
    // a second click is not an error and records nothing more
    expect((await reviewPost(TOWN_ADMIN, reportId, { intent: 'return', reason })).status).toBe(302)
    expect((await transitionsOf(reportId)).map((h) => h.to_state)).toEqual(['submitted', 'returned'])

    const village = await villageGet(SECRETARY, EP())
    expect(village.data).toMatchObject({ canEdit: true, canSubmit: true })
    expect(village.data.report?.transitions.at(-1)).toMatchObject({ to_state: 'returned', reason })
  })

  it('shows the reviewer what changed since the previous submission', async () => {
    const row = await reportRow(YUNMEN(), E())
    const resubmit = await villagePost(SECRETARY, EP(), { intent: 'submit', revision: String(row!.revision), ...fullForm(D(), { [v(intMax())]: '2', [v(dec())]: '200' }) })
    expect(resubmit.status).toBe(302)
    const page = await run<{ changes: { key: string; before: unknown; after: unknown }[] | null }>(
      reviewLoader,
      await request(TOWN_ADMIN, townPath(RUCHENG(), reportId)),
      { orgId: RUCHENG(), reportId },
    )
    expect(page.data.changes).toHaveLength(2)
    expect(page.data.changes).toEqual(
      expect.arrayContaining([
        { key: intMax().key, before: 1, after: 2 },
        { key: dec().key, before: '100.50', after: '200.00' },
      ]),
    )
  })

  it('approves once, and then the village cannot change the report by any POST', async () => {
    expect((await reviewPost(TOWN_ADMIN, reportId, { intent: 'approve' })).status).toBe(302)
    expect((await reviewPost(TOWN_ADMIN, reportId, { intent: 'approve' })).status).toBe(302)
    expect((await transitionsOf(reportId)).map((h) => h.to_state)).toEqual(['submitted', 'returned', 'submitted', 'approved'])
    // the pages show that history as recorded, oldest first, with the instants as dates
    type Shown = { report: { transitions: { to_state: string; reason: string | null; values: unknown; occurred_at: Date; actor_name: string | null }[] } }
    const review = await run<Shown>(reviewLoader, await request(TOWN_ADMIN, townPath(RUCHENG(), reportId)), { orgId: RUCHENG(), reportId })
    const shown = review.data.report.transitions
    expect(shown.map(({ to_state, reason, values }) => ({ to_state, reason, values }))).toEqual(await transitionsOf(reportId))
    expect(shown.every((h) => h.occurred_at instanceof Date && !Number.isNaN(h.occurred_at.getTime()))).toBe(true)
    expect(shown.map((h) => h.occurred_at.getTime())).toEqual(shown.map((h) => h.occurred_at.getTime()).sort((a, b) => a - b))
    expect(shown.every((h) => typeof h.actor_name === 'string')).toBe(true)
    // the village sees the same history (the town's names only as far as its profiles' RLS lets it)
    const withoutNames = (list: object[]) => list.map((h) => ({ ...h, actor_name: undefined }))
    expect(withoutNames((await villageGet(SECRETARY, EP())).data.report!.transitions)).toEqual(withoutNames(shown))
    // returning an approved report is no longer a review decision
    expect((await reviewPost(TOWN_ADMIN, reportId, { intent: 'return', reason: '再看看' })).status).toBe(409)

    const locked = await reportRow(YUNMEN(), E())
    const hand = fullForm(D(), { [v(intMax())]: '3' })
    for (const [email, intent] of [[SECRETARY, 'save'], [SECRETARY, 'submit'], [CLERK, 'save']] as const) {
      const result = await villagePost(email, EP(), { intent, revision: String(locked!.revision), ...hand })
      expect(result.status).toBe(409)
      expect((result.data as { formError: string }).formError).toBe('报告当前状态为“已审核通过”，不能再修改。您填写的内容没有保存。')
    }
    // not even an update straight to the table as the secretary: RLS leaves no row to change
    const claims = await claimsFor(SECRETARY)
    const updated = await withUser(claims, (tx) => sql`update public.monthly_reports set values = '{}'::jsonb where id = ${reportId}`.execute(tx))
    expect(Number(updated.numAffectedRows ?? 0)).toBe(0)
    expect(await reportRow(YUNMEN(), E())).toEqual(locked)
  })

  it('reopens an approved report only with a reason; the village may edit again', async () => {
    expect((await reviewPost(TOWN_ADMIN, reportId, { intent: 'reopen' })).status).toBe(400)
    expect((await reviewPost(COUNTY, reportId, { intent: 'reopen', reason: '抽查' }, 'county', RUYUAN())).status).toBe(403)
    expect((await reviewPost(OTHER_TOWN, reportId, { intent: 'reopen', reason: '抽查' }, 'town', YOUXI())).status).toBe(404)
    expect((await reportRow(YUNMEN(), E()))!.state).toBe('approved')
    expect((await reviewPost(TOWN_ADMIN, reportId, { intent: 'reopen', reason: '县委组织部抽查，请补充说明集体收入' })).status).toBe(302)
    expect((await reportRow(YUNMEN(), E()))!.state).toBe('reopened')
    expect((await villageGet(CLERK, EP())).data.canEdit).toBe(true)
    const row = await reportRow(YUNMEN(), E())
    expect((await villagePost(CLERK, EP(), { intent: 'save', revision: String(row!.revision), ...fullForm(D(), { [v(dec())]: '800' }) })).status).toBe(302)
    expect((await reportRow(YUNMEN(), E()))!.values[dec().key]).toBe('800.00')
  })

  it('lets town staff review their own town’s reports too', async () => {
    const row = await reportRow(DALIAOKENG(), E())
    // a draft that was never submitted cannot be approved
    expect(row!.state).toBe('draft')
    expect((await reviewPost(OTHER_TOWN, row!.id, { intent: 'approve' }, 'town', YOUXI())).status).toBe(409)
    expect((await villagePost(OTHER_SECRETARY, EP(), { intent: 'submit', revision: String(row!.revision), ...fullForm(D()) }, DALIAOKENG())).status).toBe(302)
    expect((await reviewPost(TOWN_ADMIN, row!.id, { intent: 'approve' })).status).toBe(404)
    expect((await reviewPost(OTHER_TOWN, row!.id, { intent: 'approve' }, 'town', YOUXI())).status).toBe(302)
    expect((await reportRow(DALIAOKENG(), E()))!.state).toBe('approved')
  })

  it('prints for the village by month and for the town by id, within scope only', async () => {
    const village = await run(printLoader, await request(CLERK, `${villagePath(YUNMEN(), EP())}/print`), { orgId: YUNMEN(), period: EP() })
    expect(village.status).toBe(200)
    const town = await run(printLoader, await request(TOWN_ADMIN, `${townPath(RUCHENG(), reportId)}/print`), { orgId: RUCHENG(), reportId })
    expect(town.status).toBe(200)
    const other = await run(printLoader, await request(OTHER_TOWN, `${townPath(YOUXI(), reportId)}/print`), { orgId: YOUXI(), reportId })
    expect(other.status).toBe(404)
  })
})

describe('outliers', () => {
  const O = () => months.outlier
  const counted = () => fieldWhere(templateOf(O()).definition, (f) => f.type === 'integer' && f.outlierCheck && (f.max ?? Infinity) >= 40)

  beforeAll(async () => {
    // three approved months of history just before, 3 a month for one counted field (service path)
    const db = await getRawDb()
    for (const back of [1, 2, 3]) {
      await sql`insert into public.monthly_reports (village_id, period, state, values, first_submitted_at, submitted_at)
                values (${YUNMEN()}, ${addMonths(O(), -back)}, 'approved', ${JSON.stringify({ [counted().key]: 3 })}::jsonb, now(), now())`.execute(db)
    }
    expect((await villagePost(SECRETARY, param(O()), { intent: 'start' })).status).toBe(302)
  })

  it('asks for a comment on a value far above the village’s history to submit, not to save', async () => {
    const page = await villageGet(SECRETARY, param(O()))
    // max(3 × median 3, median 3 + 10)
    expect(page.data.thresholds).toEqual({ [counted().key]: 13 })
    const typed = fullForm(templateOf(O()).definition, { [v(counted())]: '40' })
    let row = await reportRow(YUNMEN(), O())
    expect((await villagePost(SECRETARY, param(O()), { intent: 'save', revision: String(row!.revision), ...typed })).status).toBe(302)

    row = await reportRow(YUNMEN(), O())
    const refused = await villagePost(SECRETARY, param(O()), { intent: 'submit', revision: String(row!.revision), ...typed })
    expect(refused.status).toBe(400)
    expect((refused.data as { errors: Record<string, string[]> }).errors).toEqual({ [`comments.${counted().key}`]: ['该数值明显高于本村以往水平，请填写情况说明'] })
    expect((await reportRow(YUNMEN(), O()))!.state).toBe('draft')

    const comment = '开展党员冬训集中入户走访'
    const explained = await villagePost(SECRETARY, param(O()), { intent: 'submit', revision: String(row!.revision), ...typed, [`comments.${counted().key}`]: comment })
    expect(explained.status).toBe(302)
    expect(await reportRow(YUNMEN(), O())).toMatchObject({ state: 'submitted', comments: { [counted().key]: comment } })

    // the reviewer is shown the same thresholds, from the same history; neither page sends the history itself
    const reportId = (await reportRow(YUNMEN(), O()))!.id
    const review = await run<{ thresholds: Record<string, number>; report: object }>(reviewLoader, await request(TOWN_ADMIN, townPath(RUCHENG(), reportId)), { orgId: RUCHENG(), reportId })
    expect(review.data.thresholds).toEqual({ [counted().key]: 13 })
    expect('history' in review.data.report).toBe(false)
    expect('history' in (await villageGet(SECRETARY, param(O()))).data.report!).toBe(false)
  })
})
