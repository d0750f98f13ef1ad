/**
 * The access matrix's expectations, one source of truth for the in-process test
 * (tests/integration/access-matrix.test.ts) and the HTTP one (tests/http/access-matrix.ts).
 *
 * The expected status comes from the portal rules and the permission matrix (private.permissions,
 * docs/permissions.md), worked out from the raw seeded data:
 *
 * - nobody: 302 to /login?redirectTo=<the page>;
 * - the account's own portal: 200 when its role there holds the permission the page needs, else 403
 *   (404 when the seed has no row for one of the page's ids);
 * - another org the account can see (its own town, a village its unit is paired with): 403;
 * - an org it cannot see (another village, town or county): 404.
 *
 * A 200 must name no org outside the portal org's scope (by name or id): see forbiddenFor and leaksIn.
 *
 * Plain module (no vitest, no import.meta.glob): it runs under vitest and under tsx alike.
 */
import { sql } from 'kysely'
import type { Db } from '../../app/lib/db.server'
import type { AppRole } from '../../app/lib/db-types'
import type { PortalKind } from '../../app/lib/portal.server'
import { demoOrgId, DEMO_ACCOUNTS } from '../../app/lib/seed.server'
import { fillPattern, portalParams, subtreeIds, type PortalParams, type RouteEntry } from './routes'

export type Need = readonly [domain: string, action: string] | null

/** What each portal page needs beyond being the user's portal (null: nothing more). By route id. */
export const NEEDS: Record<string, Need> = {
  'routes/county/audit': ['audit', 'read'],
  'routes/county/templates': ['report_templates', 'manage'],
  'routes/county/template-new': ['report_templates', 'manage'],
  'routes/county/template': ['report_templates', 'manage'],
  'routes/town/reports': ['reports', 'review'],
  'routes/village/profile-edit': ['orgs', 'update'],
  'routes/village/reports': ['reports', 'read'],
  'routes/village/reports-export': ['reports', 'read'],
  'routes/village/report': ['reports', 'read'],
  'village-report-print': ['reports', 'read'],
  'village-households-import': ['households', 'manage'],
  'village-households-import-template': ['households', 'manage'],
  'village-households-pairs-import': ['households', 'manage'],
  'village-households-pairs-import-template': ['households', 'manage'],
}
/** Shared modules registered under several portals: the need by the id's suffix. */
export const NEEDS_BY_SUFFIX: [suffix: string, need: Need][] = [
  ['-users', ['users', 'read']],
  ['-user-new', ['users', 'manage']],
  ['-user', ['users', 'read']],
  ['-completeness', ['reports', 'read']],
  ['-completeness-export', ['reports', 'read']],
  ['-pairing', ['activities', 'read']],
  ['-activities', ['activities', 'read']],
  ['-visits', ['visits', 'read']],
  ['-cadres', ['cadres', 'read']],
  ['-concerns', ['concerns', 'read']],
  ['-activities-new', ['activities', 'create']],
  ['-visits-new', ['visits', 'create']],
  ['-concerns-new', ['concerns', 'create']],
  ['-households', ['households', 'read']],
  ['-households-export', ['households', 'read']],
  ['-activities-export-xlsx', ['activities', 'read']],
  ['-activities-export-csv', ['activities', 'read']],
  ['-visits-export-xlsx', ['visits', 'read']],
  ['-visits-export-csv', ['visits', 'read']],
  ['-concerns-export-xlsx', ['concerns', 'read']],
  ['-concerns-export-csv', ['concerns', 'read']],
]

export function needOf(entry: RouteEntry): Need {
  if (entry.id in NEEDS) return NEEDS[entry.id]!
  return NEEDS_BY_SUFFIX.find(([suffix]) => entry.id.endsWith(suffix))?.[1] ?? null
}

/** The two demo orgs of each portal kind: the accounts' own, so every account meets its own and others'. */
export const TARGETS: Record<PortalKind, string[]> = {
  county: ['440232', '440229'],
  town: ['440232101000', '440232108000'],
  village: ['440232101201', '440232108201'],
  unit: ['RY-C01', 'GD-P01'],
}

/** Every distinct demo account, by email. */
export const ACCOUNTS = [...new Set(DEMO_ACCOUNTS.map((a) => a.email))]
/** Stands for "not signed in" in the account lists. */
export const ANONYMOUS = 'anonymous'

