/**
 * `npm run bench`: the issue-5 benchmark, written to docs/benchmarks.md.
 *
 *   DATABASE_URL   the database to measure, at the scale it holds (default: portal_bench_province on the
 *                  local Postgres, created and loaded with `npm run bench:seed -- --scale province` when it
 *                  has no province data, ~5 minutes; BENCH_SCALE=county uses portal_bench at county scale;
 *                  pass --reseed to reload it)
 *   --build        rebuild the production build first (otherwise only when build/ is missing)
 *   BENCH_DURATION seconds of each page at 50 connections (30); BENCH_P95_DURATION at 10 connections (20);
 *                  as much again of the floor, alternating with the page; BENCH_RUNS timed runs per RLS query (100)
 *   BENCH_PAGES    words: measure only the floor and the pages whose names contain one (for profiling)
 *   BENCH_WORKERS  server modes to measure, '0,2' (single process, then 2 cluster workers)
 *   --skip-rls / --skip-http / --skip-cold   leave parts out (the file then says so)
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { clientJs, coldStart, loadPages, ROOT, startServer, waitFor200, type ClientJs, type ColdStart, type Page, type PageLoad } from './http'
import { processMemoryMb } from '../../tests/support/production-server'
import { measureHeavy, type HeavyResult } from './heavy'
import { measureRls, type RlsResult } from './rls'

const args = new Set(process.argv.slice(2))
const DURATION = Number(process.env.BENCH_DURATION ?? 30)
const P95_DURATION = Number(process.env.BENCH_P95_DURATION ?? 20)
const RUNS = Number(process.env.BENCH_RUNS ?? 100)
const NOTES = path.join(ROOT, 'scripts/bench/notes.md')
const SCALE = process.env.BENCH_SCALE === 'county' ? 'county' : 'province'
const DEFAULT_DB = SCALE === 'county' ? 'portal_bench' : 'portal_bench_province'
const DEFAULT_URL = `postgres://postgres:postgres@127.0.0.1:5432/${DEFAULT_DB}`
/** Fewer villages than this: the county scale (Ruyuan); more: the province scale. */
const PROVINCE_VILLAGES = 10_000

interface Scale {
  counties: number
  towns: number
  villages: number
  reports: number
  transitions: number
}

