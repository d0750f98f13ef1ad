/**
 * Property-based fuzzing of every action of app/routes.ts (fast-check, fixed seed): for a valid URL
 * and an account allowed to post there, arbitrary form bodies (the schema's field names and junk
 * keys; empty, huge, CJK, out-of-range, negative, NaN-ish and malformed values; repeated keys; wrong
 * intents), sometimes laid over a valid body so the deeper paths run too. The action must never
 * throw anything but a Response and never answer 5xx: 2xx/3xx, or 400/403/404/409/429 with a body;
 * the messages of a 400 are translated Chinese (no i18n keys, no English), since the request asks
 * for zh-CN. Writes land in this file's own PGlite copy.
 *
 * Deterministic probes beside the fuzzing: values Postgres refuses (a NUL byte, impossible dates,
 * numbers out of range) in each field of a valid body, and ids of nothing or of the wrong kind of org
 * in each id field.
 *
 * And first, on the seeded data, the access matrix of the actions ("who may post where"): each valid body
 * posted by every demo account and by nobody to both demo orgs of its portal kind; whoever the permission
 * matrix refuses gets the refusal the loaders' matrix expects (tests/support/access-matrix.ts) and writes
 * nothing (the audit log, users, profiles and active roles are unchanged).
 *
 * Explore further locally: FUZZ_SEED=7 FUZZ_RUNS=300 npx vitest run tests/integration/fuzz-actions.test.ts
 * (FUZZ_DEBUG=1 prints every probe's answer and the statuses per action).
 */
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRawDb, type Db } from '../../app/lib/db.server'
import { currentPeriod } from '../../app/domain/monthly-reports/schema'
import { BASE, fillPattern, listRoutes, loadRouteModule, MISSING_ID as MISSING, type RouteEntry } from '../support/routes'
import { createIsolatedTestDb } from '../support/test-db'
import { ANONYMOUS, loadMatrix, type AccessMatrix } from '../support/access-matrix'
import {
  ACTION_NEEDS,
  ACTION_TARGETS as TARGETS,
  actionParams,
  CURRENT_REVISION,
  ids,
  today,
  loadActionIds,
  matrixCases,
  refusalCells,
  somebodyMayPost,
  writeFingerprint,
  type ActionTarget as Target,
} from '../support/action-targets'
import { cookieFor } from '../support/sessions'

/** Fixed for reproducible CI runs; FUZZ_SEED / FUZZ_RUNS explore further locally. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128)
const RUNS = Number(process.env.FUZZ_RUNS ?? 30)
const ACCEPTED = new Set([400, 403, 404, 409, 429])

/** Values worth trying anywhere: the edges forms meet. */
const NASTY = [
  '', ' ', '0', '-1', '-0', '1.5', '1e309', '9999999999999999999999', 'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', 'on',
  '0x1F', '1,000', '１２３', '12.345', '100000000000.00', '2026-02-30', '2026-13-01', '9999-12-31', '1900-01-01', '2026-1-1', '2026-10',
  'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '../../etc/passwd', "'; drop table orgs; --",
  '<script>alert(1)</script>', '\u0000', '\uFFFF', '\uD800', '乳源瑶族自治县', '𠀋𠀌', '🙂', 'تجربة', '\n\r\t', '{"sections":[{}]}', '[]', '{}',
  '//evil.example', 'https://evil.example/', '/\\evil.example', 'en', 'zh-CN', 'x'.repeat(5_000), '字'.repeat(3_000), 'a'.repeat(250_000),
]

function valueArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 2, arbitrary: fc.constantFrom(ids.yunmen, ids.unit, ids.ruyuan, ids.cadre, ids.pairing, ids.membership, today()) },
    { weight: 1, arbitrary: fc.uuid() },
  )
}

function bodyArb(target: Target): fc.Arbitrary<[string, string][]> {
  const keys = [...target.fields, 'intent', ...ids.reportKeys.flatMap((k) => [`values.${k}`, `comments.${k}`])]
  const keyArb = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'values.', 'values.__proto__', 'file', '_data', 'x'.repeat(1000)) },
  )
  const intentArb = fc.oneof(fc.constantFrom(...(target.intents ?? []), 'delete', 'APPROVE', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'), valueArb())
  const entry = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(keyArb, valueArb()) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('intent'), intentArb) },
  )
  return fc.tuple(fc.boolean(), fc.array(entry, { maxLength: 10 })).map(([base, extra]) => [...(base && target.valid ? target.valid() : []), ...extra])
}

const fileArb = fc.oneof(
  fc.constant(new Uint8Array()),
  fc.uint8Array({ maxLength: 2_000 }),
  fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
  // a zip's magic number with nothing after it: looks like XLSX, is not
  fc.constant(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])),
)

