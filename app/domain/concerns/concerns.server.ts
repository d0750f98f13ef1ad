import { sql } from 'kysely'
import type { CaseState } from '~/lib/db-types'
import type { Claims, Tx } from '~/lib/db.server'
import { withUser } from '~/lib/db.server'
import type { PortalKind } from '~/lib/portal.server'
import { INTENT_TARGET, type CaseAction, type ConcernFilter, type ConcernNew } from './schema'

/**
 * Concern files, opinions and cases as the signed-in user may see them: every query runs under
 * RLS (withUser), which hides private records and unpaired villages from units. The portal only
 * narrows further (a town sees its subtree, a unit its own pairings).
 */

/** Rows a page of a register tab shows; the tab pages through the rest. */
export const CONCERNS_PAGE_SIZE = 50

export interface ConcernRow {
  id: string
  village_id: string
  village_name: string
  village_name_en: string | null
  unit_name: string | null
  unit_name_en: string | null
  is_private: boolean
  on: string
  /** Person (file), content (opinion) or title (case). */
  headline: string
  detail: string | null
  state: CaseState | null
  owner_name: string | null
  due_on: string | null
}

/** Where the portal looks: the villages under a county/town/village, or the villages paired with a unit. */
function villagesOf(portal: PortalKind, orgId: string) {
  return portal === 'unit'
    ? sql`(select p.village_id from public.pairings p where p.unit_id = ${orgId})`
    : sql`(select c.descendant_id from public.org_closure c where c.ancestor_id = ${orgId})`
}

/** A tab's rows (unjoined, with created_at to order by): the portal's villages, narrowed by the filter. */
function tabRows(portal: PortalKind, orgId: string, filter: ConcernFilter) {
  const where = [sql`x.village_id in ${villagesOf(portal, orgId)}`]
  if (filter.private !== undefined) where.push(sql`x.is_private = ${filter.private}`)
  if (filter.unitId) where.push(sql`x.unit_id = ${filter.unitId}`)
  if (filter.tab === 'case' && filter.state) where.push(sql`x.state = ${filter.state}`)
  const cond = sql.join(where, sql` and `)
  return filter.tab === 'file'
    ? sql`select x.id, x.village_id, x.unit_id, x.is_private, x.opened_on as on, x.person_name as headline, x.summary as detail,
                 null::public.case_state as state, null::text as owner_name, null::date as due_on, x.created_at
            from public.concern_files x where ${cond}`
    : filter.tab === 'opinion'
      ? sql`select x.id, x.village_id, x.unit_id, x.is_private, x.raised_on as on, x.content as headline, null::text as detail,
                   null::public.case_state as state, null::text as owner_name, null::date as due_on, x.created_at
              from public.opinions x where ${cond}`
      : sql`select x.id, x.village_id, x.unit_id, x.is_private, (x.created_at at time zone 'Asia/Shanghai')::date as on, x.title as headline,
                   x.description as detail, x.state, x.owner_name, x.due_on, x.created_at
              from public.concern_cases x where ${cond}`
}

/** `limit` rows of a tab from `offset`, newest first: picked from the tab's own table before they are joined to their village and unit. */
async function concernRows(tx: Tx, from: ReturnType<typeof tabRows>, limit: number, offset: number): Promise<ConcernRow[]> {
  const { rows } = await sql<ConcernRow>`
    with page as (
      select * from (${from}) x order by x.created_at desc, x.id
       limit ${limit} offset ${offset}
    )
    select r.id, r.village_id, v.name as village_name, v.name_en as village_name_en, u.name as unit_name, u.name_en as unit_name_en, r.is_private,
           to_char(r.on, 'YYYY-MM-DD') as on, r.headline, r.detail, r.state, r.owner_name, to_char(r.due_on, 'YYYY-MM-DD') as due_on
      from page r
      join public.orgs v on v.id = r.village_id
      left join public.orgs u on u.id = r.unit_id
     order by r.created_at desc, r.id`.execute(tx)
  return rows
}

