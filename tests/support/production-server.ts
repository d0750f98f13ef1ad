/**
 * The production server (`server/index.js`, what `npm start` runs, without npm in between) as the HTTP
 * access matrix, the fault test, the e2e runner and the benchmark start it: NODE_ENV=production on a free
 * loopback port, APP_ORIGIN that port's origin (so the CSRF origin check accepts the harness's own
 * requests), and a session secret (the caller's SESSION_SECRET, or a random one shared by the workers of
 * a cluster). Its own process group, so that stopping it stops the workers of a cluster too.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { freePort } from './free-port'

export const ROOT = path.resolve(import.meta.dirname, '../..')

export interface ProductionServer {
  child: ChildProcess
  port: number
  origin: string
  /** The file its stdout and stderr go to, or null when inherited or ignored. */
  logFile: string | null
  exited: () => boolean
  /** SIGTERM to its process group; SIGKILL after `graceMs` if it has not exited. Resolves once it has. */
  stop: (graceMs?: number) => Promise<void>
  /** The last lines of its log file, for a failure message. */
  tail: (lines?: number) => string
}

export interface StartOptions {
  /** Variables over the caller's environment; `undefined` removes one (e.g. CLUSTER_WORKERS). */
  env?: Record<string, string | undefined>
  /** A file for its stdout and stderr, or 'inherit' / 'ignore' (default: ignore stdout, inherit stderr). */
  output?: string | 'inherit' | 'ignore'
  /** Arguments to node before the script, e.g. --cpu-prof. */
  nodeArgs?: string[]
  port?: number
}

export async function startProductionServer(options: StartOptions = {}): Promise<ProductionServer> {
  const port = options.port ?? (await freePort())
  const origin = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_ORIGIN: origin,
    SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }

  const output = options.output
  const logFile = output && output !== 'inherit' && output !== 'ignore' ? output : null
  const fd = logFile ? openSync(logFile, 'w') : null
  const stdio: ['ignore', 'inherit' | 'ignore' | number, 'inherit' | 'ignore' | number] =
    fd !== null ? ['ignore', fd, fd] : output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : output === 'ignore' ? ['ignore', 'ignore', 'ignore'] : ['ignore', 'ignore', 'inherit']
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(ROOT, 'server/index.js')], { cwd: ROOT, env, stdio, detached: true })
  if (fd !== null) closeSync(fd)

  let gone = false
  child.once('exit', () => (gone = true))
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal)
    } catch {
      // already gone
    }
  }
  const stop = (graceMs = 5_000) =>
    new Promise<void>((done) => {
      if (gone || !child.pid) return done()
      const killTimer = setTimeout(() => signalGroup('SIGKILL'), graceMs)
      child.once('exit', () => {
        clearTimeout(killTimer)
        // anything it started goes too
        signalGroup('SIGKILL')
        done()
      })
      signalGroup('SIGTERM')
    })
  const tail = (lines = 60) => (logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n') : '(no server log)')
  return { child, port, origin, logFile, exited: () => gone, stop, tail }
}

/**
 * Waits until `url` answers 200 (redirects not followed). Throws when the server exits first, or after
 * `timeoutMs` with the last answer or error.
 */
export async function waitFor200(url: string, timeoutMs: number, server?: Pick<ProductionServer, 'exited'>, pollMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs
  let last = 'no answer yet'
  for (;;) {
    if (server?.exited()) throw new Error(`the server exited before ${url} answered 200`)
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(2_000, Math.min(timeoutMs, 90_000))) })
      await res.arrayBuffer()
      if (res.status === 200) return
      last = `answered ${res.status}`
    } catch (err) {
      last = `failed: ${String((err as Error).cause ?? (err as Error).message)}`
    }
    if (Date.now() > end) throw new Error(`no 200 from ${url} within ${timeoutMs / 1000} s (last: ${last})`)
    await new Promise((r) => setTimeout(r, pollMs))
  }
}

/** A process's resident memory and its peak since it started (`VmRSS`, `VmHWM` of /proc/<pid>/status; Linux), in MB. */
export function processMemoryMb(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024
  return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') }
}
