/**
 * A new embedded database starts from the migrated template (ADR 0020): the same schema and migrations
 * as one made the slow way; an existing directory is opened as it is; a template that cannot be loaded
 * is ignored, not trusted.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql, type Kysely } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import type { Database } from '../../app/lib/db-types'
import { listMigrations } from '../../app/lib/migrate.server'
import { isNewDataDir, openEmbedded, templateFile } from '../../app/lib/pglite-template.server'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-template-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

const templateDir = path.join(work, 'templates')
const file = templateFile(templateDir)

/** What a migrated database is: its applied migrations, and every column and policy of its schemas. */
async function shape(db: Kysely<Database>) {
  const { rows: migrations } = await sql<{ version: string }>`
    select version from supabase_migrations.schema_migrations order by version`.execute(db)
  const { rows: columns } = await sql<{ c: string }>`
    select table_schema || '.' || table_name || '.' || column_name || ' ' || data_type as c
      from information_schema.columns where table_schema in ('public', 'private', 'auth') order by 1`.execute(db)
  const { rows: policies } = await sql<{ p: string }>`
    select schemaname || '.' || tablename || '.' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') as p
      from pg_policies order by 1`.execute(db)
  const { rows: orgs } = await sql<{ n: number }>`select count(*)::int as n from public.orgs`.execute(db)
  return { migrations: migrations.map((r) => r.version), columns: columns.map((r) => r.c), policies: policies.map((r) => r.p), orgs: orgs[0]!.n }
}

/** A ustar archive of the given files (name, text). */
function ustar(files: [string, string][]): Buffer {
  const blocks: Buffer[] = []
  for (const [name, text] of files) {
    const body = Buffer.from(text)
    const header = Buffer.alloc(512)
    header.write(name, 0)
    header.write('0000644\0', 100)
    header.write('0000000\0', 108)
    header.write('0000000\0', 116)
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124)
    header.write('00000000000\0', 136)
    header.write('        ', 148)
    header.write('0', 156)
    header.write('ustar\0', 257)
    header.write('00', 263)
    const sum = header.reduce((a, b) => a + b, 0)
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512))
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)])
}

async function opened(dataDir: string | null) {
  const { backend, db, fromTemplate } = await openEmbedded(dataDir, { templateDir })
  try {
    return { fromTemplate, shape: await shape(db) }
  } finally {
    await backend.close()
  }
}

describe('the migrated template of the embedded database', () => {
  let slow: Awaited<ReturnType<typeof shape>>

  it('is written by the first new database made without one, which is migrated the slow way', async () => {
    expect(fs.existsSync(file)).toBe(false)
    const first = await opened(path.join(work, 'first'))
    expect(first.fromTemplate).toBe(false)
    expect(first.shape.migrations).toEqual(listMigrations().map((m) => m.version))
    expect(first.shape.orgs).toBe(0)
    expect(fs.existsSync(file)).toBe(true)
    slow = first.shape
  })

  it('gives the next new database, on disk or in memory, the same schema and migrations, and no data', async () => {
    const onDisk = await opened(path.join(work, 'second'))
    expect(onDisk.fromTemplate).toBe(true)
    expect(onDisk.shape).toEqual(slow)
    const inMemory = await opened(null)
    expect(inMemory.fromTemplate).toBe(true)
    expect(inMemory.shape).toEqual(slow)
    // a directory made beforehand and left empty (a mounted volume, say)
    const emptyDir = path.join(work, 'made-empty')
    fs.mkdirSync(emptyDir)
    const intoEmpty = await opened(emptyDir)
    expect(intoEmpty.fromTemplate).toBe(true)
    expect(intoEmpty.shape).toEqual(slow)
  })

  it('leaves an existing data directory as it is', async () => {
    const dir = path.join(work, 'second')
    expect(isNewDataDir(dir)).toBe(false)
    const { backend, db } = await openEmbedded(dir, { templateDir })
    await sql`insert into public.orgs (id, kind, code, name) values (gen_random_uuid(), 'province', '990000', '保留省')`.execute(db)
    await backend.close()
    const again = await opened(dir)
    expect(again.fromTemplate).toBe(false)
    expect(again.shape.orgs).toBe(1)
  })

  it('is ignored when it cannot be loaded: the database is made the slow way and the template written again', async () => {
    fs.writeFileSync(file, 'not a gzipped tar')
    const made = await opened(path.join(work, 'third'))
    expect(made.fromTemplate).toBe(false)
    expect(made.shape).toEqual(slow)
    const next = await opened(path.join(work, 'fourth'))
    expect(next.fromTemplate).toBe(true)
    // gzip that holds no data directory
    fs.writeFileSync(file, gzipSync(Buffer.from('not a data directory '.repeat(500))))
    const fifth = await opened(path.join(work, 'fifth'))
    expect(fifth.fromTemplate).toBe(false)
    expect(fifth.shape).toEqual(slow)
    // the template cut short
    const whole = fs.readFileSync(file)
    fs.writeFileSync(file, gzipSync(gunzipSync(whole).subarray(0, 1_000_000)))
    const sixth = await opened(path.join(work, 'sixth'))
    expect(sixth.fromTemplate).toBe(false)
    expect(sixth.shape).toEqual(slow)
    // a whole archive that PGlite itself refuses (a data directory of Postgres "99"), loaded into a directory
    // made beforehand: what the failed load left in it is removed, and the database is made there the slow way
    fs.writeFileSync(file, gzipSync(ustar([['/PG_VERSION', '99\n']])))
    const mounted = path.join(work, 'mounted')
    fs.mkdirSync(mounted)
    const seventh = await opened(mounted)
    expect(seventh.fromTemplate).toBe(false)
    expect(seventh.shape).toEqual(slow)
  })

  it('counts an empty or absent directory as new, and nothing else', () => {
    const empty = path.join(work, 'empty')
    fs.mkdirSync(empty)
    expect(isNewDataDir(empty)).toBe(true)
    expect(isNewDataDir(path.join(work, 'absent'))).toBe(true)
    expect(isNewDataDir(null)).toBe(true)
    expect(isNewDataDir(path.join(work, 'first'))).toBe(false)
    // not a directory: PGlite's to refuse, never ours to fill or remove
    const file = path.join(work, 'a-file')
    fs.writeFileSync(file, 'data')
    expect(isNewDataDir(file)).toBe(false)
  })
})
