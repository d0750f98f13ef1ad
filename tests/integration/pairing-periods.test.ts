/**
 * The county's pairing forms and the records' dates against the pairings, as real requests with session
 * cookies: a cadre, a posting or a pairing sent twice is saved once (the second answer: "already saved");
 * a pairing starts at most a year ahead, shows as not started, and can be ended (on its start date at the
 * earliest) or have its start put right; a record naming a unit is dated within that unit's pairing.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInShanghai } from '../../app/domain/pairing/kinds'
import { latestPlannedStart } from '../../app/domain/pairing/schemas'
import { closeDb, getRawDb } from '../../app/lib/db.server'
import { localeCookie } from '../../app/lib/i18n.server'
import { action as newActivity } from '../../app/routes/shared/activity-new'
import { action as newVisit } from '../../app/routes/shared/visit-new'
import { action as unitsAction, loader as unitsLoader } from '../../app/routes/county/units'
import { action as cadresAction } from '../../app/routes/shared/cadres'
import { loader as unitHomeLoader } from '../../app/routes/unit/index'
import { createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const DALIAOKENG = () => orgIdOf('daliaokeng.secretary@ruyuan.demo')
const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const TODAY = todayInShanghai()
const LATEST = latestPlannedStart(TODAY)

/** A date `days` after a YYYY-MM-DD date. */
function plus(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function get(email: string, path: string) {
  return new Request(`${BASE}${path}`, { headers: { Cookie: await cookieFor(email) } })
}

async function post(email: string, path: string, values: Record<string, string>, language?: 'en') {
  const lng = language ? `; ${(await localeCookie.serialize(language)).split(';')[0]!}` : ''
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(values),
    headers: { Cookie: `${await cookieFor(email)}${lng}`, 'Content-Type': 'application/x-www-form-urlencoded' },
  })
}

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>
type Answer = { status: number; body: { errors?: Record<string, string[]> } & Record<string, unknown>; location: string | null }

/** Calls a loader or action: { status, body, location } whether it returned, returned data() or threw a Response. */
async function call(fn: Fn, request: Request, params: Record<string, string>): Promise<Answer> {
  try {
    const result = await fn({ request, params, context: {} })
    if (result instanceof Response) return { status: result.status, body: {}, location: result.headers.get('Location') }
    const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } }
    if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, body: wrapped.data as never, location: null }
    return { status: 200, body: result as never, location: null }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: {}, location: thrown.headers.get('Location') }
    throw thrown
  }
}

const county = (values: Record<string, string>, language?: 'en') =>
  post('county.admin@ruyuan.demo', `/county/${RUYUAN()}/units`, values, language).then((r) => call(unitsAction, r, { orgId: RUYUAN() }))
const cadres = (values: Record<string, string>) => post('county.admin@ruyuan.demo', `/county/${RUYUAN()}/cadres`, values).then((r) => call(cadresAction, r, { orgId: RUYUAN() }))

type Listed = { id: string; unit_id: string; village_id: string; starts_on: string; ends_on: string | null; active: boolean; upcoming: boolean }
async function pairingsOf(unitId: string, villageId: string): Promise<Listed[]> {
  const res = await call(unitsLoader as Fn, await get('county.admin@ruyuan.demo', `/county/${RUYUAN()}/units`), { orgId: RUYUAN() })
  return (res.body as unknown as { pairings: Listed[] }).pairings.filter((p) => p.unit_id === unitId && p.village_id === villageId)
}

const CADRE = '重复提交测试干部'
const ACTIVITY_TITLES = ['结对前的活动', '结对期间的活动', '村自办的早年活动', '村记单位结对前的活动']
const VISIT_NOTES = ['结对前的走访', '结对期间的走访', '村记单位结对前的走访']

