/**
 * Database lifecycle for developers and CI: `tsx scripts/db.ts <command>`.
 * Works on the embedded PGlite at PGLITE_DIR (default .data/pglite) or on DATABASE_URL.
 *
 *   migrate  apply the compatibility bootstrap and pending migrations
 *   seed     insert the Ruyuan demo when the database has no org yet
 *   init     migrate, seed if empty, print the demo accounts (what `npm run dev` runs first)
 *   reset    wipe, migrate and seed (PGlite: delete the data directory; Postgres: drop the app schemas)
 *   status   list applied and pending migrations
 *   template write the migrated template a new embedded database starts from (ADR 0020; `npm run build` runs it)
 */
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, sql } from 'kysely'
import { createPgliteBackend, createPostgresBackend, type Backend } from '../app/lib/db-backend.server'
import { openEmbedded, templateFile, writeTemplate } from '../app/lib/pglite-template.server'
import type { Database } from '../app/lib/db-types'
import { getEnv } from '../app/lib/env.server'
import { isSupabaseDatabase, listMigrations, migrate } from '../app/lib/migrate.server'
import { DEMO_ACCOUNTS, seedIfEmpty, wipeDatabase } from '../app/lib/seed.server'

const COMMANDS = ['migrate', 'seed', 'init', 'reset', 'status', 'template'] as const
type Command = (typeof COMMANDS)[number]

const log = (line: string) => console.log(line)

/** The database, where it is, and the migrations opening it applied (a new embedded one migrates as it opens). */
async function open(command: Command): Promise<{ backend: Backend; db: Kysely<Database>; where: string; applied: string[] }> {
  const env = getEnv()
  if (env.DATABASE_URL) {
    const backend = createPostgresBackend(env.DATABASE_URL, 2)
    return { backend, db: new Kysely<Database>({ dialect: backend.dialect }), where: `Postgres at ${redact(env.DATABASE_URL)}`, applied: [] }
  }
  const where = `PGlite at ${env.PGLITE_DIR}`
  if (command === 'status') {
    const backend = await createPgliteBackend(env.PGLITE_DIR)
    return { backend, db: new Kysely<Database>({ dialect: backend.dialect }), where, applied: [] }
  }
  // a new directory starts from the migrated template (and migrates the rest), like the server's
  const applied: string[] = []
  const { backend, db, fromTemplate } = await openEmbedded(env.PGLITE_DIR, { log: (line) => applied.push(line) })
  return { backend, db, where: fromTemplate ? `${where} (new, from the migrated template)` : where, applied }
}

/** Writes the migrated template for the current migrations, unless it is there already. */
async function writeCurrentTemplate() {
  const file = templateFile()
  if (fs.existsSync(file)) {
    log(`template: ${path.relative(process.cwd(), file)} is up to date.`)
    return
  }
  const backend = await createPgliteBackend(null)
  const db = new Kysely<Database>({ dialect: backend.dialect })
  try {
    await migrate(backend, db)
    await writeTemplate(backend, file)
    log(`template: wrote ${path.relative(process.cwd(), file)}.`)
  } finally {
    await db.destroy()
  }
}

function redact(url: string) {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'DATABASE_URL'
  }
}

/** Applies pending migrations; `alreadyApplied`: the lines of those opening the database applied. */
async function runMigrate(backend: Backend, db: Kysely<Database>, alreadyApplied: string[] = []) {
  for (const line of alreadyApplied) log(`  ${line}`)
  const applied = await migrate(backend, db, (line) => log(`  ${line}`))
  const count = alreadyApplied.length + applied.length
  log(count ? `Applied ${count} migration(s).` : 'Migrations: up to date.')
}

async function runSeed(db: Kysely<Database>) {
  const seeded = await seedIfEmpty(db)
  log(seeded ? 'Seeded the Ruyuan demo.' : 'The database already has orgs: not seeding (use db:reset to start over).')
  return seeded
}

function printAccounts() {
  const rows = DEMO_ACCOUNTS.map((a) => [a.role, a.email, a.password, a.portal])
  const header = ['role', 'email', 'password', 'portal']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd()
  log('')
  log('Demo accounts:')
  log(line(header))
  log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) log(line(r))
  log('')
}

async function runStatus(db: Kysely<Database>) {
  const { rows: present } = await sql<{ present: boolean }>`
    select to_regclass('supabase_migrations.schema_migrations') is not null as present`.execute(db)
  const applied = new Set<string>()
  if (present[0]?.present) {
    const { rows } = await sql<{ version: string }>`select version from supabase_migrations.schema_migrations`.execute(db)
    for (const r of rows) applied.add(r.version)
  }
  const files = listMigrations()
  for (const m of files) log(`  ${applied.has(m.version) ? 'applied' : 'pending'}  ${m.version}_${m.name}`)
  const known = new Set(files.map((m) => m.version))
  for (const v of applied) if (!known.has(v)) log(`  applied  ${v} (no file in supabase/migrations)`)
  const pending = files.filter((m) => !applied.has(m.version)).length
  log(`${applied.size} applied, ${pending} pending.`)
}

async function resetPglite(dir: string) {
  const resolved = path.resolve(dir)
  if (resolved === path.parse(resolved).root || resolved === process.cwd()) {
    throw new Error(`Refusing to delete ${resolved}: PGLITE_DIR must be a dedicated directory.`)
  }
  fs.rmSync(resolved, { recursive: true, force: true })
  log(`Deleted ${dir}.`)
}

async function main(command: Command) {
  if (command === 'template') return writeCurrentTemplate()
  const env = getEnv()
  if (command === 'reset' && !env.DATABASE_URL) await resetPglite(env.PGLITE_DIR)

  const { backend, db, where, applied } = await open(command)
  log(`${command}: ${where}`)
  try {
    switch (command) {
      case 'migrate':
        await runMigrate(backend, db, applied)
        break
      case 'seed':
        if (applied.length) await runMigrate(backend, db, applied)
        await runSeed(db)
        break
      case 'init':
        await runMigrate(backend, db, applied)
        await runSeed(db)
        printAccounts()
        break
      case 'reset':
        if (env.DATABASE_URL) {
          if (await isSupabaseDatabase(db as unknown as Kysely<never>)) {
            throw new Error('Refusing to reset a Supabase database: use `supabase db reset` for a local Supabase stack.')
          }
          if (env.NODE_ENV === 'production' && !process.argv.includes('--force')) {
            throw new Error('Refusing to reset with NODE_ENV=production (pass --force if you really mean it).')
          }
          await wipeDatabase(backend, db)
          log('Dropped schemas public, private, auth, extensions, supabase_migrations.')
        }
        await runMigrate(backend, db, applied)
        await runSeed(db)
        printAccounts()
        break
      case 'status':
        await runStatus(db)
        break
    }
  } finally {
    await db.destroy()
  }
}

const command = process.argv[2]
if (!COMMANDS.includes(command as Command)) {
  console.error(`Usage: tsx scripts/db.ts <${COMMANDS.join('|')}>`)
  process.exit(2)
}
main(command as Command).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`db ${command} failed: ${err instanceof Error ? err.message : String(err)}`)
    if (process.env.DEBUG && err instanceof Error) console.error(err.stack)
    process.exit(1)
  },
)
