import { describe, expect, it } from 'vitest'
import { asciiDigits, normalizeNumber, numberInput } from './number-input'

describe('asciiDigits', () => {
  it('reads full-width digits, signs, point, comma and space as ASCII, and leaves the rest', () => {
    expect(asciiDigits('０１２３４５６７８９')).toBe('0123456789')
    expect(asciiDigits('－１２．５')).toBe('-12.5')
    expect(asciiDigits('＋８６\u3000１３８－００００－０００８')).toBe('+86 138-0000-0008')
    expect(asciiDigits('−3')).toBe('-3')
    expect(asciiDigits('１，２００')).toBe('1,200')
    expect(asciiDigits('２０２６／３／１')).toBe('2026/3/1')
    // not NFKC: circled digits, superscripts and Chinese numerals stay what they are
    expect(asciiDigits('①²三')).toBe('①²三')
  })
})

describe('normalizeNumber', () => {
  it('drops spaces and grouping separators, and only where they group', () => {
    expect(normalizeNumber(' １２ ')).toBe('12')
    expect(normalizeNumber('１２３')).toBe('123')
    expect(normalizeNumber('1,200')).toBe('1200')
    expect(normalizeNumber('１，２００，０００．５')).toBe('1200000.5')
    expect(normalizeNumber('1 200')).toBe('1200')
    expect(normalizeNumber('1,2')).toBe('1,2')
    expect(normalizeNumber('12,00')).toBe('12,00')
    expect(normalizeNumber('')).toBe('')
    expect(normalizeNumber('abc')).toBe('abc')
  })

  it('leaves what is not a string to the schema', () => {
    expect(numberInput('３')).toBe('3')
    expect(numberInput(3)).toBe(3)
    expect(numberInput(undefined)).toBeUndefined()
  })
})
