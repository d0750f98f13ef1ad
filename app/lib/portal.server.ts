import { sql } from 'kysely'
import type { AppRole, OrgKind } from './db-types'
import type { Tx } from './db.server'

export type PortalKind = 'county' | 'town' | 'village' | 'unit'

export const PORTAL_ROLES: Record<PortalKind, AppRole[]> = {
  county: ['county_admin', 'county_staff'],
  town: ['town_admin', 'town_staff'],
  village: ['village_secretary', 'village_clerk'],
  unit: ['unit_liaison'],
}

export function portalOfRole(role: AppRole): PortalKind {
  for (const [portal, roles] of Object.entries(PORTAL_ROLES) as [PortalKind, AppRole[]][]) {
    if (roles.includes(role)) return portal
  }
  throw new Error(`no portal for role ${role}`)
}

export interface PortalEntry {
  orgId: string
  orgKind: OrgKind
  orgName: string
  orgNameEn: string | null
  role: AppRole
  portal: PortalKind
  href: string
}

/** The caller's portals, one per active membership, best first (county before town before village). */
export async function listMyPortals(tx: Tx): Promise<PortalEntry[]> {
  const { rows } = await sql<{ org_id: string; org_kind: OrgKind; org_name: string; org_name_en: string | null; role: AppRole }>`
    select org_id, org_kind, org_name, org_name_en, role from public.my_portals()`.execute(tx)
  return rows.map((r) => {
    const portal = portalOfRole(r.role)
    return {
      orgId: r.org_id,
      orgKind: r.org_kind,
      orgName: r.org_name,
      orgNameEn: r.org_name_en,
      role: r.role,
      portal,
      href: `/${portal}/${r.org_id}`,
    }
  })
}

/**
 * The org a portal page is about, as the user may see it. 404 when RLS hides it (another
 * village, another town), 403 when it is visible but not one of the user's portals (a village
 * secretary opening her own town). Returns the user's role there.
 */
export async function requirePortal(tx: Tx, portal: PortalKind, orgId: string) {
  if (!isUuid(orgId)) throw new Response('Not found', { status: 404 })
  const org = await tx.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirst()
  if (!org) throw new Response('Not found', { status: 404 })
  const portals = await listMyPortals(tx)
  const entry = portals.find((p) => p.orgId === orgId && p.portal === portal)
  if (!entry) throw new Response('Forbidden', { status: 403 })
  return { org, role: entry.role, portals }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string | undefined): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** 404 unless the param is a well-formed id (a malformed one would otherwise be a SQL error). */
export function requireUuidParam(value: string | undefined): string {
  if (!isUuid(value)) throw new Response('Not found', { status: 404 })
  return value
}

/** User administration lives under the county and town portals; which one is this URL? */
export function adminPortalOf(url: URL): 'county' | 'town' {
  const first = url.pathname.split('/')[1]
  if (first === 'county' || first === 'town') return first
  throw new Response('Not found', { status: 404 })
}
