/**
 * Concern files, opinions and cases through the route loaders and actions, as real requests with
 * session cookies: who may record what, who sees private records, and the case lifecycle per role.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getRawDb } from '../../app/lib/db.server'
import { loader as concernsLoader } from '../../app/routes/shared/concerns'
import { action as newAction, loader as newLoader } from '../../app/routes/shared/concern-new'
import { action as caseAction, loader as caseLoader } from '../../app/routes/shared/concern-case'
import { loader as householdsLoader } from '../../app/routes/shared/households'
import { createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const RUCHENG = () => orgIdOf('rucheng.admin@ruyuan.demo')
const YOUXI = () => orgIdOf('youxi.staff@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const DALIAOKENG = () => orgIdOf('daliaokeng.secretary@ruyuan.demo')
const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')

type Fn = (args: LoaderFunctionArgs) => Promise<unknown>
interface Outcome {
  status: number
  location: string | null
  body: unknown
}

/** Calls a loader or action at `path` as `email`; a form posts it. */
async function call(fn: Fn, email: string, path: string, params: Record<string, string>, form?: Record<string, string>): Promise<Outcome> {
  const headers = new Headers({ Cookie: await cookieFor(email) })
  const init: RequestInit = form ? { method: 'POST', body: new URLSearchParams(form), headers } : { headers }
  if (form) headers.set('Content-Type', 'application/x-www-form-urlencoded')
  try {
    const result = await fn({ request: new Request(`${BASE}${path}`, init), params, context: {} })
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: null }
    const wrapped = result as { init?: { status?: number }; data?: unknown; type?: string } | null
    if (wrapped && wrapped.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, location: null, body: wrapped.data }
    return { status: 200, location: null, body: result }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: null }
    throw thrown
  }
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const stamp = Date.now().toString(36)

/** The unit raises a case for 云门村 and returns its id. */
async function unitRaisesCase(title: string) {
  const out = await call(newAction, 'unit.liaison@ruyuan.demo', `/unit/${UNIT()}/concerns/new`, { orgId: UNIT() }, {
    kind: 'case',
    villageId: YUNMEN(),
    on: today,
    title,
    description: '村道路灯损坏，群众夜间出行不便。',
    isPrivate: 'on',
  })
  expect(out.status).toBe(302)
  const id = /concerns\/([0-9a-f-]{36})$/.exec(out.location ?? '')?.[1]
  expect(id).toBeTruthy()
  return id!
}

const villageCase = (caseId: string) => [`/village/${YUNMEN()}/concerns/${caseId}`, { orgId: YUNMEN(), caseId }] as const

beforeAll(async () => {
  await createTestDb()
})
afterAll(closeDb)

