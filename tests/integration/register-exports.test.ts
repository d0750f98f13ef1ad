/**
 * XLSX and CSV exports of the pairing registers (activities, visit diaries) and of the concern register,
 * through the route loaders with real session cookies: the file's rows are the register's rows for the
 * same filter (as the page's own domain function pages through them, in its order), RLS decides what is in
 * the file (a unit: only its own records, never a private one), other tenants are refused, the CSV is
 * UTF-8 with a BOM, CRLF and RFC 4180 quoting, and a text that starts like a formula cannot run as one.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import type { TFunction } from 'i18next'
import { sql } from 'kysely'
import { readSheet } from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportConcerns, listConcerns, CONCERNS_PAGE_SIZE, type ConcernRow } from '../../app/domain/concerns/concerns.server'
import { concernFilterFrom, type ConcernKind } from '../../app/domain/concerns/schema'
import { registerFilterFrom } from '../../app/domain/pairing/filters'
import { listActivities, listVisits, PAGE_SIZE, type ActivityRow, type Scope, type VisitRow } from '../../app/domain/pairing/records.server'
import { neutraliseFormula } from '../../app/lib/csv.server'
import { closeDb, getRawDb, withUser } from '../../app/lib/db.server'
import { getFixedT, localeCookie } from '../../app/lib/i18n.server'
import { demoUserId } from '../../app/lib/seed.server'
import { EXPORT_LIMIT } from '../../app/lib/register-export.server'
import { loader as recordsExport } from '../../app/routes/shared/records-export'
import { loader as concernsExport } from '../../app/routes/shared/concerns-export'
import { claimsFor, createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const COUNTY = 'county.admin@ruyuan.demo'
const TOWN = 'rucheng.admin@ruyuan.demo'
const VILLAGE = 'yunmen.secretary@ruyuan.demo'
const UNIT_LIAISON = 'unit.liaison@ruyuan.demo'
const RUYUAN = () => orgIdOf(COUNTY)
const RUCHENG = () => orgIdOf(TOWN)
const YUNMEN = () => orgIdOf(VILLAGE)
const UNIT = () => orgIdOf(UNIT_LIAISON)

type LoaderFn = (args: LoaderFunctionArgs) => Promise<unknown>
type Portal = Scope['portal']
type Format = 'xlsx' | 'csv'
/** A cell as the file should hold it: text, a number, a day as 'YYYY-MM-DD', or empty. */
type Value = string | number | null

async function request(email: string, path: string, english = false) {
  const headers = new Headers({ Cookie: await cookieFor(email) })
  if (english) headers.set('Cookie', `${headers.get('Cookie')}; ${(await localeCookie.serialize('en')).split(';')[0]}`)
  return new Request(`${BASE}${path}`, { headers })
}

async function download(fn: LoaderFn, email: string, path: string, orgId: string, english = false): Promise<Response> {
  return (await fn({ request: await request(email, path, english), params: { orgId }, context: {} })) as Response
}