/** Routes outside the portals: [signed in, anonymous]. */
export const PLAIN: Record<string, [number, number]> = {
  'routes/index': [302, 302],
  'routes/auth/login': [302, 200],
  'routes/auth/logout': [302, 302],
  'routes/auth/password': [200, 302],
  'routes/language': [302, 302],
  'routes/portals': [200, 302],
  'routes/healthz': [200, 200],
  'routes/floor-signed-in': [200, 302],
  'routes/not-found': [404, 404],
  'routes/locales': [200, 200],
}

/** Parameters of plain routes that have some (the translations script: public, the same for everyone). */
export const PLAIN_PARAMS: Record<string, Record<string, string>> = {
  'routes/locales': { file: 'zh-CN.000000000000.js' },
}

export interface Org {
  id: string
  kind: string
  name: string
  name_en: string | null
}

export interface Membership {
  role: AppRole
  portal: PortalKind
  orgId: string
}

export interface Forbidden {
  ids: string[]
  names: string[]
}

export interface Expected {
  status: number
  /** For redirects: the exact Location. */
  location?: string
}

/** The account's demo memberships. */
export function memberships(email: string): Membership[] {
  return DEMO_ACCOUNTS.filter((a) => a.email === email).map((a) => ({ role: a.role, portal: a.portal, orgId: demoOrgId(a.orgCode) }))
}

/** Every target org of every portal: [portal, org id]. */
export function targetOrgs(): [PortalKind, string][] {
  return (Object.entries(TARGETS) as [PortalKind, string[]][]).flatMap(([portal, codes]) => codes.map((code) => [portal, demoOrgId(code)] as [PortalKind, string]))
}

/** The seeded facts the expectations are worked out from; load once per run with loadMatrix. */
export class AccessMatrix {
  orgs: Org[] = []
  /** role -> 'domain:action' */
  permissions = new Map<AppRole, Set<string>>()
  /** org id -> ids of it and its ancestors */
  ancestry = new Map<string, string[]>()
  /** `${portal}:${orgId}` -> the parameter values of that portal's pages */
  params = new Map<string, PortalParams>()
  private allowed = new Map<string, Set<string>>()
  private visible = new Map<string, Set<string>>()
  private forbidden = new Map<string, Forbidden>()

  constructor(readonly db: Db) {}

  async load(): Promise<this> {
    this.orgs = await this.db.selectFrom('orgs').select(['id', 'kind', 'name', 'name_en']).execute()
    const closure = await this.db.selectFrom('org_closure').select(['ancestor_id', 'descendant_id']).execute()
    for (const row of closure) {
      const list = this.ancestry.get(row.descendant_id) ?? []
      list.push(row.ancestor_id)
      this.ancestry.set(row.descendant_id, list)
    }
    const { rows } = await sql<{ role: AppRole; domain: string; action: string }>`select role, domain, action from private.permissions`.execute(this.db)
    for (const r of rows) {
      const set = this.permissions.get(r.role) ?? new Set<string>()
      set.add(`${r.domain}:${r.action}`)
      this.permissions.set(r.role, set)
    }
    for (const [portal, orgId] of targetOrgs()) this.params.set(`${portal}:${orgId}`, await portalParams(this.db, portal, orgId))
    return this
  }

  /** The parameters of a target org's pages. */
  paramsFor(portal: PortalKind, orgId: string): PortalParams {
    const params = this.params.get(`${portal}:${orgId}`)
    if (!params) throw new Error(`no parameters for ${portal} ${orgId}: not a target org`)
    return params
  }

  private async activePaired(unitId: string): Promise<string[]> {
    const { rows } = await sql<{ village_id: string }>`
      select village_id from public.pairings
       where unit_id = ${unitId} and starts_on <= current_date and (ends_on is null or ends_on >= current_date)`.execute(this.db)
    return rows.map((r) => r.village_id)
  }

  /** The orgs a portal covers: the org's subtree, or a unit and the villages paired with it today. */
  async scopeOf(portal: PortalKind, orgId: string): Promise<string[]> {
    return portal === 'unit' ? [orgId, ...(await this.activePaired(orgId))] : subtreeIds(this.db, orgId)
  }

  withAncestors(ids: string[]): Set<string> {
    return new Set(ids.flatMap((id) => this.ancestry.get(id) ?? [id]))
  }

