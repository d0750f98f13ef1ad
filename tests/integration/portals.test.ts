/**
 * Portal loaders and user administration actions, called as real requests with real session cookies.
 * Scope comes from RLS: these tests prove the loaders find nothing outside it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changePassword, signIn } from '../../app/lib/auth.server'
import { closeDb, getRawDb } from '../../app/lib/db.server'
import { demoOrgId, DEMO_ACCOUNTS } from '../../app/lib/seed.server'
import { loader as portalLayout } from '../../app/routes/shared/portal-layout'
import { loader as countyHome } from '../../app/routes/county/index'
import { loader as townHome } from '../../app/routes/town/index'
import { action as villageProfileAction } from '../../app/routes/village/profile-edit'
import { loader as sharedVillage } from '../../app/routes/shared/village'
import { loader as usersLoader } from '../../app/routes/shared/users'
import { action as newUserAction } from '../../app/routes/shared/user-new'
import { action as userAction, loader as userLoader } from '../../app/routes/shared/user'
import { loader as indexLoader } from '../../app/routes/index'
import { createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

/** The user the create test makes, reused by the revoke and deactivate tests so demo accounts stay intact. */
const created = { userId: '', email: 'new.clerk@ruyuan.demo', password: '' }

async function request(email: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('Cookie', await cookieFor(email))
  return new Request(`${BASE}${path}`, { ...init, headers })
}

type LoaderFn = (args: LoaderFunctionArgs) => Promise<unknown>

