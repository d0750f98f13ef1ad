/**
 * Pairing records as real requests with session cookies: a unit liaison records activities and
 * visit diaries for its paired village (and only there), the village and town see them, the
 * figures equal direct counts, and a county admin pairs and unpairs a unit (access ends the next day).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dayBefore, todayInShanghai } from '../../app/domain/pairing/kinds'
import { closeDb, getRawDb } from '../../app/lib/db.server'
import { localeCookie } from '../../app/lib/i18n.server'
import { action as newActivity, loader as newActivityLoader } from '../../app/routes/shared/activity-new'
import { loader as activities } from '../../app/routes/shared/activities'
import { action as newVisit, loader as newVisitLoader } from '../../app/routes/shared/visit-new'
import { loader as visits } from '../../app/routes/shared/visits'
import { loader as figuresLoader } from '../../app/routes/shared/pairing-figures'
import { action as unitsAction, loader as unitsLoader } from '../../app/routes/county/units'
import { loader as sharedVillage } from '../../app/routes/shared/village'
import { action as cadresAction, loader as cadresLoader } from '../../app/routes/shared/cadres'
import { createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const DALIAOKENG = () => orgIdOf('daliaokeng.secretary@ruyuan.demo')
const RUCHENG = () => orgIdOf('rucheng.admin@ruyuan.demo')
const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')

async function get(email: string, path: string) {
  return new Request(`${BASE}${path}`, { headers: { Cookie: await cookieFor(email) } })
}

async function post(email: string, path: string, values: Record<string, string>) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(values),
    headers: { Cookie: await cookieFor(email), 'Content-Type': 'application/x-www-form-urlencoded' },
  })
}

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>

/** Calls a loader or action: { status, body, location } whether it returned, returned data() or threw a Response. */
async function call(fn: Fn, request: Request, params: Record<string, string>) {
  try {
    const result = await fn({ request, params, context: {} })
    if (result instanceof Response) return { status: result.status, body: undefined, location: result.headers.get('Location') }
    const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } }
    if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, body: wrapped.data as never, location: null }
    return { status: 200, body: result as never, location: null }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: undefined, location: thrown.headers.get('Location') }
    throw thrown
  }
}

async function count(table: 'pairing_activities' | 'visits', where: { title?: string; notes?: string }) {
  const db = await getRawDb()
  const { rows } = table === 'pairing_activities'
    ? await sql<{ n: number }>`select count(*)::int as n from public.pairing_activities where title = ${where.title}`.execute(db)
    : await sql<{ n: number }>`select count(*)::int as n from public.visits where notes = ${where.notes}`.execute(db)
  return rows[0]!.n
}

const TODAY = todayInShanghai()
const activity = (villageId: string, title: string) => ({
  villageId,
  kind: 'deliver_care',
  occurredOn: TODAY,
  title,
  description: '走访慰问困难党员和老党员',
  participants: '8',
  funds: '3,000.50',
  goods: '大米 20 袋',
})

beforeAll(async () => {
  await createTestDb()
})
/** On a shared Postgres (DATABASE_URL) later test files see this database: take back the pairing and records made here. */
afterAll(async () => {
  const db = await getRawDb()
  await db.deleteFrom('pairing_activities').where('village_id', '=', DALIAOKENG()).where('title', 'in', ['村自办活动', '新结对首次活动']).execute()
  await db.deleteFrom('pairing_activities').where('title', '=', '全角数字活动').execute()
  await db.deleteFrom('visits').where('notes', '=', '全角人数走访').execute()
  await db.deleteFrom('pairings').where('unit_id', '=', UNIT()).where('village_id', '=', DALIAOKENG()).execute()
  await closeDb()
})

