import bcrypt from 'bcryptjs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, type Db } from '~/lib/db.server'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoOrgId, demoReportPlan, demoUserId } from '~/lib/seed.server'
import { CLOSED_MONTHS, DALIAOKENG_CODE, YUNMEN_CODE } from '~/lib/seed-data/monthly-reports'
import { PAIRINGS, RUYUAN_CODE, RUYUAN_VILLAGES, UNITS, WENGYUAN_CODE } from '~/lib/seed-data/ruyuan'
import { createPristineDb, createTestDb } from '../support/test-db'

let db: Db
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(closeDb)

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

/** Orgs below a county (by code), with their kind and parent's code. */
async function descendantsOf(code: string) {
  return db
    .selectFrom('org_closure as c')
    .innerJoin('orgs as o', 'o.id', 'c.descendant_id')
    .innerJoin('orgs as a', 'a.id', 'c.ancestor_id')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.kind', 'o.code', 'o.name', 'p.code as parent_code', 'p.name as parent_name'])
    .where('a.code', '=', code)
    .where('c.depth', '>', 0)
    .execute()
}

describe('the Ruyuan demo tree', () => {
  it('has 9 towns under the county', async () => {
    const towns = (await descendantsOf(RUYUAN_CODE)).filter((o) => o.kind === 'town')
    expect(towns.map((t) => t.name).sort()).toEqual(
      ['乳城镇', '一六镇', '桂头镇', '洛阳镇', '大布镇', '大桥镇', '东坪镇', '游溪镇', '必背镇'].sort(),
    )
    for (const t of towns) expect(t.parent_code).toBe(RUYUAN_CODE)
  })

  it('has 102 villages and 13 communities, each coded under its town', async () => {
    const below = await descendantsOf(RUYUAN_CODE)
    const villages = below.filter((o) => o.kind === 'village')
    const communities = below.filter((o) => o.kind === 'community')
    expect(villages).toHaveLength(102)
    expect(communities).toHaveLength(13)
    for (const v of [...villages, ...communities]) {
      expect(v.code).toMatch(/^\d{12}$/)
      expect(v.code!.slice(0, 9)).toBe(v.parent_code!.slice(0, 9))
    }
  })

  it('puts each village the article names under the right town', async () => {
    const expected: Record<string, string> = {
      云门村: '乳城镇',
      大潦坑村: '游溪镇',
      杨溪村: '桂头镇',
      东坟村: '一六镇',
      一六村: '一六镇',
      高源村: '洛阳镇',
      岳坪村: '洛阳镇',
      坪山村: '大布镇',
      塘盆村: '东坪镇',
    }
    const below = await descendantsOf(RUYUAN_CODE)
    for (const [village, town] of Object.entries(expected)) {
      const rows = below.filter((o) => o.name === village)
      expect(rows, village).toHaveLength(1)
      expect(rows[0]!.kind).toBe('village')
      expect(rows[0]!.parent_name, village).toBe(town)
    }
  })

  it('uses the deterministic ids', async () => {
    const county = await db.selectFrom('orgs').select('id').where('code', '=', RUYUAN_CODE).executeTakeFirstOrThrow()
    expect(county.id).toBe(demoOrgId(RUYUAN_CODE))
  })

  it('keeps the second tenant small: one town, two villages', async () => {
    const below = await descendantsOf(WENGYUAN_CODE)
    expect(below.filter((o) => o.kind === 'town')).toHaveLength(1)
    expect(below.filter((o) => o.kind === 'village')).toHaveLength(2)
  })
})

