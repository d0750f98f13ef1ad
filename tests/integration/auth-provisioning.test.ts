import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getClaims, signIn } from '../../app/lib/auth.server'
import { closeDb, type Db } from '../../app/lib/db.server'
import { resetEnvCache } from '../../app/lib/env.server'
import { provisionUser, setUserActive } from '../../app/lib/provisioning.server'
import { createTestDb, DEMO_PASSWORD } from '../support/test-db'

let db: Db
const CREATED = [
  'guanjiang.clerk@ruyuan.demo',
  'dongping.staff@ruyuan.demo',
  'orphan@ruyuan.demo',
  'race@ruyuan.demo',
  'leaver@ruyuan.demo',
]

beforeAll(async () => {
  process.env.AUTH_PROVIDER = 'local'
  process.env.SESSION_SECRET = 'integration-test-session-secret-0123456789abcdef'
  resetEnvCache()
  db = await createTestDb()
})
afterAll(async () => {
  // On Postgres the test files share one database: leave it as the seed made it.
  await db.deleteFrom('auth.users').where('email', 'in', CREATED).execute()
  await db.deleteFrom('private.sign_in_attempts').execute()
  await closeDb()
  resetEnvCache()
})

const request = () =>
  new Request('http://portal.test/login', { method: 'POST', headers: { 'x-forwarded-for': '192.0.2.44' } })

describe('provisionUser (local provider)', () => {
  it('creates a GoTrue-shaped user and a profile, with a one-time temporary password', async () => {
    const result = await provisionUser({ email: ' Guanjiang.Clerk@Ruyuan.DEMO ', displayName: ' 李春梅 ', phone: '0751-5321234' })
    expect(result.created).toBe(true)
    expect(result.temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}$/)

    const user = await db
      .selectFrom('auth.users')
      .select(['id', 'email', 'aud', 'role', 'instance_id', 'raw_app_meta_data', 'raw_user_meta_data', 'email_confirmed_at', 'banned_until'])
      .select(sql<string>`encrypted_password`.as('hash'))
      .where('id', '=', result.userId)
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({
      email: 'guanjiang.clerk@ruyuan.demo',
      aud: 'authenticated',
      role: 'authenticated',
      instance_id: '00000000-0000-0000-0000-000000000000',
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: { display_name: '李春梅', email_verified: true },
      banned_until: null,
    })
    expect(user.email_confirmed_at).not.toBeNull()
    expect(user.hash).toMatch(/^\$2[aby]\$10\$/)
    expect(user.hash).not.toContain(result.temporaryPassword)

    const profile = await db.selectFrom('profiles').selectAll().where('user_id', '=', result.userId).executeTakeFirstOrThrow()
    expect(profile).toMatchObject({ email: 'guanjiang.clerk@ruyuan.demo', display_name: '李春梅', phone: '0751-5321234', is_active: true })

    const signedIn = await signIn(request(), { email: 'guanjiang.clerk@ruyuan.demo', password: result.temporaryPassword! })
    expect(signedIn.ok).toBe(true)
  })

  it('is idempotent: the same email (any case) gives the same user, created false, nothing overwritten', async () => {
    const first = await provisionUser({ email: 'dongping.staff@ruyuan.demo', displayName: '王芳', password: 'Dongping 2026' })
    expect(first).toEqual({ userId: expect.any(String), created: true })
    const again = await provisionUser({ email: 'DongPing.Staff@ruyuan.demo', displayName: '别的名字', password: 'Different 99' })
    expect(again).toEqual({ userId: first.userId, created: false })
    const profile = await db.selectFrom('profiles').select('display_name').where('user_id', '=', first.userId).executeTakeFirstOrThrow()
    expect(profile.display_name).toBe('王芳')
    expect((await signIn(request(), { email: 'dongping.staff@ruyuan.demo', password: 'Dongping 2026' })).ok).toBe(true)
    const count = await db.selectFrom('auth.users').select((eb) => eb.fn.countAll().as('n')).where('email', '=', 'dongping.staff@ruyuan.demo').executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
  })

  it('returns a seeded user as existing', async () => {
    const result = await provisionUser({ email: 'yunmen.secretary@ruyuan.demo', displayName: '侯国强' })
    expect(result.created).toBe(false)
    expect(result.temporaryPassword).toBeUndefined()
    expect((await signIn(request(), { email: 'yunmen.secretary@ruyuan.demo', password: DEMO_PASSWORD })).ok).toBe(true)
  })

  it('gives a profile to an auth user that had none', async () => {
    const id = crypto.randomUUID()
    await db.insertInto('auth.users').values({ id, email: 'orphan@ruyuan.demo', aud: 'authenticated', role: 'authenticated', encrypted_password: null, email_confirmed_at: null, invited_at: null, last_sign_in_at: null, raw_app_meta_data: {}, raw_user_meta_data: {}, created_at: new Date(), updated_at: new Date(), banned_until: null, deleted_at: null, instance_id: null }).execute()
    expect(await provisionUser({ email: 'orphan@ruyuan.demo', displayName: '孤儿' })).toEqual({ userId: id, created: false })
    expect(await db.selectFrom('profiles').select('display_name').where('user_id', '=', id).executeTakeFirst()).toEqual({ display_name: '孤儿' })
  })

  it('survives two calls racing for one email', async () => {
    const [a, b] = await Promise.all([
      provisionUser({ email: 'race@ruyuan.demo', displayName: '甲' }),
      provisionUser({ email: 'race@ruyuan.demo', displayName: '乙' }),
    ])
    expect(a!.userId).toBe(b!.userId)
    expect([a!.created, b!.created].sort()).toEqual([false, true])
  })

  it('refuses bad input before writing anything', async () => {
    await expect(provisionUser({ email: 'not-an-email', displayName: 'x' })).rejects.toThrow()
    await expect(provisionUser({ email: 'weak@ruyuan.demo', displayName: 'x', password: 'short' })).rejects.toThrow()
    await expect(provisionUser({ email: 'blank@ruyuan.demo', displayName: '   ' })).rejects.toThrow()
    const none = await db.selectFrom('auth.users').select('id').where('email', 'in', ['weak@ruyuan.demo', 'blank@ruyuan.demo']).execute()
    expect(none).toEqual([])
  })
})

