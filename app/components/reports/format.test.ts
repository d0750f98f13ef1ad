import { describe, expect, it } from 'vitest'
import { formatDay, formatInstant, formatPeriod } from './format'

describe('report dates as shown', () => {
  it('shows months and days in each language, the same on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatPeriod('2026-11-01', 'zh-CN')).toBe('2026年11月')
      expect(formatPeriod('2026-11-01', 'en')).toBe('November 2026')
      expect(formatDay('2026-12-05', 'zh-CN')).toBe('2026/12/05')
      expect(formatDay('2026-12-05', 'en')).toBe('05/12/2026')
    }
    expect(formatDay('2026-12-05T00:00:00+08:00', 'en')).toBe('05/12/2026')
    expect(formatDay(null, 'en')).toBe('')
  })

  it('stays right past the number of texts it remembers', () => {
    const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)
    for (let n = 0; n < 6000; n++) {
      const [y, m, d] = day(n).split('-')
      expect(formatDay(day(n), 'en')).toBe(`${d}/${m}/${y}`)
    }
    expect(formatPeriod('2000-01-01', 'en')).toBe('January 2000')
  })

  it('shows instants in Shanghai time', () => {
    expect(formatInstant('2026-11-30T16:30:00Z', 'en')).toBe('01/12/2026, 00:30')
    expect(formatInstant(undefined, 'en')).toBe('')
  })
})
