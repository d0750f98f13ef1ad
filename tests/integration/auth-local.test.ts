import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { changePassword, getClaims, requireClaims, signIn, signOut } from '../../app/lib/auth.server'
import type { Db } from '../../app/lib/db.server'
import { hashPassword } from '../../app/lib/password.server'
import { setUserActive } from '../../app/lib/provisioning.server'
import { SESSION_COOKIE, signSessionToken } from '../../app/lib/session.server'
import { useLocalAuthTestDb } from '../support/local-auth'
import { DEMO_PASSWORD } from '../support/test-db'

const SECRETARY = 'yunmen.secretary@ruyuan.demo'
const CLERK = 'yunmen.clerk@ruyuan.demo'
const TOWN = 'rucheng.admin@ruyuan.demo'
const PASSWORD_CHANGER = 'daliaokeng.secretary@ruyuan.demo'
const LIAISON = 'unit.liaison@ruyuan.demo'

let db: Db
let ipCounter = 0
/** Each test its own client address, so IP buckets never leak between tests. */
const freshIp = () => `198.51.100.${++ipCounter}`

function browser(ip = freshIp()) {
  let cookie = ''
  return {
    ip,
    get cookie() {
      return cookie
    },
    request(path = '/', method = 'GET') {
      return new Request(`http://portal.test${path}`, {
        method,
        headers: { 'x-forwarded-for': `10.0.0.1, ${ip}`, 'user-agent': 'vitest browser', ...(cookie ? { cookie } : {}) },
      })
    },
    /** Applies a response's Set-Cookie headers as a browser would. */
    receive(headers: Headers) {
      for (const line of headers.getSetCookie()) {
        const [pair] = line.split(';')
        const [name, value] = pair!.split('=') as [string, string]
        if (name !== SESSION_COOKIE) continue
        cookie = /max-age=0/i.test(line) ? '' : `${name}=${value}`
      }
    },
    setCookie(value: string) {
      cookie = value
    },
  }
}