  /** Orgs RLS lets this account see: its scopes and their ancestors (empty for ANONYMOUS). */
  async visibleTo(email: string): Promise<Set<string>> {
    if (email === ANONYMOUS) return new Set()
    const cached = this.visible.get(email)
    if (cached) return cached
    const scopes = (await Promise.all(memberships(email).map((m) => this.scopeOf(m.portal, m.orgId)))).flat()
    const set = this.withAncestors(scopes)
    // the units paired (at any time) with a village in scope are readable too (their names are shown)
    const units = await this.db.selectFrom('pairings').select('unit_id').where('village_id', 'in', scopes).execute()
    for (const u of units) set.add(u.unit_id)
    this.visible.set(email, set)
    return set
  }

  /** Names and ids of orgs a page of this portal must not show (outside its scope and ancestry). */
  async forbiddenFor(portal: PortalKind, orgId: string): Promise<Forbidden> {
    const key = `${portal}:${orgId}`
    const cached = this.forbidden.get(key)
    if (cached) return cached
    let allowed = this.allowed.get(key)
    if (!allowed) {
      allowed = this.withAncestors(await this.scopeOf(portal, orgId))
      this.allowed.set(key, allowed)
    }
    const allowedNames = this.orgs.filter((o) => allowed.has(o.id)).flatMap((o) => [o.name, o.name_en ?? ''])
    const counties = this.orgs.filter((o) => o.kind === 'county')
    const foreignCounties = new Set(counties.filter((c) => !allowed.has(c.id)).map((c) => c.id))
    // a unit's own pairing history names (by id only) the villages it was paired with before
    const formerlyPaired =
      portal === 'unit' ? new Set((await this.db.selectFrom('pairings').select('village_id').where('unit_id', '=', orgId).execute()).map((p) => p.village_id)) : new Set<string>()
    const outside = this.orgs.filter((o) => {
      if (allowed.has(o.id)) return false
      if (o.kind === 'province' || o.kind === 'city') return false
      // support units may serve villages anywhere: only another county's own units are out of bounds
      if (o.kind === 'unit') return (this.ancestry.get(o.id) ?? []).some((a) => foreignCounties.has(a))
      return true
    })
    const names = outside
      .flatMap((o) => [o.name, o.name_en ?? ''])
      .filter((n) => n.length >= 3 && !allowedNames.some((a) => a.includes(n)))
    const forbidden = { ids: outside.map((o) => o.id).filter((id) => !formerlyPaired.has(id)), names }
    this.forbidden.set(key, forbidden)
    return forbidden
  }

  /** The expected answer to GET of a portal page of `target` as `email` (visible: visibleTo(email)). */
  expectedFor(entry: RouteEntry, email: string, target: string, visible: Set<string>): Expected {
    const params = this.paramsFor(entry.portal!, target)
    const path = fillPattern(entry.pattern, params.params)
    if (email === ANONYMOUS) return { status: 302, location: `/login?redirectTo=${encodeURIComponent(path)}` }
    const own = memberships(email).find((m) => m.portal === entry.portal && m.orgId === target)
    if (!own) return { status: visible.has(target) ? 403 : 404 }
    const need = needOf(entry)
    if (need && !this.permissions.get(own.role)?.has(`${need[0]}:${need[1]}`)) return { status: 403 }
    if (entry.params.some((p) => params.missing.includes(p))) return { status: 404 }
    return { status: 200 }
  }

  /** "kind name (id)" of an org, for failure messages. */
  describe(id: string): string {
    const o = this.orgs.find((org) => org.id === id)
    return o ? `${o.kind} ${o.name} (${o.id})` : id
  }

  /**
   * The forbidden ids and names that occur in a body, as "kind name (id)" / the name. With html,
   * a name also counts in its HTML-escaped and JSON-escaped forms (rendered text, serialized data).
   */
  leaksIn(body: string, forbidden: Forbidden, { html = false } = {}): string[] {
    const found = (s: string) => (html ? forms(s) : [s]).some((f) => body.includes(f))
    const names = forbidden.names.filter(found)
    const ids = forbidden.ids.filter((id) => body.includes(id))
    return [...names, ...ids.map((id) => this.describe(id))]
  }
}

/** The text as it may appear in a page: raw, HTML-escaped, and escaped inside a JSON/JS string. */
export function forms(text: string): string[] {
  const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')
  const htmlAlt = html.replace(/&#x27;/g, '&#39;')
  const json = JSON.stringify(text).slice(1, -1)
  const jsonInJs = JSON.stringify(json).slice(1, -1)
  return [...new Set([text, html, htmlAlt, json, jsonInJs])]
}

/** Loads the seeded facts from a raw (service) database handle. */
export async function loadMatrix(db: Db): Promise<AccessMatrix> {
  return new AccessMatrix(db).load()
}
