import { describe, expect, it } from 'vitest'
import { i18nInstance } from '~/lib/i18n'
import { getResources } from '~/lib/i18n.server'
import { householdsWorkbook, type HouseholdRow } from './households.server'

const row = (n: number): HouseholdRow => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  village_id: '00000000-0000-0000-0000-000000000010',
  village_name: '云门村',
  village_name_en: 'Yunmen Village',
  head_name: `户主${n}`,
  members: 3,
  phone: null,
  address: null,
  situation: null,
  poverty_status: 'not_poor',
  is_active: true,
  cadres: [],
})

async function sheetOf(truncated: boolean) {
  const t = i18nInstance('zh-CN', getResources('zh-CN')).getFixedT('zh-CN', 'households')
  const workbook = await householdsWorkbook(undefined as never, { name: '云门村', name_en: null, code: '440232101201' }, [row(1), row(2)], 'zh-CN', t, truncated)
  const { readSheet } = await import('read-excel-file/node')
  return (await readSheet(workbook.buffer)) as unknown[][]
}

describe('the household export', () => {
  it('ends with a row saying more households matched than it holds', async () => {
    const sheet = await sheetOf(true)
    expect(sheet).toHaveLength(4)
    expect(String(sheet[3]![0])).toBe('仅导出前 2 户；还有更多农户符合条件，请缩小筛选范围后分批导出。')
  })

  it('has no such row when it holds every match', async () => {
    const sheet = await sheetOf(false)
    expect(sheet).toHaveLength(3)
    expect(sheet.slice(1).map((r) => r[1])).toEqual(['户主1', '户主2'])
  })
})
