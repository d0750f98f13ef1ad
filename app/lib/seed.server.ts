/**
 * The Ruyuan demo: inserts the org tree, support units, pairings and demo accounts of
 * `seed-data/ruyuan.ts`, and the report templates and three months of monthly reports of
 * `seed-data/monthly-reports.ts`, on the service path (the raw, table-owning connection). Ids are
 * derived from codes and emails, so they are the same after every reset.
 */
import { createHash } from 'node:crypto'
import bcrypt from 'bcryptjs'
import { sql, type Kysely } from 'kysely'
import type { Backend } from './db-backend.server'
import type { AppRole, Database } from './db-types'
import { isSupabaseDatabase } from './migrate.server'
import { demoReports, TEMPLATES, VILLAGES_ACTIVE_FROM, type DemoActors, type SeedReport } from './seed-data/monthly-reports'
import { pairingSeedSql } from './seed-data/pairing'
import { PAIRINGS, REGIONS, RUYUAN_CODE, RUYUAN_VILLAGES, UNITS, WENGYUAN_CODE, WENGYUAN_VILLAGES } from './seed-data/ruyuan'

type Db = Kysely<Database>

export type Portal = 'county' | 'town' | 'village' | 'unit'

export interface DemoAccount {
  role: AppRole
  email: string
  password: string
  displayName: string
  orgCode: string
  portal: Portal
}

/** The one password every demo account shares. Demo data only: never seed it into a production tenant. */
export const DEMO_PASSWORD = 'Ruyuan#2026'

const account = (role: AppRole, email: string, displayName: string, orgCode: string, portal: Portal): DemoAccount => ({
  role,
  email,
  password: DEMO_PASSWORD,
  displayName,
  orgCode,
  portal,
})

/**
 * One row per (account, role). multi@ruyuan.demo holds two roles and so has two rows, listed last,
 * so that looking an account up by role finds the single-role one first.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('county_admin', 'county.admin@ruyuan.demo', '周建华', '440232', 'county'),
  account('county_staff', 'county.staff@ruyuan.demo', '林晓雯', '440232', 'county'),
  account('town_admin', 'rucheng.admin@ruyuan.demo', '邓志刚', '440232101000', 'town'),
  account('town_staff', 'youxi.staff@ruyuan.demo', '盘秀兰', '440232108000', 'town'),
  account('village_secretary', 'yunmen.secretary@ruyuan.demo', '侯国强', '440232101201', 'village'),
  account('village_clerk', 'yunmen.clerk@ruyuan.demo', '赵丽娟', '440232101201', 'village'),
  account('village_secretary', 'daliaokeng.secretary@ruyuan.demo', '赵德明', '440232108201', 'village'),
  account('unit_liaison', 'unit.liaison@ruyuan.demo', '何文斌', 'RY-C01', 'unit'),
  account('unit_liaison', 'province.liaison@ruyuan.demo', '陈思远', 'GD-P01', 'unit'),
  account('county_admin', 'wengyuan.admin@ruyuan.demo', '曾庆林', '440229', 'county'),
  account('county_staff', 'multi@ruyuan.demo', '黄敏', '440232', 'county'),
  account('town_staff', 'multi@ruyuan.demo', '黄敏', '440232101000', 'town'),
]

// Section: deterministic ids

const NAMESPACE = Buffer.from('3c0f6a52-8d0e-4b7a-9a51-6e2d7f1c4b90'.replace(/-/g, ''), 'hex')

/** A name-based (RFC 4122 version 5, SHA-1) UUID in the demo namespace. */
export function demoUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The id the demo seed gives the org with this code. */
export const demoOrgId = (code: string) => demoUuid(`org:${code}`)
/** The id the demo seed gives the user with this email. */
export const demoUserId = (email: string) => demoUuid(`user:${email.toLowerCase()}`)
/** The id the demo seed gives a county's report template version. */
export const demoTemplateId = (countyCode: string, version: number) => demoUuid(`report_template:${countyCode}:${version}`)
/** The id the demo seed gives a village's report for a month ('2026-10-01'). */
export const demoReportId = (villageCode: string, period: string) => demoUuid(`monthly_report:${villageCode}:${period}`)

