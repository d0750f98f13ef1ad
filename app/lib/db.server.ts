import { Kysely, sql, type Transaction } from 'kysely'
import { getEnv } from './env.server'
import { createPostgresBackend, type Backend } from './db-backend.server'
import type { Database } from './db-types'
import { readOnlyRequestScope, type RequestScope } from './request-scope.server'
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
  if (env.DATABASE_URL) {
    const backend = createServerPostgresBackend(env.DATABASE_URL)
    return { backend, db: new Kysely<Database>({ dialect: backend.dialect }) }
  }
  // The embedded database prepares itself: migrations always (a new one starts from the migrated
  // template, ADR 0020), the Ruyuan demo on first start.
  const { openEmbedded } = await import('./pglite-template.server')
  const { backend, db } = await openEmbedded(env.PGLITE_DIR)
  const { seedIfEmpty } = await import('./seed.server')
  await seedIfEmpty(db)
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

/**
 * The server's pool: REQUEST_TIMEOUTS are also every connection's own defaults, so that they bound the
 * one statement a request runs outside any transaction (serviceRead: is this session still live?) as
 * well, without a round trip more. The transactions still set them (set_config(…, true)): a statement
 * of a script, or of a connection a pooler opened without them, is bounded inside a request all the same.
 */
export function createServerPostgresBackend(connectionString: string, max = 10): Backend {
  return createPostgresBackend(connectionString, max, {
    statement_timeout: REQUEST_TIMEOUTS.statement,
    lock_timeout: REQUEST_TIMEOUTS.lock,
    idle_in_transaction_session_timeout: REQUEST_TIMEOUTS.idleInTransaction,
  })
}

/** REQUEST_TIMEOUTS as set_config calls for the select that starts a request's transaction. */
export const setRequestTimeouts = sql`set_config('statement_timeout', ${REQUEST_TIMEOUTS.statement}, true),
                               set_config('lock_timeout', ${REQUEST_TIMEOUTS.lock}, true),
                               set_config('idle_in_transaction_session_timeout', ${REQUEST_TIMEOUTS.idleInTransaction}, true)`

/**
 * Runs fn in one transaction as the signed-in user: role `authenticated` and the verified
 * claims set for this transaction only, so every row the user touches passes through RLS.
 *
 * The loaders of one page (GET or HEAD, in the production server's request scope) share one such
 * transaction: the portal check and the page's own queries, which ran in two, would pay begin, the
 * settings and commit twice (ADR 0011).
 */
export async function withUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const scope = readOnlyRequestScope()
  return scope ? withSharedUserTransaction(scope, claims, fn) : ownUserTransaction(claims, fn)
}

function ownUserTransaction<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return unavailableAs503(async () => {
    const db = await getRawDb()
    return db.transaction().execute(async (tx) => {
      await startAsUser(tx, claims)
      return fn(tx)
    })
  })
}

// one round trip: set_config('role', …, true) is SET LOCAL ROLE. No JIT: a page's queries run in
// milliseconds, and compiling a plan whose estimate crosses jit_above_cost takes ~80 ms.
async function startAsUser(tx: Tx, claims: Claims, readOnly = false) {
  await sql`select set_config('role', 'authenticated', true),
                   ${readOnly ? sql`set_config('transaction_read_only', 'on', true),` : sql``}
                   set_config('jit', 'off', true),
                   ${setRequestTimeouts},
                   set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                   set_config('request.jwt.claim.sub', ${claims.sub}, true),
                   set_config('request.jwt.claim.role', 'authenticated', true)`.execute(tx)
}

/** A user transaction open for the loaders of one request, while any of them is using it. */
interface SharedUserTransaction {
  session: string
  tx: Promise<Tx>
  users: number
  end: () => void
}

/**
 * fn in the request's user transaction, opened by the first caller and committed once no caller is
 * inside it any more, after the callbacks already due have run: a loader that awaits the portal check
 * and then asks for its own data joins the transaction the check used. A request never holds it
 * longer than its callers run, so it takes no more pooled connections than one transaction per call
 * did (fewer: parallel loaders share one) and cannot wait on itself.
 *
 * It is read-only: a GET loader never writes (a write there would also escape the CSRF check, which
 * guards the other methods), and Postgres now refuses one (25006). So a commit that fails after the
 * callers have their answers has nothing to lose.
 *
 * Its callers run on one connection, their statements in turn. If one of them fails, Postgres aborts
 * the transaction and the others' next statements fail too: 25P02, answered 503 like an outage
 * (security.server.ts). A different user in the same request (none today) gets a transaction of its own.
 */
async function withSharedUserTransaction<T>(scope: RequestScope, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = `${claims.sub}/${claims.session_id}`
  let shared = scope.userTransaction as SharedUserTransaction | undefined
  if (shared && shared.session !== session) return ownUserTransaction(claims, fn)
  if (!shared) {
    let end!: () => void
    const ended = new Promise<void>((resolve) => (end = resolve))
    let opened!: (tx: Tx) => void
    let failed!: (err: unknown) => void
    const tx = new Promise<Tx>((resolve, reject) => ((opened = resolve), (failed = reject)))
    shared = { session, tx, users: 0, end }
    scope.userTransaction = shared
    getRawDb()
      .then((db) =>
        db.transaction().execute(async (t) => {
          await startAsUser(t, claims, true)
          opened(t)
          await ended
        }),
      )
      // Before it opened: every caller gets the error. After: the callers have had their answers.
      .catch(failed)
  }
  const current = shared
  current.users++
  try {
    return await unavailableAs503(async () => fn(await current.tx))
  } finally {
    current.users--
    if (current.users === 0) {
      setImmediate(() => {
        if (current.users > 0 || scope.userTransaction !== current) return
        scope.userTransaction = undefined
        current.end()
      })
    }
  }
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
