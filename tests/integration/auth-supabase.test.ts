/**
 * The Supabase provider against recorded GoTrue v2 exchanges (tests/fixtures/supabase-auth),
 * replayed by msw. The database is the seeded test database: GoTrue and the app share one Postgres
 * on Supabase, so the recorded user is the seeded yunmen secretary (same id, same profile).
 */
import bcrypt from 'bcryptjs'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticate, changePassword, getClaims, getSession, requireClaims, signIn, signOut } from '../../app/lib/auth.server'
import { closeDb, getRawDb, type Db } from '../../app/lib/db.server'
import { resetEnvCache } from '../../app/lib/env.server'
import { provisionUser, resetPassword, setUserActive } from '../../app/lib/provisioning.server'
import { createReplayServer, keys } from '../fixtures/supabase-auth/replay'
import { createTestDb, DEMO_PASSWORD } from '../support/test-db'

const COOKIE = 'sb-127-auth-token'
const [SESSION_1, SESSION_2, SESSION_3, SESSION_4] = keys.sessions
const NEW_PASSWORD = 'Rucheng 2027 new'

const replay = createReplayServer({
  hooks: {
    // GoTrue writes auth.users in the shared database before it answers.
    'admin-create-user': (_request, body) => insertNewUser(body),
    // …and for email_exists somebody else's call has just written it.
    'admin-create-user-email-exists': (_request, body) => insertNewUser(body),
    // An administrator's password: GoTrue stores its hash (cost 4 here, to be quick) over a connection of its own,
    // while the reset's transaction waits for its answer. PGlite has one connection: the write waits for that
    // transaction instead of holding the answer up (gotrueWrite, awaited by the test).
    'admin-reset-password': (_request, body) => {
      gotrueWrite = gotrueStoresPassword(String(body?.password))
    },
    // The user's own change: GoTrue stores the hash before it answers, a moment after the change's sign-in,
    // and its clock has turned a second since (the session of that sign-in must stay valid all the same).
    'user-update-password': (_request, body) => gotrueStoresPassword(String(body?.password), 1.5),
    'user-update-password-temporary': (_request, body) => gotrueStoresPassword(String(body?.password), 1.5),
  },
})
let gotrueWrite: Promise<unknown> = Promise.resolve()

/**
 * GoTrue storing a new password hash (cost 4, to be quick) over a connection of its own. The trigger on
 * auth.users records the change (private.password_changes) by the database's clock, which is real, while
 * the test's runs from the recording: the record is put at the test's clock, `later` seconds on.
 */
async function gotrueStoresPassword(password: string, later = 0) {
  const raw = await getRawDb()
  await raw.updateTable('auth.users').set({ encrypted_password: bcrypt.hashSync(password, 4) }).where('id', '=', keys.user.id).execute()
  const recorded = await raw
    .updateTable('private.password_changes')
    .set({ changed_at: new Date(Date.now() + later * 1000) })
    .where('user_id', '=', keys.user.id)
    .executeTakeFirst()
  if (Number(recorded.numUpdatedRows) !== 1) throw new Error('the trigger on auth.users recorded no password change')
}

