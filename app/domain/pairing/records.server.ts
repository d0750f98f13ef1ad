import { sql, type RawBuilder } from 'kysely'
import type { ActivityKind } from '~/lib/db-types'
import type { Tx } from '~/lib/db.server'
import type { ActivityInput, VisitInput } from './schemas'
import { lockForTransaction } from '~/lib/advisory-lock.server'
import { containsPattern } from '~/lib/sql-like'
import { MAX_HOUSEHOLD_OPTIONS } from './filters'

/**
 * Activities (五帮四送) and visit diaries (走访日记), read and written as the user: RLS decides
 * which rows exist. A scope is the portal org: county/town/village cover their subtree, a unit
 * covers the records it carried out.
 */

export type Scope = { portal: 'county' | 'town' | 'village' | 'unit'; orgId: string }

const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`

function inScope(scope: Scope) {
  return scope.portal === 'unit'
    ? sql`r.unit_id = ${scope.orgId}::uuid`
    : sql`r.village_id in (select descendant_id from public.org_closure where ancestor_id = ${scope.orgId}::uuid)`
}

export interface RecordFilter {
  villageId?: string
  unitId?: string
  kind?: ActivityKind
  from?: string
  to?: string
  sort: 'date' | 'village'
  dir: 'asc' | 'desc'
  page: number
}

export const PAGE_SIZE = 50

export interface ActivityRow {
  id: string
  kind: ActivityKind
  occurred_on: string
  title: string
  participants: number
  funds: string | null
  goods: string | null
  village_id: string
  village_name: string | null
  village_name_en: string | null
  unit_name: string | null
  unit_name_en: string | null
}

function filters(f: RecordFilter, dateCol: 'occurred_on' | 'visited_on') {
  const col = sql.ref(`r.${dateCol}`)
  return sql`
    and (${f.villageId ?? null}::uuid is null or r.village_id = ${f.villageId ?? null}::uuid)
    and (${f.unitId ?? null}::uuid is null or r.unit_id = ${f.unitId ?? null}::uuid)
    and (${f.from ?? null}::date is null or ${col} >= ${f.from ?? null}::date)
    and (${f.to ?? null}::date is null or ${col} <= ${f.to ?? null}::date)`
}

/**
 * The ids of one page of a register, with their sort keys: picked from the records alone (joined to the
 * village only when sorting by its name), so that only the page's rows are then read and joined. Joining
 * every record of a county first (21,539 visit diaries in one county at province scale) and keeping 50 took
 * most of the page's time. The id breaks ties, so that pages neither repeat nor skip a record.
 * An export takes its rows the same way, in the page's order, from the first.
 */
function pageIds(table: 'pairing_activities' | 'visits', dateCol: 'occurred_on' | 'visited_on', where: RawBuilder<unknown>, f: RecordFilter, rows: Rows) {
  const dir = sql.raw(f.dir === 'asc' ? 'asc' : 'desc')
  const date = sql.ref(`r.${dateCol}`)
  const from = sql`from ${sql.table(`public.${table}`)} r`
  const limit = sql`limit ${rows.limit} offset ${rows.offset}`
  return f.sort === 'village'
    ? sql`select r.id, v.name as sort_name, ${date} as sort_date, r.created_at as sort_created
            ${from} left join public.orgs v on v.id = r.village_id
            ${where}
           order by v.name ${dir}, ${date} desc, r.created_at desc, r.id desc ${limit}`
    : sql`select r.id, null::text as sort_name, ${date} as sort_date, r.created_at as sort_created
            ${from}
            ${where}
           order by ${date} ${dir}, r.created_at ${dir}, r.id ${dir} ${limit}`
}

/** Which rows of the filtered register: a page's, or an export's first `limit`. */
interface Rows {
  limit: number
  offset: number
}

const pageRows = (f: RecordFilter): Rows => ({ limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE })

/** The page's order again, over pageIds' sort keys. */
function pageOrder(f: RecordFilter) {
  const dir = sql.raw(f.dir === 'asc' ? 'asc' : 'desc')
  return f.sort === 'village'
    ? sql`order by page.sort_name ${dir}, page.sort_date desc, page.sort_created desc, page.id desc`
    : sql`order by page.sort_date ${dir}, page.sort_created ${dir}, page.id ${dir}`
}

function activitiesWhere(scope: Scope, f: RecordFilter) {
  return sql`where ${inScope(scope)} ${filters(f, 'occurred_on')}
    and (${f.kind ?? null}::public.activity_kind is null or r.kind = ${f.kind ?? null}::public.activity_kind)`
}

async function activityRows(tx: Tx, where: RawBuilder<unknown>, f: RecordFilter, rows: Rows): Promise<ActivityRow[]> {
  const { rows: found } = await sql<ActivityRow>`
    with page as (${pageIds('pairing_activities', 'occurred_on', where, f, rows)})
    select r.id, r.kind, r.occurred_on::text as occurred_on, r.title, r.participants, r.funds::text as funds, r.goods,
           r.village_id, v.name as village_name, v.name_en as village_name_en, u.name as unit_name, u.name_en as unit_name_en
      from page
      join public.pairing_activities r on r.id = page.id
      left join public.orgs v on v.id = r.village_id
      left join public.orgs u on u.id = r.unit_id
     ${pageOrder(f)}`.execute(tx)
  return found
}

/** One page of the scope's activities, with the total and the funds sum of every filtered row. */
export async function listActivities(tx: Tx, scope: Scope, f: RecordFilter) {
  const where = activitiesWhere(scope, f)
  const rows = await activityRows(tx, where, f, pageRows(f))
  const { rows: totals } = await sql<{ total: number; funds: string; participants: number }>`
    select count(*)::int as total, coalesce(sum(r.funds), 0)::text as funds, coalesce(sum(r.participants), 0)::int as participants
      from public.pairing_activities r ${where}`.execute(tx)
  return { rows, ...totals[0]! }
}

/** The register's filtered activities for an export, in the page's order, at most `limit` (its page ignored); `truncated` when more match. */
export async function exportActivities(tx: Tx, scope: Scope, f: RecordFilter, limit: number): Promise<{ rows: ActivityRow[]; truncated: boolean }> {
  const rows = await activityRows(tx, activitiesWhere(scope, f), f, { limit: limit + 1, offset: 0 })
  return { rows: rows.slice(0, limit), truncated: rows.length > limit }
}

export interface VisitRow {
  id: string
  visited_on: string
  people_met: number
  notes: string
  village_id: string
  village_name: string | null
  village_name_en: string | null
  unit_name: string | null
  unit_name_en: string | null
  cadre_name: string | null
}

function visitsWhere(scope: Scope, f: RecordFilter) {
  return sql`where ${inScope(scope)} ${filters(f, 'visited_on')}`
}

async function visitRows(tx: Tx, where: RawBuilder<unknown>, f: RecordFilter, rows: Rows): Promise<VisitRow[]> {
  const { rows: found } = await sql<VisitRow>`
    with page as (${pageIds('visits', 'visited_on', where, f, rows)})
    select r.id, r.visited_on::text as visited_on, r.people_met, r.notes, r.village_id,
           v.name as village_name, v.name_en as village_name_en, u.name as unit_name, u.name_en as unit_name_en, c.name as cadre_name
      from page
      join public.visits r on r.id = page.id
      left join public.orgs v on v.id = r.village_id
      left join public.orgs u on u.id = r.unit_id
      left join public.cadres c on c.id = r.cadre_id
     ${pageOrder(f)}`.execute(tx)
  return found
}

/** One page of the scope's visit diaries, with the total and the people met in every filtered row. */
export async function listVisits(tx: Tx, scope: Scope, f: RecordFilter) {
  const where = visitsWhere(scope, f)
  const rows = await visitRows(tx, where, f, pageRows(f))
  const { rows: totals } = await sql<{ total: number; people: number }>`
    select count(*)::int as total, coalesce(sum(r.people_met), 0)::int as people
      from public.visits r ${where}`.execute(tx)
  return { rows, ...totals[0]! }
}

/** The register's filtered visit diaries for an export, as exportActivities. */
export async function exportVisits(tx: Tx, scope: Scope, f: RecordFilter, limit: number): Promise<{ rows: VisitRow[]; truncated: boolean }> {
  const rows = await visitRows(tx, visitsWhere(scope, f), f, { limit: limit + 1, offset: 0 })
  return { rows: rows.slice(0, limit), truncated: rows.length > limit }
}

export interface OrgOption {
  id: string
  name: string
  name_en: string | null
}

/** Villages a unit is paired with today (Asia/Shanghai): the only ones it may record for. */
export async function activePairedVillages(tx: Tx, unitId: string): Promise<OrgOption[]> {
  const { rows } = await sql<OrgOption>`
    select distinct v.id, v.name, v.name_en
      from public.pairings p join public.orgs v on v.id = p.village_id
     where p.unit_id = ${unitId} and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
     order by v.name`.execute(tx)
  return rows
}

/** Units paired with a village today. */
export async function activePairedUnits(tx: Tx, villageId: string): Promise<OrgOption[]> {
  const { rows } = await sql<OrgOption>`
    select distinct u.id, u.name, u.name_en
      from public.pairings p join public.orgs u on u.id = p.unit_id
     where p.village_id = ${villageId} and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
     order by u.name`.execute(tx)
  return rows
}

/** Villages of the scope that the filters offer (a unit: its paired villages, past included). */
export async function villagesOfScope(tx: Tx, scope: Scope): Promise<OrgOption[]> {
  if (scope.portal === 'unit') {
    const { rows } = await sql<OrgOption>`
      select distinct v.id, v.name, v.name_en from public.pairings p join public.orgs v on v.id = p.village_id
       where p.unit_id = ${scope.orgId} order by v.name`.execute(tx)
    return rows
  }
  const { rows } = await sql<OrgOption>`
    select o.id, o.name, o.name_en from public.org_closure c join public.orgs o on o.id = c.descendant_id
     where c.ancestor_id = ${scope.orgId} and o.kind in ('village', 'community')
     order by o.code nulls last, o.name`.execute(tx)
  return rows
}

/** Cadres a visit can name: a unit's own cadres, or the cadres posted in the village. */
export async function cadreOptions(tx: Tx, scope: Scope): Promise<OrgOption[]> {
  if (scope.portal === 'unit') {
    const { rows } = await sql<OrgOption>`
      select id, name, null as name_en from public.cadres where unit_id = ${scope.orgId} order by name`.execute(tx)
    return rows
  }
  const { rows } = await sql<OrgOption>`
    select distinct c.id, c.name, null as name_en
      from public.cadre_postings p join public.cadres c on c.id = p.cadre_id
     where p.village_id = ${scope.orgId} and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
     order by c.name`.execute(tx)
  return rows
}

/**
 * The village's active households a visit can name, by head name (village portal only: units never read
 * households), optionally those whose head name contains `search`; `truncated` when more exist than are listed.
 */
export async function householdOptions(tx: Tx, villageId: string, search = ''): Promise<{ rows: OrgOption[]; truncated: boolean }> {
  const { rows } = await sql<OrgOption>`
    select id, head_name as name, null as name_en from public.households
     where village_id = ${villageId} and is_active
       and (${search}::text = '' or head_name ilike ${containsPattern(search)})
     order by head_name limit ${MAX_HOUSEHOLD_OPTIONS + 1}`.execute(tx)
  return { rows: rows.slice(0, MAX_HOUSEHOLD_OPTIONS), truncated: rows.length > MAX_HOUSEHOLD_OPTIONS }
}

/** Is this an active household of the village (as the caller reads it)? Checked on save, whatever the form listed. */
export async function isActiveHouseholdOf(tx: Tx, villageId: string, householdId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('households')
    .select('id')
    .where('id', '=', householdId)
    .where('village_id', '=', villageId)
    .where('is_active', '=', true)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Serialises one user's pairing writes (records, and the county's cadres, postings and pairings) for the
 * rest of the transaction, so that two submissions of the same form (a double tap on a slow link) cannot
 * both miss each other's row.
 */
export async function lockWritesOf(tx: Tx, userId: string) {
  await lockForTransaction(tx, 'pairing-records', userId)
}

/**
 * The message of a record the database refused as dated outside every pairing of its unit with its village
 * (record_within_pairing): it names the start of their current pairing (among those that have started, as
 * the caller reads the pairings), '—' when there is none. `t` translates the pairing texts.
 */
export async function outsidePairingMessage(tx: Tx, t: (key: string, options?: Record<string, unknown>) => string, unitId: string, villageId: string): Promise<string> {
  const { rows } = await sql<{ since: string | null }>`
    select max(p.starts_on) filter (where p.ends_on is null or p.ends_on >= ${today})::text as since
      from public.pairings p
     where p.unit_id = ${unitId}::uuid and p.village_id = ${villageId}::uuid and p.starts_on <= ${today}`.execute(tx)
  return t('validation.outsidePairing', { since: rows[0]?.since ?? '—' })
}

/** A record the database refused as dated outside every pairing of its unit with its village. */
export type OutsidePairing = { outsidePairing: true }

/**
 * Postgres refused the row under the pairing-period rule (constraint record_within_pairing, 23514,
 * migration 20261129000019): it names a unit and is dated outside every pairing of that unit with the village.
 */
export function isOutsidePairing(err: unknown): boolean {
  const e = typeof err === 'object' && err !== null ? (err as { code?: string; constraint?: string }) : {}
  return e.code === '23514' && e.constraint === 'record_within_pairing'
}

/**
 * Inserts a record in a savepoint: the database's pairing-period refusal comes back as `outsidePairing` and
 * the request's transaction goes on (to word the refusal: outsidePairingMessage); any other error is thrown.
 */
async function insertWithinPairing(tx: Tx, insert: () => Promise<{ id: string }>): Promise<{ id: string; created: true } | OutsidePairing> {
  await sql`savepoint record_within_pairing`.execute(tx)
  try {
    const row = await insert()
    await sql`release savepoint record_within_pairing`.execute(tx)
    return { id: row.id, created: true }
  } catch (err) {
    if (!isOutsidePairing(err)) throw err
    await sql`rollback to savepoint record_within_pairing`.execute(tx)
    return { outsidePairing: true }
  }
}

/**
 * Records an activity unless the same user recorded an identical one in the last minute (the
 * tables carry no idempotency column): returns the id and whether it was new, or `outsidePairing`
 * when the database refuses its date (a unit's record outside the unit's pairing with the village).
 */
export async function recordActivity(tx: Tx, userId: string, input: ActivityInput): Promise<{ id: string; created: boolean } | OutsidePairing> {
  await lockWritesOf(tx, userId)
  const { rows: same } = await sql<{ id: string }>`
    select id from public.pairing_activities
     where created_by = ${userId} and created_at > now() - interval '1 minute'
       and village_id = ${input.villageId} and unit_id is not distinct from ${input.unitId}::uuid
       and kind = ${input.kind}::public.activity_kind and occurred_on = ${input.occurredOn}::date and title = ${input.title}
       and description is not distinct from ${input.description}::text and participants = ${input.participants}
       and funds is not distinct from ${input.funds}::numeric and goods is not distinct from ${input.goods}::text
     limit 1`.execute(tx)
  if (same[0]) return { id: same[0].id, created: false }
  return insertWithinPairing(tx, () =>
    tx
      .insertInto('pairing_activities')
      .values({
        village_id: input.villageId,
        unit_id: input.unitId,
        kind: input.kind,
        occurred_on: input.occurredOn,
        title: input.title,
        description: input.description,
        participants: input.participants,
        funds: input.funds,
        goods: input.goods,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  )
}

/** Records a visit diary unless the same user recorded an identical one in the last minute; `outsidePairing` as recordActivity. */
export async function recordVisit(tx: Tx, userId: string, input: VisitInput): Promise<{ id: string; created: boolean } | OutsidePairing> {
  await lockWritesOf(tx, userId)
  const { rows: same } = await sql<{ id: string }>`
    select id from public.visits
     where created_by = ${userId} and created_at > now() - interval '1 minute'
       and village_id = ${input.villageId} and unit_id is not distinct from ${input.unitId}::uuid
       and cadre_id is not distinct from ${input.cadreId}::uuid and household_id is not distinct from ${input.householdId}::uuid
       and visited_on = ${input.visitedOn}::date and people_met = ${input.peopleMet} and notes = ${input.notes}
     limit 1`.execute(tx)
  if (same[0]) return { id: same[0].id, created: false }
  return insertWithinPairing(tx, () =>
    tx
      .insertInto('visits')
      .values({
        village_id: input.villageId,
        unit_id: input.unitId,
        cadre_id: input.cadreId,
        household_id: input.householdId,
        visited_on: input.visitedOn,
        people_met: input.peopleMet,
        notes: input.notes,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  )
}

/** Postgres refused the row under RLS or a privilege check (42501): the caller may not write it. */
export function isRlsRefusal(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '42501'
}
