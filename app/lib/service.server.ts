/**
 * The service path: the one place that talks to the database as the connecting role, which owns
 * the tables and so is not subject to RLS. Use it only for migrations, seeding, provisioning after
 * an explicit permission check, sign-in bookkeeping and scheduled jobs. Every use is greppable:
 * `withService(`.
 */
import { getRawDb, type Tx } from './db.server'
import { unavailableAs503 } from './security.server'

export async function withService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  // An outage answers 503, as in withUser (db.server.ts).
  return unavailableAs503(async () => (await getRawDb()).transaction().execute(fn))
}
