/**
 * Fault test: Postgres goes away while village secretaries submit monthly reports.
 *
 *   npm run test:fault            (needs a production build: npm run build)
 *
 * 1. Starts a throwaway Postgres 15 server of its own (Debian's initdb/pg_ctl, a temp directory,
 *    127.0.0.1 on a free port, trust auth), so restarting it disturbs nobody else's database.
 *    FAULT_DATABASE_URL=postgres://… with FAULT_PG_CLUSTER=15/main uses that database and restarts the
 *    Debian cluster with pg_ctlcluster instead (CI-style; the database is reset with npm run db:reset).
 * 2. `npm run db:reset` on it (the Ruyuan demo), then the production server (`server/index.js`, what
 *    `npm start` runs) against it.
 * 3. Signs in the secretaries of two villages and, per village, starts and submits the reports of
 *    January to July 2026 in a loop (start, read the form's revision, submit with last August's values),
 *    retrying a failed step like a user would, a bounded number of times. Meanwhile a support unit's
 *    liaison keeps visit diaries for its paired village, one after another, retrying each likewise.
 * 4. After the first submissions, stops Postgres for OUTAGE_MS, then starts it again.
 * 5. Asserts: no request hangs (every answer within REQUEST_TIMEOUT_MS); during the outage the answers
 *    are 503 with the translated "service unavailable" page and no internals, a posted form's 503 with
 *    the form to post again (ADR 0012); the app serves the
 *    report page again within 5 s of Postgres accepting connections; afterwards every report exists once,
 *    each submission that returned success is 'submitted' with exactly one 'submitted' transition, and
 *    no report is half-written (state, timestamps, history and values agree); every visit diary was
 *    saved and exists exactly once, however many times it was sent.
 * 6. Then an action fails unexpectedly (a trigger makes a visit diary's insert fail as a bug would): its
 *    500, to a page and to a data request, carries the form without showing internals, and the form taken
 *    from the 500 page saves the diary once the trigger is gone (lib/action.server.ts).
 *
 * Needs root or the postgres OS user (the server runs as postgres). Loopback only; stops by itself.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort } from '../support/free-port'
import { startProductionServer, type ProductionServer } from '../support/production-server'

const PG_BIN = '/usr/lib/postgresql/15/bin'
const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 3000)
const REQUEST_TIMEOUT_MS = 10_000
const RECOVERY_LIMIT_MS = 5000
const SECRETARIES = ['yunmen.secretary@ruyuan.demo', 'daliaokeng.secretary@ruyuan.demo']
const PASSWORD = 'Ruyuan#2026'
const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']
const MAX_TRIES = 40
/** The support unit's liaison who keeps visit diaries meanwhile: at least MIN_VISITS, and on until Postgres is back. */
const LIAISON = 'unit.liaison@ruyuan.demo'
const MIN_VISITS = 8
const MAX_VISITS = 60
const ERRORS_ZH = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../locales/zh-CN/common.json'), 'utf8')) as { errors: Record<'unavailable' | 'unexpected', { title: string; retry: string }> }).errors
const COMMON_ZH = ERRORS_ZH.unavailable
/** The 500 page of an action that failed, and its button that posts the form again (errors.unexpected). */
const FAILED_ZH = ERRORS_ZH.unexpected
/** The title of the 503 page in Chinese (locales/zh-CN/common.json errors.unavailable.title). */
const UNAVAILABLE_ZH = COMMON_ZH.title
/** Its button that posts a form again (errors.unavailable.retry): a form posted during the outage comes back with it. */
const RETRY_ZH = COMMON_ZH.retry

/**
 * What an error page must not show: the driver's or the socket's own messages (those the server turns into
 * its 503, lib/security.server.ts) and stack frames. Named messages only: a loose pattern such as
 * `\bpg\b.*Error` also matched a page whose random CSP nonce held "+pg/" before the serialized
 * `RouteErrorResponse` on the same line (about one 503 page in 7,600).
 */
const INTERNALS = /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|\bat (Object\.|async )|node_modules|\/pg(-pool|-protocol)?\/lib\//
for (const leak of ['connect ECONNREFUSED 127.0.0.1:5432', 'error: terminating connection due to administrator command', 'Error: Connection terminated unexpectedly', 'at Object.query (/app/node_modules/pg/lib/client.js:1:1)', 'at async withUser (/app/build/server/index.js:9:9)']) {
  if (!INTERNALS.test(leak)) throw new Error(`the internals pattern misses: ${leak}`)
}
if (INTERNALS.test('<script nonce="k+pg/Xw9AbCdEfGhIjKlMnA==">window.__remixContext = {"errors":{"root":{"__type":"RouteErrorResponse"}}}</script>')) throw new Error('the internals pattern matches a nonce')

