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
import { ACTIVITY_KINDS } from '../../app/lib/db-types'
import { demoOrgId } from '../../app/lib/seed.server'
import { currentPeriod } from '../../app/domain/monthly-reports/schema'
import { BASE, fillPattern, listRoutes, loadRouteModule, MISSING_ID as MISSING, portalParams, type RouteEntry } from '../support/routes'
import { createIsolatedTestDb } from '../support/test-db'
import { ACCOUNTS as MATRIX_ACCOUNTS, ANONYMOUS, loadMatrix, memberships as matrixMemberships, TARGETS as MATRIX_TARGETS, type AccessMatrix, type Need } from '../support/access-matrix'
import { cookieFor } from '../support/sessions'

/** Fixed for reproducible CI runs; FUZZ_SEED / FUZZ_RUNS explore further locally. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128)
const RUNS = Number(process.env.FUZZ_RUNS ?? 30)
const ACCEPTED = new Set([400, 403, 404, 409, 429])

interface Target {
  /** Who posts (null: nobody signed in). */
  email: string | null
  /** The portal org the URL is about (demo org code), for portal routes. */
  orgCode?: string
  /** The schema's field names. */
  fields: string[]
  /** The intents the action knows. */
  intents?: string[]
  /** A body the action accepts (or refuses for a business reason), to mutate. */
  valid?: () => [string, string][]
  /** multipart with a file part named 'file' */
  upload?: boolean
  /** More valid bodies (other intents) for the deterministic probes. */
  alsoValid?: () => [string, string][]
  /** Runs before each post (reads state the valid body depends on, e.g. CURRENT_REVISION). */
  prepare?: () => Promise<void>
}

/** In a body: replaced at post time by the report's current revision. */
const CURRENT_REVISION = '@revision'

const RUCHENG = '440232101000'
const YUNMEN = '440232101201'
const RUYUAN = '440232'
const UNIT = 'RY-C01'

/** Filled in beforeAll from the seeded data. */
const ids = {
  yunmen: '',
  rucheng: '',
  unit: '',
  ruyuan: '',
  cadre: '',
  pairing: '',
  membership: '',
  reportKeys: [] as string[],
  /** This month's Yunmen report's revision, read before each post so a 'save' is not stale. */
  revision: '1',
  /** Ruyuan's latest template definition as JSON text, and the first month a new version may start. */
  definition: '{"sections":[]}',
  templateMonth: '',
}
/** Makes each valid new user's email a new one. */
let sequence = 0
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

const ACTIVITY = ['villageId', 'unitId', 'kind', 'occurredOn', 'title', 'description', 'participants', 'funds', 'goods']
const VISIT = ['villageId', 'unitId', 'cadreId', 'householdId', 'visitedOn', 'peopleMet', 'notes', 'householdQuery']
const CONCERN = ['kind', 'villageId', 'on', 'personName', 'summary', 'content', 'title', 'description', 'isPrivate']

const activityBody = (): [string, string][] => [
  ['villageId', ids.yunmen],
  ['kind', ACTIVITY_KINDS[0]!],
  ['occurredOn', today()],
  ['title', '送政策上门'],
  ['participants', '3'],
  ['funds', '120.50'],
]
const visitBody = (): [string, string][] => [
  ['villageId', ids.yunmen],
  ['visitedOn', today()],
  ['peopleMet', '2'],
  ['notes', '走访农户，了解生产情况'],
]
const concernBody = (): [string, string][] => [
  ['kind', 'case'],
  ['villageId', ids.yunmen],
  ['on', today()],
  ['title', '道路维修'],
  ['description', '村道破损'],
]

