/**
 * Backup and restore of the Postgres database at DATABASE_URL with Debian's pg_dump / pg_restore
 * (custom format: compressed, restorable table by table, with `pg_restore --list` to inspect).
 *
 *   npm run db:backup -- --out backups/portal.dump      pg_dump --format=custom of the whole database
 *   npm run db:restore -- --in backups/portal.dump      pg_restore --clean --if-exists, one transaction
 *
 * The embedded PGlite has no server to dump: stop the app and copy its data directory (PGLITE_DIR,
 * default .data/pglite) instead. Restoring replaces every object in the dump; with NODE_ENV=production it
 * needs --force. The client programs must be at least the server's major version (Debian's are 15).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

type Command = 'backup' | 'restore'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  if (i >= 0) return process.argv[i + 1]
  const eq = process.argv.find((a) => a.startsWith(`${name}=`))
  return eq?.slice(name.length + 1)
}

function fail(message: string, code = 1): never {
  console.error(message)
  process.exit(code)
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

/** Runs a client program; the URL carries the credentials. */
function run(program: string, args: string[]) {
  const started = Date.now()
  const result = spawnSync(program, args, { stdio: 'inherit' })
  if (result.error) fail(`${program} could not run: ${result.error.message} (install Debian's postgresql-client)`)
  if (result.status !== 0) fail(`${program} exited with status ${result.status}`)
  return Date.now() - started
}

function backup(url: string, out: string) {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
  const ms = run('pg_dump', ['--format=custom', '--compress=6', '--no-password', `--file=${out}`, `--dbname=${url}`])
  return { ms, bytes: fs.statSync(out).size }
}

function restore(url: string, input: string) {
  if (!fs.existsSync(input)) fail(`No backup file at ${input}`)
  // --clean --if-exists drops what the dump recreates; --single-transaction leaves the database as it
  // was when anything fails; --exit-on-error is implied by it.
  const ms = run('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--no-password', `--dbname=${url}`, input])
  return { ms }
}

function main() {
  const command = process.argv[2] as Command
  if (command !== 'backup' && command !== 'restore') fail('Usage: tsx scripts/backup.ts backup --out FILE | restore --in FILE [--force]', 2)
  const url = process.env.DATABASE_URL
  if (!url) {
    fail(
      `db:${command} works on Postgres (DATABASE_URL) only. The embedded PGlite has no server to dump:\n` +
        `stop the app and copy its data directory (${process.env.PGLITE_DIR || '.data/pglite'}) instead.`,
    )
  }
  if (!/^postgres(ql)?:\/\//.test(url)) fail('DATABASE_URL must be a postgres:// URL')
  if (command === 'backup') {
    const out = arg('--out') ?? fail('db:backup needs --out FILE')
    const { ms, bytes } = backup(url, out)
    console.log(`Backed up ${redact(url)} to ${out} (${(bytes / 1024).toFixed(0)} KiB) in ${(ms / 1000).toFixed(1)} s.`)
  } else {
    const input = arg('--in') ?? fail('db:restore needs --in FILE')
    if (process.env.NODE_ENV === 'production' && !process.argv.includes('--force')) {
      fail('Refusing to restore over a database with NODE_ENV=production (pass --force if you really mean it).')
    }
    const { ms } = restore(url, input)
    console.log(`Restored ${input} into ${redact(url)} in ${(ms / 1000).toFixed(1)} s.`)
  }
}

main()
