/**
 * Authentication for route modules: who is signed in, sign-in, sign-out, password change.
 * AUTH_PROVIDER picks the implementation (local: auth.users + signed session cookie; supabase:
 * Supabase Auth through @supabase/ssr); both return the same Claims. Rate limiting and input
 * normalisation live here, once, for both; so does the rule that a password set by an
 * administrator is changed before anything else (requireClaims, ADR 0018).
 */
import { data, redirect } from '@remix-run/node'
import { localAuth } from './auth-local.server'
import { supabaseAuth } from './auth-supabase.server'
import type { Claims } from './db.server'
import { SIGNED_OUT_READ_LIMIT, type PendingSubmission } from './pending-submission'
import { getEnv } from './env.server'
import { newPasswordSchema } from './password.server'
import { reserveSignInAttempt, type AttemptTicket } from './rate-limit.server'
import { getClientIp } from './request-info.server'
import { actionOf, notePostedRequest, pageFromDataPath, pendingOf, postedSubmission, readForm } from './posted-form.server'
import { forgetForRequest, memoPerRequest } from './request-scope.server'

export interface Credentials {
  email: string
  password: string
}

/** `mustChangePassword`: the account's password was set by an administrator and must be replaced first (ADR 0018). */
export type SignInResult = { ok: true; claims: Claims; headers: Headers; mustChangePassword: boolean } | { ok: false; reason: 'invalid' | 'rate_limited' }

export type ChangePasswordResult = { ok: true; headers: Headers } | { ok: false; reason: 'invalid_current' | 'rate_limited' }

/**
 * What the per-request session check found: the verified claims (null when not signed in), any
 * Set-Cookie the check produced, and whether the user must change a password an administrator set
 * before anything else (read in the same statement as the session: ADR 0018).
 */
export interface SessionCheck {
  claims: Claims | null
  headers: Headers
  mustChangePassword: boolean
}