const log = (line: string) => console.log(`[fault] ${line}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const isRoot = process.getuid?.() === 0

function asPostgres(cmd: string, args: string[]) {
  const [c, a] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]
  const r = spawnSync(c, a, { cwd: '/', encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`)
  return r.stdout
}

/** The Postgres under test: how to reach it, stop it, start it and throw it away. */
type Server = { url: string; stop(): void; start(): void; dispose(): void }

async function ownServer(): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-fault-pg-'))
  fs.chmodSync(dir, 0o777)
  const data = path.join(dir, 'data')
  const port = await freePort()
  if (isRoot) spawnSync('chown', ['postgres:postgres', dir])
  asPostgres(`${PG_BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`
  const start = () => asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'])
  start()
  const base = `postgres://postgres@127.0.0.1:${port}`
  const c = new pg.Client({ connectionString: `${base}/postgres` })
  await c.connect()
  await c.query('create database portal_fault')
  await c.end()
  return {
    url: `${base}/portal_fault`,
    stop: () => asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']),
    start,
    dispose: () => {
      try {
        asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } catch {
        /* already stopped */
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

function clusterServer(url: string, cluster: string): Server {
  const [version, name] = cluster.split('/')
  const ctl = (action: string) => {
    const r = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version!, name!, action], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`pg_ctlcluster ${action} failed: ${r.stderr}`)
  }
  return { url, stop: () => ctl('stop'), start: () => ctl('start'), dispose: () => undefined }
}

async function waitForPostgres(url: string, limitMs: number) {
  const until = Date.now() + limitMs
  for (;;) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 })
    try {
      await c.connect()
      await c.query('select 1')
      await c.end()
      return
    } catch (err) {
      await c.end().catch(() => undefined)
      if (Date.now() > until) throw err
      await sleep(100)
    }
  }
}

type Outcome = { status: number | 'timeout' | 'error'; location?: string; body?: string; at: number }