async function statusOf(fn: LoaderFn, email: string, path: string, orgId: string) {
  try {
    return ((await fn({ request: await request(email, path), params: { orgId }, context: {} })) as Response).status
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

/** RFC 4180 reader for the test: the BOM first, CRLF after every row, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') field += text[++i]
      else quoted = false
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (c === '\r' || c === '\n' || c === '"') throw new Error(`a bare ${JSON.stringify(c)} outside quotes at ${i}`)
    else field += c
  }
  if (field !== '' || row.length) throw new Error('the last row does not end with CRLF')
  return rows
}

/** The file's header and rows, read back: XLSX days (Excel dates) as 'YYYY-MM-DD'; CSV cells typed as `expected`'s (numbers, empty as null). */
async function rowsOf(response: Response, format: Format, expected: Value[][]): Promise<{ header: string[]; rows: Value[][]; raw: string }> {
  expect(response.status).toBe(200)
  const bytes = Buffer.from(await response.arrayBuffer())
  if (format === 'xlsx') {
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const [header, ...rows] = (await readSheet(bytes, { trim: false })) as (string | number | Date | boolean | null)[][]
    const value = (v: string | number | Date | boolean | null): Value => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'boolean' ? String(v) : v)
    return { header: header as string[], rows: rows.map((r) => r.map(value)), raw: '' }
  }
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  const [header, ...rows] = parseCsv(raw)
  const typed = rows.map((r, i) => r.map((c, j): Value => (c === '' ? null : typeof expected[i]?.[j] === 'number' ? Number(c) : c)))
  return { header: header!, rows: typed, raw }
}

/** Empty text is an empty cell in both formats. */
const cells = (rows: Value[][]) => rows.map((r) => r.map((v) => (v === '' ? null : v)))

/** What the CSV holds for a text: the expected rows with the formula guard applied (the workbook keeps text as it is). */
const asCsv = (rows: Value[][]) => rows.map((r) => r.map((v) => (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? neutraliseFormula(v) : v)))

/** Every row the register page would list for this URL, page after page, through the page's own domain function. */
async function registerRows<R>(email: string, list: (tx: Parameters<Parameters<typeof withUser>[1]>[0], page: number) => Promise<{ rows: R[] }>, pageSize: number): Promise<R[]> {
  const all: R[] = []
  for (let page = 1; ; page++) {
    const { rows } = await withUser(await claimsFor(email), (tx) => list(tx, page))
    all.push(...rows)
    if (rows.length < pageSize) return all
  }
}

const activityRows = (email: string, scope: Scope, query: string) =>
  registerRows<ActivityRow>(email, (tx, page) => listActivities(tx, scope, { ...registerFilterFrom(new URL(`${BASE}/x?${query}`)), page }), PAGE_SIZE)
const visitRows = (email: string, scope: Scope, query: string) =>
  registerRows<VisitRow>(email, (tx, page) => listVisits(tx, scope, { ...registerFilterFrom(new URL(`${BASE}/x?${query}`)), page }), PAGE_SIZE)
const concernRows = (email: string, portal: Portal, orgId: string, query: string) =>
  registerRows<ConcernRow>(email, (tx, page) => listConcerns(tx, portal, orgId, concernFilterFrom(new URL(`${BASE}/x?${query}`)), page), CONCERNS_PAGE_SIZE)

let tp: TFunction
let tc: TFunction
const activityValues = (r: ActivityRow): Value[] => [
  r.occurred_on,
  tp(`kinds.${r.kind}`),
  r.title,
  r.village_name,
  r.unit_name ?? tp('activities.byVillage'),
  r.participants,
  r.funds === null ? null : Number(r.funds),
  r.goods,
]
const visitValues = (r: VisitRow): Value[] => [r.visited_on, r.village_name, r.unit_name, r.cadre_name, r.people_met, r.notes]
const concernValues = (tab: ConcernKind, portal: Portal) => (r: ConcernRow): Value[] => [
  r.headline,
  r.village_name,
  r.on,
  ...(tab === 'case' ? [r.state ? tc(`states.${r.state}`) : null, r.owner_name, r.due_on] : []),
  ...(tab === 'file' ? [r.detail] : []),
  r.unit_name,
  ...(portal === 'unit' ? [] : [r.is_private ? '是' : '否']),
]

const ACTIVITY_HEADER = ['日期', '类别', '活动名称', '村（社区）', '帮扶单位', '参加人数', '资金（元）', '物资']
const VISIT_HEADER = ['走访日期', '村（社区）', '帮扶单位', '干部', '走访人数', '笔记']

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const stamp = Date.now().toString(36)
const FORMULA_TITLE = `=HYPERLINK("http://example.invalid/${stamp}","点此领取补贴")`

beforeAll(async () => {
  const db = await createTestDb()
  tp = await getFixedT('zh-CN', 'pairing')
  tc = await getFixedT('zh-CN', 'concerns')
  // a village's own activity whose title and goods start like formulas, and a quote, comma and line break to quote
  await db
    .insertInto('pairing_activities')
    .values({ village_id: YUNMEN(), unit_id: null, kind: 'deliver_care', occurred_on: today, title: FORMULA_TITLE, description: null, participants: 3, funds: '1234.50', goods: '@SUM(1,2)\n大米 "10" 袋, 食用油', created_by: demoUserId(VILLAGE) })
    .execute()
  // an opinion of the unit in 云门村 the village marked private, and one it did not: the unit's export holds only the second
  await db
    .insertInto('opinions')
    .values([
      { village_id: YUNMEN(), unit_id: UNIT(), content: `私密意见 ${stamp}`, raised_on: today, is_private: true, created_by: demoUserId(UNIT_LIAISON) },
      { village_id: YUNMEN(), unit_id: UNIT(), content: `公开意见 ${stamp}`, raised_on: today, is_private: false, created_by: demoUserId(UNIT_LIAISON) },
    ])
    .execute()
})
afterAll(async () => {
  // on Postgres the files share one database: leave the registers as the seed made them
  const db = await getRawDb()
  await db.deleteFrom('pairing_activities').where('title', '=', FORMULA_TITLE).execute()
  await db.deleteFrom('opinions').where('content', 'in', [`私密意见 ${stamp}`, `公开意见 ${stamp}`]).execute()
  await closeDb()
})

describe('activity and visit-diary exports', () => {
  const cases: { who: string; portal: Portal; orgId: () => string; query: string }[] = [
    { who: COUNTY, portal: 'county', orgId: RUYUAN, query: '' },
    { who: TOWN, portal: 'town', orgId: RUCHENG, query: 'sort=village&dir=asc' },
    { who: VILLAGE, portal: 'village', orgId: YUNMEN, query: 'dir=asc' },
    { who: UNIT_LIAISON, portal: 'unit', orgId: UNIT, query: '' },
  ]
  for (const { who, portal, orgId, query } of cases) {
    for (const format of ['xlsx', 'csv'] as const) {
      it(`hold the register's activities, in its order, for ${portal} (${format}${query ? `, ?${query}` : ''})`, async () => {
        const expected = cells((await activityRows(who, { portal, orgId: orgId() }, query)).map(activityValues))
        expect(expected.length).toBeGreaterThan(0)
        const file = await rowsOf(await download(recordsExport, who, `/${portal}/${orgId()}/activities/export.${format}?${query}&page=3`, orgId()), format, expected)
        expect(file.header).toEqual(ACTIVITY_HEADER)
        expect(file.rows).toEqual(format === 'csv' ? asCsv(expected) : expected)
      })
    }
  }

  for (const { who, portal, orgId } of cases.filter((c) => c.portal !== 'county')) {
    it(`hold the register's visit diaries for ${portal}, filtered by the page's URL (xlsx and csv)`, async () => {
      const query = `from=2025-06-01&to=2026-05-31&sort=village&dir=desc`
      const expected = cells((await visitRows(who, { portal, orgId: orgId() }, query)).map(visitValues))
      expect(expected.length).toBeGreaterThan(0)
      for (const format of ['xlsx', 'csv'] as const) {
        const file = await rowsOf(await download(recordsExport, who, `/${portal}/${orgId()}/visits/export.${format}?${query}`, orgId()), format, expected)
        expect(file.header).toEqual(VISIT_HEADER)
        expect(file.rows).toEqual(format === 'csv' ? asCsv(expected) : expected)
      }
    })
  }

  it('give a unit only its own records, in villages it is paired with today', async () => {
    const db = await getRawDb()
    const unit = await db.selectFrom('orgs').select('name').where('id', '=', UNIT()).executeTakeFirstOrThrow()
    for (const [fn, table, header] of [
      [recordsExport, 'activities', ACTIVITY_HEADER],
      [recordsExport, 'visits', VISIT_HEADER],
    ] as const) {
      const file = await rowsOf(await download(fn, UNIT_LIAISON, `/unit/${UNIT()}/${table}/export.csv`, UNIT()), 'csv', [])
      const unitColumn = header.indexOf('帮扶单位')
      expect(file.rows.length).toBeGreaterThan(0)
      expect(new Set(file.rows.map((r) => r[unitColumn]))).toEqual(new Set([unit.name]))
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table === 'activities' ? 'public.pairing_activities' : 'public.visits')} r
         where r.unit_id = ${UNIT()}
           and exists (select 1 from public.pairings p where p.unit_id = r.unit_id and p.village_id = r.village_id
                        and p.starts_on <= ${today}::date and (p.ends_on is null or p.ends_on >= ${today}::date))`.execute(db)
      expect(file.rows).toHaveLength(rows[0]!.n)
    }
  })

  it('narrow the file by the filter: one village, one kind', async () => {
    const all = await rowsOf(await download(recordsExport, COUNTY, `/county/${RUYUAN()}/activities/export.csv`, RUYUAN()), 'csv', [])
    const path = `/county/${RUYUAN()}/activities/export.csv?village=${YUNMEN()}&kind=deliver_care`
    const narrowed = await rowsOf(await download(recordsExport, COUNTY, path, RUYUAN()), 'csv', [])
    expect(narrowed.rows.length).toBeGreaterThan(0)
    expect(narrowed.rows.length).toBeLessThan(all.rows.length)
    expect(new Set(narrowed.rows.map((r) => `${r[1]} ${r[3]}`))).toEqual(new Set([`${tp('kinds.deliver_care')} 云门村`]))
  })

  it('stop at the export limit and say so in the last row (the county’s visit diaries)', async () => {
    const { total } = await withUser(await claimsFor(COUNTY), (tx) => listVisits(tx, { portal: 'county', orgId: RUYUAN() }, { ...registerFilterFrom(new URL(`${BASE}/x`)), page: 1 }))
    expect(total).toBeGreaterThan(EXPORT_LIMIT)
    const firstPage = cells((await withUser(await claimsFor(COUNTY), (tx) => listVisits(tx, { portal: 'county', orgId: RUYUAN() }, { ...registerFilterFrom(new URL(`${BASE}/x`)), page: 1 }))).rows.map(visitValues))
    const file = await rowsOf(await download(recordsExport, COUNTY, `/county/${RUYUAN()}/visits/export.csv`, RUYUAN()), 'csv', firstPage)
    expect(file.rows).toHaveLength(EXPORT_LIMIT + 1)
    expect(file.rows.slice(0, firstPage.length)).toEqual(asCsv(firstPage))
    expect(file.rows.at(-1)).toEqual(['仅导出前 20,000 条；还有更多记录符合条件，请缩小筛选范围后分批导出。'])
  })

  it('name the file after the org, in ASCII with its code and in full in UTF-8', async () => {
    const response = await download(recordsExport, TOWN, `/town/${RUCHENG()}/visits/export.xlsx`, RUCHENG())
    const disposition = response.headers.get('Content-Disposition')!
    expect(disposition).toContain('filename="440232101000-visit-diaries.xlsx"')
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('乳城镇-走访日记.xlsx')}`)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const csv = await download(recordsExport, UNIT_LIAISON, `/unit/${UNIT()}/activities/export.csv`, UNIT())
    expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="[\w-]+-activities\.csv"; filename\*=UTF-8''/)
  })

  it('translate the header, the kinds and the names for an English reader', async () => {
    const response = await download(recordsExport, VILLAGE, `/village/${YUNMEN()}/activities/export.xlsx?kind=deliver_care`, YUNMEN(), true)
    const [header, ...rows] = (await readSheet(Buffer.from(await response.arrayBuffer()))) as (string | number | Date | null)[][]
    expect(header).toEqual(['Date', 'Kind', 'Activity', 'Village / community', 'Support unit', 'Participants', 'Funds (yuan)', 'Goods'])
    expect(rows.every((r) => r[1] === 'Deliver care')).toBe(true)
    const village = await (await getRawDb()).selectFrom('orgs').select(['name', 'name_en']).where('id', '=', YUNMEN()).executeTakeFirstOrThrow()
    expect(village.name_en).toBeTruthy()
    expect(rows.every((r) => r[3] === village.name_en)).toBe(true)
    expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${village.name_en}-activities.xlsx`)}`)
  })

  it('write text that starts like a formula as text: an apostrophe in the CSV, a plain string in the workbook', async () => {
    const path = (format: Format) => `/village/${YUNMEN()}/activities/export.${format}?from=${today}&to=${today}&kind=deliver_care`
    const csvResponse = await download(recordsExport, VILLAGE, path('csv'), YUNMEN())
    const csv = await rowsOf(csvResponse, 'csv', [])
    const row = csv.rows.find((r) => String(r[2]).includes(stamp))!
    expect(row[2]).toBe(`'${FORMULA_TITLE}`)
    expect(row[7]).toBe(`'@SUM(1,2)\n大米 "10" 袋, 食用油`)
    expect(row[6]).toBe('1234.50')
    expect(csv.raw).toContain(`"'=HYPERLINK(""http://example.invalid/${stamp}"",""点此领取补贴"")"`)
    const workbook = await rowsOf(await download(recordsExport, VILLAGE, path('xlsx'), YUNMEN()), 'xlsx', [])
    const cells = workbook.rows.find((r) => String(r[2]).includes(stamp))!
    expect(cells[0]).toBe(today)
    expect(cells[2]).toBe(FORMULA_TITLE)
    expect(cells[6]).toBe(1234.5)
    expect(cells[7]).toBe('@SUM(1,2)\n大米 "10" 袋, 食用油')
  })
})

