import { sql } from 'kysely'
import type { AppRole, OrgKind } from './db-types'
import { withUser, type Claims, type Tx } from './db.server'

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

interface PortalRow {
  org_id: string
  org_kind: OrgKind
  org_name: string
  org_name_en: string | null
  role: AppRole
}

function toEntry(r: PortalRow): PortalEntry {
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
}

/** The caller's portals, one per active membership, best first (county before town before village). */
export async function listMyPortals(tx: Tx): Promise<PortalEntry[]> {
  const { rows } = await sql<PortalRow>`select org_id, org_kind, org_name, org_name_en, role from public.my_portals()`.execute(tx)
  return rows.map(toEntry)
}

/** Where a signed-in user lands: their first portal, or the page that says they have none yet. */
export async function landingPage(claims: Claims): Promise<string> {
  const portals = await withUser(claims, listMyPortals)
  return portals[0]?.href ?? '/portals'
}

export interface PortalOrg {
  id: string
  name: string
  name_en: string | null
  kind: OrgKind
}

/**
 * The org a portal page is about, as the user may see it. 404 when RLS hides it (another
 * village, another town), 403 when it is visible but not one of the user's portals (a village
 * secretary opening her own town). Returns the user's role there, all the user's portals and
 * their profile: one statement, since every portal page asks it.
 */
export async function requirePortal(tx: Tx, portal: PortalKind, orgId: string, userId: string) {
  if (!isUuid(orgId)) throw new Response('Not found', { status: 404 })
  const { rows } = await sql<{ org: PortalOrg | null; portals: PortalRow[]; profile: { display_name: string | null; email: string } | null }>`
    select (select jsonb_build_object('id', o.id, 'name', o.name, 'name_en', o.name_en, 'kind', o.kind)
              from public.orgs o where o.id = ${orgId}::uuid) as org,
           (select coalesce(jsonb_agg(to_jsonb(p) - 'n' order by p.n), '[]'::jsonb)
              from public.my_portals() with ordinality as p(org_id, org_kind, org_name, org_name_en, role, n)) as portals,
           (select jsonb_build_object('display_name', f.display_name, 'email', f.email)
              from public.profiles f where f.user_id = ${userId}::uuid) as profile`.execute(tx)
  const { org, portals: portalRows, profile } = rows[0]!
  if (!org) throw new Response('Not found', { status: 404 })
  const portals = portalRows.map(toEntry)
  const entry = portals.find((p) => p.orgId === orgId && p.portal === portal)
  if (!entry) throw new Response('Forbidden', { status: 403 })
  return { org, role: entry.role, portals, profile: profile ?? undefined }
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
