import type { PovertyStatus } from '~/lib/db-types'
import { asciiDigits, normalizeNumber, PHONE_PATTERN } from '~/lib/number-input'

/**
 * XLSX imports of the household register and of cadre ↔ household pairs: pure parsing and
 * validation of the sheet's rows, so a dry run and the commit read a file the same way.
 *
 * A household is identified within its village by the head's name and phone (digits only; an
 * empty phone counts as a value): re-importing the same file updates those households instead of
 * adding them again. A pair is identified by (cadre, household): an active pair is never doubled.
 */

export const POVERTY_STATUSES = ['not_poor', 'poor', 'lifted', 'monitored'] as const satisfies readonly PovertyStatus[]

export const HOUSEHOLD_COLUMNS = ['headName', 'phone', 'members', 'povertyStatus', 'address', 'situation'] as const
export type HouseholdColumn = (typeof HOUSEHOLD_COLUMNS)[number]
export const REQUIRED_HOUSEHOLD_COLUMNS: HouseholdColumn[] = ['headName', 'members']

export const PAIR_COLUMNS = ['cadreName', 'cadrePhone', 'headName', 'phone', 'startsOn'] as const
export type PairColumn = (typeof PAIR_COLUMNS)[number]
export const REQUIRED_PAIR_COLUMNS: PairColumn[] = ['cadreName', 'headName', 'startsOn']

/** Max rows a single import takes (a village's register fits many times over). */
export const MAX_IMPORT_ROWS = 5000

export type ImportErrorCode =
  | 'missingColumn'
  | 'noRows'
  | 'tooManyRows'
  | 'required'
  | 'tooLong'
  | 'members'
  | 'phone'
  | 'povertyStatus'
  | 'date'
  | 'futureDate'
  | 'duplicate'
  | 'unknownCadre'
  | 'ambiguousCadre'
  | 'unknownHousehold'

export interface ImportError {
  /** Spreadsheet row number (1 = the header row); null for errors of the whole file. */
  row: number | null
  column: string | null
  code: ImportErrorCode
}

export interface HouseholdInput {
  row: number
  headName: string
  phone: string | null
  members: number
  povertyStatus: PovertyStatus
  address: string | null
  situation: string | null
}

export interface PairInput {
  row: number
  cadreName: string
  cadrePhone: string | null
  headName: string
  phone: string | null
  startsOn: string
}

type Cell = string | number | boolean | Date | null | undefined

/** Header aliases: for each column, every label that names it (both languages). */
export type Aliases<C extends string> = Record<C, string[]>

const norm = (s: string) => s.replace(/[\s*＊（）()]/g, '').toLowerCase()

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return String(cell).trim()
}

/** A cell of digits (a number, a phone, a date) with full-width digits read as ASCII, as the forms read them (lib/number-input). */
const digitsText = (cell: Cell) => asciiDigits(cellText(cell)).trim()

/** Digits only; the key half of a household's identity. */
export function phoneKey(phone: string | null | undefined): string {
  return (phone ?? '').replace(/\D/g, '')
}

/** A household's identity in its village: head's name and phone digits. */
export function householdKey(headName: string, phone: string | null | undefined): string {
  return `${headName.trim()}\u0000${phoneKey(phone)}`
}

function mapHeader<C extends string>(header: Cell[], columns: readonly C[], aliases: Aliases<C>, required: C[]) {
  const index = new Map<C, number>()
  header.forEach((cell, i) => {
    const text = norm(cellText(cell))
    const col = columns.find((c) => aliases[c].some((a) => norm(a) === text))
    if (col && !index.has(col)) index.set(col, i)
  })
  const errors: ImportError[] = required.filter((c) => !index.has(c)).map((c) => ({ row: 1, column: c, code: 'missingColumn' }))
  return { index, errors }
}

function dataRows(sheet: Cell[][]) {
  return sheet
    .slice(1)
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter(({ cells }) => cells.some((c) => cellText(c) !== ''))
}

