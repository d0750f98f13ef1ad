/**
 * A form posted after its session ended is carried through sign-in, not thrown away (requireClaims,
 * components/session-ended.tsx, routes/auth/login.tsx): what the action answers with and without a
 * session cookie, how much of a stranger's body is read, the loaders that run after the action in the
 * same document request, and the sign-in that hands the form back. Likewise a form posted during a
 * database outage comes back with the 503, to post again (unavailableAs503, ADR 0012).
 */
import { describe, expect, it } from 'vitest'
import { getClaims, requireClaims, signIn } from '../../app/lib/auth.server'
import type { Db } from '../../app/lib/db.server'
import { fitsIntoSignIn, MAX_CARRIED_LENGTH, formCarriedIn, pageOf, serializePending, SIGNED_OUT_READ_LIMIT, type PendingSubmission } from '../../app/lib/pending-submission'
import { parsePending } from '../../app/lib/pending-submission.server'
import { readForm } from '../../app/lib/posted-form.server'
import { runInRequestScope } from '../../app/lib/request-scope.server'
import { unavailableAs503 } from '../../app/lib/security.server'
import { SESSION_COOKIE } from '../../app/lib/session.server'
import { action as loginAction } from '../../app/routes/auth/login'
import { BODY_LIMITS } from '../../server/security.js'
import { useLocalAuthTestDb } from '../support/local-auth'
import { DEMO_PASSWORD } from '../support/test-db'

const SECRETARY = 'yunmen.secretary@ruyuan.demo'
const ORIGIN = 'http://portal.test'
const REPORT = '/village/8dc02ee6-a131-5508-a1c2-68ae9f06a0d8/reports/2026-10'

let db: Db
let ipCounter = 0

interface Thrown {
  type: string
  data: { sessionEnded: PendingSubmission }
  init: { status: number }
}

function post(path: string, body: BodyInit, cookie?: string, contentType?: string): Request {
  const headers = new Headers({ origin: ORIGIN, 'x-forwarded-for': `203.0.113.${++ipCounter}` })
  if (cookie) headers.set('cookie', cookie)
  if (contentType) headers.set('content-type', contentType)
  const request = new Request(ORIGIN + path, { method: 'POST', headers, body })
  // what a browser sends and server/security.js requires of every body
  if (typeof body === 'string') request.headers.set('content-length', String(Buffer.byteLength(body)))
  return request
}

function form(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString()
}

async function endedCookie(): Promise<string> {
  const result = await signIn(new Request(`${ORIGIN}/login`, { method: 'POST', headers: { 'x-forwarded-for': `203.0.113.${++ipCounter}` } }), {
    email: SECRETARY,
    password: DEMO_PASSWORD,
  })
  if (!result.ok) throw new Error('sign-in failed')
  const cookie = result.headers.getSetCookie()[0]!.split(';')[0]!
  // ended elsewhere (a password change signs every device out): the cookie stays, its session is gone
  await db.deleteFrom('auth.sessions').where('id', '=', result.claims.session_id).execute()
  return cookie
}

useLocalAuthTestDb((created) => (db = created))

