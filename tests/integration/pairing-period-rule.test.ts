/**
 * The pairing-period rule held by the database (migration 20261129000019), the only check of it: a record
 * naming a unit, written through the domain functions, is refused by
 * Postgres (23514, record_within_pairing) and comes back as `outsidePairing`; the activity and visit forms turn
 * that refusal into their field error (400, not 500), and so does the concern form
 * for a unit's file or opinion; and the county cannot end a pairing before the unit's latest record in the village
 * (pairing_covers_records), a field error with that date, which the refusal's detail carries (migration 20261129000021).
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInShanghai } from '../../app/domain/pairing/kinds'
import { endPairing } from '../../app/domain/pairing/pairings.server'
import { isOutsidePairing, recordActivity, recordVisit } from '../../app/domain/pairing/records.server'
import type { ActivityInput, VisitInput } from '../../app/domain/pairing/schemas'
import { closeDb, getRawDb, withUser } from '../../app/lib/db.server'
import { action as newActivity } from '../../app/routes/shared/activity-new'
import { action as newVisit } from '../../app/routes/shared/visit-new'
import { action as unitsAction } from '../../app/routes/county/units'
import { action as newConcern } from '../../app/routes/shared/concern-new'
import { claimsFor, createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const TODAY = todayInShanghai()
// RY-C01 and 云门村 are paired since 2024-03-01, open-ended (the seed)
const SINCE = '2024-03-01'
const TITLES = ['规则：结对前的活动', '规则：结对期间的活动', '规则：村自办的早年活动', '规则：表单漏查的活动']
const NOTES = ['规则：结对前的走访', '规则：表单漏查的走访']
const OPINIONS = ['规则：结对前收集的意见', '规则：结对期间收集的意见']

const activity = (title: string, occurredOn: string, unitId: string | null): ActivityInput => ({
  villageId: YUNMEN(), unitId, kind: 'deliver_care', occurredOn, title, description: null, participants: 5, funds: null, goods: null,
})
const visit = (notes: string, visitedOn: string, unitId: string | null): VisitInput => ({
  villageId: YUNMEN(), unitId, cadreId: null, householdId: null, visitedOn, peopleMet: 2, notes,
})

async function rows(table: 'pairing_activities' | 'visits', text: string) {
  const db = await getRawDb()
  const { rows } = table === 'pairing_activities'
    ? await sql<{ n: number }>`select count(*)::int as n from public.pairing_activities where title = ${text}`.execute(db)
    : await sql<{ n: number }>`select count(*)::int as n from public.visits where notes = ${text}`.execute(db)
  return rows[0]!.n
}

async function post(email: string, path: string, values: Record<string, string>) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(values),
    headers: { Cookie: await cookieFor(email), 'Content-Type': 'application/x-www-form-urlencoded' },
  })
}

type Answer = { status: number; body: { errors?: Record<string, string[]> } }
/** Calls an action: { status, body } whether it returned data() or threw a Response (a redirect). */
async function call(fn: (args: ActionFunctionArgs) => Promise<unknown>, request: Request, params: Record<string, string>): Promise<Answer> {
  try {
    const result = (await fn({ request, params, context: {} })) as { type?: string; data?: unknown; init?: { status?: number } }
    if (result?.type === 'DataWithResponseInit') return { status: result.init?.status ?? 200, body: result.data as never }
    return { status: 200, body: result as never }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: {} }
    throw thrown
  }
}

beforeAll(async () => {
  await createTestDb()
})
/** On a shared Postgres (DATABASE_URL) later test files see this database: take back the records made here. */
afterAll(async () => {
  const db = await getRawDb()
  await db.deleteFrom('pairing_activities').where('title', 'in', TITLES).execute()
  await db.deleteFrom('visits').where('notes', 'in', NOTES).execute()
  await db.deleteFrom('opinions').where('content', 'in', OPINIONS).execute()
  await closeDb()
})

