/**
 * Backup/restore round trip: `npm run db:backup` of DATABASE_URL, `npm run db:restore` into a scratch
 * database on the same server (created and dropped here), then the exact row count of every table in
 * the schemas public, private and auth must be equal on both sides, and so must the set of tables.
 *
 *   DATABASE_URL=postgres://postgres:postgres@localhost:5432/portal_test tsx tests/fault/backup-roundtrip.ts
 *
 * Needs a role that may create databases. The scratch database is named <source>_restore_check.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

const source = process.env.DATABASE_URL
if (!source) {
  console.error('backup-roundtrip: set DATABASE_URL to the Postgres database to back up')
  process.exit(2)
}

function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

const sourceDb = decodeURIComponent(new URL(source).pathname.slice(1)) || 'postgres'
const scratchDb = `${sourceDb}_restore_check`.replace(/[^a-z0-9_]/g, '_')
const scratch = withDatabase(source, scratchDb)
const admin = withDatabase(source, 'postgres')

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  try {
    await c.query(text)
  } finally {
    await c.end()
  }
}

async function rowCounts(url: string): Promise<Map<string, number>> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const { rows: tables } = await c.query<{ name: string }>(`
      select format('%I.%I', n.nspname, t.relname) as name
        from pg_class t join pg_namespace n on n.oid = t.relnamespace
       where n.nspname in ('public', 'private', 'auth') and t.relkind in ('r', 'p')
       order by 1`)
    const counts = new Map<string, number>()
    for (const { name } of tables) {
      const { rows } = await c.query<{ n: string }>(`select count(*) as n from ${name}`)
      counts.set(name, Number(rows[0]!.n))
    }
    return counts
  } finally {
    await c.end()
  }
}

function npm(script: string, args: string[], databaseUrl: string) {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' },
  })
  if (r.status !== 0) throw new Error(`npm run ${script} exited with ${r.status}`)
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backup-'))
  const file = path.join(dir, 'portal.dump')
  try {
    const before = await rowCounts(source!)
    const total = [...before.values()].reduce((a, b) => a + b, 0)
    if (total === 0) throw new Error('the source database has no rows: seed it first (npm run db:reset)')

    npm('db:backup', ['--out', file], source!)
    await adminQuery(`drop database if exists ${scratchDb} with (force)`)
    await adminQuery(`create database ${scratchDb}`)
    npm('db:restore', ['--in', file], scratch)
    const after = await rowCounts(scratch)

    const problems: string[] = []
    for (const [table, n] of before) {
      if (!after.has(table)) problems.push(`${table}: missing after restore`)
      else if (after.get(table) !== n) problems.push(`${table}: ${n} rows before, ${after.get(table)} after`)
    }
    for (const table of after.keys()) if (!before.has(table)) problems.push(`${table}: only after restore`)
    if (problems.length) throw new Error(`round trip differs:\n  ${problems.join('\n  ')}`)
    console.log(`backup-roundtrip: ok, ${before.size} tables and ${total} rows equal after restore into ${scratchDb}`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    await adminQuery(`drop database if exists ${scratchDb} with (force)`).catch(() => undefined)
  }
}

main().catch((err: unknown) => {
  console.error(`backup-roundtrip: FAILED: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
