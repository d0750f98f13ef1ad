/**
 * The civil case lifecycle through public.advance_concern_case(), as each role: the village
 * secretary, town staff and the county admin move cases of their scope; a unit that raised a case
 * follows it but cannot move it; another town does not find it (P0002). Illegal moves, missing notes,
 * idempotent repeats and the events written. Each test opens its own cases (as the village, or as
 * the paired unit), so it depends on no seeded case and leaves the others alone.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, withUser, type Tx } from '../../app/lib/db.server'
import { demoOrgId } from '../../app/lib/seed.server'
import { claimsFor, createTestDb } from '../support/test-db'

const YUNMEN = demoOrgId('440232101201') // 云门村, 乳城镇; paired with RY-C01
const DALIAOKENG = demoOrgId('440232108201') // 大潦坑村, 游溪镇
const RY_C01 = demoOrgId('RY-C01')

const SECRETARY = 'yunmen.secretary@ruyuan.demo'
const TOWN_ADMIN = 'rucheng.admin@ruyuan.demo' // 乳城镇: 云门村's town
const OTHER_TOWN = 'youxi.staff@ruyuan.demo' // 游溪镇
const COUNTY_ADMIN = 'county.admin@ruyuan.demo'
const COUNTY_STAFF = 'county.staff@ruyuan.demo'
const UNIT = 'unit.liaison@ruyuan.demo' // RY-C01
const PROVINCE = 'province.liaison@ruyuan.demo' // GD-P01: not paired with 云门村

beforeAll(async () => {
  await createTestDb()
})
afterAll(closeDb)

type Case = { id: string; state: string; owner_name: string | null; resolution: string | null; closed_reason: string | null }

async function as<T>(email: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withUser(await claimsFor(email), fn)
}

async function openCase(email: string, villageId: string, opts: { unitId?: string; isPrivate?: boolean } = {}): Promise<string> {
  return as(email, async (tx) => {
    const { rows } = await sql<{ id: string }>`
      insert into public.concern_cases (village_id, unit_id, title, description, is_private, created_by)
      values (${villageId}, ${opts.unitId ?? null}, '村道塌方待修复', '群众反映三组村道塌方', ${opts.isPrivate ?? false}, (select auth.uid()))
      returning id`.execute(tx)
    return rows[0]!.id
  })
}

function advance(email: string, id: string, to: string, note: string | null, owner?: string, dueOn?: string): Promise<Case> {
  return as(email, async (tx) => {
    const { rows } = await sql<Case>`
      select id, state::text as state, owner_name, resolution, closed_reason
        from public.advance_concern_case(${id}, ${to}::public.case_state, ${note}, ${owner ?? null}, ${dueOn ?? null}::date)`.execute(tx)
    return rows[0]!
  })
}

/** The SQLSTATE a call fails with. */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    return (e as { code?: string }).code ?? String(e)
  }
  throw new Error('expected a failure')
}

async function events(id: string) {
  return as(SECRETARY, async (tx) => {
    const { rows } = await sql<{ move: string; note: string | null }>`
      select coalesce(from_state::text, '-') || '>' || to_state::text as move, note
        from public.concern_case_events where case_id = ${id} order by id`.execute(tx)
    return rows
  })
}

