/**
 * Authentication for route modules: who is signed in, sign-in, sign-out, password change.
 * AUTH_PROVIDER picks the implementation (local: auth.users + signed session cookie; supabase:
 * Supabase Auth through @supabase/ssr); both return the same Claims. Rate limiting and input
 * normalisation live here, once, for both.
 */
import { redirect } from '@remix-run/node'
import { localAuth } from './auth-local.server'
import { supabaseAuth } from './auth-supabase.server'
import type { Claims } from './db.server'
import { getEnv } from './env.server'
import { newPasswordSchema } from './password.server'
import { reserveSignInAttempt, type AttemptTicket } from './rate-limit.server'
import { getClientIp } from './request-info.server'
import { forgetForRequest, memoPerRequest } from './request-scope.server'

export interface Credentials {
  email: string
  password: string
}

export type SignInResult = { ok: true; claims: Claims; headers: Headers } | { ok: false; reason: 'invalid' | 'rate_limited' }

export type ChangePasswordResult = { ok: true; headers: Headers } | { ok: false; reason: 'invalid_current' | 'rate_limited' }

/** What each provider implements; auth.server wraps it with normalisation and rate limiting. */
export interface AuthProvider {
  /** Verified claims (null when not signed in) plus any Set-Cookie the check produced. */
  authenticate(request: Request): Promise<{ claims: Claims | null; headers: Headers }>
  signIn(request: Request, credentials: Credentials, ticket: AttemptTicket): Promise<SignInResult>
  signOut(request: Request): Promise<Headers>
  changePassword(
    request: Request,
    claims: Claims,
    input: { currentPassword: string; newPassword: string },
    ticket: AttemptTicket,
  ): Promise<ChangePasswordResult>
}

function provider(): AuthProvider {
  return getEnv().AUTH_PROVIDER === 'supabase' ? supabaseAuth : localAuth
}

/**
 * The verified claims and the response headers to forward. With Supabase an expired access token
 * is refreshed here and the new cookies are in `headers`: the root loader should call this and
 * return the headers (Remix keeps parent loaders' Set-Cookie), so the browser gets the new token
 * once instead of every loader refreshing it again.
 */
export function authenticate(request: Request): Promise<{ claims: Claims | null; headers: Headers }> {
  // once per request: the loaders of one page run in parallel and each asks (request-scope.server.ts)
  return memoPerRequest(request, SESSION_MEMO, () => provider().authenticate(request))
}

const SESSION_MEMO = 'auth:session'

/** The signed-in user's verified claims, or null. Checked against the server on every call. */
export async function getClaims(request: Request): Promise<Claims | null> {
  return (await authenticate(request)).claims
}

/** The signed-in user's claims; otherwise redirects to /login, coming back here afterwards. */
export async function requireClaims(request: Request): Promise<Claims> {
  const claims = await getClaims(request)
  if (claims) return claims
  const url = new URL(request.url)
  // Remix's own data-request markers are not part of the page the user wanted.
  for (const param of ['_data', '_routes', 'index']) url.searchParams.delete(param)
  const pathname = url.pathname.replace(/\.data$/, '') || '/'
  throw redirect(`/login?redirectTo=${encodeURIComponent(pathname + url.search)}`)
}

/**
 * Signs in with email and password. Every way of failing (unknown email, wrong password, banned or
 * deleted user) is the same 'invalid'; more than 5 failures per account or 20 per IP in 15 minutes
 * give 'rate_limited', even with the right password. On success `headers` sets a new session cookie.
 */
export async function signIn(request: Request, credentials: Credentials): Promise<SignInResult> {
  const email = credentials.email.trim().toLowerCase()
  const password = credentials.password
  const reservation = await reserveSignInAttempt({ email, ip: getClientIp(request) })
  if (!reservation.allowed) return { ok: false, reason: 'rate_limited' }
  forgetForRequest(request, SESSION_MEMO)
  return provider().signIn(request, { email, password }, reservation.ticket)
}

/** Ends this browser's session and returns the headers that clear its cookie. */
export function signOut(request: Request): Promise<Headers> {
  forgetForRequest(request, SESSION_MEMO)
  return provider().signOut(request)
}

/**
 * Changes the signed-in user's password after checking the current one. Every session of the
 * user ends (all devices signed out) and this browser gets a new one through `headers`.
 * `newPassword` must already satisfy newPasswordSchema (the form validates it); a weak one throws.
 */
export async function changePassword(
  request: Request,
  claims: Claims,
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  newPasswordSchema.parse(input.newPassword)
  const reservation = await reserveSignInAttempt({ email: claims.email, ip: getClientIp(request) })
  if (!reservation.allowed) return { ok: false, reason: 'rate_limited' }
  forgetForRequest(request, SESSION_MEMO)
  return provider().changePassword(request, claims, input, reservation.ticket)
}

const MAX_REDIRECT_LENGTH = 2048

/**
 * A redirect target that can only stay on this site: an absolute path ('/x…'), never '//host',
 * '/\host', a scheme, or control characters (browsers drop tabs and newlines, turning '/\t/x' into
 * '//x'). Anything else gives `fallback`.
 */
export function safeRedirectTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REDIRECT_LENGTH) return fallback
  if (!value.startsWith('/') || value.startsWith('//')) return fallback
  if (/[\\\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) return fallback
  try {
    const base = 'http://site.invalid'
    const resolved = new URL(value, base)
    if (resolved.origin !== base) return fallback
  } catch {
    return fallback
  }
  return value
}
