/**
 * Passwords an administrator sets (ADR 0018): the mark on the profile that sends the user to change the
 * password before anything else, and the temporary password of a reset. Service path only: callers have
 * checked the administrator's permission, or are the user changing their own password.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Tx } from './db.server'
import { getEnv } from './env.server'
import { generateTemporaryPassword } from './password.server'
import { actAs } from './service.server'
import { getSessionSecret } from './session.server'

/**
 * Marks the password an administrator has just set as temporary: the user must replace it first. It is
 * also the password's change: tokens issued before it are refused (profiles.password_changed_at). The
 * profile's audit trigger writes it in `actorId`'s name (null: the operator CLI, nobody's).
 */
export async function markTemporaryPassword(tx: Tx, userId: string, actorId: string | null): Promise<void> {
  if (actorId) await actAs(tx, actorId)
  // the app's clock, as the Supabase provider compares it with the issue time of tokens (auth-supabase.server.ts)
  const now = new Date()
  const updated = await tx
    .updateTable('profiles')
    .set({ temporary_password_set_at: now, password_changed_at: now })
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) throw new Error(`no profile for user ${userId}`)
}

/**
 * The user has chosen their own password, at `changedAt`: a password an administrator set is no longer
 * marked (the only way the mark is cleared), and tokens issued before `changedAt` are refused. The
 * profile's audit trigger writes it in the user's own name. The database recorded the new hash a moment
 * later (private.password_changes, when GoTrue or the local provider wrote it): that time is moved back to
 * `changedAt`, the issue time of the session the change signed this browser in with, or that session would
 * be refused whenever the second turned between the two.
 */
export async function recordOwnPasswordChange(tx: Tx, userId: string, changedAt: Date): Promise<void> {
  await actAs(tx, userId)
  await tx.updateTable('profiles').set({ temporary_password_set_at: null, password_changed_at: changedAt }).where('user_id', '=', userId).execute()
  await tx.updateTable('private.password_changes').set({ changed_at: changedAt }).where('user_id', '=', userId).where('changed_at', '>', changedAt).execute()
}

/** A fresh confirmation token for the reset form of the user page: 128 random bits (RESET_TOKEN, domain/users/schemas). */
export function newResetToken(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * The temporary password of a reset confirmed with `token`: the same for the same user and token, so
 * a confirmation posted twice (a double click, the answer reloaded) sets and shows one password,
 * whichever request the server finishes last; nobody can work it out from the token without the
 * server's secret.
 */
export function temporaryPasswordFor(userId: string, token: string): string {
  const key = resetSecret()
  let block = 0
  let bytes: Buffer = Buffer.alloc(0)
  let at = 0
  const nextByte = () => {
    if (at >= bytes.length) {
      bytes = createHmac('sha256', key).update(`temporary-password\u0000${userId}\u0000${token}\u0000${block++}`).digest()
      at = 0
    }
    return bytes[at++]!
  }
  // uniform below n (n ≤ 256): bytes beyond the last whole multiple of n are skipped
  const pick = (n: number) => {
    const limit = 256 - (256 % n)
    for (;;) {
      const b = nextByte()
      if (b < limit) return b % n
    }
  }
  return generateTemporaryPassword(pick)
}

/** SESSION_SECRET; a Supabase deployment need not set it, and its service-role key (server only, needed for a reset there) stands in. */
function resetSecret(): Uint8Array {
  const env = getEnv()
  if (!env.SESSION_SECRET && env.AUTH_PROVIDER === 'supabase' && env.SUPABASE_SERVICE_ROLE_KEY) return new TextEncoder().encode(env.SUPABASE_SERVICE_ROLE_KEY)
  return getSessionSecret()
}