class App {
  constructor(readonly origin: string) {}
  async request(pathname: string, init: { method?: string; cookie?: string; form?: Record<string, string> } = {}): Promise<Outcome> {
    const headers: Record<string, string> = { origin: this.origin, 'accept-language': 'en' }
    if (init.cookie) headers.cookie = init.cookie
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded'
    try {
      const res = await fetch(this.origin + pathname, {
        method: init.method ?? 'GET',
        headers,
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      const body = await res.text()
      return { status: res.status, location: res.headers.get('location') ?? undefined, body, at: Date.now(), ...cookieOf(res) }
    } catch (err) {
      const name = err instanceof Error ? err.name : ''
      return { status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'error', at: Date.now() }
    }
  }
}

function cookieOf(res: Response): { cookie?: string } {
  const set = res.headers.getSetCookie?.() ?? []
  const session = set.map((c) => c.split(';')[0]!).filter((c) => c.startsWith('__session='))
  return session.length ? { cookie: session.join('; ') } : {}
}

async function main() {
  if (!fs.existsSync('build/server/index.js')) throw new Error('no production build: run npm run build first')
  const cluster = process.env.FAULT_PG_CLUSTER
  const server = cluster ? clusterServer(process.env.FAULT_DATABASE_URL ?? '', cluster) : await ownServer()
  if (cluster && !process.env.FAULT_DATABASE_URL) throw new Error('FAULT_PG_CLUSTER needs FAULT_DATABASE_URL')
  let app: ProductionServer | undefined
  const events: { phase: 'before' | 'outage' | 'after'; step: string; outcome: Outcome }[] = []
  try {
    log(`database ${server.url.replace(/:[^:@/]*@/, ':***@')}: npm run db:reset`)
    const reset = spawnSync('npm', ['run', '--silent', 'db:reset'], { env: { ...process.env, DATABASE_URL: server.url, NODE_ENV: 'development' }, encoding: 'utf8' })
    if (reset.status !== 0) throw new Error(`db:reset failed: ${reset.stderr}`)

    const db = new pg.Pool({ connectionString: server.url, max: 2 })
    db.on('error', () => undefined)
    const { rows: villages } = await db.query<{ email: string; org_id: string; values: Record<string, unknown> }>(
      `select p.email, m.org_id, r.values
         from public.profiles p
         join public.memberships m on m.user_id = p.user_id and m.role = 'village_secretary' and m.revoked_at is null
         join public.monthly_reports r on r.village_id = m.org_id and r.period = date '2026-08-01'
        where p.email = any($1)`,
      [SECRETARIES],
    )
    if (villages.length !== SECRETARIES.length) throw new Error(`expected ${SECRETARIES.length} village secretaries with an August report`)
    const { rows: pairings } = await db.query<{ unit_id: string; village_id: string }>(
      `select m.org_id as unit_id, pr.village_id
         from public.profiles p
         join public.memberships m on m.user_id = p.user_id and m.role = 'unit_liaison' and m.revoked_at is null
         join public.pairings pr on pr.unit_id = m.org_id
          and pr.starts_on <= (now() at time zone 'Asia/Shanghai')::date
          and (pr.ends_on is null or pr.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
        where p.email = $1
        order by pr.village_id limit 1`,
      [LIAISON],
    )
    if (pairings.length !== 1) throw new Error(`expected ${LIAISON} to have an active pairing`)
    const pairing = pairings[0]!
    await db.end()

    app = await startProductionServer({ env: { DATABASE_URL: server.url }, output: path.join(os.tmpdir(), `portal-fault-server-${process.pid}.log`) })
    const client = new App(app.origin)
    const bootUntil = Date.now() + 30_000
    while ((await client.request('/login')).status !== 200) {
      if (Date.now() > bootUntil) throw new Error('the server did not answer /login with 200 within 30 s')
      await sleep(200)
    }
    log(`server up on ${client.origin}`)

    let phase: 'before' | 'outage' | 'after' = 'before'
    let submittedBeforeOutage = 0
    const succeeded = new Set<string>()

    async function village(v: (typeof villages)[number]) {
      const login = await client.request('/login', { method: 'POST', form: { email: v.email, password: PASSWORD, redirectTo: '' } })
      if (login.status !== 302 || !('cookie' in login)) throw new Error(`sign-in of ${v.email} failed: ${login.status}`)
      const cookie = (login as Outcome & { cookie: string }).cookie
      const form: Record<string, string> = {}
      for (const [k, val] of Object.entries(v.values ?? {})) if (val !== null && val !== undefined) form[`values.${k}`] = String(val)
      for (const period of PERIODS) {
        const url = `/village/${v.org_id}/reports/${period}`
        let done = false
        for (let attempt = 0; attempt < MAX_TRIES && !done; attempt++) {
          const page = await client.request(url, { cookie })
          events.push({ phase, step: 'form', outcome: page })
          if (page.status !== 200) {
            await sleep(150)
            continue
          }
          const revision = /name="revision" value="(\d+)"/.exec(page.body ?? '')?.[1]
          if (!revision) {
            if (/value="submitted"|state--submitted/.test(page.body ?? '') && !/name="intent" value="start"/.test(page.body ?? '')) {
              done = true // already submitted by an earlier attempt whose answer was lost
              break
            }
            const start = await client.request(url, { method: 'POST', cookie, form: { intent: 'start' } })
            events.push({ phase, step: 'start', outcome: start })
            continue
          }
          const submit = await client.request(url, { method: 'POST', cookie, form: { intent: 'submit', revision, ...form } })
          events.push({ phase, step: 'submit', outcome: submit })
          if (submit.status === 302 && /done=(submitted|already)/.test(submit.location ?? '')) {
            succeeded.add(`${v.org_id}/${period}-01`)
            if (phase === 'before') submittedBeforeOutage++
            done = true
          } else if (submit.status === 400) {
            throw new Error(`submit of ${url} refused as invalid: ${submit.body?.slice(0, 300)}`)
          } else {
            await sleep(150)
          }
        }
      }
    }

    // The liaison of a support unit keeps visit diaries (走访日记) for its paired village across the outage,
    // retrying like a user would; the form's double-submit guard must turn a retry whose first answer was
    // lost into "duplicate", never into a second diary.
    const visitNotes: string[] = []
    const visitsSaved = new Set<string>()
    async function liaison() {
      const login = await client.request('/login', { method: 'POST', form: { email: LIAISON, password: PASSWORD, redirectTo: '' } })
      if (login.status !== 302 || !('cookie' in login)) throw new Error(`sign-in of ${LIAISON} failed: ${login.status}`)
      const cookie = (login as Outcome & { cookie: string }).cookie
      const url = `/unit/${pairing.unit_id}/visits/new`
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
      for (let i = 0; i < MAX_VISITS && (i < MIN_VISITS || phase !== 'after'); i++) {
        const notes = `故障测试走访 ${i + 1}：了解春耕用工需求`
        visitNotes.push(notes)
        for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
          const save = await client.request(url, { method: 'POST', cookie, form: { villageId: pairing.village_id, visitedOn: today, peopleMet: '2', notes } })
          events.push({ phase, step: 'visit', outcome: save })
          if (save.status === 302 && /[?&](saved|duplicate)=1/.test(save.location ?? '')) {
            visitsSaved.add(notes)
            break
          }
          if (save.status === 400) throw new Error(`visit refused as invalid: ${save.body?.slice(0, 300)}`)
          await sleep(150)
        }
        await sleep(100)
      }
    }

    async function fault() {
      while (submittedBeforeOutage < 2) await sleep(50)
      log('stopping Postgres')
      phase = 'outage'
      const stoppedAt = Date.now()
      server.stop()
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)))
      log('starting Postgres')
      server.start()
      await waitForPostgres(server.url, 30_000)
      const backAt = Date.now()
      phase = 'after'
      return backAt
    }

    const faultDone = fault()
    const loops = Promise.all([...villages.map(village), liaison()])
    const backAt = await faultDone
    // recovery: the first 200 on a database-backed page after Postgres is back
    const probeLogin = await client.request('/login', { method: 'POST', form: { email: villages[0]!.email, password: PASSWORD, redirectTo: '' } })
    const probeCookie = (probeLogin as Outcome & { cookie?: string }).cookie
    let recoveredAt = 0
    while (Date.now() - backAt < RECOVERY_LIMIT_MS + 5000) {
      const r = await client.request(`/village/${villages[0]!.org_id}/reports`, { cookie: probeCookie })
      if (r.status === 200) {
        recoveredAt = r.at
        break
      }
      await sleep(100)
    }
    await loops

    // --- assertions
    const problems: string[] = []
    const warnings: string[] = []
    const hung = events.filter((e) => e.outcome.status === 'timeout')
    if (hung.length) problems.push(`${hung.length} request(s) hung beyond ${REQUEST_TIMEOUT_MS} ms`)
    const connectionErrors = events.filter((e) => e.outcome.status === 'error')
    if (connectionErrors.length) problems.push(`${connectionErrors.length} request(s) got no HTTP answer`)
    const outage = events.filter((e) => e.phase === 'outage')
    const outageStatuses = new Map<string, number>()
    for (const e of outage) outageStatuses.set(String(e.outcome.status), (outageStatuses.get(String(e.outcome.status)) ?? 0) + 1)
    log(`during the outage: ${outage.length} answers, by status ${JSON.stringify(Object.fromEntries(outageStatuses))}`)
    const failedDuringOutage = outage.filter((e) => typeof e.outcome.status === 'number' && e.outcome.status >= 500)
    const bad = failedDuringOutage.filter((e) => e.outcome.status !== 503)
    if (bad.length) problems.push(`unexpected statuses during the outage (503 expected): ${bad.map((e) => e.outcome.status).join(', ')}`)
    // the 503 is the product's own page, in the user's language (zh-CN here): errors.unavailable
    const untranslated = failedDuringOutage.filter((e) => e.outcome.status === 503 && !(e.outcome.body ?? '').includes(UNAVAILABLE_ZH))
    if (untranslated.length) problems.push(`${untranslated.length} 503 answer(s) without the translated page ("${UNAVAILABLE_ZH}"): ${(untranslated[0]!.outcome.body ?? '').slice(0, 200)}`)
    // a form posted during the outage comes back with the 503, to post again once Postgres is back (ADR 0012)
    const postedDuringOutage = failedDuringOutage.filter((e) => e.step !== 'form' && e.outcome.status === 503)
    const notHandedBack = postedDuringOutage.filter((e) => !(e.outcome.body ?? '').includes(RETRY_ZH) || !/<form method="post" action="\/(village|unit)\//.test(e.outcome.body ?? ''))
    if (notHandedBack.length) problems.push(`${notHandedBack.length} 503 answer(s) to a posted form without the form to post again: ${(notHandedBack[0]!.outcome.body ?? '').slice(0, 200)}`)
    log(`during the outage: ${postedDuringOutage.length} posted form(s) answered 503, ${postedDuringOutage.length - notHandedBack.length} with the form to post again`)
    const leaked = failedDuringOutage.filter((e) => INTERNALS.test(e.outcome.body ?? ''))
    if (leaked.length) problems.push(`${leaked.length} error page(s) during the outage showed internals (stack or driver message): ${leaked.map((e) => INTERNALS.exec(e.outcome.body ?? '')?.[0]).join(', ')}`)
    if (!failedDuringOutage.length) warnings.push('no request failed during the outage (it may have been too short to hit)')
    const recoveryMs = recoveredAt ? recoveredAt - backAt : Infinity
    log(`recovery: first 200 ${recoveredAt ? `${recoveryMs} ms` : 'never'} after Postgres accepted connections`)
    if (recoveryMs > RECOVERY_LIMIT_MS) problems.push(`no recovery within ${RECOVERY_LIMIT_MS} ms`)

    const check = new pg.Client({ connectionString: server.url })
    await check.connect()
    const { rows } = await check.query<{ village_id: string; period: string; n: string; state: string; has_submitted: boolean; has_values: boolean; submitted_transitions: string }>(
      `select r.village_id, to_char(r.period, 'YYYY-MM-DD') as period, count(*) over (partition by r.village_id, r.period) as n, r.state,
              (r.submitted_at is not null and r.first_submitted_at is not null and r.submitted_by is not null) as has_submitted,
              (r.values is not null and r.values <> '{}'::jsonb) as has_values,
              (select count(*) from public.report_transitions t where t.report_id = r.id and t.to_state = 'submitted') as submitted_transitions
         from public.monthly_reports r
        where r.village_id = any($1) and r.period between date '2026-01-01' and date '2026-07-01'`,
      [villages.map((v) => v.org_id)],
    )
    const { rows: diaries } = await check.query<{ notes: string; n: string }>(
      `select notes, count(*) as n from public.visits where unit_id = $1 and notes = any($2) group by notes`,
      [pairing.unit_id, visitNotes],
    )
    await check.end()
    const diaryCount = new Map(diaries.map((d) => [d.notes, Number(d.n)]))
    for (const notes of visitNotes) {
      const n = diaryCount.get(notes) ?? 0
      if (n > 1) problems.push(`visit "${notes}": ${n} diaries (a retry wrote it twice)`)
      if (visitsSaved.has(notes) && n === 0) problems.push(`visit "${notes}": saved according to the answer, but not in the database`)
      if (!visitsSaved.has(notes)) problems.push(`visit "${notes}": not saved within ${MAX_TRIES} tries`)
    }
    const visitsDuringOutage = events.filter((e) => e.step === 'visit' && e.phase === 'outage').length
    if (!visitsDuringOutage) warnings.push('no visit was posted during the outage')
    const byKey = new Map(rows.map((r) => [`${r.village_id}/${r.period}`, r]))
    for (const key of succeeded) {
      const r = byKey.get(key)
      if (!r) problems.push(`${key}: submission returned success but there is no report`)
      else if (r.state !== 'submitted' || !r.has_submitted || !r.has_values) problems.push(`${key}: returned success but is ${r.state} (submitted columns ${r.has_submitted}, values ${r.has_values})`)
      else if (Number(r.submitted_transitions) !== 1) problems.push(`${key}: ${r.submitted_transitions} 'submitted' transitions, expected 1`)
    }
    for (const r of rows) {
      const key = `${r.village_id}/${r.period}`
      if (Number(r.n) !== 1) problems.push(`${key}: ${r.n} reports`)
      if (r.state === 'submitted' && !succeeded.has(key)) problems.push(`${key}: submitted although no submission returned success`)
      if (r.state === 'draft' && (r.has_submitted || Number(r.submitted_transitions) > 0)) problems.push(`${key}: half-written (draft with submission traces)`)
    }
    const expected = villages.length * PERIODS.length
    if (succeeded.size !== expected) problems.push(`${succeeded.size} of ${expected} submissions succeeded within ${MAX_TRIES} tries each`)
    log(`${events.length} requests; ${succeeded.size}/${expected} reports submitted (${submittedBeforeOutage} before the outage); ${visitsSaved.size}/${visitNotes.length} visit diaries saved, each once (${visitsDuringOutage} posts during the outage)`)
    problems.push(...(await unexpectedFailure(client, server.url, pairing)))
    for (const w of warnings) log(`WARNING: ${w}`)
    if (problems.length) throw new Error(`\n  ${problems.join('\n  ')}`)
    log('ok')
  } finally {
    await app?.stop()
    server.dispose()
  }
}

