/**
 * HTTP side of the benchmark: starts the production server (server/index.js, through
 * tests/support/production-server.ts), signs the demo accounts in with POST /login, loads each page with
 * autocannon against the floor route (GET /floor, which touches no database), measures the JavaScript each page makes the browser load, and the embedded
 * (PGlite) cold start.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { ROOT, startProductionServer, waitFor200, type ProductionServer } from '../../tests/support/production-server'

export { ROOT, waitFor200 }
export const PASSWORD = 'Ruyuan#2026'

export interface Page {
  name: string
  path: string
  account: string | null
  /** throughput goal as a fraction of the floor's; null for a reference row, which has none */
  goal: number | null
  /**
   * The portal the page belongs to: its ratio is also given against that portal's floor (a reference
   * row with the same portal: the portal's layout around the floor's rows), the part of the page's cost
   * that is its own work.
   */
  portal?: 'county' | 'town' | 'village' | 'unit'
}

export interface LoadResult {
  rps: number
  p50: number
  p95: number
  p99: number
  requests: number
  errors: number
}

export interface PageLoad {
  page: Page
  at50: LoadResult
  at10: LoadResult
  /** the floor, measured in slices alternating with this page's (absent on the floor's own row) */
  floorAt50?: LoadResult
  floorAt10?: LoadResult
}

export interface ClientJs {
  page: Page
  jsFiles: number
  jsGzip: number
  cssGzip: number
  htmlGzip: number
}

/** The production server on a free port (tests/support/production-server.ts); `nodeArgs` go to node before the script (e.g. --cpu-prof). */
export function startServer(env: Record<string, string | undefined>, log = false, nodeArgs: string[] = []): Promise<ProductionServer> {
  return startProductionServer({ env, nodeArgs, output: log ? 'inherit' : undefined })
}

/** POST /login; returns the Cookie header and where the app redirected to. */
export async function signIn(origin: string, email: string): Promise<{ cookie: string; location: string }> {
  const res = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  })
  await res.arrayBuffer()
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!)
  if (res.status < 300 || res.status >= 400 || cookies.length === 0) throw new Error(`sign-in of ${email} answered ${res.status}`)
  return { cookie: cookies.join('; '), location: res.headers.get('location') ?? '/' }
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** One autocannon run: every response's time, the requests, errors and seconds it took. */
interface Sample {
  times: number[]
  requests: number
  errors: number
  seconds: number
}

function sample(url: string, connections: number, duration: number, cookie: string | null): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    const instance = autocannon({ url, connections, duration, timeout: 30, headers: cookie ? { cookie } : {} }, (err, r) => {
      if (err) return reject(err)
      resolve({ times, requests: r.requests.total, errors: r.non2xx + r.errors + r.timeouts, seconds: r.duration })
    })
    instance.on('response', (_c, _status, _bytes, responseTime) => times.push(responseTime))
  })
}

/** Several runs as one: throughput over their summed time, percentiles over all their responses. */
function summarize(samples: Sample[]): LoadResult {
  const times = samples.flatMap((s) => s.times).sort((a, b) => a - b)
  const requests = samples.reduce((n, s) => n + s.requests, 0)
  return {
    rps: requests / samples.reduce((n, s) => n + s.seconds, 0),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests,
    errors: samples.reduce((n, s) => n + s.errors, 0),
  }
}

export async function load(url: string, connections: number, duration: number, cookie: string | null): Promise<LoadResult> {
  return summarize([await sample(url, connections, duration, cookie)])
}

/** Seconds of one slice of the alternating page / floor runs. */
const SLICE_SECONDS = 5

/**
 * The page and the floor in alternating slices of SLICE_SECONDS, `duration` seconds of each in all:
 * whatever the shared machine does meanwhile (it drifts by a fifth within a run) weighs on both alike.
 */
async function alternating(origin: string, page: { path: string; cookie: string | null }, floorPath: string, connections: number, duration: number) {
  const pageSamples: Sample[] = []
  const floorSamples: Sample[] = []
  for (let i = 0; i < Math.max(1, Math.round(duration / SLICE_SECONDS)); i++) {
    floorSamples.push(await sample(origin + floorPath, connections, SLICE_SECONDS, null))
    pageSamples.push(await sample(origin + page.path, connections, SLICE_SECONDS, page.cookie))
  }
  return { page: summarize(pageSamples), floor: summarize(floorSamples) }
}

/**
 * Loads the floor (the first page) on its own, then every other page at 50 connections (throughput) for
 * `duration` seconds and at 10 connections (p95) for `p95Duration` seconds, each in slices alternating
 * with the floor's (see alternating).
 */
