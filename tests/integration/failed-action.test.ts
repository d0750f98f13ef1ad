/**
 * An action that fails unexpectedly hands back the form it was posted (handingFormBack,
 * lib/action.server.ts; ADR 0012): a 500 with the form, never the error's text; answers pass untouched;
 * a failure with no form read is left to Remix's generic 500. And through a real route: a village
 * secretary's visit diary whose insert fails as a bug would comes back with the 500, and the same form
 * posted again once the fault is gone saves it once.
 */
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handingFormBack } from '../../app/lib/action.server'
import { signIn } from '../../app/lib/auth.server'
import type { Db } from '../../app/lib/db.server'
import { formCarriedIn, type PendingSubmission } from '../../app/lib/pending-submission'
import { readForm } from '../../app/lib/posted-form.server'
import { runInRequestScope } from '../../app/lib/request-scope.server'
import { action as visitAction } from '../../app/routes/shared/visit-new'
import { useLocalAuthTestDb } from '../support/local-auth'
import { DEMO_PASSWORD } from '../support/test-db'

const ORIGIN = 'http://portal.test'
const SECRETARY = 'yunmen.secretary@ruyuan.demo'
const YUNMEN = '8dc02ee6-a131-5508-a1c2-68ae9f06a0d8'
const VISIT_NEW = `/village/${YUNMEN}/visits/new`

let db: Db

interface Thrown {
  type?: string
  data: { failed?: PendingSubmission; retry?: PendingSubmission }
  init: { status: number; headers: Record<string, string> }
}

function post(path: string, fields: [string, string][], cookie?: string): Request {
  const body = new URLSearchParams(fields).toString()
  const headers = new Headers({ origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) })
  if (cookie) headers.set('cookie', cookie)
  return new Request(ORIGIN + path, { method: 'POST', headers, body })
}

function args(request: Request, params: Record<string, string> = {}): ActionFunctionArgs {
  return { request, params, context: {} }
}

useLocalAuthTestDb((created) => (db = created))

afterEach(() => {
  vi.restoreAllMocks()
})

describe('handingFormBack', () => {
  const fields: [string, string][] = [
    ['notes', '入户走访\r\n第二行'],
    ['peopleMet', '2'],
  ]

  it('answers an unexpected failure after the form was read with a 500 that carries it, and logs the error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const failing = handingFormBack(async ({ request }: ActionFunctionArgs) => {
      await readForm(request)
      throw new TypeError('cannot read properties of undefined (reading "id")')
    })
    const thrown = (await runInRequestScope('POST', () => failing(args(post(VISIT_NEW, fields))).catch((e: unknown) => e))) as Thrown
    expect(thrown.type).toBe('DataWithResponseInit')
    expect(thrown.init.status).toBe(500)
    expect(thrown.init.headers['Cache-Control']).toBe('no-store')
    expect(thrown.data.failed).toEqual({ action: VISIT_NEW, fields, files: [] })
    expect(formCarriedIn(thrown.data, 'failed')).toEqual(thrown.data.failed)
    // the error goes to the log, not into what the page receives
    expect(JSON.stringify(thrown.data)).not.toContain('reading')
    expect(logged).toHaveBeenCalledOnce()
    expect(String(logged.mock.calls[0]![0])).toContain(VISIT_NEW)
    expect(logged.mock.calls[0]![1]).toBeInstanceOf(TypeError)
  })

  it('lets answers through untouched: redirects, responses, data()', async () => {
    for (const answer of [redirect('/village/x/visits?saved=1'), new Response('Not found', { status: 404 }), data({ errors: {} }, { status: 400 })]) {
      const wrapped = handingFormBack(async ({ request }: ActionFunctionArgs) => {
        await readForm(request)
        throw answer
      })
      const thrown = await runInRequestScope('POST', () => wrapped(args(post(VISIT_NEW, fields))).catch((e: unknown) => e))
      expect(thrown).toBe(answer)
    }
    const returning = handingFormBack(async (_: ActionFunctionArgs) => ({ ok: true }))
    expect(await runInRequestScope('POST', () => returning(args(post(VISIT_NEW, fields))))).toEqual({ ok: true })
  })

  it('leaves a failure with no form to carry to Remix’s generic 500', async () => {
    const error = new Error('before any form was read')
    const failing = handingFormBack(async (_: ActionFunctionArgs) => {
      throw error
    })
    // in a request scope, but nothing read the form or noted the request
    expect(await runInRequestScope('POST', () => failing(args(post(VISIT_NEW, fields))).catch((e: unknown) => e))).toBe(error)
    // outside one (no server around it)
    const reading = handingFormBack(async ({ request }: ActionFunctionArgs) => {
      await readForm(request)
      throw error
    })
    expect(await reading(args(post(VISIT_NEW, fields))).catch((e: unknown) => e)).toBe(error)
  })

  it('answers an outage met outside a transaction with the 503 that carries the form', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const failing = handingFormBack(async ({ request }: ActionFunctionArgs) => {
      await readForm(request)
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    })
    const thrown = (await runInRequestScope('POST', () => failing(args(post(VISIT_NEW, fields))).catch((e: unknown) => e))) as Thrown
    expect(thrown.init.status).toBe(503)
    expect(thrown.data.retry).toEqual({ action: VISIT_NEW, fields, files: [] })
  })
})

describe('a visit diary whose insert fails unexpectedly', () => {
  it('comes back with the 500, and saves once when posted again after the fault is gone', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const session = await signIn(new Request(`${ORIGIN}/login`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.250' } }), { email: SECRETARY, password: DEMO_PASSWORD })
    if (!session.ok) throw new Error('sign-in failed')
    const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!
    const notes = `村情笔记 ${Date.now().toString(36)}：水渠需要清淤\n第二行`
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const fields: [string, string][] = [
      ['visitedOn', today],
      ['peopleMet', '4'],
      ['notes', notes],
    ]
    const saved = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from public.visits where village_id = ${YUNMEN} and notes = ${notes}`.execute(db)).rows[0]!.n)

    await sql`create function public.fault_injected_visit() returns trigger language plpgsql as $$
                begin raise exception 'fault injected into visits' using errcode = 'XX000'; end $$`.execute(db)
    await sql`create trigger fault_injected before insert on public.visits for each row execute function public.fault_injected_visit()`.execute(db)
    let thrown: Thrown
    try {
      thrown = (await runInRequestScope('POST', () => visitAction(args(post(VISIT_NEW, fields, cookie), { orgId: YUNMEN })).catch((e: unknown) => e))) as Thrown
    } finally {
      await sql`drop trigger fault_injected on public.visits`.execute(db)
      await sql`drop function public.fault_injected_visit()`.execute(db)
    }
    expect(thrown.init.status).toBe(500)
    expect(thrown.data.failed).toEqual({ action: VISIT_NEW, fields, files: [] })
    expect(JSON.stringify(thrown.data)).not.toContain('fault injected')
    expect(await saved()).toBe(0)

    const again = await runInRequestScope('POST', () => visitAction(args(post(thrown.data.failed!.action, thrown.data.failed!.fields, cookie), { orgId: YUNMEN })).catch((e: unknown) => e))
    expect(again).toBeInstanceOf(Response)
    expect((again as Response).status).toBe(302)
    expect((again as Response).headers.get('location')).toBe(`/village/${YUNMEN}/visits?saved=1`)
    expect(await saved()).toBe(1)
  })
})
