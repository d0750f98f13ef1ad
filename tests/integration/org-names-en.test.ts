/**
 * The English UI names orgs in English: the registers' loaders (activities, visit diaries, cadres and
 * postings, concerns and a case, a village's posted cadres, a unit's paired villages) return each org's
 * `*_name_en` beside its Chinese `*_name`, equal to orgs.name_en, so that the pages can show it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getRawDb } from '../../app/lib/db.server'
import { createI18n } from '../../app/lib/i18n'
import { getResources, localeCookie } from '../../app/lib/i18n.server'
import { loader as activitiesLoader } from '../../app/routes/shared/activities'
import { loader as visitsLoader } from '../../app/routes/shared/visits'
import { loader as cadresLoader } from '../../app/routes/shared/cadres'
import { loader as concernsLoader } from '../../app/routes/shared/concerns'
import { loader as caseLoader } from '../../app/routes/shared/concern-case'
import { action as newConcern } from '../../app/routes/shared/concern-new'
import { loader as figuresLoader } from '../../app/routes/shared/pairing-figures'
import { loader as unitHomeLoader } from '../../app/routes/unit/index'
import { loader as usersLoader } from '../../app/routes/shared/users'
import { loader as auditLoader } from '../../app/routes/county/audit'
import { loader as townHomeLoader } from '../../app/routes/town/index'
import { loader as countyUnitsLoader } from '../../app/routes/county/units'
import { loader as portalLayoutLoader, meta as portalMeta } from '../../app/routes/shared/portal-layout'
import { createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'
import { formatNumber } from '../../app/lib/intl'

const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const RUCHENG = () => orgIdOf('rucheng.admin@ruyuan.demo')

type Fn = (args: LoaderFunctionArgs) => Promise<unknown>

/** Calls a loader at `path` as `email` and returns what it returned (a thrown Response fails the test). */
async function load<T>(fn: Fn, email: string, path: string, params: Record<string, string>): Promise<T> {
  const request = new Request(`${BASE}${path}`, { headers: { Cookie: await cookieFor(email) } })
  const result = await fn({ request, params, context: {} })
  if (result instanceof Response) throw new Error(`${path}: ${result.status}`)
  return result as T
}

/** Posts a form to an action as `email`; returns the redirect's location (a thrown redirect counts). */
async function post(fn: Fn, email: string, path: string, params: Record<string, string>, form: Record<string, string>): Promise<string | null> {
  const headers = new Headers({ Cookie: await cookieFor(email), 'Content-Type': 'application/x-www-form-urlencoded' })
  try {
    const result = await fn({ request: new Request(`${BASE}${path}`, { method: 'POST', body: new URLSearchParams(form), headers }), params, context: {} })
    return result instanceof Response ? result.headers.get('Location') : null
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.headers.get('Location')
    throw thrown
  }
}

const CASE_TITLE = `English names ${Date.now().toString(36)}`

/** Every org's English name, by id and by Chinese name (the rows that carry no org id). */
let enById = new Map<string, string | null>()
let enByName = new Map<string, string | null>()

beforeAll(async () => {
  await createTestDb()
  const db = await getRawDb()
  const { rows } = await sql<{ id: string; name: string; name_en: string | null }>`select id, name, name_en from public.orgs`.execute(db)
  enById = new Map(rows.map((r) => [r.id, r.name_en]))
  enByName = new Map(rows.map((r) => [r.name, r.name_en]))
})
/** On a shared Postgres (DATABASE_URL) later test files see this database: take back the case raised here. */
afterAll(async () => {
  const db = await getRawDb()
  await db.deleteFrom('concern_cases').where('title', '=', CASE_TITLE).execute()
  await closeDb()
})

/** An org row's English name is there, and it is that org's name_en. */
function expectEnglish(name: string | null, nameEn: string | null | undefined) {
  expect(name, 'a named org').not.toBeNull()
  expect(nameEn, `the English name of ${name}`).toBeTruthy()
  expect(nameEn).toBe(enByName.get(name!))
  expect(nameEn).not.toBe(name)
}

interface Named {
  village_id?: string
  village_name?: string | null
  village_name_en?: string | null
  unit_name?: string | null
  unit_name_en?: string | null
}

/** Rows carry their village's and (when they have one) their unit's English names; some rows have a unit unless `anyUnit` is false. */
function expectRowsInEnglish(rows: Named[], { village = true, unit = true, anyUnit = unit }: { village?: boolean; unit?: boolean; anyUnit?: boolean } = {}) {
  expect(rows.length).toBeGreaterThan(0)
  let units = 0
  for (const r of rows) {
    if (village) {
      expectEnglish(r.village_name ?? null, r.village_name_en)
      if (r.village_id) expect(r.village_name_en).toBe(enById.get(r.village_id))
    }
    if (unit) {
      expect(r).toHaveProperty('unit_name_en')
      if (r.unit_name == null) expect(r.unit_name_en).toBeNull()
      else {
        expectEnglish(r.unit_name, r.unit_name_en)
        units++
      }
    }
  }
  if (anyUnit) expect(units, 'rows with a unit').toBeGreaterThan(0)
}

