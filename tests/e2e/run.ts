/**
 * End-to-end runner: `npm run test:e2e [-- <playwright test args>]`.
 *
 * 1. Builds the app when build/server/index.js is missing or older than the sources
 *    (E2E_SKIP_BUILD=1 uses whatever build exists).
 * 2. Starts the production server (what `npm start` runs) on a free loopback port, on a fresh temporary
 *    PGlite directory, or on DATABASE_URL after `npm run db:reset` when that is set.
 * 3. Waits for GET /healthz to answer 200 (the embedded database migrates and seeds itself first).
 * 4. Runs Playwright (tests/e2e/specs, one worker, Debian's /usr/bin/chromium), stops the server,
 *    removes the temporary database and exits with Playwright's status.
 *
 * E2E_BASE_URL=http://… skips 1–3 and runs the specs against a server that is already up.
 * The server's output goes to tests/e2e/.artifacts/server.log and is printed when something fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../support/free-port'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const artifacts = join(root, 'tests/e2e/.artifacts')
const serverLog = join(artifacts, 'server.log')
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS ?? 180_000)

// Sources whose change makes an existing build stale.
const BUILD_INPUTS = [
  'app',
  'locales',
  'public',
  'scripts',
  'supabase/compat',
  'supabase/migrations',
  'supabase/seed.sql',
  'supabase/seed',
  'vite.config.ts',
  'package.json',
]

function log(message: string) {
  console.log(`[e2e] ${message}`)
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  log(`$ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`)
}

function ensureBuild() {
  const entry = join(root, 'build/server/index.js')
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(entry)) throw new Error('E2E_SKIP_BUILD=1 but build/server/index.js does not exist')
    log('using the existing build (E2E_SKIP_BUILD=1)')
    return
  }
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0
  const sourcesAt = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p))))
  if (builtAt > sourcesAt) {
    log('build is up to date')
    return
  }
  log(builtAt ? 'build is older than the sources: rebuilding' : 'no build yet: building')
  run('npm', ['run', 'build'])
}

function tail(path: string, lines = 60): string {
  if (!existsSync(path)) return '(no server log)'
  return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n')
}

async function waitForLogin(baseURL: string, server: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let last = 'no answer yet'
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited (${server.exitCode ?? server.signalCode}) before answering /login`)
    }
    try {
      // /healthz answers 200 only once the database is ready (the embedded one migrates and seeds first)
      const res = await fetch(`${baseURL}/healthz`, { redirect: 'manual', signal: AbortSignal.timeout(90_000) })
      if (res.status === 200) return
      last = `GET /healthz answered ${res.status}`
    } catch (err) {
      last = `GET /healthz failed: ${(err as Error).cause ?? (err as Error).message}`
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`server not ready after ${READY_TIMEOUT_MS / 1000}s: ${last}`)
}

/**
 * server/index.js answers SIGTERM by closing its HTTP server, but an open database handle can keep the
 * process alive: give it a few seconds, then SIGKILL its process group. Resolves once it has exited.
 */
function stop(server: ChildProcess): Promise<void> {
  const pid = server.pid
  if (!pid || server.exitCode !== null || server.signalCode !== null) return Promise.resolve()
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal)
    } catch {
      // already gone
    }
  }
  return new Promise((done) => {
    const killTimer = setTimeout(() => signalGroup('SIGKILL'), 5_000)
    server.once('exit', () => {
      clearTimeout(killTimer)
      // Anything it started goes too.
      signalGroup('SIGKILL')
      done()
    })
    signalGroup('SIGTERM')
  })
}

function runPlaywright(baseURL: string, args: string[]): Promise<number> {
  const cli = join(root, 'node_modules/@playwright/test/cli.js')
  const child = spawn(process.execPath, [cli, 'test', '--config', join(root, 'playwright.config.ts'), ...args], {
    cwd: root,
    env: { ...process.env, E2E_BASE_URL: baseURL },
    stdio: 'inherit',
  })
  return new Promise((done) => {
    child.once('error', () => done(1))
    child.once('exit', (code) => done(code ?? 1))
  })
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  if (process.env.E2E_BASE_URL) {
    log(`running against ${process.env.E2E_BASE_URL}`)
    return runPlaywright(process.env.E2E_BASE_URL, args)
  }

  try {
    ensureBuild()
  } catch (err) {
    console.error(`[e2e] ${(err as Error).message}`)
    return 1
  }
  mkdirSync(artifacts, { recursive: true })

  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_ORIGIN: baseURL,
    SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
  }
  let tempDir: string | undefined
  if (process.env.DATABASE_URL) {
    log('DATABASE_URL is set: resetting that database (npm run db:reset)')
    try {
      // In the caller's environment: db:reset refuses to run under NODE_ENV=production.
      run('npm', ['run', 'db:reset'])
    } catch (err) {
      console.error(`[e2e] ${(err as Error).message}`)
      return 1
    }
  } else {
    tempDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'))
    env.PGLITE_DIR = join(tempDir, 'pglite')
    log(`embedded PGlite in ${env.PGLITE_DIR}`)
  }

  const logFd = openSync(serverLog, 'w')
  // What `npm start` runs (server/index.js), without npm in between, so that stopping it stops the server itself.
  const server = spawn(process.execPath, [join(root, 'server/index.js')], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  })
  closeSync(logFd)
  const cleanup = async () => {
    await stop(server)
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().then(() => process.exit(130)))
  }

  try {
    const started = Date.now()
    log(`starting the server on ${baseURL} (log: ${serverLog})`)
    await waitForLogin(baseURL, server)
    log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)}s`)
    const status = await runPlaywright(baseURL, args)
    if (status !== 0) log(`playwright failed; last lines of the server log:\n${tail(serverLog)}`)
    return status
  } catch (err) {
    console.error(`[e2e] ${(err as Error).message}\n--- server log (tail) ---\n${tail(serverLog)}`)
    return 1
  } finally {
    await cleanup()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[e2e]', err)
    process.exit(1)
  },
)
