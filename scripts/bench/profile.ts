/**
 * CPU profile of one page of the production server, for finding where a page's time goes:
 *
 *   npm run build && npm run bench:profile -- <path> [account] [seconds] [connections]
 *
 * Starts `node --cpu-prof server/index.js` on the benchmark database (BENCH_DATABASE_URL, default the
 * province-scale `portal_bench_province` of `npm run bench:seed`), signs the demo account in, requests
 * the page for the given seconds (default 8) after 30 warm-up requests, one at a time or, with
 * connections > 1, under autocannon load as in `npm run bench` (50 there), stops the server and prints,
 * per request: the server's busy time (the profile minus idle), self time by package and the top
 * functions. The raw .cpuprofile stays in the printed directory (open it in Chrome DevTools).
 *
 * Profile under load before concluding: a statement's round trip to Postgres costs the server more
 * with 50 requests in flight than one at a time shows (ADR 0011).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { load, signIn, startServer, waitFor200 } from './http'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

const [pagePath, account, seconds = '8', connectionsArg = '1'] = process.argv.slice(2)
const connections = Number(connectionsArg)
if (!pagePath) {
  console.error('usage: npm run bench:profile -- <path> [account] [seconds] [connections]')
  process.exit(2)
}
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/portal_bench_province'
const dir = mkdtempSync(path.join(tmpdir(), 'portal-profile-'))
const server = await startServer({ DATABASE_URL: databaseUrl }, false, ['--cpu-prof', `--cpu-prof-dir=${dir}`])
const origin = server.origin
await waitFor200(`${origin}/floor`, 20_000, server)
const headers: Record<string, string> = account ? { cookie: (await signIn(origin, account)).cookie } : {}
const get = async () => {
  const res = await fetch(origin + pagePath, { headers })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`)
}
for (let i = 0; i < 30; i++) await get()
let n = 0
const started = performance.now()
if (connections > 1) {
  const result = await load(origin + pagePath, connections, Number(seconds), headers.cookie ?? null)
  if (result.errors) throw new Error(`${pagePath} answered ${result.errors} errors under load`)
  n = result.requests
} else {
  const end = Date.now() + Number(seconds) * 1000
  while (Date.now() < end) {
    await get()
    n++
  }
}
const wall = (performance.now() - started) / n
await server.stop()

const profile = JSON.parse(readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
const self = new Map<number, number>()
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
const nodes = new Map(profile.nodes.map((node) => [node.id, node]))

function packageOf({ url, functionName }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  if (url.includes('/build/server/')) return 'the app (build/server)'
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`
  const inModules = url.split('node_modules/').pop()!
  return inModules.startsWith('@') ? inModules.split('/').slice(0, 2).join('/') : inModules.split('/')[0]!
}

const byPackage = new Map<string, number>()
const byFunction = new Map<string, number>()
let idle = 0
let total = 0
for (const [id, micros] of self) {
  const frame = nodes.get(id)!.callFrame
  total += micros
  if (frame.functionName === '(idle)') idle += micros
  const pkg = packageOf(frame)
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros)
  const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*node_modules\//, '').replace(/.*\/build\//, 'build/')}:${frame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros)
}
const perRequest = (micros: number) => (micros / 1000 / n).toFixed(2).padStart(7)
const top = (map: Map<string, number>, count: number) =>
  [...map]
    .filter(([name]) => !name.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${perRequest(micros)}  ${name}`)
    .join('\n')

console.log(`${pagePath}: ${n} requests ${connections > 1 ? `at ${connections} connections` : 'one at a time'}, ${wall.toFixed(2)} ms each (wall, client included)`)
console.log(`server busy per request (profile minus idle, start-up and sign-in included): ${perRequest(total - idle).trim()} ms`)
console.log(`\nself time per request (ms) by package\n${top(byPackage, 20)}`)
console.log(`\ntop functions (ms per request)\n${top(byFunction, 30)}`)
console.log(`\nprofile: ${dir}`)