/** What each provider implements; auth.server wraps it with normalisation and rate limiting. */
export interface AuthProvider {
  authenticate(request: Request): Promise<SessionCheck>
  /**
   * Whether the request carries a session of ours that has ended (run out, signed out, revoked): a
   * token this server signed, however old. A stranger's request is never that.
   */
  hadSession(request: Request): Promise<boolean>
  signIn(request: Request, credentials: Credentials, ticket: AttemptTicket): Promise<SignInResult>
  signOut(request: Request): Promise<Headers>
  /** Also ends the mark of a password set by an administrator: the user has now chosen their own. */
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
export function authenticate(request: Request): Promise<SessionCheck> {
  // once per request: the loaders of one page run in parallel and each asks (request-scope.server.ts)
  return memoPerRequest(request, SESSION_MEMO, () => provider().authenticate(request))
}

const SESSION_MEMO = 'auth:session'

/**
 * The signed-in user's verified claims, or null. Checked against the server on every call. It does not
 * send a user who must change their password to the password page: pages and actions use requireClaims.
 */
export async function getClaims(request: Request): Promise<Claims | null> {
  return (await getSession(request))?.claims ?? null
}

/** The signed-in user's claims and whether they must change a password an administrator set, or null. */
export async function getSession(request: Request): Promise<{ claims: Claims; mustChangePassword: boolean } | null> {
  // an action's form can be handed back if the session check meets an outage (posted-form.server.ts)
  if (request.method !== 'GET' && request.method !== 'HEAD') notePostedRequest(request, () => mayReadWithoutSession(request))
  const { claims, mustChangePassword } = await authenticate(request)
  return claims ? { claims, mustChangePassword } : null
}

/**
 * Whether the body of a request may be read before knowing that its session is live: as much as a
 * sign-in's (SIGNED_OUT_READ_LIMIT), which anybody may post; more for a session cookie this server signed.
 */
async function mayReadWithoutSession(request: Request): Promise<boolean> {
  const stated = request.headers.get('content-length')
  // a body of unstated length (the production server refuses one: server/security.js) counts as too long
  const length = stated === null ? (request.body ? Infinity : 0) : Number(stated)
  return length <= SIGNED_OUT_READ_LIMIT || provider().hadSession(request)
}

/**
 * The signed-in user's claims; otherwise redirects to /login, coming back here afterwards.
 *
 * A form posted after the user's session ended is not thrown away: the action answers 401 with what
 * was posted (sessionEnded), and the error view shows a sign-in that carries it to a "save it now"
 * form (components/session-ended.tsx, routes/auth/login.tsx). The browser has often dropped the
 * session cookie by then (it runs out with the session; sign-out in another tab clears it), so a body
 * without a session is read up to what a sign-in may send (SIGNED_OUT_READ_LIMIT), which costs no more
 * than posting to /login; a larger one only if the request carries a session cookie this server
 * signed. Otherwise, as before, the redirect to sign-in.
 */
export async function requireClaims(request: Request): Promise<Claims> {
  const { claims, mustChangePassword } = await requireSession(request)
  // Every page and action that needs a user comes through here (the portals through requirePortalUser):
  // a password an administrator set is replaced before anything else (ADR 0018). Sign-out, the language
  // switch and the texts need no user; the password page asks requireClaimsForPasswordChange.
  if (mustChangePassword) throw redirect(passwordChangePath(wantedPage(request)))
  return claims
}

/**
 * For the password page only: the signed-in user's claims even while their password must be changed
 * (requireClaims sends them there), and whether it must. Not signed in: as requireClaims.
 */
export function requireClaimsForPasswordChange(request: Request): Promise<{ claims: Claims; mustChangePassword: boolean }> {
  return requireSession(request)
}

async function requireSession(request: Request): Promise<{ claims: Claims; mustChangePassword: boolean }> {
  const session = await getSession(request)
  if (session) return session
  const ended = await sessionEndedUnderForm(request)
  if (ended) throw ended
  throw redirect(`/login?redirectTo=${encodeURIComponent(wantedPage(request))}`)
}

/** The password page (routes/auth/password.tsx). */
export const PASSWORD_PAGE = '/account/password'

/** The password page, coming back to `page` afterwards ('/' goes to the user's landing page anyway). */
export function passwordChangePath(page: string): string {
  return page === '/' ? PASSWORD_PAGE : `${PASSWORD_PAGE}?redirectTo=${encodeURIComponent(page)}`
}

/** The page a request is for: a data request's (`/x.data`, `?_data=`) as the page's own path and query. */
function wantedPage(request: Request): string {
  const url = new URL(request.url)
  // Remix's own data-request markers are not part of the page the user wanted.
  for (const param of ['_data', '_routes', 'index']) url.searchParams.delete(param)
  return pageFromDataPath(url.pathname) + url.search
}

/**
 * The 401 of a form posted by a user whose session has ended, or null. The action reads the form
 * (readForm keeps it for the rest of the request); the loaders Remix runs next in the same document
 * request, which get a GET request of their own, throw the same 401: a browser without JavaScript posts
 * the document, and the portal layout's loader would otherwise redirect to sign-in and lose the form.
 */
async function sessionEndedUnderForm(request: Request): Promise<ReturnType<typeof data<{ sessionEnded: PendingSubmission }>> | null> {
  let pending: PendingSubmission | undefined
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    if (!(await mayReadWithoutSession(request))) return null
    let form: FormData | null = null
    try {
      form = await readForm(request)
    } catch {
      // not a form (or cut short, or read already): nothing to carry, the user is still told to sign in again
    }
    pending = pendingOf(actionOf(request), form)
  } else {
    pending = await postedSubmission()
  }
  return pending ? data({ sessionEnded: pending }, { status: 401 }) : null
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
 * user ends (all devices signed out) and this browser gets a new one through `headers`. A password
 * an administrator set is no longer marked as one: this is the only way to clear the mark.
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