interface Answer {
  status: number
  body: unknown
  hasBody: boolean
}

async function post(entry: RouteEntry, target: Target, params: Record<string, string>, body: [string, string][], file?: Uint8Array): Promise<Answer> {
  const { action } = await loadRouteModule(entry)
  await target.prepare?.(db)
  body = body.map(([k, v]): [string, string] => [k, v === CURRENT_REVISION ? ids.revision : v])
  const headers = new Headers({ 'Accept-Language': 'zh-CN', Origin: BASE })
  if (target.email) headers.set('Cookie', await cookieFor(target.email))
  // encoded as a browser sends it, its length stated (a body of unstated length is not read without a session)
  let payload: Uint8Array<ArrayBuffer>
  if (target.upload) {
    const form = new FormData()
    for (const [k, v] of body) if (k !== 'file') form.append(k, v)
    if (file) form.append('file', new Blob([file as BlobPart]), 'upload.xlsx')
    const encoded = new Response(form)
    payload = new Uint8Array(await encoded.arrayBuffer())
    headers.set('Content-Type', encoded.headers.get('content-type')!)
  } else {
    payload = new TextEncoder().encode(new URLSearchParams(body).toString())
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  headers.set('Content-Length', String(payload.byteLength))
  const request = new Request(`${BASE}${fillPattern(entry.pattern, params)}`, { method: 'POST', headers, body: payload })
  let result: unknown
  try {
    result = await action!({ request, params, context: {} })
  } catch (thrown) {
    // a thrown data() is a response too (requireClaims' 401 when the session has ended)
    if (!(thrown instanceof Response) && (thrown as { type?: string } | null)?.type !== 'DataWithResponseInit') throw thrown
    result = thrown
  }
  if (result instanceof Response) {
    const text = await result.text()
    return { status: result.status, body: text, hasBody: text.length > 0 }
  }
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } } | null
  if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, body: wrapped.data, hasBody: wrapped.data != null }
  return { status: 200, body: result, hasBody: result != null }
}

/** Every message a 4xx shows the user: field errors, import errors, formError. */
function messagesOf(body: unknown): string[] {
  if (!body || typeof body !== 'object') return []
  const out: string[] = []
  const b = body as { errors?: unknown; formError?: unknown }
  if (typeof b.formError === 'string') out.push(b.formError)
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      const message = (v as { message?: unknown }).message
      if (typeof message === 'string' && 'row' in v) out.push(message)
      else Object.values(v).forEach(walk)
    }
  }
  walk(b.errors)
  return out
}

const I18N_KEY = /^[a-z][\w-]*(\.[\w-]+)+$/
const CJK = /[\u3400-\u9fff]/

function problemsOf(answer: Answer): string[] {
  const problems: string[] = []
  const ok = answer.status >= 200 && answer.status < 400
  if (!ok && !ACCEPTED.has(answer.status)) problems.push(`answered ${answer.status}`)
  if (!ok && !answer.hasBody) problems.push(`answered ${answer.status} without a body`)
  if (answer.status === 400) {
    for (const m of messagesOf(answer.body)) {
      if (I18N_KEY.test(m) || m.includes('validation.')) problems.push(`untranslated message ${JSON.stringify(m)}`)
      else if (!CJK.test(m)) problems.push(`message not in Chinese: ${JSON.stringify(m.slice(0, 80))}`)
    }
  }
  return problems
}

const entries = listRoutes()
const withAction: RouteEntry[] = []
const paramsOf = new Map<string, Record<string, string>>()
const stats = { actions: 0, runs: 0, statuses: new Map<number, number>(), byTarget: new Map<string, Map<number, number>>() }
let db: Db

