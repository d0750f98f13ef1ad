/**
 * The access matrix over HTTP: every route of app/routes.ts that has a loader, and every portal page (its
 * portal's layout loader answers for it), requested from the
 * PRODUCTION server (node server/index.js on the existing build/) as every distinct demo account and
 * as nobody, for the two demo orgs of each portal kind. The expectations are those of the in-process
 * test (tests/integration/access-matrix.test.ts), from tests/support/access-matrix.ts:
 *
 *   DATABASE_URL=postgres://postgres:postgres@localhost:5432/portal_http npx tsx tests/http/access-matrix.ts
 *
 * DATABASE_URL is WIPED: `npm run db:reset` loads the Ruyuan demo into it. Needs a production build
 * (npm run build). Steps:
 *
 * 1. db:reset, then the server on a free loopback port (NODE_ENV=production, a random SESSION_SECRET
 *    unless one is set, APP_ORIGIN = that origin); waits for GET /healthz 200.
 * 2. Signs each demo account in once over HTTP (POST /login with an Origin header: the CSRF check)
 *    and keeps its session cookie (sign-in is rate-limited per account and per IP).
 * 3. GETs every (route, account, org) cell with redirect: 'manual', a few at a time, and checks:
 *    - the status; an anonymous portal page redirects to exactly /login?redirectTo=<the page>;
 *    - a 200 HTML/JSON/text body (the full page: rendered markup and serialized loader data) names
 *      no org outside the portal org's scope, by id or by name (raw, HTML- or JSON-escaped);
 *    - the security headers (CSP with a nonce that the page's scripts carry, X-Frame-Options or
 *      frame-ancestors, Referrer-Policy, X-Content-Type-Options nosniff) on every response;
 *    - no answer shows internals (stack frames, node_modules, SQL or driver text);
 *    and, after all cells, that the server logged no missing translation (a page showing a key).
 * 4. POSTs each action's valid body (and the bodies of MATRIX_BODIES: the password reset of the user
 *    pages), one at a time, as every account the permission matrix refuses and
 *    as nobody (tests/support/action-targets.ts, as tests/integration/fuzz-actions.test.ts does in
 *    process), and checks the refusal's status, that nothing was written, the security headers and
 *    that no internals show; and that one post a signed-in user may make reaches the action (400 with
 *    the field errors in Chinese for an empty form).
 * 5. Posts one heavy workbook eight times at once as one village secretary (./import-slots.ts): one is
 *    read at a time and one more waits, the others get the translated 429, and the server's memory
 *    stays bounded.
 * 6. Prints "access matrix over HTTP: N cells checked, M failures", the failures, and exits 1 on any.
 *
 * The server's output goes to $TMPDIR/portal-http-matrix-<pid>.log (printed when it fails to start).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kysely } from 'kysely'
import { createPostgresBackend } from '../../app/lib/db-backend.server'
import type { Database } from '../../app/lib/db-types'
import { MISSING_TRANSLATION } from '../../app/lib/i18n'
import { DEMO_PASSWORD } from '../../app/lib/seed.server'
import { ACCOUNTS, ANONYMOUS, forms, loadMatrix, PLAIN, PLAIN_PARAMS, targetOrgs, type AccessMatrix, type Expected } from '../support/access-matrix'
import { ACTION_TARGETS, actionParams, CURRENT_REVISION, ids as actionIds, loadActionIds, matrixCases, refusalCells, writeFingerprint } from '../support/action-targets'
import { fillPattern, listRoutes, type RouteEntry } from '../support/routes'
import { startProductionServer, waitFor200, type ProductionServer } from '../support/production-server'
import { BODY_LIMITS } from '../../server/security.js'
import { checkImportSlots } from './import-slots'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CONCURRENCY = Number(process.env.HTTP_MATRIX_CONCURRENCY ?? 4)
const REQUEST_TIMEOUT_MS = 30_000
const READY_TIMEOUT_MS = 90_000
const START_TRIES = 3

const log = (line: string) => console.log(`[http-matrix] ${line}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Whether the route module exports a loader (read from its source: no Vite here). */
function hasLoader(entry: RouteEntry): boolean {
  const source = fs.readFileSync(path.join(root, 'app', entry.file), 'utf8')
  return /export\s+(async\s+)?function\s+loader\b|export\s+(const|let)\s+loader\b|export\s*\{[^}]*\bloader\b[^}]*\}/.test(source)
}

