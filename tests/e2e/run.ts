/**
 * End-to-end runner: `npm run test:e2e [-- <playwright test args>]`.
 *
 * 1. Builds the app when build/server/index.js is missing or older than the sources
 *    (E2E_SKIP_BUILD=1 uses whatever build exists).
 * 2. Starts the production server (what `npm start` runs) on a free loopback port, on a fresh temporary
 *    PGlite directory, or on DATABASE_URL after `npm run db:reset` when that is set.
 * 3. Waits for GET /healthz to answer 200 (the embedded database migrates and seeds itself first).
 * 4. Runs Playwright (tests/e2e/specs, one worker, Debian's /usr/bin/chromium), stops the server,
 *    removes the temporary database and exits with Playwright's status, or 1 when the server logged a
 *    missing translation (a page showed a key instead of its text).
 *
 * E2E_BASE_URL=http://… skips 1–3 and runs the specs against a server that is already up.
 * The server's output goes to tests/e2e/.artifacts/server.log and is printed when something fails.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MISSING_TRANSLATION } from '../../app/lib/i18n'
import { startProductionServer, waitFor200 } from '../support/production-server'

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

  const env: Record<string, string | undefined> = {}
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

  const server = await startProductionServer({ env, output: serverLog })
  const baseURL = server.origin
  const cleanup = async () => {
    await server.stop()
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().then(() => process.exit(130)))
  }

  try {
    const started = Date.now()
    log(`starting the server on ${baseURL} (log: ${serverLog})`)
    // /healthz answers 200 only once the database is ready (the embedded one migrates and seeds first)
    await waitFor200(`${baseURL}/healthz`, READY_TIMEOUT_MS, server, 500)
    log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)}s`)
    const status = await runPlaywright(baseURL, args)
    if (status !== 0) log(`playwright failed; last lines of the server log:\n${server.tail()}`)
    // a text missing in a language showed its key on a page the journeys rendered (lib/i18n.ts logs it)
    const missing = readFileSync(serverLog, 'utf8').split('\n').filter((l) => l.includes(MISSING_TRANSLATION))
    if (missing.length) {
      log(`pages showed untranslated keys:\n${missing.join('\n')}`)
      return status || 1
    }
    return status
  } catch (err) {
    console.error(`[e2e] ${(err as Error).message}\n--- server log (tail) ---\n${server.tail()}`)
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
