/**
 * Transaction-scoped advisory locks (`pg_advisory_xact_lock`, released at commit or rollback). Every key
 * the product locks on is `<namespace>:<key>` hashed to 64 bits (`hashtextextended`), so that two
 * namespaces cannot take each other's locks. The namespaces, here and in SQL:
 *
 *   sign-in:<bucket>           concurrent sign-in attempts on one rate-limit bucket (lib/rate-limit.server.ts)
 *   pairing-records:<user id>  one user's pairing record writes, against double submits (domain/pairing/records.server.ts)
 *   report-templates:<county>  a new template version (exclusive) against reports being started (shared);
 *                              taken in SQL triggers (migration 20261128000010)
 */
import { sql } from 'kysely'
import type { Tx } from './db.server'

export type LockNamespace = 'sign-in' | 'pairing-records'

/** Waits for and takes the lock on `<namespace>:<key>` until the transaction ends. */
export async function lockForTransaction(tx: Tx, namespace: LockNamespace, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${namespace}:${key}`}, 0))`.execute(tx)
}