/** Who acts in the demo reports' history: the demo accounts where a village or town has them. */
export function demoActors(): DemoActors {
  const holders = (role: AppRole, orgCode: string) =>
    DEMO_ACCOUNTS.filter((a) => a.role === role && a.orgCode === orgCode).map((a) => a.email)
  return {
    secretary: (code) => holders('village_secretary', code)[0] ?? null,
    clerk: (code) => holders('village_clerk', code)[0] ?? null,
    reviewers: (code) => [...holders('town_admin', code), ...holders('town_staff', code)],
  }
}

/** The demo's monthly reports, exactly as seedDemo inserts them (for tests and the summary). */
export const demoReportPlan = (): SeedReport[] => demoReports(demoActors())

// Section: seeding

// GoTrue scans these as non-null strings; on a real Supabase database NULL breaks sign-in.
const GOTRUE_TOKEN_COLUMNS = [
  'confirmation_token',
  'recovery_token',
  'email_change_token_new',
  'email_change_token_current',
  'email_change',
  'phone_change',
  'phone_change_token',
  'reauthentication_token',
]

/**
 * Inserts the whole demo in one transaction: orgs parents first, pairings, then the demo
 * accounts as auth.users rows in GoTrue's shape with their profiles and memberships.
 * Fails (and changes nothing) if any of it already exists.
 */
