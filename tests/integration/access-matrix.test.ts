/**
 * The access matrix: every route of app/routes.ts that has a loader, called in-process as every
 * distinct demo account (and as nobody) with a real session cookie, for the two demo orgs of each
 * portal kind. The expected status comes from the portal rules and the permission matrix
 * (private.permissions, docs/permissions.md), worked out from the raw seeded data:
 *
 * - nobody: 302 to /login?redirectTo=<the page>;
 * - the account's own portal: 200 when its role there holds the permission the page needs, else 403
 *   (404 when the seed has no row for one of the page's ids);
 * - another org the account can see (its own town, a village its unit is paired with): 403;
 * - an org it cannot see (another village, town or county): 404.
 *
 * A 200's serialized loader data must name no org outside the portal org's scope (by name or id).
 * The expectations live in tests/support/access-matrix.ts, shared with the HTTP version of this
 * test (tests/http/access-matrix.ts, which requests the same cells from the production server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRawDb } from '../../app/lib/db.server'
import { demoOrgId } from '../../app/lib/seed.server'
import { type AccessMatrix, ACCOUNTS, ANONYMOUS, loadMatrix, PLAIN, PLAIN_PARAMS, TARGETS } from '../support/access-matrix'
import { BASE, fillPattern, listRoutes, loadRouteModule, type RouteEntry } from '../support/routes'
import { cookieFor } from '../support/sessions'
import { createIsolatedTestDb } from '../support/test-db'

const state = {
  matrix: null as unknown as AccessMatrix,
  checked: 0,
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
  const cookie = email === ANONYMOUS ? null : await cookieFor(email)
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

const entries = listRoutes()
const portalEntries = entries.filter((e) => e.portal)

let isolated: Awaited<ReturnType<typeof createIsolatedTestDb>> | undefined
beforeAll(async () => {
  isolated = await createIsolatedTestDb('matrix')
  state.matrix = await loadMatrix(await getRawDb())
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
      const got = await call(entry, email, PLAIN_PARAMS[entry.id] ?? {})
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
      const { params } = state.matrix.paramsFor(entry.portal!, target)
      const path = fillPattern(entry.pattern, params)
      for (const email of [...ACCOUNTS, ANONYMOUS]) {
        const expected = state.matrix.expectedFor(entry, email, target, await state.matrix.visibleTo(email))
        const got = await call(entry, email, params)
        state.checked++
        const what = `GET ${path} as ${email}`
        if (got.status !== expected.status) {
          failures.push(`${what}: expected ${expected.status}, got ${got.status}`)
          continue
        }
        if (expected.location && got.location !== expected.location) failures.push(`${what}: expected a redirect to ${expected.location}, got ${got.location}`)
        if (got.status === 200 && got.body) {
          const leaks = state.matrix.leaksIn(got.body, await state.matrix.forbiddenFor(entry.portal!, target))
          if (leaks.length) failures.push(`${what}: shows orgs outside its scope: ${leaks.slice(0, 5).join(', ')}`)
        }
      }
    }
    expect(failures).toEqual([])
  })
})
