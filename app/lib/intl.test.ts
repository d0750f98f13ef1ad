import { describe, expect, it } from 'vitest'
import { dateTimeFormat, numberFormat } from './intl'

describe('cached Intl formatters', () => {
  it('answers one formatter per locale and options, whether the options are frozen or built per call', () => {
    const frozen = Object.freeze({ year: 'numeric', month: '2-digit', timeZone: 'UTC' } as const)
    const first = dateTimeFormat('en-GB', frozen)
    expect(dateTimeFormat('en-GB', frozen)).toBe(first)
    expect(dateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', timeZone: 'UTC' })).toBe(first)
    expect(first.format(Date.UTC(2026, 10, 1))).toBe('11/2026')
  })

  it('keeps locales apart under the same frozen options', () => {
    const options = Object.freeze({ year: 'numeric', month: 'long', timeZone: 'UTC' } as const)
    expect(dateTimeFormat('en-GB', options).format(Date.UTC(2026, 10, 1))).toBe('November 2026')
    expect(dateTimeFormat('zh-CN', options).format(Date.UTC(2026, 10, 1))).toBe('2026年11月')
    expect(dateTimeFormat('en-GB', options).format(Date.UTC(2026, 10, 1))).toBe('November 2026')
  })

  it('follows options built per call, as their values say', () => {
    const digits = (n: number) => numberFormat('en-GB', { minimumFractionDigits: n, maximumFractionDigits: n }).format(1.5)
    expect(digits(0)).toBe('2')
    expect(digits(2)).toBe('1.50')
    expect(digits(1)).toBe('1.5')
    expect(numberFormat('en-GB').format(1300)).toBe('1,300')
    const changed: Intl.NumberFormatOptions = { minimumFractionDigits: 0, maximumFractionDigits: 0 }
    expect(numberFormat('en-GB', changed).format(1.25)).toBe('1')
    changed.minimumFractionDigits = changed.maximumFractionDigits = 2
    expect(numberFormat('en-GB', changed).format(1.25)).toBe('1.25')
    expect(numberFormat('zh-CN', Object.freeze({ style: 'percent' } as const)).format(0.817)).toBe('82%')
  })
})
