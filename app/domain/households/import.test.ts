import { describe, expect, it } from 'vitest'
import { dayOf, householdKey, parseHouseholdSheet, parsePairSheet, type Aliases, type HouseholdColumn, type PairColumn } from './import'

const H: Aliases<HouseholdColumn> = {
  headName: ['户主姓名', 'Head of household'],
  phone: ['联系电话', 'Phone'],
  members: ['家庭人口', 'Members'],
  povertyStatus: ['贫困状况', 'Poverty status'],
  address: ['住址', 'Address'],
  situation: ['家庭情况', 'Situation'],
}
const P: Aliases<PairColumn> = {
  cadreName: ['干部姓名'],
  cadrePhone: ['干部电话'],
  headName: ['户主姓名'],
  phone: ['联系电话'],
  startsOn: ['结对日期'],
}
const LABELS = { 贫困户: 'poor', 已脱贫: 'lifted' } as const

describe('parseHouseholdSheet', () => {
  it('reads columns in any order and either language, defaults the status, skips empty rows', () => {
    const { rows, errors } = parseHouseholdSheet(
      [
        ['Members', 'Head of household *', 'Poverty status'],
        [3, ' 张三 ', '贫困户'],
        [null, '', null],
        ['2', '李四', ''],
      ],
      H,
      LABELS,
    )
    expect(errors).toEqual([])
    expect(rows).toEqual([
      { row: 2, headName: '张三', phone: null, members: 3, povertyStatus: 'poor', address: null, situation: null },
      { row: 4, headName: '李四', phone: null, members: 2, povertyStatus: 'not_poor', address: null, situation: null },
    ])
  })

  it('reports each bad cell with its row and column, and repeated households', () => {
    const { rows, errors } = parseHouseholdSheet(
      [
        ['户主姓名', '联系电话', '家庭人口', '贫困状况'],
        ['王五', 'x', 1.5, '富'],
        ['赵六', '138 0000 0000', 2, null],
        ['赵六', '13800000000', 3, null],
      ],
      H,
      LABELS,
    )
    expect(rows.map((r) => r.headName)).toEqual(['赵六'])
    expect(errors).toEqual([
      { row: 2, column: 'members', code: 'members' },
      { row: 2, column: 'phone', code: 'phone' },
      { row: 2, column: 'povertyStatus', code: 'povertyStatus' },
      { row: 4, column: 'headName', code: 'duplicate' },
    ])
  })

  it('reads full-width digits in the members and the phone, as a Chinese input method types them', () => {
    const { rows, errors } = parseHouseholdSheet(
      [
        ['户主姓名', '联系电话', '家庭人口'],
        ['张三', '１３８－００００－００００', '３'],
        ['李四', '', ' １２ '],
        ['王五', '', '１．５'],
      ],
      H,
      LABELS,
    )
    expect(errors).toEqual([{ row: 4, column: 'members', code: 'members' }])
    expect(rows.map((r) => [r.headName, r.phone, r.members])).toEqual([
      ['张三', '138-0000-0000', 3],
      ['李四', null, 12],
    ])
    // the same household as its ASCII spelling: updated on a re-import, not added again
    expect(householdKey(rows[0]!.headName, rows[0]!.phone)).toBe(householdKey('张三', '13800000000'))
  })

  it('names missing required columns and empty files', () => {
    expect(parseHouseholdSheet([['住址']], H, LABELS).errors.map((e) => e.column)).toEqual(['headName', 'members'])
    expect(parseHouseholdSheet([['户主姓名', '家庭人口']], H, LABELS).errors).toEqual([{ row: null, column: null, code: 'noRows' }])
  })
})

describe('household identity', () => {
  it('is the head and the phone digits', () => {
    expect(householdKey('张三', '138-0000 0000')).toBe(householdKey(' 张三', '13800000000'))
    expect(householdKey('张三', null)).not.toBe(householdKey('张三', '13800000000'))
  })
})

describe('parsePairSheet', () => {
  it('reads dates as text or Excel dates and refuses future and invalid ones', () => {
    const { rows, errors } = parsePairSheet(
      [
        ['干部姓名', '户主姓名', '结对日期'],
        ['甲', '张三', '2026/3/1'],
        ['乙', '李四', new Date('2026-02-01T00:00:00Z')],
        ['丙', '王五', '2026-02-30'],
        ['丁', '赵六', '2027-01-01'],
      ],
      P,
      '2026-11-28',
    )
    expect(rows.map((r) => r.startsOn)).toEqual(['2026-03-01', '2026-02-01'])
    expect(errors).toEqual([
      { row: 4, column: 'startsOn', code: 'date' },
      { row: 5, column: 'startsOn', code: 'futureDate' },
    ])
    expect(dayOf('2026-1-5')).toBe('2026-01-05')
  })

  it('reads full-width digits in the phones and the date', () => {
    const { rows, errors } = parsePairSheet(
      [
        ['干部姓名', '干部电话', '户主姓名', '联系电话', '结对日期'],
        ['甲', '１３９－００００－０３０１', '张三', '１３８００００００００', '２０２６／３／１'],
      ],
      P,
      '2026-11-28',
    )
    expect(errors).toEqual([])
    expect(rows).toEqual([{ row: 2, cadreName: '甲', cadrePhone: '139-0000-0301', headName: '张三', phone: '13800000000', startsOn: '2026-03-01' }])
    expect(dayOf('２０２６－０１－０５')).toBe('2026-01-05')
  })
})
