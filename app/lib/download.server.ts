import type { Cell } from 'write-excel-file/node'

/**
 * What every download shares (the monthly-report, household and register exports, the import templates):
 * Excel dates and sheet names, an org's name in the user's language, and the HTTP answer of a file with its
 * Content-Disposition (an ASCII name for old clients, the real one in filename*).
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A day ('YYYY-MM-DD') or a Shanghai wall-clock time ('YYYY-MM-DD HH:MM') as an Excel date, so that the
 * sheet sorts and filters them as dates. Excel keeps no time zone: the wall-clock time is written as it
 * reads (as UTC, which is how the writer turns a Date into Excel's serial number).
 */
export function dateCell(text: string | null | undefined): Cell {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text) : null
  if (!m) return text ?? null
  const [, y, mo, d, h, mi] = m
  const value = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)))
  return { value, type: Date, format: h === undefined ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' }
}

/** An org's name in the user's language. */
export function nameOf(org: { name: string; name_en: string | null }, language: string): string {
  return language === 'en' && org.name_en ? org.name_en : org.name
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1'
}

export interface Workbook {
  buffer: Buffer
  filename: string
  /** ASCII name for clients that ignore filename* (RFC 6266 fallback). */
  asciiFilename: string
  rows: number
}

/** RFC 5987 encoding of a filename* value (UTF-8, percent-encoded, with '()* also escaped). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Content-Disposition for a download: an ASCII filename for old clients, filename* for the real name. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`
}

/** The HTTP response of a workbook download; never cached by a shared cache (it holds scoped data). */
export function workbookResponse(workbook: Workbook): Response {
  return new Response(new Uint8Array(workbook.buffer), {
    status: 200,
    headers: {
      'Content-Type': XLSX_CONTENT_TYPE,
      'Content-Disposition': contentDisposition(workbook.filename, workbook.asciiFilename),
      'Content-Length': String(workbook.buffer.length),
      'Cache-Control': 'private, no-store',
      // nosniff and the other security headers come from the production server (server/security.js)
    },
  })
}
