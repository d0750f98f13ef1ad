/**
 * The local provider's session: a JWT in the `__session` cookie, signed HS256 with the session
 * secret, carrying the same claims GoTrue puts in its access tokens. The token only says who the
 * browser claims to be; auth-local checks its auth.sessions row on every request.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseCookieHeader } from '@supabase/ssr'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import type { Claims } from './db.server'
import { getEnv } from './env.server'

export const SESSION_COOKIE = '__session'
const AUDIENCE = 'authenticated'
const ISSUER = 'party-building-portal/local'
const DEV_SECRET_FILE = path.join('.data', 'session-secret')

/** Session lifetime in seconds (SESSION_MAX_AGE_HOURS, default 12). */
export function sessionMaxAgeSeconds(): number {
  return getEnv().SESSION_MAX_AGE_HOURS * 3600
}

let devSecret: Uint8Array<ArrayBuffer> | undefined

/**
 * The HS256 key. Production requires SESSION_SECRET (env validation enforces it); in development
 * and tests a random secret is created once and kept in .data/session-secret, so sessions survive
 * restarts without anybody inventing a weak one.
 */
export function getSessionSecret(): Uint8Array<ArrayBuffer> {
  const env = getEnv()
  if (env.SESSION_SECRET) return new TextEncoder().encode(env.SESSION_SECRET)
  if (env.NODE_ENV === 'production') throw new Error('SESSION_SECRET is required in production')
  devSecret ??= new TextEncoder().encode(readOrCreateDevSecret(path.resolve(DEV_SECRET_FILE)))
  return devSecret
}

let sessionKeyCache: { secret: string; key: Promise<CryptoKey> } | undefined

/**
 * The session secret as a CryptoKey, imported once per secret: given the raw bytes, jose imports them
 * again on every sign and verify, which tripled the cost of the session check of every request (60 → 22 µs).
 */
function sessionKey(): Promise<CryptoKey> {
  const secret = getSessionSecret()
  const text = Buffer.from(secret).toString('base64')
  if (sessionKeyCache?.secret !== text) {
    sessionKeyCache = { secret: text, key: crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) }
  }
  return sessionKeyCache.key
}

function readOrCreateDevSecret(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch {
    // not there yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  try {
    // 'wx': two processes starting together must agree on one secret, not overwrite each other's
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' })
    return secret
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
    fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
    return secret
  }
}

/** Signs a session token for a freshly created auth.sessions row. */
export async function signSessionToken(input: { userId: string; email: string; sessionId: string }): Promise<{
  token: string
  claims: Claims
}> {
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + sessionMaxAgeSeconds()
  const token = await new SignJWT({
    email: input.email,
    role: 'authenticated',
    session_id: input.sessionId,
    aal: 'aal1',
    is_anonymous: false,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.userId)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await sessionKey())
  const claims = toClaims({ sub: input.userId, email: input.email, exp, session_id: input.sessionId })
  if (!claims) throw new Error('cannot sign a session for malformed ids')
  return { token, claims }
}

/**
 * Verifies signature, algorithm, audience, issuer and expiry. Returns null for anything that does
 * not verify. `allowExpired` is for sign-out only: an expired token may still name the row to delete.
 */
export async function verifySessionToken(token: string, { allowExpired = false } = {}): Promise<Claims | null> {
  try {
    const { payload } = await jwtVerify(token, await sessionKey(), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      issuer: ISSUER,
      // jose rejects expired tokens itself; for sign-out push "now" back far enough to accept them
      currentDate: allowExpired ? new Date(0) : undefined,
    })
    return toClaims(payload)
  } catch (err) {
    if (err instanceof joseErrors.JOSEError) return null
    throw err
  }
}

/**
 * The one Claims shape both providers return: exactly these keys, validated. Anything else in a
 * token (GoTrue's app_metadata, user_metadata, amr…) is deliberately dropped: authorization data
 * comes from tables, never from the token.
 */
export function toClaims(payload: Record<string, unknown>): Claims | null {
  const { sub, email, exp, session_id: sessionId, role, aal } = payload
  if (typeof sub !== 'string' || !UUID.test(sub)) return null
  if (typeof sessionId !== 'string' || !UUID.test(sessionId)) return null
  if (typeof email !== 'string' || !email) return null
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null
  if (role !== undefined && role !== 'authenticated') return null
  return {
    sub,
    role: 'authenticated',
    email: email.toLowerCase(),
    exp,
    session_id: sessionId,
    aal: typeof aal === 'string' ? aal : 'aal1',
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The session token from the request's cookies, if any. */
export function readSessionCookie(request: Request): string | null {
  const header = request.headers.get('cookie')
  if (!header) return null
  const found = parseCookieHeader(header).find((c) => c.name === SESSION_COOKIE)
  return found?.value ? found.value : null
}

function cookieAttributes(maxAge: number): string[] {
  const attrs = [`Max-Age=${maxAge}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
  if (maxAge === 0) attrs.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT')
  if (getEnv().NODE_ENV === 'production') attrs.push('Secure')
  return attrs
}

/** Set-Cookie value that stores a session token for the session lifetime. */
export function serializeSessionCookie(token: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(token)) throw new Error('a session token must be a compact JWT')
  return [`${SESSION_COOKIE}=${token}`, ...cookieAttributes(sessionMaxAgeSeconds())].join('; ')
}

/** Set-Cookie value that removes the session cookie. */
export function serializeClearedSessionCookie(): string {
  return [`${SESSION_COOKIE}=`, ...cookieAttributes(0)].join('; ')
}
