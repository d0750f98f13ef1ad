import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getBackend, withUser, type Db } from '~/lib/db.server'
import { listMigrations, migrate } from '~/lib/migrate.server'
import { PAIRINGS, RUYUAN_VILLAGES } from '~/lib/seed-data/ruyuan'
import { claimsFor, createTestDb } from '../support/test-db'

let db: Db
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(closeDb)

const ANCESTORS_OF_RUCHENG = ['440232101000', '440232', '440200', '440000']

async function visibleOrgCodes(email: string) {
  const rows = await withUser(await claimsFor(email), (tx) => tx.selectFrom('orgs').select('code').execute())
  return rows.map((r) => r.code!).sort()
}

describe('migrate', () => {
  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(await getBackend(), db)).toEqual([])
  })

  it('records every migration in supabase_migrations.schema_migrations', async () => {
    const { rows } = await sql<{ version: string; name: string }>`
      select version, name from supabase_migrations.schema_migrations order by version`.execute(db)
    expect(rows).toEqual(listMigrations().map((m) => ({ version: m.version, name: m.name })))
  })

  it('enables row-level security on every table in public', async () => {
    const { rows } = await sql<{ relname: string; relrowsecurity: boolean }>`
      select c.relname, c.relrowsecurity from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`.execute(db)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((r) => !r.relrowsecurity).map((r) => r.relname)).toEqual([])
  })
})

describe('org visibility under RLS', () => {
  it('shows a village secretary only the village, its ancestors and the units paired with it', async () => {
    const units = PAIRINGS.filter((p) => p.villageCode === '440232101201').map((p) => p.unitCode)
    expect(units.length).toBeGreaterThan(0)
    expect(await visibleOrgCodes('yunmen.secretary@ruyuan.demo')).toEqual(['440232101201', ...ANCESTORS_OF_RUCHENG, ...new Set(units)].sort())
  })

  it('shows a unit liaison only the unit, its currently paired villages and their ancestors', async () => {
    const active = PAIRINGS.filter((p) => p.unitCode === 'RY-C01' && p.endsOn === null).map((p) => p.villageCode)
    expect(active).toContain('440232101201')
    const codes = await visibleOrgCodes('unit.liaison@ruyuan.demo')
    expect(codes).toEqual(['RY-C01', ...active, ...ANCESTORS_OF_RUCHENG].sort())

    const daliaokeng = RUYUAN_VILLAGES.find((v) => v.name === '大潦坑村')!.code
    const ended = PAIRINGS.find((p) => p.unitCode === 'RY-C01' && p.endsOn !== null)!.villageCode
    expect(codes).not.toContain(daliaokeng)
    expect(codes).not.toContain(ended)
  })

  it('keeps counties apart: the 翁源 admin sees nothing of 乳源', async () => {
    const codes = await visibleOrgCodes('wengyuan.admin@ruyuan.demo')
    expect(codes).toContain('440229')
    expect(codes.filter((c) => c.startsWith('440232'))).toEqual([])
  })

  it('lets the provincial liaison see its paired villages in both counties', async () => {
    const codes = await visibleOrgCodes('province.liaison@ruyuan.demo')
    expect(codes).toEqual(expect.arrayContaining(['GD-P01', '440232104201', '440229101201']))
    expect(codes).not.toContain('440232101201')
  })
})