/** One page of a tab of the register, newest first, and how many rows the tab holds. */
export async function listConcerns(tx: Tx, portal: PortalKind, orgId: string, filter: ConcernFilter, page = 1): Promise<{ rows: ConcernRow[]; total: number }> {
  const from = tabRows(portal, orgId, filter)
  const rows = await concernRows(tx, from, CONCERNS_PAGE_SIZE, (Math.max(1, page) - 1) * CONCERNS_PAGE_SIZE)
  const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from (${from}) x`.execute(tx)
  return { rows, total: counted[0]?.n ?? 0 }
}

/** A tab's filtered rows for an export, in the page's order, at most `limit`; `truncated` when more match. */
export async function exportConcerns(tx: Tx, portal: PortalKind, orgId: string, filter: ConcernFilter, limit: number): Promise<{ rows: ConcernRow[]; truncated: boolean }> {
  const rows = await concernRows(tx, tabRows(portal, orgId, filter), limit + 1, 0)
  return { rows: rows.slice(0, limit), truncated: rows.length > limit }
}

/** The units that raised records in the portal's villages (the register's unit filter). */
export async function unitsInScope(tx: Tx, portal: PortalKind, orgId: string) {
  const { rows } = await sql<{ id: string; name: string; name_en: string | null }>`
    select distinct u.id, u.name, u.name_en from public.pairings p join public.orgs u on u.id = p.unit_id
     where p.village_id in ${villagesOf(portal, orgId)} order by u.name`.execute(tx)
  return rows
}

/** The villages a concern may be recorded for from this portal: the village itself, or a unit's active pairings. */
export async function villagesForNew(tx: Tx, portal: 'village' | 'unit', orgId: string) {
  if (portal === 'village') {
    return tx.selectFrom('orgs').select(['id', 'name', 'name_en']).where('id', '=', orgId).execute()
  }
  const { rows } = await sql<{ id: string; name: string; name_en: string | null }>`
    select v.id, v.name, v.name_en from public.orgs v
     where v.id in (select p.village_id from public.pairings p
                     where p.unit_id = ${orgId}
                       and p.starts_on <= (now() at time zone 'Asia/Shanghai')::date
                       and (p.ends_on is null or p.ends_on >= (now() at time zone 'Asia/Shanghai')::date))
     order by v.code`.execute(tx)
  return rows
}

export interface CaseEvent {
  id: number
  from_state: CaseState | null
  to_state: CaseState
  note: string | null
  actor_name: string | null
  occurred_at: string
}

export interface CaseDetail {
  id: string
  village_id: string
  village_name: string
  village_name_en: string | null
  unit_name: string | null
  unit_name_en: string | null
  title: string
  description: string | null
  state: CaseState
  owner_name: string | null
  due_on: string | null
  resolution: string | null
  closed_reason: string | null
  is_private: boolean
  created_at: string
  events: CaseEvent[]
}

/** A case with its history, or null when RLS hides it or it lies outside the portal's villages. */
export async function getCase(tx: Tx, portal: PortalKind, orgId: string, caseId: string): Promise<CaseDetail | null> {
  const { rows } = await sql<Omit<CaseDetail, 'events'>>`
    select c.id, c.village_id, v.name as village_name, v.name_en as village_name_en, u.name as unit_name, u.name_en as unit_name_en, c.title, c.description,
           c.state, c.owner_name, to_char(c.due_on, 'YYYY-MM-DD') as due_on, c.resolution, c.closed_reason, c.is_private,
           to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as created_at
      from public.concern_cases c
      join public.orgs v on v.id = c.village_id
      left join public.orgs u on u.id = c.unit_id
     where c.id = ${caseId} and c.village_id in ${villagesOf(portal, orgId)}`.execute(tx)
  const found = rows[0]
  if (!found) return null
  const { rows: events } = await sql<CaseEvent>`
    select e.id, e.from_state, e.to_state, e.note, p.display_name as actor_name,
           to_char(e.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as occurred_at
      from public.concern_case_events e
      left join public.profiles p on p.user_id = e.actor_id
     where e.case_id = ${caseId}
     order by e.occurred_at, e.id`.execute(tx)
  return { ...found, events }
}

/** How long an identical record by the same person counts as a repeated submit of the same form. */
const REPEAT_WINDOW = '10 minutes'

/**
 * Records a concern file, opinion or case and returns its id. Double-submit safe without a stored
 * key: an identical record (same kind, village, author, unit and text) the same person made in the
 * last ten minutes is returned instead of a second one. Units never set is_private (the database
 * refuses it too). The database's pairing rules are thrown: a unit's file or opinion dated outside its
 * pairing with the village (isOutsidePairing), a case naming a unit not paired with it today (isCaseUnitNotPaired).
 */
export async function createConcern(tx: Tx, claims: Claims, input: ConcernNew, unitId: string | null): Promise<string> {
  const common = { village_id: input.villageId, unit_id: unitId, is_private: unitId ? false : input.isPrivate, created_by: claims.sub }
  const recent = sql<boolean>`created_at > now() - ${REPEAT_WINDOW}::interval`
  if (input.kind === 'file') {
    const values = { ...common, person_name: input.personName, opened_on: input.on, summary: input.summary || null }
    const same = await tx
      .selectFrom('concern_files')
      .select('id')
      .where('village_id', '=', values.village_id)
      .where('created_by', '=', claims.sub)
      .where('person_name', '=', values.person_name)
      .where('opened_on', '=', values.opened_on)
      .where('summary', values.summary === null ? 'is' : '=', values.summary)
      .where('is_private', '=', values.is_private)
      .where(recent)
      .executeTakeFirst()
    if (same) return same.id
    return (await tx.insertInto('concern_files').values(values).returning('id').executeTakeFirstOrThrow()).id
  }
  if (input.kind === 'opinion') {
    const values = { ...common, content: input.content, raised_on: input.on }
    const same = await tx
      .selectFrom('opinions')
      .select('id')
      .where('village_id', '=', values.village_id)
      .where('created_by', '=', claims.sub)
      .where('content', '=', values.content)
      .where('raised_on', '=', values.raised_on)
      .where('is_private', '=', values.is_private)
      .where(recent)
      .executeTakeFirst()
    if (same) return same.id
    return (await tx.insertInto('opinions').values(values).returning('id').executeTakeFirstOrThrow()).id
  }
  const values = { ...common, title: input.title, description: input.description || null }
  const same = await tx
    .selectFrom('concern_cases')
    .select('id')
    .where('village_id', '=', values.village_id)
    .where('created_by', '=', claims.sub)
    .where('title', '=', values.title)
    .where('description', values.description === null ? 'is' : '=', values.description)
    .where('is_private', '=', values.is_private)
    .where(recent)
    .executeTakeFirst()
  if (same) return same.id
  return (await tx.insertInto('concern_cases').values(values).returning('id').executeTakeFirstOrThrow()).id
}

/**
 * Postgres refused a case under constraint case_unit_paired (23514, migration 20261129000020): it names a unit
 * that no pairing with the village covers on the day the case is registered (today, in Asia/Shanghai).
 */
export function isCaseUnitNotPaired(err: unknown): boolean {
  const e = typeof err === 'object' && err !== null ? (err as { code?: string; constraint?: string }) : {}
  return e.code === '23514' && e.constraint === 'case_unit_paired'
}

export type CaseError = 'not_found' | 'forbidden' | 'missing'

/**
 * Moves a case along its lifecycle through public.advance_concern_case, in one withUser
 * transaction; the function checks the role and the move and is idempotent when the case is
 * already where the move leads (a double submit changes nothing).
 */
export async function advanceCase(claims: Claims, caseId: string, action: CaseAction, guard: (tx: Tx) => Promise<void>): Promise<{ ok: true } | { ok: false; error: CaseError }> {
  try {
    await withUser(claims, async (tx) => {
      await guard(tx)
      await sql`select 1 from public.advance_concern_case(${caseId}::uuid, ${INTENT_TARGET[action.intent]}::public.case_state, ${action.note},
                  ${action.intent === 'assign' ? action.ownerName : null}, ${action.intent === 'assign' ? action.dueOn : null}::date)`.execute(tx)
    })
    return { ok: true }
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code
    if (code === 'P0002') return { ok: false, error: 'not_found' }
    if (code === '42501') return { ok: false, error: 'forbidden' }
    if (code === '23514') return { ok: false, error: 'missing' }
    throw err
  }
}