async function insertNewUser(body: Record<string, unknown> | undefined) {
  const db = await getRawDb()
  await db
    .insertInto('auth.users')
    .values({
      id: keys.newUser.id,
      instance_id: '00000000-0000-0000-0000-000000000000',
      aud: 'authenticated',
      role: 'authenticated',
      email: String(body?.email),
      encrypted_password: '$2a$10$recordedrecordedrecordedrecordedrecordedrecordedrecor',
      email_confirmed_at: sql<Date>`now()`,
      invited_at: null,
      last_sign_in_at: null,
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: body?.user_metadata ?? {},
      created_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
      banned_until: null,
      deleted_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

let db: Db
const savedEnv = { ...process.env }

/** A browser's cookie jar for the Supabase auth cookies (chunked or not). */
function browser() {
  const jar = new Map<string, string>()
  return {
    jar,
    request(path = '/', method = 'GET') {
      const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ')
      return new Request(`http://portal.test${path}`, {
        method,
        headers: { 'x-forwarded-for': '203.0.113.50', ...(cookie ? { cookie } : {}) },
      })
    },
    receive(headers: Headers) {
      for (const line of headers.getSetCookie()) {
        const [pair] = line.split(';')
        const i = pair!.indexOf('=')
        const name = pair!.slice(0, i)
        if (/max-age=0/i.test(line)) jar.delete(name)
        else jar.set(name, pair!.slice(i + 1))
      }
    },
  }
}

async function signedIn(b = browser(), password = DEMO_PASSWORD) {
  const result = await signIn(b.request('/login', 'POST'), { email: keys.user.email, password })
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`)
  b.receive(result.headers)
  return { b, claims: result.claims }
}

const at = (secondsAfterRecording: number) => vi.setSystemTime((keys.recordedAt + secondsAfterRecording) * 1000)

function useProvider(provider: 'local' | 'supabase') {
  process.env.AUTH_PROVIDER = provider
  resetEnvCache()
}

let seededHash: string | null = null

beforeAll(async () => {
  db = await createTestDb()
  seededHash = (await db.selectFrom('auth.users').select('encrypted_password').where('id', '=', keys.user.id).executeTakeFirstOrThrow()).encrypted_password
  await db.deleteFrom('private.password_changes').where('user_id', '=', keys.user.id).execute()
  Object.assign(process.env, {
    SUPABASE_URL: keys.supabaseUrl,
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    SESSION_SECRET: 'integration-test-session-secret-0123456789abcdef',
    // required by the env schema with AUTH_PROVIDER=supabase; the test database is already installed
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://unused.invalid/portal',
  })
  useProvider('supabase')
  replay.server.listen({ onUnhandledRequest: 'error' })
  vi.useFakeTimers({ toFake: ['Date'] })
})

beforeEach(() => {
  at(30)
  useProvider('supabase')
})

afterEach(async () => {
  expect(replay.unmatched).toEqual([])
  expect(replay.drift).toEqual([])
  replay.reset()
  await db.deleteFrom('private.sign_in_attempts').execute()
  // a password change marks the seeded secretary's profile and the database's record of changes: the later
  // tests sign in with tokens issued before it. Her own hash again (as the other tests and, on Postgres, the
  // other files expect her), and neither record.
  await db.updateTable('auth.users').set({ encrypted_password: seededHash }).where('id', '=', keys.user.id).execute()
  await db.deleteFrom('private.password_changes').where('user_id', '=', keys.user.id).execute()
  await db.updateTable('profiles').set({ temporary_password_set_at: null, password_changed_at: null }).where('user_id', '=', keys.user.id).execute()
})

afterAll(async () => {
  replay.server.close()
  // On Postgres the test files share one database: leave it as the seed made it.
  await db.deleteFrom('auth.users').where('id', '=', keys.newUser.id).execute()
  vi.useRealTimers()
  await closeDb()
  process.env = savedEnv
  resetEnvCache()
})

describe('sign-in through Supabase Auth', () => {
  it('returns the same Claims shape as the local provider and sets HttpOnly auth cookies', async () => {
    const b = browser()
    const result = await signIn(b.request('/login', 'POST'), { email: ' YunMen.Secretary@ruyuan.demo', password: DEMO_PASSWORD })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.claims).toEqual({
      sub: keys.user.id,
      role: 'authenticated',
      email: keys.user.email,
      exp: keys.recordedAt + 3600,
      session_id: SESSION_1,
      aal: 'aal1',
    })
    const [request] = replay.log
    expect(request).toMatchObject({
      exchange: 'token-password-ok',
      headers: { apikey: keys.anonKey, 'x-supabase-api-version': '2024-01-01' },
      body: { email: keys.user.email, password: DEMO_PASSWORD },
    })

    const cookies = result.headers.getSetCookie()
    expect(cookies.length).toBeGreaterThan(0)
    for (const cookie of cookies) {
      expect(cookie).toMatch(new RegExp(`^${COOKIE}(\\.\\d+)?=base64-`))
      expect(cookie).toContain('Max-Age=43200')
      expect(cookie).toContain('Path=/')
      expect(cookie).toContain('HttpOnly')
      expect(cookie).toContain('SameSite=Lax')
      expect(cookie).not.toContain('Secure')
    }
    expect(result.headers.get('cache-control')).toContain('no-store')

    // The same user through the local provider: identical shape, identical identity.
    useProvider('local')
    const local = await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })
    if (!local.ok) throw new Error('local sign-in failed')
    expect(Object.keys(local.claims).sort()).toEqual(Object.keys(result.claims).sort())
    expect(local.claims).toMatchObject({ sub: result.claims.sub, email: result.claims.email, role: 'authenticated', aal: 'aal1' })
  })

  it('verifies the cookie with GoTrue on every request (getClaims, never getSession)', async () => {
    const { b, claims } = await signedIn()
    replay.reset()
    replay.state.add('session-1')
    expect(await getClaims(b.request())).toEqual(claims)
    expect(await getClaims(b.request())).toEqual(claims)
    expect(replay.log.map((l) => [l.exchange, l.headers.authorization])).toEqual([
      ['user-ok', expect.stringMatching(/^Bearer ey/)],
      ['user-ok', expect.stringMatching(/^Bearer ey/)],
    ])
  })

  it('answers one generic failure for wrong password and unknown email (both GoTrue error shapes)', async () => {
    const b = browser()
    expect(await signIn(b.request('/login', 'POST'), { email: keys.user.email, password: 'wrong password' })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(await signIn(b.request('/login', 'POST'), { email: 'nobody@ruyuan.demo', password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(replay.replayed()).toEqual(['token-password-invalid-credentials', 'token-password-invalid-grant'])
  })

  it('applies our own account limit before asking GoTrue', async () => {
    const b = browser()
    for (let i = 0; i < 5; i++) {
      expect(await signIn(b.request('/login', 'POST'), { email: keys.user.email, password: 'wrong password' })).toEqual({
        ok: false,
        reason: 'invalid',
      })
    }
    expect(await signIn(b.request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'rate_limited',
    })
    expect(replay.log).toHaveLength(5)
  })

  it("maps GoTrue's own 429 to rate_limited", async () => {
    replay.state.add('gotrue-rate-limited')
    expect(await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'rate_limited',
    })
  })

  it('rejects a cookie whose token GoTrue did not sign', async () => {
    const { b } = await signedIn()
    const [name, value] = [...b.jar].find(([n]) => n.startsWith(COOKIE))!
    const session = JSON.parse(Buffer.from(value.slice('base64-'.length), 'base64url').toString())
    const [h, , s] = session.access_token.split('.')
    const payload = { ...JSON.parse(Buffer.from(session.access_token.split('.')[1], 'base64url').toString()), sub: keys.newUser.id }
    session.access_token = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.')
    b.jar.set(name, 'base64-' + Buffer.from(JSON.stringify(session)).toString('base64url'))
    expect(await getClaims(b.request())).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-bad-jwt')
  })

  it('refreshes an expired access token and hands the new cookies to the caller', async () => {
    const { b } = await signedIn()
    at(3700 + 30)
    const { claims, headers } = await authenticate(b.request())
    expect(claims).toMatchObject({ sub: keys.user.id, session_id: SESSION_1, exp: keys.recordedAt + 3700 + 3600 })
    expect(replay.replayed().slice(-2)).toEqual(['token-refresh', 'user-ok-refreshed'])
    expect(headers.getSetCookie().length).toBeGreaterThan(0)
    b.receive(headers)
    replay.log.length = 0
    expect(await getClaims(b.request())).toEqual(claims)
    expect(replay.replayed()).toEqual(['user-ok-refreshed'])
  })
})

describe('sessions through Supabase Auth', () => {
  it('signs out this browser; the old cookie stops working', async () => {
    const { b } = await signedIn()
    const oldJar = new Map(b.jar)
    const headers = await signOut(b.request('/logout', 'POST'))
    expect(replay.replayed().at(-1)).toBe('logout-local')
    expect(headers.getSetCookie().every((c) => /Max-Age=0/.test(c))).toBe(true)
    b.receive(headers)
    expect(b.jar.size).toBe(0)

    const stale = browser()
    for (const [n, v] of oldJar) stale.jar.set(n, v)
    const { claims, headers: cleared } = await authenticate(stale.request())
    expect(claims).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-session-not-found')
    // the dead session is removed from the browser too
    expect(cleared.getSetCookie().some((c) => c.startsWith(COOKIE) && /Max-Age=0/.test(c))).toBe(true)
  })

  it('clears the cookies even when there was no session to sign out', async () => {
    const b = browser()
    b.jar.set(COOKIE, 'garbage')
    const headers = await signOut(b.request('/logout', 'POST'))
    expect(headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`) && /Max-Age=0/.test(c))).toBe(true)
  })

  it('changes the password: current one checked, other sessions end, this browser gets session 2', async () => {
    const { b: laptop, claims } = await signedIn()
    const phoneJar = new Map(laptop.jar) // another device holding session 1

    expect(
      await changePassword(laptop.request('/account/password', 'POST'), claims, {
        currentPassword: 'wrong password',
        newPassword: NEW_PASSWORD,
      }),
    ).toEqual({ ok: false, reason: 'invalid_current' })

    // the time of the recorded change (its sign-in issues session 2's token now)
    at(120)
    const result = await changePassword(laptop.request('/account/password', 'POST'), claims, {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(replay.replayed().slice(-3)).toEqual(['token-password-second-session', 'user-update-password', 'logout-others'])
    const update = replay.log.find((l) => l.exchange === 'user-update-password')!
    expect(update.body).toMatchObject({ password: NEW_PASSWORD })
    // one Set-Cookie per cookie name, although the client wrote them twice
    const names = result.headers.getSetCookie().map((c) => c.split('=')[0])
    expect(new Set(names).size).toBe(names.length)

    laptop.receive(result.headers)
    const fresh = await getClaims(laptop.request())
    expect(fresh).toMatchObject({ sub: claims.sub, session_id: SESSION_2 })

    const phone = browser()
    for (const [n, v] of phoneJar) phone.jar.set(n, v)
    expect(await getClaims(phone.request())).toBeNull()
    // …and where GoTrue is not asked (a project verifying tokens with its JWKS), the token session 1 holds,
    // issued before the change, is refused all the same; session 2's, issued by the change's sign-in, is not
    replay.state.delete('session-1-ended')
    expect(await getClaims(phone.request())).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-ok')
    replay.state.add('session-1-ended')
    expect(await getClaims(laptop.request())).toMatchObject({ session_id: SESSION_2 })
    const changed = await db.selectFrom('profiles').select('password_changed_at').where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(changed.password_changed_at).toEqual(new Date((keys.recordedAt + 120) * 1000))

    expect(await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect((await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: NEW_PASSWORD })).ok).toBe(true)
  })
  it('refuses, where GoTrue is not asked, a token issued before the password was changed outside the app (the dashboard, a recovery mail)', async () => {
    const { b } = await signedIn()
    expect(await getClaims(b.request())).toMatchObject({ session_id: SESSION_1 })
    at(300)
    await gotrueStoresPassword('Changed in the dashboard')
    // the app recorded nothing of it; the database did
    const profile = await db.selectFrom('profiles').select(['password_changed_at', 'temporary_password_set_at']).where('user_id', '=', keys.user.id).executeTakeFirstOrThrow()
    expect(profile).toEqual({ password_changed_at: null, temporary_password_set_at: null })
    // GoTrue still says the token is good (as a project verifying it with its JWKS would): refused all the same
    expect(await getClaims(b.request())).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-ok')
  })
})

