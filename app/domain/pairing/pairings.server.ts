import { sql } from 'kysely'
import type { Tx } from '~/lib/db.server'
import type { PairingView } from '~/domain/orgs/orgs.server'
import type { OrgOption } from './records.server'
import type { z } from 'zod'
import type { endSchema, pairingSchema } from './schemas'

/**
 * Pairing management for the county: create a unit <-> village pairing for a period, end one
 * (ends_on; history kept). Runs as the user: the pairings policies require pairings:manage.
 */

const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`

/** Every pairing of the county's villages, active first, then history. */
export async function listPairingsOfCounty(tx: Tx, countyId: string): Promise<(PairingView & { note: string | null })[]> {
  const { rows } = await sql<PairingView & { note: string | null }>`
    select p.id, p.unit_id, u.name as unit_name, u.name_en as unit_name_en, u.unit_level, u.unit_type,
           p.village_id, v.name as village_name, v.name_en as village_name_en, t.name as town_name, t.name_en as town_name_en,
           p.starts_on::text as starts_on, p.ends_on::text as ends_on, p.is_lead, p.note,
           (p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})) as active
      from public.pairings p
      join public.org_closure c on c.descendant_id = p.village_id and c.ancestor_id = ${countyId}::uuid
      left join public.orgs u on u.id = p.unit_id
      left join public.orgs v on v.id = p.village_id
      left join public.orgs t on t.id = v.parent_id
     order by active desc, t.code nulls last, v.code nulls last, p.is_lead desc, p.starts_on desc`.execute(tx)
  return rows
}

/** Support units the county may pair (those it can read). */
export async function unitOptions(tx: Tx): Promise<OrgOption[]> {
  return tx.selectFrom('orgs').select(['id', 'name', 'name_en']).where('kind', '=', 'unit').orderBy('name').execute()
}

export type PairingWriteError = 'overlap' | 'leadTaken' | 'refused' | 'notFound'

function writeError(err: unknown): PairingWriteError | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined
  if (code === '23P01') return 'overlap'
  if (code === '23505') return 'leadTaken'
  if (code === '42501') return 'refused'
  return null
}

/**
 * Creates a pairing inside a savepoint so that a refused row (overlap, second open lead, RLS)
 * comes back as a reason instead of aborting the request's transaction.
 */
export async function createPairing(tx: Tx, input: z.infer<typeof pairingSchema>): Promise<{ id: string } | { error: PairingWriteError }> {
  await sql`savepoint create_pairing`.execute(tx)
  try {
    const row = await tx
      .insertInto('pairings')
      .values({
        unit_id: input.unitId,
        village_id: input.villageId,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        is_lead: input.isLead,
        note: input.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await sql`release savepoint create_pairing`.execute(tx)
    return row
  } catch (err) {
    const reason = writeError(err)
    if (!reason) throw err
    await sql`rollback to savepoint create_pairing`.execute(tx)
    return { error: reason }
  }
}

/** Ends a pairing on a date (not before it started); the row stays as history. */
export async function endPairing(tx: Tx, input: z.infer<typeof endSchema>): Promise<{ ok: true } | { error: PairingWriteError | 'beforeStart' }> {
  const { rows } = await sql<{ starts_on: string }>`select starts_on::text as starts_on from public.pairings where id = ${input.id}::uuid`.execute(tx)
  const current = rows[0]
  if (!current) return { error: 'notFound' }
  if (input.endsOn < current.starts_on) return { error: 'beforeStart' }
  await sql`savepoint end_pairing`.execute(tx)
  try {
    const result = await tx.updateTable('pairings').set({ ends_on: input.endsOn }).where('id', '=', input.id).executeTakeFirst()
    await sql`release savepoint end_pairing`.execute(tx)
    return Number(result.numUpdatedRows) === 1 ? { ok: true } : { error: 'refused' }
  } catch (err) {
    const reason = writeError(err)
    if (!reason) throw err
    await sql`rollback to savepoint end_pairing`.execute(tx)
    return { error: reason }
  }
}