describe('a form posted without a live session', () => {
  const fields: [string, string][] = [
    ['revision', '3'],
    ['values.work_done', '走访农户 12 户\r\n第二行'],
    ['values.work_done', 'a repeated name stays'],
    ['intent', 'submit'],
  ]

  it('answers 401 with everything posted, in order, when the browser no longer sends a cookie', async () => {
    const thrown = (await requireClaims(post(REPORT, form(fields), undefined, 'application/x-www-form-urlencoded')).catch((e: unknown) => e)) as Thrown
    expect(thrown.type).toBe('DataWithResponseInit')
    expect(thrown.init.status).toBe(401)
    expect(thrown.data.sessionEnded).toEqual({ action: REPORT, fields, files: [] })
  })

  it('answers the same to a session cookie whose session has ended', async () => {
    const thrown = (await requireClaims(post(REPORT, form(fields), await endedCookie(), 'application/x-www-form-urlencoded')).catch((e: unknown) => e)) as Thrown
    expect(thrown.init.status).toBe(401)
    expect(thrown.data.sessionEnded.fields).toEqual(fields)
  })

  it('keeps ?index (it picks the action), drops the single-fetch markers', async () => {
    const thrown = (await requireClaims(post('/village/x.data?index&_routes=a', form(fields), undefined, 'application/x-www-form-urlencoded')).catch((e: unknown) => e)) as Thrown
    // `index=` is the same marker to Remix (an empty index parameter)
    expect(thrown.data.sessionEnded.action).toBe('/village/x?index=')
    expect(pageOf(thrown.data.sessionEnded)).toBe('/village/x')
    const root = (await requireClaims(post('/_root.data', form(fields), undefined, 'application/x-www-form-urlencoded')).catch((e: unknown) => e)) as Thrown
    expect(root.data.sessionEnded.action).toBe('/')
  })

  it('names the files of an upload, which cannot be carried, and keeps its text fields', async () => {
    const upload = new FormData()
    upload.append('dryRun', 'on')
    upload.append('file', new Blob([new Uint8Array(200)]), '花名册.xlsx')
    upload.append('empty', new Blob([]), '')
    // as a browser sends it: multipart, its length stated
    const encoded = new Response(upload)
    const bytes = new Uint8Array(await encoded.arrayBuffer())
    const request = post('/village/x/households/import', bytes, undefined, encoded.headers.get('content-type')!)
    request.headers.set('content-length', String(bytes.byteLength))
    const thrown = (await requireClaims(request).catch((e: unknown) => e)) as Thrown
    // a file input left empty is posted as an empty text field
    expect(thrown.data.sessionEnded.fields).toEqual([['dryRun', 'on'], ['empty', '']])
    expect(thrown.data.sessionEnded.files).toEqual(['花名册.xlsx'])
  })

  it('reads no more of a stranger’s body than of a sign-in: above that, the redirect to sign-in, body unread', async () => {
    expect(SIGNED_OUT_READ_LIMIT).toBe(BODY_LIMITS.signedOut)
    const big = form([['values.work_done', 'x'.repeat(SIGNED_OUT_READ_LIMIT)]])
    const request = post(REPORT, big, undefined, 'application/x-www-form-urlencoded')
    const thrown = await requireClaims(request).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(302)
    expect((thrown as Response).headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(REPORT)}`)
    expect(request.bodyUsed).toBe(false)
  })

  it('reads a larger body when the cookie is a session of ours that ended', async () => {
    const long = 'x'.repeat(SIGNED_OUT_READ_LIMIT)
    const thrown = (await requireClaims(post(REPORT, form([['values.work_done', long]]), await endedCookie(), 'application/x-www-form-urlencoded')).catch((e: unknown) => e)) as Thrown
    expect(thrown.init.status).toBe(401)
    expect(thrown.data.sessionEnded.fields).toEqual([['values.work_done', long]])
    // too long to carry through a sign-in: the panel shows it for copying instead
    expect(fitsIntoSignIn(serializePending(thrown.data.sessionEnded))).toBe(false)
  })

  it('leaves passwords out', async () => {
    const thrown = (await requireClaims(
      post('/account/password', form([['currentPassword', 'Old#2026pass'], ['newPassword', 'New#2026pass'], ['confirmPassword', 'New#2026pass'], ['intent', 'change']]), undefined, 'application/x-www-form-urlencoded'),
    ).catch((e: unknown) => e)) as Thrown
    expect(thrown.data.sessionEnded.fields).toEqual([['intent', 'change']])
  })

  it('a body of unstated length counts as too long to read without a session', async () => {
    const request = new Request(ORIGIN + REPORT, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) })
    request.headers.delete('content-length')
    expect(((await requireClaims(request).catch((e: unknown) => e)) as Response).status).toBe(302)
    expect(request.bodyUsed).toBe(false)
  })

  it('a forged cookie is a stranger’s', async () => {
    const big = form([['values.work_done', 'x'.repeat(SIGNED_OUT_READ_LIMIT)]])
    const request = post(REPORT, big, `${SESSION_COOKIE}=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged`, 'application/x-www-form-urlencoded')
    expect(((await requireClaims(request).catch((e: unknown) => e)) as Response).status).toBe(302)
    expect(request.bodyUsed).toBe(false)
  })

  it('a GET is still sent to sign in', async () => {
    const thrown = await requireClaims(new Request(ORIGIN + REPORT)).catch((e: unknown) => e)
    expect((thrown as Response).status).toBe(302)
  })

  it('the loaders Remix runs after that action, in the same document request, answer the same 401', async () => {
    await runInRequestScope('POST', async () => {
      const fromAction = (await requireClaims(post(REPORT, form(fields), undefined, 'application/x-www-form-urlencoded')).catch((e: unknown) => e)) as Thrown
      // Remix gives each loader a GET request of its own
      const fromLoader = (await requireClaims(new Request(ORIGIN + REPORT)).catch((e: unknown) => e)) as Thrown
      expect(fromLoader.init.status).toBe(401)
      expect(fromLoader.data).toEqual(fromAction.data)
    })
    // without an action before it, a loader in a POST's scope redirects as usual
    await runInRequestScope('POST', async () => {
      expect(((await requireClaims(new Request(ORIGIN + REPORT)).catch((e: unknown) => e)) as Response).status).toBe(302)
    })
  })
})

describe('the sign-in that carries it', () => {
  const pending: PendingSubmission = { action: `${REPORT}?index`, fields: [['intent', 'save'], ['values.work_done', '第一行\r\n第二行']], files: [] }

  async function signInWith(fields: [string, string][]) {
    const request = post('/login', form(fields), undefined, 'application/x-www-form-urlencoded')
    try {
      return await loginAction({ request, params: {}, context: {} })
    } catch (thrown) {
      return thrown
    }
  }

  it('signed in, hands the form back instead of redirecting, with the new session cookie', async () => {
    const answer = (await signInWith([
      ['email', SECRETARY],
      ['password', DEMO_PASSWORD],
      ['redirectTo', REPORT],
      ['resume', serializePending(pending)],
    ])) as { type: string; data: { resumed: PendingSubmission }; init: { status?: number; headers: Headers } }
    expect(answer.type).toBe('DataWithResponseInit')
    expect(answer.init.status ?? 200).toBe(200)
    expect(answer.data.resumed).toEqual(pending)
    expect((answer.data as { account?: string }).account).toBe(SECRETARY)
    expect(new Headers(answer.init.headers).get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=`))
  })

  it('a wrong password keeps carrying it', async () => {
    const resume = serializePending(pending)
    const answer = (await signInWith([
      ['email', SECRETARY],
      ['password', 'wrong-password'],
      ['resume', resume],
    ])) as { data: { resume?: string; formError?: string }; init: { status: number } }
    expect(answer.init.status).toBe(400)
    expect(answer.data.resume).toBe(resume)
    expect(answer.data.formError).toBeTruthy()
  })

  it('ignores a resume that is not one of ours, and signs in as usual', async () => {
    for (const resume of ['{', 'x'.repeat(MAX_CARRIED_LENGTH + 1), JSON.stringify({ ...pending, action: '//evil.example/' }), JSON.stringify({ ...pending, action: 'https://evil.example/' }), JSON.stringify({ action: REPORT })]) {
      const answer = await signInWith([
        ['email', SECRETARY],
        ['password', DEMO_PASSWORD],
        ['redirectTo', REPORT],
        ['resume', resume],
      ])
      expect(answer).toBeInstanceOf(Response)
      expect((answer as Response).status).toBe(302)
      expect((answer as Response).headers.get('location')).toBe(REPORT)
    }
  })

  it('parsePending takes only what serializePending made, within what a sign-in carries', () => {
    expect(parsePending(serializePending(pending))).toEqual(pending)
    expect(parsePending(undefined)).toBeNull()
    expect(parsePending(JSON.stringify({ ...pending, action: '/\\evil.example' }))).toBeNull()
    expect(parsePending(JSON.stringify({ ...pending, fields: [['a', 1]] }))).toBeNull()
    expect(parsePending('x'.repeat(MAX_CARRIED_LENGTH + 1))).toBeNull()
    expect(fitsIntoSignIn(serializePending({ ...pending, fields: [['t', '中'.repeat(MAX_CARRIED_LENGTH / 10)]] }))).toBe(true)
    // the error view's own check, without zod
    expect(formCarriedIn({ sessionEnded: pending }, 'sessionEnded')).toEqual(pending)
    expect(formCarriedIn({ sessionEnded: { ...pending, fields: [['a']] } }, 'sessionEnded')).toBeNull()
    expect(formCarriedIn({ sessionEnded: { ...pending, files: undefined } }, 'sessionEnded')).toBeNull()
    expect(formCarriedIn('Not found', 'sessionEnded')).toBeNull()
    expect(fitsIntoSignIn(serializePending({ ...pending, fields: [['t', '中'.repeat(MAX_CARRIED_LENGTH / 8)]] }))).toBe(false)
  })
})