describe('a unit records for its paired village', () => {
  it('records an activity once, even when the form is sent twice', async () => {
    const path = `/unit/${UNIT()}/activities/new`
    const first = await call(newActivity, await post('unit.liaison@ruyuan.demo', path, activity(YUNMEN(), '重阳慰问')), { orgId: UNIT() })
    expect(first).toMatchObject({ status: 302, location: `/unit/${UNIT()}/activities?saved=1` })
    const again = await call(newActivity, await post('unit.liaison@ruyuan.demo', path, activity(YUNMEN(), '重阳慰问')), { orgId: UNIT() })
    expect(again).toMatchObject({ status: 302, location: `/unit/${UNIT()}/activities?duplicate=1` })
    expect(await count('pairing_activities', { title: '重阳慰问' })).toBe(1)

    const db = await getRawDb()
    const row = await db.selectFrom('pairing_activities').selectAll().where('title', '=', '重阳慰问').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ village_id: YUNMEN(), unit_id: UNIT(), funds: '3000.50', participants: 8, kind: 'deliver_care' })
  })

  it('returns 400 with translated field errors and keeps what was typed', async () => {
    const path = `/unit/${UNIT()}/activities/new`
    const bad = { ...activity(YUNMEN(), ''), funds: '12.345', occurredOn: '2999-01-01' }
    const res = await call(newActivity, await post('unit.liaison@ruyuan.demo', path, bad), { orgId: UNIT() })
    expect(res.status).toBe(400)
    const body = res.body as unknown as { errors: Record<string, string[]>; values: Record<string, string> }
    expect(Object.keys(body.errors).sort()).toEqual(['funds', 'occurredOn', 'title'])
    expect(body.errors.title![0]).toBe('必填')
    expect(body.values.funds).toBe('12.345')
  })

  it('refuses more participants than its cap, saying the cap, and writes nothing', async () => {
    // QA: 100000 participants was saved
    const path = `/unit/${UNIT()}/activities/new`
    for (const [locale, message] of [['zh-CN', '参加人数不能超过 10,000 人'], ['en', 'No more than 10,000 participants']] as const) {
      const request = await post('unit.liaison@ruyuan.demo', path, { ...activity(YUNMEN(), '万人大会'), participants: '100000' })
      request.headers.set('Cookie', `${request.headers.get('Cookie')}; ${(await localeCookie.serialize(locale)).split(';')[0]}`)
      const res = await call(newActivity, request, { orgId: UNIT() })
      expect(res.status).toBe(400)
      expect((res.body as unknown as { errors: Record<string, string[]> }).errors).toEqual({ participants: [message] })
    }
    expect(await count('pairing_activities', { title: '万人大会' })).toBe(0)
  })

  it('reads full-width digits in the participants and the funds, as a Chinese input method types them', async () => {
    // QA: the funds refused "１２３" while the monthly report took "１２"
    const path = `/unit/${UNIT()}/activities/new`
    const res = await call(newActivity, await post('unit.liaison@ruyuan.demo', path, { ...activity(YUNMEN(), '全角数字活动'), participants: '１２', funds: '１２３' }), { orgId: UNIT() })
    expect(res).toMatchObject({ status: 302, location: `/unit/${UNIT()}/activities?saved=1` })
    const db = await getRawDb()
    const row = await db.selectFrom('pairing_activities').selectAll().where('title', '=', '全角数字活动').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ participants: 12, funds: '123.00' })
    const visit = await call(newVisit, await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/visits/new`, { villageId: YUNMEN(), visitedOn: TODAY, peopleMet: '４', notes: '全角人数走访' }), { orgId: UNIT() })
    expect(visit.status).toBe(302)
    expect((await db.selectFrom('visits').select('people_met').where('notes', '=', '全角人数走访').executeTakeFirstOrThrow()).people_met).toBe(4)
  })

  it('records a visit diary without a household', async () => {
    const path = `/unit/${UNIT()}/visits/new`
    const values = { villageId: YUNMEN(), visitedOn: TODAY, peopleMet: '3', notes: '了解村集体经济项目进展', householdId: YUNMEN() }
    const res = await call(newVisit, await post('unit.liaison@ruyuan.demo', path, values), { orgId: UNIT() })
    expect(res).toMatchObject({ status: 302, location: `/unit/${UNIT()}/visits?saved=1` })
    const db = await getRawDb()
    const row = await db.selectFrom('visits').selectAll().where('notes', '=', '了解村集体经济项目进展').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ village_id: YUNMEN(), unit_id: UNIT(), household_id: null, people_met: 3 })
  })

  it('lets the village and its town see the new records', async () => {
    for (const [email, portal, orgId] of [
      ['yunmen.secretary@ruyuan.demo', 'village', YUNMEN()],
      ['rucheng.admin@ruyuan.demo', 'town', RUCHENG()],
      ['unit.liaison@ruyuan.demo', 'unit', UNIT()],
    ] as const) {
      const a = await call(activities as Fn, await get(email, `/${portal}/${orgId}/activities?kind=deliver_care`), { orgId })
      expect(a.status).toBe(200)
      expect((a.body as unknown as { rows: { title: string }[] }).rows.map((r) => r.title)).toContain('重阳慰问')
      const v = await call(visits as Fn, await get(email, `/${portal}/${orgId}/visits`), { orgId })
      expect((v.body as unknown as { rows: { notes: string }[] }).rows.map((r) => r.notes)).toContain('了解村集体经济项目进展')
    }
  })

  it('refuses a village the unit is not paired with, writing nothing', async () => {
    const path = `/unit/${UNIT()}/activities/new`
    const res = await call(newActivity, await post('unit.liaison@ruyuan.demo', path, activity(DALIAOKENG(), '越界活动')), { orgId: UNIT() })
    expect([403, 404]).toContain(res.status)
    expect(await count('pairing_activities', { title: '越界活动' })).toBe(0)
    const visit = await call(
      newVisit,
      await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/visits/new`, { villageId: DALIAOKENG(), visitedOn: TODAY, peopleMet: '1', notes: '越界走访' }),
      { orgId: UNIT() },
    )
    expect([403, 404]).toContain(visit.status)
    expect(await count('visits', { notes: '越界走访' })).toBe(0)
  })

  it('lets the village record its own activity, with only a paired unit', async () => {
    const path = `/village/${YUNMEN()}/activities/new`
    const province = orgIdOf('province.liaison@ruyuan.demo')
    const wrongUnit = await call(newActivity, await post('yunmen.secretary@ruyuan.demo', path, { ...activity(DALIAOKENG(), '村自办活动'), unitId: province }), { orgId: YUNMEN() })
    expect(wrongUnit.status).toBe(400)
    expect(Object.keys((wrongUnit.body as unknown as { errors: object }).errors)).toEqual(['unitId'])
    const own = await call(newActivity, await post('yunmen.secretary@ruyuan.demo', path, { ...activity(DALIAOKENG(), '村自办活动'), funds: '' }), { orgId: YUNMEN() })
    expect(own).toMatchObject({ status: 302, location: `/village/${YUNMEN()}/activities?saved=1` })
    const db = await getRawDb()
    // The village records for itself whatever village the form claimed.
    const row = await db.selectFrom('pairing_activities').selectAll().where('title', '=', '村自办活动').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ village_id: YUNMEN(), unit_id: null, funds: null })
  })

  it('does not open the recording forms in the county portal', async () => {
    const res = await call(newActivityLoader as Fn, await get('county.admin@ruyuan.demo', `/county/${RUYUAN()}/activities/new`), { orgId: RUYUAN() })
    expect(res.status).toBe(404)
  })
})

