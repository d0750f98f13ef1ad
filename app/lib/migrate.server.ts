import fs from 'node:fs'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Backend } from './db-backend.server'

const root = process.cwd()
export const MIGRATIONS_DIR = path.join(root, 'supabase', 'migrations')
export const BOOTSTRAP_FILE = path.join(root, 'supabase', 'compat', 'bootstrap.sql')

export interface MigrationFile {
  version: string
  name: string
  file: string
}

/** supabase/migrations/*.sql in version order, named as the Supabase CLI names them. */
export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 14), name: f.slice(15, -4), file: path.join(dir, f) }))
}

/** A real Supabase database already has what the bootstrap creates; we must not touch it there. */
export async function isSupabaseDatabase<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ yes: boolean }>`
    select exists (select 1 from pg_roles where rolname = 'supabase_admin') as yes`.execute(db)
  return rows[0]?.yes ?? false
}

/**
 * Applies the compatibility bootstrap (plain Postgres and PGlite only) and every migration not yet
 * recorded in supabase_migrations.schema_migrations, each in its own transaction. Idempotent.
 * Returns the versions applied by this call.
 */
export async function migrate<DB>(backend: Backend, db: Kysely<DB>, log: (line: string) => void = () => {}) {
  if (!(await isSupabaseDatabase(db))) {
    await backend.execScript(fs.readFileSync(BOOTSTRAP_FILE, 'utf8'))
  }
  await backend.execScript(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
  `)
  const { rows } = await sql<{ version: string }>`select version from supabase_migrations.schema_migrations`.execute(db)
  const applied = new Set(rows.map((r) => r.version))
  const done: string[] = []
  for (const m of listMigrations()) {
    if (applied.has(m.version)) continue
    const body = fs.readFileSync(m.file, 'utf8')
    const record = `insert into supabase_migrations.schema_migrations (version, name, statements)
      values ('${m.version}', '${m.name}', array[${dollarQuote(body)}]);`
    await backend.execScript(`${body}\n;\n${record}`)
    log(`applied ${m.version}_${m.name}`)
    done.push(m.version)
  }
  return done
}

function dollarQuote(text: string) {
  let tag = 'mig'
  while (text.includes(`$${tag}$`)) tag += 'x'
  return `$${tag}$${text}$${tag}$`
}