describe('a form posted during an outage', () => {
  const fields: [string, string][] = [
    ['revision', '3'],
    ['values.work_done', '走访农户 12 户'],
    ['intent', 'submit'],
  ]
  const outage = () => Promise.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))

  it('answers 503 with the form when the action had read it, and the loaders after it too', async () => {
    await runInRequestScope('POST', async () => {
      const request = post(REPORT, form(fields), undefined, 'application/x-www-form-urlencoded')
      expect([...(await readForm(request))]).toEqual(fields)
      const thrown = (await unavailableAs503(outage).catch((e: unknown) => e)) as { data: { retry: PendingSubmission }; init: { status: number; headers: Record<string, string> } }
      expect(thrown.init.status).toBe(503)
      expect(thrown.init.headers['Retry-After']).toBe('5')
      expect(thrown.data.retry).toEqual({ action: REPORT, fields, files: [] })
      expect(formCarriedIn(thrown.data, 'retry')).toEqual(thrown.data.retry)
      const fromLoader = (await unavailableAs503(outage).catch((e: unknown) => e)) as { data: { retry: PendingSubmission } }
      expect(fromLoader.data.retry).toEqual(thrown.data.retry)
    })
  })

  it('reads the form itself when the outage comes first, at the session check', async () => {
    await runInRequestScope('POST', async () => {
      const request = post(REPORT, form(fields), await endedCookie(), 'application/x-www-form-urlencoded')
      // what every action does first; here the session check would meet the outage
      await getClaims(request)
      const thrown = (await unavailableAs503(outage).catch((e: unknown) => e)) as { data: { retry: PendingSubmission } }
      expect(thrown.data.retry.fields).toEqual(fields)
    })
  })

  it('reads no more of an unknown sender’s body than of a sign-in', async () => {
    await runInRequestScope('POST', async () => {
      const request = post(REPORT, form([['values.work_done', 'x'.repeat(SIGNED_OUT_READ_LIMIT)]]), undefined, 'application/x-www-form-urlencoded')
      await getClaims(request)
      const thrown = await unavailableAs503(outage).catch((e: unknown) => e)
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(503)
      expect(request.bodyUsed).toBe(false)
    })
  })

  it('a GET’s 503 carries nothing', async () => {
    await runInRequestScope('GET', async () => {
      const thrown = await unavailableAs503(outage).catch((e: unknown) => e)
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(503)
    })
  })
})
