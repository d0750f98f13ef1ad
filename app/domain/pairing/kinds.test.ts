import { describe, expect, it } from 'vitest'
import { dayBefore, FIVE_HELPS, FOUR_DELIVERIES, formatYuan, isMoneyMetric, portalOfUrl, todayInShanghai } from './kinds'
import { registerFilterFrom } from './filters'

describe('five helps and four deliveries', () => {
  it('splits the nine kinds five and four, in the article order', () => {
    expect(FIVE_HELPS).toEqual(['help_catch_up', 'help_start_business', 'help_collective_economy', 'help_cultivate_leaders', 'help_positions_systems'])
    expect(FOUR_DELIVERIES).toEqual(['deliver_policies', 'deliver_information', 'deliver_skills', 'deliver_care'])
  })
})

describe('dates in Asia/Shanghai', () => {
  it('is already tomorrow in Shanghai at 17:00 UTC', () => {
    expect(todayInShanghai(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29')
    expect(todayInShanghai(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28')
  })
  it('steps back over month and year ends', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28')
    expect(dayBefore('2027-01-01')).toBe('2026-12-31')
  })
})

describe('formatYuan', () => {
  it('keeps exact decimals and groups thousands', () => {
    expect(formatYuan('1234567.5')).toBe('1,234,567.50')
    expect(formatYuan('0.1')).toBe('0.10')
    expect(formatYuan('99999999999999.99')).toBe('99,999,999,999,999.99')
    expect(formatYuan('12')).toBe('12.00')
    expect(formatYuan(null)).toBe('—')
  })
  it('knows which metric is money', () => {
    expect(isMoneyMetric('activity_funds')).toBe(true)
    expect(isMoneyMetric('activities')).toBe(false)
  })
})

describe('portalOfUrl', () => {
  it('reads the portal from the first segment', () => {
    expect(portalOfUrl(new URL('http://x/unit/abc/activities'))).toBe('unit')
    expect(() => portalOfUrl(new URL('http://x/admin/abc'))).toThrow()
  })
})

describe('registerFilterFrom', () => {
  it('keeps only well-formed values', () => {
    const f = registerFilterFrom(new URL('http://x/?village=nope&kind=deliver_care&from=2026-01-01&to=junk&page=-3&sort=village&dir=asc'))
    expect(f).toEqual({ villageId: undefined, unitId: undefined, kind: 'deliver_care', from: '2026-01-01', to: undefined, sort: 'village', dir: 'asc', page: 1 })
  })
  it('defaults to newest first', () => {
    expect(registerFilterFrom(new URL('http://x/'))).toMatchObject({ sort: 'date', dir: 'desc', page: 1 })
  })
})
