/**
 * The local auth provider: users in auth.users (GoTrue's table shape, bcrypt hashes), one
 * auth.sessions row per signed-in browser, and a signed JWT in the `__session` cookie naming it.
 * Every request re-checks the row, so sign-out, password change and deactivation take effect on
 * the very next request, not when the token expires.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { AuthProvider, ChangePasswordResult, SignInResult } from './auth.server'
import type { Claims, Tx } from './db.server'
import { hashPassword, needsRehash, verifyPassword } from './password.server'
import { recordSignInSuccess } from './rate-limit.server'
import { getClientIp, getUserAgent } from './request-info.server'
import { serviceRead, withService } from './service.server'
import { recordOwnPasswordChange } from './temporary-password.server'
import {
  readSessionCookie,
  serializeClearedSessionCookie,
  serializeSessionCookie,
  sessionMaxAgeSeconds,
  signSessionToken,
  verifySessionToken,
} from './session.server'

export const localAuth: AuthProvider = {
  async authenticate(request) {
    const headers = new Headers()
    const token = readSessionCookie(request)
    if (!token) return { claims: null, headers, mustChangePassword: false }
    const claims = await verifySessionToken(token)
    const session = claims ? await liveSession(claims) : null
    // A cookie that no longer opens anything is removed, so the browser stops sending it.
    if (!session) headers.append('Set-Cookie', serializeClearedSessionCookie())
    return { claims: session ? claims : null, headers, mustChangePassword: session?.mustChangePassword ?? false }
  },

  async hadSession(request) {
    return (await previousSessionId(request)) !== null
  },

  async signIn(request, { email, password }, ticket): Promise<SignInResult> {
    const user = await withService((tx) => findUserByEmail(tx, email))
    // Always one bcrypt compare, against a dummy hash when there is no user: same time either way.
    const matched = await verifyPassword(password, user?.encrypted_password)
    if (!user || !matched || !user.usable) return { ok: false, reason: 'invalid' }

    const previous = await previousSessionId(request)
    const sessionId = await withService(async (tx) => {
      await recordSignInSuccess(ticket, tx)
      // Rotation: the browser's previous session (if any) ends; a new row is always created.
      if (previous) await tx.deleteFrom('auth.sessions').where('id', '=', previous).execute()
      await tx.deleteFrom('auth.sessions').where('user_id', '=', user.id).where('not_after', '<=', sql<Date>`now()`).execute()
      const id = await createSession(tx, user.id, request)
      const rehash = user.encrypted_password && needsRehash(user.encrypted_password) ? await hashPassword(password) : null
      await tx
        .updateTable('auth.users')
        .set({
          last_sign_in_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
          ...(rehash ? { encrypted_password: rehash } : {}),
        })
        .where('id', '=', user.id)
        .execute()
      return id
    })
    const { token, claims } = await signSessionToken({ userId: user.id, email: user.email, sessionId })
    return { ok: true, claims, headers: cookieHeaders(token), mustChangePassword: user.mustChangePassword }
  },

  async signOut(request) {
    const token = readSessionCookie(request)
    const claims = token ? await verifySessionToken(token, { allowExpired: true }) : null
    if (claims) {
      await withService((tx) =>
        tx.deleteFrom('auth.sessions').where('id', '=', claims.session_id).where('user_id', '=', claims.sub).execute(),
      )
    }
    const headers = new Headers()
    headers.append('Set-Cookie', serializeClearedSessionCookie())
    return headers
  },

  async changePassword(request, claims, { currentPassword, newPassword }, ticket): Promise<ChangePasswordResult> {
    const user = await withService((tx) =>
      tx
        .selectFrom('auth.users')
        .select(['id', 'email', 'encrypted_password'])
        .where('id', '=', claims.sub)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
    )
    const matched = await verifyPassword(currentPassword, user?.encrypted_password)
    if (!user || !matched) return { ok: false, reason: 'invalid_current' }

    const hash = await hashPassword(newPassword)
    const sessionId = await withService(async (tx) => {
      await recordSignInSuccess(ticket, tx)
      await tx
        .updateTable('auth.users')
        .set({ encrypted_password: hash, updated_at: sql<Date>`now()` })
        .where('id', '=', user.id)
        .execute()
      // Every device is signed out, this browser included; it gets a fresh session below.
      await tx.deleteFrom('auth.sessions').where('user_id', '=', user.id).execute()
      await recordOwnPasswordChange(tx, user.id, new Date())
      return createSession(tx, user.id, request)
    })
    const { token } = await signSessionToken({ userId: user.id, email: user.email ?? claims.email, sessionId })
    return { ok: true, headers: cookieHeaders(token) }
  },
}

interface SignInUser {
  id: string
  email: string
  encrypted_password: string | null
  /** not banned and not deleted */
  usable: boolean
  /** its password was set by an administrator (profiles.temporary_password_set_at) */
  mustChangePassword: boolean
}

async function findUserByEmail(tx: Tx, email: string): Promise<SignInUser | undefined> {
  const row = await tx
    .selectFrom('auth.users as u')
    .leftJoin('profiles as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.encrypted_password'])
    .select(
      sql<boolean>`u.deleted_at is null and (u.banned_until is null or u.banned_until <= now())`.as('usable'),
    )
    .select(sql<boolean>`p.temporary_password_set_at is not null`.as('mustChangePassword'))
    .where('u.email', '=', email)
    .where(sql<boolean>`u.is_sso_user = false`)
    .executeTakeFirst()
  return row ? { ...row, email: row.email ?? email } : undefined
}

/**
 * The row behind a verified token exists, has not run out, and its user may still sign in; and
 * whether the user must change a password an administrator set. One statement, as every request makes it.
 */
async function liveSession(claims: Claims): Promise<{ mustChangePassword: boolean } | null> {
  const row = await serviceRead((db) =>
    db
      .selectFrom('auth.sessions as s')
      .innerJoin('auth.users as u', 'u.id', 's.user_id')
      .leftJoin('profiles as p', 'p.user_id', 's.user_id')
      .select(sql<boolean>`p.temporary_password_set_at is not null`.as('mustChangePassword'))
      .where('s.id', '=', claims.session_id)
      .where('s.user_id', '=', claims.sub)
      .where('s.not_after', '>', sql<Date>`now()`)
      .where('u.deleted_at', 'is', null)
      .where(sql<boolean>`(u.banned_until is null or u.banned_until <= now())`)
      .executeTakeFirst(),
  )
  return row ? { mustChangePassword: row.mustChangePassword } : null
}


async function previousSessionId(request: Request): Promise<string | null> {
  const token = readSessionCookie(request)
  const claims = token ? await verifySessionToken(token, { allowExpired: true }) : null
  return claims?.session_id ?? null
}

async function createSession(tx: Tx, userId: string, request: Request): Promise<string> {
  const id = randomUUID()
  await sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, not_after, aal, user_agent, ip)
    values (${id}, ${userId}, now(), now(), now() + make_interval(secs => ${sessionMaxAgeSeconds()}), 'aal1',
            ${getUserAgent(request)}, ${getClientIp(request)}::inet)`.execute(tx)
  return id
}

function cookieHeaders(token: string): Headers {
  const headers = new Headers()
  headers.append('Set-Cookie', serializeSessionCookie(token))
  headers.append('Cache-Control', 'private, no-cache, no-store, must-revalidate, max-age=0')
  return headers
}
