/**
 * A password an administrator set must be changed at the first sign-in, and an administrator resets a
 * forgotten one (ADR 0018), with the local provider: the mark on the profile (set on provisioning with a
 * typed or a generated password and on a reset, never on the demo accounts), the sign-in of a marked
 * account, every loader and action of app/routes.ts sending a marked user to the password page (data
 * requests too), the change that clears the mark, and the reset on the user page: who may (who may
 * deactivate), what it writes, the sessions it ends, and a confirmation posted twice.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getClaims, getSession, signIn } from '../../app/lib/auth.server'
import type { Db } from '../../app/lib/db.server'
import { resetEnvCache } from '../../app/lib/env.server'
import { provisionUser } from '../../app/lib/provisioning.server'
import { serializePending } from '../../app/lib/pending-submission'
import { demoOrgId, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../app/lib/seed.server'
import { action as loginAction, loader as loginLoader } from '../../app/routes/auth/login'
import { action as passwordAction, loader as passwordLoader } from '../../app/routes/auth/password'
import { loader as layoutLoader } from '../../app/routes/shared/portal-layout'
import { action as userAction, loader as userLoader } from '../../app/routes/shared/user'
import { PLAIN_PARAMS, TARGETS } from '../support/access-matrix'
import { fillPattern, listRoutes, loadRouteModule, portalParams } from '../support/routes'
import { createIsolatedTestDb } from '../support/test-db'

const ORIGIN = 'http://portal.test'
const RUYUAN = demoOrgId('440232')
const RUCHENG = demoOrgId('440232101000')
const YUNMEN = demoOrgId('440232101201')
const MARKED = 'marked.admin@ruyuan.demo'
const FORGETFUL = 'forgetful.clerk@ruyuan.demo'
const TYPED = 'typed.clerk@ruyuan.demo'
const NEW_PASSWORD = 'Mine 2027 chosen'
const TOKEN = 'Zq3vW8xY1aB2cD3eF4gH5i'
const OTHER_TOKEN = 'Kp9rS7tU5vW3xY1zA2bC3d'

let db: Db
let dispose: (() => Promise<void>) | undefined
let ip = 0
let markedPassword = ''

interface Outcome {
  status: number
  location: string | null
  data: unknown
  headers: Headers
}

/** What a loader or action answered (returned or thrown): a Response, Remix's data(), or plain data. */
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown
  try {
    result = await run()
  } catch (thrown) {
    if (!(thrown instanceof Response) && (thrown as { type?: string } | null)?.type !== 'DataWithResponseInit') throw thrown
    result = thrown
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), data: null, headers: result.headers }
  if ((result as { type?: string } | null)?.type === 'DataWithResponseInit') {
    const { data, init } = result as { data: unknown; init: { status?: number; headers?: HeadersInit } | null }
    return { status: init?.status ?? 200, location: null, data, headers: new Headers(init?.headers) }
  }
  return { status: 200, location: null, data: result, headers: new Headers() }
}

function get(path: string, cookie?: string): Request {
  const headers = new Headers({ 'accept-language': 'zh-CN', 'x-forwarded-for': `198.51.100.${++ip % 250}` })
  if (cookie) headers.set('cookie', cookie)
  return new Request(ORIGIN + path, { headers })
}

function post(path: string, fields: [string, string][], cookie?: string): Request {
  const body = new URLSearchParams(fields).toString()
  const headers = new Headers({
    'accept-language': 'zh-CN',
    origin: ORIGIN,
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    'x-forwarded-for': `198.51.100.${++ip % 250}`,
  })
  if (cookie) headers.set('cookie', cookie)
  return new Request(ORIGIN + path, { method: 'POST', headers, body })
}

const cookieOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith('__session=') && !/Max-Age=0/.test(c))!.split(';')[0]!

async function signedIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const result = await signIn(post('/login', []), { email, password })
  if (!result.ok) throw new Error(`sign-in failed for ${email}: ${result.reason}`)
  return cookieOf(result.headers)
}