describe('advance_concern_case', () => {
  it('the village secretary takes a case from open to confirmed, with the notes each step needs', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    expect(await failure(advance(SECRETARY, id, 'assigned', null))).toBe('23514')
    const assigned = await advance(SECRETARY, id, 'assigned', null, '村委委员 侯小军', '2030-01-31')
    expect(assigned).toMatchObject({ state: 'assigned', owner_name: '村委委员 侯小军' })
    expect(await failure(advance(SECRETARY, id, 'handled', ' '))).toBe('23514')
    expect(await advance(SECRETARY, id, 'handled', '已组织修复')).toMatchObject({ state: 'handled', resolution: '已组织修复' })
    expect(await failure(advance(SECRETARY, id, 'assigned', null))).toBe('23514')
    expect((await advance(SECRETARY, id, 'assigned', '群众不满意，返工')).state).toBe('assigned')
    expect((await advance(SECRETARY, id, 'handled', '已返工')).state).toBe('handled')
    expect((await advance(SECRETARY, id, 'confirmed', null)).state).toBe('confirmed')
    expect(await events(id)).toEqual([
      { move: '->open', note: null },
      { move: 'open>assigned', note: null },
      { move: 'assigned>handled', note: '已组织修复' },
      { move: 'handled>assigned', note: '群众不满意，返工' },
      { move: 'assigned>handled', note: '已返工' },
      { move: 'handled>confirmed', note: null },
    ])
  })

  it('is idempotent: repeating a move returns the case and writes no event', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    await advance(SECRETARY, id, 'assigned', null, '侯小军')
    const again = await advance(SECRETARY, id, 'assigned', null, '别人')
    expect(again).toMatchObject({ state: 'assigned', owner_name: '侯小军' })
    expect((await events(id)).map((e) => e.move)).toEqual(['->open', 'open>assigned'])
  })

  it('refuses illegal moves (42501)', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    expect(await failure(advance(SECRETARY, id, 'handled', '跳过分派'))).toBe('42501')
    expect(await failure(advance(SECRETARY, id, 'confirmed', null))).toBe('42501')
    expect((await advance(SECRETARY, id, 'closed', '重复反映，已合并')).closed_reason).toBe('重复反映，已合并')
    expect(await failure(advance(SECRETARY, id, 'open', null))).toBe('42501')
    expect(await failure(advance(SECRETARY, id, 'assigned', null, '侯小军'))).toBe('42501')
  })

  it('closing needs a reason (23514)', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    expect(await failure(advance(SECRETARY, id, 'closed', null))).toBe('23514')
    expect((await advance(SECRETARY, id, 'closed', '不属于村级事务')).state).toBe('closed')
  })

  it('the town and the county admin handle cases of their scope; county staff may only read', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    expect((await advance(TOWN_ADMIN, id, 'assigned', null, '乳城镇综治办')).state).toBe('assigned')
    expect(await failure(advance(COUNTY_STAFF, id, 'handled', '已办理'))).toBe('42501')
    expect((await advance(COUNTY_ADMIN, id, 'handled', '县住建局已修复')).state).toBe('handled')
    expect((await events(id)).map((e) => e.move)).toEqual(['->open', 'open>assigned', 'assigned>handled'])
  })

  it('another town does not find the case (P0002), nor does an unpaired unit', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    expect(await failure(advance(OTHER_TOWN, id, 'assigned', null, 'x'))).toBe('P0002')
    expect(await failure(advance(PROVINCE, id, 'assigned', null, 'x'))).toBe('P0002')
  })

  it('the paired unit raises a case and follows it, but cannot advance it', async () => {
    const id = await openCase(UNIT, YUNMEN, { unitId: RY_C01 })
    expect(await failure(advance(UNIT, id, 'assigned', null, 'x'))).toBe('42501')
    await advance(SECRETARY, id, 'assigned', null, '侯小军')
    const seen = await as(UNIT, async (tx) => {
      const { rows } = await sql<{ state: string }>`select state::text as state from public.concern_cases where id = ${id}`.execute(tx)
      return rows
    })
    expect(seen).toEqual([{ state: 'assigned' }])
    expect(await failure(openCase(UNIT, YUNMEN, { unitId: RY_C01, isPrivate: true }))).toBe('42501')
    expect(await failure(openCase(UNIT, DALIAOKENG, { unitId: RY_C01 }))).toBe('42501')
  })

  it('a private case is hidden from the paired unit', async () => {
    const id = await openCase(SECRETARY, YUNMEN, { isPrivate: true })
    const seen = await as(UNIT, async (tx) =>
      (await sql`select 1 from public.concern_cases where id = ${id}`.execute(tx)).rows)
    expect(seen).toEqual([])
    expect(await failure(advance(UNIT, id, 'closed', 'x'))).toBe('P0002')
  })

  it('nobody updates a case directly, not even the village', async () => {
    const id = await openCase(SECRETARY, YUNMEN)
    expect(await failure(as(SECRETARY, (tx) => sql`update public.concern_cases set state = 'closed', closed_reason = 'x' where id = ${id}`.execute(tx)))).toBe('42501')
  })
})