describe('setUserActive (local provider)', () => {
  it('bans for good, ends sessions, mirrors the profile, and undoes it', async () => {
    const { userId } = await provisionUser({ email: 'leaver@ruyuan.demo', displayName: '离任', password: 'Leaving 2026' })
    const first = await signIn(request(), { email: 'leaver@ruyuan.demo', password: 'Leaving 2026' })
    if (!first.ok) throw new Error('sign-in failed')
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!
    const withCookie = () => new Request('http://portal.test/', { headers: { cookie } })
    expect(await getClaims(withCookie())).not.toBeNull()

    await setUserActive(userId, false)
    const banned = await db
      .selectFrom('auth.users')
      .select(sql<string>`banned_until::text`.as('until'))
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(banned.until).toBe('infinity')
    expect(await db.selectFrom('auth.sessions').select('id').where('user_id', '=', userId).execute()).toEqual([])
    expect((await db.selectFrom('profiles').select('is_active').where('user_id', '=', userId).executeTakeFirstOrThrow()).is_active).toBe(false)
    expect(await getClaims(withCookie())).toBeNull()

    await setUserActive(userId, false) // twice is fine
    await setUserActive(userId, true)
    expect((await db.selectFrom('auth.users').select('banned_until').where('id', '=', userId).executeTakeFirstOrThrow()).banned_until).toBeNull()
    expect((await db.selectFrom('profiles').select('is_active').where('user_id', '=', userId).executeTakeFirstOrThrow()).is_active).toBe(true)
    expect((await signIn(request(), { email: 'leaver@ruyuan.demo', password: 'Leaving 2026' })).ok).toBe(true)
  })

  it('throws for an unknown user', async () => {
    await expect(setUserActive(crypto.randomUUID(), false)).rejects.toThrow(/no user/)
  })
})