describe('figures', () => {
  it('equal direct counts of the records in each scope', async () => {
    const db = await getRawDb()
    const under = (orgId: string) => sql`village_id in (select descendant_id from public.org_closure where ancestor_id = ${orgId}::uuid)`
    for (const [email, portal, orgId] of [
      ['county.admin@ruyuan.demo', 'county', RUYUAN()],
      ['rucheng.admin@ruyuan.demo', 'town', RUCHENG()],
      ['yunmen.secretary@ruyuan.demo', 'village', YUNMEN()],
      ['unit.liaison@ruyuan.demo', 'unit', UNIT()],
    ] as const) {
      const res = await call(figuresLoader as Fn, await get(email, `/${portal}/${orgId}/pairing`), { orgId })
      expect(res.status).toBe(200)
      const figures = (res.body as unknown as { figures: Record<string, string> }).figures
      const scope = portal === 'unit' ? sql`unit_id = ${orgId}::uuid` : under(orgId)
      const { rows } = await sql<Record<string, string>>`
        select (select count(*) from public.pairing_activities where ${scope})::text as activities,
               (select coalesce(sum(funds), 0) from public.pairing_activities where ${scope})::text as activity_funds,
               (select count(*) from public.pairing_activities where ${scope} and kind = 'deliver_care')::text as activities_deliver_care,
               (select count(*) from public.visits where ${scope})::text as visit_diaries,
               (select coalesce(sum(people_met), 0) from public.visits where ${scope})::text as people_visited,
               (select count(*) from public.concern_files where ${scope})::text as concern_files,
               (select count(*) from public.opinions where ${scope})::text as opinions,
               (select count(*) from public.concern_cases where ${scope})::text as cases,
               (select count(*) from public.concern_cases where ${scope} and state in ('handled', 'confirmed'))::text as cases_handled`.execute(db)
      const direct = rows[0]!
      for (const [metric, value] of Object.entries(direct)) {
        expect(Number(figures[metric]), `${portal} ${metric}`).toBe(Number(value))
      }
      if (portal !== 'unit') {
        const { rows: paired } = await sql<{ n: string }>`
          select count(distinct village_id)::text as n from public.pairings
           where ${under(orgId)} and starts_on <= ${TODAY}::date and (ends_on is null or ends_on >= ${TODAY}::date)`.execute(db)
        expect(Number(figures.paired_villages), `${portal} paired_villages`).toBe(Number(paired[0]!.n))
      }
    }
  })
})

