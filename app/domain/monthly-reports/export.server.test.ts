import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/lib/i18n.server'
import { exportFields, valueCell } from './export.server'
import { contentDisposition, encodeRfc5987, sheetName } from '~/lib/download.server'
import type { TemplateDefinition, TemplateField } from './template'

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en })
const f = (key: string, type: TemplateField['type'], extra: Partial<TemplateField> = {}): TemplateField => ({ key, type, label: label(key, key), required: false, outlierCheck: false, ...extra })

describe('download headers', () => {
  it('names the file in UTF-8 (RFC 5987) with an ASCII fallback', () => {
    expect(encodeRfc5987("乳城镇-月度报告-2026-10.xlsx")).toBe('%E4%B9%B3%E5%9F%8E%E9%95%87-%E6%9C%88%E5%BA%A6%E6%8A%A5%E5%91%8A-2026-10.xlsx')
    expect(encodeRfc5987("it's (1)*")).toBe('it%27s%20%281%29%2A')
    expect(contentDisposition('云门村-月度报告.xlsx', '440232101201-monthly-reports.xlsx')).toBe(
      `attachment; filename="440232101201-monthly-reports.xlsx"; filename*=UTF-8''%E4%BA%91%E9%97%A8%E6%9D%91-%E6%9C%88%E5%BA%A6%E6%8A%A5%E5%91%8A.xlsx`,
    )
    expect(contentDisposition('x', 'a"b\\c云.xlsx')).toContain('filename="a_b_c_.xlsx"')
  })

  it('keeps sheet names within Excel’s rules', () => {
    expect(sheetName('2026-10')).toBe('2026-10')
    expect(sheetName('a/b:c*d?[e]')).toBe('a b c d  e ')
    expect(sheetName('x'.repeat(40))).toHaveLength(31)
  })
})

describe('cells', () => {
  it('writes numbers as numbers and yes/no and choices in words', async () => {
    const t = await getFixedT('zh-CN', 'completeness')
    expect(valueCell(f('n', 'integer'), 3, 'zh-CN', t)).toBe(3)
    expect(valueCell(f('n', 'integer'), '12', 'zh-CN', t)).toBe(12)
    expect(valueCell(f('yuan', 'decimal', { scale: 2 }), '1300.50', 'zh-CN', t)).toEqual({ value: 1300.5, type: Number, format: '0.00' })
    expect(valueCell(f('b', 'boolean'), true, 'zh-CN', t)).toBe('是')
    const choice = f('c', 'choice', { choices: [{ value: 'good', label: label('好', 'Good') }, { value: 'poor', label: label('差', 'Poor') }] })
    expect(valueCell(choice, 'poor', 'zh-CN', t)).toBe('差')
    expect(valueCell(choice, 'poor', 'en', t)).toBe('Poor')
    expect(valueCell(f('s', 'text'), '', 'zh-CN', t)).toBeNull()
    expect(valueCell(f('s', 'longtext'), undefined, 'zh-CN', t)).toBeNull()
  })

  it('takes the union of the fields of the versions in use, newest labels first', () => {
    const v1: TemplateDefinition = { sections: [{ key: 's', label: label('s', 's'), fields: [f('a', 'integer', { label: label('旧A', 'old A') }), f('gone', 'text')] }] }
    const v2: TemplateDefinition = { sections: [{ key: 's', label: label('s', 's'), fields: [f('a', 'integer', { label: label('新A', 'new A') }), f('b', 'integer')] }] }
    const templates = [
      { id: 't2', version: 2, valid_from: '2026-09-01', definition: v2 },
      { id: 't1', version: 1, valid_from: '2026-01-01', definition: v1 },
    ]
    expect(exportFields(templates, new Set(['t1', 't2'])).map((x) => [x.key, x.label['zh-CN']])).toEqual([
      ['a', '新A'],
      ['b', 'b'],
      ['gone', 'gone'],
    ])
    expect(exportFields(templates, new Set(['t1'])).map((x) => x.key)).toEqual(['a', 'gone'])
  })
})