describe('the database refuses a unit\'s record dated outside its pairing, whatever the app checked', () => {
  it('recordActivity and recordVisit answer outsidePairing, and the transaction goes on', async () => {
    const claims = await claimsFor('unit.liaison@ruyuan.demo')
    const outcome = await withUser(claims, async (tx) => ({
      activity: await recordActivity(tx, claims.sub, activity(TITLES[0]!, '2024-02-29', UNIT())),
      visit: await recordVisit(tx, claims.sub, visit(NOTES[0]!, '2020-01-01', UNIT())),
      // the refusals were rolled back to their savepoints: the same transaction still writes
      within: await recordActivity(tx, claims.sub, activity(TITLES[1]!, SINCE, UNIT())),
    }))
    expect(outcome.activity).toEqual({ outsidePairing: true })
    expect(outcome.visit).toEqual({ outsidePairing: true })
    expect(outcome.within).toMatchObject({ created: true })
    expect(await rows('pairing_activities', TITLES[0]!)).toBe(0)
    expect(await rows('visits', NOTES[0]!)).toBe(0)
    expect(await rows('pairing_activities', TITLES[1]!)).toBe(1)
  })

  it('refuses a village naming its unit before the pairing with 23514 record_within_pairing; its own records keep any date', async () => {
    const claims = await claimsFor('yunmen.secretary@ruyuan.demo')
    const err = await withUser(claims, (tx) =>
      sql`insert into public.pairing_activities (village_id, unit_id, kind, occurred_on, title, created_by)
          values (${YUNMEN()}, ${UNIT()}, 'deliver_care', '2023-12-31', ${TITLES[0]!}, ${claims.sub})`.execute(tx),
    ).then(() => null, (e: unknown) => e)
    expect(err).toMatchObject({ code: '23514', constraint: 'record_within_pairing' })
    expect(isOutsidePairing(err)).toBe(true)
    expect(isOutsidePairing({ code: '23514', constraint: 'pairing_activities_title_check' })).toBe(false)

    const own = await withUser(claims, (tx) => recordActivity(tx, claims.sub, activity(TITLES[2]!, '2020-01-01', null)))
    expect(own).toMatchObject({ created: true })
  })
})

describe('the forms answer the database\'s refusal with their field error', () => {
  it('an activity or visit dated outside the pairing is a 400 on its date, with the pairing\'s start', async () => {
    // the forms have no check of their own: the database's rule is the one that refuses
    const form = { villageId: YUNMEN(), kind: 'deliver_care', occurredOn: '2024-02-29', title: TITLES[3]!, participants: '5', funds: '', goods: '' }
    const act = await call(newActivity, await post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/activities/new`, form), { orgId: UNIT() })
    expect(act).toMatchObject({ status: 400, body: { errors: { occurredOn: [`日期不在该单位与该村的结对期间内（本次结对自 ${SINCE} 起）`] } } })
    const vis = await call(
      newVisit,
      await post('yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/visits/new`, { unitId: UNIT(), visitedOn: '2023-12-31', peopleMet: '1', notes: NOTES[1]! }),
      { orgId: YUNMEN() },
    )
    expect(vis).toMatchObject({ status: 400, body: { errors: { visitedOn: [`日期不在该单位与该村的结对期间内（本次结对自 ${SINCE} 起）`] } } })
    expect(await rows('pairing_activities', TITLES[3]!)).toBe(0)
    expect(await rows('visits', NOTES[1]!)).toBe(0)
  })
})