describe('county admin manages pairings', () => {
  const yesterday = dayBefore(TODAY)
  let pairingId = ''

  it('pairs the unit with another village, which the unit can then record for', async () => {
    const path = `/county/${RUYUAN()}/units`
    const res = await call(
      unitsAction,
      await post('county.admin@ruyuan.demo', path, { intent: 'create-pairing', unitId: UNIT(), villageId: DALIAOKENG(), startsOn: yesterday, endsOn: '', note: '临时结对' }),
      { orgId: RUYUAN() },
    )
    expect(res).toMatchObject({ status: 302, location: `/county/${RUYUAN()}/units?saved=1` })
    const listed = await call(unitsLoader as Fn, await get('county.admin@ruyuan.demo', path), { orgId: RUYUAN() })
    const pairings = (listed.body as unknown as { pairings: { id: string; unit_id: string; village_id: string; active: boolean }[] }).pairings
    const created = pairings.find((p) => p.unit_id === UNIT() && p.village_id === DALIAOKENG() && p.active)
    expect(created).toBeDefined()
    pairingId = created!.id

    const overlap = await call(
      unitsAction,
      await post('county.admin@ruyuan.demo', path, { intent: 'create-pairing', unitId: UNIT(), villageId: DALIAOKENG(), startsOn: TODAY }),
      { orgId: RUYUAN() },
    )
    expect(overlap.status).toBe(400)

    // dated the pairing's first day: the county ends it as of that day below, and a pairing never ends before
    // the unit's latest record there (migration 20261129000019)
    const recorded = await call(newActivity, await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/activities/new`, { ...activity(DALIAOKENG(), '新结对首次活动'), occurredOn: yesterday }), { orgId: UNIT() })
    expect(recorded.status).toBe(302)
    expect(await count('pairing_activities', { title: '新结对首次活动' })).toBe(1)
  })

  it('is refused to a unit liaison', async () => {
    const res = await call(
      unitsAction,
      await post('unit.liaison@ruyuan.demo', `/county/${RUYUAN()}/units`, { intent: 'end-pairing', id: pairingId, endsOn: yesterday }),
      { orgId: RUYUAN() },
    )
    expect([403, 404]).toContain(res.status)
  })

  it('ends the pairing as of yesterday: from today the unit reads and records nothing there', async () => {
    const res = await call(
      unitsAction,
      await post('county.admin@ruyuan.demo', `/county/${RUYUAN()}/units`, { intent: 'end-pairing', id: pairingId, endsOn: yesterday }),
      { orgId: RUYUAN() },
    )
    expect(res.status).toBe(302)
    const db = await getRawDb()
    const row = await db.selectFrom('pairings').select(['ends_on']).where('id', '=', pairingId).executeTakeFirstOrThrow()
    expect(row.ends_on).toBe(yesterday)

    const refused = await call(newActivity, await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/activities/new`, activity(DALIAOKENG(), '结对结束后活动')), { orgId: UNIT() })
    expect([403, 404]).toContain(refused.status)
    expect(await count('pairing_activities', { title: '结对结束后活动' })).toBe(0)

    const list = await call(activities as Fn, await get('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/activities`), { orgId: UNIT() })
    expect((list.body as unknown as { rows: { title: string }[] }).rows.map((r) => r.title)).not.toContain('新结对首次活动')
    const village = await call(sharedVillage as Fn, await get('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/villages/${DALIAOKENG()}`), { orgId: UNIT(), villageId: DALIAOKENG() })
    expect(village.status).toBe(404)

    // The village still sees the record its former unit made: history is kept.
    const own = await call(activities as Fn, await get('daliaokeng.secretary@ruyuan.demo', `/village/${DALIAOKENG()}/activities`), { orgId: DALIAOKENG() })
    expect((own.body as unknown as { rows: { title: string }[] }).rows.map((r) => r.title)).toContain('新结对首次活动')
  })
})

describe('cadres and postings', () => {
  it('lets the county admin add a cadre and post her as first secretary; the village and the unit read it', async () => {
    const path = `/county/${RUYUAN()}/cadres`
    const bad = await call(cadresAction, await post('county.admin@ruyuan.demo', path, { intent: 'add-cadre', name: '', phone: 'abc' }), { orgId: RUYUAN() })
    expect(bad.status).toBe(400)
    expect(Object.keys((bad.body as unknown as { errors: object }).errors).sort()).toEqual(['name', 'phone'])

    const added = await call(cadresAction, await post('county.admin@ruyuan.demo', path, { intent: 'add-cadre', name: '测试书记', unitId: UNIT(), title: '科长' }), { orgId: RUYUAN() })
    expect(added.status).toBe(302)
    const db = await getRawDb()
    const cadre = await db.selectFrom('cadres').select(['id', 'unit_id']).where('name', '=', '测试书记').executeTakeFirstOrThrow()
    const posted = await call(
      cadresAction,
      await post('county.admin@ruyuan.demo', path, { intent: 'post-cadre', cadreId: cadre.id, villageId: YUNMEN(), post: 'first_secretary', startsOn: dayBefore(TODAY) }),
      { orgId: RUYUAN() },
    )
    expect(posted.status).toBe(302)
    // back on the page of the county's postings register that lists the new posting
    const landing = /^\/county\/[0-9a-f-]{36}\/cadres\?saved=1&postingsPage=(\d+)#postings$/.exec(posted.location ?? '')
    expect(landing, posted.location ?? 'no redirect').not.toBeNull()
    type Listed = { postings: { id: string; cadre_name: string; post: string; active: boolean }[] }
    const listedOn = async (page: string) =>
      ((await call(cadresLoader as Fn, await get('county.admin@ruyuan.demo', `${path}?postingsPage=${page}`), { orgId: RUYUAN() })).body as unknown as Listed).postings
    const mine = (await listedOn(landing![1]!)).find((p) => p.cadre_name === '测试书记')
    expect(mine).toMatchObject({ post: 'first_secretary', active: true })
    // ended today: on the page that lists it among the history
    const ended = await call(cadresAction, await post('county.admin@ruyuan.demo', path, { intent: 'end-posting', id: mine!.id, endsOn: dayBefore(TODAY) }), { orgId: RUYUAN() })
    const afterEnd = /postingsPage=(\d+)#postings$/.exec(ended.location ?? '')
    expect(afterEnd, ended.location ?? `answered ${ended.status}`).not.toBeNull()
    expect((await listedOn(afterEnd![1]!)).find((p) => p.id === mine!.id)).toMatchObject({ active: false })
    await db.updateTable('cadre_postings').set({ ends_on: null }).where('id', '=', mine!.id).execute()

    for (const [email, portal, orgId] of [
      ['yunmen.secretary@ruyuan.demo', 'village', YUNMEN()],
      ['unit.liaison@ruyuan.demo', 'unit', UNIT()],
    ] as const) {
      const res = await call(cadresLoader as Fn, await get(email, `/${portal}/${orgId}/cadres`), { orgId })
      expect(res.status).toBe(200)
      const postings = (res.body as unknown as { postings: { cadre_name: string; post: string }[] }).postings
      expect(postings).toContainEqual(expect.objectContaining({ cadre_name: '测试书记', post: 'first_secretary' }))
    }
  })

  it('pages the county roster and finds cadres by name, title, phone or unit, wildcards taken literally', async () => {
    type Roster = { cadres: { id: string; name: string; unit_name: string | null }[]; cadreTotal: number; search: string }
    const roster = async (query: string) => {
      const res = await call(cadresLoader as Fn, await get('county.admin@ruyuan.demo', `/county/${RUYUAN()}/cadres${query}`), { orgId: RUYUAN() })
      expect(res.status).toBe(200)
      return res.body as unknown as Roster
    }
    const db = await getRawDb()
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.cadres where county_id = ${RUYUAN()}::uuid`.execute(db)
    const all = rows[0]!.n
    expect(all).toBeGreaterThan(2000) // the demo's roster is the article's ~6,900: more than one screen could ever hold

    const first = await roster('')
    expect(first.cadreTotal).toBe(all)
    expect(first.cadres).toHaveLength(50)
    const second = await roster('?page=2')
    expect(second.cadres).toHaveLength(50)
    expect(second.cadres.filter((c) => first.cadres.some((f) => f.id === c.id))).toEqual([])
    const lastPage = Math.ceil(all / 50)
    expect((await roster(`?page=${lastPage}`)).cadres).toHaveLength(all - (lastPage - 1) * 50)
    expect((await roster(`?page=${lastPage + 1}`)).cadres).toEqual([])
    expect((await roster('?page=-3')).cadres.map((c) => c.id)).toEqual(first.cadres.map((c) => c.id))

    const someone = second.cadres[7]!
    const byName = await roster(`?q=${encodeURIComponent(` ${someone.name} `)}`)
    expect(byName.search).toBe(someone.name)
    expect(byName.cadres.map((c) => c.id)).toContain(someone.id)
    const { rows: same } = await sql<{ n: number }>`
      select count(*)::int as n from public.cadres c left join public.orgs u on u.id = c.unit_id
       where c.county_id = ${RUYUAN()}::uuid
         and (c.name like ${`%${someone.name}%`} or c.title like ${`%${someone.name}%`} or c.phone like ${`%${someone.name}%`} or u.name like ${`%${someone.name}%`})`.execute(db)
    expect(byName.cadreTotal).toBe(same[0]!.n)

    const { rows: units } = await sql<{ name: string }>`
      select u.name from public.cadres c join public.orgs u on u.id = c.unit_id where c.county_id = ${RUYUAN()}::uuid order by u.name limit 1`.execute(db)
    const unitName = units[0]!.name
    const byUnit = await roster(`?q=${encodeURIComponent(unitName)}`)
    expect(byUnit.cadreTotal).toBeGreaterThan(0)
    expect(byUnit.cadres.every((c) => c.unit_name?.includes(unitName) || c.name.includes(unitName))).toBe(true)

    for (const literal of ['%', '_', '\\']) expect((await roster(`?q=${encodeURIComponent(literal)}`)).cadreTotal).toBe(0)
  })

  it('lists postings in pages of 50 with their total, current ones first, every posting once', async () => {
    const db = await getRawDb()
    // 900 ended postings of the county's cadres in its villages: with the demo's ~185, more than 20 pages
    const { rows: added } = await sql<{ id: string }>`
      insert into public.cadre_postings (cadre_id, village_id, post, starts_on, ends_on)
      select c.id, v.id, 'village_cadre', date '2020-01-01', date '2021-12-31'
        from (select id, row_number() over (order by id) as n from public.cadres where county_id = ${RUYUAN()}::uuid) c
        join (select o.id, row_number() over (order by o.id) as n from public.orgs o
                join public.org_closure k on k.descendant_id = o.id
               where k.ancestor_id = ${RUYUAN()}::uuid and o.kind = 'village') v on v.n = 1 + c.n % 100
       where c.n <= 900
      returning id`.execute(db)
    try {
      expect(added).toHaveLength(900)
      const { rows: all } = await sql<{ id: string }>`
        select p.id from public.cadre_postings p
         where p.village_id in (select descendant_id from public.org_closure where ancestor_id = ${RUYUAN()}::uuid)`.execute(db)
      type Body = { postings: { id: string; active: boolean }[]; postingTotal: number; cadres: { id: string }[] }
      const page = async (query: string) =>
        (await call(cadresLoader as Fn, await get('county.admin@ruyuan.demo', `/county/${RUYUAN()}/cadres${query}`), { orgId: RUYUAN() })).body as unknown as Body
      const first = await page('')
      expect(first.postingTotal).toBe(all.length)
      expect(first.postings).toHaveLength(50)
      const listed: Body['postings'] = []
      for (let n = 1; n <= Math.ceil(all.length / 50); n++) {
        // the roster's own page (?page=) does not move the postings
        listed.push(...(await page(`?page=2&postingsPage=${n}`)).postings)
      }
      expect(listed.map((p) => p.id).sort()).toEqual(all.map((p) => p.id).sort())
      const firstEnded = listed.findIndex((p) => !p.active)
      expect(firstEnded).toBeGreaterThan(0)
      expect(listed.slice(firstEnded).every((p) => !p.active)).toBe(true)
      // and the postings' page does not move the roster
      expect((await page('?postingsPage=3')).cadres.map((c) => c.id)).toEqual(first.cadres.map((c) => c.id))
    } finally {
      await sql`delete from public.cadre_postings where id = any(${added.map((r) => r.id)}::uuid[])`.execute(db)
    }
  })

  it('shows a unit only its own cadres on its roster', async () => {
    const res = await call(cadresLoader as Fn, await get('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/cadres`), { orgId: UNIT() })
    expect(res.status).toBe(200)
    const body = res.body as unknown as { cadres: { id: string }[]; cadreTotal: number }
    const db = await getRawDb()
    const own = await db.selectFrom('cadres').select('id').where('unit_id', '=', UNIT()).execute()
    expect(body.cadreTotal).toBe(own.length)
    expect(body.cadres.every((c) => own.some((o) => o.id === c.id))).toBe(true)
  })

  it('refuses cadre management to everyone else, writing nothing', async () => {
    const res = await call(cadresAction, await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/cadres`, { intent: 'add-cadre', name: '越权干部' }), { orgId: UNIT() })
    expect(res.status).toBe(404)
    const town = await call(cadresAction, await post('rucheng.admin@ruyuan.demo', `/county/${RUYUAN()}/cadres`, { intent: 'add-cadre', name: '越权干部' }), { orgId: RUYUAN() })
    expect([403, 404]).toContain(town.status)
    const db = await getRawDb()
    expect(await db.selectFrom('cadres').select('id').where('name', '=', '越权干部').execute()).toHaveLength(0)
  })
})

describe('a village with more households than the visit form lists', () => {
  it('lists the first 2,000 by head name, finds the others by name keeping what was typed, and saves a visit to any of them', async () => {
    const db = await getRawDb()
    const path = `/village/${YUNMEN()}/visits/new`
    const { rows: added } = await sql<{ id: string; head_name: string }>`
      insert into public.households (village_id, head_name, members)
      select ${YUNMEN()}::uuid, '走访测试户' || lpad(g::text, 4, '0'), 3 from generate_series(1, 2005) g
      returning id, head_name`.execute(db)
    const other = await db.insertInto('households').values({ village_id: DALIAOKENG(), head_name: '别村农户', members: 2 }).returning('id').executeTakeFirstOrThrow()
    try {
      const form = await call(newVisitLoader as Fn, await get('yunmen.secretary@ruyuan.demo', path), { orgId: YUNMEN() })
      const loaded = form.body as unknown as { households: { id: string }[]; householdsTruncated: boolean }
      expect(loaded.householdsTruncated).toBe(true)
      expect(loaded.households).toHaveLength(2000)
      const listed = new Set(loaded.households.map((h) => h.id))
      const unlisted = added.find((h) => !listed.has(h.id))!
      expect(unlisted).toBeDefined()

      // "查找": nothing is written, what was typed comes back with the one match
      const typed = { villageId: YUNMEN(), visitedOn: TODAY, peopleMet: '2', notes: '走访大村农户，了解用工需求' }
      const find = await call(newVisit, await post('yunmen.secretary@ruyuan.demo', path, { ...typed, intent: 'find-household', householdQuery: ` ${unlisted.head_name} ` }), { orgId: YUNMEN() })
      expect(find.status).toBe(200)
      const found = find.body as unknown as { values: Record<string, string>; found: { query: string; rows: { id: string }[]; truncated: boolean } }
      expect(found.found).toEqual({ query: unlisted.head_name, rows: [{ id: unlisted.id, name: unlisted.head_name, name_en: null }], truncated: false })
      expect(found.values.notes).toBe(typed.notes)
      expect(await count('visits', { notes: typed.notes })).toBe(0)

      // wildcards are taken literally; an over-long query is a translated field error
      const literal = await call(newVisit, await post('yunmen.secretary@ruyuan.demo', path, { intent: 'find-household', householdQuery: '走访测试户%5' }), { orgId: YUNMEN() })
      expect((literal.body as unknown as { found: { rows: unknown[] } }).found.rows).toEqual([])
      const tooLong = await call(newVisit, await post('yunmen.secretary@ruyuan.demo', path, { intent: 'find-household', householdQuery: '户'.repeat(51) }), { orgId: YUNMEN() })
      expect(tooLong.status).toBe(400)
      expect((tooLong.body as unknown as { errors: Record<string, string[]> }).errors.householdQuery?.[0]).toMatch(/[\u4e00-\u9fff]/)

      // a refused save lists the same matches again, so the chosen household stays chosen
      const refused = await call(newVisit, await post('yunmen.secretary@ruyuan.demo', path, { ...typed, notes: '', householdQuery: unlisted.head_name, householdId: unlisted.id }), { orgId: YUNMEN() })
      expect(refused.status).toBe(400)
      expect((refused.body as unknown as { found: { rows: { id: string }[] } }).found.rows.map((r) => r.id)).toEqual([unlisted.id])

      // the save checks the household itself, not the listed ones
      const saved = await call(newVisit, await post('yunmen.secretary@ruyuan.demo', path, { ...typed, householdQuery: unlisted.head_name, householdId: unlisted.id }), { orgId: YUNMEN() })
      expect(saved).toMatchObject({ status: 302, location: `/village/${YUNMEN()}/visits?saved=1` })
      const row = await db.selectFrom('visits').select(['household_id', 'village_id']).where('notes', '=', typed.notes).executeTakeFirstOrThrow()
      expect(row).toEqual({ household_id: unlisted.id, village_id: YUNMEN() })

      // another village's household is refused, writing nothing
      const foreign = await call(newVisit, await post('yunmen.secretary@ruyuan.demo', path, { ...typed, notes: '别村农户的走访', householdId: other.id }), { orgId: YUNMEN() })
      expect(foreign.status).toBe(400)
      expect(Object.keys((foreign.body as unknown as { errors: object }).errors)).toEqual(['householdId'])
      expect(await count('visits', { notes: '别村农户的走访' })).toBe(0)

      // a unit never searches households
      const unit = await call(newVisit, await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/visits/new`, { intent: 'find-household', householdQuery: '走访' }), { orgId: UNIT() })
      expect(unit.status).toBe(404)
    } finally {
      const ids = [...added.map((h) => h.id), other.id]
      await sql`delete from public.visits where household_id = any(${ids}::uuid[])`.execute(db)
      await sql`delete from public.households where id = any(${ids}::uuid[])`.execute(db)
    }
  })
})