export async function seedDemo(db: Db, opts: { bcryptCost?: number } = {}): Promise<void> {
  const cost = opts.bcryptCost ?? 10
  const emails = [...new Set(DEMO_ACCOUNTS.map((a) => a.email))]
  // One bcrypt hash, in GoTrue's format, for every demo account: they share a password that the README
  // prints, so one salt hides nothing, and hashing it once per account cost a second of the embedded
  // database's first start (cost 10 in pure JS, ~0.1 s each). Hashed outside the transaction.
  const hash = await bcrypt.hash(DEMO_PASSWORD, cost)
  const now = new Date()

  await db.transaction().execute(async (tx) => {
    // Section: org tree, one statement per level so every parent exists before its children
    const byKind = (kinds: string[]) => REGIONS.filter((o) => kinds.includes(o.kind))
    for (const level of [['province'], ['city'], ['county'], ['town']]) {
      await tx
        .insertInto('orgs')
        .values(
          byKind(level).map((o) => ({
            id: demoOrgId(o.code),
            kind: o.kind,
            parent_id: o.parentCode ? demoOrgId(o.parentCode) : null,
            code: o.code,
            name: o.name,
            name_en: o.nameEn,
            secretary_name: null,
            secretary_phone: null,
            households: null,
            population: null,
            unit_level: null,
            unit_type: null,
          })),
        )
        .execute()
    }
    // orgs.active_from is the reporting domain's column (monthly reports are expected from then on)
    await tx
      .insertInto('orgs')
      .values(
        [...RUYUAN_VILLAGES, ...WENGYUAN_VILLAGES].map((v) => ({
          id: demoOrgId(v.code),
          kind: v.kind,
          parent_id: demoOrgId(v.townCode),
          code: v.code,
          name: v.name,
          name_en: v.nameEn,
          secretary_name: v.secretaryName,
          secretary_phone: v.secretaryPhone,
          households: v.households,
          population: v.population,
          unit_level: null,
          unit_type: null,
          active_from: VILLAGES_ACTIVE_FROM,
        })),
      )
      .execute()
    await tx
      .insertInto('orgs')
      .values(
        UNITS.map((u) => ({
          id: demoOrgId(u.code),
          kind: 'unit' as const,
          parent_id: demoOrgId(u.parentCode),
          code: u.code,
          name: u.name,
          name_en: u.nameEn,
          secretary_name: null,
          secretary_phone: null,
          households: null,
          population: null,
          unit_level: u.level,
          unit_type: u.type,
        })),
      )
      .execute()

    // Section: pairings
    await tx
      .insertInto('pairings')
      .values(
        PAIRINGS.map((p) => ({
          id: demoUuid(`pairing:${p.unitCode}:${p.villageCode}:${p.startsOn}`),
          unit_id: demoOrgId(p.unitCode),
          village_id: demoOrgId(p.villageCode),
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          is_lead: p.isLead,
        })),
      )
      .execute()

    // Section: auth.users in GoTrue's shape
    const userIds = emails.map(demoUserId)
    await tx
      .withTables<{ 'auth.users': { is_sso_user: boolean } }>()
      .insertInto('auth.users')
      .values(
        emails.map((email, i) => ({
          instance_id: '00000000-0000-0000-0000-000000000000',
          id: userIds[i]!,
          aud: 'authenticated',
          role: 'authenticated',
          email,
          encrypted_password: hash,
          email_confirmed_at: now,
          invited_at: null,
          last_sign_in_at: null,
          raw_app_meta_data: JSON.stringify({ provider: 'email', providers: ['email'] }),
          raw_user_meta_data: JSON.stringify({}),
          created_at: now,
          updated_at: now,
          banned_until: null,
          deleted_at: null,
          is_sso_user: false,
        })),
      )
      .execute()
    const { rows: columns } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
       where table_schema = 'auth' and table_name = 'users'`.execute(tx)
    const tokenColumns = GOTRUE_TOKEN_COLUMNS.filter((c) => columns.some((r) => r.column_name === c))
    if (tokenColumns.length > 0) {
      await sql`update auth.users set ${sql.join(tokenColumns.map((c) => sql`${sql.ref(c)} = ''`))}
                 where id = any(${userIds}::uuid[])`.execute(tx)
    }
    // Real Supabase signs in with email through auth.identities; the local compatibility schema has none.
    // (Only exercised against a Supabase database.)
    const { rows: identities } = await sql<{ present: boolean }>`
      select to_regclass('auth.identities') is not null as present`.execute(tx)
    if (identities[0]?.present) {
      for (const [i, email] of emails.entries()) {
        const id = userIds[i]!
        await sql`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
                  values (${id}, ${id}, ${JSON.stringify({ sub: id, email, email_verified: true })}::jsonb, 'email', null, ${now}, ${now})`.execute(tx)
      }
    }

    // Section: profiles and memberships
    await tx
      .insertInto('profiles')
      .values(
        emails.map((email, i) => ({
          user_id: userIds[i]!,
          email,
          display_name: DEMO_ACCOUNTS.find((a) => a.email === email)!.displayName,
          phone: `138-0000-${String(9001 + i)}`,
        })),
      )
      .execute()
    await tx
      .insertInto('memberships')
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          id: demoUuid(`membership:${a.email}:${a.orgCode}:${a.role}`),
          user_id: demoUserId(a.email),
          org_id: demoOrgId(a.orgCode),
          role: a.role,
          created_by: null,
        })),
      )
      .execute()

    await seedMonthlyReports(tx)
    await seedPairing(tx)
  })
}

/**
 * The pairing domain (cadres, postings, households and their pairs, activities, visits, concern
 * files, opinions, cases): generated set-based in SQL, see seed-data/pairing.ts for the figures.
 */
async function seedPairing(tx: Db) {
  const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!
  const unitLiaison = account('unit.liaison@ruyuan.demo')
  const provinceLiaison = account('province.liaison@ruyuan.demo')
  const yunmen = account('yunmen.secretary@ruyuan.demo')
  const script = pairingSeedSql({
    ruyuanId: demoOrgId(RUYUAN_CODE),
    wengyuanId: demoOrgId(WENGYUAN_CODE),
    unitLiaisonId: demoUserId(unitLiaison.email),
    unitLiaisonUnitId: demoOrgId(unitLiaison.orgCode),
    provinceLiaisonId: demoUserId(provinceLiaison.email),
    provinceUnitId: demoOrgId(provinceLiaison.orgCode),
    yunmenSecretaryId: demoUserId(yunmen.email),
    yunmenId: demoOrgId(yunmen.orgCode),
  })
  // Bulk rows skip the per-row audit and prepare triggers (tens of thousands of audit entries would
  // bury the real ones, and the triggers' checks hold by construction: pairing-seed.test.ts asserts
  // them). The case-opened trigger stays on: it writes each case's first event; so do the pairing-period
  // checks (<table>_within_pairing): a unit's record the seed dates outside its pairing fails the seed.
  // Re-enabled below, inside the same transaction, so nothing outside it ever sees them off.
  const bulk = ['households', 'cadres', 'household_pairs', 'cadre_postings', 'visits', 'concern_files', 'opinions',
    'concern_cases', 'concern_case_events', 'pairing_activities']
  // one statement at a time: the extended protocol runs a single statement per query
  for (const t of bulk) {
    await sql.raw(`alter table public.${t} disable trigger ${t}_audit`).execute(tx)
    if (PREPARED.includes(t)) await sql.raw(`alter table public.${t} disable trigger ${t}_prepare`).execute(tx)
  }
  for (const statement of script.split(/;\n(?=\s*(?:--|create|insert|$))/)) {
    if (statement.trim()) await sql.raw(statement).execute(tx)
  }
  for (const t of bulk) {
    await sql.raw(`alter table public.${t} enable trigger ${t}_audit`).execute(tx)
    if (PREPARED.includes(t)) await sql.raw(`alter table public.${t} enable trigger ${t}_prepare`).execute(tx)
  }
}

/** Pairing tables with a private.prepare_village_record() trigger. */
const PREPARED = ['households', 'household_pairs', 'cadre_postings', 'visits', 'concern_files', 'opinions', 'concern_cases', 'pairing_activities']

/**
 * Report templates, then the reports and their history. Inserted on the service path with explicit
 * states and timestamps (the guard trigger resets them only for the app role); the defaults trigger
 * still picks each report's template version and due date, which are checked against the plan.
 */
async function seedMonthlyReports(tx: Db) {
  const json = (rows: unknown[]) => JSON.stringify(rows)
  const id = (email: string | null) => (email ? demoUserId(email) : null)

  await sql`
    insert into public.report_templates (id, county_id, version, valid_from, due_day, definition, created_at, created_by)
    select t.id, t.county_id, t.version, t.valid_from, t.due_day, t.definition, t.created_at, t.created_by
      from jsonb_to_recordset(${json(
        TEMPLATES.map((t) => ({
          id: demoTemplateId(t.countyCode, t.version),
          county_id: demoOrgId(t.countyCode),
          version: t.version,
          valid_from: t.validFrom,
          due_day: t.dueDay,
          definition: t.definition,
          created_at: t.createdAt,
          created_by: id(t.createdBy),
        })),
      )}::jsonb) as t(id uuid, county_id uuid, version integer, valid_from date, due_day integer, definition jsonb,
                      created_at timestamptz, created_by uuid)
     order by t.version`.execute(tx)

  const reports = demoReportPlan()
  await sql`
    insert into public.monthly_reports (id, village_id, period, state, values, revision, first_submitted_at, submitted_at,
                                        submitted_by, reviewed_at, reviewed_by, created_at, created_by, updated_at, updated_by)
    select r.id, r.village_id, r.period, r.state, r.values, r.revision, r.first_submitted_at, r.submitted_at,
           r.submitted_by, r.reviewed_at, r.reviewed_by, r.created_at, r.created_by, r.updated_at, r.updated_by
      from jsonb_to_recordset(${json(
        reports.map((r) => ({
          id: demoReportId(r.villageCode, r.period),
          village_id: demoOrgId(r.villageCode),
          period: r.period,
          state: r.state,
          values: r.values,
          revision: r.revision,
          first_submitted_at: r.firstSubmittedAt,
          submitted_at: r.submittedAt,
          submitted_by: id(r.submittedBy),
          reviewed_at: r.reviewedAt,
          reviewed_by: id(r.reviewedBy),
          created_at: r.createdAt,
          created_by: id(r.createdBy),
          updated_at: r.updatedAt,
          updated_by: id(r.updatedBy),
        })),
      )}::jsonb) as r(id uuid, village_id uuid, period date, state public.report_state, values jsonb, revision integer,
                      first_submitted_at timestamptz, submitted_at timestamptz, submitted_by uuid, reviewed_at timestamptz,
                      reviewed_by uuid, created_at timestamptz, created_by uuid, updated_at timestamptz, updated_by uuid)
     order by r.period, r.village_id`.execute(tx)

  // the plan's due dates (and so its on-time and late submissions) must be the database's
  const { rows: due } = await sql<{ id: string; due_on: string }>`
    select id, to_char(due_on, 'YYYY-MM-DD') as due_on from public.monthly_reports`.execute(tx)
  const dueById = new Map(due.map((r) => [r.id, r.due_on]))
  const wrong = reports.filter((r) => dueById.get(demoReportId(r.villageCode, r.period)) !== r.dueOn)
  if (wrong.length > 0) {
    throw new Error(`demo reports: the database's due date differs from the plan's for ${wrong.length} reports (${wrong[0]!.villageCode} ${wrong[0]!.period})`)
  }

  await sql`
    insert into public.report_transitions (report_id, village_id, from_state, to_state, reason, values, actor_id, occurred_at)
    select t.report_id, t.village_id, t.from_state, t.to_state, t.reason, t.values, t.actor_id, t.occurred_at
      from jsonb_to_recordset(${json(
        reports.flatMap((r) =>
          r.transitions.map((t) => ({
            report_id: demoReportId(r.villageCode, r.period),
            village_id: demoOrgId(r.villageCode),
            from_state: t.from,
            to_state: t.to,
            reason: t.reason,
            values: t.values,
            actor_id: id(t.actor),
            occurred_at: t.at,
          })),
        ),
      )}::jsonb) as t(report_id uuid, village_id uuid, from_state public.report_state, to_state public.report_state,
                      reason text, values jsonb, actor_id uuid, occurred_at timestamptz)
     order by t.occurred_at`.execute(tx)
}

/** Seeds the demo when the database holds no org yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Db, opts: { bcryptCost?: number } = {}): Promise<boolean> {
  const existing = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()
  if (existing) return false
  await seedDemo(db, opts)
  return true
}

/**
 * Drops every schema the app and its compatibility layer own and recreates an empty `public`,
 * ready for `migrate`. Plain Postgres only: refuses on a Supabase database, whose auth and
 * extensions schemas belong to the platform.
 */
export async function wipeDatabase(backend: Backend, db: Db): Promise<void> {
  // isSupabaseDatabase takes Kysely<never>, which no typed Kysely is assignable to; it only runs raw SQL.
  if (await isSupabaseDatabase(db as unknown as Kysely<never>)) {
    throw new Error('Refusing to wipe a Supabase database: reset it with the Supabase CLI (supabase db reset).')
  }
  await backend.execScript(`
    drop schema if exists public, private, auth, extensions, supabase_migrations cascade;
    create schema public;
    do $$
    declare r text;
    begin
      foreach r in array array['anon', 'authenticated', 'service_role'] loop
        if exists (select 1 from pg_roles where rolname = r) then
          execute format('grant usage on schema public to %I', r);
        end if;
      end loop;
    end
    $$;
  `)
}