/** Every action, by route id. Shared modules appear once per portal they are registered under. */
const TARGETS: Record<string, Target> = {
  'routes/auth/login': { email: null, fields: ['email', 'password', 'redirectTo'], valid: () => [['email', 'nobody@ruyuan.demo'], ['password', 'x'], ['redirectTo', '/portals']] },
  'routes/auth/logout': { email: 'province.liaison@ruyuan.demo', fields: [] },
  'routes/auth/password': {
    email: 'wengyuan.admin@ruyuan.demo',
    fields: ['currentPassword', 'newPassword', 'confirmPassword'],
    valid: () => [['currentPassword', 'wrong-password'], ['newPassword', 'Another#Pass2026'], ['confirmPassword', 'Another#Pass2026']],
  },
  'routes/language': { email: null, fields: ['lng', 'returnTo'], valid: () => [['lng', 'en'], ['returnTo', '/portals']] },
  'routes/not-found': { email: 'county.admin@ruyuan.demo', fields: [] },
  'routes/county/template-new': {
    email: 'county.admin@ruyuan.demo',
    orgCode: RUYUAN,
    fields: ['validFrom', 'dueDay', 'definition'],
    intents: ['preview', 'create'],
    valid: () => [['intent', 'create'], ['validFrom', ids.templateMonth], ['dueDay', '5'], ['definition', ids.definition]],
  },
  'routes/county/units': {
    email: 'county.admin@ruyuan.demo',
    orgCode: RUYUAN,
    fields: ['unitId', 'villageId', 'startsOn', 'endsOn', 'isLead', 'note', 'id'],
    intents: ['create-pairing', 'end-pairing'],
    valid: () => [['intent', 'create-pairing'], ['unitId', ids.unit], ['villageId', ids.yunmen], ['startsOn', today()]],
  },
  'county-cadres': {
    email: 'county.admin@ruyuan.demo',
    orgCode: RUYUAN,
    fields: ['name', 'unitId', 'title', 'phone', 'cadreId', 'villageId', 'post', 'startsOn', 'endsOn', 'id'],
    intents: ['add-cadre', 'post-cadre', 'end-posting'],
    valid: () => [['intent', 'post-cadre'], ['cadreId', ids.cadre], ['villageId', ids.yunmen], ['post', 'village_cadre'], ['startsOn', today()]],
    alsoValid: () => [['intent', 'add-cadre'], ['name', '李四'], ['unitId', ids.unit], ['title', '科员'], ['phone', '']],
  },
  // registered under every portal; only the county's posts (the others answer 404)
  'town-cadres': { email: 'rucheng.admin@ruyuan.demo', orgCode: RUCHENG, fields: ['name', 'cadreId', 'villageId'], intents: ['add-cadre'] },
  'village-cadres': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: ['name', 'cadreId', 'villageId'], intents: ['add-cadre'] },
  'unit-cadres': { email: 'unit.liaison@ruyuan.demo', orgCode: UNIT, fields: ['name', 'cadreId', 'villageId'], intents: ['add-cadre'] },
  'county-user-new': {
    email: 'county.admin@ruyuan.demo',
    orgCode: RUYUAN,
    fields: ['email', 'displayName', 'phone', 'orgId', 'role'],
    valid: () => [['email', `fuzz.county.${++sequence}@ruyuan.demo`], ['displayName', '测试'], ['phone', ''], ['orgId', ids.yunmen], ['role', 'village_clerk']],
  },
  'town-user-new': {
    email: 'rucheng.admin@ruyuan.demo',
    orgCode: RUCHENG,
    fields: ['email', 'displayName', 'phone', 'orgId', 'role'],
    valid: () => [['email', `fuzz.town.${++sequence}@ruyuan.demo`], ['displayName', '测试'], ['phone', '138-0000-0000'], ['orgId', ids.yunmen], ['role', 'village_clerk']],
  },
  'county-user': {
    email: 'county.admin@ruyuan.demo',
    orgCode: RUYUAN,
    fields: ['orgId', 'role', 'membershipId'],
    intents: ['grant', 'revoke', 'deactivate', 'activate'],
    valid: () => [['intent', 'grant'], ['orgId', ids.yunmen], ['role', 'village_clerk']],
  },
  'town-user': {
    email: 'rucheng.admin@ruyuan.demo',
    orgCode: RUCHENG,
    fields: ['orgId', 'role', 'membershipId'],
    intents: ['grant', 'revoke', 'deactivate', 'activate'],
    valid: () => [['intent', 'revoke'], ['membershipId', ids.membership]],
  },
  'county-report': { email: 'county.admin@ruyuan.demo', orgCode: RUYUAN, fields: ['reason'], intents: ['approve', 'return', 'reopen'], valid: () => [['intent', 'approve']] },
  'town-report': { email: 'rucheng.admin@ruyuan.demo', orgCode: RUCHENG, fields: ['reason'], intents: ['approve', 'return', 'reopen'], valid: () => [['intent', 'return'], ['reason', '请补充材料']] },
  'county-concerns-case': caseTarget('county.admin@ruyuan.demo', RUYUAN),
  'town-concerns-case': caseTarget('rucheng.admin@ruyuan.demo', RUCHENG),
  'village-concerns-case': caseTarget('yunmen.secretary@ruyuan.demo', YUNMEN),
  'unit-concerns-case': caseTarget('unit.liaison@ruyuan.demo', UNIT),
  'village-activities-new': { email: 'yunmen.clerk@ruyuan.demo', orgCode: YUNMEN, fields: ACTIVITY, valid: activityBody },
  'unit-activities-new': { email: 'unit.liaison@ruyuan.demo', orgCode: UNIT, fields: ACTIVITY, valid: activityBody },
  'village-visits-new': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: VISIT, intents: ['find-household'], valid: visitBody },
  'unit-visits-new': { email: 'unit.liaison@ruyuan.demo', orgCode: UNIT, fields: VISIT, intents: ['find-household'], valid: visitBody },
  'village-concerns-new': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: CONCERN, valid: concernBody },
  'unit-concerns-new': { email: 'unit.liaison@ruyuan.demo', orgCode: UNIT, fields: CONCERN, valid: concernBody },
  'routes/village/profile-edit': {
    email: 'yunmen.secretary@ruyuan.demo',
    orgCode: YUNMEN,
    fields: ['secretaryName', 'secretaryPhone', 'households', 'population'],
    valid: () => [['secretaryName', '侯国强'], ['secretaryPhone', '138-0000-0008'], ['households', '540'], ['population', '1860']],
  },
  'routes/village/report': {
    email: 'yunmen.secretary@ruyuan.demo',
    orgCode: YUNMEN,
    fields: ['revision'],
    intents: ['start', 'save', 'submit'],
    prepare: async () => {
      const { rows } = await sql<{ revision: number }>`
        select revision from public.monthly_reports where village_id = ${ids.yunmen} and period = ${currentPeriod()}`.execute(db)
      ids.revision = String(rows[0]?.revision ?? 1)
    },
    valid: () => [['intent', 'save'], ['revision', CURRENT_REVISION], ...ids.reportKeys.slice(0, 3).map((k): [string, string] => [`values.${k}`, '1']), [`comments.${ids.reportKeys[0] ?? 'x'}`, '说明']],
  },
  'village-households-import': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: ['file'], intents: ['preview', 'commit'], upload: true },
  'village-households-pairs-import': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: ['file'], intents: ['preview', 'commit'], upload: true },
}