async function signedIn(email: string, b = browser(), password = DEMO_PASSWORD) {
  const result = await signIn(b.request('/login', 'POST'), { email, password })
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`)
  b.receive(result.headers)
  return { b, claims: result.claims, headers: result.headers }
}

// On Postgres the test files share one database: leave it as the seed made it.
useLocalAuthTestDb(
  (created) => (db = created),
  async (raw) => {
    await raw
      .updateTable('auth.users')
      .set({ encrypted_password: await hashPassword(DEMO_PASSWORD) })
      .where('email', '=', PASSWORD_CHANGER)
      .execute()
  },
)

describe('sign-in', () => {
  it('returns the claims, creates a session row and a cookie that getClaims accepts', async () => {
    const b = browser()
    const result = await signIn(b.request('/login', 'POST'), { email: '  YunMen.Secretary@Ruyuan.demo ', password: DEMO_PASSWORD })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { claims } = result
    expect(Object.keys(claims).sort()).toEqual(['aal', 'email', 'exp', 'role', 'session_id', 'sub'])
    expect(claims).toMatchObject({ role: 'authenticated', email: SECRETARY, aal: 'aal1' })
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(12 * 3600 - 60)

    const session = await db
      .selectFrom('auth.sessions')
      .select(['user_id', 'user_agent', sql<string>`host(ip)`.as('ip'), sql<number>`extract(epoch from not_after - now())`.as('left')])
      .where('id', '=', claims.session_id)
      .executeTakeFirstOrThrow()
    expect(session.user_id).toBe(claims.sub)
    expect(session.user_agent).toBe('vitest browser')
    expect(session.ip).toBe(b.ip)
    expect(Number(session.left)).toBeGreaterThan(12 * 3600 - 60)

    const user = await db.selectFrom('auth.users').select('last_sign_in_at').where('id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(Date.now() - new Date(user.last_sign_in_at!).getTime()).toBeLessThan(60_000)

    const [setCookie] = result.headers.getSetCookie()
    expect(setCookie).toMatch(/^__session=[\w-]+\.[\w-]+\.[\w-]+; /)
    expect(setCookie).toContain('Max-Age=43200')
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Path=/')
    expect(setCookie).not.toContain('Secure')

    b.receive(result.headers)
    expect(await getClaims(b.request('/'))).toEqual(claims)
  })

  it('upgrades a hash made with a lower bcrypt cost on the next sign-in', async () => {
    const { claims } = await signedIn(LIAISON)
    const row = await db.selectFrom('auth.users').select('encrypted_password').where('id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(row.encrypted_password).toMatch(/^\$2[aby]\$10\$/)
    await signedIn(LIAISON)
  })

  it('answers one generic failure for wrong password, unknown email, banned and deleted users', async () => {
    const b = browser()
    const attempt = (email: string, password = DEMO_PASSWORD) => signIn(b.request('/login', 'POST'), { email, password })
    expect(await attempt(CLERK, 'wrong password 1')).toEqual({ ok: false, reason: 'invalid' })
    expect(await attempt('nobody@ruyuan.demo')).toEqual({ ok: false, reason: 'invalid' })

    await db.updateTable('auth.users').set({ banned_until: sql<Date>`now() + interval '1 hour'` }).where('email', '=', TOWN).execute()
    expect(await attempt(TOWN)).toEqual({ ok: false, reason: 'invalid' })
    // a ban that has run out no longer blocks
    await db.updateTable('auth.users').set({ banned_until: sql<Date>`now() - interval '1 minute'` }).where('email', '=', TOWN).execute()
    expect((await attempt(TOWN)).ok).toBe(true)
    await db.updateTable('auth.users').set({ banned_until: null }).where('email', '=', TOWN).execute()

    await db.updateTable('auth.users').set({ deleted_at: sql<Date>`now()` }).where('email', '=', CLERK).execute()
    expect(await attempt(CLERK)).toEqual({ ok: false, reason: 'invalid' })
    await db.updateTable('auth.users').set({ deleted_at: null }).where('email', '=', CLERK).execute()
  })

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const time = async (email: string) => {
      const start = performance.now()
      await signIn(browser().request('/login', 'POST'), { email, password: 'not the password' })
      return performance.now() - start
    }
    await time('warm.up@ruyuan.demo')
    // the quickest of three each: a pause of the machine (a collection, another process) only lengthens one
    const quickest = async (email: string) => Math.min(await time(email), await time(email), await time(email))
    const known = await quickest(CLERK)
    const unknown = await quickest('nobody.at.all@ruyuan.demo')
    // both run one bcrypt compare at cost 10; without the dummy compare unknown would be ~0 ms
    expect(unknown).toBeGreaterThan(known / 3)
  })

  it('refuses the 6th attempt after 5 failures on an account, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      // different addresses: the account bucket alone must trip
      const result = await signIn(browser().request('/login', 'POST'), { email: CLERK, password: `guess ${i}` })
      expect(result).toEqual({ ok: false, reason: 'invalid' })
    }
    expect(await signIn(browser().request('/login', 'POST'), { email: CLERK, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'rate_limited',
    })
    // the address is not what is limited: another account from the same place still signs in
    expect((await signIn(browser().request('/login', 'POST'), { email: TOWN, password: DEMO_PASSWORD })).ok).toBe(true)
    // the window is 15 minutes: move the failures back in time and the account opens again
    await db
      .updateTable('private.sign_in_attempts')
      .set({ attempted_at: sql<Date>`now() - interval '16 minutes'` })
      .where('bucket', '=', `account:${CLERK}`)
      .execute()
    expect((await signIn(browser().request('/login', 'POST'), { email: CLERK, password: DEMO_PASSWORD })).ok).toBe(true)
  })

  it('refuses an address after 20 failures, whatever the account', async () => {
    const b = browser()
    for (let i = 0; i < 20; i++) {
      const result = await signIn(b.request('/login', 'POST'), { email: `guess${i}@ruyuan.demo`, password: 'x' })
      expect(result.ok).toBe(false)
    }
    expect(await signIn(b.request('/login', 'POST'), { email: SECRETARY, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'rate_limited',
    })
    expect((await signIn(browser().request('/login', 'POST'), { email: SECRETARY, password: DEMO_PASSWORD })).ok).toBe(true)
  })

  it("forgives an account's failures after a successful sign-in", async () => {
    const b = browser()
    const fail = () => signIn(b.request('/login', 'POST'), { email: CLERK, password: 'wrong' })
    for (let i = 0; i < 4; i++) await fail()
    await signedIn(CLERK, b)
    for (let i = 0; i < 4; i++) expect(await fail()).toEqual({ ok: false, reason: 'invalid' })
    expect((await signIn(b.request('/login', 'POST'), { email: CLERK, password: DEMO_PASSWORD })).ok).toBe(true)
  })

  it('rotates the session: a new row every time, the browser’s previous one removed', async () => {
    const { b, claims: first } = await signedIn(SECRETARY)
    const old = b.cookie
    const { claims: second } = await signedIn(SECRETARY, b)
    expect(second.session_id).not.toBe(first.session_id)
    const rows = await db.selectFrom('auth.sessions').select('id').where('id', 'in', [first.session_id, second.session_id]).execute()
    expect(rows.map((r) => r.id)).toEqual([second.session_id])
    const stale = browser()
    stale.setCookie(old)
    expect(await getClaims(stale.request())).toBeNull()
    expect(await getClaims(b.request())).toEqual(second)
    // another browser's session is untouched
    const other = await signedIn(SECRETARY)
    expect(await getClaims(b.request())).toEqual(second)
    expect(await getClaims(other.b.request())).toEqual(other.claims)
  })
})

describe('sessions', () => {
  it('sign-out deletes the session and clears the cookie; the old cookie stops working', async () => {
    const { b, claims } = await signedIn(SECRETARY)
    const old = b.cookie
    const headers = await signOut(b.request('/logout', 'POST'))
    expect(headers.getSetCookie()[0]).toMatch(/^__session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/)
    const row = await db.selectFrom('auth.sessions').select('id').where('id', '=', claims.session_id).executeTakeFirst()
    expect(row).toBeUndefined()
    const replay = browser()
    replay.setCookie(old)
    expect(await getClaims(replay.request())).toBeNull()
  })

  it('rejects a session whose row has run out, although its token has not', async () => {
    const { b, claims } = await signedIn(SECRETARY)
    await db
      .updateTable('auth.sessions')
      .set({ not_after: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', claims.session_id)
      .execute()
    expect(await getClaims(b.request())).toBeNull()
  })

  it('rejects a well-signed token naming a session that does not exist', async () => {
    const { claims } = await signedIn(SECRETARY)
    const forged = await signSessionToken({ userId: claims.sub, email: claims.email, sessionId: crypto.randomUUID() })
    const b = browser()
    b.setCookie(`${SESSION_COOKIE}=${forged.token}`)
    expect(await getClaims(b.request())).toBeNull()
  })

  it('rejects a token for one user carrying another user’s session id', async () => {
    const { claims: mine } = await signedIn(SECRETARY)
    const { claims: theirs } = await signedIn(TOWN)
    const mixed = await signSessionToken({ userId: theirs.sub, email: theirs.email, sessionId: mine.session_id })
    const b = browser()
    b.setCookie(`${SESSION_COOKIE}=${mixed.token}`)
    expect(await getClaims(b.request())).toBeNull()
  })

  it("stops a deactivated user's existing cookie on the next request, and lets them back when reactivated", async () => {
    const { b, claims } = await signedIn(TOWN)
    await setUserActive(claims.sub, false)
    expect(await getClaims(b.request())).toBeNull()
    expect(await signIn(browser().request('/login', 'POST'), { email: TOWN, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    const profile = await db.selectFrom('profiles').select('is_active').where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(profile.is_active).toBe(false)
    expect(await db.selectFrom('auth.sessions').select('id').where('user_id', '=', claims.sub).execute()).toEqual([])

    await setUserActive(claims.sub, true)
    expect((await signIn(browser().request('/login', 'POST'), { email: TOWN, password: DEMO_PASSWORD })).ok).toBe(true)
    const again = await db.selectFrom('profiles').select('is_active').where('user_id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(again.is_active).toBe(true)
  })

  it('requireClaims redirects to the login page with the way back', async () => {
    const b = browser()
    const thrown = await requireClaims(b.request('/village/reports?month=2026-11')).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent('/village/reports?month=2026-11')}`)
    const { b: signedInBrowser, claims } = await signedIn(SECRETARY)
    expect(await requireClaims(signedInBrowser.request('/village'))).toEqual(claims)
  })
})

