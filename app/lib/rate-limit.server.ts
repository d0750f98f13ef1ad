/**
 * Sign-in throttling in private.sign_in_attempts, per account and per client IP, for both auth
 * providers (behind Supabase every sign-in reaches GoTrue from the server's own address, so GoTrue's
 * per-IP limits cannot tell villages apart, and GoTrue has no per-account limit at all).
 *
 * An attempt is recorded as failed *before* the password is checked and marked otherwise after a
 * success, so parallel guesses cannot all slip through one check.
 */
import { sql } from 'kysely'
import { lockForTransaction } from './advisory-lock.server'
import type { Tx } from './db.server'
import { ipBucketKey } from './request-info.server'
import { withService } from './service.server'

export interface RateLimitRule {
  /** failures allowed inside the window; the next attempt is refused */
  limit: number
  windowMinutes: number
}

export const ACCOUNT_RULE: RateLimitRule = { limit: 5, windowMinutes: 15 }
export const IP_RULE: RateLimitRule = { limit: 20, windowMinutes: 15 }
/** Rows older than this are pruned on write (the table comment promises a day). */
const RETENTION = '1 day'

export function accountBucket(email: string): string {
  return `account:${email.trim().toLowerCase()}`
}

export function ipBucket(ip: string): string {
  return `ip:${ipBucketKey(ip)}`
}

/** A reserved attempt: the ids of its provisional failure rows. */
export interface AttemptTicket {
  accountBucket: string
  rowIds: number[]
}

export type Reservation = { allowed: true; ticket: AttemptTicket } | { allowed: false }

/**
 * Checks both buckets and, when neither is over its limit, records this attempt as a failure in
 * each. An unknown IP (no trusted proxy header) is not bucketed: one shared "unknown" bucket would
 * let a single attacker lock every user out.
 */
export async function reserveSignInAttempt(input: { email: string; ip: string | null }): Promise<Reservation> {
  const buckets: [string, RateLimitRule][] = [[accountBucket(input.email), ACCOUNT_RULE]]
  if (input.ip) buckets.push([ipBucket(input.ip), IP_RULE])
  return withService(async (tx) => {
    // Serialise concurrent attempts on the same buckets, in a fixed order (no deadlocks).
    for (const [bucket] of [...buckets].sort(([a], [b]) => a.localeCompare(b))) {
      await lockForTransaction(tx, 'sign-in', bucket)
    }
    for (const [bucket, rule] of buckets) {
      if ((await countFailures(tx, bucket, rule)) >= rule.limit) return { allowed: false }
    }
    await prune(tx)
    const rows = await tx
      .insertInto('private.sign_in_attempts')
      .values(buckets.map(([bucket]) => ({ bucket, succeeded: false })))
      .returning('id')
      .execute()
    return { allowed: true, ticket: { accountBucket: buckets[0]![0], rowIds: rows.map((r) => r.id) } }
  })
}

/**
 * The password was right: the account's failures are forgiven (including this attempt), and this
 * attempt no longer counts against the IP. Runs inside the caller's transaction when given one.
 * (Delete and re-insert rather than update: the table grants no update, history stays append-only.)
 */
export async function recordSignInSuccess(ticket: AttemptTicket, tx?: Tx): Promise<void> {
  const run = async (t: Tx) => {
    const reserved = ticket.rowIds.length
      ? await t.deleteFrom('private.sign_in_attempts').where('id', 'in', ticket.rowIds).returning('bucket').execute()
      : []
    await t
      .deleteFrom('private.sign_in_attempts')
      .where('bucket', '=', ticket.accountBucket)
      .where('succeeded', '=', false)
      .execute()
    if (reserved.length) {
      await t
        .insertInto('private.sign_in_attempts')
        .values(reserved.map((r) => ({ bucket: r.bucket, succeeded: true })))
        .execute()
    }
  }
  return tx ? run(tx) : withService(run)
}

/** Failures in the bucket inside the rule's window. */
export async function countFailures(tx: Tx, bucket: string, rule: RateLimitRule): Promise<number> {
  const row = await tx
    .selectFrom('private.sign_in_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('succeeded', '=', false)
    .where(sql<boolean>`attempted_at > now() - make_interval(mins => ${rule.windowMinutes})`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function prune(tx: Tx) {
  await tx
    .deleteFrom('private.sign_in_attempts')
    .where(sql<boolean>`attempted_at < now() - ${RETENTION}::interval`)
    .execute()
}
