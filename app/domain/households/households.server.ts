import type { TFunction } from 'i18next'
import { sql } from 'kysely'
import type { Cell, Row } from 'write-excel-file/node'
import type { PovertyStatus } from '~/lib/db-types'
import type { Tx } from '~/lib/db.server'
import { sheetName, type Workbook } from '~/lib/download.server'
import { householdKey, phoneKey, POVERTY_STATUSES, type HouseholdInput, type ImportError, type PairInput } from './import'
import { formatNumber } from '~/lib/intl'
import { containsPattern } from '~/lib/sql-like'

/**
 * The household register (personal data): read and written as the user, so RLS limits it to the
 * village, its town and its county; units read nothing. Imports run in the caller's one
 * transaction: a refusal anywhere rolls every row back.
 */

/** Households a page of the register shows; the register pages through the rest. */
export const HOUSEHOLDS_PAGE_SIZE = 50

export interface HouseholdFilter {
  q: string
  status?: PovertyStatus
  villageId?: string
  active: 'yes' | 'no' | 'all'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function householdFilterFrom(url: URL): HouseholdFilter {
  const p = url.searchParams
  const status = p.get('status')
  const village = p.get('village') ?? ''
  const active = p.get('active')
  return {
    q: (p.get('q') ?? '').trim().slice(0, 50),
    status: (POVERTY_STATUSES as readonly string[]).includes(status ?? '') ? (status as PovertyStatus) : undefined,
    villageId: UUID.test(village) ? village : undefined,
    active: active === 'no' || active === 'all' ? active : 'yes',
  }
}

export interface HouseholdRow {
  id: string
  village_id: string
  village_name: string
  village_name_en: string | null
  head_name: string
  members: number
  phone: string | null
  address: string | null
  situation: string | null
  poverty_status: PovertyStatus
  is_active: boolean
  cadres: string[]
}

function householdsWhere(orgId: string, filter: HouseholdFilter) {
  const where = [sql`h.village_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = ${orgId})`]
  if (filter.q) where.push(sql`(h.head_name like ${containsPattern(filter.q)} or h.phone like ${containsPattern(filter.q)})`)
  if (filter.status) where.push(sql`h.poverty_status = ${filter.status}`)
  if (filter.villageId) where.push(sql`h.village_id = ${filter.villageId}`)
  if (filter.active !== 'all') where.push(sql`h.is_active = ${filter.active === 'yes'}`)
  return sql.join(where, sql` and `)
}

/** How many households under the org match the filter. */
export async function countHouseholds(tx: Tx, orgId: string, filter: HouseholdFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.households h where ${householdsWhere(orgId, filter)}`.execute(tx)
  return rows[0]?.n ?? 0
}

/**
 * Households under the org (a village, or a town's villages), filtered, in village and name order: `limit`
 * rows from `offset`; `truncated` when more follow.
 */
export async function listHouseholds(tx: Tx, orgId: string, filter: HouseholdFilter, limit: number, offset = 0): Promise<{ rows: HouseholdRow[]; truncated: boolean }> {
  const { rows } = await sql<HouseholdRow>`
    select h.id, h.village_id, v.name as village_name, v.name_en as village_name_en, h.head_name, h.members, h.phone, h.address,
           h.situation, h.poverty_status, h.is_active,
           coalesce((select array_agg(distinct cd.name order by cd.name) from public.household_pairs hp
                       join public.cadres cd on cd.id = hp.cadre_id
                      where hp.household_id = h.id and hp.ends_on is null), '{}') as cadres
      from public.households h join public.orgs v on v.id = h.village_id
     where ${householdsWhere(orgId, filter)}
     order by v.code, h.head_name, h.id
     limit ${limit + 1} offset ${offset}`.execute(tx)
  return { rows: rows.slice(0, limit), truncated: rows.length > limit }
}

/** The villages under a town (the register's village filter). */
export async function villagesUnder(tx: Tx, orgId: string) {
  return tx.selectFrom('orgs').select(['id', 'name', 'name_en']).where('parent_id', '=', orgId).orderBy('code').execute()
}

const header = (text: string): Cell => ({ value: text, fontWeight: 'bold', wrap: true })

/**
 * XLSX of the filtered register, in the user's language. `truncated`: more households matched than
 * the export holds; its last row says so, rather than the file silently stopping.
 */
export async function householdsWorkbook(
  tx: Tx,
  org: { name: string; name_en: string | null; code: string | null },
  rows: HouseholdRow[],
  language: string,
  t: TFunction,
  truncated = false,
): Promise<Workbook> {
  const name = language === 'en' && org.name_en ? org.name_en : org.name
  const data: Row[] = [
    ['village', 'headName', 'phone', 'members', 'povertyStatus', 'address', 'situation', 'cadres', 'active'].map((c) => header(t(`columns.${c}`))),
    ...rows.map((r): Row => [
      language === 'en' && r.village_name_en ? r.village_name_en : r.village_name,
      r.head_name,
      r.phone,
      r.members,
      t(`poverty.${r.poverty_status}`),
      r.address,
      r.situation,
      r.cadres.join('、') || null,
      r.is_active ? t('export.yes') : t('export.no'),
    ]),
    ...(truncated ? [[header(t('export.truncated', { formatted: formatNumber(rows.length, language) }))]] : []),
  ]
  const { default: writeXlsxFile } = await import('write-excel-file/node')
  const buffer = await writeXlsxFile(data, { sheet: sheetName(name), stickyRowsCount: 1, columns: [10, 10, 14, 8, 10, 20, 30, 14, 6].map((width) => ({ width })) }).toBuffer()
  return { buffer, filename: t('export.filename', { org: name }), asciiFilename: `${org.code ?? 'households'}-households.xlsx`, rows: rows.length }
}

/** An XLSX with just the header row, in the user's language (the import template). */
export async function templateWorkbook(headers: string[], sheet: string, filename: string, asciiFilename: string): Promise<Workbook> {
  const { default: writeXlsxFile } = await import('write-excel-file/node')
  const buffer = await writeXlsxFile([headers.map(header)], { sheet: sheetName(sheet), stickyRowsCount: 1, columns: headers.map(() => ({ width: 16 })) }).toBuffer()
  return { buffer, filename, asciiFilename, rows: 0 }
}

export interface ImportPlan {
  created: number
  updated: number
  unchanged: number
}

/**
 * Households of the sheet against the village's register: new ones are inserted, known ones
 * (same head and phone) updated when something differs. With commit false nothing is written.
 */
export async function importHouseholds(tx: Tx, villageId: string, rows: HouseholdInput[], commit: boolean): Promise<ImportPlan> {
  const existing = await tx
    .selectFrom('households')
    .select(['id', 'head_name', 'phone', 'members', 'poverty_status', 'address', 'situation', 'is_active'])
    .where('village_id', '=', villageId)
    .execute()
  const byKey = new Map(existing.map((h) => [householdKey(h.head_name, h.phone), h]))
  const plan: ImportPlan = { created: 0, updated: 0, unchanged: 0 }
  for (const r of rows) {
    const known = byKey.get(householdKey(r.headName, r.phone))
    const values = { head_name: r.headName, phone: r.phone, members: r.members, poverty_status: r.povertyStatus, address: r.address, situation: r.situation }
    if (!known) {
      plan.created++
      if (commit) await tx.insertInto('households').values({ village_id: villageId, ...values }).execute()
      continue
    }
    const same =
      known.members === r.members && known.poverty_status === r.povertyStatus && known.address === r.address && known.situation === r.situation && known.is_active && phoneKey(known.phone) === phoneKey(r.phone)
    if (same) {
      plan.unchanged++
      continue
    }
    plan.updated++
    if (commit) {
      const result = await tx.updateTable('households').set({ ...values, is_active: true }).where('id', '=', known.id).executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw new Response('Forbidden', { status: 403 })
    }
  }
  return plan
}

/**
 * Pairs of the sheet: the cadre is found by name (and phone when given) among the cadres the
 * village may read, the household by head and phone in the village. A pair that is already active
 * is left as it is. Rows that name an unknown cadre or household are errors; nothing is written
 * unless there are none and commit is true.
 */
export async function importPairs(tx: Tx, villageId: string, rows: PairInput[], commit: boolean): Promise<{ plan: ImportPlan; errors: ImportError[] }> {
  const cadres = await tx.selectFrom('cadres').select(['id', 'name', 'phone']).execute()
  const households = await tx.selectFrom('households').select(['id', 'head_name', 'phone']).where('village_id', '=', villageId).execute()
  const householdByKey = new Map(households.map((h) => [householdKey(h.head_name, h.phone), h.id]))
  const active = await tx.selectFrom('household_pairs').select(['cadre_id', 'household_id']).where('village_id', '=', villageId).where('ends_on', 'is', null).execute()
  const activeKeys = new Set(active.map((p) => `${p.cadre_id}/${p.household_id}`))
  const errors: ImportError[] = []
  const resolved: { cadreId: string; householdId: string; startsOn: string }[] = []
  const plan: ImportPlan = { created: 0, updated: 0, unchanged: 0 }
  for (const r of rows) {
    const matches = cadres.filter((c) => c.name === r.cadreName && (!r.cadrePhone || phoneKey(c.phone) === phoneKey(r.cadrePhone)))
    const householdId = householdByKey.get(householdKey(r.headName, r.phone))
    if (matches.length === 0) errors.push({ row: r.row, column: 'cadreName', code: 'unknownCadre' })
    else if (matches.length > 1) errors.push({ row: r.row, column: 'cadrePhone', code: 'ambiguousCadre' })
    if (!householdId) errors.push({ row: r.row, column: 'headName', code: 'unknownHousehold' })
    if (matches.length !== 1 || !householdId) continue
    const cadreId = matches[0]!.id
    if (activeKeys.has(`${cadreId}/${householdId}`)) {
      plan.unchanged++
      continue
    }
    activeKeys.add(`${cadreId}/${householdId}`)
    plan.created++
    resolved.push({ cadreId, householdId, startsOn: r.startsOn })
  }
  if (commit && !errors.length) {
    for (const p of resolved) {
      await tx.insertInto('household_pairs').values({ cadre_id: p.cadreId, household_id: p.householdId, starts_on: p.startsOn }).execute()
    }
  }
  return { plan, errors }
}
