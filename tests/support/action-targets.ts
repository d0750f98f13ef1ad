/**
 * The actions of app/routes.ts as test targets, one source for the in-process fuzzing and action matrix
 * (tests/integration/fuzz-actions.test.ts) and the access matrix over HTTP (tests/http/access-matrix.ts):
 * per route id, who posts, the schema's field names and intents, and a valid body built from ids of the
 * seeded data (loadActionIds fills them in); what each action needs from the permission matrix; and the
 * refusal cells of "who may post where": each valid body posted by every demo account and by nobody to
 * both demo orgs of its portal kind, with the refusal the permission matrix expects.
 *
 * Plain module (no vitest, no import.meta.glob): it runs under vitest and under tsx alike.
 */
import { sql } from 'kysely'
import type { Db } from '../../app/lib/db.server'
import { ACTIVITY_KINDS, type AppRole } from '../../app/lib/db-types'
import { demoOrgId } from '../../app/lib/seed.server'
import { currentPeriod } from '../../app/domain/monthly-reports/schema'
import { ACCOUNTS, ANONYMOUS, memberships, TARGETS as MATRIX_TARGETS, type AccessMatrix, type Membership, type Need } from './access-matrix'
import { portalParams, subtreeIds, type RouteEntry } from './routes'

export interface ActionTarget {
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
  prepare?: (db: Db) => Promise<void>
}

/** In a body: replaced at post time by the report's current revision. */
export const CURRENT_REVISION = '@revision'

const RUCHENG = '440232101000'
const YUNMEN = '440232101201'
const RUYUAN = '440232'
const UNIT = 'RY-C01'

/** Filled in by loadActionIds from the seeded data. */
export const ids = {
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
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

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
/** A concern file: dated by the user (a case is not), so its date reaches the database's check. */
const concernFileBody = (): [string, string][] => [
  ['kind', 'file'],
  ['villageId', ids.yunmen],
  ['on', today()],
  ['personName', '张三'],
  ['summary', '反映灌溉用水困难'],
]

/** Every action, by route id. Shared modules appear once per portal they are registered under. */
export const ACTION_TARGETS: Record<string, ActionTarget> = {
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
    fields: ['orgId', 'role', 'membershipId', 'resetToken'],
    intents: ['grant', 'revoke', 'deactivate', 'activate', 'resetPassword'],
    valid: () => [['intent', 'grant'], ['orgId', ids.yunmen], ['role', 'village_clerk']],
  },
  'town-user': {
    email: 'rucheng.admin@ruyuan.demo',
    orgCode: RUCHENG,
    fields: ['orgId', 'role', 'membershipId', 'resetToken'],
    intents: ['grant', 'revoke', 'deactivate', 'activate', 'resetPassword'],
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
  'village-concerns-new': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: CONCERN, valid: concernBody, alsoValid: concernFileBody },
  'unit-concerns-new': { email: 'unit.liaison@ruyuan.demo', orgCode: UNIT, fields: CONCERN, valid: concernBody, alsoValid: concernFileBody },
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
    prepare: async (db) => {
      const { rows } = await sql<{ revision: number }>`
        select revision from public.monthly_reports where village_id = ${ids.yunmen} and period = ${currentPeriod()}`.execute(db)
      ids.revision = String(rows[0]?.revision ?? 1)
    },
    valid: () => [['intent', 'save'], ['revision', CURRENT_REVISION], ...ids.reportKeys.slice(0, 3).map((k): [string, string] => [`values.${k}`, '1']), [`comments.${ids.reportKeys[0] ?? 'x'}`, '说明']],
  },
  'village-households-import': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: ['file'], intents: ['preview', 'commit'], upload: true },
  'village-households-pairs-import': { email: 'yunmen.secretary@ruyuan.demo', orgCode: YUNMEN, fields: ['file'], intents: ['preview', 'commit'], upload: true },
}

function caseTarget(email: string, orgCode: string): ActionTarget {
  return {
    email,
    orgCode,
    fields: ['ownerName', 'dueOn', 'note'],
    intents: ['assign', 'handle', 'confirm', 'close', 'reassign'],
    valid: () => [['intent', 'assign'], ['ownerName', '王五'], ['dueOn', today()]],
  }
}

