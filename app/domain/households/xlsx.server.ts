import { inflateRawSync } from 'node:zlib'
import { zipSync, type Zippable } from 'fflate'

/**
 * The most an uploaded workbook's XML may unpack to. A household sheet at the import's limit of 5,000
 * rows with a dozen columns unpacks to ~4 MB; a "zip bomb" of 400 KB unpacked to 400 MB, and the reader
 * then took 88 s and 1.6 GB (a single text run above ~20 MB sends its XML parser into a minute of
 * work), so the cap stays below that.
 */
export const MAX_UNPACKED_BYTES = 16 * 1024 * 1024

/**
 * The longest stretch of an XML part without a `<` or `>`: the longest text or tag the reader may meet.
 * Its XML parser goes quadratic on a long one (it takes the XML in chunks and rescans what it has not
 * closed yet): a 16 MB run of spaces in one text took 67 s on a busy machine and then overflowed the
 * stack. A cell holds at most 32,767 characters (Excel's limit), 160 KB as escaped UTF-8 at worst.
 */
export const MAX_XML_RUN_BYTES = 512 * 1024

export type UnpackError = 'unreadable' | 'unpackedTooLarge'

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const STORED = 0
const DEFLATED = 8

/** Thrown inside unpacking; becomes the error the import shows. */
class Unpack extends Error {
  constructor(readonly reason: UnpackError) {
    super(reason)
  }
}

/**
 * The workbook rebuilt from its own table of contents: only its XML parts, each unpacked here with a
 * hard limit on what it unpacks to (the archive's stated sizes are not trusted) and no text or tag
 * longer than MAX_XML_RUN_BYTES, stored uncompressed in a new archive. What the spreadsheet reader
 * gets is therefore exactly what was checked: a part hidden from the table of contents, a stated size
 * that lies or a part that unpacks without end never reaches it.
 */
export function rebuildWorkbook(file: Uint8Array): { ok: true; workbook: Buffer } | { ok: false; error: UnpackError } {
  try {
    return { ok: true, workbook: Buffer.from(zipSync(unpackXmlParts(file), { level: 0 })) }
  } catch (err) {
    return { ok: false, error: err instanceof Unpack ? err.reason : 'unreadable' }
  }
}

function unpackXmlParts(file: Uint8Array): Zippable {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const u16 = (at: number) => (at + 2 <= file.length ? view.getUint16(at, true) : fail())
  const u32 = (at: number) => (at + 4 <= file.length ? view.getUint32(at, true) : fail())
  const end = findEndOfCentralDirectory(file, view)
  const count = u16(end + 10)
  let at = u32(end + 16)
  const parts: Zippable = {}
  let unpacked = 0
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) fail()
    const flags = u16(at + 8)
    const method = u16(at + 10)
    const packedSize = u32(at + 20)
    const nameLength = u16(at + 28)
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32)
    const name = new TextDecoder().decode(file.subarray(at + 46, at + 46 + nameLength))
    const local = u32(at + 42)
    at = next
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue
    // encrypted parts, and sizes or offsets of ZIP64 (no workbook of 2 MB needs it), are not read
    if (flags & 1 || packedSize === 0xffffffff || local === 0xffffffff || u32(local) !== LOCAL) fail()
    const start = local + 30 + u16(local + 26) + u16(local + 28)
    if (start + packedSize > file.length) fail()
    const packed = file.subarray(start, start + packedSize)
    const room = MAX_UNPACKED_BYTES - unpacked
    let bytes: Uint8Array
    if (method === STORED) {
      if (packed.length > room) throw new Unpack('unpackedTooLarge')
      bytes = packed
    } else if (method === DEFLATED) {
      bytes = inflateWithin(packed, room)
    } else {
      fail()
    }
    unpacked += bytes.length
    if (unpacked > MAX_UNPACKED_BYTES) throw new Unpack('unpackedTooLarge')
    if (longestRun(bytes) > MAX_XML_RUN_BYTES) fail()
    parts[name] = bytes
  }
  if (Object.keys(parts).length === 0) fail()
  return parts
}

function inflateWithin(packed: Uint8Array, room: number): Uint8Array {
  try {
    // zlib stops at maxOutputLength: a bomb is cut off there, not inflated and then measured
    return inflateRawSync(packed, { maxOutputLength: Math.max(1, room) })
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Unpack('unpackedTooLarge')
    throw new Unpack('unreadable')
  }
}

/** The longest stretch of bytes without a `<` or `>`. */
function longestRun(bytes: Uint8Array): number {
  let longest = 0
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (b === 0x3c || b === 0x3e) {
      if (i - start > longest) longest = i - start
      start = i + 1
    }
  }
  return Math.max(longest, bytes.length - start)
}

function findEndOfCentralDirectory(file: Uint8Array, view: DataView): number {
  // the record is 22 bytes plus a comment of at most 65,535
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) return at
  }
  return fail()
}

function fail(): never {
  throw new Unpack('unreadable')
}