// --- the server ------------------------------------------------------------------------------------

type Running = ProductionServer

async function startServer(databaseUrl: string): Promise<Running> {
  // one process: the matrix is about answers, not throughput
  return startProductionServer({
    env: { DATABASE_URL: databaseUrl, CLUSTER_WORKERS: undefined, WEB_CONCURRENCY: undefined },
    output: path.join(os.tmpdir(), `portal-http-matrix-${process.pid}.log`),
  })
}

async function waitReady(server: Running): Promise<boolean> {
  try {
    await waitFor200(`${server.origin}/healthz`, READY_TIMEOUT_MS, server, 250)
    return true
  } catch {
    return false
  }
}

/** Starts the server; retries when it dies at start (another engineer may be rebuilding build/). */
async function startReady(databaseUrl: string): Promise<Running> {
  for (let attempt = 1; ; attempt++) {
    if (!fs.existsSync(path.join(root, 'build/server/index.js'))) {
      if (attempt >= START_TRIES) throw new Error('build/server/index.js is missing: run `npm run build` first')
      log('build/server/index.js is missing (a rebuild in progress?): waiting')
      await sleep(15_000)
      continue
    }
    const server = await startServer(databaseUrl)
    if (await waitReady(server)) return server
    await server.stop()
    const output = server.tail(80)
    if (attempt >= START_TRIES) throw new Error(`the server did not answer GET /healthz with 200 within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)
    log(`the server did not come up (try ${attempt}); retrying in 15 s. Its output:\n${output}`)
    await sleep(15_000)
  }
}

// --- requests --------------------------------------------------------------------------------------

interface Answer {
  status: number
  location: string | null
  type: string
  headers: Headers
  body: string
}

async function get(origin: string, pathname: string, cookie: string | null): Promise<Answer> {
  const headers: Record<string, string> = { 'accept-language': 'zh-CN', accept: 'text/html,application/json;q=0.9,*/*;q=0.8' }
  if (cookie) headers.cookie = cookie
  const res = await fetch(origin + pathname, { headers, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  const type = res.headers.get('content-type') ?? ''
  const textual = /html|json|text|javascript|xml/.test(type)
  const body = textual ? await res.text() : (await res.arrayBuffer(), '')
  return { status: res.status, location: res.headers.get('location'), type, headers: res.headers, body }
}

/** A form POST as a browser on the page's own origin sends it (the CSRF check passes). */
async function post(origin: string, pathname: string, cookie: string | null, body: [string, string][]): Promise<Answer> {
  const headers: Record<string, string> = { origin, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' }
  if (cookie) headers.cookie = cookie
  const res = await fetch(origin + pathname, { method: 'POST', headers, body: new URLSearchParams(body).toString(), redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  const type = res.headers.get('content-type') ?? ''
  const text = /html|json|text|javascript|xml/.test(type) ? await res.text() : (await res.arrayBuffer(), '')
  return { status: res.status, location: res.headers.get('location'), type, headers: res.headers, body: text }
}

async function signIn(origin: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '' }).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  await res.arrayBuffer()
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!)
  if (res.status !== 302 || !cookies.some((c) => c.startsWith('__session='))) {
    throw new Error(`sign-in of ${email} over HTTP failed: ${res.status}, cookies ${cookies.map((c) => c.split('=')[0]).join(', ') || 'none'}`)
  }
  return cookies.join('; ')
}

// --- checks ----------------------------------------------------------------------------------------

/** What an answer must never show: stack frames, module paths, SQL or driver messages. */
const INTERNALS: [string, RegExp][] = [
  ['a stack frame', /\bat (async )?[\w$.<>[\] ]+ \((file:\/\/|\/|node:)[^)]*:\d+:\d+\)|\n\s+at [^\n]*:\d+:\d+/],
  ['node_modules', /node_modules/],
  ['SQL text', /\b(select|insert into|update|delete from)\b[^<>\n]{0,200}\b(from|set|values|where)\b[^<>\n]{0,80}\b(public|private|auth)\.\w+/i],
  ['a Postgres error', /syntax error at or near|violates (foreign key|unique|check|not-null) constraint|duplicate key value|relation "[^"]+" does not exist|permission denied for (table|schema|relation)|ECONNREFUSED/],
]

function securityProblems(answer: Answer): string[] {
  const problems: string[] = []
  const csp = answer.headers.get('content-security-policy') ?? ''
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1]
  if (!nonce) problems.push(`no Content-Security-Policy with a nonce (${csp || 'none'})`)
  if (!/frame-ancestors\s+'none'/.test(csp) && !/^(DENY|SAMEORIGIN)$/i.test(answer.headers.get('x-frame-options') ?? '')) {
    problems.push('neither X-Frame-Options nor frame-ancestors')
  }
  if (!answer.headers.get('referrer-policy')) problems.push('no Referrer-Policy')
  const nosniff = answer.headers.get('x-content-type-options')
  if (nosniff !== 'nosniff') problems.push(`X-Content-Type-Options is not exactly nosniff (${nosniff ?? 'none'})`)
  if (nonce && answer.type.includes('html')) {
    const scripts = [...answer.body.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])
    const bad = scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))
    if (bad.length) problems.push(`${bad.length} of ${scripts.length} <script> tags lack the response's nonce: ${bad[0]!.slice(0, 120)}`)
    // the CSP allows no inline styles: a style attribute or element would be blocked in the browser
    const inline = /<[a-z][^>]*\sstyle=|<style\b/i.exec(answer.body)
    if (inline) problems.push(`inline style, which the CSP blocks: ${answer.body.slice(inline.index, inline.index + 100)}`)
  }
  return problems
}

function internalsShown(answer: Answer): string[] {
  return INTERNALS.filter(([, pattern]) => pattern.test(answer.body)).map(([what, pattern]) => {
    const at = answer.body.search(pattern)
    return `${what}: …${answer.body.slice(Math.max(0, at - 40), at + 120).replace(/\s+/g, ' ')}…`
  })
}

// --- the run ---------------------------------------------------------------------------------------

interface Cell {
  entry: RouteEntry
  email: string
  path: string
  expected: Expected
  /** Portal cells: the org whose scope bounds what a 200 may show. */
  scope?: { portal: NonNullable<RouteEntry['portal']>; orgId: string }
  /** Plain anonymous cells: a redirect to /login must keep the page. */
  keepsPage?: boolean
}

async function buildCells(matrix: AccessMatrix, entries: RouteEntry[]): Promise<Cell[]> {
  const cells: Cell[] = []
  const emails = [...ACCOUNTS, ANONYMOUS]
  for (const entry of entries.filter((e) => e.portal)) {
    for (const [portal, orgId] of targetOrgs().filter(([p]) => p === entry.portal)) {
      const path = fillPattern(entry.pattern, matrix.paramsFor(portal, orgId).params)
      for (const email of emails) {
        cells.push({ entry, email, path, expected: matrix.expectedFor(entry, email, orgId, await matrix.visibleTo(email)), scope: { portal, orgId } })
      }
    }
  }
  // plain routes last, in case one of them changes the session (none should on GET)
  for (const entry of entries.filter((e) => !e.portal)) {
    const statuses = PLAIN[entry.id]
    if (!statuses) continue
    for (const email of emails) {
      cells.push({ entry, email, path: fillPattern(entry.pattern, PLAIN_PARAMS[entry.id] ?? {}), expected: { status: email === ANONYMOUS ? statuses[1] : statuses[0] }, keepsPage: email === ANONYMOUS && entry.id !== 'routes/index' })
    }
  }
  return cells
}

/** Portals whose 200 pages showed their own org's name: proof that the name check sees the page. */
const ownNameSeen = new Set<string>()

async function check(matrix: AccessMatrix, origin: string, cookies: Map<string, string>, cell: Cell): Promise<string[]> {
  const what = `GET ${cell.path} as ${cell.email}`
  let answer: Answer
  try {
    answer = await get(origin, cell.path, cookies.get(cell.email) ?? null)
  } catch (err) {
    return [`${what}: no answer (${err instanceof Error ? err.message : String(err)})`]
  }
  const failures: string[] = []
  if (answer.status !== cell.expected.status) {
    failures.push(`${what}: expected ${cell.expected.status}, got ${answer.status}${answer.location ? ` → ${answer.location}` : ''}`)
  } else if (cell.expected.location && answer.location !== cell.expected.location) {
    failures.push(`${what}: expected a redirect to ${cell.expected.location}, got ${answer.location}`)
  }
  if (cell.keepsPage && answer.location?.startsWith('/login?') && !answer.location.includes('redirectTo=')) {
    failures.push(`${what}: the sign-in redirect forgets the page (${answer.location})`)
  }
  // a download link must get the file: a page rendered in its place is a 200 too (the household export
  // and the import templates once answered with their page, or a 500, to a browser's GET)
  if (answer.status === 200 && cell.entry.pattern.endsWith('.xlsx')) {
    if (!answer.type.includes('spreadsheetml')) failures.push(`${what}: a download answered ${answer.type}, not a spreadsheet`)
    if (!/^attachment/.test(answer.headers.get('content-disposition') ?? '')) failures.push(`${what}: a download without Content-Disposition: attachment`)
  }
  // the registers' CSV exports: UTF-8 text as an attachment (its rows then pass the same scope check as a page)
  if (answer.status === 200 && cell.entry.pattern.endsWith('.csv')) {
    if (answer.type !== 'text/csv; charset=utf-8') failures.push(`${what}: a CSV download answered ${answer.type}, not text/csv; charset=utf-8`)
    if (!/^attachment/.test(answer.headers.get('content-disposition') ?? '')) failures.push(`${what}: a download without Content-Disposition: attachment`)
  }
  if (answer.status === 200 && cell.scope && answer.body) {
    const leaks = matrix.leaksIn(answer.body, await matrix.forbiddenFor(cell.scope.portal, cell.scope.orgId), { html: true })
    const own = matrix.orgs.find((o) => o.id === cell.scope!.orgId)
    if (own && forms(own.name).some((f) => answer.body.includes(f))) ownNameSeen.add(cell.scope.portal)
    if (leaks.length) failures.push(`${what}: shows orgs outside its scope: ${leaks.slice(0, 5).join(', ')}${leaks.length > 5 ? ` (+${leaks.length - 5})` : ''}`)
  }
  for (const problem of securityProblems(answer)) failures.push(`${what}: ${problem}`)
  for (const shown of internalsShown(answer)) failures.push(`${what}: shows internals, ${shown}`)
  return failures
}

/**
 * "Who may post where", over HTTP: each action's valid body posted, one at a time, as every account the
 * permission matrix refuses and as nobody, to both demo orgs of its portal kind (refusalCells, as the
 * in-process test does). Each post must get its refusal, write nothing (the audit log, users, active
 * profiles and roles stay the same), carry the security headers and show no internals.
 */
async function checkActions(db: Kysely<Database>, matrix: AccessMatrix, origin: string, cookies: Map<string, string>): Promise<{ posted: number; failures: string[] }> {
  await loadActionIds(db)
  const entries = listRoutes()
  const failures: string[] = []
  let posted = 0
  for (const { id, label, body: validBody, need } of matrixCases()) {
    const entry = entries.find((e) => e.id === id)
    if (!entry) {
      failures.push(`action target ${id} is no route of app/routes.ts`)
      continue
    }
    const target = ACTION_TARGETS[id]!
    for (const cell of (await refusalCells(db, matrix, entry, need)).refused) {
      await target.prepare?.(db)
      const body = validBody().map(([k, v]): [string, string] => [k, v === CURRENT_REVISION ? actionIds.revision : v])
      const pathname = fillPattern(entry.pattern, cell.params)
      const what = `POST ${pathname} (${label}) as ${cell.account}`
      const before = await writeFingerprint(db)
      let answer: Answer
      try {
        answer = await post(origin, pathname, cookies.get(cell.account) ?? null, body)
      } catch (err) {
        failures.push(`${what}: no answer (${err instanceof Error ? err.message : String(err)})`)
        continue
      }
      const after = await writeFingerprint(db)
      posted++
      if (!cell.expected.includes(answer.status)) failures.push(`${what}: answered ${answer.status}, expected ${cell.expected.join(' or ')}`)
      if (answer.status === 302 && !answer.location?.startsWith('/login')) failures.push(`${what}: redirected to ${answer.location}, not to the sign-in page`)
      // nobody signed in: the sign-in that carries the form (components/session-ended.tsx), not a bare error
      if (answer.status === 401 && !(answer.body.includes('name="resume"') && answer.body.includes('action="/login"'))) failures.push(`${what}: a 401 without the sign-in that carries the form`)
      if (after !== before) failures.push(`${what}: wrote something (${before} → ${after})`)
      for (const problem of securityProblems(answer)) failures.push(`${what}: ${problem}`)
      for (const shown of internalsShown(answer)) failures.push(`${what}: shows internals, ${shown}`)
    }
  }
  // and one post the action takes: without it, a CSRF check refusing every post could pass as refusals
  const control = entries.find((e) => e.id === 'village-activities-new')!
  const poster = ACTION_TARGETS[control.id]!
  const pathname = fillPattern(control.pattern, await actionParams(db, control, poster.orgCode!))
  const answer = await post(origin, pathname, cookies.get(poster.email!) ?? null, [['title', '']])
  if (answer.status !== 400 || !/[\u3400-\u9fff]/.test(answer.body)) {
    failures.push(`POST ${pathname} as ${poster.email} with an empty form: expected 400 with the field errors in Chinese, got ${answer.status}`)
  }
  failures.push(...(await checkBodyCaps(db, entries, origin, cookies)))
  if (posted === 0) failures.push('no refused post was checked')
  return { posted, failures }
}

/** The households import of the demo village its targets name, and who posts there. */
async function importTarget(db: Kysely<Database>, entries: RouteEntry[]) {
  const importEntry = entries.find((e) => e.id === 'village-households-import')!
  const importer = ACTION_TARGETS[importEntry.id]!
  return { importPath: fillPattern(importEntry.pattern, await actionParams(db, importEntry, importer.orgCode!)), importer }
}

/**
 * The server's cap on request bodies (server/security.js) against the real app: a spreadsheet above the
 * import's own 2 MB still reaches the import and gets its translated error; a form above the cap is
 * refused before any action reads it, with nothing written.
 */
async function checkBodyCaps(db: Kysely<Database>, entries: RouteEntry[], origin: string, cookies: Map<string, string>): Promise<string[]> {
  const failures: string[] = []
  const { importPath, importer } = await importTarget(db, entries)
  const form = new FormData()
  form.set('intent', 'preview')
  form.set('file', new Blob([new Uint8Array(3 * 1024 * 1024)]), 'households.xlsx')
  const before = await writeFingerprint(db)
  const noAnswer = (what: string, err: unknown) =>
    `${what}: no answer (${err instanceof Error ? `${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}` : String(err)})`
  try {
    const sheet = await fetch(origin + importPath, {
      method: 'POST',
      headers: { origin, cookie: cookies.get(importer.email!) ?? '', 'accept-language': 'zh-CN' },
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    const sheetText = await sheet.text()
    if (sheet.status !== 400 || !sheetText.includes('文件超过 2 MB')) {
      failures.push(`POST ${importPath} with a 3 MB spreadsheet: expected the import's own 400 "文件超过 2 MB", got ${sheet.status}`)
    }
  } catch (err) {
    failures.push(noAnswer(`POST ${importPath} with a 3 MB spreadsheet`, err))
  }
  const control = entries.find((e) => e.id === 'village-activities-new')!
  const poster = ACTION_TARGETS[control.id]!
  const pathname = fillPattern(control.pattern, await actionParams(db, control, poster.orgCode!))
  try {
    const huge = await post(origin, pathname, cookies.get(poster.email!) ?? null, [['title', 'x'.repeat(BODY_LIMITS.form)]])
    if (huge.status !== 413 || !huge.body.includes('提交的内容超过')) {
      failures.push(`POST ${pathname} with a form above the cap: expected 413 with the bilingual notice, got ${huge.status}`)
    }
    for (const problem of securityProblems(huge)) failures.push(`POST ${pathname} with a form above the cap: ${problem}`)
  } catch (err) {
    failures.push(noAnswer(`POST ${pathname} with a form above the cap`, err))
  }
  const after = await writeFingerprint(db)
  if (after !== before) failures.push(`the posts above the caps wrote something (${before} → ${after})`)
  return failures
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    console.error('[http-matrix] set DATABASE_URL to a Postgres database this test may wipe (it runs npm run db:reset on it)')
    process.exit(2)
  }
  if (!fs.existsSync(path.join(root, 'build/server/index.js'))) {
    console.error('[http-matrix] FAILED: build/server/index.js is missing: run `npm run build` first')
    process.exit(2)
  }
  const started = Date.now()
  log(`database ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}: npm run db:reset`)
  const reset = spawnSync('npm', ['run', '--silent', 'db:reset'], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' }, encoding: 'utf8' })
  if (reset.status !== 0) throw new Error(`db:reset failed:\n${reset.stderr || reset.stdout}`)

  const db = new Kysely<Database>({ dialect: createPostgresBackend(databaseUrl, 2).dialect })
  let server: Running | undefined
  try {
    const matrix = await loadMatrix(db)
    // a portal page without a loader of its own (the portal floor) is answered by its portal's layout loader
    const entries = listRoutes().filter((e) => e.portal || hasLoader(e))
    const uncovered = entries.filter((e) => !e.portal && !(e.id in PLAIN)).map((e) => e.id)
    const cells = await buildCells(matrix, entries)

    server = await startReady(databaseUrl)
    log(`server up on ${server.origin} (log: ${server.logFile})`)
    const cookies = new Map<string, string>()
    for (const email of ACCOUNTS) cookies.set(email, await signIn(server.origin, email))
    log(`${cookies.size} accounts signed in; ${cells.length} cells over ${entries.length} routes, ${CONCURRENCY} at a time`)

    const failures: string[] = uncovered.map((id) => `route ${id} has a loader but no expectation (add it to PLAIN in tests/support/access-matrix.ts)`)
    let next = 0
    let done = 0
    const origin = server.origin
    const worker = async () => {
      while (next < cells.length) {
        const cell = cells[next++]!
        failures.push(...(await check(matrix, origin, cookies, cell)))
        if (++done % 250 === 0) log(`${done}/${cells.length}`)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    // the posts one at a time: each compares what the database holds before and after it
    const actions = await checkActions(db, matrix, origin, cookies)
    failures.push(...actions.failures)
    log(`${actions.posted} refused posts checked`)
    const { importPath, importer } = await importTarget(db, entries)
    failures.push(...(await checkImportSlots({ origin, pid: server.child.pid!, cookie: cookies.get(importer.email!) ?? '', importPath })))
    if (server.exited()) failures.push('the server exited during the run')
    // a text missing in a language shows its key to the user: the server logs each one (lib/i18n.ts)
    const serverLog = server.logFile && fs.existsSync(server.logFile) ? fs.readFileSync(server.logFile, 'utf8') : ''
    for (const line of serverLog.split('\n').filter((l) => l.includes(MISSING_TRANSLATION))) failures.push(`a page shows an untranslated key: ${line.trim()}`)
    for (const portal of new Set(cells.flatMap((c) => (c.scope && c.expected.status === 200 ? [c.scope.portal] : [])))) {
      if (!ownNameSeen.has(portal)) failures.push(`no 200 page of the ${portal} portal showed its own org's name: the leak check cannot see the pages`)
    }

    console.log(`access matrix over HTTP: ${done} cells and ${actions.posted} posts checked, ${failures.length} failures (${Math.round((Date.now() - started) / 1000)} s)`)
    for (const f of failures) console.log(`  ${f}`)
    return failures.length ? 1 : 0
  } finally {
    await server?.stop()
    await db.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[http-matrix] FAILED: ${err instanceof Error ? err.message : String(err)}`, err instanceof Error ? err.cause ?? err.stack : "")
    process.exit(1)
  },
)
