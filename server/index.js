/**
 * The production server: `npm start` (NODE_ENV=production node server/index.js).
 *
 * Express 4 + @remix-run/express in front of the Vite build in build/: static assets with long cache
 * for the fingerprinted /assets and short cache for the rest, gzip, the CSRF origin check before any
 * action runs, security headers with a per-request CSP nonce handed to Remix through the load context,
 * and an optional cluster of one worker per core (CLUSTER_WORKERS or WEB_CONCURRENCY; Postgres only).
 *
 * Environment: PORT (3000), HOST (all interfaces), APP_ORIGIN (public origin behind a proxy),
 * CLUSTER_WORKERS / WEB_CONCURRENCY (a number, or "auto" for one per core), plus everything
 * app/lib/env.server.ts validates. See docs/decisions/0007-production-server.md.
 */
import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { installGlobals } from '@remix-run/node'
import { createApp } from './app.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const buildDir = path.join(root, 'build')
const SHUTDOWN_GRACE_MS = 8_000

/** Prints a readable start-up failure and exits non-zero. */
function fail(message) {
  console.error(`[server] cannot start: ${message}`)
  process.exit(1)
}

/** Loads the Remix server build; importing it validates the environment (entry.server calls getEnv). */
async function loadBuild() {
  const entry = path.join(buildDir, 'server/index.js')
  try {
    return await import(pathToFileURL(entry).href)
  } catch (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(entry)) {
      fail(`${path.relative(root, entry)} is missing: run \`npm run build\` first`)
    }
    fail(err instanceof Error ? err.message : String(err))
  }
}

/** How many workers the environment asks for; 0 = no cluster (one process). */
function requestedWorkers() {
  const raw = process.env.CLUSTER_WORKERS ?? process.env.WEB_CONCURRENCY
  if (raw === undefined || raw === '') return 0
  if (raw === 'auto') return availableParallelism()
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) fail(`CLUSTER_WORKERS/WEB_CONCURRENCY must be a whole number or "auto", got "${raw}"`)
  return n
}

async function startWorker(build) {
  const app = createApp({
    clientDir: path.join(buildDir, 'client'),
    production: process.env.NODE_ENV === 'production',
    appOrigin: process.env.APP_ORIGIN,
    handler: createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
    }),
  })
  const port = Number(process.env.PORT ?? 3000)
  const host = process.env.HOST
  const server = host ? app.listen(port, host) : app.listen(port)
  await new Promise((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  }).catch((err) => fail(`cannot listen on ${host ?? '*'}:${port}: ${err.message}`))
  const who = cluster.isWorker ? `worker ${process.pid}` : `pid ${process.pid}`
  console.log(`[server] listening on http://${host ?? 'localhost'}:${port} (${who})`)

  let stopping = false
  const shutdown = () => {
    if (stopping) return
    stopping = true
    // Finish what is in flight, drop idle keep-alive sockets, then leave.
    server.close(() => process.exit(0))
    server.closeIdleConnections()
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref()
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}

function startPrimary(workers) {
  console.log(`[server] cluster: ${workers} workers (primary ${process.pid})`)
  let stopping = false
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    console.error(`[server] worker ${worker.process.pid} exited (${signal ?? code}); starting another`)
    setTimeout(() => cluster.fork(), 1_000)
  })
  const shutdown = () => {
    if (stopping) return
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    const done = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    }
    cluster.on('exit', done)
    done()
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 1_000).unref()
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}

async function main() {
  const build = await loadBuild()
  installGlobals({ nativeFetch: Boolean(build.future?.v3_singleFetch) })
  if (cluster.isPrimary) {
    const workers = requestedWorkers()
    if (workers > 1 && !process.env.DATABASE_URL) {
      fail(
        `cluster mode (${workers} workers) needs DATABASE_URL: embedded PGlite lives in one process. ` +
          'Unset CLUSTER_WORKERS/WEB_CONCURRENCY or point DATABASE_URL at Postgres.',
      )
    }
    if (workers > 1) return startPrimary(workers)
  }
  await startWorker(build)
}

await main()