/** Runs a loader or action and returns its status: 200 for data, else the thrown or returned Response's. */
async function statusOf(fn: LoaderFn, req: Request, params: Record<string, string>) {
  try {
    const result = await fn({ request: req, params, context: {} })
    if (result instanceof Response) return result.status
    const init = (result as { init?: { status?: number } } | null)?.init
    return init?.status ?? 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

function form(values: Record<string, string>) {
  return { method: 'POST', body: new URLSearchParams(values), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
}

/** The shared portal layout reads the portal from the URL: call it at /<portal>/<orgId>. */
function layoutOf(portal: 'county' | 'town' | 'village' | 'unit'): LoaderFn {
  return (args) => {
    const request = new Request(`${BASE}/${portal}/${args.params.orgId}`, { headers: args.request.headers })
    return portalLayout({ ...args, request })
  }
}
const countyLayout = layoutOf('county')
const townLayout = layoutOf('town')
const villageLayout = layoutOf('village')
const unitLayout = layoutOf('unit')

const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const RUCHENG = () => orgIdOf('rucheng.admin@ruyuan.demo')
const YOUXI = () => orgIdOf('youxi.staff@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const DALIAOKENG = () => orgIdOf('daliaokeng.secretary@ruyuan.demo')
const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')

beforeAll(async () => {
  await createTestDb()
})
afterAll(closeDb)

describe('landing', () => {
  it.each(DEMO_ACCOUNTS.filter((a, i, all) => all.findIndex((b) => b.email === a.email) === i))(
    '$email lands on its first portal',
    async (account) => {
      try {
        await indexLoader({ request: await request(account.email, '/'), params: {}, context: {} })
        throw new Error('expected a redirect')
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(Response)
        const location = (thrown as Response).headers.get('Location')
        expect(location).toBe(`/${account.portal}/${demoOrgId(account.orgCode)}`)
      }
    },
  )

  it('sends a visitor without a session to sign-in, remembering where they were going', async () => {
    try {
      await villageLayout({ request: new Request(`${BASE}/village/${YUNMEN()}`), params: { orgId: YUNMEN() }, context: {} })
      throw new Error('expected a redirect')
    } catch (thrown) {
      expect((thrown as Response).status).toBe(302)
      expect((thrown as Response).headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/village/${YUNMEN()}`)}`)
    }
  })
})

describe('portal scope', () => {
  it('opens each user their own portal', async () => {
    expect(await statusOf(countyLayout, await request('county.admin@ruyuan.demo', '/'), { orgId: RUYUAN() })).toBe(200)
    expect(await statusOf(townLayout, await request('rucheng.admin@ruyuan.demo', '/'), { orgId: RUCHENG() })).toBe(200)
    expect(await statusOf(villageLayout, await request('yunmen.clerk@ruyuan.demo', '/'), { orgId: YUNMEN() })).toBe(200)
    expect(await statusOf(unitLayout, await request('unit.liaison@ruyuan.demo', '/'), { orgId: UNIT() })).toBe(200)
  })

  it('hides another village from a village secretary (404), and refuses her town and county (403)', async () => {
    const req = await request('yunmen.secretary@ruyuan.demo', '/')
    expect(await statusOf(villageLayout, req, { orgId: DALIAOKENG() })).toBe(404)
    expect(await statusOf(townLayout, req, { orgId: RUCHENG() })).toBe(403)
    expect(await statusOf(countyLayout, req, { orgId: RUYUAN() })).toBe(403)
    expect(await statusOf(townLayout, req, { orgId: YOUXI() })).toBe(404)
    expect(await statusOf(villageLayout, req, { orgId: 'not-a-uuid' })).toBe(404)
  })

  it('gives a town nothing of another town', async () => {
    const req = await request('rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/villages/${DALIAOKENG()}`)
    expect(await statusOf(townLayout, req, { orgId: YOUXI() })).toBe(404)
    expect(await statusOf(sharedVillage, req, { orgId: RUCHENG(), villageId: DALIAOKENG() })).toBe(404)
    const own = await request('rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/villages/${YUNMEN()}`)
    expect(await statusOf(sharedVillage, own, { orgId: RUCHENG(), villageId: YUNMEN() })).toBe(200)
  })

  it('lists only the town’s own villages', async () => {
    const data = (await townHome({ request: await request('rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}`), params: { orgId: RUCHENG() }, context: {} })) as {
      villages: { id: string }[]
    }
    const db = await getRawDb()
    const expected = await db.selectFrom('orgs').select('id').where('parent_id', '=', RUCHENG()).execute()
    expect(data.villages.map((v) => v.id).sort()).toEqual(expected.map((v) => v.id).sort())
  })

  it('shows a support unit its paired villages only', async () => {
    const pairedReq = await request('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/villages/${YUNMEN()}`)
    expect(await statusOf(sharedVillage, pairedReq, { orgId: UNIT(), villageId: YUNMEN() })).toBe(200)
    const otherReq = await request('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/villages/${DALIAOKENG()}`)
    expect(await statusOf(sharedVillage, otherReq, { orgId: UNIT(), villageId: DALIAOKENG() })).toBe(404)
    expect(await statusOf(villageLayout, otherReq, { orgId: YUNMEN() })).toBe(403)
  })

  it('gives the other county’s administrator nothing of Ruyuan', async () => {
    const req = await request('wengyuan.admin@ruyuan.demo', `/county/${RUYUAN()}`)
    expect(await statusOf(countyLayout, req, { orgId: RUYUAN() })).toBe(404)
    expect(await statusOf(countyHome, req, { orgId: RUYUAN() })).toBe(404)
  })

  it('counts the county’s villages from the records', async () => {
    const data = (await countyHome({ request: await request('county.staff@ruyuan.demo', '/'), params: { orgId: RUYUAN() }, context: {} })) as {
      figures: { towns: number; villages: number; communities: number }
    }
    expect(data.figures).toMatchObject({ towns: 9, villages: 102, communities: 13 })
  })
})

describe('village profile', () => {
  it('lets the secretary update her own village and re-validates the form', async () => {
    const path = `/village/${YUNMEN()}/profile`
    const bad = await villageProfileAction({
      request: await request('yunmen.secretary@ruyuan.demo', path, form({ secretaryName: '侯国强', secretaryPhone: 'abc', households: '-3', population: '' })),
      params: { orgId: YUNMEN() },
      context: {},
    })
    expect((bad as { init?: { status?: number } }).init?.status).toBe(400)
    const errors = (bad as { data: { errors: Record<string, string[]> } }).data.errors
    expect(Object.keys(errors).sort()).toEqual(['households', 'secretaryPhone'])
    expect(errors.households?.[0]).toBe('不能为负数')

    const saved = (await Promise.resolve(
      villageProfileAction({
        request: await request('yunmen.secretary@ruyuan.demo', path, form({ secretaryName: '侯国强', secretaryPhone: '138-0000-0008', households: '540', population: '1860' })),
        params: { orgId: YUNMEN() },
        context: {},
      }),
    ).catch((e: unknown) => e)) as Response
    expect(saved.status).toBe(302)
    // the village home then says it was saved
    expect(saved.headers.get('location')).toBe(`/village/${YUNMEN()}?saved=profile`)
    const db = await getRawDb()
    const row = await db.selectFrom('orgs').select(['households', 'population']).where('id', '=', YUNMEN()).executeTakeFirstOrThrow()
    expect(row).toEqual({ households: 540, population: 1860 })
  })

  it('refuses fewer people than households, on the population, and keeps the figures', async () => {
    // QA: 户数 100 and 人口 50 was saved
    const path = `/village/${YUNMEN()}/profile`
    const db = await getRawDb()
    const before = await db.selectFrom('orgs').select(['households', 'population']).where('id', '=', YUNMEN()).executeTakeFirstOrThrow()
    const bad = await villageProfileAction({
      request: await request('yunmen.secretary@ruyuan.demo', path, form({ secretaryName: '侯国强', secretaryPhone: '138-0000-0008', households: '100', population: '50' })),
      params: { orgId: YUNMEN() },
      context: {},
    })
    expect((bad as { init?: { status?: number } }).init?.status).toBe(400)
    expect((bad as { data: { errors: Record<string, string[]> } }).data.errors).toEqual({ population: ['人口不能少于户数'] })
    expect(await db.selectFrom('orgs').select(['households', 'population']).where('id', '=', YUNMEN()).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('reads full-width digits, as a Chinese input method types them', async () => {
    const path = `/village/${YUNMEN()}/profile`
    const saved = (await Promise.resolve(
      villageProfileAction({
        request: await request('yunmen.secretary@ruyuan.demo', path, form({ secretaryName: '侯国强', secretaryPhone: '１３８－００００－０００８', households: '５４０', population: '１８６０' })),
        params: { orgId: YUNMEN() },
        context: {},
      }),
    ).catch((e: unknown) => e)) as Response
    expect(saved.status).toBe(302)
    const db = await getRawDb()
    expect(await db.selectFrom('orgs').select(['secretary_phone', 'households', 'population']).where('id', '=', YUNMEN()).executeTakeFirstOrThrow()).toEqual({ secretary_phone: '138-0000-0008', households: 540, population: 1860 })
  })

  it('refuses the clerk and another village’s secretary', async () => {
    const values = form({ secretaryName: 'x', secretaryPhone: '', households: '1', population: '1' })
    expect(await statusOf(villageProfileAction, await request('yunmen.clerk@ruyuan.demo', '/', values), { orgId: YUNMEN() })).toBe(403)
    expect(await statusOf(villageProfileAction, await request('daliaokeng.secretary@ruyuan.demo', '/', form({ secretaryName: 'x', secretaryPhone: '', households: '1', population: '1' })), { orgId: YUNMEN() })).toBe(404)
  })
})

describe('user administration', () => {
  it('lets a town administrator create a user in one of its villages, once', async () => {
    const path = `/town/${RUCHENG()}/users/new`
    const values = { email: 'new.clerk@ruyuan.demo', displayName: '新文书', phone: '', orgId: YUNMEN(), role: 'village_clerk' }
    const first = (await newUserAction({ request: await request('rucheng.admin@ruyuan.demo', path, form(values)), params: { orgId: RUCHENG() }, context: {} })) as {
      data: { ok: boolean; created: boolean; temporaryPassword?: string; userId: string }
    }
    expect(first.data).toMatchObject({ ok: true, created: true })
    expect(first.data.temporaryPassword).toBeTruthy()
    created.userId = first.data.userId
    created.password = first.data.temporaryPassword!
    // the same form sent twice: no second user, no second role
    const second = (await newUserAction({ request: await request('rucheng.admin@ruyuan.demo', path, form(values)), params: { orgId: RUCHENG() }, context: {} })) as {
      data: { ok: boolean; errors?: Record<string, string[]> }
      init?: { status?: number }
    }
    expect(second.init?.status).toBe(400)
    const db = await getRawDb()
    const roles = await db.selectFrom('memberships').select('id').where('user_id', '=', first.data.userId).execute()
    expect(roles).toHaveLength(1)
    const signedIn = await signIn(new Request(`${BASE}/login`, { method: 'POST' }), { email: values.email, password: first.data.temporaryPassword! })
    expect(signedIn.ok).toBe(true)
  })

  it('refuses a town administrator a village of another town and a county role, creating nobody', async () => {
    const path = `/town/${RUCHENG()}/users/new`
    const other = await newUserAction({
      request: await request('rucheng.admin@ruyuan.demo', path, form({ email: 'intruder@ruyuan.demo', displayName: '某人', phone: '', orgId: DALIAOKENG(), role: 'village_clerk' })),
      params: { orgId: RUCHENG() },
      context: {},
    })
    expect((other as { init?: { status?: number } }).init?.status).toBe(400)
    const county = await newUserAction({
      request: await request('rucheng.admin@ruyuan.demo', path, form({ email: 'intruder@ruyuan.demo', displayName: '某人', phone: '', orgId: RUYUAN(), role: 'county_admin' })),
      params: { orgId: RUCHENG() },
      context: {},
    })
    expect((county as { init?: { status?: number } }).init?.status).toBe(400)
    const db = await getRawDb()
    expect(await db.selectFrom('auth.users').select('id').where('email', '=', 'intruder@ruyuan.demo').executeTakeFirst()).toBeUndefined()
  })

  it('refuses user administration to staff and village roles', async () => {
    const path = `/town/${YOUXI()}/users/new`
    const values = form({ email: 'x@ruyuan.demo', displayName: 'x', phone: '', orgId: DALIAOKENG(), role: 'village_clerk' })
    expect(await statusOf(newUserAction, await request('youxi.staff@ruyuan.demo', path, values), { orgId: YOUXI() })).toBe(403)
    expect(await statusOf(usersLoader, await request('yunmen.secretary@ruyuan.demo', `/town/${RUCHENG()}/users`), { orgId: RUCHENG() })).toBe(403)
  })

  it('revokes a role and deactivates a user within scope', async () => {
    expect(created.userId).not.toBe('')
    const db = await getRawDb()
    const path = `/town/${RUCHENG()}/users/${created.userId}`
    const admin = 'rucheng.admin@ruyuan.demo'
    const params = { orgId: RUCHENG(), userId: created.userId }
    expect(await statusOf(userLoader, await request(admin, path), params)).toBe(200)
    const signedIn = await signIn(new Request(`${BASE}/login`, { method: 'POST' }), { email: created.email, password: created.password })
    if (!signedIn.ok) throw new Error('the created user cannot sign in')
    // the administrator's password is replaced first (ADR 0018)
    expect(signedIn.mustChangePassword).toBe(true)
    const changed = await changePassword(new Request(`${BASE}/account/password`, { method: 'POST' }), signedIn.claims, { currentPassword: created.password, newPassword: 'Clerk 2027 own' })
    if (!changed.ok) throw new Error('the created user cannot change the temporary password')
    const clerkCookie = changed.headers.get('Set-Cookie')!.split(';')[0]!
    const clerkPage = () => new Request(`${BASE}/village/${YUNMEN()}`, { headers: { Cookie: clerkCookie } })
    expect(await statusOf(villageLayout, clerkPage(), { orgId: YUNMEN() })).toBe(200)
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'deactivate' })), params)).toBe(302)
    // the open session stops working on the next request
    expect(await statusOf(villageLayout, clerkPage(), { orgId: YUNMEN() })).toBe(302)
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'activate' })), params)).toBe(302)

    const membership = await db.selectFrom('memberships').select('id').where('user_id', '=', created.userId).where('revoked_at', 'is', null).executeTakeFirstOrThrow()
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'revoke', membershipId: membership.id })), params)).toBe(302)
    const after = await db.selectFrom('memberships').selectAll().where('id', '=', membership.id).executeTakeFirstOrThrow()
    expect(after.revoked_at).not.toBeNull()
    expect(after.revoked_by).toBe((await db.selectFrom('auth.users').select('id').where('email', '=', admin).executeTakeFirstOrThrow()).id)
    // a second click changes nothing and is not an error
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'revoke', membershipId: membership.id })), params)).toBe(302)
  })

  it('does not let a town administrator deactivate a user who also holds a county role', async () => {
    const db = await getRawDb()
    const multi = await db.selectFrom('auth.users').select('id').where('email', '=', 'multi@ruyuan.demo').executeTakeFirstOrThrow()
    const path = `/town/${RUCHENG()}/users/${multi.id}`
    expect(await statusOf(userAction, await request('rucheng.admin@ruyuan.demo', path, form({ intent: 'deactivate' })), { orgId: RUCHENG(), userId: multi.id })).toBe(403)
    const profile = await db.selectFrom('profiles').select('is_active').where('user_id', '=', multi.id).executeTakeFirstOrThrow()
    expect(profile.is_active).toBe(true)
  })

  it('keeps a user whose only role was revoked listed and manageable in its county, and hidden from others', async () => {
    const admin = 'county.admin@ruyuan.demo'
    const base = `/county/${RUYUAN()}/users`
    const values = { email: 'roleless.clerk@ruyuan.demo', displayName: '无角色文书', phone: '', orgId: YUNMEN(), role: 'village_clerk' }
    const made = (await newUserAction({ request: await request(admin, `${base}/new`, form(values)), params: { orgId: RUYUAN() }, context: {} })) as {
      data: { ok: boolean; userId: string; temporaryPassword?: string }
    }
    expect(made.data.ok).toBe(true)
    const userId = made.data.userId
    const path = `${base}/${userId}`
    const params = { orgId: RUYUAN(), userId }
    const db = await getRawDb()
    const role = await db.selectFrom('memberships').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirstOrThrow()
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'revoke', membershipId: role.id })), params)).toBe(302)

    type ListData = { users: { user_id: string; memberships: unknown[] }[]; total: number }
    const list = async (email: string, portal: 'county' | 'town', orgId: string, query = '') =>
      (await usersLoader({ request: await request(email, `/${portal}/${orgId}/users${query}`), params: { orgId }, context: {} })) as ListData
    const listed = async (email: string, portal: 'county' | 'town', orgId: string, query = '') =>
      (await list(email, portal, orgId, query)).users.find((u) => u.user_id === userId)
    // still listed, marked by no current role: found by name and by the filter of users without one
    expect((await list(admin, 'county', RUYUAN())).total).toBeLessThanOrEqual(50)
    expect((await listed(admin, 'county', RUYUAN()))?.memberships).toEqual([])
    expect((await listed(admin, 'county', RUYUAN(), `?q=${encodeURIComponent('无角色文书')}`))?.memberships).toEqual([])
    const roleless = await list(admin, 'county', RUYUAN(), '?roles=none')
    expect(roleless.users.map((u) => u.user_id)).toContain(userId)
    expect(roleless.users.every((u) => u.memberships.length === 0)).toBe(true)
    expect((await listed('rucheng.admin@ruyuan.demo', 'town', RUCHENG()))?.memberships).toEqual([])

    // its page shows the revoked role as history and offers a new role and deactivation
    type PageData = { canManage: boolean; canChangeActivity: boolean; memberships: { revoked_at: unknown }[] }
    const page = (await userLoader({ request: await request(admin, path), params, context: {} })) as PageData
    expect(page).toMatchObject({ canManage: true, canChangeActivity: true })
    expect(page.memberships).toHaveLength(1)
    expect(page.memberships[0]!.revoked_at).not.toBeNull()
    const townPage = (await userLoader({
      request: await request('rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/users/${userId}`),
      params: { orgId: RUCHENG(), userId },
      context: {},
    })) as PageData
    expect(townPage.canChangeActivity).toBe(true)

    // another town and another county see nothing of it, and cannot deactivate it
    const WENGYUAN = orgIdOf('wengyuan.admin@ruyuan.demo')
    expect(await listed('youxi.staff@ruyuan.demo', 'town', YOUXI())).toBeUndefined()
    expect(await statusOf(userLoader, await request('youxi.staff@ruyuan.demo', `/town/${YOUXI()}/users/${userId}`), { orgId: YOUXI(), userId })).toBe(404)
    expect(await listed('wengyuan.admin@ruyuan.demo', 'county', WENGYUAN)).toBeUndefined()
    expect((await list('wengyuan.admin@ruyuan.demo', 'county', WENGYUAN, '?roles=none')).users.map((u) => u.user_id)).not.toContain(userId)
    const foreign = { orgId: WENGYUAN, userId }
    expect(await statusOf(userLoader, await request('wengyuan.admin@ruyuan.demo', `/county/${WENGYUAN}/users/${userId}`), foreign)).toBe(404)
    expect(await statusOf(userAction, await request('wengyuan.admin@ruyuan.demo', `/county/${WENGYUAN}/users/${userId}`, form({ intent: 'deactivate' })), foreign)).toBe(404)
    expect(await statusOf(userLoader, await request('wengyuan.admin@ruyuan.demo', path), params)).toBe(404)
    const isActive = async () => (await db.selectFrom('profiles').select('is_active').where('user_id', '=', userId).executeTakeFirstOrThrow()).is_active
    expect(await isActive()).toBe(true)

    // deactivation locks the account out; reactivation lets it in again
    const signInAs = () => signIn(new Request(`${BASE}/login`, { method: 'POST' }), { email: values.email, password: made.data.temporaryPassword! })
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'deactivate' })), params)).toBe(302)
    expect(await isActive()).toBe(false)
    expect((await signInAs()).ok).toBe(false)
    expect(((await userLoader({ request: await request(admin, path), params, context: {} })) as PageData).canChangeActivity).toBe(true)
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'activate' })), params)).toBe(302)
    expect(await isActive()).toBe(true)
    expect((await signInAs()).ok).toBe(true)

    // a new role: listed with it again, no longer among those without one
    expect(await statusOf(userAction, await request(admin, path, form({ intent: 'grant', orgId: YUNMEN(), role: 'village_clerk' })), params)).toBe(302)
    expect((await listed(admin, 'county', RUYUAN()))?.memberships).toHaveLength(1)
    expect((await list(admin, 'county', RUYUAN(), '?roles=none')).users.map((u) => u.user_id)).not.toContain(userId)
  })
})
