/**
 * report_completeness() on the seeded demo, called as the users who see it (county staff, town
 * staff, a village secretary), against a direct count over the raw tables computed here in
 * TypeScript: villages found by walking parent links, "active in the month" and "on time" worked out
 * by hand. The two must agree for every month, for the county and for a town, and RLS must keep a
 * caller to its own part of the tree.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, withUser, type Db } from '~/lib/db.server'
import { demoOrgId } from '~/lib/seed.server'
import { CLOSED_MONTHS, OPEN_MONTH } from '~/lib/seed-data/monthly-reports'
import { RUYUAN_CODE, RUYUAN_VILLAGES, WENGYUAN_CODE } from '~/lib/seed-data/ruyuan'
import { claimsFor, createTestDb } from '../support/test-db'

const RUCHENG = '440232101000'
const YOUXI = '440232108000'
const FIRST = CLOSED_MONTHS[0]
const LAST = OPEN_MONTH
const MONTHS = [...CLOSED_MONTHS, OPEN_MONTH]

interface Completeness {
  period: string
  org_id: string
  expected: number
  submitted: number
  on_time: number
  late: number
  approved: number
  missing: number
}

let db: Db
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(closeDb)

/** report_completeness as this user, rows in a stable order. */
async function completenessAs(email: string, scopeCode: string, from: string = FIRST, to: string = LAST): Promise<Completeness[]> {
  const rows = await withUser(await claimsFor(email), async (tx) => {
    const { rows } = await sql<Completeness>`
      select to_char(period, 'YYYY-MM-DD') as period, org_id, expected, submitted, on_time, late, approved, missing
        from public.report_completeness(${demoOrgId(scopeCode)}, ${from}::date, ${to}::date)`.execute(tx)
    return rows
  })
  return sortRows(rows)
}

const sortRows = (rows: Completeness[]) =>
  [...rows].sort((a, b) => a.period.localeCompare(b.period) || a.org_id.localeCompare(b.org_id))

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}
const shanghaiDate = (t: Date) => t.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

/** The direct count: raw rows as the table owner, tallied here. */
async function directCount(scopeCode: string, months = MONTHS): Promise<Completeness[]> {
  const { rows: orgs } = await sql<{ id: string; kind: string; parent_id: string | null; active_from: string | null; active_until: string | null }>`
    select id, kind::text, parent_id, active_from, active_until from public.orgs`.execute(db)
  const { rows: reports } = await sql<{ village_id: string; period: string; state: string; first_submitted_at: Date | null; due_on: string }>`
    select village_id, period, state::text, first_submitted_at, due_on from public.monthly_reports`.execute(db)
  const scopeId = demoOrgId(scopeCode)
  const parentOf = new Map(orgs.map((o) => [o.id, o.parent_id]))
  const report = new Map(reports.map((r) => [`${r.village_id} ${r.period}`, r]))
  /** the child of the scope a village sits under (the village itself when the scope is its town) */
  const childOfScope = (id: string): string | null => {
    for (let at: string | null = id; at; at = parentOf.get(at) ?? null) if (parentOf.get(at) === scopeId) return at
    return null
  }
  const out: Completeness[] = []
  for (const period of months) {
    const tally = new Map<string, Completeness>()
    for (const v of orgs) {
      if (v.kind !== 'village' && v.kind !== 'community') continue
      const child = v.id === scopeId ? v.id : childOfScope(v.id)
      if (!child) continue
      if (v.active_from && v.active_from > lastDayOf(period)) continue
      if (v.active_until && v.active_until < period) continue
      const t = tally.get(child) ?? { period, org_id: child, expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }
      tally.set(child, t)
      t.expected++
      const r = report.get(`${v.id} ${period}`)
      if (!r || r.state === 'draft') {
        t.missing++
        continue
      }
      t.submitted++
      if (shanghaiDate(r.first_submitted_at!) <= r.due_on) t.on_time++
      else t.late++
      if (r.state === 'approved') t.approved++
    }
    out.push(...tally.values())
  }
  return sortRows(out)
}

describe('report completeness on the demo', () => {
  it('equals the direct count for the county, month by month, as county staff', async () => {
    const direct = await directCount(RUYUAN_CODE)
    expect(direct).toHaveLength(9 * MONTHS.length)
    expect(await completenessAs('county.staff@ruyuan.demo', RUYUAN_CODE)).toEqual(direct)
    for (const month of CLOSED_MONTHS) {
      expect(await completenessAs('county.staff@ruyuan.demo', RUYUAN_CODE, month, month), month).toEqual(
        direct.filter((r) => r.period === month),
      )
    }
  })

  it('equals the direct count for a town, village by village, as its town staff', async () => {
    const direct = await directCount(YOUXI)
    expect(direct).toHaveLength(RUYUAN_VILLAGES.filter((v) => v.townCode === YOUXI).length * MONTHS.length)
    expect(await completenessAs('youxi.staff@ruyuan.demo', YOUXI)).toEqual(direct)
    expect(await completenessAs('rucheng.admin@ruyuan.demo', RUCHENG)).toEqual(await directCount(RUCHENG))
  })

  it('adds up: a row per town and month, expected = submitted + missing, submitted = on time + late', async () => {
    const rows = await completenessAs('county.staff@ruyuan.demo', RUYUAN_CODE)
    for (const month of MONTHS) {
      const towns = rows.filter((r) => r.period === month)
      expect(towns, month).toHaveLength(9)
      expect(towns.reduce((n, r) => n + r.expected, 0), month).toBeLessThanOrEqual(RUYUAN_VILLAGES.length)
    }
    for (const r of rows) {
      expect(r.submitted + r.missing).toBe(r.expected)
      expect(r.on_time + r.late).toBe(r.submitted)
      expect(r.approved).toBeLessThanOrEqual(r.submitted)
    }
  })

  it('gives a town user asking about the county only its own town (RLS)', async () => {
    const county = await directCount(RUYUAN_CODE)
    for (const [email, town] of [
      ['youxi.staff@ruyuan.demo', YOUXI],
      ['rucheng.admin@ruyuan.demo', RUCHENG],
    ] as const) {
      const rows = await completenessAs(email, RUYUAN_CODE)
      expect(new Set(rows.map((r) => r.org_id)), email).toEqual(new Set([demoOrgId(town)]))
      expect(rows, email).toEqual(county.filter((r) => r.org_id === demoOrgId(town)))
    }
  })

  it('gives a town user nothing about another town, and a village only itself', async () => {
    expect(await completenessAs('youxi.staff@ruyuan.demo', RUCHENG)).toEqual([])
    const yunmen = await completenessAs('yunmen.secretary@ruyuan.demo', RUCHENG)
    expect(new Set(yunmen.map((r) => r.org_id))).toEqual(new Set([demoOrgId('440232101201')]))
    expect(yunmen).toEqual((await directCount(RUCHENG)).filter((r) => r.org_id === demoOrgId('440232101201')))
  })

  it('gives support units and the other county nothing', async () => {
    expect(await completenessAs('unit.liaison@ruyuan.demo', RUYUAN_CODE)).toEqual([])
    expect(await completenessAs('province.liaison@ruyuan.demo', RUYUAN_CODE)).toEqual([])
    expect(await completenessAs('wengyuan.admin@ruyuan.demo', RUYUAN_CODE)).toEqual([])
    const wengyuan = await completenessAs('wengyuan.admin@ruyuan.demo', WENGYUAN_CODE)
    expect(wengyuan.filter((r) => r.period === CLOSED_MONTHS[2])).toEqual([
      expect.objectContaining({ expected: 2, submitted: 0, missing: 2 }),
    ])
  })
})
