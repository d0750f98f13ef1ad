/**
 * A civil case naming a unit names a unit paired with the village the day it is registered (migration
 * 20261129000020, constraint case_unit_paired). The village's scope passes the insert policy by the village
 * alone: a secretary writing with her JWT (the insert PostgREST would make), or createConcern given a unit, is
 * refused by Postgres (23514) when no pairing of that unit with the village covers today, and a case naming no
 * unit, or the unit paired now, is registered. The concern form answers the refusal with a field error on the
 * village in the user's language (400, not 500) when it gets past the form's own list of paired villages.
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createConcern, isCaseUnitNotPaired } from '../../app/domain/concerns/concerns.server'
import { concernNewSchema } from '../../app/domain/concerns/schema'
import { todayInShanghai } from '../../app/domain/pairing/kinds'
import { closeDb, getRawDb, withUser, type Claims } from '../../app/lib/db.server'
import { localeCookie } from '../../app/lib/i18n.server'
import { demoOrgId, demoUserId } from '../../app/lib/seed.server'
import { action as newConcern } from '../../app/routes/shared/concern-new'
import { claimsFor, createTestDb } from '../support/test-db'
import { BASE, cookieFor } from '../support/sessions'

// The form's own check (the unit's villages paired today), made to miss, as when the county ends the pairing
// between that list and the insert: only the database's rule stands between the form and the row then.
const routeCheck = vi.hoisted(() => ({ extra: null as string | null, calls: 0 }))
vi.mock('../../app/domain/concerns/concerns.server', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../app/domain/concerns/concerns.server')>()
  return {
    ...actual,
    villagesForNew: async (...args: Parameters<typeof actual.villagesForNew>) => {
      const villages = await actual.villagesForNew(...args)
      routeCheck.calls++
      return routeCheck.extra ? [...villages, { id: routeCheck.extra, name: 'missed', name_en: null }] : villages
    },
  }
})

const YUNMEN = demoOrgId('440232101201') // 云门村, paired with RY-C01 since 2024-03-01, open-ended
const COMMUNITY = demoOrgId('440232101001') // 乳城示例社区01 (乳城镇): RY-C01's pairing ended 2025-02-28
const RY_C01 = demoOrgId('RY-C01')
const GD_P01 = demoOrgId('GD-P01') // paired with 高源村 only
const LIAISON = 'unit.liaison@ruyuan.demo' // RY-C01
const TITLES = ['规则：未结对单位的事务', '规则：结对已结束单位的事务', '规则：结对单位的事务', '规则：村自己的事务', '规则：表单漏查的事务']

const caseInput = (villageId: string, title: string) =>
  concernNewSchema(todayInShanghai()).parse({ kind: 'case', villageId, title, description: '村道路灯损坏' })

/** The error a promise rejects with (or null when it resolves). */
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e)

async function saved(title: string) {
  const db = await getRawDb()
  return db.selectFrom('concern_cases').select(['village_id', 'unit_id']).where('title', '=', title).execute()
}

