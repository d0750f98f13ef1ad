/**
 * The Supabase Auth provider: GoTrue keeps users and sessions, @supabase/ssr keeps the session in
 * cookies. Each request builds its own server client from the request's cookies; the session is
 * verified with getClaims() (GoTrue's /user for HS256 projects, the JWKS for asymmetric keys),
 * never trusted from getSession(). Deactivation is also checked against profiles.is_active, so it
 * bites on the next request even while an access token is still unexpired; the same read says
 * whether the password was set by an administrator and must be changed first (ADR 0018).
 */
import { createServerClient, parseCookieHeader, serializeCookieHeader, type CookieOptions } from '@supabase/ssr'
import {
  createClient,
  isAuthApiError,
  type AuthError,
  type SupabaseClient,
  type SupabaseClientOptions,
} from '@supabase/supabase-js'
import { decodeJwt } from 'jose'
import { sql } from 'kysely'
import type { AuthProvider, ChangePasswordResult, SignInResult } from './auth.server'
import { getEnv } from './env.server'
import { recordSignInSuccess } from './rate-limit.server'
import { serviceRead, withService } from './service.server'
import { sessionMaxAgeSeconds, toClaims } from './session.server'
import { recordOwnPasswordChange } from './temporary-password.server'

function supabaseConfig() {
  const env = getEnv()
  if (!env.SUPABASE_URL || !env.SUPABASE_ANON_KEY) {
    throw new Error('AUTH_PROVIDER=supabase needs SUPABASE_URL and SUPABASE_ANON_KEY')
  }
  return { url: env.SUPABASE_URL, anonKey: env.SUPABASE_ANON_KEY, production: env.NODE_ENV === 'production' }
}

/**
 * Collects what the Supabase client wants to write: one Set-Cookie per cookie name (a sign-in
 * followed by updateUser writes the same cookies twice; the browser needs only the last).
 */
class CookieJar {
  private readonly cookies = new Map<string, string>()
  private readonly extra = new Map<string, string>()

  set(name: string, value: string, options: CookieOptions) {
    this.cookies.set(name, serializeCookieHeader(name, value, options))
  }

  setHeader(name: string, value: string) {
    this.extra.set(name, value)
  }

  toHeaders(): Headers {
    const headers = new Headers()
    for (const cookie of this.cookies.values()) headers.append('Set-Cookie', cookie)
    for (const [name, value] of this.extra) headers.set(name, value)
    return headers
  }
}

/**
 * supabase-js builds a Realtime client in its constructor, and on Node 20 (no global WebSocket)
 * that throws unless a transport is given. The server never opens a Realtime channel: this
 * transport only refuses, loudly, if somebody tries.
 */
