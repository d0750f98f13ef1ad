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
  /** throughput goal as a fraction of the floor's */
  goal: number
  /** the floor measured again after the pages: shows how far the machine drifted during the run (no goal) */
  control?: true
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

export function load(url: string, connections: number, duration: number, cookie: string | null): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    const instance = autocannon(
      { url, connections, duration, timeout: 30, headers: cookie ? { cookie } : {} },
      (err, r) => {
        if (err) return reject(err)
        times.sort((a, b) => a - b)
        resolve({
          rps: r.requests.total / r.duration,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          requests: r.requests.total,
          errors: r.non2xx + r.errors + r.timeouts,
        })
      },
    )
    instance.on('response', (_c, _status, _bytes, responseTime) => times.push(responseTime))
  })
}

/** Loads the floor and every page at 50 connections (throughput) and at 10 connections (p95). */
export async function loadPages(server: ProductionServer, pages: Page[], duration: number, afterEach?: (page: Page) => void): Promise<PageLoad[]> {
  const cookies = new Map<string, string>()
  for (const p of pages) {
    if (p.account && !cookies.has(p.account)) cookies.set(p.account, (await signIn(server.origin, p.account)).cookie)
  }
  const out: PageLoad[] = []
  for (const page of pages) {
    const cookie = page.account ? cookies.get(page.account)! : null
    const check = await fetch(server.origin + page.path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    await check.arrayBuffer()
    if (check.status !== 200) throw new Error(`${page.path} answered ${check.status} before the load`)
    // a short warm-up so that the first measured seconds do not include JIT and pool start
    await load(server.origin + page.path, 10, 2, cookie)
    const at50 = await load(server.origin + page.path, 50, duration, cookie)
    const at10 = await load(server.origin + page.path, 10, duration, cookie)
    console.log(
      `[bench] http ${page.name}: ${at50.rps.toFixed(0)} req/s @50 (p50 ${at50.p50.toFixed(1)} p95 ${at50.p95.toFixed(1)} p99 ${at50.p99.toFixed(1)} ms, ${at50.errors} errors); ` +
        `p95 @10 ${at10.p95.toFixed(1)} ms`,
    )
    out.push({ page, at50, at10 })
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
    // the language's texts (routes/locales.tsx): served by the app, cached for a year after the first page
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
