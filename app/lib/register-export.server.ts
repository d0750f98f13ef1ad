import type { Cell, Row } from 'write-excel-file/node'
import { dateCell, sheetName, workbookResponse, type Workbook } from './download.server'
import { csvResponse, toCsv, type CsvCell, type CsvFile } from './csv.server'

/**
 * The XLSX and CSV downloads of a register's filtered rows (activities, visit diaries, concerns): the
 * same columns, header row in the user's language, and the same rows in both formats. Dates are Excel
 * dates in the workbook (as the report exports write them) and ISO text (YYYY-MM-DD) in the CSV; numbers
 * stay numbers. Text goes into the workbook as it is: write-excel-file stores every string as a shared
 * string (t="s"), never as a formula, so only the CSV needs the formula guard (csv.server.ts).
 */

/** Rows a register export holds (the households' too); its last row says when more matched. */
export const EXPORT_LIMIT = 20_000

export type ExportFormat = 'xlsx' | 'csv'

/** The format a download route serves, from the end of its URL (…/export.xlsx, …/export.csv). */
export function exportFormatOf(url: URL): ExportFormat {
  return url.pathname.endsWith('.csv') ? 'csv' : 'xlsx'
}

/** A cell's value: text, a number (`decimals`: shown with that many places in Excel), a day (YYYY-MM-DD), or empty. */
export type ExportValue = string | number | { day: string | null } | { amount: number; decimals: number } | null | undefined

export interface ExportColumn<R> {
  header: string
  /** Excel column width, in characters. */
  width: number
  value: (row: R) => ExportValue
}

export interface RegisterFile {
  /** The download's name without extension, in the user's language. */
  name: string
  /** Its ASCII fallback without extension. */
  asciiName: string
  sheet: string
  /** The last row's text when more rows matched than the file holds. */
  truncatedNote?: string
}

export type RegisterDownload = { format: 'xlsx'; workbook: Workbook } | { format: 'csv'; csv: CsvFile }

const header = (text: string): Cell => ({ value: text, fontWeight: 'bold', wrap: true })

function xlsxCell(value: ExportValue): Cell {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string' || typeof value === 'number') return value
  if ('day' in value) return dateCell(value.day)
  return { value: value.amount, type: Number, format: value.decimals ? `#,##0.${'0'.repeat(value.decimals)}` : '#,##0' }
}

function csvCell(value: ExportValue): CsvCell {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return value
  if ('day' in value) return value.day
  return value.amount.toFixed(value.decimals)
}

/** The rows as an XLSX (sticky header, column widths) or a CSV, named `file.name` + the format's extension. */
export async function registerDownload<R>(format: ExportFormat, columns: ExportColumn<R>[], rows: R[], file: RegisterFile): Promise<RegisterDownload> {
  const note = file.truncatedNote
  if (format === 'csv') {
    const data: CsvCell[][] = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => csvCell(c.value(r)))), ...(note ? [[note]] : [])]
    return { format, csv: { text: toCsv(data), filename: `${file.name}.csv`, asciiFilename: `${file.asciiName}.csv`, rows: rows.length } }
  }
  const data: Row[] = [columns.map((c) => header(c.header)), ...rows.map((r): Row => columns.map((c) => xlsxCell(c.value(r)))), ...(note ? [[header(note)]] : [])]
  const { default: writeXlsxFile } = await import('write-excel-file/node')
  const buffer = await writeXlsxFile(data, { sheet: sheetName(file.sheet), stickyRowsCount: 1, columns: columns.map((c) => ({ width: c.width })) }).toBuffer()
  return { format, workbook: { buffer, filename: `${file.name}.xlsx`, asciiFilename: `${file.asciiName}.xlsx`, rows: rows.length } }
}

/** The HTTP response of a register download (workbookResponse or csvResponse). */
export function registerResponse(download: RegisterDownload): Response {
  return download.format === 'xlsx' ? workbookResponse(download.workbook) : csvResponse(download.csv)
}
