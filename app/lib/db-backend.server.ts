import fs from 'node:fs'
import path from 'node:path'
import { PostgresDialect, type Dialect } from 'kysely'
import pg from 'pg'
import type { PGlite } from '@electric-sql/pglite'

/**
 * A database backend: the Kysely dialect plus a way to run multi-statement SQL scripts
 * (migrations, the compatibility bootstrap). PGlite when no DATABASE_URL is set, node-postgres otherwise.
 */
export interface Backend {
  kind: 'pglite' | 'postgres'
  dialect: Dialect
  /** Runs a SQL script of many statements in one transaction. */
  execScript(script: string): Promise<void>
  /** PGlite only: its data directory as a tar (pglite-template.server.ts). */
  dumpDataDir?(): Promise<Blob>
  close(): Promise<void>
}

// Same value shapes on both backends: bigint counts as numbers, dates as 'YYYY-MM-DD' strings,
// numeric as exact strings (money is never a float).
const INT8 = 20
const DATE = 1082
const NUMERIC = 1700
pg.types.setTypeParser(INT8, (v) => Number(v))
pg.types.setTypeParser(DATE, (v) => v)
pg.types.setTypeParser(NUMERIC, (v) => v)

/**
 * `sessionSettings` are set on every new connection of the pool, before its first query (pg runs a
 * client's queries in order, and pg-pool emits 'connect' before it hands the client out): defaults
 * for the whole session, so they bound even a statement run outside a transaction, at no cost per request.
 */
export function createPostgresBackend(connectionString: string, max = 10, sessionSettings?: Record<string, string>): Backend {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 })
  // An idle client losing its server (a restart) must not crash the process.
  pool.on('error', (err) => console.error('postgres pool error:', err.message))
  // Nor may a checked-out one: pg-pool listens only while a client is idle, and a server shutdown
  // (57P01) between two statements of a transaction arrives as an 'error' event nobody awaits. The
  // client is then not queryable, so pg-pool drops it on release and the next request reconnects.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error('postgres connection lost:', err.message))
    if (sessionSettings) {
      const names = Object.keys(sessionSettings)
      const calls = names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, false)`).join(', ')
      client
        .query(`select ${calls}`, names.flatMap((name) => [name, sessionSettings[name]!]))
        .catch((err: Error) => console.error('postgres session settings not set:', err.message))
    }
  })
  return {
    kind: 'postgres',
    dialect: new PostgresDialect({ pool }),
    async execScript(script) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        await client.query(script)
        await client.query('commit')
      } catch (err) {
        await client.query('rollback').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

/**
 * PGlite runs one session: requests take turns through a queue, each holding the
 * single connection for the whole of its transaction.
 */
class PgliteQueuePool {
  private tail: Promise<void> = Promise.resolve()
  constructor(private readonly pglite: PGlite) {}

  async connect() {
    let release!: () => void
    const previous = this.tail
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    const pglite = this.pglite
    return {
      async query(text: string, params?: unknown[]) {
        const result = await pglite.query<Record<string, unknown>>(text, params as unknown[])
        const command = (result as { command?: string }).command ?? text.trim().split(/\s+/)[0]!.toUpperCase()
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows }
      },
      release() {
        release()
      },
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.connect()
    try {
      return await fn()
    } finally {
      client.release()
    }
  }

  async end() {
    await this.exclusive(() => this.pglite.close())
  }
}

export async function createPgliteBackend(dataDir: string | null, loadDataDir?: Blob): Promise<Backend> {
  const { PGlite } = await import('@electric-sql/pglite')
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true })
  const pglite = await PGlite.create({
    dataDir: dataDir ?? undefined,
    loadDataDir,
    parsers: { [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  })
  const pool = new PgliteQueuePool(pglite)
  return {
    kind: 'pglite',
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
    execScript: (script) =>
      pool.exclusive(async () => {
        await pglite.transaction(async (tx) => {
          await tx.exec(script)
        })
      }),
    dumpDataDir: () => pool.exclusive(() => pglite.dumpDataDir('none')),
    close: () => pool.end(),
  }
}
