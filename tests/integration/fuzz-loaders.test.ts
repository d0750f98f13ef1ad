/**
 * Property-based fuzzing of every loader of app/routes.ts (fast-check, fixed seed): the page as an
 * account the permission matrix lets in, with an arbitrary query string (every parameter name the app
 * reads, found in its source, and junk names; empty, huge, CJK, malformed, negative and repeated
 * values) and arbitrary values in the URL's own segments other than the portal's org (a report's
 * period, a template's, a case's or a user's id). A loader must never throw anything but a Response
 * and never answer 5xx: a page, a redirect, or 400/403/404. Each runs in a GET's request scope, as the
 * production server runs it: its loaders share one read-only transaction (ADR 0011), so a loader that
 * writes fails here too. The fuzzing of the actions' bodies is tests/integration/fuzz-actions.test.ts.
 *
 * Explore further locally: FUZZ_SEED=7 FUZZ_RUNS=100 npx vitest run tests/integration/fuzz-loaders.test.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRawDb } from '../../app/lib/db.server'
import { runInRequestScope } from '../../app/lib/request-scope.server'
import { demoOrgId } from '../../app/lib/seed.server'
import { ACCOUNTS, loadMatrix, PLAIN, PLAIN_PARAMS, TARGETS, type AccessMatrix } from '../support/access-matrix'
import { BASE, fillPattern, listRoutes, loadRouteModule, type RouteEntry } from '../support/routes'
import { cookieFor } from '../support/sessions'
import { createIsolatedTestDb } from '../support/test-db'

const SEED = Number(process.env.FUZZ_SEED ?? 20261129)
const RUNS = Number(process.env.FUZZ_RUNS ?? 12)
const ACCEPTED = new Set([400, 403, 404])
/** The segment that names the portal's org: the access matrix covers it (other orgs, missing ids). */
const PORTAL_PARAM = 'orgId'

/** Every query parameter name the app reads: `.get('x')` / `.getAll('x')` / `pageFrom(…, 'x')`, and Remix's own. */
function parameterNames(): string[] {
  const names = new Set(['page', 'index', '_data', '_routes', 'lng'])
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
        const source = fs.readFileSync(file, 'utf8')
        for (const m of source.matchAll(/\.(?:get|getAll|has)\('([A-Za-z_][\w-]*)'\)|pageFrom\([^,)]+,\s*'([A-Za-z_]\w*)'\)/g)) names.add(m[1] ?? m[2]!)
      }
    }
  }
  walk(path.resolve(__dirname, '../../app'))
  return [...names].sort()
}

/** Values worth trying anywhere: the edges a hand-edited URL meets. */
const NASTY = [
  '', ' ', '0', '-1', '1.5', '1e309', '99999999999999999999', 'NaN', 'Infinity', 'null', 'true', '１２３', '0x10',
  '2026-02-30', '2026-13', '2026-00', '9999-12', '0001-01', '1900-01', '2026-1', '2026-06-01', '2026-06', '202606',
  'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '../../etc/passwd',
  "'; drop table orgs; --", '%', '_', '\\', '%25', '<script>alert(1)</script>', '\u0000', '\uFFFF', '\uD800', '乳源', '🙂',
  'asc', 'desc', 'DESC', 'name', 'due', 'all', 'draft', 'submitted', 'approved', 'returned', 'xlsx', 'csv',
  '//evil.example', 'https://evil.example/', 'x'.repeat(2_000), '字'.repeat(600),
]

const names = parameterNames()
const value = () => fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.integer({ min: -5, max: 100_000 }).map(String))
const query = fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), value()), {
  maxLength: 6,
})

interface Target {
  entry: RouteEntry
  email: string
  params: Record<string, string>
}

let matrix: AccessMatrix
let isolated: Awaited<ReturnType<typeof createIsolatedTestDb>> | undefined
beforeAll(async () => {
  isolated = await createIsolatedTestDb('fuzz_loaders')
  matrix = await loadMatrix(await getRawDb())
})
afterAll(() => isolated?.dispose())

/** A URL of the route and an account the matrix lets see it (the fuzzing must reach the page's own code). */
async function targetOf(entry: RouteEntry): Promise<Target | null> {
  if (!entry.portal) {
    const [signedIn] = PLAIN[entry.id] ?? []
    return signedIn === 200 ? { entry, email: ACCOUNTS[0]!, params: PLAIN_PARAMS[entry.id] ?? {} } : null
  }
  for (const code of TARGETS[entry.portal]) {
    const target = demoOrgId(code)
    const { params } = matrix.paramsFor(entry.portal, target)
    for (const email of ACCOUNTS) {
      if (matrix.expectedFor(entry, email, target, await matrix.visibleTo(email)).status === 200) return { entry, email, params }
    }
  }
  return null
}

async function get(target: Target, params: Record<string, string>, search: [string, string][]) {
  const { loader } = await loadRouteModule(target.entry)
  const url = new URL(`${BASE}${fillPattern(target.entry.pattern, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])))}`)
  for (const [k, v] of search) url.searchParams.append(k, v)
  const request = new Request(url, { headers: { 'Accept-Language': 'zh-CN', Cookie: await cookieFor(target.email) } })
  const what = `GET ${url.pathname}${url.search} as ${target.email}`
  try {
    // in a request scope as the production server runs it: the loaders share one read-only transaction
    const result = await runInRequestScope('GET', () => loader!({ request, params, context: {} }))
    const status = result instanceof Response ? result.status : ((result as { init?: { status?: number } } | null)?.init?.status ?? 200)
    return { what, status }
  } catch (thrown) {
    if (thrown instanceof Response) return { what, status: thrown.status }
    return { what, status: 500, error: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown) }
  }
}

/** The string with lone surrogates replaced (String.prototype.toWellFormed, not in this TypeScript lib). */
const wellFormed = (v: string) => v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')

const acceptable = (status: number) => status < 400 || ACCEPTED.has(status)

describe('loaders under hostile URLs', () => {
  it('find parameter names to fuzz in the app', () => {
    for (const name of ['page', 'postingsPage', 'q', 'state', 'from', 'to', 'month', 'sort', 'dir']) expect(names).toContain(name)
  })

  const entries = listRoutes()
  it.each(entries.map((e) => [e.pattern, e.id, e] as const))('%s (%s)', async (_, __, entry) => {
    if (!(await loadRouteModule(entry)).loader) return
    const target = await targetOf(entry)
    if (!target) return
    // the unfuzzed page first: without it, a route whose every request fails would pass as "no 5xx"
    const plain = await get(target, target.params, [])
    expect(plain.status, `${plain.what}: ${plain.error ?? ''}`).toBe(200)

    const segments = entry.params.filter((p) => p !== PORTAL_PARAM)
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(query, fc.array(value(), { minLength: segments.length, maxLength: segments.length }), async (search, segmentValues) => {
        // half the runs keep the real segments, so the query string meets the page's own code
        const params = { ...target.params }
        // what Remix hands a loader is the decoded segment, and a URL cannot carry a lone surrogate
        if (segmentValues.length && search.length % 2 === 0) segments.forEach((name, i) => (params[name] = wellFormed(segmentValues[i]!) || 'x'))
        const got = await get(target, params, search)
        if (!acceptable(got.status)) failures.push(`${got.what}: ${got.status}${got.error ? `\n${got.error}` : ''}`)
        return acceptable(got.status)
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
    expect(failures).toEqual([])
  })
})