describe('recording concerns', () => {
  it('lets the unit raise a case for its paired village, never a private one, and a repeated submit makes one case', async () => {
    const title = `路灯维修 ${stamp}`
    const first = await unitRaisesCase(title)
    const again = await unitRaisesCase(title)
    expect(again).toBe(first)
    const db = await getRawDb()
    const rows = await db.selectFrom('concern_cases').select(['is_private', 'unit_id', 'state']).where('title', '=', title).execute()
    expect(rows).toEqual([{ is_private: false, unit_id: UNIT(), state: 'open' }])
  })

  it('refuses the unit a village it is not paired with (400), and the unpaired village is not offered', async () => {
    const page = (await call(newLoader, 'unit.liaison@ruyuan.demo', `/unit/${UNIT()}/concerns/new`, { orgId: UNIT() })).body as { villages: { id: string }[] }
    expect(page.villages.map((v) => v.id)).toContain(YUNMEN())
    expect(page.villages.map((v) => v.id)).not.toContain(DALIAOKENG())
    const out = await call(newAction, 'unit.liaison@ruyuan.demo', `/unit/${UNIT()}/concerns/new`, { orgId: UNIT() }, { kind: 'opinion', villageId: DALIAOKENG(), on: today, content: '建议修路' })
    expect(out.status).toBe(400)
    expect((out.body as { errors: Record<string, string[]> }).errors.villageId).toEqual(['只能为本单位的结对村登记。'])
  })

  it('answers missing fields with 400 and translated errors, keeping the typed values', async () => {
    const out = await call(newAction, 'yunmen.clerk@ruyuan.demo', `/village/${YUNMEN()}/concerns/new`, { orgId: YUNMEN() }, { kind: 'file', villageId: YUNMEN(), on: today, personName: '', summary: '家中老人行动不便' })
    expect(out.status).toBe(400)
    const body = out.body as { errors: Record<string, string[]>; values: Record<string, string> }
    expect(body.errors.personName).toEqual(['此项必填'])
    expect(body.values.summary).toBe('家中老人行动不便')
  })

  it('hides private records from the unit and shows them to the village, its town and the county', async () => {
    const content = `私密意见 ${stamp}`
    const created = await call(newAction, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/concerns/new`, { orgId: YUNMEN() }, { kind: 'opinion', villageId: YUNMEN(), on: today, content, isPrivate: 'on' })
    expect(created.status).toBe(302)
    const open = `public opinion ${stamp}`
    await call(newAction, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/concerns/new`, { orgId: YUNMEN() }, { kind: 'opinion', villageId: YUNMEN(), on: today, content: open })
    const headlines = async (email: string, portal: string, orgId: string) => {
      const out = await call(concernsLoader, email, `/${portal}/${orgId}/concerns?tab=opinion`, { orgId })
      expect(out.status).toBe(200)
      return (out.body as { rows: { headline: string }[] }).rows.map((r) => r.headline)
    }
    expect(await headlines('yunmen.secretary@ruyuan.demo', 'village', YUNMEN())).toContain(content)
    expect(await headlines('rucheng.admin@ruyuan.demo', 'town', RUCHENG())).toContain(content)
    expect(await headlines('county.admin@ruyuan.demo', 'county', RUYUAN())).toContain(content)
    expect(await headlines('youxi.staff@ruyuan.demo', 'town', YOUXI())).not.toContain(content)
    const unit = await headlines('unit.liaison@ruyuan.demo', 'unit', UNIT())
    expect(unit).not.toContain(content)
    // the village's own non-private opinion is not the unit's either: units see what they recorded
    expect(unit).not.toContain(open)
  })

  it('filters the register by state in the URL', async () => {
    const caseId = await unitRaisesCase(`筛选 ${stamp}`)
    const open = await call(concernsLoader, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/concerns?tab=case&state=open`, { orgId: YUNMEN() })
    expect((open.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(caseId)
    const closed = await call(concernsLoader, 'yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/concerns?tab=case&state=closed`, { orgId: YUNMEN() })
    expect((closed.body as { rows: { id: string }[] }).rows.map((r) => r.id)).not.toContain(caseId)
  })
})

