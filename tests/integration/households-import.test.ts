/**
 * XLSX imports of households and cadre ↔ household pairs through the route actions: a dry run
 * reports row errors and writes nothing, a commit writes all rows or none, and importing the same
 * file again adds nothing (households are matched by head of household + phone).
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { unzipSync, zipSync } from 'fflate'
import { sql } from 'kysely'
import { readSheet } from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_UNPACKED_BYTES } from '../../app/domain/households/xlsx.server'
import { closeDb, getRawDb, withUser } from '../../app/lib/db.server'
import { importSlots } from '../../app/lib/work-slots.server'
import { action as householdsImport, loader as householdsImportLoader } from '../../app/routes/village/households-import'
import { action as pairsImport } from '../../app/routes/village/pairs-import'
import { loader as importTemplate } from '../../app/routes/village/import-template'
import { loader as householdsExport } from '../../app/routes/shared/households-export'
import { claimsFor, createTestDb } from '../support/test-db'
import { holdSlots } from '../support/work-slots'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const UNIT = () => orgIdOf('unit.liaison@ruyuan.demo')

type Sheet = (string | number | null)[][]
interface Result {
  intent: string
  plan?: { created: number; updated: number; unchanged: number }
  errors: { row: number | null; column: string | null; message: string }[]
}

async function xlsx(rows: Sheet): Promise<Blob> {
  const buffer = await writeXlsxFile(rows, { sheet: 'Sheet1' }).toBuffer()
  return new Blob([new Uint8Array(buffer)])
}

async function upload(
  fn: (args: ActionFunctionArgs) => Promise<unknown>,
  email: string,
  path: string,
  intent: string,
  file: Blob | null,
): Promise<{ status: number; body: Result | null; headers?: HeadersInit }> {
  const form = new FormData()
  form.set('intent', intent)
  if (file) form.set('file', file, 'import.xlsx')
  const request = new Request(`${BASE}${path}`, { method: 'POST', body: form, headers: { Cookie: await cookieFor(email) } })
  try {
    const result = (await fn({ request, params: { orgId: path.split('/')[2]! }, context: {} })) as { data: Result; init: ResponseInit | null }
    return { status: result.init?.status ?? 200, body: result.data, headers: result.init?.headers }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null }
    throw thrown
  }
}

const stamp = Date.now().toString().slice(-8)
const HEADER = ['户主姓名', '联系电话', '家庭人口', '贫困状况', '住址', '家庭情况']
const good: Sheet = [
  HEADER,
  [`导入甲${stamp}`, `1380000${stamp.slice(-4)}`, 4, '贫困户', '云门村一组', '老人患病'],
  [`导入乙${stamp}`, null, 3, '已脱贫', '云门村二组', null],
  [`导入丙${stamp}`, '13900001111', 5, null, null, null],
]
const path = () => `/village/${YUNMEN()}/households/import`

async function householdCount() {
  const db = await getRawDb()
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.households where village_id = ${YUNMEN()}`.execute(db)
  return rows[0]!.n
}

beforeAll(async () => {
  await createTestDb()
})
afterAll(closeDb)

describe('households import', () => {
  it('offers each import its template, headers in the user language', async () => {
    for (const [target, first] of [
      [`${path()}/template.xlsx`, '户主姓名'],
      [`/village/${YUNMEN()}/households/pairs-import/template.xlsx`, '干部姓名'],
    ] as const) {
      const request = new Request(`${BASE}${target}`, { headers: { Cookie: await cookieFor('yunmen.secretary@ruyuan.demo') } })
      const response = (await importTemplate({ request, params: { orgId: YUNMEN() }, context: {} })) as Response
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toContain('spreadsheetml')
      const [header] = (await readSheet(Buffer.from(await response.arrayBuffer()))) as string[][]
      expect(header![0]).toBe(first)
    }
    // the import page itself is a page, not a file
    const page = new Request(`${BASE}${path()}`, { headers: { Cookie: await cookieFor('yunmen.secretary@ruyuan.demo') } })
    expect(await householdsImportLoader({ request: page, params: { orgId: YUNMEN() }, context: {} })).toBeNull()
  })

  it('reports every row error in a dry run and writes nothing, and a commit of that file writes nothing either', async () => {
    const before = await householdCount()
    const bad = await xlsx([HEADER, [`坏行${stamp}`, 'abc', 0, '富裕', null, null], [null, null, 3, null, null, null], good[1]!])
    for (const intent of ['preview', 'commit']) {
      const out = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), intent, bad)
      expect(out.status).toBe(400)
      expect(out.body!.errors).toContainEqual({ row: 2, column: '家庭人口', message: '家庭人口应为 1 到 99 的整数' })
      expect(out.body!.errors).toContainEqual({ row: 3, column: '户主姓名', message: '此项必填' })
      expect(out.body!.errors.map((e) => [e.row, e.column])).toEqual(
        expect.arrayContaining([
          [2, '家庭人口'],
          [2, '联系电话'],
          [2, '贫困状况'],
          [3, '户主姓名'],
        ]),
      )
      expect(out.body!.errors).toHaveLength(4)
    }
    expect(await householdCount()).toBe(before)
  })

  it('refuses a file without the required columns, an unreadable file, a file over 2 MB and one that unpacks past 16 MB, in words', async () => {
    const noColumns = await upload(householdsImport, 'yunmen.clerk@ruyuan.demo', path(), 'preview', await xlsx([['姓名'], ['张三']]))
    expect(noColumns.status).toBe(400)
    expect(noColumns.body!.errors.map((e) => e.message)).toEqual(['缺少必填列', '缺少必填列'])
    const junk = await upload(householdsImport, 'yunmen.clerk@ruyuan.demo', path(), 'preview', new Blob(['not a spreadsheet']))
    expect(junk.body!.errors[0]!.message).toBe('无法读取该文件，请使用 .xlsx 格式')
    const huge = await upload(householdsImport, 'yunmen.clerk@ruyuan.demo', path(), 'preview', new Blob([new Uint8Array(2 * 1024 * 1024 + 1)]))
    expect(huge.status).toBe(400)
    expect(huge.body!.errors[0]!.message).toBe('文件超过 2 MB')
    // a zip bomb: a few KB that unpack past the cap (the spreadsheet reader used to take 88 s and 1.6 GB on 400 MB)
    const parts = unzipSync(new Uint8Array(await (await xlsx(good)).arrayBuffer()))
    const sheet = Object.keys(parts).find((n) => n.startsWith('xl/worksheets/'))!
    parts[sheet] = new TextEncoder().encode(new TextDecoder().decode(parts[sheet]).replace('<sheetData>', `<sheetData>${' '.repeat(MAX_UNPACKED_BYTES)}`))
    const bomb = await upload(householdsImport, 'yunmen.clerk@ruyuan.demo', path(), 'preview', new Blob([zipSync(parts, { level: 9 })]))
    expect(bomb.status).toBe(400)
    expect(bomb.body!.errors[0]!.message).toBe('文件解压后超过 16 MB，请删去多余的工作表、列或格式后再导入')
    const none = await upload(householdsImport, 'yunmen.clerk@ruyuan.demo', path(), 'preview', null)
    expect(none.body!.errors[0]!.message).toBe('请选择 Excel 文件')
  })

  it('previews a good file without writing, commits it, and re-importing it adds nothing', async () => {
    const before = await householdCount()
    const file = await xlsx(good)
    const preview = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'preview', file)
    expect(preview.status).toBe(200)
    expect(preview.body!.plan).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(await householdCount()).toBe(before)

    const commit = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'commit', file)
    expect(commit.body!.plan).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(await householdCount()).toBe(before + 3)

    const again = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'commit', file)
    expect(again.body!.plan).toEqual({ created: 0, updated: 0, unchanged: 3 })
    expect(await householdCount()).toBe(before + 3)

    const changed = good.map((r, i) => (i === 1 ? [r[0]!, r[1]!, 5, '已脱贫', r[4]!, r[5]!] : r))
    const update = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'commit', await xlsx(changed))
    expect(update.body!.plan).toEqual({ created: 0, updated: 1, unchanged: 2 })
    const db = await getRawDb()
    const row = await db.selectFrom('households').select(['members', 'poverty_status']).where('head_name', '=', `导入甲${stamp}`).executeTakeFirstOrThrow()
    expect(row).toEqual({ members: 5, poverty_status: 'lifted' })
    expect(await householdCount()).toBe(before + 3)
  })

  it('reads full-width digits in the members and the phone, as a Chinese input method types them', async () => {
    // QA: 家庭人口 "３" was refused; the full-width phone is the household already registered with the ASCII one
    const before = await householdCount()
    const file = await xlsx([HEADER, [`导入丙${stamp}`, '１３９００００１１１１', '５', null, null, null], [`导入丁${stamp}`, null, '３', null, null, null]])
    const preview = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'preview', file)
    expect(preview.status).toBe(200)
    expect(preview.body!.errors).toEqual([])
    expect(preview.body!.plan).toEqual({ created: 1, updated: 0, unchanged: 1 })
    expect(await householdCount()).toBe(before)
  })

  it('is not the unit’s, nor another village’s', async () => {
    const file = await xlsx(good)
    // the unit may see the village it is paired with (403: not its portal); another village does not exist for her (404)
    expect((await upload(householdsImport, 'unit.liaison@ruyuan.demo', path(), 'commit', file)).status).toBe(403)
    expect((await upload(householdsImport, 'unit.liaison@ruyuan.demo', `/village/${UNIT()}/households/import`, 'commit', file)).status).toBe(403)
    expect((await upload(householdsImport, 'daliaokeng.secretary@ruyuan.demo', path(), 'commit', file)).status).toBe(404)
  })
})

describe('household register export (a download of the filtered register)', () => {
  const exportOf = async (email: string, target: string, orgId: string) => {
    const request = new Request(`${BASE}${target}`, { headers: { Cookie: await cookieFor(email) } })
    try {
      return (await householdsExport({ request, params: { orgId }, context: {} })) as Response
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }

  it("gives a village and a town their register's filtered rows, and nobody else's", async () => {
    const village = await exportOf('yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/households/export.xlsx`, YUNMEN())
    expect(village.status).toBe(200)
    expect(village.headers.get('Content-Type')).toContain('spreadsheetml')
    const [header, ...rows] = (await readSheet(Buffer.from(await village.arrayBuffer()))) as (string | number | null)[][]
    expect(header!.slice(0, 3)).toEqual(['村（社区）', '户主姓名', '联系电话'])
    const db = await getRawDb()
    const { rows: active } = await sql<{ n: number }>`select count(*)::int as n from public.households where village_id = ${YUNMEN()} and is_active`.execute(db)
    expect(rows).toHaveLength(active[0]!.n)
    // the register's filters apply: poor households only
    const poor = await exportOf('yunmen.secretary@ruyuan.demo', `/village/${YUNMEN()}/households/export.xlsx?status=poor`, YUNMEN())
    const [, ...poorRows] = (await readSheet(Buffer.from(await poor.arrayBuffer()))) as (string | number | null)[][]
    const { rows: poorCount } = await sql<{ n: number }>`select count(*)::int as n from public.households where village_id = ${YUNMEN()} and is_active and poverty_status = 'poor'`.execute(db)
    expect(poorRows).toHaveLength(poorCount[0]!.n)
    expect(new Set(poorRows.map((r) => r[4]))).toEqual(new Set(poorCount[0]!.n ? ['贫困户'] : []))

    const town = orgIdOf('rucheng.admin@ruyuan.demo')
    expect((await exportOf('rucheng.admin@ruyuan.demo', `/town/${town}/households/export.xlsx`, town)).status).toBe(200)
    // personal data: never the unit's, and another village does not exist for a secretary
    expect((await exportOf('unit.liaison@ruyuan.demo', `/unit/${UNIT()}/households/export.xlsx`, UNIT())).status).toBe(404)
    expect((await exportOf('daliaokeng.secretary@ruyuan.demo', `/village/${YUNMEN()}/households/export.xlsx`, YUNMEN())).status).toBe(404)
  })
})

describe('import slots (lib/work-slots.server.ts): one import per user, a few per process', () => {
  const hold = (...userIds: string[]) => holdSlots(importSlots, ...userIds)
  const tick = () => new Promise((resolve) => setImmediate(resolve))

  it("runs a user's import submitted behind a running one afterwards, and refuses a third (429, in words)", async () => {
    const { sub } = await claimsFor('yunmen.secretary@ruyuan.demo')
    const release = hold(sub)
    await tick()
    let behind: Promise<{ status: number; body: Result | null }> | undefined
    try {
      // submitted behind the running one (a double click): it waits. The next ones are sent once it does:
      // sent at once, one of them could reach the slots first and wait in its place (until the test times out)
      behind = upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'preview', await xlsx(good))
      for (let waited = 0; importSlots.jobsOf(sub) < 2; waited += 5) {
        if (waited > 10_000) throw new Error('the second import never queued behind the first')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      for (const [fn, target] of [
        [householdsImport, path()],
        [pairsImport, `/village/${YUNMEN()}/households/pairs-import`],
      ] as const) {
        const refused = await upload(fn, 'yunmen.secretary@ruyuan.demo', target, 'commit', await xlsx(good))
        expect(refused.status).toBe(429)
        expect(refused.body!.errors.map((e) => e.message)).toEqual(['您的上一个导入仍在处理，请等它完成后再试'])
        expect(new Headers(refused.headers).get('Retry-After')).toBe('10')
      }
      // the clerk of the same village is another user
      const clerk = await upload(householdsImport, 'yunmen.clerk@ruyuan.demo', path(), 'preview', await xlsx(good))
      expect(clerk.status).toBe(200)
    } finally {
      await release()
    }
    const waited = await behind!
    expect(waited.status).toBe(200)
    // the households were imported by an earlier test (one of them changed since): nothing to add
    expect(waited.body!.plan).toMatchObject({ created: 0 })
  })

  it('refuses an import at once when the process is busy with as many as it runs and queues (503, in words)', async () => {
    const { capacity, queueLimit } = importSlots.limits
    const release = hold(...Array.from({ length: capacity + queueLimit }, (_, i) => `other-user-${i}`))
    await tick()
    try {
      expect(importSlots.load).toEqual({ running: capacity, waiting: queueLimit })
      const refused = await upload(householdsImport, 'yunmen.secretary@ruyuan.demo', path(), 'preview', await xlsx(good))
      expect(refused.status).toBe(503)
      expect(refused.body!.errors.map((e) => e.message)).toEqual(['服务器正忙于处理其他导入，请稍后再试'])
    } finally {
      await release()
    }
    expect(importSlots.load).toEqual({ running: 0, waiting: 0 })
  })
})

describe('cadre ↔ household pairs import', () => {
  it('pairs a registered cadre with a registered household once, and reports unknown ones per row', async () => {
    const cadreName = `干部${stamp}`
    await withUser(await claimsFor('county.admin@ruyuan.demo'), (tx) => tx.insertInto('cadres').values({ county_id: RUYUAN(), name: cadreName, phone: '13700000000' }).execute())
    const pairsPath = `/village/${YUNMEN()}/households/pairs-import`
    const header = ['干部姓名', '干部电话', '户主姓名', '联系电话', '结对日期']
    const file = await xlsx([header, [cadreName, null, `导入乙${stamp}`, null, '2026-03-01']])
    const preview = await upload(pairsImport, 'yunmen.secretary@ruyuan.demo', pairsPath, 'preview', file)
    expect(preview.body!.plan).toEqual({ created: 1, updated: 0, unchanged: 0 })
    const db = await getRawDb()
    const count = async () => (await db.selectFrom('household_pairs').innerJoin('cadres', 'cadres.id', 'household_pairs.cadre_id').select('household_pairs.id').where('cadres.name', '=', cadreName).execute()).length
    expect(await count()).toBe(0)
    expect((await upload(pairsImport, 'yunmen.secretary@ruyuan.demo', pairsPath, 'commit', file)).body!.plan).toEqual({ created: 1, updated: 0, unchanged: 0 })
    expect((await upload(pairsImport, 'yunmen.secretary@ruyuan.demo', pairsPath, 'commit', file)).body!.plan).toEqual({ created: 0, updated: 0, unchanged: 1 })
    expect(await count()).toBe(1)

    const unknown = await upload(pairsImport, 'yunmen.secretary@ruyuan.demo', pairsPath, 'commit', await xlsx([header, [cadreName, null, `导入丙${stamp}`, '13900001111', '2026-03-01'], ['无此人', null, '无此户', null, '2026-03-01']]))
    expect(unknown.status).toBe(400)
    expect(unknown.body!.errors.map((e) => [e.row, e.message])).toEqual([
      [3, '找不到该帮扶干部'],
      [3, '本村台账中找不到该农户'],
    ])
    // all or nothing: the good first row was not written either
    expect(await count()).toBe(1)

    // one round lists every error: a row that does not read (a future date) and one that does not resolve
    const mixed = await upload(pairsImport, 'yunmen.secretary@ruyuan.demo', pairsPath, 'commit', await xlsx([header, [cadreName, null, `导入乙${stamp}`, null, '2099-01-01'], ['无此人', null, '无此户', null, '2026-03-01'], [cadreName, null, `导入丙${stamp}`, '13900001111', '2026-03-01']]))
    expect(mixed.status).toBe(400)
    expect(mixed.body!.errors.map((e) => e.row)).toEqual([2, 3, 3])
    expect(mixed.body!.errors[0]!.message).not.toBe(mixed.body!.errors[1]!.message)
    expect(await count()).toBe(1)
  })
})
