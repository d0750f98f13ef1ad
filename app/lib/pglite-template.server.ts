/**
 * A new embedded database starts from a copy of one already migrated (ADR 0020), not from PGlite's
 * initdb and every migration: that took ~4 s of the ~9.4 s from a fresh data directory to the first page.
 *
 * The copy (a gzipped tar of PGlite's data directory, taken right after `migrate`, before any seed) is
 * kept in `.cache/pglite/`, named by a digest of what makes it: PGlite's version, the compatibility
 * bootstrap and every migration file. `npm run build` writes it (`scripts/db.ts template`); a data
 * directory made without one writes it on the way. A changed migration, or another PGlite, names another
 * file, so a stale copy is never used; `migrate` still runs after the copy is loaded and applies whatever
 * the copy lacks. A copy that cannot be read or loaded is ignored (and the directory made the slow way).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { Kysely } from 'kysely'
import { createPgliteBackend, type Backend } from './db-backend.server'
import type { Database } from './db-types'
import { BOOTSTRAP_FILE, listMigrations, migrate } from './migrate.server'

export const TEMPLATE_DIR = path.join(process.cwd(), '.cache', 'pglite')

function pgliteVersion(): string {
  try {
    const file = path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json')
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** The template's file for the current PGlite and migrations. */
export function templateFile(dir = TEMPLATE_DIR): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`).update(fs.readFileSync(BOOTSTRAP_FILE))
  for (const m of listMigrations()) hash.update(`\n${m.version}_${m.name}\n`).update(fs.readFileSync(m.file))
  return path.join(dir, `migrated-${hash.digest('hex').slice(0, 16)}.tar.gz`)
}

/**
 * A data directory PGlite would initialise: none given (in memory), absent or empty. One that cannot be
 * read (permissions, a file in its place) is not new: PGlite says what is wrong with it, and nothing here
 * writes into it or, should loading fail, removes it.
 */
export function isNewDataDir(dataDir: string | null): boolean {
  if (!dataDir) return true
  try {
    return fs.readdirSync(dataDir).length === 0
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT'
  }
}

function readTemplate(file: string): Blob | undefined {
  try {
    const tar = gunzipSync(fs.readFileSync(file))
    return isDataDirTar(tar) ? new Blob([tar], { type: 'application/x-tar' }) : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether `tar` is a whole ustar archive of a Postgres data directory (it holds PG_VERSION), checked
 * before PGlite reads it: PGlite fails on a damaged one with an error that escapes its promise.
 */
export function isDataDirTar(tar: Uint8Array): boolean {
  const text = (from: number, length: number) => Buffer.from(tar.subarray(from, from + length)).toString('latin1').replace(/\0.*$/s, '')
  let hasVersion = false
  let offset = 0
  while (offset + 512 <= tar.length) {
    if (tar.subarray(offset, offset + 512).every((b) => b === 0)) return hasVersion
    if (text(offset + 257, 6) !== 'ustar') return false
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8)
    if (!Number.isFinite(size) || size < 0) return false
    if (/(^|\/)PG_VERSION$/.test(text(offset, 100))) hasVersion = true
    offset += 512 + Math.ceil(size / 512) * 512
  }
  // no end-of-archive block: cut short
  return false
}

/** Writes the template beside others of older digests, which it removes; atomically, so a reader never sees half. */
export async function writeTemplate(backend: Backend, file: string): Promise<void> {
  if (!backend.dumpDataDir) throw new Error('writeTemplate: the backend is not PGlite')
  const tar = Buffer.from(await (await backend.dumpDataDir()).arrayBuffer())
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}.partial`
  fs.writeFileSync(partial, gzipSync(tar, { level: 1 }))
  fs.renameSync(partial, file)
  for (const other of fs.readdirSync(path.dirname(file))) {
    if (/^migrated-[0-9a-f]{16}\.tar\.gz$/.test(other) && other !== path.basename(file)) {
      fs.rmSync(path.join(path.dirname(file), other), { force: true })
    }
  }
}

/**
 * Opens the embedded database at `dataDir` (null: in memory) and migrates it; a new one from the
 * template when there is one, else the slow way, writing the template for the next new one.
 */
export async function openEmbedded(
  dataDir: string | null,
  opts: { templateDir?: string; log?: (line: string) => void } = {},
): Promise<{ backend: Backend; db: Kysely<Database>; fromTemplate: boolean }> {
  const log = opts.log ?? (() => {})
  const isNew = isNewDataDir(dataDir)
  const file = isNew ? templateFile(opts.templateDir) : undefined
  const template = file ? readTemplate(file) : undefined
  let backend: Backend | undefined
  if (template) {
    try {
      backend = await createPgliteBackend(dataDir, template)
    } catch (err) {
      console.error(`embedded database: the migrated template ${file} could not be loaded (${(err as Error).message}); initialising instead`)
      // it was absent or empty (isNewDataDir): what is in it now is the failed load's; the directory itself
      // stays (it may be a mounted volume)
      if (dataDir && fs.existsSync(dataDir)) {
        for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true })
      }
    }
  }
  const fromTemplate = backend !== undefined
  backend ??= await createPgliteBackend(dataDir)
  const db = new Kysely<Database>({ dialect: backend.dialect })
  await migrate(backend, db, log)
  if (file && !fromTemplate) {
    await writeTemplate(backend, file).catch((err: Error) =>
      console.error(`embedded database: could not keep the migrated template in ${file}: ${err.message}`),
    )
  }
  return { backend, db, fromTemplate }
}
