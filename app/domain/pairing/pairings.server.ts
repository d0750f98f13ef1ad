import { sql } from 'kysely'
import type { Tx } from '~/lib/db.server'
import { pairingColumns, pairingJoins, type PairingView } from '~/domain/orgs/orgs.server'
import type { OrgOption } from './records.server'
import type { z } from 'zod'
import type { CorrectStartInput, endSchema, PairingInput } from './schemas'
import { lockWritesOf } from './records.server'

/**
 * Pairing management for the county: create a unit <-> village pairing for a period, end one
 * (ends_on; history kept), put right the start of one that has not started. Runs as the user: the
 * pairings policies require pairings:manage.
 */

const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`

/** A pairing on the county's list, with its note (`upcoming`, from PairingView: not started yet). */
export type CountyPairing = PairingView & { note: string | null }

/** Every pairing of the county's villages, active first, then those to come and history. */
export async function listPairingsOfCounty(tx: Tx, countyId: string): Promise<CountyPairing[]> {
  const { rows } = await sql<CountyPairing>`
    select ${pairingColumns}, p.note
      from public.pairings p
      join public.org_closure c on c.descendant_id = p.village_id and c.ancestor_id = ${countyId}::uuid
      ${pairingJoins}
     order by active desc, upcoming desc, t.code nulls last, v.code nulls last, p.is_lead desc, p.starts_on desc`.execute(tx)
  return rows
}

/** Support units the county may pair (those it can read). */
export async function unitOptions(tx: Tx): Promise<OrgOption[]> {
  return tx.selectFrom('orgs').select(['id', 'name', 'name_en']).where('kind', '=', 'unit').orderBy('name').execute()
}

/** Why the database refused a pairing write; recordsOutside: the change would leave records of the unit in the village outside every pairing of the two. */
export type PairingWriteError = 'overlap' | 'leadTaken' | 'refused' | 'notFound' | 'recordsOutside'

/** A refused pairing write; for recordsOutside, `latest` is the latest day of the records it would leave outside (null if the refusal did not say). */
type Refusal = { error: PairingWriteError; latest?: string | null }

function writeError(err: unknown): Refusal | null {
  const { code, constraint, detail } = typeof err === 'object' && err !== null ? (err as { code?: string; constraint?: string; detail?: string }) : {}
  if (code === '23P01') return { error: 'overlap' }
  if (code === '23505') return { error: 'leadTaken' }
  if (code === '42501') return { error: 'refused' }
  // migrations 20261129000019/21: a pairing covers the records its unit keeps in the village; the detail says up to when
  if (code === '23514' && constraint === 'pairing_covers_records') return { error: 'recordsOutside', latest: latestOutside(detail) }
  return null
}

/**
 * The latest day of the records a refused pairing change would leave outside, from the refusal's detail
 * (`latest=YYYY-MM-DD; first=…`, migration 20261129000021): the earliest day the pairing may end.
 */
function latestOutside(detail: string | undefined): string | null {
  return /(?:^|; )latest=(\d{4}-\d{2}-\d{2})(?:;|$)/.exec(detail ?? '')?.[1] ?? null
}

/**
 * Creates a pairing unless the same user created an identical one in the last minute (the form sent
 * twice: answered as already saved, not as an overlap with itself), inside a savepoint so that a refused
 * row (overlap, second open lead, RLS) comes back as a reason instead of aborting the request's transaction.
 */
export async function createPairing(tx: Tx, userId: string, input: PairingInput): Promise<{ id: string; created: boolean } | { error: PairingWriteError }> {
  await lockWritesOf(tx, userId)
  const { rows: same } = await sql<{ id: string }>`
    select id from public.pairings
     where created_by = ${userId}::uuid and created_at > now() - interval '1 minute'
       and unit_id = ${input.unitId}::uuid and village_id = ${input.villageId}::uuid
       and starts_on = ${input.startsOn}::date and ends_on is not distinct from ${input.endsOn}::date
       and is_lead = ${input.isLead} and note is not distinct from ${input.note}::text
     limit 1`.execute(tx)
  if (same[0]) return { id: same[0].id, created: false }
  return inSavepoint(tx, 'create_pairing', async () => {
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
    return { id: row.id, created: true }
  })
}

/**
 * Ends a pairing on a date not before it started; the row stays as history. A pairing that has not
 * started ends on its start date at the earliest: the database keeps ends_on >= starts_on and nobody
 * deletes a pairing (history is kept, delete is revoked), so "cancelling" one is ending it on its first
 * day, or first putting its start right (correctPairingStart). Nor before the unit's latest record in the
 * village ('recordsAfterEnd', with that record's date): the database refuses to leave a record outside
 * every pairing of the unit and the village, and records are history; its refusal names the latest day of
 * the records it protects, so the app keeps no list of the record tables of its own.
 */
export async function endPairing(
  tx: Tx,
  input: z.infer<typeof endSchema>,
): Promise<{ ok: true } | { error: PairingWriteError | 'beforeStart' } | { error: 'recordsAfterEnd'; latest: string | null }> {
  const { rows } = await sql<{ starts_on: string }>`select starts_on::text as starts_on from public.pairings where id = ${input.id}::uuid`.execute(tx)
  const current = rows[0]
  if (!current) return { error: 'notFound' }
  if (input.endsOn < current.starts_on) return { error: 'beforeStart' }
  const result = await inSavepoint(tx, 'end_pairing', async () => {
    const result = await tx.updateTable('pairings').set({ ends_on: input.endsOn }).where('id', '=', input.id).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1 ? { ok: true as const } : { error: 'refused' as const }
  })
  if ('error' in result && result.error === 'recordsOutside') return { error: 'recordsAfterEnd', latest: result.latest ?? null }
  return result
}

/**
 * Moves the start of a pairing that has not started yet (a typing error, a plan that moved); a started
 * pairing's start is history that records were dated against ('started'). Not after its end ('afterEnd').
 */
export async function correctPairingStart(tx: Tx, input: CorrectStartInput): Promise<{ ok: true } | { error: PairingWriteError | 'started' | 'afterEnd' }> {
  const { rows } = await sql<{ upcoming: boolean; ends_on: string | null }>`
    select p.starts_on > ${today} as upcoming, p.ends_on::text as ends_on from public.pairings p where p.id = ${input.id}::uuid`.execute(tx)
  const current = rows[0]
  if (!current) return { error: 'notFound' }
  if (!current.upcoming) return { error: 'started' }
  if (current.ends_on != null && input.startsOn > current.ends_on) return { error: 'afterEnd' }
  return inSavepoint(tx, 'correct_pairing_start', async () => {
    const result = await tx.updateTable('pairings').set({ starts_on: input.startsOn }).where('id', '=', input.id).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1 ? { ok: true as const } : { error: 'refused' as const }
  })
}

/** Runs a write in a savepoint: a refusal the database raises comes back as its reason, the transaction goes on. */
async function inSavepoint<T>(tx: Tx, name: string, write: () => Promise<T>): Promise<T | Refusal> {
  await sql`savepoint ${sql.raw(name)}`.execute(tx)
  try {
    const result = await write()
    await sql`release savepoint ${sql.raw(name)}`.execute(tx)
    return result
  } catch (err) {
    const refusal = writeError(err)
    if (!refusal) throw err
    await sql`rollback to savepoint ${sql.raw(name)}`.execute(tx)
    return refusal
  }
}
