import { randomInt } from 'node:crypto'
import bcrypt from 'bcryptjs'
import { z } from 'zod'

/** bcrypt cost for new hashes; GoTrue uses the same, so hashes move freely between the providers. */
export const BCRYPT_COST = 10
/** bcrypt reads only the first 72 bytes of a password; longer ones would be silently truncated. */
export const BCRYPT_MAX_BYTES = 72
// Hashing is slow by design; refuse absurd inputs before they reach it.
const MAX_INPUT_CHARS = 1024

/**
 * The password policy, shared by the change-password form and provisioning. Messages are i18n keys
 * in the `common` namespace (validation.*).
 */
export const newPasswordSchema = z
  .string()
  .min(10, 'validation.passwordTooShort')
  .refine((v) => new TextEncoder().encode(v).length <= BCRYPT_MAX_BYTES, 'validation.passwordTooLong')
  .refine((v) => /\p{L}/u.test(v), 'validation.passwordNeedsLetter')
  .refine((v) => /\p{Nd}/u.test(v), 'validation.passwordNeedsDigit')

/** A bcrypt hash (cost 10) in the `$2b$` form GoTrue and pgcrypto both read. */
export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST)
}

let dummyHash: Promise<string> | undefined

/**
 * Compares a password with a stored hash. With no hash (unknown user, user without a password)
 * it compares against a dummy hash of the same cost, so the answer takes as long either way.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  dummyHash ??= bcrypt.hash('dummy password that matches nothing', BCRYPT_COST)
  const input = password.slice(0, MAX_INPUT_CHARS)
  const usable = typeof hash === 'string' && /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)
  const matched = await bcrypt.compare(input, usable ? hash : await dummyHash)
  return usable && matched
}

/** True when a stored hash was made with a lower cost than we use now (re-hash on next sign-in). */
export function needsRehash(hash: string): boolean {
  const rounds = Number(/^\$2[aby]\$(\d\d)\$/.exec(hash)?.[1])
  return !(rounds >= BCRYPT_COST)
}

// No 0/O, 1/l/I: the password is read aloud or copied from paper.
const LOWER = 'abcdefghjkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'

/**
 * A one-time password handed to a new user by whoever provisioned them: three groups of four,
 * e.g. `Hq7t-m2Ka-x9Pw` (about 70 bits), always meeting newPasswordSchema. `pick(n)` draws a
 * uniform integer below n: random by default, a keyed stream for a reset that must give the same
 * password when its confirmation is posted twice (provisioning.server.ts).
 */
export function generateTemporaryPassword(pick: (n: number) => number = randomInt): string {
  const all = LOWER + UPPER + DIGITS
  for (;;) {
    const chars = Array.from({ length: 12 }, () => all[pick(all.length)]!)
    const candidate = [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-')
    if (/[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /\d/.test(candidate)) return candidate
  }
}