export async function loadPages(
  server: ProductionServer,
  pages: Page[],
  duration: number,
  p95Duration: number,
  afterEach?: (page: Page) => void,
): Promise<PageLoad[]> {
  const cookies = new Map<string, string>()
  for (const p of pages) {
    if (p.account && !cookies.has(p.account)) cookies.set(p.account, (await signIn(server.origin, p.account)).cookie)
  }
  const floor = pages[0]!
  const out: PageLoad[] = []
  for (const page of pages) {
    const cookie = page.account ? cookies.get(page.account)! : null
    const check = await fetch(server.origin + page.path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    await check.arrayBuffer()
    if (check.status !== 200) throw new Error(`${page.path} answered ${check.status} before the load`)
    // a short warm-up so that the first measured seconds do not include JIT and pool start
    await load(server.origin + page.path, 10, 2, cookie)
    let result: PageLoad
    if (page === floor) {
      result = { page, at50: await load(server.origin + page.path, 50, duration, null), at10: await load(server.origin + page.path, 10, p95Duration, null) }
    } else {
      const at50 = await alternating(server.origin, { path: page.path, cookie }, floor.path, 50, duration)
      const at10 = await alternating(server.origin, { path: page.path, cookie }, floor.path, 10, p95Duration)
      result = { page, at50: at50.page, at10: at10.page, floorAt50: at50.floor, floorAt10: at10.floor }
    }
    const { at50, at10 } = result
    console.log(
      `[bench] http ${page.name}: ${at50.rps.toFixed(0)} req/s @50 (p50 ${at50.p50.toFixed(1)} p95 ${at50.p95.toFixed(1)} p99 ${at50.p99.toFixed(1)} ms, ${at50.errors} errors); ` +
        `p95 @10 ${at10.p95.toFixed(1)} ms` +
        (result.floorAt50 ? `; floor alongside ${result.floorAt50.rps.toFixed(0)} req/s, p95 @10 ${result.floorAt10!.p95.toFixed(1)} ms` : ''),
    )
    out.push(result)
    afterEach?.(page)
  }
  return out
}

/**
 * The JS, CSS and HTML a first visit to each page transfers, gzip (level 6, as the compression middleware):
 * the Vite assets the page imports or preloads, and the translations script of its language.
 */
export async function clientJs(server: ProductionServer, pages: Page[]): Promise<ClientJs[]> {
  const clientDir = path.join(ROOT, 'build/client')
  const gz = (file: string) => gzipSync(readFileSync(path.join(clientDir, file)), { level: 6 }).length
  const out: ClientJs[] = []
  const cookies = new Map<string, string>()
  for (const page of pages) {
    let cookie: string | null = null
    if (page.account) {
      cookie = cookies.get(page.account) ?? (await signIn(server.origin, page.account)).cookie
      cookies.set(page.account, cookie)
    }
    const res = await fetch(server.origin + page.path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    const html = await res.text()
    // every script the page imports or preloads: modulepreload links and the inline module script's imports
    const js = [...new Set([...html.matchAll(/["'](\/assets\/[^"']+?\.js)["']/g)].map((m) => m[1]!))]
    const css = [...new Set([...html.matchAll(/href="(\/assets\/[^"]+?\.css)"/g)].map((m) => m[1]!))]
    for (const f of [...js, ...css]) if (!existsSync(path.join(clientDir, f))) throw new Error(`${f} is not in build/client`)
    // the texts of the page's namespaces (routes/locales.tsx, ADR 0005): served by the app, cached for a year after the first page
    const locales = [...new Set([...html.matchAll(/src="(\/locales\/[^"]+?\.js)"/g)].map((m) => m[1]!))]
    let localesGzip = 0
    for (const f of locales) {
      const r = await fetch(server.origin + f)
      if (r.status !== 200) throw new Error(`${f} answered ${r.status}`)
      localesGzip += gzipSync(Buffer.from(await r.arrayBuffer()), { level: 6 }).length
    }
    out.push({
      page,
      jsFiles: js.length + locales.length,
      jsGzip: js.reduce((s, f) => s + gz(f), 0) + localesGzip,
      cssGzip: css.reduce((s, f) => s + gz(f), 0),
      htmlGzip: gzipSync(Buffer.from(html), { level: 6 }).length,
    })
  }
  return out
}

export interface ColdStart {
  firstLoginMs: number
  signInMs: number
  firstPageMs: number
  firstPage: string
}

/**
 * Embedded cold start: a fresh PGLITE_DIR and `node server/index.js` without DATABASE_URL. Times from
 * spawn to the first 200 on GET /login (no database), to the answer of the first sign-in POST (the
 * first database use: PGlite opens, migrates and seeds the demo), and to the 200 of the page it
 * redirects to.
 */
export async function coldStart(): Promise<ColdStart> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pglite-'))
  const t0 = Date.now()
  const server = await startServer({ DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, 'pglite'), CLUSTER_WORKERS: undefined, WEB_CONCURRENCY: undefined })
  try {
    await waitFor200(`${server.origin}/login`, 60_000, server)
    const firstLoginMs = Date.now() - t0
    const { cookie, location } = await signIn(server.origin, 'yunmen.secretary@ruyuan.demo')
    const signInMs = Date.now() - t0
    const res = await fetch(new URL(location, server.origin), { redirect: 'manual', headers: { cookie } })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`first page ${location} answered ${res.status}`)
    return { firstLoginMs, signInMs, firstPageMs: Date.now() - t0, firstPage: location }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