describe('the activities and visits registers', () => {
  it.each([
    ['unit.liaison@ruyuan.demo', 'unit', UNIT],
    ['yunmen.secretary@ruyuan.demo', 'village', YUNMEN],
    ['county.admin@ruyuan.demo', 'county', RUYUAN],
  ] as const)('name villages and units in English for %s', async (email, portal, org) => {
    const orgId = org()
    const activities = await load<{ rows: Named[] }>(activitiesLoader as Fn, email, `/${portal}/${orgId}/activities`, { orgId })
    expectRowsInEnglish(activities.rows)
    const visits = await load<{ rows: Named[] }>(visitsLoader as Fn, email, `/${portal}/${orgId}/visits`, { orgId })
    expectRowsInEnglish(visits.rows)
    // sorted by village: the same columns
    const byVillage = await load<{ rows: Named[] }>(visitsLoader as Fn, email, `/${portal}/${orgId}/visits?sort=village&dir=asc`, { orgId })
    expectRowsInEnglish(byVillage.rows)
  })
})

describe('the cadres register', () => {
  it('names the roster units and the postings villages and units in English for the county', async () => {
    const orgId = RUYUAN()
    const email = 'county.admin@ruyuan.demo'
    // the roster's first page: the county organs' cadres (no unit) come first
    const page = await load<{ cadres: Named[]; postings: Named[] }>(cadresLoader as Fn, email, `/county/${orgId}/cadres`, { orgId })
    expectRowsInEnglish(page.cadres, { village: false, anyUnit: false })
    expectRowsInEnglish(page.postings)
    const unitName = [...enByName.entries()].find(([, en]) => en === enById.get(UNIT()))![0]
    const found = await load<{ cadres: Named[] }>(cadresLoader as Fn, email, `/county/${orgId}/cadres?q=${encodeURIComponent(unitName)}`, { orgId })
    expectRowsInEnglish(found.cadres, { village: false })
  })

  it('names a unit its own unit and its postings villages in English', async () => {
    const orgId = UNIT()
    const page = await load<{ cadres: Named[]; postings: Named[] }>(cadresLoader as Fn, 'unit.liaison@ruyuan.demo', `/unit/${orgId}/cadres`, { orgId })
    expectRowsInEnglish(page.cadres, { village: false })
    for (const c of page.cadres) expect(c.unit_name_en).toBe(enById.get(orgId))
    expectRowsInEnglish(page.postings)
  })

  it('gives the village page its posted cadres units in English (the cadre cards)', async () => {
    const orgId = YUNMEN()
    const page = await load<{ postings: { rows: Named[] } }>(figuresLoader as Fn, 'yunmen.secretary@ruyuan.demo', `/village/${orgId}/pairing`, { orgId })
    expectRowsInEnglish(page.postings.rows)
  })
})

describe('concerns', () => {
  it.each(['file', 'opinion', 'case'] as const)('the register names the units that raised %s records in English', async (tab) => {
    const orgId = RUYUAN()
    const page = await load<{ rows: Named[] }>(concernsLoader as Fn, 'county.admin@ruyuan.demo', `/county/${orgId}/concerns?tab=${tab}`, { orgId })
    expectRowsInEnglish(page.rows)
  })

  it('a case names the unit that raised it in English, for the county and for the unit itself', async () => {
    const location = await post(newConcern as Fn, 'unit.liaison@ruyuan.demo', `/unit/${UNIT()}/concerns/new`, { orgId: UNIT() }, {
      kind: 'case',
      villageId: YUNMEN(),
      title: CASE_TITLE,
      description: '村道路灯损坏。',
    })
    const caseId = /concerns\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1]
    expect(caseId, `redirected to ${location}`).toBeTruthy()
    for (const [email, portal, orgId] of [
      ['county.admin@ruyuan.demo', 'county', RUYUAN()],
      ['yunmen.secretary@ruyuan.demo', 'village', YUNMEN()],
      ['unit.liaison@ruyuan.demo', 'unit', UNIT()],
    ] as const) {
      const { found } = await load<{ found: Named }>(caseLoader as Fn, email, `/${portal}/${orgId}/concerns/${caseId}`, { orgId, caseId: caseId! })
      expectRowsInEnglish([found])
      expect(found.unit_name_en).toBe(enById.get(UNIT()))
    }
  })
})

