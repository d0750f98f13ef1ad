import { sql } from 'kysely'
import type { AppRole } from './db-types'
import type { Tx } from './db.server'

/**
 * Route guards and navigation read the permission matrix from the database, where the RLS
 * helpers read it too (private.permissions): one source. Permission strings read
 * `${action}:${domain}:${scope}` as in the docs.
 */
export type Domain = 'orgs' | 'users' | 'pairings' | 'audit' | 'reports' | 'report_templates' | 'households' | 'cadres' | 'activities' | 'visits' | 'concerns'
export type Action = 'read' | 'create' | 'update' | 'delete' | 'manage' | 'submit' | 'review'
export type Scope = 'county' | 'town' | 'village' | 'unit' | 'own'

export interface PermissionRow {
  role: AppRole
  domain: string
  action: string
  scope: string
}

/** The whole matrix, as the signed-in user may read it. */
export async function loadPermissionMatrix(tx: Tx): Promise<PermissionRow[]> {
  if (matrixCache && matrixCache.until > Date.now()) return matrixCache.rows
  const { rows } = await sql<PermissionRow>`select role, domain, action, scope from public.permission_matrix()`.execute(tx)
  matrixCache = { rows, until: Date.now() + MATRIX_TTL_MS }
  return rows
}

/**
 * The matrix is data of the migrations (private.permissions), the same for every user, and changes
 * only with a deploy; every portal page shows navigation from it, so one copy per process serves
 * them, re-read after a minute. Decisions are never taken from this copy: RLS and public.can() read
 * the table itself.
 */
const MATRIX_TTL_MS = 60_000
let matrixCache: { rows: PermissionRow[]; until: number } | null = null

/** The permissions a role carries, as `${action}:${domain}:${scope}` strings. */
export function permissionsOf(matrix: PermissionRow[], role: AppRole): Set<string> {
  return new Set(matrix.filter((p) => p.role === role).map((p) => `${p.action}:${p.domain}:${p.scope}`))
}

/** Does the user hold (domain, action) on this org? Asked of Postgres, which decides. */
export async function userCan(tx: Tx, domain: Domain, action: Action, orgId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select public.can(${domain}, ${action}, ${orgId}::uuid) as ok`.execute(tx)
  return rows[0]?.ok === true
}

/**
 * Several questions of userCan about one org in one statement, as a page asks them to guard itself
 * and to offer its buttons: `{ read: ['reports', 'read'], update: ['reports', 'update'] }` →
 * `{ read: true, update: false }`. One round trip instead of one per question.
 */
export async function userCanEach<K extends string>(tx: Tx, orgId: string, asks: Record<K, readonly [Domain, Action]>): Promise<Record<K, boolean>> {
  const keys = Object.keys(asks) as K[]
  if (keys.length === 0) return {} as Record<K, boolean>
  const columns = keys.map((key, i) => sql`public.can(${asks[key][0]}, ${asks[key][1]}, ${orgId}::uuid) as ${sql.ref(`can${i}`)}`)
  const { rows } = await sql<Record<string, boolean>>`select ${sql.join(columns)}`.execute(tx)
  return Object.fromEntries(keys.map((key, i) => [key, rows[0]?.[`can${i}`] === true])) as Record<K, boolean>
}

/** Throws 403 unless granted. A courtesy: RLS is the protection. */
export function requireGranted(granted: boolean): void {
  if (!granted) throw new Response('Forbidden', { status: 403 })
}

/** Throws 403 unless the user holds (domain, action) on the org. A courtesy: RLS is the protection. */
export async function requireUserCan(tx: Tx, domain: Domain, action: Action, orgId: string) {
  requireGranted(await userCan(tx, domain, action, orgId))
}