/** Reads the household sheet: every row is checked, every problem reported with its row and column. */
export function parseHouseholdSheet(
  sheet: Cell[][],
  aliases: Aliases<HouseholdColumn>,
  povertyLabels: Record<string, PovertyStatus>,
): { rows: HouseholdInput[]; errors: ImportError[] } {
  const { index, errors } = mapHeader(sheet[0] ?? [], HOUSEHOLD_COLUMNS, aliases, REQUIRED_HOUSEHOLD_COLUMNS)
  if (errors.length) return { rows: [], errors }
  const body = dataRows(sheet)
  if (!body.length) return { rows: [], errors: [{ row: null, column: null, code: 'noRows' }] }
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ row: null, column: null, code: 'tooManyRows' }] }
  const rows: HouseholdInput[] = []
  const seen = new Map<string, number>()
  const labels = new Map(Object.entries(povertyLabels).map(([k, v]) => [norm(k), v]))
  for (const { cells, row } of body) {
    const get = (c: HouseholdColumn) => (index.has(c) ? cellText(cells[index.get(c)!]) : '')
    const fail = (column: HouseholdColumn, code: ImportErrorCode) => errors.push({ row, column, code })
    const before = errors.length
    const headName = get('headName')
    if (!headName) fail('headName', 'required')
    else if (headName.length > 50) fail('headName', 'tooLong')
    const membersText = normalizeNumber(get('members'))
    const members = Number(membersText)
    if (!membersText) fail('members', 'required')
    else if (!Number.isInteger(members) || members < 1 || members > 99) fail('members', 'members')
    const phone = asciiDigits(get('phone')).trim()
    if (phone && !PHONE_PATTERN.test(phone)) fail('phone', 'phone')
    const statusText = get('povertyStatus')
    const status = statusText ? (labels.get(norm(statusText)) ?? (POVERTY_STATUSES as readonly string[]).find((s) => s === statusText)) : 'not_poor'
    if (!status) fail('povertyStatus', 'povertyStatus')
    const address = get('address')
    if (address.length > 200) fail('address', 'tooLong')
    const situation = get('situation')
    if (situation.length > 1000) fail('situation', 'tooLong')
    if (errors.length > before) continue
    const key = householdKey(headName, phone)
    if (seen.has(key)) {
      fail('headName', 'duplicate')
      continue
    }
    seen.set(key, row)
    rows.push({ row, headName, phone: phone || null, members, povertyStatus: status as PovertyStatus, address: address || null, situation: situation || null })
  }
  return { rows, errors }
}

const DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/

/** A date cell as YYYY-MM-DD: an Excel date, or text like 2026-03-01 / 2026/3/1. */
export function dayOf(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  const m = DAY.exec(digitsText(cell))
  if (!m) return null
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null
}

/** Reads the pairs sheet; cadres and households are resolved afterwards against the database. */
export function parsePairSheet(sheet: Cell[][], aliases: Aliases<PairColumn>, today: string): { rows: PairInput[]; errors: ImportError[] } {
  const { index, errors } = mapHeader(sheet[0] ?? [], PAIR_COLUMNS, aliases, REQUIRED_PAIR_COLUMNS)
  if (errors.length) return { rows: [], errors }
  const body = dataRows(sheet)
  if (!body.length) return { rows: [], errors: [{ row: null, column: null, code: 'noRows' }] }
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ row: null, column: null, code: 'tooManyRows' }] }
  const rows: PairInput[] = []
  const seen = new Set<string>()
  for (const { cells, row } of body) {
    const raw = (c: PairColumn) => (index.has(c) ? cells[index.get(c)!] : null)
    const get = (c: PairColumn) => cellText(raw(c))
    const fail = (column: PairColumn, code: ImportErrorCode) => errors.push({ row, column, code })
    const before = errors.length
    const cadreName = get('cadreName')
    if (!cadreName) fail('cadreName', 'required')
    else if (cadreName.length > 50) fail('cadreName', 'tooLong')
    const cadrePhone = digitsText(raw('cadrePhone'))
    if (cadrePhone && !PHONE_PATTERN.test(cadrePhone)) fail('cadrePhone', 'phone')
    const headName = get('headName')
    if (!headName) fail('headName', 'required')
    else if (headName.length > 50) fail('headName', 'tooLong')
    const phone = digitsText(raw('phone'))
    if (phone && !PHONE_PATTERN.test(phone)) fail('phone', 'phone')
    const startsText = get('startsOn')
    const startsOn = dayOf(raw('startsOn'))
    if (!startsText) fail('startsOn', 'required')
    else if (!startsOn) fail('startsOn', 'date')
    else if (startsOn > today) fail('startsOn', 'futureDate')
    if (errors.length > before) continue
    const key = `${cadreName}\u0000${phoneKey(cadrePhone)}\u0000${householdKey(headName, phone)}`
    if (seen.has(key)) {
      fail('headName', 'duplicate')
      continue
    }
    seen.add(key)
    rows.push({ row, cadreName, cadrePhone: cadrePhone || null, headName, phone: phone || null, startsOn: startsOn! })
  }
  return { rows, errors }
}
