import { sql } from 'kysely'
import type { z } from 'zod'
import type { Tx } from '~/lib/db.server'
import { CADRE_PAGE_SIZE, POSTING_PAGE_SIZE, type CadreQuery } from './filters'
import type { PostingRow } from './figures.server'
import type { cadreSchema, endSchema, PostingInput } from './schemas'
import { lockWritesOf } from './records.server'
import { containsPattern } from '~/lib/sql-like'

/**
 * Cadres (帮扶干部) and their postings to villages (驻村干部 / 第一书记), as the user reads them.
 * The county's admins add cadres and post them; everyone else reads within their scope.
 */

const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`

export interface CadreRow {
  id: string
  name: string
  title: string | null
  phone: string | null
  unit_name: string | null
  unit_name_en: string | null
  active_postings: number
}

function rosterScope(by: { countyId: string } | { unitId: string }, search: string) {
  const owner = 'countyId' in by ? sql`c.county_id = ${by.countyId}::uuid` : sql`c.unit_id = ${by.unitId}::uuid`
  if (!search) return owner
  // the words are matched as typed: % and _ in them are not wildcards
  const pattern = containsPattern(search)
  return sql`${owner} and (c.name ilike ${pattern} or c.title ilike ${pattern} or c.phone ilike ${pattern} or u.name ilike ${pattern})`
}

/**
 * One page of a county's cadre roster (or a unit's own cadres), with their active posting counts, and
 * how many cadres match in all. Ruyuan alone has ~6,900 cadres paired with households.
 */
export async function listCadres(
  tx: Tx,
  by: { countyId: string } | { unitId: string },
  query: CadreQuery = { search: '', page: 1 },
): Promise<{ rows: CadreRow[]; total: number }> {
  const where = rosterScope(by, query.search)
  const [{ rows }, { rows: counted }] = await Promise.all([
    sql<CadreRow>`
      select c.id, c.name, c.title, c.phone, u.name as unit_name, u.name_en as unit_name_en,
             (select count(*) from public.cadre_postings p
               where p.cadre_id = c.id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today}))::int as active_postings
        from public.cadres c left join public.orgs u on u.id = c.unit_id
       where ${where}
       order by u.name nulls first, c.name, c.id
       limit ${CADRE_PAGE_SIZE} offset ${(query.page - 1) * CADRE_PAGE_SIZE}`.execute(tx),
    sql<{ n: number }>`
      select count(*)::int as n from public.cadres c left join public.orgs u on u.id = c.unit_id where ${where}`.execute(tx),
  ])
  return { rows, total: counted[0]?.n ?? 0 }
}

/**
 * One page of the postings of a unit's own cadres that the unit may read (its actively paired villages),
 * active first (the id breaks ties), and how many there are in all.
 */
export async function postingsOfUnit(tx: Tx, unitId: string, { page = 1 }: { page?: number } = {}): Promise<{ rows: PostingRow[]; total: number }> {
  const { rows } = await sql<PostingRow>`
    select p.id, p.cadre_id, c.name as cadre_name, c.title as cadre_title, u.name as unit_name, u.name_en as unit_name_en,
           p.village_id, v.name as village_name, v.name_en as village_name_en, p.post, p.starts_on::text as starts_on, p.ends_on::text as ends_on,
           (p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})) as active
      from public.cadre_postings p
      join public.cadres c on c.id = p.cadre_id
      left join public.orgs u on u.id = c.unit_id
      left join public.orgs v on v.id = p.village_id
     where c.unit_id = ${unitId}::uuid
     order by active desc, v.name, c.name, p.id
     limit ${POSTING_PAGE_SIZE} offset ${(page - 1) * POSTING_PAGE_SIZE}`.execute(tx)
  const { rows: count } = await sql<{ n: number }>`
    select count(*)::int as n from public.cadre_postings p join public.cadres c on c.id = p.cadre_id where c.unit_id = ${unitId}::uuid`.execute(tx)
  return { rows, total: count[0]?.n ?? 0 }
}

export interface UnitHouseholdPair {
  cadre_name: string
  household_head_name: string
  village_name: string
  starts_on: string
}

/** At most this many of a unit's cadre <-> household pairs are listed; the page says when there are more. */
export const MAX_UNIT_PAIRS = 2000

/** The unit's cadre <-> household pairs, without personal details (public.unit_household_pairs); `truncated` when more exist. */
export async function unitHouseholdPairs(tx: Tx, unitId: string): Promise<{ rows: UnitHouseholdPair[]; truncated: boolean }> {
  const { rows } = await sql<UnitHouseholdPair>`
    select cadre_name, household_head_name, village_name, starts_on::text as starts_on
      from public.unit_household_pairs(${unitId}::uuid) limit ${MAX_UNIT_PAIRS + 1}`.execute(tx)
  return { rows: rows.slice(0, MAX_UNIT_PAIRS), truncated: rows.length > MAX_UNIT_PAIRS }
}

/**
 * Adds a cadre to the county unless the same user added an identical one in the last minute (the form
 * sent twice; the table has no idempotency column): the id and whether it is new.
 */
export async function addCadre(tx: Tx, userId: string, countyId: string, input: z.infer<typeof cadreSchema>): Promise<{ id: string; created: boolean }> {
  await lockWritesOf(tx, userId)
  const { rows: same } = await sql<{ id: string }>`
    select id from public.cadres
     where created_by = ${userId}::uuid and created_at > now() - interval '1 minute'
       and county_id = ${countyId}::uuid and unit_id is not distinct from ${input.unitId}::uuid and name = ${input.name}
       and title is not distinct from ${input.title}::text and phone is not distinct from ${input.phone}::text
     limit 1`.execute(tx)
  if (same[0]) return { id: same[0].id, created: false }
  const row = await tx
    .insertInto('cadres')
    .values({ county_id: countyId, unit_id: input.unitId, name: input.name, title: input.title, phone: input.phone })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, created: true }
}

/** Posts a cadre to a village unless the same user made an identical posting in the last minute. */
export async function postCadre(tx: Tx, userId: string, input: PostingInput): Promise<{ id: string; created: boolean }> {
  await lockWritesOf(tx, userId)
  const { rows: same } = await sql<{ id: string }>`
    select id from public.cadre_postings
     where created_by = ${userId}::uuid and created_at > now() - interval '1 minute'
       and cadre_id = ${input.cadreId}::uuid and village_id = ${input.villageId}::uuid and post = ${input.post}::public.cadre_post
       and starts_on = ${input.startsOn}::date and ends_on is not distinct from ${input.endsOn}::date
     limit 1`.execute(tx)
  if (same[0]) return { id: same[0].id, created: false }
  const row = await tx
    .insertInto('cadre_postings')
    .values({ cadre_id: input.cadreId, village_id: input.villageId, post: input.post, starts_on: input.startsOn, ends_on: input.endsOn })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, created: true }
}

/** Ends a posting on a date not before its start; 'notFound' when hidden, 'beforeStart' otherwise refused. */
export async function endPosting(tx: Tx, input: z.infer<typeof endSchema>): Promise<'ok' | 'notFound' | 'beforeStart'> {
  const { rows } = await sql<{ starts_on: string }>`select starts_on::text as starts_on from public.cadre_postings where id = ${input.id}::uuid`.execute(tx)
  if (!rows[0]) return 'notFound'
  if (input.endsOn < rows[0].starts_on) return 'beforeStart'
  const result = await tx.updateTable('cadre_postings').set({ ends_on: input.endsOn }).where('id', '=', input.id).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? 'ok' : 'notFound'
}