function sh(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', env })
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`)
}

async function scaleOf(url: string): Promise<Scale | null> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const { rows } = await c.query(`select to_regclass('public.monthly_reports') is not null as ok`)
    if (!rows[0].ok) return null
    const r = await c.query(`select (select count(*) from public.orgs where kind = 'county')::int as counties,
                                    (select count(*) from public.orgs where kind = 'town')::int as towns,
                                    (select count(*) from public.orgs where kind in ('village', 'community'))::int as villages,
                                    (select count(*) from public.monthly_reports)::int as reports,
                                    (select count(*) from public.report_transitions)::int as transitions`)
    return r.rows[0] as Scale
  } finally {
    await c.end()
  }
}

async function prepareDefault(): Promise<void> {
  const admin = new pg.Client({ connectionString: DEFAULT_URL.replace(/\/[^/]+$/, '/postgres') })
  await admin.connect()
  const { rowCount } = await admin.query(`select 1 from pg_database where datname = $1`, [DEFAULT_DB])
  if (!rowCount) await admin.query(`create database ${DEFAULT_DB}`)
  await admin.end()
  const scale = await scaleOf(DEFAULT_URL)
  const loaded = scale && (SCALE === 'province' ? scale.villages >= PROVINCE_VILLAGES : scale.reports >= 1000)
  if (args.has('--reseed') || !loaded) {
    console.log(`[bench] loading ${DEFAULT_DB}: npm run bench:seed -- --scale ${SCALE}`)
    sh('npm', ['run', '--silent', 'bench:seed', '--', '--scale', SCALE], { ...process.env, DATABASE_URL: DEFAULT_URL, NODE_ENV: 'development' })
  } else {
    // data loaded by an earlier run: bring its schema up to this commit's migrations (pending ones only)
    sh('npm', ['run', '--silent', 'db:migrate'], { ...process.env, DATABASE_URL: DEFAULT_URL, NODE_ENV: 'development' })
  }
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '—')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**')

/** A page's throughput and p95 against the floor's measured alongside it (1 for the floor's own row). */
function ratios(l: PageLoad): { throughput: number; p95: number } {
  return l.floorAt50 && l.floorAt10 ? { throughput: l.at50.rps / l.floorAt50.rps, p95: l.at10.p95 / l.floorAt10.p95 } : { throughput: 1, p95: 1 }
}

/** A reference row: a floor behind what a kind of page does before its own work (no goal of its own). */
const isReference = (l: PageLoad) => l.page.goal === null && !!l.floorAt50

/** The reference row of the page's portal (its portal floor), if this run measured one. */
const portalFloorOf = (l: PageLoad, loads: PageLoad[]) => (l.page.portal && l.page.goal !== null ? loads.find((r) => isReference(r) && r.page.portal === l.page.portal) : undefined)

function httpTable(title: string, loads: PageLoad[]): string {
  const lines = [
    `#### ${title}`,
    '',
    '| page | req/s @50 | p50 / p95 / p99 @50 (ms) | errors @50 | floor alongside, req/s @50 | throughput ÷ floor (goal) | throughput ÷ its portal floor (no goal) | p95 @10 (ms) | floor alongside, p95 @10 (ms) | p95 @10 ÷ floor (goal ≤ 2×) | errors @10 |',
    '|---|---:|---|---:|---:|---|---|---:|---:|---|---:|',
  ]
  for (const l of loads) {
    const { throughput: tr, p95: pr } = ratios(l)
    const isFloor = !l.floorAt50
    const goal = l.page.goal
    const throughput = isFloor ? '1 (floor)' : goal === null ? `${tr.toFixed(2)}× (reference)` : `${tr.toFixed(2)}× (≥ ${goal}: ${verdict(tr >= goal)})`
    const p95 = isFloor ? '1 (floor)' : goal === null ? `${pr.toFixed(2)}× (reference)` : `${pr.toFixed(2)}× (${verdict(pr <= 2)})`
    const portalFloor = portalFloorOf(l, loads)
    const ofPortal = portalFloor ? `${(tr / ratios(portalFloor).throughput).toFixed(2)}×` : '—'
    lines.push(
      `| ${l.page.name} | ${l.at50.rps.toFixed(0)} | ${ms(l.at50.p50)} / ${ms(l.at50.p95)} / ${ms(l.at50.p99)} | ${l.at50.errors} | ` +
        `${l.floorAt50 ? l.floorAt50.rps.toFixed(0) : '—'} | ${throughput} | ${ofPortal} | ${ms(l.at10.p95)} | ${l.floorAt10 ? ms(l.floorAt10.p95) : '—'} | ${p95} | ${l.at10.errors} |`,
    )
  }
  return lines.join('\n')
}

interface ServerMemory {
  startMb: number
  afterLoadsMb: number
  peakMb: number
  afterLoadsMinutes: number
  series: { page: string; mb: number }[]
}