describe('concern register exports', () => {
  const cases: { who: string; portal: Portal; orgId: () => string; query: string; tab: ConcernKind }[] = [
    { who: COUNTY, portal: 'county', orgId: RUYUAN, query: 'tab=opinion&private=yes', tab: 'opinion' },
    { who: TOWN, portal: 'town', orgId: RUCHENG, query: 'tab=case&state=assigned', tab: 'case' },
    { who: VILLAGE, portal: 'village', orgId: YUNMEN, query: 'tab=file', tab: 'file' },
    { who: UNIT_LIAISON, portal: 'unit', orgId: UNIT, query: 'tab=opinion', tab: 'opinion' },
  ]
  for (const { who, portal, orgId, query, tab } of cases) {
    it(`hold the register's ${tab} rows for ${portal} (?${query}), xlsx and csv`, async () => {
      const expected = cells((await concernRows(who, portal, orgId(), query)).map(concernValues(tab, portal)))
      expect(expected.length).toBeGreaterThan(0)
      for (const format of ['xlsx', 'csv'] as const) {
        const file = await rowsOf(await download(concernsExport, who, `/${portal}/${orgId()}/concerns/export.${format}?${query}&page=2`, orgId()), format, expected)
        expect(file.rows).toEqual(format === 'csv' ? asCsv(expected) : expected)
        expect(file.header.at(-1)).toBe(portal === 'unit' ? '帮扶单位' : '私密')
      }
    })
  }

  it('leave private records out of a unit’s file, and keep them in the village’s', async () => {
    const unit = await rowsOf(await download(concernsExport, UNIT_LIAISON, `/unit/${UNIT()}/concerns/export.csv?tab=opinion`, UNIT()), 'csv', [])
    expect(unit.header).toEqual(['意见建议', '村（社区）', '提出日期', '帮扶单位'])
    const contents = unit.rows.map((r) => r[0])
    expect(contents).toContain(`公开意见 ${stamp}`)
    expect(contents).not.toContain(`私密意见 ${stamp}`)
    // the unit's own URL cannot ask for them either
    const asked = await rowsOf(await download(concernsExport, UNIT_LIAISON, `/unit/${UNIT()}/concerns/export.csv?tab=opinion&private=yes`, UNIT()), 'csv', [])
    expect(asked.rows).toEqual([])
    const village = await rowsOf(await download(concernsExport, VILLAGE, `/village/${YUNMEN()}/concerns/export.csv?tab=opinion&private=yes`, YUNMEN()), 'csv', [])
    expect(village.rows.find((r) => r[0] === `私密意见 ${stamp}`)?.at(-1)).toBe('是')
    expect(village.rows.every((r) => r.at(-1) === '是')).toBe(true)
  })

  it('export all of a tab when it is below the limit (the domain function agrees)', async () => {
    const filter = concernFilterFrom(new URL(`${BASE}/x?tab=case`))
    const [{ total }, { rows, truncated }] = await withUser(await claimsFor(TOWN), (tx) => Promise.all([listConcerns(tx, 'town', RUCHENG(), filter), exportConcerns(tx, 'town', RUCHENG(), filter, EXPORT_LIMIT)]))
    expect(truncated).toBe(false)
    expect(rows).toHaveLength(total)
  })
})