describe('case lifecycle', () => {
  it('goes open → assigned → handled → assigned (not satisfied) → handled → confirmed, by the village and the town', async () => {
    const caseId = await unitRaisesCase(`生命周期 ${stamp}`)
    const [path, params] = villageCase(caseId)
    const act = (email: string, form: Record<string, string>, at: string = path, p: Record<string, string> = params) => call(caseAction, email, at, p, form)

    // missing owner / note: 400 with the field's error
    const noOwner = await act('yunmen.secretary@ruyuan.demo', { intent: 'assign', ownerName: '' })
    expect(noOwner.status).toBe(400)
    expect((noOwner.body as { errors: Record<string, string[]> }).errors.ownerName).toEqual(['此项必填'])

    // the unit cannot advance; another town does not see the case at all
    expect((await act('unit.liaison@ruyuan.demo', { intent: 'assign', ownerName: '张三' }, `/unit/${UNIT()}/concerns/${caseId}`, { orgId: UNIT(), caseId })).status).toBe(403)
    expect((await act('youxi.staff@ruyuan.demo', { intent: 'assign', ownerName: '张三' }, `/town/${YOUXI()}/concerns/${caseId}`, { orgId: YOUXI(), caseId })).status).toBe(404)
    expect((await call(caseLoader, 'youxi.staff@ruyuan.demo', `/town/${YOUXI()}/concerns/${caseId}`, { orgId: YOUXI(), caseId })).status).toBe(404)
    expect((await call(caseLoader, 'daliaokeng.secretary@ruyuan.demo', `/village/${DALIAOKENG()}/concerns/${caseId}`, { orgId: DALIAOKENG(), caseId })).status).toBe(404)

    const assigned = await act('yunmen.secretary@ruyuan.demo', { intent: 'assign', ownerName: '李村委', dueOn: today })
    expect(assigned.status).toBe(302)
    expect(assigned.location).toBe(`${path}?done=assign`)
    // a repeated submit of the same move changes nothing
    expect((await act('yunmen.secretary@ruyuan.demo', { intent: 'assign', ownerName: '李村委', dueOn: today })).status).toBe(302)

    const noResolution = await act('yunmen.clerk@ruyuan.demo', { intent: 'handle', note: '  ' })
    expect(noResolution.status).toBe(400)
    expect((await act('yunmen.clerk@ruyuan.demo', { intent: 'handle', note: '已更换路灯 3 盏。' })).status).toBe(302)

    expect((await act('yunmen.secretary@ruyuan.demo', { intent: 'reassign', note: '' })).status).toBe(400)
    expect((await act('yunmen.secretary@ruyuan.demo', { intent: 'reassign', note: '群众反映仍有一盏不亮。' })).status).toBe(302)

    // the town handles too
    const town = [`/town/${RUCHENG()}/concerns/${caseId}`, { orgId: RUCHENG(), caseId }] as const
    expect((await act('rucheng.admin@ruyuan.demo', { intent: 'handle', note: '全部修复。' }, ...town)).status).toBe(302)
    expect((await act('yunmen.secretary@ruyuan.demo', { intent: 'confirm', note: '' })).status).toBe(302)

    // confirmed cannot be closed: an illegal move is refused, not a 500
    const illegal = await act('yunmen.secretary@ruyuan.demo', { intent: 'close', note: '重复' })
    expect(illegal.status).toBe(403)

    const detail = (await call(caseLoader, 'yunmen.secretary@ruyuan.demo', path, params)).body as {
      found: { state: string; resolution: string; owner_name: string; events: { to_state: string; note: string | null }[] }
      intents: string[]
    }
    expect(detail.found.state).toBe('confirmed')
    expect(detail.found.resolution).toBe('全部修复。')
    expect(detail.found.events.map((e) => e.to_state)).toEqual(['open', 'assigned', 'handled', 'assigned', 'handled', 'confirmed'])
    expect(detail.intents).toEqual([])

    // the unit sees the state, not the handling
    const unitView = (await call(caseLoader, 'unit.liaison@ruyuan.demo', `/unit/${UNIT()}/concerns/${caseId}`, { orgId: UNIT(), caseId })).body as {
      found: { state: string; resolution: string | null; owner_name: string | null; events: { note: string | null }[] }
      intents: string[]
    }
    expect(unitView.found.state).toBe('confirmed')
    expect(unitView.found.resolution).toBeNull()
    expect(unitView.found.owner_name).toBeNull()
    expect(unitView.found.events.every((e) => e.note === null)).toBe(true)
    expect(unitView.intents).toEqual([])

    // the county reads it
    expect((await call(caseLoader, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/concerns/${caseId}`, { orgId: RUYUAN(), caseId })).status).toBe(200)
  })

  it('closes only with a reason', async () => {
    const caseId = await unitRaisesCase(`关闭 ${stamp}`)
    const [path, params] = villageCase(caseId)
    const missing = await call(caseAction, 'yunmen.secretary@ruyuan.demo', path, params, { intent: 'close', note: '' })
    expect(missing.status).toBe(400)
    expect((missing.body as { errors: Record<string, string[]> }).errors.note).toEqual(['此项必填'])
    expect((await call(caseAction, 'yunmen.secretary@ruyuan.demo', path, params, { intent: 'close', note: '与其他事项重复。' })).status).toBe(302)
    const db = await getRawDb()
    const row = await db.selectFrom('concern_cases').select(['state', 'closed_reason']).where('id', '=', caseId).executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'closed', closed_reason: '与其他事项重复。' })
  })
})

describe('households are never the unit’s', () => {
  it('answers the unit 404 and another town 404 or 403, not 500', async () => {
    expect((await call(householdsLoader, 'unit.liaison@ruyuan.demo', `/unit/${UNIT()}/households`, { orgId: UNIT() })).status).toBe(404)
    expect([403, 404]).toContain((await call(householdsLoader, 'youxi.staff@ruyuan.demo', `/town/${RUCHENG()}/households`, { orgId: RUCHENG() })).status)
    expect((await call(householdsLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/households`, { orgId: RUCHENG() })).status).toBe(200)
  })
})