/** Resident and peak memory of the server, in whole MB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const { rssMb, peakMb } = processMemoryMb(pid)
  return { rssMb: Math.round(rssMb), peakMb: Math.round(peakMb) }
}

function render(o: {
  date: string
  commit: string
  dirty: boolean
  pgVersion: string
  url: string
  scale: Scale
  rls: RlsResult[]
  single: PageLoad[] | null
  cluster: PageLoad[] | null
  js: ClientJs[] | null
  cold: ColdStart | null
  memory: ServerMemory | null
  heavy: HeavyResult[] | null
  elapsedS: number
  notes: string
}): string {
  const cpus = os.cpus()
  const rlsRows = o.rls.map(
    (r) =>
      `| ${r.name} | ${ms(r.userMs)} | ${ms(r.ownerMs)} | ${r.ratio.toFixed(2)}× ${r.baseline ? '(reference)' : `(${verdict(r.ratio <= 1.2)})`} | ${r.sameResult ? 'yes' : '**no**'} | ` +
      `${r.explain.statements} | ${r.explain.indexScans} / ${r.explain.seqScansLarge.length ? r.explain.seqScansLarge.join(', ') : '0'} | ${r.explain.seqScansSmall} | ${r.explain.functionScans} | ${ms(r.explain.executionMs)} | ${r.explain.nested.statements} / ${r.explain.nested.indexScans} / ${r.explain.nested.seqScansLarge.length ? r.explain.nested.seqScansLarge.join(', ') : '0'} |`,
  )
  const keyRls = o.rls.filter((r) => !r.baseline)
  const form = o.js?.find((j) => j.page.name.startsWith('village report form'))
  const allErrors = [...(o.single ?? []), ...(o.cluster ?? [])].reduce(
    (s, l) => s + l.at50.errors + l.at10.errors + (l.floorAt50?.errors ?? 0) + (l.floorAt10?.errors ?? 0),
    0,
  )
  const measured = (loads: PageLoad[]) => loads.filter((l) => l.floorAt50 && l.page.goal !== null)
  const ratiosOk = (loads: PageLoad[] | null) => (loads ? measured(loads).every((l) => ratios(l).throughput >= l.page.goal!) : null)
  const p95Ok = (loads: PageLoad[] | null) => (loads ? measured(loads).every((l) => ratios(l).p95 <= 2) : null)
  const drift = (loads: PageLoad[] | null) => {
    const alongside = loads ? loads.filter((l) => l.floorAt50).map((l) => l.floorAt50!.rps) : []
    return alongside.length ? `${Math.min(...alongside).toFixed(0)}–${Math.max(...alongside).toFixed(0)} req/s (first run ${loads![0]!.at50.rps.toFixed(0)})` : 'not measured'
  }
  const state = (x: boolean | null) => (x === null ? 'not measured' : verdict(x))
  // the portal floors: what a page of a portal pays before its own work, so the most it can reach
  const portalBound = (loads: PageLoad[] | null) => {
    const floors = (loads ?? []).filter((l) => isReference(l) && l.page.portal)
    if (!floors.length) return ''
    const span = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}×`
    return `| no goal: the most any portal page can reach, its portal's floor (the session and portal checks and the shell, no work of its own) — single process | throughput ${span(floors.map((l) => ratios(l).throughput))} the floor's, p95 at 10 connections ${span(floors.map((l) => ratios(l).p95))} |\n`
  }
  const rps = (loads: PageLoad[] | null, i: number) => (loads ? loads[i]!.at50.rps : NaN)

  return `# Benchmarks

Generated by \`npm run bench\` (scripts/bench/run.ts); every number below is from the run described here.
Absolute times on this shared machine are noise; the ratios (side by side in the same run) are what the
goals are about.

## Machine and run

- Date: ${o.date} (UTC); run took ${Math.round(o.elapsedS)} s
- Commit: \`${o.commit}\`${o.dirty ? ' plus uncommitted changes in the tree' : ''}
- Machine: \`nproc\` = ${os.availableParallelism()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, CPU "${cpus[0]?.model ?? '?'}"; shared with other work
- Node ${process.version}; ${o.pgVersion}
- Database: \`${o.url.replace(/:[^:@/]*@/, ':***@')}\`
- Scale: **${isProvince(o.scale) ? 'province' : 'county'}** (the demo + \`bench:seed --scale ${isProvince(o.scale) ? 'province' : 'county'}\`): ${o.scale.counties.toLocaleString('en')} counties, ${o.scale.towns.toLocaleString('en')} towns,
  ${o.scale.villages.toLocaleString('en')} villages/communities, ${o.scale.reports.toLocaleString('en')} monthly reports,
  ${o.scale.transitions.toLocaleString('en')} report transitions${isProvince(o.scale) ? ' (and the pairing records in proportion: see scripts/bench/seed.ts)' : ''}. The measured pages are the demo's (Ruyuan and its accounts), inside that data.
- Production build (\`npm run build\`), server \`node server/index.js\` with NODE_ENV=production.

## 1. RLS overhead of the key queries

The same domain functions the page loaders call, timed in-process (median of ${RUNS} runs after 3 warm-ups,
alternating order): as the real demo user through \`withUser\` (role \`authenticated\`, JWT claims, RLS)
and as the table owner (\`postgres\`, RLS bypassed) in a plain transaction, where the functions' own
explicit filters (village + month, town, county, unit id) select the rows; for the support-unit home, whose
liaison RLS does not show the villages of ended pairings, the same two statements with that rule added as an
explicit filter (a village named only while paired today). "Same result" compares the two results as JSON. EXPLAIN: every SELECT of one user run re-run as \`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)\`
as that user (the count of SELECTs includes withUser's own \`select set_config(…)\`, one per row); "index scans / seq scans on tables > 1,000 rows" counts plan nodes (Index, Index Only and
Bitmap Index Scans / Seq Scans on tables whose \`reltuples\` > 1,000). Statements inside SQL functions
(Function Scan nodes, e.g. \`pairing_figures()\`, and functions the RLS policies call) are not visible in
EXPLAIN and are not counted there; the last column covers them: one more user run with \`auto_explain\`
(\`log_nested_statements\`, \`log_analyze\`) logs the plan of every statement, those inside SQL and PL/pgSQL
functions and the RLS helpers included. Goal: ratio ≤ 1.2×, no sequential scans on large tables.

| query | user, RLS (ms) | owner, explicit filter (ms) | ratio (goal ≤ 1.2×) | same result | SELECTs | index scans / seq scans > 1,000 rows | seq scans ≤ 1,000 rows | function scans | EXPLAIN execution total (ms) | all statements incl. nested (auto_explain): plans / index scans / seq scans > 1,000 rows |
|---|---:|---:|---|---|---:|---|---:|---:|---:|---|
${rlsRows.join('\n')}

## 2. HTTP load (autocannon)

Floor route: \`GET /floor\` of the same production server (\`app/routes/floor.tsx\`: 50 static table rows in
the app's layout, no loader, no database access), first on its own (${DURATION} s at 50 connections, ${P95_DURATION} s at 10).
Each page: a 2 s warm-up at 10 connections, then ${DURATION} s at 50 connections (throughput, p50/p95/p99) and
${P95_DURATION} s at 10 connections (p95), each in 5 s slices alternating with 5 s slices of the floor, so that
each page's ratios are against the floor measured alongside it: the shared machine drifts by a fifth within
a run, and alternating puts that on both sides alike. Percentiles are computed
from every response's time. Errors = non-2xx + socket errors + timeouts (the floor's included). Pages are requested with the
signed-in account's cookie (POST /login). Throughput goals: ≥ 0.7× the floor for list/form pages, ≥ 0.5× for
the county dashboard and the other aggregate county pages (completeness heatmap, pairing figures).

Reference rows (single process only; no goal): the floor's same 50 rows behind what every page of a kind does
before its own work, measured like the pages. The **signed-in floor** (\`/floor/signed-in\`) checks the session
(that it is still live, in the database: sign-out and password changes end sessions at once) and nothing else.
A **portal floor** (\`/<portal>/<org>/floor\`, \`app/routes/shared/portal-floor.tsx\`) is a page of that portal
with no work of its own: the session check, the portal check (is this org one of the user's portals, in the
user's RLS transaction), the portal's shell and navigation. No page of a portal can serve more than its portal
floor; "throughput ÷ its portal floor" is the share left for the page's own work (its queries and rendering):
the page's ratio to the floor divided by its portal floor's, each measured alongside the floor.

${o.single ? httpTable('Single process (`npm start`)', o.single) : 'Single process: not measured in this run.'}

${o.cluster ? httpTable('Cluster, 2 workers (`CLUSTER_WORKERS=2 npm start`; nproc = 2, so the same as `auto`)', o.cluster) : 'Cluster: not measured in this run.'}

${o.single && o.cluster ? `Floor throughput: ${rps(o.single, 0).toFixed(0)} req/s single process, ${rps(o.cluster, 0).toFixed(0)} req/s with 2 workers (${(rps(o.cluster, 0) / rps(o.single, 0)).toFixed(2)}×). Note that autocannon itself runs on the same 2 cores and takes a share of them.` : ''}
How far the machine drifted during the run: the floor measured alongside the pages served, at 50 connections,
single process ${drift(o.single)}, 2 workers ${drift(o.cluster)}.

## 3. Client JavaScript per page

The \`/assets/*.js\` files each page's served HTML imports or modulepreloads (entry, manifest, root and route
chunks and their shared chunks) plus the translations scripts of the namespaces the page's routes use
(\`/locales/<lang>.<namespace>.<version>.js\`, cached for a year, so paid once; ADR 0005), gzip level 6 as the server's compression middleware; CSS and the HTML
document likewise. Goal: ≤ 150 KB gzip of JS on the village report form.

${
  o.js
    ? `| page | JS files | JS gzip | CSS gzip | HTML gzip | total transfer (first visit) |
|---|---:|---:|---:|---:|---:|
${o.js.map((j) => `| ${j.page.name} | ${j.jsFiles} | ${kb(j.jsGzip)} | ${kb(j.cssGzip)} | ${kb(j.htmlGzip)} | ${kb(j.jsGzip + j.cssGzip + j.htmlGzip)} |`).join('\n')}`
    : 'Not measured in this run.'
}

## 4. Embedded cold start

A fresh, empty \`PGLITE_DIR\` in a temp directory, \`node server/index.js\` (NODE_ENV=production, no
DATABASE_URL), with the production build already present and \`node_modules\` installed (the issue's "after
install"; \`npm ci\` and \`npm run build\` are not included). The build writes the migrated template a new
embedded database starts from (\`.cache/pglite/\`, ADR 0020), so the first start loads it, migrates nothing and
seeds the demo. Times from spawning the process:

${
  o.cold
    ? `| step | time |
|---|---:|
| first 200 on GET /login (server listening; no database yet) | ${(o.cold.firstLoginMs / 1000).toFixed(2)} s |
| first sign-in POST answered (first database use: PGlite opens, migrates, seeds the demo) | ${(o.cold.signInMs / 1000).toFixed(2)} s |
| first page after sign-in (\`${o.cold.firstPage}\`) answered 200 | ${(o.cold.firstPageMs / 1000).toFixed(2)} s |`
    : 'Not measured in this run.'
}

## 5. Server memory under load

The single-process server's resident memory (\`VmRSS\` in \`/proc/<pid>/status\`), after start-up and the
client JavaScript measurement, then after every load run of section 2 (${o.memory ? `${o.memory.afterLoadsMinutes.toFixed(1)} minutes` : 'all of them'}
at 50 and 10 connections), and its peak (\`VmHWM\`). A server that keeps something per request would grow
with the load; one that does not settles after its first runs.

${
  o.memory
    ? `| after start-up | after all load runs | peak |
|---:|---:|---:|
| ${o.memory.startMb} MB | ${o.memory.afterLoadsMb} MB | ${o.memory.peakMb} MB |

After each page's runs: ${o.memory.series.map((m) => `${m.page} ${m.mb} MB`).join('; ')}.`
    : 'Not measured in this run.'
}

## 6. Spreadsheet work

What a user can ask of the server beyond a page: the single-process server of section 2, after its load runs,
each operation 5 times one at a time as the demo accounts (median time; the highest resident memory seen
while it ran, sampled every 10 ms, above the memory before it), then one user's burst. The server runs at most
two imports and two exports at a time, one per user with one more waiting (\`app/lib/work-slots.server.ts\`,
ADR 7). No goal: these bound the slots' sizes. The imports are dry runs; nothing is written.

${
  o.heavy
    ? `| operation | time (ms) | memory rise (MB) | answers |
|---|---:|---:|---|
${o.heavy.map((h) => `| ${h.name} | ${h.ms.toFixed(0)} | ${h.growthMb.toFixed(0)} | ${h.answers} |`).join('\n')}`
    : 'Not measured in this run.'
}

## Goals of issue 5 item 2 and their state (this run)

| goal | state |
|---|---|
| RLS overhead ≤ 1.2× per key query | ${verdict(keyRls.every((r) => r.ratio <= 1.2))} (${keyRls.map((r) => `${r.ratio.toFixed(2)}×`).join(', ')}) |
| EXPLAIN shows index use, no seq scans on large tables | ${verdict(keyRls.every((r) => r.explain.seqScansLarge.length === 0 && r.explain.nested.seqScansLarge.length === 0))} (seq scans on tables > 1,000 rows: ${keyRls.flatMap((r) => [...r.explain.seqScansLarge, ...r.explain.nested.seqScansLarge]).join(', ') || 'none'}, counting the statements inside functions and RLS helpers; every query's statements use index scans: ${keyRls.every((r) => r.explain.indexScans + r.explain.nested.indexScans > 0) ? 'yes' : 'no'}) |
| throughput ≥ 0.7× floor (lists/form), ≥ 0.5× (county aggregate pages) — single process | ${state(ratiosOk(o.single))} |
| same — 2-worker cluster | ${state(ratiosOk(o.cluster))} |
${portalBound(o.single)}| p95 at 10 connections ≤ 2× the floor's — single process | ${state(p95Ok(o.single))} |
| same — 2-worker cluster | ${state(p95Ok(o.cluster))} |
| 0 errors under load | ${o.single || o.cluster ? `${verdict(allErrors === 0)} (${allErrors} error${allErrors === 1 ? '' : 's'} in all runs)` : 'not measured'} |
| client JS ≤ 150 KB gzip on the village report form | ${form ? `${verdict(form.jsGzip <= 150 * 1024)} (${kb(form.jsGzip)})` : 'not measured'} |
| embedded cold start ≤ 10 s (to the first page served after install) | ${o.cold ? `${verdict(o.cold.firstPageMs <= 10_000)} (${(o.cold.firstPageMs / 1000).toFixed(2)} s to the first signed-in page)` : 'not measured'} |
| all of the above at **province scale** | ${isProvince(o.scale) ? 'this run is at province scale' : '**not this run**: county scale'} |
${o.notes ? `\n${o.notes}` : ''}`
}

const isProvince = (scale: Scale) => scale.villages >= PROVINCE_VILLAGES

async function main() {
  const started = Date.now()
  // the tree as measured (and built): taken now, not when the file is written, so edits made during a
  // long run do not mark it as measured with uncommitted changes
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim() !== ''
  const url = process.env.DATABASE_URL ?? DEFAULT_URL
  if (!process.env.DATABASE_URL) await prepareDefault()
  const scale = await scaleOf(url)
  if (!scale) throw new Error(`${url} has no portal schema: run npm run db:reset and npm run bench:seed first`)
  console.log(`[bench] scale: ${JSON.stringify(scale)}`)

  if (args.has('--build') || !existsSync(path.join(ROOT, 'build/server/index.js'))) sh('npm', ['run', '--silent', 'build'])

  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const pgVersion = ((await c.query('select version() as v')).rows[0].v as string).split(' on ')[0]!
  await c.end()

  const rls = args.has('--skip-rls') ? [] : await measureRls(url, RUNS)

  const { demoOrgId } = await import('~/lib/seed.server')
  const { addMonths, currentPeriod } = await import('~/domain/monthly-reports/schema')
  const period = addMonths(currentPeriod(), -5).slice(0, 7)
  const pages: Page[] = [
    { name: 'floor: GET /floor (50 static rows, no database)', path: '/floor', account: null, goal: 1 },
    // References (single process only): what a page costs before its own work. No goal of their own.
    { name: 'reference: signed-in floor, GET /floor/signed-in (the session check, then the 50 rows)', path: '/floor/signed-in', account: 'county.admin@ruyuan.demo', goal: null },
    ...(
      [
        ['village', 'Yunmen', demoOrgId('440232101201'), 'yunmen.secretary@ruyuan.demo'],
        ['town', 'Rucheng', demoOrgId('440232101000'), 'rucheng.admin@ruyuan.demo'],
        ['county', 'Ruyuan', demoOrgId('440232'), 'county.admin@ruyuan.demo'],
        ['unit', 'RY-C01', demoOrgId('RY-C01'), 'unit.liaison@ruyuan.demo'],
      ] as const
    ).map(([portal, org, id, account]): Page => ({
      name: `reference: ${portal} portal floor (${org}: the session check, the portal check, the portal's shell, then the 50 rows)`,
      path: `/${portal}/${id}/floor`,
      account,
      goal: null,
      portal,
    })),
    { name: `village report form (Yunmen ${period})`, path: `/village/${demoOrgId('440232101201')}/reports/${period}`, account: 'yunmen.secretary@ruyuan.demo', goal: 0.7, portal: 'village' },
    { name: 'town review list (Rucheng, state=all)', path: `/town/${demoOrgId('440232101000')}/reports?state=all`, account: 'rucheng.admin@ruyuan.demo', goal: 0.7, portal: 'town' },
    { name: 'county completeness heatmap (Ruyuan)', path: `/county/${demoOrgId('440232')}/completeness`, account: 'county.admin@ruyuan.demo', goal: 0.5, portal: 'county' },
    { name: 'county dashboard (Ruyuan overview)', path: `/county/${demoOrgId('440232')}`, account: 'county.admin@ruyuan.demo', goal: 0.5, portal: 'county' },
    { name: 'county pairing figures (Ruyuan)', path: `/county/${demoOrgId('440232')}/pairing`, account: 'county.admin@ruyuan.demo', goal: 0.5, portal: 'county' },
    { name: 'support-unit home, village list (RY-C01)', path: `/unit/${demoOrgId('RY-C01')}`, account: 'unit.liaison@ruyuan.demo', goal: 0.7, portal: 'unit' },
  ]

  // BENCH_PAGES=town,heatmap measures only the floor and the pages whose names contain one of the words
  const only = (process.env.BENCH_PAGES ?? '').split(',').map((w) => w.trim()).filter(Boolean)
  if (only.length) pages.splice(1, pages.length, ...pages.slice(1).filter((p) => only.some((w) => p.name.includes(w))))
  let single: PageLoad[] | null = null
  let cluster: PageLoad[] | null = null
  let js: ClientJs[] | null = null
  let memory: ServerMemory | null = null
  let heavy: HeavyResult[] | null = null
  if (!args.has('--skip-http')) {
    for (const workers of (process.env.BENCH_WORKERS ?? '0,2').split(',')) {
      const server = await startServer({ DATABASE_URL: url, CLUSTER_WORKERS: workers })
      try {
        await waitFor200(`${server.origin}/login`, 30_000, server)
        // the references only in the single process: their question (what a page pays before its own
        // work) is the same with 2 workers, and they would add ~8 minutes to it
        const measuredPages = workers === '0' ? pages : pages.filter((p) => p.goal !== null)
        if (workers === '0') js = await clientJs(server, pages.filter((p) => p.goal !== null))
        const pid = server.child.pid!
        const start = workers === '0' ? memoryOf(pid) : null
        const started = Date.now()
        const series: ServerMemory['series'] = []
        const loads = await loadPages(server, measuredPages, DURATION, P95_DURATION, (page) => {
          if (start) series.push({ page: page.name.split(' (')[0]!, mb: memoryOf(pid).rssMb })
        })
        if (workers === '0') {
          single = loads
          const end = memoryOf(pid)
          memory = { startMb: start!.rssMb, afterLoadsMb: end.rssMb, peakMb: end.peakMb, afterLoadsMinutes: (Date.now() - started) / 60_000, series }
          heavy = await measureHeavy(server, {
            village: `/village/${demoOrgId('440232101201')}`,
            town: `/town/${demoOrgId('440232101000')}`,
            county: `/county/${demoOrgId('440232')}`,
            month: period,
          })
        } else cluster = loads
      } finally {
        await server.stop()
      }
    }
  }
  const cold = args.has('--skip-cold') ? null : await coldStart()
  if (cold) console.log(`[bench] cold start: ${JSON.stringify(cold)}`)

  const md = render({
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    commit,
    dirty,
    pgVersion,
    url,
    scale,
    rls,
    single,
    cluster,
    js,
    cold,
    memory,
    heavy,
    elapsedS: (Date.now() - started) / 1000,
    // hand-written reading of a run (scripts/bench/notes.md), kept apart so that a new run does not erase it
    notes: existsSync(NOTES) ? readFileSync(NOTES, 'utf8') : '',
  })
  const out = process.env.BENCH_OUT ?? path.join(ROOT, 'docs/benchmarks.md')
  writeFileSync(out, md)
  console.log(`[bench] wrote ${path.relative(ROOT, out)}`)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    process.exit(1)
  },
)