/**
 * An action that fails unexpectedly hands the form back with its 500 (lib/action.server.ts): a trigger
 * makes the insert of one visit diary fail as a bug would; the answer, to a page (no JavaScript) and to a
 * data request (JavaScript), carries the form and shows no internals; once the trigger is gone, the
 * form taken from the 500 page saves the diary, once. Returns the problems found.
 */
async function unexpectedFailure(client: App, url: string, pairing: { unit_id: string; village_id: string }): Promise<string[]> {
  const problems: string[] = []
  const notes = `故障测试走访 ${Date.now().toString(36)}：\n村里反映灌溉水渠需要维修 & 清淤`
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    await db.query(`create function public.fault_injected_visit() returns trigger language plpgsql as $$
                      begin raise exception 'fault injected into visits' using errcode = 'XX000'; end $$`)
    await db.query(`create trigger fault_injected before insert on public.visits for each row execute function public.fault_injected_visit()`)
    const login = await client.request('/login', { method: 'POST', form: { email: LIAISON, password: PASSWORD, redirectTo: '' } })
    const cookie = (login as Outcome & { cookie?: string }).cookie
    if (!cookie) return [`sign-in of ${LIAISON} failed: ${login.status}`]
    const action = `/unit/${pairing.unit_id}/visits/new`
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const form = { villageId: pairing.village_id, visitedOn: today, peopleMet: '3', notes }
    const page = await client.request(action, { method: 'POST', cookie, form })
    const body = page.body ?? ''
    const carried = [...body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g)].map((m) => [unescapeHtml(m[1]!), unescapeHtml(m[2]!)] as [string, string])
    if (page.status !== 500) problems.push(`a failing action answered ${page.status}, 500 expected`)
    else if (!body.includes(FAILED_ZH.title) || !body.includes(FAILED_ZH.retry) || !body.includes(`<form method="post" action="${action}">`)) problems.push(`the 500 page does not offer the form again: ${body.slice(0, 300)}`)
    else if (JSON.stringify(carried) !== JSON.stringify(Object.entries(form))) problems.push(`the 500 page carries ${JSON.stringify(carried)}, not what was posted`)
    if (/fault injected|XX000|at Object\.|node_modules/.test(body)) problems.push('the 500 page shows internals')
    // with JavaScript, Remix posts to the route's .data address and renders the error view from the answer
    const dataRequest = await client.request(`${action}.data`, { method: 'POST', cookie, form })
    if (dataRequest.status !== 500 || !(dataRequest.body ?? '').includes('failed') || !(dataRequest.body ?? '').includes('清淤')) problems.push(`the data request's answer does not carry the form: ${dataRequest.status} ${(dataRequest.body ?? '').slice(0, 300)}`)
    if (/fault injected|XX000/.test(dataRequest.body ?? '')) problems.push('the data request\'s 500 shows internals')

    await db.query('drop trigger fault_injected on public.visits')
    const again = await client.request(action, { method: 'POST', cookie, form: Object.fromEntries(carried) })
    if (again.status !== 302 || !/[?&]saved=1/.test(again.location ?? '')) problems.push(`posting the handed-back form again answered ${again.status} ${again.location ?? ''}, saved expected`)
    const { rows } = await db.query<{ n: string }>('select count(*) as n from public.visits where unit_id = $1 and notes = $2', [pairing.unit_id, notes])
    if (Number(rows[0]!.n) !== 1) problems.push(`the handed-back visit diary exists ${rows[0]!.n} times, once expected`)
    log(`an action that failed: ${page.status} with the form (${carried.length} fields), saved once when posted again`)
  } finally {
    await db.query('drop trigger if exists fault_injected on public.visits')
    await db.query('drop function if exists public.fault_injected_visit()')
    await db.end()
  }
  return problems
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" })[e]!)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[fault] FAILED: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