class NoRealtimeOnTheServer {
  constructor() {
    throw new Error('Supabase Realtime is not used on the server')
  }
}
const realtime = { transport: NoRealtimeOnTheServer as unknown as NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport'] }

/** A Supabase client bound to one request's cookies; what it writes lands in `jar`. */
function createRequestClient(request: Request, jar: CookieJar): SupabaseClient {
  const { url, anonKey, production } = supabaseConfig()
  return createServerClient(url, anonKey, {
    realtime,
    cookieOptions: { path: '/', sameSite: 'lax', httpOnly: true, secure: production },
    cookies: {
      getAll: () =>
        parseCookieHeader(request.headers.get('cookie') ?? '').map((c) => ({ name: c.name, value: c.value ?? '' })),
      setAll: (cookies, cacheHeaders) => {
        for (const { name, value, options } of cookies) {
          // Nothing in the browser reads these (no browser client): HttpOnly. A set cookie lives as
          // long as a local session would; each token refresh extends it.
          const maxAge = options.maxAge === 0 ? 0 : sessionMaxAgeSeconds()
          jar.set(name, value, { ...options, httpOnly: true, secure: production, maxAge })
        }
        for (const [name, value] of Object.entries(cacheHeaders ?? {})) jar.setHeader(name, value)
      },
    },
  })
}

/** The service-role client for provisioning (server only; callers check permissions first). */
export function createAdminClient(): SupabaseClient {
  const { url } = supabaseConfig()
  const key = getEnv().SUPABASE_SERVICE_ROLE_KEY
  if (!key) throw new Error('SUPABASE_SERVICE_ROLE_KEY is required to provision users on Supabase')
  return createClient(url, key, {
    realtime,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  })
}

export const supabaseAuth: AuthProvider = {
  async authenticate(request) {
    const jar = new CookieJar()
    const supabase = createRequestClient(request, jar)
    const { data, error } = await supabase.auth.getClaims()
    if (error) throwIfOutage(error)
    const raw = data?.claims as Record<string, unknown> | undefined
    const claims = raw ? toClaims(raw) : null
    const profile = claims ? await profileState(claims.sub) : null
    // A token issued before the password last changed (the user's own change, or an administrator's reset)
    // belongs to a session the change ended: GoTrue ends them, but a project that verifies tokens with its
    // JWKS does not ask GoTrue until the token runs out.
    const live = !!profile && profile.active && !issuedBefore(raw?.iat, profile.passwordChangedAt)
    return { claims: live ? claims : null, headers: jar.toHeaders(), mustChangePassword: live && profile.temporaryPasswordSetAt !== null }
  },

  // GoTrue refreshes a session that ran out by itself (authenticate); one it refuses to refresh has
  // been signed out or revoked, and telling its cookie from a stranger's would need the project's
  // signing keys for an expired token. Such a form is answered as a stranger's: sign in again.
  async hadSession() {
    return false
  },

  async signIn(request, { email, password }, ticket): Promise<SignInResult> {
    const jar = new CookieJar()
    const supabase = createRequestClient(request, jar)
    const { data, error } = await supabase.auth.signInWithPassword({ email, password })
    if (error) {
      throwIfOutage(error)
      return { ok: false, reason: error.status === 429 ? 'rate_limited' : 'invalid' }
    }
    // The token comes straight from GoTrue over our own connection: decoding is enough here.
    const claims = toClaims(decodeJwt(data.session.access_token))
    const profile = claims ? await profileState(claims.sub) : null
    if (!claims || !profile?.active) {
      await supabase.auth.signOut({ scope: 'local' })
      return { ok: false, reason: 'invalid' }
    }
    await recordSignInSuccess(ticket)
    return { ok: true, claims, headers: jar.toHeaders(), mustChangePassword: profile.temporaryPasswordSetAt !== null }
  },

  async signOut(request) {
    const jar = new CookieJar()
    const supabase = createRequestClient(request, jar)
    // 'local': this browser's session only, as with the local provider.
    const { error } = await supabase.auth.signOut({ scope: 'local' })
    const headers = jar.toHeaders()
    if (error || !headers.has('Set-Cookie')) clearAuthCookies(request, headers)
    return headers
  },

  async changePassword(request, claims, { currentPassword, newPassword }, ticket): Promise<ChangePasswordResult> {
    const jar = new CookieJar()
    const supabase = createRequestClient(request, jar)
    // Proving the current password is a sign-in: it also gives this browser a brand-new session,
    // fresh enough for GoTrue's "secure password change" to accept without a nonce.
    const { data, error } = await supabase.auth.signInWithPassword({ email: claims.email, password: currentPassword })
    if (error) {
      throwIfOutage(error)
      return { ok: false, reason: error.status === 429 ? 'rate_limited' : 'invalid_current' }
    }
    if (data.user.id !== claims.sub) {
      await supabase.auth.signOut({ scope: 'local' })
      return { ok: false, reason: 'invalid_current' }
    }
    const updated = await supabase.auth.updateUser({ password: newPassword })
    if (updated.error) throw updated.error
    // GoTrue already ends the other sessions on a password change; say so explicitly anyway.
    const others = await supabase.auth.signOut({ scope: 'others' })
    if (others.error) throw others.error
    await recordSignInSuccess(ticket)
    // the password is the user's own now (GoTrue ignores app metadata from users: the mark is ours, on the
    // profile), changed as of this browser's new session: tokens issued before it are refused, its own are not
    const iat = decodeJwt(data.session.access_token).iat
    const changedAt = typeof iat === 'number' ? new Date(iat * 1000) : new Date()
    await withService((tx) => recordOwnPasswordChange(tx, claims.sub, changedAt))
    return { ok: true, headers: jar.toHeaders() }
  },
}

/** A GoTrue outage must surface as an error page, not as "wrong password". */
function throwIfOutage(error: AuthError) {
  if (error.name === 'AuthRetryableFetchError' || (isAuthApiError(error) && error.status >= 500)) throw error
}

/**
 * Deactivation is mirrored into profiles.is_active; a user without a profile row is not blocked here. The
 * same row marks a password an administrator set (temporary_password_set_at); when the password last changed
 * is the latest of what the app recorded (password_changed_at, the mark) and of what the database saw
 * (private.password_changes: a new hash in auth.users by anyone, the dashboard or a recovery mail included),
 * in seconds since the epoch.
 */
async function profileState(userId: string): Promise<{ active: boolean; temporaryPasswordSetAt: number | null; passwordChangedAt: number | null }> {
  // one statement on every request, not a transaction of four (as the local provider's session check)
  const row = await serviceRead((db) =>
    db
      .selectFrom('profiles as p')
      .leftJoin('private.password_changes as c', 'c.user_id', 'p.user_id')
      .select([
        'p.is_active',
        sql<number | null>`extract(epoch from p.temporary_password_set_at)::float8`.as('set_at'),
        sql<number | null>`extract(epoch from greatest(p.password_changed_at, p.temporary_password_set_at, c.changed_at))::float8`.as('changed_at'),
      ])
      .where('p.user_id', '=', userId)
      .executeTakeFirst(),
  )
  return { active: row?.is_active ?? true, temporaryPasswordSetAt: row?.set_at ?? null, passwordChangedAt: row?.changed_at ?? null }
}

/** Whether a token's `iat` (seconds) falls in a whole second before `time` (seconds, null: never). */
function issuedBefore(iat: unknown, time: number | null): boolean {
  return time !== null && typeof iat === 'number' && iat < Math.floor(time)
}

/** Expires every Supabase auth cookie the request carried (sb-<ref>-auth-token and its chunks). */
function clearAuthCookies(request: Request, headers: Headers) {
  const { production } = supabaseConfig()
  for (const { name } of parseCookieHeader(request.headers.get('cookie') ?? '')) {
    if (!/^sb-.+-auth-token(\.\d+)?$/.test(name)) continue
    headers.append(
      'Set-Cookie',
      serializeCookieHeader(name, '', { path: '/', sameSite: 'lax', httpOnly: true, secure: production, maxAge: 0 }),
    )
  }
}
