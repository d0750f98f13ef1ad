import { contentDisposition } from './download.server'

/**
 * CSV downloads of a register: UTF-8 with a byte-order mark (without it Excel reads Chinese as the
 * system code page), CRLF line ends and RFC 4180 quoting. A text cell that a spreadsheet would read as
 * a formula (one starting with = + - @, a tab or a carriage return) gets a leading apostrophe: a title
 * typed as `=HYPERLINK(…)` must open as that text, not as a live formula (CSV injection).
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'

/** A CSV cell: text (neutralised and quoted as needed), a number (written as it is), or empty. */
export type CsvCell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** Text that a spreadsheet would not take for a formula: a leading apostrophe when it starts like one. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One field: numbers as they are; text neutralised, quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = neutraliseFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The whole file: BOM, one CRLF-terminated line per row. */
export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('')}`
}

export interface CsvFile {
  text: string
  filename: string
  /** ASCII name for clients that ignore filename* (RFC 6266 fallback). */
  asciiFilename: string
  rows: number
}

/** The HTTP response of a CSV download; never cached by a shared cache (it holds scoped data). */
export function csvResponse(file: CsvFile): Response {
  const body = new TextEncoder().encode(file.text)
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': CSV_CONTENT_TYPE,
      'Content-Disposition': contentDisposition(file.filename, file.asciiFilename),
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
    },
  })
}
