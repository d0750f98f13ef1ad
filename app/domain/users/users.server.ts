import { sql } from 'kysely'
import type { AppRole, OrgKind } from '~/lib/db-types'
import type { Claims, Tx } from '~/lib/db.server'
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


/**
 * Users with a role in the subtree of scopeOrgId, with their active roles there. A user whose roles there are all
 * revoked stays listed, with none (`noRole` lists only those): RLS shows the revoked rows as history, and they keep
 * the account in the scope of its administrators. The search matches name, email or the org of an active role.
 */
export async function listUsers(tx: Tx, scopeOrgId: string, opts: { q?: string; noRole?: boolean; page?: number } = {}) {
  const q = opts.q?.trim() ? containsPattern(opts.q.trim()) : null
  const page = Math.max(1, opts.page ?? 1)
  const { rows } = await sql<UserListRow & { total: number }>`
    with scoped as (
      select m.id, m.user_id, m.org_id, m.role, m.revoked_at is null as active, o.name as org_name, o.name_en as org_name_en, o.code
        from public.memberships m
        join public.org_closure c on c.descendant_id = m.org_id and c.ancestor_id = ${scopeOrgId}
        join public.orgs o on o.id = m.org_id
    )
    select p.user_id, p.email, p.display_name, p.phone, p.is_active,
           coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'org_id', s.org_id, 'org_name', s.org_name, 'org_name_en', s.org_name_en, 'role', s.role)
                              order by s.code, s.role) filter (where s.active), '[]') as memberships,
           count(*) over ()::int as total
      from scoped s
      join public.profiles p on p.user_id = s.user_id
     group by p.user_id
    having (${q}::text is null or p.display_name ilike ${q} or p.email ilike ${q} or bool_or(s.active and s.org_name ilike ${q}))
       and (not ${opts.noRole ?? false}::boolean or not bool_or(s.active))
     order by coalesce(min(s.code) filter (where s.active), min(s.code)), p.display_name
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
 * May the administrator deactivate or reactivate this user? Postgres decides (public.may_change_user_activity):
 * managing every org of the user's active roles, or, for a user with none left, one org of its revoked ones.
 */
export async function mayChangeUserActivity(tx: Tx, userId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select public.may_change_user_activity(${userId}::uuid) as ok`.execute(tx)
  return rows[0]?.ok ?? false
}
