import { sql } from 'kysely'
import type { AppRole, OrgKind } from '~/lib/db-types'
import type { Claims, Tx } from '~/lib/db.server'
import { withService } from '~/lib/service.server'
import { USERS_PAGE_SIZE } from './schemas'
import { containsPattern } from '~/lib/sql-like'

/** User administration queries; all run as the administrator, under RLS. */

export interface UserListRow {
  user_id: string
  email: string
  display_name: string
  phone: string | null
  is_active: boolean
  memberships: { id: string; org_id: string; org_name: string; org_name_en: string | null; role: AppRole }[]
}


/** Users holding an active role somewhere in the subtree of scopeOrgId, with those roles. */
export async function listUsers(tx: Tx, scopeOrgId: string, opts: { q?: string; page?: number } = {}) {
  const q = opts.q?.trim() ? containsPattern(opts.q.trim()) : null
  const page = Math.max(1, opts.page ?? 1)
  const { rows } = await sql<UserListRow & { total: number }>`
    with scoped as (
      select m.id, m.user_id, m.org_id, m.role, o.name as org_name, o.name_en as org_name_en, o.code
        from public.memberships m
        join public.org_closure c on c.descendant_id = m.org_id and c.ancestor_id = ${scopeOrgId}
        join public.orgs o on o.id = m.org_id
       where m.revoked_at is null
    )
    select p.user_id, p.email, p.display_name, p.phone, p.is_active,
           jsonb_agg(jsonb_build_object('id', s.id, 'org_id', s.org_id, 'org_name', s.org_name, 'org_name_en', s.org_name_en, 'role', s.role)
                     order by s.code, s.role) as memberships,
           count(*) over ()::int as total
      from scoped s
      join public.profiles p on p.user_id = s.user_id
     where (${q}::text is null or p.display_name ilike ${q} or p.email ilike ${q} or s.org_name ilike ${q})
     group by p.user_id
     order by min(s.code), p.display_name
     limit ${USERS_PAGE_SIZE} offset ${(page - 1) * USERS_PAGE_SIZE}`.execute(tx)
  return { users: rows, total: rows[0]?.total ?? 0, page }
}

/** One user's profile and memberships (active and revoked) as far as the scope shows them. */
export async function getUserInScope(tx: Tx, scopeOrgId: string, userId: string) {
  const profile = await tx.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
  if (!profile) return null
  const memberships = await tx
    .selectFrom('memberships as m')
    .innerJoin('org_closure as c', (j) => j.onRef('c.descendant_id', '=', 'm.org_id').on('c.ancestor_id', '=', scopeOrgId))
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('profiles as g', 'g.user_id', 'm.created_by')
    .leftJoin('profiles as r', 'r.user_id', 'm.revoked_by')
    .select([
      'm.id', 'm.org_id', 'm.role', 'm.created_at', 'm.revoked_at',
      'o.name as org_name', 'o.name_en as org_name_en', 'o.kind as org_kind',
      'g.display_name as granted_by', 'r.display_name as revoked_by_name',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('m.revoked_at', 'desc')
    .orderBy('m.created_at', 'desc')
    .execute()
  if (memberships.length === 0) return null
  return { profile, memberships }
}

/** Orgs in the scope where the administrator may grant roles, for the forms' choices. */
export async function listManageableOrgs(tx: Tx, scopeOrgId: string) {
  const { rows } = await sql<{ id: string; name: string; name_en: string | null; kind: OrgKind; code: string | null; depth: number }>`
    select o.id, o.name, o.name_en, o.kind, o.code, c.depth
      from public.org_closure c
      join public.orgs o on o.id = c.descendant_id
     where c.ancestor_id = ${scopeOrgId}
       and o.kind <> 'unit'
       and public.can('users', 'manage', o.id)
     order by c.depth, o.code`.execute(tx)
  return rows
}

export type GrantResult = { ok: true } | { ok: false; error: 'forbidden' | 'duplicate' | 'roleKind' }

/** Grants a role; RLS and the membership trigger refuse what the administrator may not grant. */
export async function grantMembership(tx: Tx, claims: Claims, input: { userId: string; orgId: string; role: AppRole }): Promise<GrantResult> {
  const existing = await tx
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', input.userId)
    .where('org_id', '=', input.orgId)
    .where('role', '=', input.role)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (existing) return { ok: false, error: 'duplicate' }
  try {
    await sql`savepoint grant_membership`.execute(tx)
    await tx
      .insertInto('memberships')
      .values({ user_id: input.userId, org_id: input.orgId, role: input.role, created_by: claims.sub })
      .execute()
    await sql`release savepoint grant_membership`.execute(tx)
    return { ok: true }
  } catch (err) {
    await sql`rollback to savepoint grant_membership`.execute(tx)
    const code = (err as { code?: string }).code
    if (code === '42501') return { ok: false, error: 'forbidden' }
    if (code === '23505') return { ok: false, error: 'duplicate' }
    if (code === '23514') return { ok: false, error: 'roleKind' }
    throw err
  }
}

/** Revokes a membership (kept as history); returns false when RLS does not let the caller. */
export async function revokeMembership(tx: Tx, claims: Claims, membershipId: string): Promise<boolean> {
  const result = await tx
    .updateTable('memberships')
    .set({ revoked_at: sql<Date>`now()`, revoked_by: claims.sub })
    .where('id', '=', membershipId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The orgs where a user holds an active role, including those outside the administrator's view.
 * Service path; call it outside any withUser transaction (the embedded database has one session).
 */
export async function activeMembershipOrgIds(userId: string): Promise<string[]> {
  return withService(async (svc) =>
    (
      await svc
        .selectFrom('memberships')
        .select('org_id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute()
    ).map((r) => r.org_id),
  )
}

/**
 * Deactivating a user locks them out everywhere, so the administrator must manage every org
 * where the user holds an active role, not just one of them. Decided with the administrator's rights.
 */
export async function mayChangeUserActivity(tx: Tx, orgIds: string[]): Promise<boolean> {
  if (orgIds.length === 0) return false
  for (const orgId of orgIds) {
    const { rows } = await sql<{ ok: boolean }>`select public.can('users', 'manage', ${orgId}::uuid) as ok`.execute(tx)
    if (!rows[0]?.ok) return false
  }
  return true
}