/**
 * What each action's valid body needs beyond being the poster's portal (the permission its action, or
 * the database function it calls, checks). By route id, as in ACTION_TARGETS.
 */
export const ACTION_NEEDS: Record<string, Need> = {
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

/** A reset's confirmation token as the user page makes one (RESET_TOKEN): any such token is a valid body. */
const RESET_TOKEN_SAMPLE = 'Mx4bN8cV2zL6kJ0hG7fD5s'

/**
 * More bodies for "who may post where" than a target's `valid` (whose need is ACTION_NEEDS): other intents of
 * the same action with a rule of their own, by route id. The password reset on the user pages: whoever may not
 * manage users of the portal org is refused (who may reset a user in scope, public.may_change_user_activity,
 * is tested in tests/integration/temporary-passwords.test.ts).
 */
export const MATRIX_BODIES: Record<string, { intent: string; body: () => [string, string][]; need: Need }[]> = {
  'county-user': [{ intent: 'resetPassword', body: () => [['intent', 'resetPassword'], ['resetToken', RESET_TOKEN_SAMPLE]], need: ['users', 'manage'] }],
  'town-user': [{ intent: 'resetPassword', body: () => [['intent', 'resetPassword'], ['resetToken', RESET_TOKEN_SAMPLE]], need: ['users', 'manage'] }],
}

/** One row of "who may post where": an action, a body it accepts, and what posting it needs. */
export interface MatrixCase {
  id: string
  /** the route id, and the intent of a MATRIX_BODIES body */
  label: string
  body: () => [string, string][]
  need: Need
}

/** Every body of "who may post where": each matrix action's valid body, then its MATRIX_BODIES. */
export function matrixCases(): MatrixCase[] {
  return matrixActionIds().flatMap((id) => [
    { id, label: id, body: ACTION_TARGETS[id]!.valid!, need: ACTION_NEEDS[id]! },
    ...(MATRIX_BODIES[id] ?? []).map((b) => ({ id, label: `${id} ${b.intent}`, body: b.body, need: b.need })),
  ])
}

/**
 * Whatever a refused post could have written: the audit log (every domain table writes it), users, profiles,
 * and the marks of passwords an administrator set (a reset writes one, and its audit entry, with the
 * password; the hashes themselves change with sign-in bookkeeping, a re-hash at a higher cost).
 */
export async function writeFingerprint(db: Db): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    select concat_ws(' ', (select count(*) from public.audit_log), (select count(*) from auth.users),
                     (select count(*) from public.profiles where is_active), (select count(*) from public.memberships where revoked_at is null),
                     (select count(*) from public.profiles where temporary_password_set_at is not null)) as f`.execute(db)
  return rows[0]!.f
}

/** Fills in `ids` from the seeded data (the demo orgs, a cadre, a pairing, a membership, the latest template). */
export async function loadActionIds(db: Db): Promise<void> {
  ids.yunmen = demoOrgId(YUNMEN)
  ids.rucheng = demoOrgId(RUCHENG)
  ids.unit = demoOrgId(UNIT)
  ids.ruyuan = demoOrgId(RUYUAN)
  ids.cadre = (await db.selectFrom('cadres').select('id').where('county_id', '=', ids.ruyuan).orderBy('id').executeTakeFirst())?.id ?? ids.unit
  ids.pairing = (await db.selectFrom('pairings').select('id').where('village_id', '=', ids.yunmen).orderBy('id').executeTakeFirst())?.id ?? ids.unit
  // multi@ is the user the user pages act on (actionParams): revoking its town role touches no account the other targets use
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
}

/**
 * The URL parameters of an action's route for a portal org (by demo code): the org's own (portalParams),
 * this month for the report form, and on the target's own org the user the user pages act on.
 */
export async function actionParams(db: Db, entry: RouteEntry, orgCode: string): Promise<Record<string, string>> {
  const params = entry.portal ? (await portalParams(db, entry.portal, demoOrgId(orgCode))).params : {}
  if (entry.id === 'routes/village/report') params.period = currentPeriod().slice(0, 7)
  // the user pages act on a town clerk's account, not on the demo accounts the other actions use
  if (entry.id.endsWith('-user') && orgCode === ACTION_TARGETS[entry.id]?.orgCode) params.userId = (await db.selectFrom('auth.users').select('id').where('email', '=', 'multi@ruyuan.demo').executeTakeFirstOrThrow()).id
  return params
}

/** The route ids of "who may post where": every action with a valid body and a portal org. */
export function matrixActionIds(): string[] {
  return Object.keys(ACTION_TARGETS).filter((id) => ACTION_TARGETS[id]!.valid && ACTION_TARGETS[id]!.orgCode && ACTION_NEEDS[id])
}

export interface RefusalCell {
  /** The poster: a demo account, or ANONYMOUS. */
  account: string
  /** The demo org code of the portal org the URL is about. */
  code: string
  params: Record<string, string>
  /** The statuses the refusal may have (nobody: the sign-in page; 403 or 404 otherwise). */
  expected: number[]
}

/**
 * The cells of one action whose poster the permission matrix refuses, and how many it allows. Whoever is
 * refused gets: nobody, the sign-in page (302); not the poster's portal, 403 when it can see the org, else
 * 404; its portal but not the permission, 403, or 404 for a record its role cannot see. Allowed posts are
 * left to the fuzzing and the domain tests: they would change the roles the expectations come from.
 */
export async function refusalCells(db: Db, matrix: AccessMatrix, entry: RouteEntry, need: Need = ACTION_NEEDS[entry.id]!): Promise<{ refused: RefusalCell[]; allowed: number }> {
  const refused: RefusalCell[] = []
  let allowed = 0
  const grants = (role: AppRole) => matrix.permissions.get(role)?.has(`${need![0]}:${need![1]}`) ?? false
  for (const code of MATRIX_TARGETS[entry.portal!]) {
    const params = await actionParams(db, entry, code)
    const orgId = demoOrgId(code)
    const village = await recordVillage(db, entry, params)
    for (const account of [...ACCOUNTS, ANONYMOUS]) {
      const all = account === ANONYMOUS ? [] : memberships(account)
      const own = all.find((m) => m.portal === entry.portal && m.orgId === orgId)
      if (own && grants(own.role)) {
        allowed++
        continue
      }
      // The database decides by every role of the poster over the record's village: an account whose other
      // role holds the permission there (multi@ is town staff of Rucheng beside county staff) may act on a
      // record of that town from the county's pages too. Neither a refusal nor this portal's role allowing it.
      if (own && village && (await heldElsewhere(db, all, own, village, grants))) continue
      // Nobody signed in: 401, the form carried to a sign-in as after a session that ended (requireClaims).
      const expected = account === ANONYMOUS ? [401] : own ? [403, 404] : [(await matrix.visibleTo(account)).has(orgId) ? 403 : 404]
      refused.push({ account, code, params, expected })
    }
  }
  return { refused, allowed }
}

/** The village of the record an action's URL names (its report or concern case), if it names one that exists. */
async function recordVillage(db: Db, entry: RouteEntry, params: Record<string, string>): Promise<string | null> {
  if (entry.params.includes('reportId') && params.reportId) {
    const report = await db.selectFrom('monthly_reports').select('village_id').where('id', '=', params.reportId).executeTakeFirst()
    return report?.village_id ?? null
  }
  if (entry.params.includes('caseId') && params.caseId) {
    const found = await db.selectFrom('concern_cases').select('village_id').where('id', '=', params.caseId).executeTakeFirst()
    return found?.village_id ?? null
  }
  return null
}

/** Whether another of the account's memberships than `own` holds the permission over `village` (its org's subtree holds it). */
async function heldElsewhere(db: Db, all: Membership[], own: Membership, village: string, grants: (role: AppRole) => boolean): Promise<boolean> {
  for (const m of all) {
    if (m === own || !grants(m.role)) continue
    if ((await subtreeIds(db, m.orgId)).includes(village)) return true
  }
  return false
}

/** Whether any role of the entry's portal (among the demo accounts') holds the permission the action needs. */
export function somebodyMayPost(matrix: AccessMatrix, entry: RouteEntry, need: Need = ACTION_NEEDS[entry.id]!): boolean {
  const roles = new Set(ACCOUNTS.flatMap((a) => memberships(a).filter((m) => m.portal === entry.portal).map((m) => m.role)))
  return [...roles].some((role) => matrix.permissions.get(role)?.has(`${need![0]}:${need![1]}`))
}
