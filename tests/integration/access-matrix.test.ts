/**
 * The access matrix: every route of app/routes.ts that has a loader, called in-process as every
 * distinct demo account (and as nobody) with a real session cookie, for the two demo orgs of each
 * portal kind. The expected status comes from the portal rules and the permission matrix
 * (private.permissions, docs/permissions.md), worked out here from the raw seeded data:
 *
 * - nobody: 302 to /login?redirectTo=<the page>;
 * - the account's own portal: 200 when its role there holds the permission the page needs, else 403
 *   (404 when the seed has no row for one of the page's ids);
 * - another org the account can see (its own town, a village its unit is paired with): 403;
 * - an org it cannot see (another village, town or county): 404.
 *
 * A 200's serialized loader data must name no org outside the portal org's scope (by name or id).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../app/lib/auth.server'
import { getRawDb, type Db } from '../../app/lib/db.server'
import type { AppRole } from '../../app/lib/db-types'
import type { PortalKind } from '../../app/lib/portal.server'
import { demoOrgId, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../app/lib/seed.server'
import { BASE, fillPattern, listRoutes, loadRouteModule, portalParams, subtreeIds, type PortalParams, type RouteEntry } from '../support/routes'
import { createIsolatedTestDb } from '../support/test-db'

type Need = readonly [domain: string, action: string] | null

/** What each portal page needs beyond being the user's portal (null: nothing more). By route id. */
const NEEDS: Record<string, Need> = {
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
  'village-households-pairs-import': ['households', 'manage'],
}
/** Shared modules registered under several portals: the need by the id's suffix. */
const NEEDS_BY_SUFFIX: [suffix: string, need: Need][] = [
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
]

function needOf(entry: RouteEntry): Need {
  if (entry.id in NEEDS) return NEEDS[entry.id]!
  return NEEDS_BY_SUFFIX.find(([suffix]) => entry.id.endsWith(suffix))?.[1] ?? null
}

/** The two demo orgs of each portal kind: the accounts' own, so every account meets its own and others'. */
const TARGETS: Record<PortalKind, string[]> = {
  county: ['440232', '440229'],
  town: ['440232101000', '440232108000'],
  village: ['440232101201', '440232108201'],
  unit: ['RY-C01', 'GD-P01'],
}

const ACCOUNTS = [...new Set(DEMO_ACCOUNTS.map((a) => a.email))]
const ANONYMOUS = 'anonymous'

interface Org {
  id: string
  kind: string
  name: string
  name_en: string | null
}

const state = {
  db: null as unknown as Db,
  cookies: new Map<string, string>(),
  orgs: [] as Org[],
  /** role -> 'domain:action' */
  permissions: new Map<AppRole, Set<string>>(),
  /** org id -> ids of it and its ancestors */
  ancestry: new Map<string, string[]>(),
  params: new Map<string, PortalParams>(),
  /** `${portal}:${orgId}` -> ids allowed in that portal's pages */
  allowed: new Map<string, Set<string>>(),
  checked: 0,
}

async function activePaired(db: Db, unitId: string): Promise<string[]> {
  const { rows } = await sql<{ village_id: string }>`
    select village_id from public.pairings
     where unit_id = ${unitId} and starts_on <= current_date and (ends_on is null or ends_on >= current_date)`.execute(db)
  return rows.map((r) => r.village_id)
}

/** The orgs a portal covers: the org's subtree, or a unit and the villages paired with it today. */
async function scopeOf(portal: PortalKind, orgId: string): Promise<string[]> {
  return portal === 'unit' ? [orgId, ...(await activePaired(state.db, orgId))] : subtreeIds(state.db, orgId)
}

function withAncestors(ids: string[]): Set<string> {
  return new Set(ids.flatMap((id) => state.ancestry.get(id) ?? [id]))
}

function memberships(email: string) {
  return DEMO_ACCOUNTS.filter((a) => a.email === email).map((a) => ({ role: a.role, portal: a.portal, orgId: demoOrgId(a.orgCode) }))
}

/** Orgs RLS lets this account see: its scopes and their ancestors. */
const visibleCache = new Map<string, Set<string>>()
async function visibleTo(email: string): Promise<Set<string>> {
  const cached = visibleCache.get(email)
  if (cached) return cached
  const scopes = (await Promise.all(memberships(email).map((m) => scopeOf(m.portal, m.orgId)))).flat()
  const set = withAncestors(scopes)
  // the units paired (at any time) with a village in scope are readable too (their names are shown)
  const units = await state.db.selectFrom('pairings').select('unit_id').where('village_id', 'in', scopes).execute()
  for (const u of units) set.add(u.unit_id)
  visibleCache.set(email, set)
  return set
}

