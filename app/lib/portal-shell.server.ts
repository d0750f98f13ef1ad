import { requireClaims } from './auth.server'
import { withUser, type Claims } from './db.server'
import { getFixedT, getLocale } from './i18n.server'
import { loadPermissionMatrix, permissionsOf, type Action, type Domain } from './permissions.server'
import { requirePortal, type PortalKind } from './portal.server'
import { memoPerRequest } from './request-scope.server'

interface NavEntry {
  /** Path below the portal root; '' is the portal's home. */
  path: string
  labelKey: string
  needs: [Domain, Action]
}

/** Each portal's navigation; an entry shows only when the matrix grants its permission to the role. */
const NAV: Record<PortalKind, NavEntry[]> = {
  county: [
    { path: '', labelKey: 'nav.county.overview', needs: ['orgs', 'read'] },
    { path: 'units', labelKey: 'nav.county.units', needs: ['pairings', 'read'] },
    { path: 'pairing', labelKey: 'nav.pairing', needs: ['activities', 'read'] },
    { path: 'concerns', labelKey: 'nav.concerns', needs: ['concerns', 'read'] },
    { path: 'users', labelKey: 'nav.users', needs: ['users', 'read'] },
    { path: 'completeness', labelKey: 'nav.county.completeness', needs: ['reports', 'read'] },
    { path: 'templates', labelKey: 'nav.county.templates', needs: ['report_templates', 'manage'] },
    { path: 'audit', labelKey: 'nav.county.audit', needs: ['audit', 'read'] },
  ],
  town: [
    { path: '', labelKey: 'nav.town.villages', needs: ['orgs', 'read'] },
    { path: 'reports', labelKey: 'nav.town.reports', needs: ['reports', 'review'] },
    { path: 'completeness', labelKey: 'nav.town.completeness', needs: ['reports', 'read'] },
    { path: 'pairing', labelKey: 'nav.pairing', needs: ['activities', 'read'] },
    { path: 'concerns', labelKey: 'nav.concerns', needs: ['concerns', 'read'] },
    { path: 'households', labelKey: 'nav.households', needs: ['households', 'read'] },
    { path: 'users', labelKey: 'nav.users', needs: ['users', 'read'] },
  ],
  village: [
    { path: '', labelKey: 'nav.village.profile', needs: ['orgs', 'read'] },
    { path: 'reports', labelKey: 'nav.village.reports', needs: ['reports', 'read'] },
    { path: 'pairing', labelKey: 'nav.pairing', needs: ['activities', 'read'] },
    { path: 'concerns', labelKey: 'nav.concerns', needs: ['concerns', 'read'] },
    { path: 'households', labelKey: 'nav.households', needs: ['households', 'read'] },
    { path: 'profile', labelKey: 'nav.village.editProfile', needs: ['orgs', 'update'] },
  ],
  unit: [
    { path: '', labelKey: 'nav.unit.overview', needs: ['orgs', 'read'] },
    { path: 'pairing', labelKey: 'nav.pairing', needs: ['activities', 'read'] },
    { path: 'concerns', labelKey: 'nav.concerns', needs: ['concerns', 'read'] },
  ],
}

export interface ShellData {
  portal: PortalKind
  org: { id: string; name: string; nameEn: string | null; kind: string }
  role: string
  user: { displayName: string; email: string }
  nav: { to: string; labelKey: string }[]
  portalCount: number
  permissions: string[]
  /** the browser tab's title, in the user's language: the page (a nav entry's label, by path), the org, the product */
  title: { org: string; app: string; pages: [string, string][] }
}

interface PortalCheck {
  claims: Claims
  org: Awaited<ReturnType<typeof requirePortal>>['org']
  role: Awaited<ReturnType<typeof requirePortal>>['role']
  portals: Awaited<ReturnType<typeof requirePortal>>['portals']
  granted: Set<string>
  profile: { display_name: string | null; email: string } | undefined
}

/**
 * The portal check, once per request in one transaction: the layout's loader and the page's loader
 * run in parallel and both need it (request-scope.server.ts).
 */
function checkPortal(request: Request, portal: PortalKind, orgId: string): Promise<PortalCheck> {
  return memoPerRequest(request, `portal:${portal}:${orgId}`, async () => {
    const claims = await requireClaims(request)
    return withUser(claims, async (tx) => {
      const { org, role, portals, profile } = await requirePortal(tx, portal, orgId, claims.sub)
      const matrix = await loadPermissionMatrix(tx)
      return { claims, org, role, portals, granted: permissionsOf(matrix, role), profile }
    })
  })
}

/** Loader of a portal layout: who the user is there, what the portal shows them. */
export async function loadPortalShell(request: Request, portal: PortalKind, orgId: string | undefined): Promise<ShellData> {
  const { claims, org, role, portals, granted, profile } = await checkPortal(request, portal, orgId ?? '')
  const has = (domain: string, action: string) => [...granted].some((p) => p.startsWith(`${action}:${domain}:`))
  const base = `/${portal}/${org.id}`
  const [t, locale] = await Promise.all([getFixedT(request, 'common'), getLocale(request)])
  const nav = NAV[portal].filter((n) => has(n.needs[0], n.needs[1])).map((n) => ({ to: n.path ? `${base}/${n.path}` : base, labelKey: n.labelKey }))
  return {
    portal,
    org: { id: org.id, name: org.name, nameEn: org.name_en, kind: org.kind },
    role,
    user: { displayName: profile?.display_name ?? claims.email, email: profile?.email ?? claims.email },
    nav,
    portalCount: portals.length,
    permissions: [...granted].sort(),
    title: { org: (locale === 'en' && org.name_en) || org.name, app: t('app.name'), pages: nav.map((n) => [n.to, t(n.labelKey)]) },
  }
}

/** For child routes: the claims plus a guard that the portal is the user's (the layout checks it too, once per request). */
export async function requirePortalUser(request: Request, portal: PortalKind, orgId: string | undefined): Promise<{ claims: Claims; orgId: string }> {
  const { claims } = await checkPortal(request, portal, orgId ?? '')
  return { claims, orgId: orgId ?? '' }
}