describe('the support unit home page', () => {
  it('names each paired village and its town in English', async () => {
    const orgId = UNIT()
    const { unit } = await load<{ unit: { pairings: (Named & { active: boolean; town_name: string | null; town_name_en: string | null })[] } }>(
      unitHomeLoader as Fn,
      'unit.liaison@ruyuan.demo',
      `/unit/${orgId}`,
      { orgId },
    )
    // a past pairing's village may be hidden from the unit: the active ones
    const active = unit.pairings.filter((p) => p.active)
    expectRowsInEnglish(active)
    for (const p of active) expectEnglish(p.town_name, p.town_name_en)
  })
})

describe('the concerns register count', () => {
  it('says "1 record" and "2 records" in English, and the same "共 n 条" in Chinese, the number with its separators', () => {
    const en = createI18n('en', getResources('en')).getFixedT('en', 'concerns')
    expect(en('filters.count', { count: 1, formatted: '1' })).toBe('1 record')
    expect(en('filters.count', { count: 2, formatted: '2' })).toBe('2 records')
    expect(en('filters.count', { count: 0, formatted: '0' })).toBe('0 records')
    expect(en('filters.count', { count: 21539, formatted: formatNumber(21539, 'en') })).toBe('21,539 records')
    const zh = createI18n('zh-CN', getResources('zh-CN')).getFixedT('zh-CN', 'concerns')
    expect(zh('filters.count', { count: 1, formatted: '1' })).toBe('共 1 条')
    expect(zh('filters.count', { count: 21539, formatted: formatNumber(21539, 'zh-CN') })).toBe('共 21,539 条')
  })
})

describe('the administration pages', () => {
  it('names the orgs of users’ roles, of audit entries, of a town’s paired units and of the county’s pairings in English', async () => {
    const county = RUYUAN()
    const users = await load<{ users: { memberships: { org_name: string; org_name_en: string | null }[] }[] }>(usersLoader as Fn, 'county.admin@ruyuan.demo', `/county/${county}/users`, { orgId: county })
    const memberships = users.users.flatMap((u) => u.memberships)
    expect(memberships.length).toBeGreaterThan(0)
    for (const m of memberships) expect(m.org_name_en).toBe(enByName.get(m.org_name) ?? null)
    expect(memberships.some((m) => m.org_name_en)).toBe(true)

    const audit = await load<{ entries: { org_name: string | null; org_name_en: string | null }[] }>(auditLoader as Fn, 'county.admin@ruyuan.demo', `/county/${county}/audit`, { orgId: county })
    const named = audit.entries.filter((e) => e.org_name)
    expect(named.length).toBeGreaterThan(0)
    for (const e of named) expect(e.org_name_en).toBe(enByName.get(e.org_name!) ?? null)

    const town = RUCHENG()
    const home = await load<{ villages: { units: string[]; units_en: string[] }[] }>(townHomeLoader as Fn, 'rucheng.admin@ruyuan.demo', `/town/${town}`, { orgId: town })
    const paired = home.villages.filter((v) => v.units.length)
    expect(paired.length).toBeGreaterThan(0)
    for (const v of paired) expect(v.units_en).toEqual(v.units.map((name) => enByName.get(name) ?? name))

    const units = await load<{ pairings: { town_name: string | null; town_name_en: string | null }[] }>(countyUnitsLoader as Fn, 'county.admin@ruyuan.demo', `/county/${county}/units`, { orgId: county })
    const withTown = units.pairings.filter((p) => p.town_name)
    expect(withTown.length).toBeGreaterThan(0)
    for (const p of withTown) expectEnglish(p.town_name, p.town_name_en)
  })
})

describe('the browser tab’s title', () => {
  it('names the page’s section, the org and the product, in the user’s language', async () => {
    const village = YUNMEN()
    const title = async (path: string, cookie = '') => {
      const request = new Request(`${BASE}${path}`, { headers: { Cookie: `${await cookieFor('yunmen.secretary@ruyuan.demo')}${cookie}` } })
      const data = await portalLayoutLoader({ request, params: { orgId: village }, context: {} })
      const meta = portalMeta({ data, location: { pathname: path } } as unknown as Parameters<typeof portalMeta>[0]) as { title: string }[]
      return meta[0]!.title
    }
    expect(await title(`/village/${village}`)).toBe('村情概况 · 云门村 · 基层党建工作平台')
    expect(await title(`/village/${village}/reports/2026-10`)).toBe('月度报告 · 云门村 · 基层党建工作平台')
    // a page of no nav entry of its own: under the portal's home only its own path
    expect(await title(`/village/${village}/pairs`)).toBe('云门村 · 基层党建工作平台')
    const english = `; ${(await localeCookie.serialize('en')).split(';')[0]}`
    expect(await title(`/village/${village}/reports`, english)).toMatch(/^Monthly reports · Yunmen Village · /)
  })
})
