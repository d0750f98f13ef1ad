/**
 * Operator CLI for onboarding tenants without the UI: `npm run admin -- <command> [--flag value …]`.
 * Runs on the service path (withService), so it bypasses RLS: it is for the people who run the
 * deployment, not for county staff. Users are created through the auth provider (provisionUser).
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { z } from 'zod'
import { DEFAULT_TEMPLATE_DEFINITION } from '../app/domain/monthly-reports/default-template'
import { closeDb, type Tx } from '../app/lib/db.server'
import type { AppRole, OrgKind } from '../app/lib/db-types'
import { APP_ROLES } from '../app/lib/db-types'
import { withService } from '../app/lib/service.server'
import { PHONE_PATTERN } from '../app/lib/number-input'

const USAGE = `Usage: npm run admin -- <command> [options]

Org tree (codes: 6 digits for province/city/county, 12 digits for town/village/community):
  create-province --code 440000 --name 广东省 [--name-en "Guangdong Province"]
  create-city     --code 440200 --name 韶关市 --province-code 440000 [--name-en …]
  create-county   --code 440232 --name 乳源瑶族自治县 --city-code 440200 [--name-en …]
                  [--reports-from 2026-11]
                  also creates version 1 of the monthly report template (the default one), applying
                  from --reports-from (default: this month, Asia/Shanghai), reports due on the 5th
  create-town     --code 440232101000 --name 乳城镇 --county-code 440232 [--name-en …]
  create-village  --code 440232101201 --name 云门村 --town-code 440232101000 [--name-en …]
                  [--kind village|community] [--secretary-name 姓名] [--secretary-phone 138-0000-0000]
                  [--households N] [--population N]
  create-unit     --name 县财政局 --level provincial|municipal|county --type agency|enterprise|institution
                  --parent-code 440232 [--code RY-C01] [--name-en …]

Users:
  create-admin    --county-code 440232 --email someone@example.org --name 姓名 [--phone …]
                  creates (or finds) the user through the auth provider and makes them county admin;
                  a new user's temporary password is printed once and must be changed at the first sign-in
  reset-password  --email someone@example.org
                  a new temporary password for a user who forgot theirs (printed once, to be changed at the
                  next sign-in); every session of the user ends. For a county's last administrator: everyone
                  else is reset on the users page (用户管理) by whoever may deactivate them
  grant           --email someone@example.org --org-code 440232101000 --role town_admin
                  roles: ${APP_ROLES.join(', ')}
`

class UsageError extends Error {}

// Section: argument schemas
const name = z.string().trim().min(1).max(100)
const nameEn = z.string().trim().min(1).max(120).optional()
const code6 = z.string().regex(/^\d{6}$/, 'must be 6 digits')
const code12 = z.string().regex(/^\d{12}$/, 'must be 12 digits')
const email = z.string().trim().toLowerCase().email()
const phone = z.string().regex(PHONE_PATTERN, 'digits, spaces, + and - only (5–20)')
const count = z.coerce.number().int().min(0)
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')

const schemas = {
  'create-province': z.object({ code: code6, name, 'name-en': nameEn }),
  'create-city': z.object({ code: code6, name, 'name-en': nameEn, 'province-code': code6 }),
  'create-county': z.object({ code: code6, name, 'name-en': nameEn, 'city-code': code6, 'reports-from': month.optional() }),
  'create-town': z.object({ code: code12, name, 'name-en': nameEn, 'county-code': code6 }),
  'create-village': z.object({
    code: code12,
    name,
    'name-en': nameEn,
    'town-code': code12,
    kind: z.enum(['village', 'community']).default('village'),
    'secretary-name': z.string().trim().min(1).max(50).optional(),
    'secretary-phone': phone.optional(),
    households: count.optional(),
    population: count.optional(),
  }),
  'create-unit': z.object({
    code: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and - only (1–32)').optional(),
    name,
    'name-en': nameEn,
    level: z.enum(['provincial', 'municipal', 'county']),
    type: z.enum(['agency', 'enterprise', 'institution']),
    'parent-code': code6,
  }),
  'create-admin': z.object({ 'county-code': code6, email, name: z.string().trim().min(1).max(50), phone: phone.optional() }),
  'reset-password': z.object({ email }),
  grant: z.object({ email, 'org-code': z.string().min(1), role: z.enum(APP_ROLES) }),
} as const
type Command = keyof typeof schemas

// Section: helpers

async function findOrg(code: string, kinds: OrgKind[]) {
  const org = await withService((tx) =>
    tx.selectFrom('orgs').select(['id', 'kind', 'code', 'name']).where('code', '=', code).executeTakeFirst(),
  )
  if (!org) throw new UsageError(`No org with code ${code}.`)
  if (!kinds.includes(org.kind)) throw new UsageError(`${code} (${org.name}) is a ${org.kind}, expected ${kinds.join(' or ')}.`)
  return org
}

function requirePrefix(child: string, parent: string, length: number, what: string) {
  if (child.slice(0, length) !== parent.slice(0, length)) {
    throw new UsageError(`The ${what} code ${child} must start with its parent's ${parent.slice(0, length)}.`)
  }
}

interface NewOrg {
  kind: OrgKind
  parentCode: string | null
  parentKinds: OrgKind[]
  code: string | null
  name: string
  nameEn?: string
  village?: { secretaryName?: string; secretaryPhone?: string; households?: number; population?: number }
  unit?: { level: 'provincial' | 'municipal' | 'county'; type: 'agency' | 'enterprise' | 'institution' }
}

/** Creates the org, and runs `also` in the same transaction (all or nothing). */
async function createOrg(o: NewOrg, also?: (tx: Tx, orgId: string) => Promise<void>) {
  const parent = o.parentCode ? await findOrg(o.parentCode, o.parentKinds) : null
  const row = await withService(async (tx) => {
    const created = await tx
      .insertInto('orgs')
      .values({
        kind: o.kind,
        parent_id: parent?.id ?? null,
        code: o.code,
        name: o.name,
        name_en: o.nameEn ?? null,
        secretary_name: o.village?.secretaryName ?? null,
        secretary_phone: o.village?.secretaryPhone ?? null,
        households: o.village?.households ?? null,
        population: o.village?.population ?? null,
        unit_level: o.unit?.level ?? null,
        unit_type: o.unit?.type ?? null,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await also?.(tx, created.id)
    return created
  })
  console.log(`Created ${o.kind} ${o.name}${o.code ? ` (${o.code})` : ''}${parent ? ` under ${parent.name}` : ''}: ${row.id}`)
}

/** This month in Asia/Shanghai, as YYYY-MM. */
const thisMonth = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7)

/** Version 1 of a new county's monthly report template: the default template, due on the 5th. */
async function createDefaultTemplate(tx: Tx, countyId: string, fromMonth: string) {
  await sql`insert into public.report_templates (county_id, version, valid_from, due_day, definition)
            values (${countyId}, 1, ${`${fromMonth}-01`}::date, 5, ${JSON.stringify(DEFAULT_TEMPLATE_DEFINITION)}::jsonb)`.execute(tx)
}

const ROLE_KINDS: Record<AppRole, OrgKind[]> = {
  county_admin: ['county'],
  county_staff: ['county'],
  town_admin: ['town'],
  town_staff: ['town'],
  village_secretary: ['village', 'community'],
  village_clerk: ['village', 'community'],
  unit_liaison: ['unit'],
}

async function findUser(email: string) {
  const user = await withService((tx) =>
    tx
      .selectFrom('auth.users')
      .select(['id', 'email'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  )
  if (!user) throw new UsageError(`No user with email ${email}. Create them first (create-admin, or the users page).`)
  return user
}

async function grant(userId: string, userLabel: string, orgCode: string, role: AppRole) {
  const org = await findOrg(orgCode, ROLE_KINDS[role])
  const outcome = await withService(async (tx) => {
    const existing = await tx
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', userId)
      .where('org_id', '=', org.id)
      .where('role', '=', role)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (existing) return 'exists' as const
    await tx.insertInto('memberships').values({ user_id: userId, org_id: org.id, role, created_by: null }).execute()
    return 'granted' as const
  })
  console.log(
    outcome === 'granted'
      ? `Granted ${role} in ${org.name} (${orgCode}) to ${userLabel}.`
      : `${userLabel} already holds ${role} in ${org.name} (${orgCode}); nothing changed.`,
  )
}

// Section: commands

type Handlers = { [K in Command]: (a: z.infer<(typeof schemas)[K]>) => Promise<void> }

const handlers: Handlers = {
  'create-province': (a) =>
    createOrg({ kind: 'province', parentCode: null, parentKinds: [], code: a.code, name: a.name, nameEn: a['name-en'] }),
  'create-city': async (a) => {
    requirePrefix(a.code, a['province-code'], 2, 'city')
    await createOrg({ kind: 'city', parentCode: a['province-code'], parentKinds: ['province'], code: a.code, name: a.name, nameEn: a['name-en'] })
  },
  'create-county': async (a) => {
    requirePrefix(a.code, a['city-code'], 4, 'county')
    const from = a['reports-from'] ?? thisMonth()
    await createOrg(
      { kind: 'county', parentCode: a['city-code'], parentKinds: ['city'], code: a.code, name: a.name, nameEn: a['name-en'] },
      (tx, countyId) => createDefaultTemplate(tx, countyId, from),
    )
    console.log(`Created version 1 of its monthly report template (the default one), applying from ${from}; reports are due on the 5th of the next month.`)
  },
  'create-town': async (a) => {
    requirePrefix(a.code, a['county-code'], 6, 'town')
    await createOrg({ kind: 'town', parentCode: a['county-code'], parentKinds: ['county'], code: a.code, name: a.name, nameEn: a['name-en'] })
  },
  'create-village': async (a) => {
    requirePrefix(a.code, a['town-code'], 9, a.kind)
    // as the village profile form checks it (villageProfileSchema)
    if (a.households !== undefined && a.population !== undefined && a.population < a.households) throw new UsageError('--population cannot be smaller than --households')
    await createOrg({
      kind: a.kind,
      parentCode: a['town-code'],
      parentKinds: ['town'],
      code: a.code,
      name: a.name,
      nameEn: a['name-en'],
      village: { secretaryName: a['secretary-name'], secretaryPhone: a['secretary-phone'], households: a.households, population: a.population },
    })
  },
  'create-unit': async (a) => {
    const parentKind = ({ provincial: 'province', municipal: 'city', county: 'county' } as const)[a.level]
    await createOrg({
      kind: 'unit',
      parentCode: a['parent-code'],
      parentKinds: [parentKind],
      code: a.code ?? null,
      name: a.name,
      nameEn: a['name-en'],
      unit: { level: a.level, type: a.type },
    })
  },
  'create-admin': async (a) => {
    const county = await findOrg(a['county-code'], ['county'])
    // Loaded here so the org commands work without the auth provider's configuration.
    const { provisionUser } = await import('../app/lib/provisioning.server')
    const result = await provisionUser({ email: a.email, displayName: a.name, phone: a.phone })
    console.log(result.created ? `Created user ${a.email}: ${result.userId}` : `User ${a.email} already exists: ${result.userId}`)
    await grant(result.userId, a.email, a['county-code'], 'county_admin')
    if (result.temporaryPassword) {
      console.log('')
      console.log(`Temporary password for ${a.email} (shown once; hand it over securely: it must be changed at the first sign-in):`)
      console.log(`  ${result.temporaryPassword}`)
      console.log('')
    } else if (!result.created) {
      console.log('The existing password was not changed.')
    }
    console.log(`${a.name} is now county admin of ${county.name}.`)
  },
  'reset-password': async (a) => {
    const user = await findUser(a.email)
    const { resetPassword } = await import('../app/lib/provisioning.server')
    const password = await resetPassword(user.id, { actorId: null })
    console.log(`Every session of ${a.email} has ended.`)
    console.log('')
    console.log(`Temporary password for ${a.email} (shown once; hand it over securely: it must be changed at the next sign-in):`)
    console.log(`  ${password}`)
    console.log('')
  },
  grant: async (a) => {
    const user = await findUser(a.email)
    await grant(user.id, a.email, a['org-code'], a.role)
  },
}

async function run<K extends Command>(command: K, raw: Record<string, string | undefined>) {
  const parsed = schemas[command].safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`)
    throw new UsageError(`Invalid options for ${command}:\n${lines.join('\n')}`)
  }
  await (handlers[command] as (a: unknown) => Promise<void>)(parsed.data)
}

/** Postgres errors from our constraints and triggers, in the operator's words. */
function explain(err: unknown): string {
  const e = err as { code?: string; message?: string; detail?: string; constraint?: string }
  if (e.code === '23505') return `Already exists: ${e.detail ?? e.message}`
  if (e.code === '23514') return `Not allowed by the org rules: ${e.message}`
  if (e.code === '42P01') return `${e.message}. Has the database been migrated (npm run db:migrate)?`
  return err instanceof Error ? err.message : String(err)
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE)
    return 0
  }
  if (!(command in schemas)) {
    console.error(`Unknown command: ${command}\n\n${USAGE}`)
    return 2
  }
  let values: Record<string, string | undefined>
  try {
    const options = Object.fromEntries(
      Object.keys(schemas[command as Command].shape).map((key) => [key, { type: 'string' as const }]),
    )
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values as Record<string, string | undefined>
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`)
    return 2
  }
  try {
    await run(command as Command, values)
    return 0
  } catch (err) {
    console.error(err instanceof UsageError ? err.message : `admin ${command} failed: ${explain(err)}`)
    return err instanceof UsageError ? 2 : 1
  } finally {
    await closeDb()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
