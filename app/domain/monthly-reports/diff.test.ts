import { describe, expect, it } from 'vitest'
import { diffValues, sameValue, sameValues } from './diff'

describe('sameValue', () => {
  it('treats blanks alike and numbers by value', () => {
    expect(sameValue(null, undefined)).toBe(true)
    expect(sameValue('', null)).toBe(true)
    expect(sameValue(0, null)).toBe(false)
    expect(sameValue(12, '12.0')).toBe(true)
    expect(sameValue(12, 13)).toBe(false)
    expect(sameValue(' 好 ', '好')).toBe(true)
    expect(sameValue(true, true)).toBe(true)
    expect(sameValue(true, false)).toBe(false)
    expect(sameValue(1, true)).toBe(false)
  })
})

describe('diffValues', () => {
  const keys = ['assemblies', 'visits', 'income', 'problems']

  it('lists the changed fields in template order, with both sides', () => {
    const before = { assemblies: 1, visits: 12, income: 12000.5, problems: '缺经费' }
    const after = { assemblies: 2, visits: 12, problems: '缺经费' }
    expect(diffValues(keys, before, after)).toEqual([
      { key: 'assemblies', before: 1, after: 2 },
      { key: 'income', before: 12000.5, after: null },
    ])
  })

  it('finds fields added since the previous submission and keys outside the template', () => {
    expect(diffValues(keys, {}, { visits: 3, retired_field: 1 })).toEqual([
      { key: 'visits', before: null, after: 3 },
      { key: 'retired_field', before: null, after: 1 },
    ])
  })

  it('is empty for equal maps whatever the key order', () => {
    expect(diffValues(keys, { visits: 3, assemblies: 1 }, { assemblies: 1, visits: 3 })).toEqual([])
    expect(sameValues({ a: 1, b: '' }, { a: 1 })).toBe(true)
    expect(sameValues(null, {})).toBe(true)
    expect(sameValues({ a: 1 }, { a: 2 })).toBe(false)
  })
})