describe('who may export', () => {
  const routes = [
    [recordsExport, 'activities'],
    [recordsExport, 'visits'],
    [concernsExport, 'concerns'],
  ] as const

  it('refuses another town, another village and another county (404), and a unit in a village portal (403)', async () => {
    const youxi = orgIdOf('youxi.staff@ruyuan.demo')
    for (const [fn, register] of routes) {
      for (const format of ['xlsx', 'csv']) {
        expect(await statusOf(fn, TOWN, `/town/${youxi}/${register}/export.${format}`, youxi)).toBe(404)
        expect(await statusOf(fn, 'daliaokeng.secretary@ruyuan.demo', `/village/${YUNMEN()}/${register}/export.${format}`, YUNMEN())).toBe(404)
        expect(await statusOf(fn, 'wengyuan.admin@ruyuan.demo', `/county/${RUYUAN()}/${register}/export.${format}`, RUYUAN())).toBe(404)
        expect(await statusOf(fn, UNIT_LIAISON, `/village/${YUNMEN()}/${register}/export.${format}`, YUNMEN())).toBe(403)
      }
    }
  })

  it('answers a refusal as the translated error page, not as a file', async () => {
    try {
      await download(concernsExport, TOWN, `/town/${orgIdOf('youxi.staff@ruyuan.demo')}/concerns/export.csv`, orgIdOf('youxi.staff@ruyuan.demo'))
      expect.unreachable()
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response)
      const response = thrown as Response
      expect(response.headers.get('Content-Type')).toContain('text/html')
      expect(response.headers.get('Content-Disposition')).toBeNull()
    }
  })

  it('sends nobody to sign in', async () => {
    for (const [fn, register] of routes) {
      const path = `/county/${RUYUAN()}/${register}/export.csv`
      let status = 0
      try {
        status = ((await fn({ request: new Request(`${BASE}${path}`), params: { orgId: RUYUAN() }, context: {} })) as Response).status
      } catch (thrown) {
        status = (thrown as Response).status
      }
      expect(status).toBe(302)
    }
  })
})
