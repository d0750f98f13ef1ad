import { describe, expect, it } from 'vitest'
import { isOutlier, median, outlierKeys, outlierThreshold, outlierThresholds } from './outliers'
import { templateDefinitionSchema } from './template'

const l = (t: string) => ({ 'zh-CN': t, en: t })
const definition = templateDefinitionSchema.parse({
  sections: [
    {
      key: 's',
      label: l('s'),
      fields: [
        { key: 'visits', type: 'integer', label: l('visits'), outlierCheck: true },
        { key: 'income', type: 'decimal', label: l('income'), outlierCheck: true },
        { key: 'assemblies', type: 'integer', label: l('assemblies') },
        { key: 'problems', type: 'text', label: l('problems'), outlierCheck: true },
      ],
    },
  ],
})

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })
})

describe('outlierThreshold', () => {
  it('is three times the median, but at least the median plus ten', () => {
    expect(outlierThreshold([20, 22, 18])).toBe(60)
    expect(outlierThreshold([1, 2, 1])).toBe(11)
    expect(outlierThreshold([0, 0, 0])).toBe(10)
  })

  it('uses the six latest values only', () => {
    // newest first: six values around 10, then old large ones that no longer count
    expect(outlierThreshold([10, 10, 10, 10, 10, 10, 500, 500, 500])).toBe(30)
  })

  it('says nothing without enough history', () => {
    expect(outlierThreshold([])).toBeNull()
    expect(outlierThreshold([5, 6])).toBeNull()
  })
})

describe('outlierThresholds', () => {
  it('covers the numeric fields marked for the check that have history', () => {
    const history = [
      { visits: 12, income: '1000.00', assemblies: 1, problems: 'x' },
      { visits: 10, income: 'n/a', assemblies: 1 },
      { visits: 14, assemblies: 1 },
      { visits: null, income: '900.00' },
    ]
    // income has two numeric values only: no threshold; assemblies is not checked; text never is
    expect(outlierThresholds(definition, history)).toEqual({ visits: 36 })
    // decimals are stored as exact strings
    expect(outlierThresholds(definition, [{ income: '1000.00' }, { income: '1200.50' }, { income: 800 }])).toEqual({ income: 3000 })
  })
})

describe('isOutlier / outlierKeys', () => {
  it('flags values above the threshold, typed or as typed into the form', () => {
    expect(isOutlier(37, 36)).toBe(true)
    expect(isOutlier('37', 36)).toBe(true)
    expect(isOutlier(36, 36)).toBe(false)
    expect(isOutlier('', 36)).toBe(false)
    expect(isOutlier('abc', 36)).toBe(false)
    expect(isOutlier(1000, undefined)).toBe(false)
    expect(outlierKeys({ visits: 100, income: 5 }, { visits: 36, income: 20 })).toEqual(['visits'])
  })
})