describe('the demo pairings', () => {
  it('give every Ruyuan village and community an active pairing with exactly one lead unit', async () => {
    const rows = await db
      .selectFrom('org_closure as c')
      .innerJoin('orgs as v', 'v.id', 'c.descendant_id')
      .leftJoin('pairings as p', (join) =>
        join
          .onRef('p.village_id', '=', 'v.id')
          .on('p.starts_on', '<=', today())
          .on((eb) => eb.or([eb('p.ends_on', 'is', null), eb('p.ends_on', '>=', today())])),
      )
      .select(['v.name', sql<number>`count(p.id)`.as('active'), sql<number>`count(p.id) filter (where p.is_lead)`.as('leads')])
      .where('c.ancestor_id', '=', demoOrgId(RUYUAN_CODE))
      .where('v.kind', 'in', ['village', 'community'])
      .groupBy('v.name')
      .execute()
    expect(rows).toHaveLength(115)
    for (const r of rows) {
      expect(Number(r.active), r.name).toBeGreaterThan(0)
      expect(Number(r.leads), r.name).toBe(1)
    }
    const severalToOne = rows.filter((r) => Number(r.active) > 1).map((r) => r.name)
    expect(severalToOne).toEqual(expect.arrayContaining(['大潦坑村', '东坟村', '岳坪村', '坪山村']))
  })

  it('keep an ended pairing as history, leave one unit unpaired, and pair one provincial unit in both counties', async () => {
    const ended = await db.selectFrom('pairings').selectAll().where('ends_on', '<', today()).execute()
    expect(ended).toHaveLength(1)

    const paired = new Set(PAIRINGS.map((p) => p.unitCode))
    const unpaired = UNITS.filter((u) => !paired.has(u.code))
    expect(unpaired).toHaveLength(1)
    const unpairedRows = await db.selectFrom('pairings').select('id').where('unit_id', '=', demoOrgId(unpaired[0]!.code)).execute()
    expect(unpairedRows).toHaveLength(0)

    const counties = await db
      .selectFrom('pairings as p')
      .innerJoin('org_closure as c', 'c.descendant_id', 'p.village_id')
      .innerJoin('orgs as county', 'county.id', 'c.ancestor_id')
      .select('county.code')
      .distinct()
      .where('p.unit_id', '=', demoOrgId('GD-P01'))
      .where('county.kind', '=', 'county')
      .execute()
    expect(counties.map((c) => c.code).sort()).toEqual([WENGYUAN_CODE, RUYUAN_CODE].sort())
  })

  it('never pair the demo unit liaison with 大潦坑村', () => {
    const daliaokeng = RUYUAN_VILLAGES.find((v) => v.name === '大潦坑村')!
    expect(PAIRINGS.some((p) => p.unitCode === 'RY-C01' && p.villageCode === daliaokeng.code)).toBe(false)
  })
})

describe('the demo accounts', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.orgCode, a] as const))(
    '%s holds %s in %s',
    async (email, role, orgCode) => {
      const row = await db
        .selectFrom('memberships as m')
        .innerJoin('auth.users as u', 'u.id', 'm.user_id')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .innerJoin('profiles as p', 'p.user_id', 'u.id')
        .select(['u.id', 'u.aud', 'u.role as user_role', 'u.email_confirmed_at', 'u.raw_app_meta_data', 'm.revoked_at'])
        .where('u.email', '=', email)
        .where('m.role', '=', role)
        .where('o.code', '=', orgCode)
        .executeTakeFirst()
      expect(row, `${email} ${role} ${orgCode}`).toBeDefined()
      expect(row!.id).toBe(demoUserId(email))
      expect(row!.aud).toBe('authenticated')
      expect(row!.user_role).toBe('authenticated')
      expect(row!.email_confirmed_at).not.toBeNull()
      expect(row!.raw_app_meta_data).toEqual({ provider: 'email', providers: ['email'] })
      expect(row!.revoked_at).toBeNull()
    },
  )

  it('gives multi@ruyuan.demo two portals', async () => {
    const roles = await db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', demoUserId('multi@ruyuan.demo'))
      .orderBy('role')
      .execute()
    expect(roles.map((r) => r.role)).toEqual(['county_staff', 'town_staff'])
  })

  it('stores bcrypt hashes the demo password verifies against', async () => {
    const emails = [...new Set(DEMO_ACCOUNTS.map((a) => a.email))]
    const users = await db.selectFrom('auth.users').select(['email', 'encrypted_password']).where('email', 'in', emails).execute()
    expect(users).toHaveLength(emails.length)
    for (const u of users) {
      expect(u.encrypted_password, u.email!).toMatch(/^\$2[aby]\$\d\d\$/)
      expect(await bcrypt.compare(DEMO_PASSWORD, u.encrypted_password!), u.email!).toBe(true)
      expect(await bcrypt.compare('wrong password', u.encrypted_password!)).toBe(false)
    }
  })
})