async function cookieFor(email: string): Promise<string | null> {
  if (email === ANONYMOUS) return null
  const cached = state.cookies.get(email)
  if (cached) return cached
  const result = await signIn(new Request(`${BASE}/login`, { method: 'POST' }), { email, password: DEMO_PASSWORD })
  if (!result.ok) throw new Error(`sign-in failed for ${email}: ${result.reason}`)
  const cookie = result.headers.get('Set-Cookie')!.split(';')[0]!
  state.cookies.set(email, cookie)
  return cookie
}

interface Outcome {
  status: number
  location: string | null
  /** The loader data as JSON, for 200s with data. */
  body: string | null
}

async function call(entry: RouteEntry, email: string, params: Record<string, string>): Promise<Outcome> {
  const { loader } = await loadRouteModule(entry)
  const path = fillPattern(entry.pattern, params)
  const headers = new Headers({ 'Accept-Language': 'zh-CN' })
  const cookie = await cookieFor(email)
  if (cookie) headers.set('Cookie', cookie)
  const request = new Request(`${BASE}${path}`, { headers })
  let result: unknown
  try {
    result = await loader!({ request, params, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: null }
    throw new Error(`GET ${path} as ${email}: threw ${thrown instanceof Error ? thrown.stack : String(thrown)}`)
  }
  if (result instanceof Response) {
    const type = result.headers.get('Content-Type') ?? ''
    return { status: result.status, location: result.headers.get('Location'), body: type.includes('json') ? await result.text() : null }
  }
  const init = (result as { init?: { status?: number } } | null)?.init
  return { status: init?.status ?? 200, location: null, body: JSON.stringify(result ?? null) }
}

/** Names and ids of orgs a page of this portal must not show (outside its scope and ancestry). */
async function forbiddenFor(portal: PortalKind, orgId: string): Promise<{ ids: string[]; names: string[] }> {
  const key = `${portal}:${orgId}`
  let allowed = state.allowed.get(key)
  if (!allowed) {
    allowed = withAncestors(await scopeOf(portal, orgId))
    state.allowed.set(key, allowed)
  }
  const allowedNames = state.orgs.filter((o) => allowed.has(o.id)).flatMap((o) => [o.name, o.name_en ?? ''])
  const counties = state.orgs.filter((o) => o.kind === 'county')
  const foreignCounties = new Set(counties.filter((c) => !allowed.has(c.id)).map((c) => c.id))
  // a unit's own pairing history names (by id only) the villages it was paired with before
  const formerlyPaired =
    portal === 'unit' ? new Set((await state.db.selectFrom('pairings').select('village_id').where('unit_id', '=', orgId).execute()).map((p) => p.village_id)) : new Set<string>()
  const outside = state.orgs.filter((o) => {
    if (allowed.has(o.id)) return false
    if (o.kind === 'province' || o.kind === 'city') return false
    // support units may serve villages anywhere: only another county's own units are out of bounds
    if (o.kind === 'unit') return (state.ancestry.get(o.id) ?? []).some((a) => foreignCounties.has(a))
    return true
  })
  const names = outside
    .flatMap((o) => [o.name, o.name_en ?? ''])
    .filter((n) => n.length >= 3 && !allowedNames.some((a) => a.includes(n)))
  return { ids: outside.map((o) => o.id).filter((id) => !formerlyPaired.has(id)), names }
}

function expectedFor(entry: RouteEntry, email: string, target: string, visible: Set<string>): { status: number; location?: string } {
  const params = state.params.get(`${entry.portal}:${target}`)!
  const path = fillPattern(entry.pattern, params.params)
  if (email === ANONYMOUS) return { status: 302, location: `/login?redirectTo=${encodeURIComponent(path)}` }
  const own = memberships(email).find((m) => m.portal === entry.portal && m.orgId === target)
  if (!own) return { status: visible.has(target) ? 403 : 404 }
  const need = needOf(entry)
  if (need && !state.permissions.get(own.role)?.has(`${need[0]}:${need[1]}`)) return { status: 403 }
  if (entry.params.some((p) => params.missing.includes(p))) return { status: 404 }
  return { status: 200 }
}

/** Routes outside the portals: [signed in, anonymous]. */
const PLAIN: Record<string, [number, number]> = {
  'routes/index': [302, 302],
  'routes/auth/login': [302, 200],
  'routes/auth/logout': [302, 302],
  'routes/auth/password': [200, 302],
  'routes/language': [302, 302],
  'routes/portals': [200, 302],
  'routes/healthz': [200, 200],
  'routes/not-found': [404, 404],
}

const entries = listRoutes()
const portalEntries = entries.filter((e) => e.portal)

let isolated: Awaited<ReturnType<typeof createIsolatedTestDb>> | undefined
beforeAll(async () => {
  isolated = await createIsolatedTestDb('matrix')
  state.db = await getRawDb()
  state.orgs = await state.db.selectFrom('orgs').select(['id', 'kind', 'name', 'name_en']).execute()
  const closure = await state.db.selectFrom('org_closure').select(['ancestor_id', 'descendant_id']).execute()
  for (const row of closure) {
    const list = state.ancestry.get(row.descendant_id) ?? []
    list.push(row.ancestor_id)
    state.ancestry.set(row.descendant_id, list)
  }
  const { rows } = await sql<{ role: AppRole; domain: string; action: string }>`select role, domain, action from private.permissions`.execute(state.db)
  for (const r of rows) {
    const set = state.permissions.get(r.role) ?? new Set<string>()
    set.add(`${r.domain}:${r.action}`)
    state.permissions.set(r.role, set)
  }
  for (const [portal, codes] of Object.entries(TARGETS) as [PortalKind, string[]][]) {
    for (const code of codes) state.params.set(`${portal}:${demoOrgId(code)}`, await portalParams(state.db, portal, demoOrgId(code)))
  }
})
afterAll(async () => {
  console.info(`access matrix: ${state.checked} (route, account, org) cells checked`)
  await isolated?.dispose()
})

describe('access matrix', () => {
  it('covers every route with a loader', async () => {
    const withLoader: string[] = []
    for (const entry of entries) if ((await loadRouteModule(entry)).loader) withLoader.push(entry.id)
    const covered = new Set([...Object.keys(PLAIN), ...portalEntries.map((e) => e.id)])
    expect(withLoader.filter((id) => !covered.has(id))).toEqual([])
  })

  it.each(entries.filter((e) => !e.portal).map((e) => [e.pattern, e] as const))('%s', async (_, entry) => {
    if (!(await loadRouteModule(entry)).loader) return
    const [signedIn, anonymous] = PLAIN[entry.id]!
    const failures: string[] = []
    for (const email of [...ACCOUNTS, ANONYMOUS]) {
      const expected = email === ANONYMOUS ? anonymous : signedIn
      const got = await call(entry, email, {})
      state.checked++
      if (got.status !== expected) failures.push(`GET ${entry.pattern} as ${email}: expected ${expected}, got ${got.status}`)
      if (email === ANONYMOUS && entry.id !== 'routes/index' && got.location?.startsWith('/login?') && !got.location.includes('redirectTo=')) {
        failures.push(`GET ${entry.pattern} as ${email}: the sign-in redirect forgets the page (${got.location})`)
      }
    }
    expect(failures).toEqual([])
  })

  it.each(portalEntries.map((e) => [e.pattern, e.id, e] as const))('%s (%s)', async (_, __, entry) => {
    if (!(await loadRouteModule(entry)).loader) return
    const failures: string[] = []
    for (const code of TARGETS[entry.portal!]) {
      const target = demoOrgId(code)
      const { params } = state.params.get(`${entry.portal}:${target}`)!
      const path = fillPattern(entry.pattern, params)
      for (const email of [...ACCOUNTS, ANONYMOUS]) {
        const visible = email === ANONYMOUS ? new Set<string>() : await visibleTo(email)
        const expected = expectedFor(entry, email, target, visible)
        const got = await call(entry, email, params)
        state.checked++
        const what = `GET ${path} as ${email}`
        if (got.status !== expected.status) {
          failures.push(`${what}: expected ${expected.status}, got ${got.status}`)
          continue
        }
        if (expected.location && got.location !== expected.location) failures.push(`${what}: expected a redirect to ${expected.location}, got ${got.location}`)
        if (got.status === 200 && got.body) {
          const forbidden = await forbiddenFor(entry.portal!, target)
          const ids = forbidden.ids.filter((id) => got.body!.includes(id))
          const names = forbidden.names.filter((n) => got.body!.includes(n))
          const described = ids.map((id) => state.orgs.find((o) => o.id === id)).map((o) => `${o!.kind} ${o!.name} (${o!.id})`)
          if (ids.length || names.length) failures.push(`${what}: shows orgs outside its scope: ${[...names, ...described].slice(0, 5).join(', ')}`)
        }
      }
    }
    expect(failures).toEqual([])
  })
})
