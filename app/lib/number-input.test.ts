import { describe, expect, it } from 'vitest'
import { asciiDigits, normalizeNumber, numberInput, optionalPhone } from './number-input'

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

describe('optionalPhone', () => {
  it('reads full-width digits, takes empty or absent as null, and refuses what is not a phone', () => {
    expect(optionalPhone.parse('１３８－００００－０００７')).toBe('138-0000-0007')
    expect(optionalPhone.parse(' ')).toBeNull()
    expect(optionalPhone.parse(undefined)).toBeNull()
    expect(optionalPhone.safeParse('一三八').error!.issues.map((i) => i.message)).toEqual(['validation.phone'])
    expect(optionalPhone.safeParse('1'.repeat(21)).error!.issues.map((i) => i.message)).toContain('validation.tooLong')
  })
})