const userIdOf = async (email: string) => (await db.selectFrom('auth.users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
const markOf = async (email: string) =>
  (await db.selectFrom('profiles').select('temporary_password_set_at').where('email', '=', email).executeTakeFirstOrThrow()).temporary_password_set_at
const passwordPage = (page: string) => (page === '/' ? '/account/password' : `/account/password?redirectTo=${encodeURIComponent(page)}`)

/** What a refused reset could have written: passwords, marks, sessions of the target, the audit log. */
async function fingerprint(userId: string): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    select concat_ws(' ', (select md5(string_agg(encrypted_password, ',' order by id)) from auth.users),
                     (select count(*) from public.profiles where temporary_password_set_at is not null),
                     (select count(*) from auth.sessions where user_id = ${userId}),
                     (select count(*) from public.audit_log)) as f`.execute(db)
  return rows[0]!.f
}

beforeAll(async () => {
  process.env.AUTH_PROVIDER = 'local'
  process.env.SESSION_SECRET = 'integration-test-session-secret-0123456789abcdef'
  resetEnvCache()
  ;({ db, dispose } = await createIsolatedTestDb('temporary_passwords'))
  // a county administrator just created by another one: generated password, marked
  const created = await provisionUser({ email: MARKED, displayName: '新管理员' })
  markedPassword = created.temporaryPassword!
  await db.insertInto('memberships').values({ user_id: created.userId, org_id: RUYUAN, role: 'county_admin' }).execute()
})
afterAll(async () => {
  await dispose?.()
  resetEnvCache()
})
beforeEach(async () => {
  await db.deleteFrom('private.sign_in_attempts').execute()
})

describe('the mark of a password an administrator set', () => {
  it('is set when a user is created, with a generated or a typed password; not for a user who exists; never on a demo account', async () => {
    expect(await markOf(MARKED)).toBeInstanceOf(Date)
    const typed = await provisionUser({ email: TYPED, displayName: '打字', password: 'Typed 2026 pass' })
    expect(typed.created).toBe(true)
    expect(await markOf(TYPED)).toBeInstanceOf(Date)
    expect(await provisionUser({ email: 'yunmen.clerk@ruyuan.demo', displayName: 'x', password: 'Another 2026 x' })).toMatchObject({ created: false })
    expect(await markOf('yunmen.clerk@ruyuan.demo')).toBeNull()
    const demo = [...new Set(DEMO_ACCOUNTS.map((a) => a.email))]
    const marked = await db.selectFrom('profiles').select('email').where('email', 'in', demo).where('temporary_password_set_at', 'is not', null).execute()
    expect(marked).toEqual([])
  })

  it('comes with the sign-in and with every session check (in the one statement that checks the session)', async () => {
    const result = await signIn(post('/login', []), { email: MARKED, password: markedPassword })
    expect(result).toMatchObject({ ok: true, mustChangePassword: true })
    const cookie = cookieOf((result as { headers: Headers }).headers)
    expect(await getSession(get('/', cookie))).toMatchObject({ mustChangePassword: true })
    const demo = await signIn(post('/login', []), { email: 'county.admin@ruyuan.demo', password: DEMO_PASSWORD })
    expect(demo).toMatchObject({ ok: true, mustChangePassword: false })
  })
})

describe('a marked user is sent to the password page', () => {
  const UNGUARDED_LOADERS: Record<string, (path: string) => Partial<Outcome>> = {
    'routes/auth/password': () => ({ status: 200 }),
    'routes/auth/login': () => ({ status: 302, location: '/account/password' }),
    'routes/auth/logout': () => ({ status: 302, location: '/' }),
    'routes/language': () => ({ status: 302, location: '/' }),
    'routes/healthz': () => ({ status: 200 }),
    'routes/locales': () => ({ status: 200 }),
    'routes/not-found': () => ({ status: 404 }),
  }
  const UNGUARDED_ACTIONS: Record<string, Partial<Outcome>> = {
    'routes/auth/password': { status: 400 },
    'routes/auth/login': { status: 400 },
    'routes/auth/logout': { status: 302, location: '/login' },
    'routes/language': { status: 302, location: '/' },
    'routes/not-found': { status: 404 },
    // registered under every portal, an action only under the county's: the others have none to guard
    'town-cadres': { status: 404 },
    'village-cadres': { status: 404 },
    'unit-cadres': { status: 404 },
  }

  async function pathOf(entry: ReturnType<typeof listRoutes>[number]) {
    const params = entry.portal ? (await portalParams(db, entry.portal, demoOrgId(TARGETS[entry.portal][0]!))).params : (PLAIN_PARAMS[entry.id] ?? {})
    return { params, path: fillPattern(entry.pattern, params) }
  }

  it('from every page, coming back to it afterwards', async () => {
    const cookie = await signedIn(MARKED, markedPassword)
    const failures: string[] = []
    let checked = 0
    for (const entry of listRoutes()) {
      const { loader } = await loadRouteModule(entry)
      if (!loader) continue
      const { params, path } = await pathOf(entry)
      const got = await outcome(() => loader({ request: get(path, cookie), params, context: {} }))
      const expected = UNGUARDED_LOADERS[entry.id]?.(path) ?? { status: 302, location: passwordPage(path) }
      checked++
      if (got.status !== expected.status || (expected.location !== undefined && got.location !== expected.location)) {
        failures.push(`GET ${path} (${entry.id}): ${got.status} ${got.location ?? ''}, expected ${expected.status} ${expected.location ?? ''}`)
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(60)
  })

  it('from every action, before it reads or writes anything', async () => {
    const cookie = await signedIn(MARKED, markedPassword)
    // sign-out ends its session: a session of its own
    const leaving = await signedIn(MARKED, markedPassword)
    const before = await fingerprint(await userIdOf(MARKED))
    const failures: string[] = []
    let checked = 0
    for (const entry of listRoutes()) {
      const { action } = await loadRouteModule(entry)
      if (!action) continue
      const { params, path } = await pathOf(entry)
      const got = await outcome(() => action({ request: post(path, [['intent', 'resetPassword'], ['resetToken', TOKEN]], entry.id === 'routes/auth/logout' ? leaving : cookie), params, context: {} }))
      const expected = UNGUARDED_ACTIONS[entry.id] ?? { status: 302, location: passwordPage(path) }
      checked++
      if (got.status !== expected.status || (expected.location !== undefined && got.location !== expected.location)) {
        failures.push(`POST ${path} (${entry.id}): ${got.status} ${got.location ?? ''}, expected ${expected.status} ${expected.location ?? ''}`)
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(20)
    // the sign-out above ended that one session: compare what else could have been written
    expect((await fingerprint(await userIdOf(MARKED))).split(' ').filter((_, i) => i !== 2)).toEqual(before.split(' ').filter((_, i) => i !== 2))
  })

  it('from a data request (a client-side navigation), naming the page, not the data URL', async () => {
    const cookie = await signedIn(MARKED, markedPassword)
    const page = `/county/${RUYUAN}/users`
    for (const path of [`${page}.data?_routes=routes%2Fshared%2Fportal-layout`, `${page}?_data=county-users`]) {
      const got = await outcome(() => layoutLoader({ request: get(path, cookie), params: { orgId: RUYUAN }, context: {} }))
      expect(got).toMatchObject({ status: 302, location: passwordPage(page) })
    }
  })

  it('at the sign-in, keeping where the user was going; and from the sign-in page when already signed in', async () => {
    const page = `/county/${RUYUAN}/audit`
    const withTarget = await outcome(() => loginAction({ request: post('/login', [['email', MARKED], ['password', markedPassword], ['redirectTo', page]]), params: {}, context: {} }))
    expect(withTarget).toMatchObject({ status: 302, location: passwordPage(page) })
    expect(withTarget.headers.getSetCookie().some((c) => c.startsWith('__session=') && !/Max-Age=0/.test(c))).toBe(true)
    const plain = await outcome(() => loginAction({ request: post('/login', [['email', MARKED], ['password', markedPassword]]), params: {}, context: {} }))
    expect(plain).toMatchObject({ status: 302, location: '/account/password' })
    const cookie = cookieOf(plain.headers)
    const again = await outcome(() => loginLoader({ request: get(`/login?redirectTo=${encodeURIComponent(page)}`, cookie), params: {}, context: {} }))
    expect(again).toMatchObject({ status: 302, location: passwordPage(page) })
  })
})

describe('the password page', () => {
  it('says why, and the change clears the mark and goes on to where the user was going', async () => {
    const { userId, temporaryPassword } = await provisionUser({ email: 'first.day@ruyuan.demo', displayName: '第一天' })
    await db.insertInto('memberships').values({ user_id: userId, org_id: YUNMEN, role: 'village_clerk' }).execute()
    const cookie = await signedIn('first.day@ruyuan.demo', temporaryPassword)
    const page = `/village/${YUNMEN}/reports`
    const shown = await outcome(() => passwordLoader({ request: get(`/account/password?redirectTo=${encodeURIComponent(page)}`, cookie), params: {}, context: {} }))
    expect(shown.data).toMatchObject({ required: true, redirectTo: page })

    const refused = await outcome(() => passwordAction({ request: post('/account/password', [['currentPassword', 'not it'], ['newPassword', NEW_PASSWORD], ['confirmPassword', NEW_PASSWORD], ['redirectTo', page]], cookie), params: {}, context: {} }))
    expect(refused.status).toBe(400)
    expect(await markOf('first.day@ruyuan.demo')).toBeInstanceOf(Date)

    const changed = await outcome(() =>
      passwordAction({ request: post('/account/password', [['currentPassword', temporaryPassword!], ['newPassword', NEW_PASSWORD], ['confirmPassword', NEW_PASSWORD], ['redirectTo', page]], cookie), params: {}, context: {} }),
    )
    expect(changed).toMatchObject({ status: 302, location: page })
    expect(await markOf('first.day@ruyuan.demo')).toBeNull()
    const fresh = cookieOf(changed.headers)
    expect(await getSession(get(page, fresh))).toMatchObject({ mustChangePassword: false })
    expect(await getClaims(get(page, cookie))).toBeNull()
    expect((await outcome(() => layoutLoader({ request: get(page, fresh), params: { orgId: YUNMEN }, context: {} }))).status).toBe(200)
    const after = await outcome(() => passwordLoader({ request: get('/account/password', fresh), params: {}, context: {} }))
    expect(after.data).toMatchObject({ required: false })
    // the change is audited in the user's own name, under the village of the role
    const { rows } = await sql<{ actor_id: string; org_id: string }>`
      select actor_id, org_id from public.audit_log
       where table_name = 'public.profiles' and row_id = ${userId} and new_row ->> 'temporary_password_set_at' is null`.execute(db)
    expect(rows).toEqual([{ actor_id: userId, org_id: YUNMEN }])
  })

  it('without a way back, lands on the user’s portal', async () => {
    const { userId, temporaryPassword } = await provisionUser({ email: 'second.day@ruyuan.demo', displayName: '第二天' })
    await db.insertInto('memberships').values({ user_id: userId, org_id: RUCHENG, role: 'town_staff' }).execute()
    const cookie = await signedIn('second.day@ruyuan.demo', temporaryPassword)
    const changed = await outcome(() => passwordAction({ request: post('/account/password', [['currentPassword', temporaryPassword!], ['newPassword', NEW_PASSWORD], ['confirmPassword', NEW_PASSWORD]], cookie), params: {}, context: {} }))
    expect(changed).toMatchObject({ status: 302, location: `/town/${RUCHENG}` })
  })

  it('hands back a form carried through the sign-in once the password is changed (ADR 0012)', async () => {
    const { userId, temporaryPassword } = await provisionUser({ email: 'third.day@ruyuan.demo', displayName: '第三天' })
    await db.insertInto('memberships').values({ user_id: userId, org_id: YUNMEN, role: 'village_clerk' }).execute()
    const pending = { action: `/village/${YUNMEN}/visits/new`, fields: [['notes', '走访农户'], ['peopleMet', '2']] as [string, string][], files: [] }
    const resume = serializePending(pending)
    const signedInThere = await outcome(() => loginAction({ request: post('/login', [['email', 'third.day@ruyuan.demo'], ['password', temporaryPassword!], ['resume', resume]]), params: {}, context: {} }))
    expect(signedInThere.status).toBe(200)
    expect(signedInThere.data).toMatchObject({ changePassword: true, resume, account: 'third.day@ruyuan.demo' })
    const cookie = cookieOf(signedInThere.headers)

    const wrong = await outcome(() => passwordAction({ request: post('/account/password', [['currentPassword', 'wrong one'], ['newPassword', NEW_PASSWORD], ['confirmPassword', NEW_PASSWORD], ['resume', resume]], cookie), params: {}, context: {} }))
    expect(wrong.status).toBe(400)
    expect(wrong.data).toMatchObject({ resume })

    const changed = await outcome(() => passwordAction({ request: post('/account/password', [['currentPassword', temporaryPassword!], ['newPassword', NEW_PASSWORD], ['confirmPassword', NEW_PASSWORD], ['resume', resume]], cookie), params: {}, context: {} }))
    expect(changed.status).toBe(200)
    expect(changed.data).toMatchObject({ resumed: pending, account: 'third.day@ruyuan.demo' })
    expect(await getSession(get('/', cookieOf(changed.headers)))).toMatchObject({ mustChangePassword: false })
  })
})

describe('the reset on the user page', () => {
  let target = ''
  const userPage = (portal: string, orgId: string, userId: string) => ({ path: `/${portal}/${orgId}/users/${userId}`, params: { orgId, userId } })
  const resetAs = (cookie: string, portal: string, orgId: string, userId: string, token = TOKEN) => {
    const { path, params } = userPage(portal, orgId, userId)
    return outcome(() => userAction({ request: post(path, [['intent', 'resetPassword'], ['resetToken', token]], cookie), params, context: {} }))
  }
  const reset = async (email: string, portal: string, orgId: string, userId: string, token = TOKEN) => resetAs(await signedIn(email), portal, orgId, userId, token)

  beforeAll(async () => {
    const { userId } = await provisionUser({ email: FORGETFUL, displayName: '健忘', password: 'Forgot 2026 it' })
    await db.insertInto('memberships').values({ user_id: userId, org_id: YUNMEN, role: 'village_clerk' }).execute()
    // has long since chosen their own password
    await db.updateTable('profiles').set({ temporary_password_set_at: null }).where('user_id', '=', userId).execute()
    target = userId
  })

  it('is offered to who may deactivate the account, never on one’s own page', async () => {
    const admin = await signedIn('county.admin@ruyuan.demo')
    const { path, params } = userPage('county', RUYUAN, target)
    const offered = await outcome(() => userLoader({ request: get(path, admin), params, context: {} }))
    expect(offered.data).toMatchObject({ canChangeActivity: true, resetToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) })
    const self = userPage('county', RUYUAN, await userIdOf('county.admin@ruyuan.demo'))
    const own = await outcome(() => userLoader({ request: get(self.path, admin), params: self.params, context: {} }))
    expect(own.data).toMatchObject({ canChangeActivity: false, resetToken: null })
  })

  it('sets a new temporary password shown once, marks it, ends every session of the user, and is audited in the administrator’s name', async () => {
    const phone = await signedIn(FORGETFUL, 'Forgot 2026 it')
    const laptop = await signedIn(FORGETFUL, 'Forgot 2026 it')
    const adminId = await userIdOf('county.admin@ruyuan.demo')
    const audited = (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n

    const got = await reset('county.admin@ruyuan.demo', 'county', RUYUAN, target)
    expect(got.status).toBe(200)
    const temporary = (got.data as { reset: { temporaryPassword: string } }).reset.temporaryPassword
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/)
    expect(got.headers.get('Cache-Control')).toBe('no-store')

    expect(await markOf(FORGETFUL)).toBeInstanceOf(Date)
    expect(await getClaims(get('/', phone))).toBeNull()
    expect(await getClaims(get('/', laptop))).toBeNull()
    expect(await db.selectFrom('auth.sessions').select('id').where('user_id', '=', target).execute()).toEqual([])
    expect((await signIn(post('/login', []), { email: FORGETFUL, password: 'Forgot 2026 it' })).ok).toBe(false)
    expect(await signIn(post('/login', []), { email: FORGETFUL, password: temporary })).toMatchObject({ ok: true, mustChangePassword: true })

    const { rows } = await sql<{ actor_id: string; org_id: string }>`
      select actor_id, org_id from public.audit_log
       where table_name = 'public.profiles' and row_id = ${target} and new_row ->> 'temporary_password_set_at' is not null`.execute(db)
    expect(rows).toEqual([{ actor_id: adminId, org_id: YUNMEN }])
    const now = (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n
    expect(Number(now) - Number(audited)).toBe(1)
    // nothing of the password reaches the log
    const logged = await sql<{ t: string }>`select coalesce(string_agg(old_row::text || new_row::text, ''), '') as t from public.audit_log where row_id = ${target}`.execute(db)
    expect(logged.rows[0]!.t).not.toContain(temporary)
  })

  it('gives one password for one confirmation posted twice (a double click, a reload), written once', async () => {
    const audited = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('row_id', '=', target).executeTakeFirstOrThrow()).n)
    const before = await audited()
    const [a, b] = await Promise.all([reset('county.admin@ruyuan.demo', 'county', RUYUAN, target, OTHER_TOKEN), reset('county.admin@ruyuan.demo', 'county', RUYUAN, target, OTHER_TOKEN)])
    const first = (a.data as { reset: { temporaryPassword: string } }).reset.temporaryPassword
    expect((b.data as { reset: { temporaryPassword: string } }).reset.temporaryPassword).toBe(first)
    const again = await reset('county.admin@ruyuan.demo', 'county', RUYUAN, target, OTHER_TOKEN)
    expect((again.data as { reset: { temporaryPassword: string } }).reset.temporaryPassword).toBe(first)
    expect(await audited()).toBe(before + 1)
    expect((await signIn(post('/login', []), { email: FORGETFUL, password: first })).ok).toBe(true)
    // a new confirmation is a new reset
    const next = await reset('county.admin@ruyuan.demo', 'county', RUYUAN, target, TOKEN.replace('Z', 'Y'))
    expect((next.data as { reset: { temporaryPassword: string } }).reset.temporaryPassword).not.toBe(first)
    expect(await audited()).toBe(before + 2)
  })

  it('answers a confirmation without a well-formed token 400, with the error in Chinese where the page shows it, resetting nothing', async () => {
    const cookie = await signedIn('county.admin@ruyuan.demo')
    const before = await fingerprint(target)
    for (const token of ['', 'short', `${TOKEN}x`, '../../etc/passwd+++++++']) {
      const got = await resetAs(cookie, 'county', RUYUAN, target, token)
      expect(got.status, JSON.stringify(token)).toBe(400)
      expect((got.data as { errors: { form?: string[] } }).errors.form?.join('')).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await fingerprint(target)).toBe(before)
  })

  it('is refused for oneself and for an account with roles outside the administrator’s scope (403), and writes nothing', async () => {
    const county = await userIdOf('county.admin@ruyuan.demo')
    const multi = await userIdOf('multi@ruyuan.demo')
    const wengyuan = await userIdOf('wengyuan.admin@ruyuan.demo')
    const cases: [string, string, string, string, number][] = [
      // one's own password is changed on 修改密码
      ['county.admin@ruyuan.demo', 'county', RUYUAN, county, 403],
      // multi@ is county staff too: outside the town administrator's scope
      ['rucheng.admin@ruyuan.demo', 'town', RUCHENG, multi, 403],
      // may read users, not manage them
      ['county.staff@ruyuan.demo', 'county', RUYUAN, target, 403],
      // another county's administrator: not a user this one can see
      ['county.admin@ruyuan.demo', 'county', RUYUAN, wengyuan, 404],
    ]
    for (const [email, portal, orgId, userId, status] of cases) {
      const cookie = await signedIn(email)
      const before = await fingerprint(userId)
      const got = await resetAs(cookie, portal, orgId, userId)
      expect(got.status, `${email} resetting ${userId}`).toBe(status)
      if (status === 403 && got.data) expect(JSON.stringify(got.data)).toMatch(/[\u4e00-\u9fff]/)
      expect(await fingerprint(userId), `${email} resetting ${userId}`).toBe(before)
    }
  })
})
