import { unzipSync, zipSync, type Zippable } from 'fflate'
import { readSheet } from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { describe, expect, it } from 'vitest'
import { MAX_UNPACKED_BYTES, MAX_XML_RUN_BYTES, rebuildWorkbook } from './xlsx.server'

const ROWS = [['户主姓名', '家庭人口'], ['张三', 4], ['李四', 3]]

async function workbookParts(): Promise<Record<string, Uint8Array>> {
  const file = await writeXlsxFile(ROWS.map((row) => row.map((value) => ({ value }))), { sheet: 'Sheet1' }).toBuffer()
  return unzipSync(new Uint8Array(file))
}

const sheetName = (parts: Record<string, Uint8Array>) => Object.keys(parts).find((n) => n.startsWith('xl/worksheets/'))!

/** The sheet with `padding` bytes of whitespace inside: a few KB packed, `padding` unpacked. */
function padded(parts: Record<string, Uint8Array>, padding: number): Zippable {
  const name = sheetName(parts)
  const xml = new TextDecoder().decode(parts[name])
  return { ...parts, [name]: new TextEncoder().encode(xml.replace('<sheetData>', `<sheetData>${' '.repeat(padding)}`)) }
}

const zip = (parts: Zippable) => Buffer.from(zipSync(parts, { level: 9 }))

function rebuilt(file: Uint8Array): Buffer {
  const result = rebuildWorkbook(file)
  if (!result.ok) throw new Error(`not rebuilt: ${result.error}`)
  return result.workbook
}

/** Offsets of the central directory's entries and of its end record. */
function directory(file: Buffer): { end: number; entries: number[] } {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const entries: number[] = []
  let at = file.readUInt32LE(end + 16)
  for (let i = 0; i < file.readUInt16LE(end + 10); i++) {
    entries.push(at)
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32)
  }
  return { end, entries }
}

describe('rebuildWorkbook', () => {
  it('gives the reader the same rows as the original workbook, without parts that are not XML', async () => {
    const parts = await workbookParts()
    const original = zip({ ...parts, 'xl/media/image1.png': new Uint8Array(5000) })
    const workbook = rebuilt(original)
    expect(await readSheet(workbook)).toEqual(await readSheet(original))
    expect(Object.keys(unzipSync(new Uint8Array(workbook)))).not.toContain('xl/media/image1.png')
    expect(Object.keys(unzipSync(new Uint8Array(workbook))).sort()).toEqual(Object.keys(parts).filter((n) => /\.(xml|rels)$/.test(n)).sort())
  })

  it('takes a workbook that unpacks to just under the cap', async () => {
    const parts = await workbookParts()
    const others = Object.values(parts).reduce((n, p) => n + p.length, 0)
    // unpacked and checked, but a part the reader does not parse: the cap is what is tested here
    const line = `<p>${' '.repeat(1000)}</p>\n`
    const filler = new TextEncoder().encode(line.repeat(Math.floor((MAX_UNPACKED_BYTES - others) / line.length)))
    const file = zip({ ...parts, 'docProps/custom.xml': filler })
    expect(file.length).toBeLessThan(256 * 1024)
    expect(await readSheet(rebuilt(file))).toEqual(ROWS)
  })

  it('refuses a text or tag longer than any cell, on which the reader would spend minutes', async () => {
    const parts = await workbookParts()
    expect(rebuildWorkbook(zip(padded(parts, MAX_XML_RUN_BYTES + 1)))).toEqual({ ok: false, error: 'unreadable' })
    const name = sheetName(parts)
    const xml = new TextDecoder().decode(parts[name])
    const longTag = xml.replace('<sheetData>', `<sheetData><x a="${'y'.repeat(MAX_XML_RUN_BYTES)}"/>`)
    expect(rebuildWorkbook(zip({ ...parts, [name]: new TextEncoder().encode(longTag) }))).toEqual({ ok: false, error: 'unreadable' })
    // a cell at Excel's limit of 32,767 characters, every one escaped, is far below it
    const longCell = xml.replace('<sheetData>', `<sheetData>${' '.repeat(32_767 * 5)}`)
    expect(rebuilt(zip({ ...parts, [name]: new TextEncoder().encode(longCell) }))).toBeInstanceOf(Buffer)
  })

  it('refuses a part that unpacks past the cap (a zip bomb: a few KB packed)', async () => {
    const file = zip(padded(await workbookParts(), MAX_UNPACKED_BYTES + 1))
    expect(file.length).toBeLessThan(64 * 1024)
    expect(rebuildWorkbook(file)).toEqual({ ok: false, error: 'unpackedTooLarge' })
  })

  it('refuses parts that each fit but together unpack past the cap', async () => {
    const parts = await workbookParts()
    const line = `<p>${' '.repeat(1000)}</p>\n`
    const third = new TextEncoder().encode(line.repeat(Math.ceil(MAX_UNPACKED_BYTES / 3 / line.length)))
    const file = zip({ ...parts, 'xl/a.xml': third, 'xl/b.xml': third, 'xl/c.xml': third })
    expect(rebuildWorkbook(file)).toEqual({ ok: false, error: 'unpackedTooLarge' })
  })

  it('does not trust the sizes the archive states', async () => {
    const file = zip(padded(await workbookParts(), MAX_UNPACKED_BYTES + 1))
    // every part claims to unpack to 100 bytes, in the directory and in its own header
    for (const at of directory(file).entries) {
      file.writeUInt32LE(100, at + 24)
      file.writeUInt32LE(100, file.readUInt32LE(at + 42) + 22)
    }
    expect(rebuildWorkbook(file)).toEqual({ ok: false, error: 'unpackedTooLarge' })
  })

  it('leaves out a part hidden from the directory, which a streaming reader would read first', async () => {
    const parts = await workbookParts()
    const honest = zip(parts)
    const hidden = zip({ 'xl/hidden.xml': new TextEncoder().encode(`<x>${' '.repeat(MAX_UNPACKED_BYTES + 1)}</x>`) })
    const hiddenRecord = hidden.subarray(0, directory(hidden).entries[0])
    const { end, entries } = directory(honest)
    const file = Buffer.concat([hiddenRecord, honest])
    const shift = hiddenRecord.length
    for (const at of entries) file.writeUInt32LE(file.readUInt32LE(shift + at + 42) + shift, shift + at + 42)
    file.writeUInt32LE(file.readUInt32LE(shift + end + 16) + shift, shift + end + 16)
    const workbook = rebuilt(file)
    expect(Object.keys(unzipSync(new Uint8Array(workbook)))).not.toContain('xl/hidden.xml')
    expect(await readSheet(workbook)).toEqual(ROWS)
  })

  it('calls anything else unreadable: not a zip, cut short, encrypted, or without XML', async () => {
    expect(rebuildWorkbook(Buffer.from('not a spreadsheet'))).toEqual({ ok: false, error: 'unreadable' })
    const file = zip(await workbookParts())
    expect(rebuildWorkbook(file.subarray(0, file.length - 30))).toEqual({ ok: false, error: 'unreadable' })
    expect(rebuildWorkbook(file.subarray(0, Math.floor(file.length / 2)))).toEqual({ ok: false, error: 'unreadable' })
    const encrypted = Buffer.from(file)
    const first = directory(encrypted).entries[0]!
    encrypted.writeUInt16LE(encrypted.readUInt16LE(first + 8) | 1, first + 8)
    expect(rebuildWorkbook(encrypted)).toEqual({ ok: false, error: 'unreadable' })
    expect(rebuildWorkbook(zip({ 'image.png': new Uint8Array(10) }))).toEqual({ ok: false, error: 'unreadable' })
  })
})