describe('provisioning through the Supabase Auth admin API', () => {
  it('bans a user, blocks their live cookie at once, and lifts the ban', async () => {
    const { b, claims } = await signedIn()
    await setUserActive(claims.sub, false)
    const ban = replay.log.find((l) => l.exchange === 'admin-ban-user')!
    expect(ban.headers).toMatchObject({ apikey: keys.serviceRoleKey, authorization: `Bearer ${keys.serviceRoleKey}` })
    expect(ban.body).toEqual({ ban_duration: '876000h' })
    const profile = await db.selectFrom('profiles').select('is_active').where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(profile.is_active).toBe(false)

    // GoTrue still accepts the unexpired access token; the profile check refuses it.
    expect(await getClaims(b.request())).toBeNull()
    expect(await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(replay.replayed().at(-1)).toBe('token-password-user-banned')

    await setUserActive(claims.sub, true)
    expect(replay.log.find((l) => l.exchange === 'admin-unban-user')?.body).toEqual({ ban_duration: 'none' })
    const again = await db.selectFrom('profiles').select('is_active').where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(again.is_active).toBe(true)
    const back = await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })
    expect(back.ok).toBe(true)
  })

  it('creates a confirmed user with a temporary password, then finds it again without the API', async () => {
    const created = await provisionUser({ email: keys.newUser.email.toUpperCase(), displayName: keys.newUser.displayName })
    expect(created).toEqual({ userId: keys.newUser.id, created: true, temporaryPassword: expect.any(String) })
    const call = replay.log.find((l) => l.exchange === 'admin-create-user')!
    expect(call.headers).toMatchObject({ apikey: keys.serviceRoleKey, authorization: `Bearer ${keys.serviceRoleKey}` })
    expect(call.body).toEqual({
      email: keys.newUser.email,
      password: created.temporaryPassword,
      email_confirm: true,
      user_metadata: { display_name: keys.newUser.displayName },
    })
    const profile = await db.selectFrom('profiles').selectAll().where('user_id', '=', keys.newUser.id).executeTakeFirstOrThrow()
    expect(profile).toMatchObject({ email: keys.newUser.email, display_name: keys.newUser.displayName, is_active: true })
    // the administrator's password: to be changed at the first sign-in (ADR 0018)
    expect(profile.temporary_password_set_at).toEqual(new Date((keys.recordedAt + 30) * 1000))

    replay.log.length = 0
    expect(await provisionUser({ email: keys.newUser.email, displayName: 'x' })).toEqual({ userId: keys.newUser.id, created: false })
    expect(await provisionUser({ email: keys.user.email, displayName: 'x' })).toEqual({ userId: keys.user.id, created: false })
    expect(replay.log).toEqual([])
  })

  it('treats email_exists (another call created the user meanwhile) as "already there"', async () => {
    await db.deleteFrom('auth.users').where('id', '=', keys.newUser.id).execute()
    replay.state.add('new-user-exists')
    const result = await provisionUser({ email: keys.newUser.email, displayName: keys.newUser.displayName })
    expect(result).toEqual({ userId: keys.newUser.id, created: false })
    expect(replay.replayed()).toEqual(['admin-create-user-email-exists'])
    const profile = await db.selectFrom('profiles').select('display_name').where('user_id', '=', keys.newUser.id).executeTakeFirst()
    expect(profile).toEqual({ display_name: keys.newUser.displayName })
  })
})


