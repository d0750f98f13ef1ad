/**
 * The product's routes for table-driven tests: every entry of app/routes.ts flattened into a full URL
 * pattern, its module (loader/action) and the portal it belongs to, plus concrete parameter values
 * for a portal org taken from the seeded data through the raw (service) database:
 *
 *   const entries = listRoutes()                              // every route, in app/routes.ts order
 *   const mod = await loadRouteModule(entry)                  // { loader?, action? }
 *   const params = await portalParams(db, 'town', townId)     // orgId, villageId, reportId, …
 *   const path = fillPattern(entry.pattern, params)           // '/town/…/villages/…'
 *
 * A parameter the seed has no row for (a county without towns) gets MISSING_ID, a well-formed id of
 * nothing, and is listed in `missing` so a test can expect 404 instead of 200.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import routeConfig from '../../app/routes'
import type { Db } from '../../app/lib/db.server'
import type { PortalKind } from '../../app/lib/portal.server'

export const BASE = 'http://localhost:3000'

/** A well-formed id no row has: stands in for a parameter the seed cannot fill. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000'

type RouteFn = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>

export interface RouteEntry {
  /** The route id Remix uses: the explicit id, else the file without extension. */
  id: string
  /** The module file, relative to app/. */
  file: string
  /** The full URL pattern, e.g. '/town/:orgId/villages/:villageId'. */
  pattern: string
  /** The portal whose layout the route sits under, or null (auth, landing, not found). */
  portal: PortalKind | null
  /** The dynamic segments of the pattern, without the colon. */
  params: string[]
}

interface ConfigEntry {
  id?: string
  file: string
  path?: string
  index?: boolean
  children?: ConfigEntry[]
}

const PORTALS: PortalKind[] = ['county', 'town', 'village', 'unit']

/** Every route of app/routes.ts, parents before children. The splat route becomes '/no/such/page'. */
export function listRoutes(): RouteEntry[] {
  const out: RouteEntry[] = []
  const walk = (entries: ConfigEntry[], parent: string) => {
    for (const e of entries) {
      const path = e.path === '*' ? 'no/such/page' : (e.path ?? '')
      const pattern = `${parent.replace(/\/$/, '')}/${path}`.replace(/\/$/, '') || '/'
      const first = pattern.split('/')[1] as PortalKind
      out.push({
        id: e.id ?? e.file.replace(/\.tsx?$/, ''),
        file: e.file,
        pattern,
        portal: PORTALS.includes(first) ? first : null,
        params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      })
      if (e.children) walk(e.children, pattern)
    }
  }
  walk(routeConfig as ConfigEntry[], '')
  return out
}

// A function so that importing this file needs no Vite: under plain tsx (tests/http) there is no
// import.meta.glob, and only loadRouteModule (vitest only) calls it.
const modules = () => import.meta.glob<{ loader?: RouteFn; action?: RouteFn }>('../../app/routes/**/*.tsx')

/** The route module's loader and action (either may be absent). Needs Vite (vitest). */
export async function loadRouteModule(entry: RouteEntry): Promise<{ loader?: RouteFn; action?: RouteFn }> {
  const load = modules()[`../../app/${entry.file}`]
  if (!load) throw new Error(`no module app/${entry.file} for route ${entry.id}`)
  const mod = await load()
  return { loader: mod.loader, action: mod.action }
}

/** The pattern with its parameters filled in; throws when one is not given. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`)
    return value
  })
}

export interface PortalParams {
  params: Record<string, string>
  /** The parameters the seed had no row for (filled with MISSING_ID). */
  missing: string[]
}

/** Villages and communities a unit is paired with today. */
async function activePairedVillageIds(db: Db, unitId: string): Promise<string[]> {
  const { rows } = await sql<{ village_id: string }>`
    select p.village_id from public.pairings p join public.orgs v on v.id = p.village_id
     where p.unit_id = ${unitId} and p.starts_on <= current_date and (p.ends_on is null or p.ends_on >= current_date)
     order by v.code, v.id`.execute(db)
  return rows.map((r) => r.village_id)
}

/** Ids of the org and everything under it. */
export async function subtreeIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('org_closure').select('descendant_id').where('ancestor_id', '=', orgId).execute()
  return rows.map((r) => r.descendant_id)
}

/**
 * Concrete values for every parameter a route under this portal org may have, chosen inside the
 * org's scope (a town of the county, a village of the town, a village the unit is paired with today,
 * a report, case, member and template there). Deterministic: lowest code / earliest row first.
 */
export async function portalParams(db: Db, portal: PortalKind, orgId: string): Promise<PortalParams> {
  const params: Record<string, string> = { orgId }
  const missing: string[] = []
  const put = (name: string, value: string | undefined) => {
    if (value) params[name] = value
    else {
      params[name] = name === 'period' ? '2001-01' : MISSING_ID
      missing.push(name)
    }
  }
  const villages =
    portal === 'unit'
      ? await activePairedVillageIds(db, orgId)
      : (
          await db
            .selectFrom('orgs')
            .innerJoin('org_closure', 'org_closure.descendant_id', 'orgs.id')
            .select('orgs.id')
            .where('org_closure.ancestor_id', '=', orgId)
            .where('orgs.kind', 'in', ['village', 'community'])
            .orderBy('orgs.code')
            .orderBy('orgs.id')
            .execute()
        ).map((r) => r.id)

  const town = await db
    .selectFrom('orgs')
    .select('id')
    .where('parent_id', '=', orgId)
    .where('kind', '=', 'town')
    .orderBy('code')
    .executeTakeFirst()
  put('townId', town?.id)
  put('villageId', villages[0])

  const report = villages.length
    ? (
        await sql<{ id: string }>`select id from public.monthly_reports where village_id in (${sql.join(villages)}) order by period desc, id limit 1`.execute(db)
      ).rows[0]
    : undefined
  put('reportId', report?.id)
  const own =
    portal === 'village'
      ? (await sql<{ period: string }>`select to_char(period, 'YYYY-MM') as period from public.monthly_reports where village_id = ${orgId} order by period desc limit 1`.execute(db)).rows[0]
      : undefined
  put('period', own?.period)

  // a unit sees the cases it raised itself, in a village it is paired with today
  let cases = db.selectFrom('concern_cases').select('id').where('is_private', '=', false)
  if (portal === 'unit') cases = cases.where('unit_id', '=', orgId)
  const concern = villages.length ? await cases.where('village_id', 'in', villages).orderBy('created_at').orderBy('id').executeTakeFirst() : undefined
  put('caseId', concern?.id)

  const member =
    portal === 'county' || portal === 'town'
      ? await db
          .selectFrom('memberships')
          .innerJoin('org_closure', 'org_closure.descendant_id', 'memberships.org_id')
          .innerJoin('auth.users', 'auth.users.id', 'memberships.user_id')
          .select('memberships.user_id')
          .where('org_closure.ancestor_id', '=', orgId)
          .where('memberships.revoked_at', 'is', null)
          .orderBy('auth.users.email')
          .executeTakeFirst()
      : undefined
  put('userId', member?.user_id)

  const template =
    portal === 'county'
      ? (await sql<{ id: string }>`select id from public.report_templates where county_id = ${orgId} order by version desc limit 1`.execute(db)).rows[0]
      : undefined
  put('templateId', template?.id)
  return { params, missing }
}