beforeAll(async () => {
  await createTestDb()
})
/** On a shared Postgres (DATABASE_URL) later test files see this database: take back what was made here. */
afterAll(async () => {
  const db = await getRawDb()
  await db.deleteFrom('pairing_activities').where('title', 'in', ACTIVITY_TITLES).execute()
  await db.deleteFrom('visits').where('notes', 'in', VISIT_NOTES).execute()
  await sql`delete from public.cadre_postings where cadre_id in (select id from public.cadres where name = ${CADRE})`.execute(db)
  await db.deleteFrom('cadres').where('name', '=', CADRE).execute()
  await db.deleteFrom('pairings').where('unit_id', '=', UNIT()).where('village_id', '=', DALIAOKENG()).execute()
  await closeDb()
})

describe('a county form sent twice saves once', () => {
  it('adds a cadre once; the second answer says it was already saved', async () => {
    const form = { intent: 'add-cadre', name: CADRE, unitId: UNIT(), title: '科员', phone: '0751-5551234' }
    expect(await cadres(form)).toMatchObject({ status: 302, location: `/county/${RUYUAN()}/cadres?saved=1` })
    expect(await cadres(form)).toMatchObject({ status: 302, location: `/county/${RUYUAN()}/cadres?duplicate=1` })
    const db = await getRawDb()
    const rows = await sql<{ n: number; creator: string | null }>`
      select count(*)::int as n, min(created_by::text) as creator from public.cadres where name = ${CADRE}`.execute(db)
    expect(rows.rows[0]).toEqual({ n: 1, creator: (await db.selectFrom('auth.users').select('id').where('email', '=', 'county.admin@ruyuan.demo').executeTakeFirstOrThrow()).id })
    // a different cadre of the same name (another title) is a new one
    expect(await cadres({ ...form, title: '副科长' })).toMatchObject({ status: 302, location: `/county/${RUYUAN()}/cadres?saved=1` })
  })

  it('posts a cadre once, landing on the register page that lists the posting both times', async () => {
    const db = await getRawDb()
    const cadre = await db.selectFrom('cadres').select('id').where('name', '=', CADRE).where('title', '=', '科员').executeTakeFirstOrThrow()
    const form = { intent: 'post-cadre', cadreId: cadre.id, villageId: YUNMEN(), post: 'village_cadre', startsOn: TODAY }
    const first = await cadres(form)
    expect(first.location).toMatch(/\/cadres\?saved=1&postingsPage=\d+#postings$/)
    const again = await cadres(form)
    expect(again.location).toBe(first.location!.replace('saved=1', 'duplicate=1'))
    const postings = await db.selectFrom('cadre_postings').select('id').where('cadre_id', '=', cadre.id).execute()
    expect(postings).toHaveLength(1)
  })

  it('pairs a unit with a village once: the second is "already saved", not an overlap with itself', async () => {
    const form = { intent: 'create-pairing', unitId: UNIT(), villageId: DALIAOKENG(), startsOn: LATEST, endsOn: '', note: '下一年度结对' }
    expect(await county(form)).toMatchObject({ status: 302, location: `/county/${RUYUAN()}/units?saved=1` })
    expect(await county(form)).toMatchObject({ status: 302, location: `/county/${RUYUAN()}/units?duplicate=1` })
    expect(await pairingsOf(UNIT(), DALIAOKENG())).toHaveLength(1)
    // another pairing over the same period is still an overlap
    const other = await county({ ...form, note: '另一份' })
    expect(other.status).toBe(400)
    expect(other.body.errors?.form?.[0]).toBe('该单位与该村在这段时间内已有结对。')
  })
})

describe('a pairing that has not started', () => {
  it('starts at most a year from today: 9999-12-31 is a translated field error', async () => {
    const far = await county({ intent: 'create-pairing', unitId: UNIT(), villageId: YUNMEN(), startsOn: '9999-12-31' })
    expect(far.status).toBe(400)
    expect(far.body.errors).toEqual({ startsOn: ['开始日期最晚为一年以后'] })
    const en = await county({ intent: 'create-pairing', unitId: UNIT(), villageId: YUNMEN(), startsOn: plus(LATEST, 1) }, 'en')
    expect(en.body.errors).toEqual({ startsOn: ['The start can be at most a year from today'] })
  })

  it('is listed as not started, neither active nor ended', async () => {
    const [p] = await pairingsOf(UNIT(), DALIAOKENG())
    expect(p).toMatchObject({ starts_on: LATEST, ends_on: null, active: false, upcoming: true })
    // the unit's home page says so too ("X 起（未开始）"), not "X 至 今"
    const home = await call(unitHomeLoader as Fn, await get('unit.liaison@ruyuan.demo', `/unit/${UNIT()}`), { orgId: UNIT() })
    const listed = (home.body as unknown as { unit: { pairings: { village_id: string; upcoming: boolean; active: boolean }[] } }).unit.pairings
    expect(listed.find((x) => x.village_id === DALIAOKENG())).toMatchObject({ upcoming: true, active: false })
  })

  it('has its start put right, within a year; a started pairing\'s start is history', async () => {
    const [p] = await pairingsOf(UNIT(), DALIAOKENG())
    const far = await county({ intent: 'correct-pairing-start', id: p!.id, startsOn: '9999-12-31' })
    expect(far).toMatchObject({ status: 400, body: { errors: { startsOn: ['开始日期最晚为一年以后'] } } })
    expect(await county({ intent: 'correct-pairing-start', id: p!.id, startsOn: plus(TODAY, 30) })).toMatchObject({ status: 302 })
    expect((await pairingsOf(UNIT(), DALIAOKENG()))[0]).toMatchObject({ starts_on: plus(TODAY, 30), upcoming: true })

    const [started] = (await pairingsOf(UNIT(), YUNMEN())).filter((x) => x.active)
    const refused = await county({ intent: 'correct-pairing-start', id: started!.id, startsOn: plus(TODAY, 30) })
    expect(refused).toMatchObject({ status: 400, body: { errors: { startsOn: ['结对已经开始，开始日期不能再更改。'] } } })
    expect((await pairingsOf(UNIT(), YUNMEN())).find((x) => x.id === started!.id)?.starts_on).toBe(started!.starts_on)
  })

  it('is ended on its start date at the earliest', async () => {
    const [p] = await pairingsOf(UNIT(), DALIAOKENG())
    const before = await county({ intent: 'end-pairing', id: p!.id, endsOn: TODAY })
    expect(before).toMatchObject({ status: 400, body: { errors: { endsOn: ['结束日期不能早于开始日期。'] } } })
    expect(await county({ intent: 'end-pairing', id: p!.id, endsOn: p!.starts_on })).toMatchObject({ status: 302 })
    expect((await pairingsOf(UNIT(), DALIAOKENG()))[0]).toMatchObject({ starts_on: p!.starts_on, ends_on: p!.starts_on, upcoming: true })
    // an end set, its start can still be put right, not after the end
    const afterEnd = await county({ intent: 'correct-pairing-start', id: p!.id, startsOn: plus(p!.starts_on, 1) })
    expect(afterEnd).toMatchObject({ status: 400, body: { errors: { startsOn: ['开始日期不能晚于结束日期。'] } } })
  })
})

describe('a record naming a unit is dated within the unit\'s pairing with the village', () => {
  // RY-C01 and 云门村 are paired since 2024-03-01 (the seed)
  const activity = (title: string, occurredOn: string) => ({ villageId: YUNMEN(), kind: 'deliver_care', occurredOn, title, participants: '5', funds: '', goods: '' })
  const count = async (table: 'pairing_activities' | 'visits', text: string) => {
    const db = await getRawDb()
    const { rows } = table === 'pairing_activities'
      ? await sql<{ n: number }>`select count(*)::int as n from public.pairing_activities where title = ${text}`.execute(db)
      : await sql<{ n: number }>`select count(*)::int as n from public.visits where notes = ${text}`.execute(db)
    return rows[0]!.n
  }

  it('refuses a unit\'s activity or visit dated before the pairing began, with a translated field error', async () => {
    const unit = (path: string, values: Record<string, string>, language?: 'en') =>
      post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/${path}/new`, values, language).then((r) => call(path === 'visits' ? newVisit : newActivity, r, { orgId: UNIT() }))
    const early = await unit('activities', activity('结对前的活动', '2020-01-01'))
    expect(early).toMatchObject({ status: 400, body: { errors: { occurredOn: ['日期不在该单位与该村的结对期间内（本次结对自 2024-03-01 起）'] } } })
    expect((early.body as unknown as { values: Record<string, string> }).values.title).toBe('结对前的活动')
    const en = await unit('activities', activity('结对前的活动', '2024-02-29'), 'en')
    expect(en.body.errors).toEqual({ occurredOn: ["This date is outside the unit's pairing with the village (the current pairing began on 2024-03-01)"] })
    const visit = await unit('visits', { villageId: YUNMEN(), visitedOn: '2020-01-01', peopleMet: '2', notes: '结对前的走访' })
    expect(visit).toMatchObject({ status: 400, body: { errors: { visitedOn: ['日期不在该单位与该村的结对期间内（本次结对自 2024-03-01 起）'] } } })
    expect(await count('pairing_activities', '结对前的活动')).toBe(0)
    expect(await count('visits', '结对前的走访')).toBe(0)

    // the pairing's first day is within it
    expect(await unit('activities', activity('结对期间的活动', '2024-03-01'))).toMatchObject({ status: 302 })
    expect(await unit('visits', { villageId: YUNMEN(), visitedOn: '2024-03-01', peopleMet: '2', notes: '结对期间的走访' })).toMatchObject({ status: 302 })
  })

  it('refuses a village\'s record naming the unit before the pairing; the village\'s own records keep any past date', async () => {
    const village = (path: string, values: Record<string, string>) =>
      post('yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/${path}/new`, values).then((r) => call(path === 'visits' ? newVisit : newActivity, r, { orgId: YUNMEN() }))
    const named = await village('activities', { ...activity('村记单位结对前的活动', '2023-12-31'), unitId: UNIT() })
    expect(named).toMatchObject({ status: 400, body: { errors: { occurredOn: ['日期不在该单位与该村的结对期间内（本次结对自 2024-03-01 起）'] } } })
    const visit = await village('visits', { visitedOn: '2023-12-31', peopleMet: '1', notes: '村记单位结对前的走访', unitId: UNIT() })
    expect(visit).toMatchObject({ status: 400, body: { errors: { visitedOn: ['日期不在该单位与该村的结对期间内（本次结对自 2024-03-01 起）'] } } })
    expect(await count('pairing_activities', '村记单位结对前的活动')).toBe(0)
    expect(await count('visits', '村记单位结对前的走访')).toBe(0)

    expect(await village('activities', activity('村自办的早年活动', '2020-01-01'))).toMatchObject({ status: 302 })
    expect(await count('pairing_activities', '村自办的早年活动')).toBe(1)
  })
})

describe('the county’s units page', () => {
  it('lists the county’s own units, paired yet or not, and the units paired with its villages; no other unit', async () => {
    const res = await call(unitsLoader as Fn, await get('county.admin@ruyuan.demo', `/county/${RUYUAN()}/units`), { orgId: RUYUAN() })
    const units = (res.body as unknown as { units: { id: string; name: string; active_pairings: number; ended_pairings: number }[] }).units
    const db = await getRawDb()
    const { rows } = await sql<{ id: string }>`
      select o.id from public.orgs o where o.kind = 'unit' and o.parent_id = ${RUYUAN()}
      union
      select p.unit_id from public.pairings p join public.org_closure c on c.descendant_id = p.village_id and c.ancestor_id = ${RUYUAN()}`.execute(db)
    expect(units.map((u) => u.id).sort()).toEqual(rows.map((r) => r.id).sort())
    // the demo's county unit that no village is paired with (QA looked for it here)
    const unpaired = units.find((u) => u.name === '县统计局')
    expect(unpaired).toMatchObject({ active_pairings: 0, ended_pairings: 0 })
  })
})