describe('a unit\'s concern file or opinion is dated within its pairing too', () => {
  it('the concern form, which has no check of its own, answers the database\'s refusal on its date', async () => {
    const unit = (values: Record<string, string>) => post('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/concerns/new`, values).then((r) => call(newConcern, r, { orgId: UNIT() }))
    const early = await unit({ kind: 'opinion', villageId: YUNMEN(), on: '2024-02-29', content: OPINIONS[0]! })
    expect(early).toMatchObject({ status: 400, body: { errors: { on: [`日期不在该单位与该村的结对期间内（本次结对自 ${SINCE} 起）`] } } })
    expect((await unit({ kind: 'opinion', villageId: YUNMEN(), on: SINCE, content: OPINIONS[1]! })).status).toBe(302)
    const db = await getRawDb()
    const saved = await db.selectFrom('opinions').select('content').where('content', 'in', OPINIONS).execute()
    expect(saved.map((r) => r.content)).toEqual([OPINIONS[1]])
  })
})

describe('a pairing never ends before the unit\'s latest record in the village', () => {
  it('the county\'s end is a field error naming that record\'s date; the pairing stays as it was', async () => {
    const db = await getRawDb()
    const pairing = await db.selectFrom('pairings').select(['id', 'ends_on']).where('unit_id', '=', UNIT()).where('village_id', '=', YUNMEN())
      .where('ends_on', 'is', null).executeTakeFirstOrThrow()
    const { rows: latest } = await sql<{ d: string }>`
      select max(d)::text as d from (
        select occurred_on as d from public.pairing_activities where unit_id = ${UNIT()} and village_id = ${YUNMEN()}
        union all select visited_on from public.visits where unit_id = ${UNIT()} and village_id = ${YUNMEN()}
        union all select opened_on from public.concern_files where unit_id = ${UNIT()} and village_id = ${YUNMEN()}
        union all select raised_on from public.opinions where unit_id = ${UNIT()} and village_id = ${YUNMEN()}) x`.execute(db)
    expect(latest[0]!.d > SINCE).toBe(true)
    // a case counts by the day it was registered: one registered today is now the latest record
    await sql`insert into public.concern_cases (village_id, unit_id, title) values (${YUNMEN()}, ${UNIT()}, '结对结束前登记的事项')`.execute(db)
    const last = TODAY

    const refused = await call(
      unitsAction as (args: ActionFunctionArgs) => Promise<unknown>,
      await post('county.admin@ruyuan.demo', `/county/${RUYUAN()}/units`, { intent: 'end-pairing', id: pairing.id, endsOn: SINCE }),
      { orgId: RUYUAN() },
    )
    expect(refused).toMatchObject({ status: 400, body: { errors: { endsOn: [`该单位在本村的记录最晚日期为 ${last}，结对不能早于这一天结束。`] } } })
    expect((await db.selectFrom('pairings').select('ends_on').where('id', '=', pairing.id).executeTakeFirstOrThrow()).ends_on).toBeNull()

    // the domain function, directly: the same reason, and the request's transaction goes on after it
    const claims = await claimsFor('county.admin@ruyuan.demo')
    const direct = await withUser(claims, async (tx) => {
      const result = await endPairing(tx, { intent: 'end-pairing', id: pairing.id, endsOn: SINCE })
      const { rows: still } = await sql<{ ends_on: string | null }>`select ends_on::text from public.pairings where id = ${pairing.id}`.execute(tx)
      return { result, endsOn: still[0]!.ends_on }
    })
    expect(direct).toEqual({ result: { error: 'recordsAfterEnd', latest: last }, endsOn: null })
    expect(last <= TODAY).toBe(true)

    // the date is the refusal's own: this driver (pg or PGlite) hands its detail over as the migration words it
    const err = await withUser(claims, (tx) => sql`update public.pairings set ends_on = ${SINCE}::date where id = ${pairing.id}::uuid`.execute(tx))
      .then(() => null, (e: unknown) => e)
    expect(err).toMatchObject({
      code: '23514',
      constraint: 'pairing_covers_records',
      detail: expect.stringMatching(new RegExp(`^latest=${last}; first=\\d{4}-\\d{2}-\\d{2}; count=\\d+; pairing=${pairing.id}; unit=${UNIT()}; village=${YUNMEN()}$`)),
    })
  })
})
