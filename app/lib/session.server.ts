/**
 * The local provider's session: a JWT in the `__session` cookie, signed HS256 with the session
 * secret, carrying the same claims GoTrue puts in its access tokens. The token only says who the
 * browser claims to be; auth-local checks its auth.sessions row on every request.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseCookieHeader } from '@supabase/ssr'
import { SignJWT } from 'jose'
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
 *
 * Verified here with node:crypto's HMAC, in the request's own thread, not by jose: jose verifies with
 * WebCrypto, whose every call is a job handed to libuv's thread pool and back, and on a busy server
 * that hand-off cost 0.2–0.4 ms of main-thread time per request (profiled under load), against ~5 µs
 * for the HMAC itself. Tokens are still signed by jose (once per sign-in). The checks are jose's for
 * these options: a compact JWS of three base64url parts, alg HS256 and no `crit` or `b64` header, the
 * signature compared in constant time (and in its one canonical encoding), a JSON object as payload,
 * `aud` (a string or a list) naming AUDIENCE, `iss` ISSUER, and `exp` and `nbf`, when present,
 * numeric dates with exp after now and nbf not after it.
 */
export async function verifySessionToken(token: string, { allowExpired = false } = {}): Promise<Claims | null> {
  const payload = verifyHs256(token, getSessionSecret())
  if (!payload) return null
  if (payload.iss !== ISSUER) return null
  if (!(Array.isArray(payload.aud) ? payload.aud.includes(AUDIENCE) : payload.aud === AUDIENCE)) return null
  const now = Math.floor(Date.now() / 1000)
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    if (payload[claim] !== undefined && !(typeof payload[claim] === 'number' && Number.isFinite(payload[claim]))) return null
  }
  if (typeof payload.nbf === 'number' && payload.nbf > now) return null
  if (!allowExpired && typeof payload.exp === 'number' && payload.exp <= now) return null
  return toClaims(payload)
}

const BASE64URL = /^[A-Za-z0-9_-]+$/

/** The payload of a compact HS256 JWS whose signature verifies with the secret, or null. */
function verifyHs256(token: string, secret: Uint8Array): Record<string, unknown> | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [header, payload, signature] = parts as [string, string, string]
  if (!BASE64URL.test(header) || !BASE64URL.test(payload) || !BASE64URL.test(signature)) return null
  const expected = Buffer.from(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  const protectedHeader = parseJsonObject(header)
  if (!protectedHeader || protectedHeader.alg !== 'HS256' || 'crit' in protectedHeader || 'b64' in protectedHeader) return null
  return parseJsonObject(payload)
}

function parseJsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
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
