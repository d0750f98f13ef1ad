import { describe, expect, it } from 'vitest'
import {
  addMonths,
  chooseRange,
  classifyCell,
  completenessRate,
  daysBetween,
  defaultRange,
  dueOnFor,
  formatRate,
  isExpected,
  isPending,
  lastDayOf,
  monthsBetween,
  periodFromMonth,
  rangeFromParams,
  shanghaiDate,
  shanghaiTime,
  sumCounts,
  timelinessRate,
  versionFor,
} from './completeness'

describe('months and days', () => {
  it('parses a month and refuses anything else', () => {
    expect(periodFromMonth('2026-10')).toBe('2026-10-01')
    expect(periodFromMonth('2026-13')).toBeNull()
    expect(periodFromMonth('2026-1')).toBeNull()
    expect(periodFromMonth("2026-10'; drop table x")).toBeNull()
    expect(periodFromMonth(null)).toBeNull()
  })

  it('counts months across years', () => {
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01')
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01')
    expect(monthsBetween('2026-11-01', '2027-02-01')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01'])
    expect(lastDayOf('2028-02-01')).toBe('2028-02-29')
    expect(lastDayOf('2026-12-01')).toBe('2026-12-31')
    expect(daysBetween('2026-11-05', '2026-11-28')).toBe(23)
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
  })

  it('takes today in Asia/Shanghai, not in the server’s zone', () => {
    expect(shanghaiDate(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28')
    expect(shanghaiDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27')
    expect(shanghaiTime(new Date('2026-11-27T16:05:00Z'))).toBe('00:05')
  })

  it('puts the due date on the template’s day of the next month', () => {
    expect(dueOnFor('2026-10-01', 5)).toBe('2026-11-05')
    expect(dueOnFor('2026-12-01', 28)).toBe('2027-01-28')
  })

  it('picks the version valid in a month', () => {
    const versions = [
      { v: 1, valid_from: '2026-01-01' },
      { v: 2, valid_from: '2026-09-01' },
    ]
    expect(versionFor(versions, '2025-12-01')).toBeNull()
    expect(versionFor(versions, '2026-08-01')?.v).toBe(1)
    expect(versionFor(versions, '2026-09-01')?.v).toBe(2)
    expect(versionFor(versions, '2027-03-01')?.v).toBe(2)
  })

  it('expects a village in every month it is active for at least a day', () => {
    expect(isExpected({ active_from: null, active_until: null }, '2026-10-01')).toBe(true)
    expect(isExpected({ active_from: '2026-10-31', active_until: null }, '2026-10-01')).toBe(true)
    expect(isExpected({ active_from: '2026-11-01', active_until: null }, '2026-10-01')).toBe(false)
    expect(isExpected({ active_from: null, active_until: '2026-10-01' }, '2026-10-01')).toBe(true)
    expect(isExpected({ active_from: null, active_until: '2026-09-30' }, '2026-10-01')).toBe(false)
  })
})

describe('month range of the page', () => {
  const today = '2026-11-28'
  it('defaults to the last three closed months and the current one', () => {
    expect(defaultRange(today)).toEqual({ from: '2026-08-01', to: '2026-11-01' })
    expect(rangeFromParams(new URLSearchParams(), today)).toEqual({ from: '2026-08-01', to: '2026-11-01' })
  })
  it('reads, orders and bounds the URL’s months', () => {
    expect(rangeFromParams(new URLSearchParams('from=2026-10&to=2026-10'), today)).toEqual({ from: '2026-10-01', to: '2026-10-01' })
    expect(rangeFromParams(new URLSearchParams('from=2026-10&to=2026-06'), today)).toEqual({ from: '2026-06-01', to: '2026-10-01' })
    expect(rangeFromParams(new URLSearchParams('from=2026-10'), today)).toEqual({ from: '2026-10-01', to: '2026-11-01' })
    expect(rangeFromParams(new URLSearchParams('from=2027-03&to=2027-05'), today)).toEqual({ from: '2026-11-01', to: '2026-11-01' })
    expect(rangeFromParams(new URLSearchParams('from=2020-01&to=2026-11'), today)).toEqual({ from: '2025-11-01', to: '2026-11-01' })
    expect(rangeFromParams(new URLSearchParams('from=junk&to=2026-09'), today)).toEqual({ from: '2026-08-01', to: '2026-09-01' })
  })
  it('says when it cut a range longer than 13 months, and what was asked', () => {
    expect(chooseRange(new URLSearchParams('from=2024-11&to=2026-11'), today)).toEqual({ range: { from: '2025-11-01', to: '2026-11-01' }, cut: { from: '2024-11-01', to: '2026-11-01' } })
    expect(chooseRange(new URLSearchParams('from=2026-11&to=2024-11'), today).cut).toEqual({ from: '2024-11-01', to: '2026-11-01' })
    expect(chooseRange(new URLSearchParams('from=2025-11&to=2026-11'), today)).toEqual({ range: { from: '2025-11-01', to: '2026-11-01' }, cut: null })
    expect(chooseRange(new URLSearchParams(), today).cut).toBeNull()
  })
})

describe('months not due yet', () => {
  it('are pending up to and including the due day, as the heatmap’s cells', () => {
    expect(isPending('2026-12-05', '2026-11-29')).toBe(true)
    expect(isPending('2026-12-05', '2026-12-05')).toBe(true)
    expect(isPending('2026-12-05', '2026-12-06')).toBe(false)
    expect(isPending(null, '2026-11-29')).toBe(false)
    for (const today of ['2026-12-04', '2026-12-05', '2026-12-06']) {
      const cell = classifyCell({ expected: true, report: null, dueOn: '2026-12-05', today })
      expect(cell.kind === 'pending', today).toBe(isPending('2026-12-05', today))
    }
  })
})

describe('rates (DHIS2)', () => {
  const counts = { expected: 8, submitted: 6, on_time: 4, late: 2, approved: 3, missing: 2 }
  it('divides by expected, for completeness and for timeliness', () => {
    expect(completenessRate(counts)).toBe(0.75)
    expect(timelinessRate(counts)).toBe(0.5)
  })
  it('has no rate when nothing was expected', () => {
    const none = { expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }
    expect(completenessRate(none)).toBeNull()
    expect(formatRate(null, 'zh-CN')).toBe('—')
  })
  it('adds rows and formats percentages', () => {
    expect(sumCounts([counts, counts])).toEqual({ expected: 16, submitted: 12, on_time: 8, late: 4, approved: 6, missing: 4 })
    expect(formatRate(2 / 3, 'zh-CN')).toBe('66.7%')
    // always one decimal, so that a column of rates reads alike ('93.0%' beside '98.3%')
    expect(formatRate(1, 'en')).toBe('100.0%')
    expect(formatRate(0.93, 'zh-CN')).toBe('93.0%')
    expect(formatRate(0, 'en')).toBe('0.0%')
  })
})

describe('heatmap cells', () => {
  const today = '2026-11-28'
  const report = (state: 'draft' | 'submitted' | 'returned' | 'approved' | 'reopened', first: string | null, due = '2026-11-05') => ({ state, due_on: due, first_submitted_on: first })

  it('shows submitted reports by state, late ones with the days late', () => {
    expect(classifyCell({ expected: true, report: report('approved', '2026-11-05'), dueOn: null, today })).toEqual({ kind: 'approved', late: false, days: null })
    expect(classifyCell({ expected: true, report: report('approved', '2026-11-08'), dueOn: null, today })).toEqual({ kind: 'approved', late: true, days: 3 })
    expect(classifyCell({ expected: true, report: report('submitted', '2026-11-02'), dueOn: null, today }).kind).toBe('submitted')
    expect(classifyCell({ expected: true, report: report('returned', '2026-11-02'), dueOn: null, today }).kind).toBe('returned')
    expect(classifyCell({ expected: true, report: report('reopened', '2026-11-09'), dueOn: null, today })).toEqual({ kind: 'reopened', late: true, days: 4 })
  })

  it('calls a report overdue the day after its due date, with the days overdue', () => {
    expect(classifyCell({ expected: true, report: null, dueOn: '2026-11-05', today })).toEqual({ kind: 'overdue', late: false, days: 23 })
    expect(classifyCell({ expected: true, report: report('draft', null), dueOn: '2026-11-05', today })).toEqual({ kind: 'overdue', late: false, days: 23 })
    expect(classifyCell({ expected: true, report: null, dueOn: '2026-11-28', today }).kind).toBe('pending')
    expect(classifyCell({ expected: true, report: null, dueOn: '2026-11-27', today })).toEqual({ kind: 'overdue', late: false, days: 1 })
  })

  it('tells a draft from nothing before the due date', () => {
    expect(classifyCell({ expected: true, report: report('draft', null, '2026-12-05'), dueOn: '2026-12-05', today }).kind).toBe('draft')
    expect(classifyCell({ expected: true, report: null, dueOn: '2026-12-05', today }).kind).toBe('pending')
    expect(classifyCell({ expected: true, report: null, dueOn: null, today }).kind).toBe('pending')
  })

  it('leaves months the village was not expected to report blank', () => {
    expect(classifyCell({ expected: false, report: null, dueOn: '2026-11-05', today })).toEqual({ kind: 'inactive', late: false, days: null })
  })
})
