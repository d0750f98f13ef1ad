/**
 * The service path: the one place that talks to the database as the connecting role, which owns
 * the tables and so is not subject to RLS. Use it only for migrations, seeding, provisioning after
 * an explicit permission check, sign-in bookkeeping and scheduled jobs. Every use is greppable:
 * `withService(`, `serviceRead(`.
 */
import { getRawDb, type Db, type Tx } from './db.server'
import { unavailableAs503 } from './security.server'

export async function withService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  // An outage answers 503, as in withUser (db.server.ts).
  return unavailableAs503(async () => (await getRawDb()).transaction().execute(fn))
}

/**
 * One statement on the service path with no transaction around it: no begin/commit round trips, for
 * the single read every request makes (is this session still live?). Anything that writes, or reads
 * twice and needs one snapshot, uses withService.
 */
export async function serviceRead<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  return unavailableAs503(async () => fn(await getRawDb()))
}
