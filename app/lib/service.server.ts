/**
 * The service path: the one place that talks to the database as the connecting role, which owns
 * the tables and so is not subject to RLS. Use it only for migrations, seeding, provisioning after
 * an explicit permission check, sign-in bookkeeping and scheduled jobs. Every use is greppable:
 * `withService(`, `serviceRead(`.
 */
import { sql } from 'kysely'
import { getRawDb, setRequestTimeouts, type Db, type Tx } from './db.server'
import { unavailableAs503 } from './security.server'

/**
 * One transaction as the connecting role, bounded like a request's (REQUEST_TIMEOUTS): sign-in,
 * password changes and user management run here, and a lock held elsewhere (a migration on
 * auth.sessions) must not keep them, and their pooled connections, waiting for ever. An outage, or a
 * timeout, answers 503, as in withUser (db.server.ts). Scripts whose statements may run long
 * (migrations, the seeds) use the database directly, not this.
 */
export async function withService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return unavailableAs503(async () =>
    (await getRawDb()).transaction().execute(async (tx) => {
      await sql`select ${setRequestTimeouts}`.execute(tx)
      return fn(tx)
    }),
  )
}

/**
 * One statement on the service path with no transaction around it: no begin/commit round trips, for
 * the single read every request makes (is this session still live?). Anything that writes, or reads
 * twice and needs one snapshot, uses withService. Bounded by REQUEST_TIMEOUTS all the same: the server's
 * pool sets them as every connection's defaults (createServerPostgresBackend, db.server.ts).
 */
export async function serviceRead<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  return unavailableAs503(async () => fn(await getRawDb()))
}

/**
 * Names `userId` as the one who acts, for the audit triggers of this service transaction only (they read
 * auth.uid(), and the service path has no user of its own): the administrator who deactivated an account
 * or set its password, or the user who changed their own.
 */
export async function actAs(tx: Tx, userId: string): Promise<void> {
  await sql`select set_config('request.jwt.claim.sub', ${userId}, true)`.execute(tx)
}