describe('a password an administrator set, through Supabase Auth (ADR 0018)', () => {
  it('reset: the admin API sets it, GoTrue ends every session, the profile marks it; only the user’s own change lets them on', async () => {
    const { b: old, claims } = await signedIn()
    const admin = await db.selectFrom('auth.users').select('id').where('email', '=', 'county.admin@ruyuan.demo').executeTakeFirstOrThrow()
    at(600)
    const token = 'Qw8eR7tY6uI5oP4aS3dF2g'
    const temporary = await resetPassword(claims.sub, { actorId: admin.id, token })
    const call = replay.log.find((l) => l.exchange === 'admin-reset-password')!
    expect(call.headers).toMatchObject({ apikey: keys.serviceRoleKey, authorization: `Bearer ${keys.serviceRoleKey}` })
    expect(call.body).toEqual({ password: temporary })
    const profile = await db.selectFrom('profiles').select('temporary_password_set_at').where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(profile.temporary_password_set_at).toEqual(new Date((keys.recordedAt + 600) * 1000))
    const { rows: audit } = await sql<{ actor_id: string }>`
      select actor_id from public.audit_log where table_name = 'public.profiles' and row_id = ${claims.sub}
         and new_row ->> 'temporary_password_set_at' is not null`.execute(db)
    expect(audit.map((r) => r.actor_id)).toContain(admin.id)

    // the same confirmation again (a double click): the password is in force already, nothing is asked of GoTrue
    await gotrueWrite
    expect(await resetPassword(claims.sub, { actorId: admin.id, token })).toBe(temporary)
    expect(replay.replayed().filter((e) => e === 'admin-reset-password')).toHaveLength(1)

    // GoTrue ended session 1…
    expect(await getClaims(old.request())).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-session-not-found')
    // …and where GoTrue is not asked (a project verifying tokens with its JWKS), a token issued before the reset is refused all the same
    replay.state.delete('session-1-ended')
    expect(await getClaims(old.request())).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-ok')
    replay.state.add('session-1-ended')

    // signed in with the temporary password: every page sends the user to change it
    at(700)
    const b = browser()
    const result = await signIn(b.request('/login', 'POST'), { email: keys.user.email, password: temporary })
    expect(result).toMatchObject({ ok: true, mustChangePassword: true, claims: { session_id: SESSION_3 } })
    if (!result.ok) return
    b.receive(result.headers)
    expect(await getSession(b.request())).toMatchObject({ claims: { session_id: SESSION_3 }, mustChangePassword: true })
    const sent = await requireClaims(b.request('/village/8dc02ee6-a131-5508-a1c2-68ae9f06a0d8/reports')).catch((e: unknown) => e)
    expect(sent).toBeInstanceOf(Response)
    expect((sent as Response).headers.get('Location')).toBe('/account/password?redirectTo=%2Fvillage%2F8dc02ee6-a131-5508-a1c2-68ae9f06a0d8%2Freports')

    // the change: the temporary password proven, session 4, the mark cleared in the user's own name
    at(760)
    const changed = await changePassword(b.request('/account/password', 'POST'), result.claims, { currentPassword: temporary, newPassword: NEW_PASSWORD })
    expect(changed.ok).toBe(true)
    if (!changed.ok) return
    expect(replay.replayed().slice(-3)).toEqual(['token-password-temporary-change', 'user-update-password-temporary', 'logout-others-session-4'])
    b.receive(changed.headers)
    expect(await getSession(b.request())).toMatchObject({ claims: { session_id: SESSION_4 }, mustChangePassword: false })
    const cleared = await db.selectFrom('profiles').select(['temporary_password_set_at', 'password_changed_at']).where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(cleared).toEqual({ temporary_password_set_at: null, password_changed_at: new Date((keys.recordedAt + 760) * 1000) })
    // the mark is gone, but a token issued before the reset stays refused where GoTrue is not asked
    replay.state.delete('session-1-ended')
    expect(await getClaims(old.request())).toBeNull()
    expect(replay.replayed().at(-1)).toBe('user-ok')
    replay.state.add('session-1-ended')
    const { rows: own } = await sql<{ actor_id: string }>`
      select actor_id from public.audit_log where table_name = 'public.profiles' and row_id = ${claims.sub}
         and new_row ->> 'temporary_password_set_at' is null and old_row ->> 'temporary_password_set_at' is not null`.execute(db)
    expect(own.map((r) => r.actor_id)).toContain(claims.sub)
    // no app metadata was asked of GoTrue: users cannot write it there, and the mark is not kept there
    expect(replay.log.some((l) => JSON.stringify(l.body ?? {}).includes('app_metadata'))).toBe(false)
  })

  it('a new user’s sign-in through GoTrue reports the mark', async () => {
    await db.updateTable('profiles').set({ temporary_password_set_at: new Date((keys.recordedAt - 60) * 1000) }).where('user_id', '=', keys.user.id).execute()
    const result = await signIn(browser().request('/login', 'POST'), { email: keys.user.email, password: DEMO_PASSWORD })
    expect(result).toMatchObject({ ok: true, mustChangePassword: true })
  })
})