let isolated: Awaited<ReturnType<typeof createIsolatedTestDb>> | undefined
beforeAll(async () => {
  isolated = await createIsolatedTestDb('fuzz')
  db = await getRawDb()
  await loadActionIds(db)
  for (const entry of entries) {
    if (!(await loadRouteModule(entry)).action) continue
    withAction.push(entry)
    const target = TARGETS[entry.id]
    if (!target) continue
    paramsOf.set(entry.id, await actionParams(db, entry, target.orgCode ?? ''))
  }
  // sessions first: the login fuzz may rate-limit sign-in for everybody afterwards
  for (const target of Object.values(TARGETS)) if (target.email) await cookieFor(target.email)
  // this month's report exists, so 'save' and 'submit' reach the template's validation and the database
  const report = withAction.find((e) => e.id === 'routes/village/report')!
  const started = await post(report, TARGETS[report.id]!, paramsOf.get(report.id)!, [['intent', 'start']])
  if (started.status !== 302 && started.status !== 409) throw new Error(`could not start this month's report: ${started.status}`)
  // the field keys of the template version this report is filed under (text fields first: they reach the database)
  const { rows: templates } = await sql<{ definition: unknown }>`
    select t.definition from public.monthly_reports r join public.report_templates t on t.id = r.template_id
     where r.village_id = ${ids.yunmen} and r.period = ${currentPeriod()}`.execute(db)
  const fields = [...JSON.stringify(templates[0]?.definition ?? {}).matchAll(/"key":"([^"]+)","type":"(\w+)"/g)]
  ids.reportKeys = [...fields.filter((m) => m[2]!.includes('text')), ...fields.filter((m) => !m[2]!.includes('text'))].map((m) => m[1]!)
})
afterAll(async () => {
  const statuses = [...stats.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')
  console.info(`fuzzed ${stats.actions} actions, ${stats.runs} bodies: ${statuses}`)
  if (process.env.FUZZ_DEBUG) for (const [id, m] of stats.byTarget) console.info(id, [...m.entries()].map(([s, n]) => `${s}×${n}`).join(' '))
  await isolated?.dispose()
})

// Before the fuzzing, on the seeded data: the fuzzing's valid bodies grant and revoke roles.
describe('who may post where', () => {
  // Every action with a valid body, posted with that body by every demo account and by nobody, to both demo
  // orgs of its portal kind (refusalCells in tests/support/action-targets.ts). Whoever the permission matrix
  // refuses gets the refusal and writes nothing. The same cells run over HTTP in tests/http/access-matrix.ts.
  let matrix: AccessMatrix

  it('knows what every action with a valid body needs', () => {
    expect(Object.keys(TARGETS).filter((id) => TARGETS[id]!.valid && TARGETS[id]!.orgCode && !ACTION_NEEDS[id])).toEqual([])
  })

  it.each(matrixCases().map((c) => [c.label, c] as const))('%s refuses everyone the matrix refuses, writing nothing', async (_, { id, body, need }) => {
    matrix ??= await loadMatrix(db)
    const entry = withAction.find((e) => e.id === id)!
    const target = TARGETS[id]!
    const { refused, allowed } = await refusalCells(db, matrix, entry, need)
    const failures: string[] = []
    for (const cell of refused) {
      const before = await writeFingerprint(db)
      const answer = await post(entry, { ...target, email: cell.account === ANONYMOUS ? null : cell.account }, cell.params, body())
      const after = await writeFingerprint(db)
      const where = `${cell.account} → ${cell.code}`
      if (!cell.expected.includes(answer.status)) failures.push(`${where}: answered ${answer.status}, expected ${cell.expected.join(' or ')}`)
      if (after !== before) failures.push(`${where}: wrote something (${before} → ${after})`)
    }
    expect(failures, `POST ${entry.pattern} (${need!.join(':')})`).toEqual([])
    expect(refused.length, 'refused cells').toBeGreaterThan(0)
    // some pages have nobody in their portal who may post (the county reads reports, the town reviews them;
    // units never advance cases): there every cell is a refusal
    expect(allowed > 0, 'cells whose poster may post, when a role of the portal may').toBe(somebodyMayPost(matrix, entry, need))
  })
})

describe('fuzzing every action', () => {
  it('has a target for every route with an action', () => {
    expect(withAction.map((e) => e.id).filter((id) => !TARGETS[id])).toEqual([])
  })

  // values Postgres refuses where zod may not (a NUL byte: 22021/22P05; a month 13 or 30 February: 22008;
  // numbers beyond integer or numeric range: 22003; a real day after today, which the record tables'
  // checks refuse: 23514), in every field of each valid body, one at a time
  const POISON = [(v: string) => `${v}\u0000x`, () => '2026-13-01', () => '2026-02-30', () => '2099-01-01', () => '-1', () => '99999999999999999999']
  it.each(Object.keys(TARGETS).filter((id) => TARGETS[id]!.valid && !id.endsWith('-user')))('%s with poison in each field', async (id) => {
    const entry = withAction.find((e) => e.id === id)!
    const target = TARGETS[id]!
    const params = paramsOf.get(id)!
    const failures: string[] = []
    for (const valid of [target.valid!, ...(target.alsoValid ? [target.alsoValid] : [])])
    for (const [field] of valid()) {
      if (field === 'intent') continue
      for (const poison of POISON) {
        const body = valid().map(([k, v]): [string, string] => [k, k === field ? poison(v) : v])
        const shown = JSON.stringify(body.find(([k]) => k === field)![1].slice(0, 40))
        try {
          const answer = await post(entry, target, params, body)
          if (process.env.FUZZ_DEBUG) console.log(id, field, shown, answer.status, JSON.stringify(answer.body).slice(0, 200))
          const problems = problemsOf(answer)
          if (problems.length) failures.push(`${field}=${shown}: ${problems.join('; ')}`)
        } catch (err) {
          failures.push(`${field}=${shown}: threw ${(err as Error).message.split('\n')[0]}`)
        }
      }
    }
    expect(failures, `POST ${fillPattern(entry.pattern, params)} as ${target.email ?? 'nobody'}`).toEqual([])
  })

  // ids of nothing and of the wrong kind of org (a town where a village belongs, a village as unit)
  it.each(Object.keys(TARGETS).filter((id) => TARGETS[id]!.valid))('%s with wrong ids in each id field', async (id) => {
    const entry = withAction.find((e) => e.id === id)!
    const target = TARGETS[id]!
    const params = paramsOf.get(id)!
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    const failures: string[] = []
    for (const valid of [target.valid!, ...(target.alsoValid ? [target.alsoValid] : [])]) {
      const fields = valid().filter(([, v]) => UUID.test(v)).map(([k]) => k)
      for (const field of [...fields, ...target.fields.filter((f) => /Id$|^id$/.test(f) && !fields.includes(f))]) {
        for (const wrong of [MISSING, ids.ruyuan, ids.rucheng, ids.unit, ids.yunmen]) {
          const body = [...valid().filter(([k]) => k !== field), [field, wrong] as [string, string]]
          try {
            const problems = problemsOf(await post(entry, target, params, body))
            if (problems.length) failures.push(`${field}=${wrong}: ${problems.join('; ')}`)
          } catch (err) {
            failures.push(`${field}=${wrong}: threw ${(err as Error).message.split('\n')[0]}`)
          }
        }
      }
    }
    expect(failures, `POST ${fillPattern(entry.pattern, params)} as ${target.email ?? 'nobody'}`).toEqual([])
  })

  // an intent looked up in a plain object finds Object.prototype's members
  it.each(Object.keys(TARGETS).filter((id) => !id.endsWith('-user')))('%s with intents named like Object.prototype members', async (id) => {
    const entry = withAction.find((e) => e.id === id)!
    const target = TARGETS[id]!
    const params = paramsOf.get(id)!
    const failures: string[] = []
    for (const intent of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const body: [string, string][] = [...(target.valid?.() ?? []).filter(([k]) => k !== 'intent'), ['intent', intent]]
      try {
        const problems = problemsOf(await post(entry, target, params, body))
        if (problems.length) failures.push(`intent=${intent}: ${problems.join('; ')}`)
      } catch (err) {
        failures.push(`intent=${intent}: threw ${(err as Error).message.split('\n')[0]}`)
      }
    }
    expect(failures, `POST ${fillPattern(entry.pattern, params)} as ${target.email ?? 'nobody'}`).toEqual([])
  })

  it('routes/county/template-new with a NUL byte inside the definition’s labels', async () => {
    const entry = withAction.find((e) => e.id === 'routes/county/template-new')!
    const target = TARGETS[entry.id]!
    const params = paramsOf.get(entry.id)!
    // the first label of the definition, with a JSON-escaped NUL in it: valid JSON, refused by jsonb
    const definition = ids.definition.replace(/("zh-CN": ")/, '$1\\u0000')
    expect(definition).not.toBe(ids.definition)
    for (const intent of ['preview', 'create']) {
      const answer = await post(entry, target, params, [['intent', intent], ['validFrom', ids.templateMonth], ['dueDay', '5'], ['definition', definition]])
      expect(problemsOf(answer), `${intent}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`).toEqual([])
      expect(answer.status).toBe(400)
    }
  })

  // user administration last: it may grant and revoke roles the other targets do not depend on
  const ordered = Object.keys(TARGETS).sort((a, b) => Number(a.endsWith('-user')) - Number(b.endsWith('-user')))
  it.each(ordered)('%s', async (id) => {
    const entry = withAction.find((e) => e.id === id)
    expect(entry, `route ${id} has no action`).toBeDefined()
    const target = TARGETS[id]!
    const params = paramsOf.get(id)!
    stats.actions++
    await fc.assert(
      fc.asyncProperty(bodyArb(target), fileArb, async (body, file) => {
        const answer = await post(entry!, target, params, body, file)
        stats.runs++
        stats.statuses.set(answer.status, (stats.statuses.get(answer.status) ?? 0) + 1)
        const mine = stats.byTarget.get(id) ?? new Map<number, number>()
        mine.set(answer.status, (mine.get(answer.status) ?? 0) + 1)
        stats.byTarget.set(id, mine)
        const problems = problemsOf(answer)
        if (problems.length) throw new Error(`POST ${fillPattern(entry!.pattern, params)} as ${target.email ?? 'nobody'}: ${problems.join('; ')}`)
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  })
})