describe('the demo monthly reports', () => {
  let pristine: Awaited<ReturnType<typeof createPristineDb>>
  beforeAll(async () => {
    pristine = await createPristineDb()
  })
  afterAll(async () => pristine?.dispose())

  it('holds the template versions: 乳源 v1 from January and v2 from October, 翁源 v1', async () => {
    const { rows } = await sql<{ code: string; version: number; valid_from: string }>`
      select o.code, t.version, t.valid_from::text as valid_from
        from public.report_templates t join public.orgs o on o.id = t.county_id
       order by o.code, t.version`.execute(pristine.db)
    expect(rows).toEqual([
      { code: WENGYUAN_CODE, version: 1, valid_from: '2026-01-01' },
      { code: RUYUAN_CODE, version: 1, valid_from: '2026-01-01' },
      { code: RUYUAN_CODE, version: 2, valid_from: '2026-10-01' },
    ])
  })

  it('stores exactly the planned reports, by month and state, with their due dates', async () => {
    const plan = demoReportPlan()
    const { rows } = await sql<{ period: string; state: string; n: number }>`
      select period::text as period, state::text as state, count(*)::int as n
        from public.monthly_reports group by 1, 2 order by 1, 2`.execute(pristine.db)
    const expected = new Map<string, number>()
    for (const r of plan) expected.set(`${r.period}|${r.state}`, (expected.get(`${r.period}|${r.state}`) ?? 0) + 1)
    expect(new Map(rows.map((r) => [`${r.period}|${r.state}`, r.n]))).toEqual(expected)
    for (const month of CLOSED_MONTHS) {
      const states = new Set(rows.filter((r) => r.period === month).map((r) => r.state))
      expect(states.has('approved')).toBe(true)
    }
    const october = new Set(rows.filter((r) => r.period === '2026-10-01').map((r) => r.state))
    expect([...october].sort()).toEqual(expect.arrayContaining(['approved', 'draft', 'returned', 'submitted']))
    const { rows: late } = await sql<{ n: number }>`
      select count(*)::int as n from public.monthly_reports
       where (first_submitted_at at time zone 'Asia/Shanghai')::date > due_on`.execute(pristine.db)
    expect(late[0]!.n).toBeGreaterThan(0)
  })

  it('leaves 云门村 an October draft to file and 大潦坑村 no October report', async () => {
    const { rows: yunmen } = await sql<{ state: string }>`
      select state::text as state from public.monthly_reports
       where village_id = ${demoOrgId(YUNMEN_CODE)} and period = '2026-10-01'`.execute(pristine.db)
    expect(yunmen).toEqual([{ state: 'draft' }])
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from public.monthly_reports
       where village_id = ${demoOrgId(DALIAOKENG_CODE)} and period = '2026-10-01'`.execute(pristine.db)
    expect(rows[0]!.n).toBe(0)
  })

  it('keeps a history for every submitted report, with a reason on every return', async () => {
    const { rows } = await sql<{ without_history: number; returns_without_reason: number }>`
      select (select count(*)::int from public.monthly_reports r
               where r.state <> 'draft' and not exists (select 1 from public.report_transitions t where t.report_id = r.id)) as without_history,
             (select count(*)::int from public.report_transitions where to_state in ('returned', 'reopened') and reason is null) as returns_without_reason`.execute(pristine.db)
    expect(rows[0]).toEqual({ without_history: 0, returns_without_reason: 0 })
  })
})