describe('the concern register', () => {
  it('pages through each tab newest first, counting every row', async () => {
    const db = await getRawDb()
    for (const [tab, table] of [
      ['file', 'concern_files'],
      ['opinion', 'opinions'],
      ['case', 'concern_cases'],
    ] as const) {
      const { rows: reference } = await sql<{ id: string }>`
        select x.id from ${sql.table(`public.${table}`)} x
         where x.village_id in (select descendant_id from public.org_closure where ancestor_id = ${RUYUAN()}::uuid)
         order by x.created_at desc, x.id`.execute(db)
      type Page = { rows: { id: string }[]; total: number; pageSize: number }
      const page = async (n: number) =>
        (await call(concernsLoader, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/concerns?tab=${tab}&page=${n}`, { orgId: RUYUAN() })).body as unknown as Page
      const first = await page(1)
      expect(first.total, tab).toBe(reference.length)
      expect(first.total, `${tab}: the demo county has more than two pages`).toBeGreaterThan(2 * first.pageSize)
      const last = Math.ceil(first.total / first.pageSize)
      const listed = [...first.rows, ...(await page(2)).rows, ...(await page(last)).rows].map((r) => r.id)
      expect(listed, tab).toEqual([...reference.slice(0, 2 * first.pageSize), ...reference.slice((last - 1) * first.pageSize)].map((r) => r.id))
    }
  })
})

describe('the household register', () => {
  type Page = { rows: { id: string }[]; total: number; pageSize: number }
  const page = async (query: string) =>
    (await call(householdsLoader, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/households${query}`, { orgId: RUCHENG() })).body as unknown as Page

  it('pages through a town in village and name order, counting every match', async () => {
    const db = await getRawDb()
    const { rows: reference } = await sql<{ id: string }>`
      select h.id from public.households h join public.orgs v on v.id = h.village_id
       where h.village_id in (select descendant_id from public.org_closure where ancestor_id = ${RUCHENG()}::uuid) and h.is_active
       order by v.code, h.head_name, h.id`.execute(db)
    const first = await page('')
    expect(first.total).toBe(reference.length)
    expect(first.total, 'the demo town has more than two pages').toBeGreaterThan(2 * first.pageSize)
    const last = Math.ceil(first.total / first.pageSize)
    const listed: string[] = []
    for (const n of [1, 2, last]) listed.push(...(await page(`?page=${n}`)).rows.map((r) => r.id))
    const lastStart = (last - 1) * first.pageSize
    expect(listed).toEqual([...reference.slice(0, 2 * first.pageSize), ...reference.slice(lastStart)].map((r) => r.id))
    expect((await page(`?page=${last + 1}`)).rows).toEqual([])

    // a filter counts its own matches; its wildcards are taken literally
    const { rows: named } = await sql<{ head_name: string }>`select head_name from public.households where id = ${reference[0]!.id}::uuid`.execute(db)
    const filtered = await page(`?q=${encodeURIComponent(named[0]!.head_name)}`)
    expect(filtered.total).toBeGreaterThanOrEqual(1)
    expect(filtered.total).toBeLessThan(first.total)
    expect((await page('?q=%25')).total).toBe(0)
  })
})
