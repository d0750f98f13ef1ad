/**
 * The spreadsheet work a user can ask of the server (app/lib/work-slots.server.ts bounds it): each
 * operation against the production server, one at a time, with its time and how far the server's
 * resident memory rose while it ran; then one user's burst of imports, which the slots turn into one
 * at a time. Nothing here writes: the imports are dry runs.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/node'
import { processMemoryMb, type ProductionServer } from '../../tests/support/production-server'
import { signIn } from './http'

export interface HeavyResult {
  name: string
  /** median of the runs, ms */
  ms: number
  /** the highest resident memory seen while it ran, above the memory before it, MB */
  growthMb: number
  /** status codes of the answers, e.g. "200 ×5" or "400 ×2, 429 ×6" */
  answers: string
}

const RUNS = 5
/** Posts of one user sent at once in the burst. */
const BURST = 8

const rssMb = (pid: number) => processMemoryMb(pid).rssMb

/** Runs `op` while sampling the server's memory every 10 ms: its time and the rise above the start. */
async function watched(pid: number, op: () => Promise<number>): Promise<{ ms: number; growthMb: number; status: number }> {
  const before = rssMb(pid)
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10)
  const started = performance.now()
  try {
    const status = await op()
    return { ms: performance.now() - started, growthMb: Math.max(peak, rssMb(pid)) - before, status }
  } finally {
    clearInterval(timer)
  }
}

const counted = (statuses: number[]) =>
  [...new Set(statuses)]
    .sort()
    .map((s) => `${s} ×${statuses.filter((x) => x === s).length}`)
    .join(', ')

/** A household register at the import's limit (5,000 rows), every row valid, under the Chinese template's headers. */
async function householdWorkbook(): Promise<Buffer> {
  const header = ['户主姓名', '联系电话', '家庭人口', '贫困状况', '住址', '家庭情况'].map((value) => ({ value }))
  const rows: SheetData = Array.from({ length: 5000 }, (_, i) => [
    { value: `基准户${String(i).padStart(4, '0')}` },
    { value: `139${String(10_000_000 + i).slice(-8)}` },
    { value: 1 + (i % 7) },
    { value: ['非贫困户', '贫困户', '已脱贫', '监测户'][i % 4]! },
    { value: `${1 + (i % 12)}组${i}号` },
    i % 3 ? null : { value: '家中有老人需要照护' },
  ])
  return Buffer.from(await writeXlsxFile([header, ...rows], { sheet: 'Sheet1' }).toBuffer())
}

export async function measureHeavy(server: ProductionServer, paths: { village: string; town: string; county: string; month: string }): Promise<HeavyResult[]> {
  const pid = server.child.pid!
  const secretary = (await signIn(server.origin, 'yunmen.secretary@ruyuan.demo')).cookie
  const town = (await signIn(server.origin, 'rucheng.admin@ruyuan.demo')).cookie
  const county = (await signIn(server.origin, 'county.admin@ruyuan.demo')).cookie
  const workbook = await householdWorkbook()
  const importPath = `${paths.village}/households/import`
  const postImport = async () => {
    const form = new FormData()
    form.set('intent', 'preview')
    form.set('file', new Blob([new Uint8Array(workbook)]), 'households.xlsx')
    const res = await fetch(server.origin + importPath, { method: 'POST', body: form, headers: { cookie: secretary, origin: server.origin } })
    await res.arrayBuffer()
    return res.status
  }
  const get = (path: string, cookie: string) => async () => {
    const res = await fetch(server.origin + path, { headers: { cookie } })
    await res.arrayBuffer()
    return res.status
  }
  const operations: [string, () => Promise<number>][] = [
    [`households import, dry run of 5,000 rows (${Math.round(workbook.length / 1024)} KB workbook), a village secretary`, postImport],
    ["households export (XLSX) of a town's register (Rucheng)", get(`${paths.town}/households/export.xlsx`, town)],
    [`completeness export (XLSX) of the county, one month (${paths.month})`, get(`${paths.county}/completeness/export.xlsx?month=${paths.month}`, county)],
    // the largest register download: every visit diary of the county, up to the export limit (20,000 rows)
    ["visit-diary register export (XLSX) of the county, unfiltered", get(`${paths.county}/visits/export.xlsx`, county)],
    ["visit-diary register export (CSV) of the county, unfiltered", get(`${paths.county}/visits/export.csv`, county)],
  ]
  const out: HeavyResult[] = []
  for (const [name, op] of operations) {
    await op() // warm-up
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await watched(pid, op))
    const times = runs.map((r) => r.ms).sort((a, b) => a - b)
    out.push({ name, ms: times[Math.floor(times.length / 2)]!, growthMb: Math.max(...runs.map((r) => r.growthMb)), answers: counted(runs.map((r) => r.status)) })
    console.log(`[bench] heavy ${name}: ${out.at(-1)!.ms.toFixed(0)} ms, +${out.at(-1)!.growthMb.toFixed(0)} MB, ${out.at(-1)!.answers}`)
  }
  // one user's burst: the slots run one import at a time and let one more wait; the others are refused
  const statuses: number[] = []
  const burst = await watched(pid, async () => {
    statuses.push(...(await Promise.all(Array.from({ length: BURST }, postImport))))
    return 0
  })
  out.push({ name: `the same dry run posted ${BURST} times at once by the same secretary (until all are answered)`, ms: burst.ms, growthMb: burst.growthMb, answers: counted(statuses) })
  console.log(`[bench] heavy burst: ${burst.ms.toFixed(0)} ms, +${burst.growthMb.toFixed(0)} MB, ${counted(statuses)}`)
  return out
}
