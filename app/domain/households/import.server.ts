import { data, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import type { TFunction } from 'i18next'
import enHouseholds from '../../../locales/en/households.json'
import zhHouseholds from '../../../locales/zh-CN/households.json'
import type { PovertyStatus } from '~/lib/db-types'
import { importSlots, RETRY_AFTER_SECONDS } from '~/lib/work-slots.server'
import { rebuildWorkbook, type UnpackError } from './xlsx.server'
import { HOUSEHOLD_COLUMNS, PAIR_COLUMNS, POVERTY_STATUSES, type Aliases, type HouseholdColumn, type ImportError, type PairColumn } from './import'

/** The largest upload an import takes. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024

const LOCALES = [zhHouseholds, enHouseholds]

/** Column headers as either language writes them: a sheet made from either template reads the same. */
export function columnAliases<C extends HouseholdColumn | PairColumn>(columns: readonly C[]): Aliases<C> {
  return Object.fromEntries(columns.map((c) => [c, LOCALES.map((l) => (l.columns as Record<string, string>)[c]!)])) as Aliases<C>
}
export const householdAliases = () => columnAliases(HOUSEHOLD_COLUMNS)
export const pairAliases = () => columnAliases(PAIR_COLUMNS)

/** Poverty status labels of both languages (and the codes themselves). */
export function povertyLabels(): Record<string, PovertyStatus> {
  const out: Record<string, PovertyStatus> = {}
  for (const l of LOCALES) for (const s of POVERTY_STATUSES) out[l.poverty[s]] = s
  for (const s of POVERTY_STATUSES) out[s] = s
  return out
}

export type UploadError = 'noFile' | 'tooLarge' | 'unreadable'

/**
 * Reads a multipart import form: the intent and the file, at most MAX_UPLOAD_BYTES, held in memory.
 * A larger file is read to its end and dropped, not refused mid-upload: a server that answers before
 * the browser has sent everything leaves it a reset connection to show, not the "file too large"
 * message (the server caps the whole body, server/security.js, so the reading is bounded).
 */
export async function readImportUpload(request: Request): Promise<{ intent: string; file: Buffer | null; error: UploadError | null }> {
  let tooLarge = false
  const keepUpToLimit: UploadHandler = async ({ filename, contentType, data }) => {
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of data) {
      size += chunk.byteLength
      if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk)
    }
    if (size > MAX_UPLOAD_BYTES) {
      tooLarge = true
      return undefined
    }
    const bytes = Buffer.concat(chunks)
    return typeof filename === 'string' ? new File([new Uint8Array(bytes)], filename, { type: contentType }) : bytes.toString('utf8')
  }
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, keepUpToLimit)
  } catch {
    // a malformed multipart body (no boundary, a part without a name) is the sender's fault: 400, not 500
    return { intent: '', file: null, error: 'unreadable' }
  }
  const intent = String(form.get('intent') ?? '')
  if (tooLarge) return { intent, file: null, error: 'tooLarge' }
  const file = form.get('file')
  if (!file || typeof file === 'string' || file.size === 0) return { intent, file: null, error: 'noFile' }
  return { intent, file: Buffer.from(await file.arrayBuffer()), error: null }
}

type Cell = string | number | boolean | Date | null

/**
 * The first sheet's cells, read from the workbook as rebuilt by rebuildWorkbook (its XML parts only,
 * each unpacked within MAX_UNPACKED_BYTES); an error when it is not a readable XLSX or unpacks to more.
 */
export async function readFirstSheet(file: Buffer): Promise<{ sheet: Cell[][] } | { error: UnpackError }> {
  const rebuilt = rebuildWorkbook(file)
  if (!rebuilt.ok) return { error: rebuilt.error }
  try {
    const { readSheet } = await import('read-excel-file/node')
    return { sheet: (await readSheet(rebuilt.workbook)) as unknown as Cell[][] }
  } catch {
    return { error: 'unreadable' }
  }
}

/**
 * Runs an import's reading, checking and writing in one of the process's import slots
 * (lib/work-slots.server.ts): one import per user at a time, a few per process. A refused one gets
 * 429 (the user's own import is still running) or 503 (the server is busy with others), with the
 * reason in the user's language where the form shows its errors. The upload has been read before:
 * an answer sent mid-upload would reach the browser as a reset connection.
 */
export async function inImportSlot<T>(userId: string, intent: string, t: TFunction, job: () => Promise<T>) {
  const ran = await importSlots.run(userId, job)
  if (ran.ok) return ran.value
  return data(
    { intent, errors: [{ row: null, column: null, message: t(`import.errors.${ran.reason}`) }] },
    { status: ran.reason === 'userBusy' ? 429 : 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
  )
}

export interface ShownError {
  row: number | null
  column: string | null
  message: string
}

/** Row-level errors in the user's language. */
export function showErrors(errors: ImportError[], t: TFunction): ShownError[] {
  return errors.map((e) => ({ row: e.row, column: e.column ? t(`columns.${e.column}`) : null, message: t(`import.errors.${e.code}`) }))
}