type Answer = { status: number; body: { errors?: Record<string, string[]> } }
/** Calls the form's action as the liaison, in the unit's portal: { status, body } whether it returned data() or threw a Response. */
async function postCase(values: Record<string, string>, lng?: 'en'): Promise<Answer> {
  const cookie = await cookieFor(LIAISON) + (lng ? `; ${(await localeCookie.serialize(lng)).split(';')[0]}` : '')
  const request = new Request(`${BASE}/unit/${RY_C01}/concerns/new`, {
    method: 'POST',
    body: new URLSearchParams(values),
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  try {
    const result = (await newConcern({ request, params: { orgId: RY_C01 }, context: {} } as ActionFunctionArgs)) as { type?: string; data?: unknown; init?: { status?: number } }
    if (result?.type === 'DataWithResponseInit') return { status: result.init?.status ?? 200, body: result.data as never }
    return { status: 200, body: result as never }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: {} }
    throw thrown
  }
}

let membershipId: string

beforeAll(async () => {
  await createTestDb()
  // the unit's liaison also holds the community's secretary role (a first secretary the unit sent there keeps
  // it): the insert policy then lets a case of the community through by the village alone, whatever its unit
  const db = await getRawDb()
  const row = await db.insertInto('memberships').values({ user_id: demoUserId(LIAISON), org_id: COMMUNITY, role: 'village_secretary' })
    .returning('id').executeTakeFirstOrThrow()
  membershipId = row.id
})
/** On a shared Postgres (DATABASE_URL) later test files see this database: take back the cases and the role made here. */
afterAll(async () => {
  const db = await getRawDb()
  await db.deleteFrom('concern_cases').where('title', 'in', TITLES).execute()
  await db.deleteFrom('memberships').where('id', '=', membershipId).execute()
  await closeDb()
})

describe('the database refuses a case naming a unit not paired with its village today', () => {
  it('a village secretary writing with her JWT cannot attribute a case to a unit never paired with the village', async () => {
    const claims = await claimsFor('yunmen.secretary@ruyuan.demo')
    const err = await refusal(withUser(claims, (tx) =>
      sql`insert into public.concern_cases (village_id, unit_id, title, created_by)
          values (${YUNMEN}, ${GD_P01}, ${TITLES[0]!}, ${claims.sub})`.execute(tx)))
    expect(err).toMatchObject({ code: '23514', constraint: 'case_unit_paired' })
    expect(isCaseUnitNotPaired(err)).toBe(true)
    expect(isCaseUnitNotPaired({ code: '23514', constraint: 'record_within_pairing' })).toBe(false)
    expect(await saved(TITLES[0]!)).toEqual([])
  })

  it('createConcern throws the refusal for a unit never paired, or no longer; the unit paired now and the village\'s own case are registered', async () => {
    const as = (claims: Claims, villageId: string, title: string, unitId: string | null) =>
      withUser(claims, (tx) => createConcern(tx, claims, caseInput(villageId, title), unitId))
    const secretary = await claimsFor('yunmen.secretary@ruyuan.demo')
    const town = await claimsFor('rucheng.admin@ruyuan.demo')

    expect(isCaseUnitNotPaired(await refusal(as(secretary, YUNMEN, TITLES[0]!, GD_P01)))).toBe(true)
    // the town's community, whose pairing with RY-C01 ended in 2025
    expect(isCaseUnitNotPaired(await refusal(as(town, COMMUNITY, TITLES[1]!, RY_C01)))).toBe(true)
    expect(await as(town, YUNMEN, TITLES[2]!, RY_C01)).toMatch(/^[0-9a-f-]{36}$/)
    expect(await as(secretary, YUNMEN, TITLES[3]!, null)).toMatch(/^[0-9a-f-]{36}$/)

    expect(await saved(TITLES[0]!)).toEqual([])
    expect(await saved(TITLES[1]!)).toEqual([])
    expect(await saved(TITLES[2]!)).toEqual([{ village_id: YUNMEN, unit_id: RY_C01 }])
    expect(await saved(TITLES[3]!)).toEqual([{ village_id: YUNMEN, unit_id: null }])
  })
})

describe('the concern form answers the refusal with a field error', () => {
  it('a case that gets past the form\'s list of paired villages is a 400 on the village, in the user\'s language', async () => {
    const form = { kind: 'case', villageId: COMMUNITY, title: TITLES[4]!, description: '' }
    // the form's own check first: the community is not among the unit's villages today
    expect(await postCase(form)).toMatchObject({ status: 400, body: { errors: { villageId: ['只能为本单位的结对村登记。'] } } })

    routeCheck.extra = COMMUNITY
    routeCheck.calls = 0
    try {
      expect(await postCase(form)).toMatchObject({ status: 400, body: { errors: { villageId: ['本单位今天未与该村结对，不能以本单位名义为该村登记群众事务。'] } } })
      expect(await postCase(form, 'en')).toMatchObject({
        status: 400,
        body: { errors: { villageId: ['Your unit is not paired with this village today, so it cannot register a case for it.'] } },
      })
      expect(routeCheck.calls).toBe(2)
    } finally {
      routeCheck.extra = null
    }
    expect(await saved(TITLES[4]!)).toEqual([])
  })
})
