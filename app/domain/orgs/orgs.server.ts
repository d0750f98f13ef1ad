import { sql } from 'kysely'
import type { Tx } from '~/lib/db.server'
import { containsPattern } from '~/lib/sql-like'

/**
 * Org tree queries. All run as the user (withUser): RLS decides which rows exist, so a town
 * asking for another town's village simply finds nothing.
 */

/** Today in Asia/Shanghai, as the database sees it. */
export const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`

export interface TownSummary {
  id: string
  name: string
  name_en: string | null
  code: string | null
  villages: number
  communities: number
  households: number
  population: number
  paired: number
}

/** The county's towns with their village counts and how many villages have an active pairing. */
export async function listTownsOfCounty(tx: Tx, countyId: string): Promise<TownSummary[]> {
  const { rows } = await sql<TownSummary>`
    select t.id, t.name, t.name_en, t.code,
           count(v.id) filter (where v.kind = 'village')::int as villages,
           count(v.id) filter (where v.kind = 'community')::int as communities,
           coalesce(sum(v.households), 0)::int as households,
           coalesce(sum(v.population), 0)::int as population,
           count(v.id) filter (where exists (
             select 1 from public.pairings p
              where p.village_id = v.id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
           ))::int as paired
      from public.orgs t
      left join public.orgs v on v.parent_id = t.id and v.kind in ('village', 'community')
     where t.parent_id = ${countyId} and t.kind = 'town'
     group by t.id
     order by t.code nulls last, t.name`.execute(tx)
  return rows
}

export interface VillageRow {
  id: string
  kind: 'village' | 'community'
  name: string
  name_en: string | null
  code: string | null
  secretary_name: string | null
  secretary_phone: string | null
  households: number | null
  population: number | null
  units: string[]
  /** the same units, by their English names where they have one */
  units_en: string[]
}

export interface VillageFilter {
  q?: string
  kind?: 'village' | 'community'
  sort?: 'code' | 'name' | 'households' | 'population'
  dir?: 'asc' | 'desc'
}

/** Villages and communities of a town, with the names of their currently paired units. */
export async function listVillagesOfTown(tx: Tx, townId: string, filter: VillageFilter = {}): Promise<VillageRow[]> {
  const sortColumn = { code: 'v.code', name: 'v.name', households: 'v.households', population: 'v.population' }[filter.sort ?? 'code']
  const dir = filter.dir === 'desc' ? 'desc' : 'asc'
  const q = filter.q?.trim() ? containsPattern(filter.q.trim()) : null
  const { rows } = await sql<VillageRow>`
    select v.id, v.kind, v.name, v.name_en, v.code, v.secretary_name, v.secretary_phone, v.households, v.population,
           coalesce(array(
             select u.name from public.pairings p join public.orgs u on u.id = p.unit_id
              where p.village_id = v.id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
              order by p.is_lead desc, u.name
           ), '{}') as units,
           coalesce(array(
             select coalesce(u.name_en, u.name) from public.pairings p join public.orgs u on u.id = p.unit_id
              where p.village_id = v.id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
              order by p.is_lead desc, u.name
           ), '{}') as units_en
      from public.orgs v
     where v.parent_id = ${townId} and v.kind in ('village', 'community')
       and (${filter.kind ?? null}::public.org_kind is null or v.kind = ${filter.kind ?? null}::public.org_kind)
       and (${q}::text is null or v.name ilike ${q} or v.name_en ilike ${q} or v.code like ${q} or v.secretary_name ilike ${q})
     order by ${sql.raw(sortColumn)} ${sql.raw(dir)} nulls last, v.code`.execute(tx)
  return rows
}

export interface PairingView {
  id: string
  unit_id: string
  unit_name: string | null
  unit_name_en: string | null
  unit_level: string | null
  unit_type: string | null
  village_id: string
  village_name: string | null
  village_name_en: string | null
  town_name: string | null
  town_name_en: string | null
  starts_on: string
  ends_on: string | null
  is_lead: boolean
  active: boolean
  /** planned: starts after today */
  upcoming: boolean
}

/** PairingView's columns, of the pairing `p` with its unit `u`, its village `v` and the village's town `t` (pairingJoins). */
export const pairingColumns = sql`
  p.id, p.unit_id, u.name as unit_name, u.name_en as unit_name_en, u.unit_level, u.unit_type,
  p.village_id, v.name as village_name, v.name_en as village_name_en, t.name as town_name, t.name_en as town_name_en,
  p.starts_on, p.ends_on, p.is_lead,
  (p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})) as active,
  (p.starts_on > ${today}) as upcoming`

/** The unit, village and town of the pairing `p`, for pairingColumns. */
export const pairingJoins = sql`
  left join public.orgs u on u.id = p.unit_id
  left join public.orgs v on v.id = p.village_id
  left join public.orgs t on t.id = v.parent_id`

const pairingSelect = sql`select ${pairingColumns} from public.pairings p ${pairingJoins}`

/** A village with its town and county names and its pairings (active first, then history). */
export async function getVillage(tx: Tx, villageId: string) {
  const village = await tx
    .selectFrom('orgs as v')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .leftJoin('orgs as c', 'c.id', 't.parent_id')
    .select([
      'v.id', 'v.kind', 'v.name', 'v.name_en', 'v.code', 'v.secretary_name', 'v.secretary_phone',
      'v.households', 'v.population', 'v.updated_at',
      't.id as town_id', 't.name as town_name', 't.name_en as town_name_en',
      'c.id as county_id', 'c.name as county_name', 'c.name_en as county_name_en',
    ])
    .where('v.id', '=', villageId)
    .where('v.kind', 'in', ['village', 'community'])
    .executeTakeFirst()
  if (!village) return null
  const { rows: pairings } = await sql<PairingView>`${pairingSelect}
     where p.village_id = ${villageId}
     order by active desc, p.is_lead desc, p.starts_on desc`.execute(tx)
  return { ...village, pairings }
}

/** Is this village under that town (or county)? Used to keep URLs honest: /town/A/villages/B needs B in A. */
export async function isDescendant(tx: Tx, ancestorId: string, descendantId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('org_closure')
    .select('depth')
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', '=', descendantId)
    .executeTakeFirst()
  return row !== undefined
}

/** A support unit with its parent org (names only), or undefined. */
export function findUnit(tx: Tx, unitId: string) {
  return tx
    .selectFrom('orgs as u')
    .leftJoin('orgs as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.name', 'u.name_en', 'u.code', 'u.unit_level', 'u.unit_type', 'p.name as parent_name', 'p.name_en as parent_name_en'])
    .where('u.id', '=', unitId)
    .where('u.kind', '=', 'unit')
    .executeTakeFirst()
}

/** A support unit with its parent org and its pairings. */
export async function getUnit(tx: Tx, unitId: string) {
  const unit = await findUnit(tx, unitId)
  if (!unit) return null
  const { rows: pairings } = await sql<PairingView>`${pairingSelect}
     where p.unit_id = ${unitId}
     order by active desc, t.code, v.code`.execute(tx)
  return { ...unit, pairings }
}

/** Units paired with the county's villages (any level) and the county's own units, with their active and past pairing counts (0 for a unit not paired yet). */
export async function listUnitsOfCounty(tx: Tx, countyId: string) {
  const { rows } = await sql<{
    id: string
    name: string | null
    name_en: string | null
    unit_level: string | null
    unit_type: string | null
    active_pairings: number
    ended_pairings: number
    lead_pairings: number
  }>`
    with counted as (
      select p.unit_id,
             count(*) filter (where p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today}))::int as active_pairings,
             count(*) filter (where p.ends_on < ${today})::int as ended_pairings,
             count(*) filter (where p.is_lead and (p.ends_on is null or p.ends_on >= ${today}))::int as lead_pairings
        from public.pairings p
        join public.org_closure c on c.descendant_id = p.village_id and c.ancestor_id = ${countyId}
       group by p.unit_id
    ), listed as (
      select unit_id as id from counted
      union
      -- the county's own units (its departments), paired yet or not: the county looks for them here
      select o.id from public.orgs o where o.kind = 'unit' and o.parent_id = ${countyId}
    )
    select l.id, u.name, u.name_en, u.unit_level, u.unit_type,
           coalesce(k.active_pairings, 0) as active_pairings, coalesce(k.ended_pairings, 0) as ended_pairings, coalesce(k.lead_pairings, 0) as lead_pairings
      from listed l
      left join counted k on k.unit_id = l.id
      left join public.orgs u on u.id = l.id
     order by array_position(array['provincial','municipal','county'], u.unit_level::text), u.name`.execute(tx)
  return rows
}

/** Headline figures of a county: towns, villages, communities, households, pairing coverage. */
export async function countyFigures(tx: Tx, countyId: string) {
  const { rows } = await sql<{
    towns: number
    villages: number
    communities: number
    households: number
    population: number
    paired_villages: number
    units: number
  }>`
    select count(*) filter (where o.kind = 'town')::int as towns,
           count(*) filter (where o.kind = 'village')::int as villages,
           count(*) filter (where o.kind = 'community')::int as communities,
           coalesce(sum(o.households), 0)::int as households,
           coalesce(sum(o.population), 0)::int as population,
           count(*) filter (where o.kind in ('village', 'community') and exists (
             select 1 from public.pairings p
              where p.village_id = o.id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})))::int as paired_villages,
           (select count(distinct p.unit_id) from public.pairings p
              join public.org_closure c2 on c2.descendant_id = p.village_id and c2.ancestor_id = ${countyId}
             where p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today}))::int as units
      from public.org_closure c
      join public.orgs o on o.id = c.descendant_id
     where c.ancestor_id = ${countyId} and c.depth > 0`.execute(tx)
  return rows[0]!
}