describe('the registers, a page at a time', () => {
  // the page's rows are picked by their sort keys first, then read and joined (records.server.ts pageIds):
  // the pages must be what ordering the whole joined register would give, without repeats or gaps
  const orders = [
    ['date', 'desc'],
    ['date', 'asc'],
    ['village', 'asc'],
    ['village', 'desc'],
  ] as const
  it.each(orders)('lists visit diaries and activities by %s %s as the whole register would', async (sort, dir) => {
    const db = await getRawDb()
    const d = sql.raw(dir)
    for (const [table, dateCol, loader] of [
      ['visits', 'visited_on', visits],
      ['pairing_activities', 'occurred_on', activities],
    ] as const) {
      const date = sql.ref(`r.${dateCol}`)
      const { rows: reference } = await sql<{ id: string; village_name: string | null }>`
        select r.id, v.name as village_name from ${sql.table(`public.${table}`)} r left join public.orgs v on v.id = r.village_id
         where r.village_id in (select descendant_id from public.org_closure where ancestor_id = ${RUYUAN()}::uuid)
         order by ${sort === 'village' ? sql`v.name ${d}, ${date} desc, r.created_at desc, r.id desc` : sql`${date} ${d}, r.created_at ${d}, r.id ${d}`}
         limit 150`.execute(db)
      expect(reference.length, `${table}: the demo holds more than two pages`).toBe(150)
      const listed: { id: string; village_name: string | null }[] = []
      for (const page of [1, 2, 3]) {
        const res = await call(loader as Fn, await get('county.admin@ruyuan.demo', `/county/${RUYUAN()}/${table === 'visits' ? 'visits' : 'activities'}?sort=${sort}&dir=${dir}&page=${page}`), { orgId: RUYUAN() })
        listed.push(...(res.body as unknown as { rows: { id: string; village_name: string | null }[] }).rows.map((r) => ({ id: r.id, village_name: r.village_name })))
      }
      expect(listed, table).toEqual(reference)
    }
  })
})