function caseTarget(email: string, orgCode: string): Target {
  return {
    email,
    orgCode,
    fields: ['ownerName', 'dueOn', 'note'],
    intents: ['assign', 'handle', 'confirm', 'close', 'reassign'],
    valid: () => [['intent', 'assign'], ['ownerName', '王五'], ['dueOn', today()]],
  }
}

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
  await target.prepare?.()
  body = body.map(([k, v]): [string, string] => [k, v === CURRENT_REVISION ? ids.revision : v])
  const headers = new Headers({ 'Accept-Language': 'zh-CN', Origin: BASE })
  if (target.email) headers.set('Cookie', await cookieFor(target.email))
  let payload: BodyInit
  if (target.upload) {
    const form = new FormData()
    for (const [k, v] of body) if (k !== 'file') form.append(k, v)
    if (file) form.append('file', new Blob([file as BlobPart]), 'upload.xlsx')
    payload = form
  } else {
    payload = new URLSearchParams(body)
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  const request = new Request(`${BASE}${fillPattern(entry.pattern, params)}`, { method: 'POST', headers, body: payload })
  let result: unknown
  try {
    result = await action!({ request, params, context: {} })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
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
  ids.yunmen = demoOrgId(YUNMEN)
  ids.rucheng = demoOrgId(RUCHENG)
  ids.unit = demoOrgId(UNIT)
  ids.ruyuan = demoOrgId(RUYUAN)
  ids.cadre = (await db.selectFrom('cadres').select('id').where('county_id', '=', ids.ruyuan).orderBy('id').executeTakeFirst())?.id ?? ids.unit
  ids.pairing = (await db.selectFrom('pairings').select('id').where('village_id', '=', ids.yunmen).orderBy('id').executeTakeFirst())?.id ?? ids.unit
  // multi@ is the user the user pages act on (see below): revoking its town role touches no account the other targets use
  ids.membership =
    (
      await db
        .selectFrom('memberships')
        .innerJoin('auth.users', 'auth.users.id', 'memberships.user_id')
        .select('memberships.id')
        .where('auth.users.email', '=', 'multi@ruyuan.demo')
        .where('memberships.org_id', '=', ids.rucheng)
        .executeTakeFirst()
    )?.id ?? ids.unit
  const { rows: latest } = await sql<{ definition: unknown; next: string }>`
    select definition, to_char(greatest(valid_from, date_trunc('month', current_date)::date) + interval '1 month', 'YYYY-MM') as next
      from public.report_templates where county_id = ${ids.ruyuan} order by version desc limit 1`.execute(db)
  ids.definition = JSON.stringify(latest[0]?.definition ?? { sections: [] }, null, 2)
  ids.templateMonth = latest[0]?.next ?? currentPeriod().slice(0, 7)
  for (const entry of entries) {
    if (!(await loadRouteModule(entry)).action) continue
    withAction.push(entry)
    const target = TARGETS[entry.id]
    if (!target) continue
    const params = entry.portal ? (await portalParams(db, entry.portal, demoOrgId(target.orgCode!))).params : {}
    if (entry.id === 'routes/village/report') params.period = currentPeriod().slice(0, 7)
    // the user pages act on a town clerk's account, not on the demo accounts the other actions use
    if (entry.id.endsWith('-user')) params.userId = (await db.selectFrom('auth.users').select('id').where('email', '=', 'multi@ruyuan.demo').executeTakeFirstOrThrow()).id
    paramsOf.set(entry.id, params)
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

/**
 * What each action's valid body needs beyond being the poster's portal (the permission its action, or
 * the database function it calls, checks). By route id, as in TARGETS.
 */
const ACTION_NEEDS: Record<string, Need> = {
  'routes/county/template-new': ['report_templates', 'manage'],
  'routes/county/units': ['pairings', 'manage'],
  'county-cadres': ['cadres', 'manage'],
  'county-user-new': ['users', 'manage'],
  'town-user-new': ['users', 'manage'],
  'county-user': ['users', 'manage'],
  'town-user': ['users', 'manage'],
  'county-report': ['reports', 'review'],
  'town-report': ['reports', 'review'],
  'county-concerns-case': ['concerns', 'update'],
  'town-concerns-case': ['concerns', 'update'],
  'village-concerns-case': ['concerns', 'update'],
  'unit-concerns-case': ['concerns', 'update'],
  'village-activities-new': ['activities', 'create'],
  'unit-activities-new': ['activities', 'create'],
  'village-visits-new': ['visits', 'create'],
  'unit-visits-new': ['visits', 'create'],
  'village-concerns-new': ['concerns', 'create'],
  'unit-concerns-new': ['concerns', 'create'],
  'routes/village/profile-edit': ['orgs', 'update'],
  'routes/village/report': ['reports', 'update'],
}

/** Whatever a refused post could have written: the audit log (every domain table writes it), users, profiles. */
async function writeFingerprint(): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    select concat_ws(' ', (select count(*) from public.audit_log), (select count(*) from auth.users),
                     (select count(*) from public.profiles where is_active), (select count(*) from public.memberships where revoked_at is null)) as f`.execute(db)
  return rows[0]!.f
}

// Before the fuzzing, on the seeded data: the fuzzing's valid bodies grant and revoke roles.
describe('who may post where', () => {
  // Every action with a valid body, posted with that body by every demo account and by nobody, to both demo
  // orgs of its portal kind. Whoever the permission matrix refuses gets the refusal (nobody: the sign-in
  // page; not the poster's portal: 403 when it can see the org, else 404; its portal but not the
  // permission: 403, or 404 for a record its role cannot see) and writes nothing. Allowed posts are left to
  // the fuzzing and the domain tests: here they would change the roles the expectations are worked out from.
  const cases = Object.keys(TARGETS).filter((id) => TARGETS[id]!.valid && TARGETS[id]!.orgCode && ACTION_NEEDS[id])
  let matrix: AccessMatrix

  it('knows what every action with a valid body needs', () => {
    expect(Object.keys(TARGETS).filter((id) => TARGETS[id]!.valid && TARGETS[id]!.orgCode && !ACTION_NEEDS[id])).toEqual([])
  })

  it.each(cases)('%s refuses everyone the matrix refuses, writing nothing', async (id) => {
    matrix ??= await loadMatrix(db)
    const entry = withAction.find((e) => e.id === id)!
    const target = TARGETS[id]!
    const need = ACTION_NEEDS[id]!
    const failures: string[] = []
    let refused = 0
    let allowed = 0
    for (const code of MATRIX_TARGETS[entry.portal!]) {
      const orgId = demoOrgId(code)
      const params = code === target.orgCode ? paramsOf.get(id)! : { ...(await portalParams(db, entry.portal!, orgId)).params, ...(id === 'routes/village/report' ? { period: currentPeriod().slice(0, 7) } : {}) }
      for (const account of [...MATRIX_ACCOUNTS, ANONYMOUS]) {
        const own = account === ANONYMOUS ? undefined : matrixMemberships(account).find((m) => m.portal === entry.portal && m.orgId === orgId)
        const mayPost = own !== undefined && (matrix.permissions.get(own.role)?.has(`${need[0]}:${need[1]}`) ?? false)
        if (mayPost) {
          allowed++
          continue
        }
        const expected =
          account === ANONYMOUS ? [302] : own ? [403, 404] : [(await matrix.visibleTo(account)).has(orgId) ? 403 : 404]
        const before = await writeFingerprint()
        const answer = await post(entry, { ...target, email: account === ANONYMOUS ? null : account }, params, target.valid!())
        const after = await writeFingerprint()
        refused++
        const where = `${account} → ${code}`
        if (!expected.includes(answer.status)) failures.push(`${where}: answered ${answer.status}, expected ${expected.join(' or ')}`)
        if (after !== before) failures.push(`${where}: wrote something (${before} → ${after})`)
      }
    }
    expect(failures, `POST ${entry.pattern} (${need.join(':')})`).toEqual([])
    expect(refused, 'refused cells').toBeGreaterThan(0)
    // some pages have nobody in their portal who may post (the county reads reports, the town reviews them;
    // units never advance cases): there every cell is a refusal
    const rolesOfPortal = new Set(MATRIX_ACCOUNTS.flatMap((a) => matrixMemberships(a).filter((m) => m.portal === entry.portal).map((m) => m.role)))
    const somebodyMay = [...rolesOfPortal].some((role) => matrix.permissions.get(role)?.has(`${need[0]}:${need[1]}`))
    expect(allowed > 0, 'cells whose poster may post, when a role of the portal may').toBe(somebodyMay)
  })
})

describe('fuzzing every action', () => {
  it('has a target for every route with an action', () => {
    expect(withAction.map((e) => e.id).filter((id) => !TARGETS[id])).toEqual([])
  })

  // values Postgres refuses where zod may not (a NUL byte: 22021/22P05; a month 13 or 30 February: 22008;
  // numbers beyond integer or numeric range: 22003), in every field of a valid body, one at a time
  const POISON = [(v: string) => `${v}\u0000x`, () => '2026-13-01', () => '2026-02-30', () => '-1', () => '99999999999999999999']
  it.each(Object.keys(TARGETS).filter((id) => TARGETS[id]!.valid && !id.endsWith('-user')))('%s with poison in each field', async (id) => {
    const entry = withAction.find((e) => e.id === id)!
    const target = TARGETS[id]!
    const params = paramsOf.get(id)!
    const failures: string[] = []
    for (const [field] of target.valid!()) {
      if (field === 'intent') continue
      for (const poison of POISON) {
        const body = target.valid!().map(([k, v]): [string, string] => [k, k === field ? poison(v) : v])
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
