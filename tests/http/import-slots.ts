/**
 * The import slots (app/lib/work-slots.server.ts) against the production server: one village secretary
 * posting the same heavy workbook many times at once. Without the slots, sixteen such posts grew the
 * server from 104 MB to 1.5 GB and held every page for 14 s; with them, one is read at a time, one more
 * waits for it, and the others are refused with the translated 429.
 */
import { request as httpRequest } from 'node:http'
import { unzipSync, zipSync } from 'fflate'
import writeXlsxFile from 'write-excel-file/node'
import { processMemoryMb } from '../support/production-server'

/** Posts sent at once. */
const POSTS = 8
/**
 * Peak memory the server may gain over the burst. Measured: 117–214 MB with the slots (one workbook read
 * at a time, the next right after it, the uploads held), ~570 MB without them (all eight read at once).
 */
const MAX_GROWTH_MB = 450

/**
 * A workbook under every size cap (1.6 MB packed, just under 16 MB unpacked) that is as costly to read
 * as a sheet gets: 24,000 rows of 26 small cells, under the household template's header. The import
 * reads all of it before it finds more rows than it takes (400 "数据行过多").
 */
export async function heavyWorkbook(): Promise<Buffer> {
  const header = ['户主姓名', '家庭人口'].map((value) => ({ value }))
  const parts = unzipSync(new Uint8Array(await writeXlsxFile([header], { sheet: 'Sheet1' }).toBuffer()))
  const name = Object.keys(parts).find((n) => n.startsWith('xl/worksheets/'))!
  const columns = Array.from({ length: 26 }, (_, c) => String.fromCharCode(65 + c))
  const rows: string[] = []
  for (let r = 2; r <= 24_000; r++) rows.push(`<row r="${r}">${columns.map((c) => `<c r="${c}${r}"><v>1</v></c>`).join('')}</row>`)
  const xml = new TextDecoder().decode(parts[name]).replace('</sheetData>', `${rows.join('')}</sheetData>`)
  return Buffer.from(zipSync({ ...parts, [name]: new TextEncoder().encode(xml) }, { level: 9 }))
}


/** Bytes of each body held back until every post has sent the rest: the closing boundary, and a little of the file. */
const HELD_BYTES = 64
/** Time the server is given to read the posts' bodies up to the held bytes before they are all released at once. */
const SETTLE_MS = 2_000

interface Answer {
  status: number
  text: string
}

/**
 * Failures of the burst: statuses other than the import's own 400 and the slots' 429, too few 429s, memory.
 *
 * The eight bodies are sent whole but for their last bytes, which are then released together: every post
 * reaches the slots within the same moment, as a burst from one user's tabs would. Sent as plain fetches,
 * the bodies finished arriving one after another, and the server, reading each in turn, now and then had
 * ended one import before the next upload was complete, so nothing was left to refuse.
 */
export async function checkImportSlots(input: { origin: string; pid: number; cookie: string; importPath: string }): Promise<string[]> {
  const { origin, pid, cookie, importPath } = input
  const form = new FormData()
  form.set('intent', 'preview')
  form.set('file', new Blob([new Uint8Array(await heavyWorkbook())]), 'households.xlsx')
  const encoded = new Request(origin + importPath, { method: 'POST', body: form })
  const body = Buffer.from(await encoded.arrayBuffer())
  const headers = { origin, cookie, 'accept-language': 'zh-CN', 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length) }
  const before = processMemoryMb(pid)
  const posts = Array.from({ length: POSTS }, () => {
    const req = httpRequest(origin + importPath, { method: 'POST', headers, timeout: 60_000 })
    const answer = new Promise<Answer>((resolve) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', (err) => resolve({ status: 0, text: err.message }))
      })
      req.on('timeout', () => req.destroy(new Error('no answer within 60 s')))
      req.on('error', (err) => resolve({ status: 0, text: err.message }))
    })
    const sent = new Promise<void>((resolve) => req.write(body.subarray(0, body.length - HELD_BYTES), () => resolve()))
    return { req, answer, sent }
  })
  await Promise.all(posts.map((p) => p.sent))
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  for (const p of posts) p.req.end(body.subarray(body.length - HELD_BYTES))
  const answers = await Promise.all(posts.map((p) => p.answer))
  const failures: string[] = []
  const what = `${POSTS} heavy workbooks posted at once to ${importPath} by one user`
  for (const a of answers) {
    const expected = (a.status === 400 && a.text.includes('数据行过多')) || (a.status === 429 && a.text.includes('您的上一个导入仍在处理'))
    if (!expected) failures.push(`${what}: one got ${a.status} (${a.text.slice(0, 120)}), expected 400 "数据行过多" or 429 "您的上一个导入仍在处理"`)
  }
  if (!answers.some((a) => a.status === 429)) failures.push(`${what}: none was refused with 429; they were read at the same time`)
  // the peak is the process's since it started: the burst's own shows only when it set a new one
  const after = processMemoryMb(pid)
  const growth = after.peakMb > before.peakMb ? after.peakMb - before.rssMb : 0
  const statuses = answers.map((a) => a.status).join(' ')
  console.log(`[http-matrix] ${what}: ${statuses}; peak memory +${Math.round(growth)} MB (at most ${MAX_GROWTH_MB})`)
  if (growth > MAX_GROWTH_MB) failures.push(`${what}: the server's peak memory grew by ${Math.round(growth)} MB (at most ${MAX_GROWTH_MB})`)
  return failures
}
