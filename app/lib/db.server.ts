import { Kysely, sql, type Transaction } from 'kysely'
import { getEnv } from './env.server'
import { createPgliteBackend, createPostgresBackend, type Backend } from './db-backend.server'
import type { Database } from './db-types'
import { migrate } from './migrate.server'
import { unavailableAs503 } from './security.server'

export type Db = Kysely<Database>
export type Tx = Transaction<Database>

/** The claims a verified session carries; the same shape from the local and the Supabase provider. */
export interface Claims {
  sub: string
  role: 'authenticated'
  email: string
  exp: number
  session_id: string
  aal?: string
  [key: string]: unknown
}

interface DbState {
  backend: Backend
  db: Db
}

// One database per process, kept across dev-server reloads (PGlite must not open its directory twice).
const globalForDb = globalThis as unknown as { __portalDb?: Promise<DbState> }

async function open(): Promise<DbState> {
  const env = getEnv()
  const backend = env.DATABASE_URL
    ? createPostgresBackend(env.DATABASE_URL)
    : await createPgliteBackend(env.PGLITE_DIR)
  const db = new Kysely<Database>({ dialect: backend.dialect })
  if (backend.kind === 'pglite') {
    // The embedded database prepares itself: migrations always, the Ruyuan demo on first start.
    await migrate(backend, db)
    const { seedIfEmpty } = await import('./seed.server')
    await seedIfEmpty(db)
  }
  return { backend, db }
}

function state(): Promise<DbState> {
  globalForDb.__portalDb ??= open().catch((err) => {
    globalForDb.__portalDb = undefined
    throw err
  })
  return globalForDb.__portalDb
}

/** Use a backend prepared elsewhere (tests, scripts) as this process's database. */
export function useBackend(backend: Backend): Db {
  const db = new Kysely<Database>({ dialect: backend.dialect })
  globalForDb.__portalDb = Promise.resolve({ backend, db })
  return db
}

/** Raw access for the service module and scripts only; it bypasses nothing by itself but runs as the connecting role. */
export async function getRawDb(): Promise<Db> {
  return (await state()).db
}

export async function getBackend(): Promise<Backend> {
  return (await state()).backend
}

export async function closeDb() {
  const current = globalForDb.__portalDb
  globalForDb.__portalDb = undefined
  if (current) await (await current).backend.close()
}

/*
 * Outages: withUser, withAnon and withService (service.server.ts) turn an unreachable database into a
 * thrown 503 Response (unavailableAs503), which the error boundary shows as errors.unavailable. The
 * transaction has rolled back (or died with its connection), so nothing is half-written; the pg pool
 * discards broken clients and reconnects on the next request.
 */

/**
 * Bounds on one request's transaction, so a statement that hangs (a bad plan, a lock held by a
 * migration) cannot keep a pooled connection and the requests queued behind it for ever: it is
 * cancelled, the transaction rolls back and the user gets the 503 "try again" page (security.server.ts).
 * The longest request of the app (an import of 5,000 households, a county's export) takes a few
 * seconds at province scale; a row lock is normally held for milliseconds.
 */
export const REQUEST_TIMEOUTS = { statement: '30s', lock: '10s', idleInTransaction: '60s' } as const

/** REQUEST_TIMEOUTS as set_config calls for the select that starts a request's transaction. */
export const setRequestTimeouts = sql`set_config('statement_timeout', ${REQUEST_TIMEOUTS.statement}, true),
                               set_config('lock_timeout', ${REQUEST_TIMEOUTS.lock}, true),
                               set_config('idle_in_transaction_session_timeout', ${REQUEST_TIMEOUTS.idleInTransaction}, true)`

/**
 * Runs fn in one transaction as the signed-in user: role `authenticated` and the verified
 * claims set for this transaction only, so every row the user touches passes through RLS.
 */
export async function withUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return unavailableAs503(async () => {
    const db = await getRawDb()
    return db.transaction().execute(async (tx) => {
      // one round trip: set_config('role', …, true) is SET LOCAL ROLE. No JIT: a page's queries run
      // in milliseconds, and compiling a plan whose estimate crosses jit_above_cost takes ~80 ms.
      await sql`select set_config('role', 'authenticated', true),
                       set_config('jit', 'off', true),
                       ${setRequestTimeouts},
                       set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                       set_config('request.jwt.claim.sub', ${claims.sub}, true),
                       set_config('request.jwt.claim.role', 'authenticated', true)`.execute(tx)
      return fn(tx)
    })
  })
}

/** Runs fn as `anon`: what a visitor who is not signed in may see (nothing, for our tables). */
export async function withAnon<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return unavailableAs503(async () => {
    const db = await getRawDb()
    return db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'anon', true), ${setRequestTimeouts}`.execute(tx)
      return fn(tx)
    })
  })
}