describe('password change', () => {
  it('checks the current password, signs out every device and gives this browser a new session', async () => {
    const { b: laptop, claims } = await signedIn(PASSWORD_CHANGER)
    const { b: phone } = await signedIn(PASSWORD_CHANGER)
    const oldLaptopCookie = laptop.cookie
    const newPassword = 'Rucheng 2027 new'

    expect(
      await changePassword(laptop.request('/account/password', 'POST'), claims, {
        currentPassword: 'not my password',
        newPassword,
      }),
    ).toEqual({ ok: false, reason: 'invalid_current' })
    expect(await getClaims(phone.request())).not.toBeNull()

    const result = await changePassword(laptop.request('/account/password', 'POST'), claims, {
      currentPassword: DEMO_PASSWORD,
      newPassword,
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(await getClaims(phone.request())).toBeNull()
    expect(await getClaims(laptop.request())).toBeNull()
    laptop.receive(result.headers)
    expect(laptop.cookie).not.toBe(oldLaptopCookie)
    const fresh = await getClaims(laptop.request())
    expect(fresh?.sub).toBe(claims.sub)
    expect(fresh?.session_id).not.toBe(claims.session_id)
    const sessions = await db.selectFrom('auth.sessions').select('id').where('user_id', '=', claims.sub).execute()
    expect(sessions.map((s) => s.id)).toEqual([fresh!.session_id])

    const hash = await db.selectFrom('auth.users').select('encrypted_password').where('id', '=', claims.sub).executeTakeFirstOrThrow()
    expect(hash.encrypted_password).toMatch(/^\$2[aby]\$10\$/)
    expect(await signIn(browser().request('/login', 'POST'), { email: PASSWORD_CHANGER, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect((await signIn(browser().request('/login', 'POST'), { email: PASSWORD_CHANGER, password: newPassword })).ok).toBe(true)
  })

  it('limits wrong current passwords like failed sign-ins', async () => {
    const { b, claims } = await signedIn(SECRETARY)
    const attempt = (currentPassword: string) =>
      changePassword(b.request('/account/password', 'POST'), claims, { currentPassword, newPassword: 'Another pass 42' })
    for (let i = 0; i < 5; i++) expect(await attempt(`wrong ${i}`)).toEqual({ ok: false, reason: 'invalid_current' })
    expect(await attempt(DEMO_PASSWORD)).toEqual({ ok: false, reason: 'rate_limited' })
  })

  it('refuses a new password that breaks the policy before touching anything', async () => {
    const { b, claims } = await signedIn(SECRETARY)
    await expect(
      changePassword(b.request('/account/password', 'POST'), claims, { currentPassword: DEMO_PASSWORD, newPassword: 'short1' }),
    ).rejects.toThrow()
    expect(await getClaims(b.request())).toEqual(claims)
  })
})
