import { describe, expect, it } from 'vitest'
import zh from '../../../locales/zh-CN/monthly-reports.json'
import en from '../../../locales/en/monthly-reports.json'
import {
  addMonths,
  currentPeriod,
  dueOn,
  formValuesOf,
  parseFieldValue,
  parsePeriodParam,
  reportErrorsFrom,
  reportFormInput,
  reportSchema,
  reviewSchema,
  shanghaiDate,
  timeliness,
  villageIntentSchema,
} from './schema'
import { templateDefinitionSchema, type TemplateField } from './template'

const l = (zhText: string, enText: string) => ({ 'zh-CN': zhText, en: enText })

const definition = templateDefinitionSchema.parse({
  sections: [
    {
      key: 'meetings',
      label: l('三会一课', 'Meetings'),
      fields: [
        { key: 'assemblies', type: 'integer', label: l('支部党员大会', 'Assemblies'), required: true, min: 0, max: 31 },
        { key: 'visits', type: 'integer', label: l('走访', 'Visits'), min: 0, outlierCheck: true },
        { key: 'income', type: 'decimal', label: l('集体收入', 'Income'), scale: 2, min: 0 },
        { key: 'themed_day', type: 'boolean', label: l('主题党日', 'Themed day'), required: true },
        { key: 'progress', type: 'choice', label: l('承诺进度', 'Progress'), choices: [{ value: 'on_track', label: l('正常', 'On track') }, { value: 'behind', label: l('滞后', 'Behind') }] },
        { key: 'problems', type: 'longtext', label: l('问题', 'Problems'), maxLength: 10 },
        { key: 'note', type: 'text', label: l('备注', 'Note') },
      ],
    },
  ],
})
const field = (key: string) => definition.sections[0]!.fields.find((f) => f.key === key) as TemplateField

/** A translator that shows the key and its params, to check what the schema asks to say. */
const keys = (key: string, params?: Record<string, unknown>) => (params ? `${key}${JSON.stringify(params)}` : key)

describe('parseFieldValue', () => {
  it('reads integers, with full-width digits and thousands separators, and refuses the rest', () => {
    expect(parseFieldValue(field('assemblies'), ' 3 ')).toEqual({ value: 3 })
    expect(parseFieldValue(field('assemblies'), '１２')).toEqual({ value: 12 })
    expect(parseFieldValue(field('visits'), '1,200')).toEqual({ value: 1200 })
    expect(parseFieldValue(field('assemblies'), '2.5')).toEqual({ issue: { message: 'validation.integer' } })
    expect(parseFieldValue(field('assemblies'), 'abc')).toEqual({ issue: { message: 'validation.integer' } })
    expect(parseFieldValue(field('assemblies'), '-1')).toEqual({ issue: { message: 'validation.min', params: { min: 0 } } })
    expect(parseFieldValue(field('assemblies'), '32')).toEqual({ issue: { message: 'validation.max', params: { max: 31 } } })
    expect(parseFieldValue(field('visits'), '99999999999999999999')).toEqual({ issue: { message: 'validation.tooLarge' } })
    expect(parseFieldValue(field('assemblies'), '')).toEqual({ value: null })
  })

  it('keeps decimals to the field’s scale', () => {
    expect(parseFieldValue(field('income'), '12000.5')).toEqual({ value: '12000.50' })
    expect(parseFieldValue(field('income'), '0.1')).toEqual({ value: '0.10' })
    expect(parseFieldValue(field('income'), '007')).toEqual({ value: '7.00' })
    expect(parseFieldValue(field('income'), '.5')).toEqual({ value: '0.50' })
    expect(parseFieldValue(field('income'), '1.230')).toEqual({ value: '1.23' })
    expect(parseFieldValue(field('income'), '１２．３')).toEqual({ value: '12.30' })
    expect(parseFieldValue(field('income'), '12,345.67')).toEqual({ value: '12345.67' })
    expect(parseFieldValue(field('income'), '-0.00')).toEqual({ value: '0.00' })
    expect(parseFieldValue(field('income'), '-0.01')).toEqual({ issue: { message: 'validation.min', params: { min: 0 } } })
    expect(parseFieldValue(field('income'), '1.234')).toEqual({ issue: { message: 'validation.scale', params: { scale: 2 } } })
    expect(parseFieldValue(field('income'), '1.2.3')).toEqual({ issue: { message: 'validation.decimal' } })
  })

  it('reads yes/no, choices and text', () => {
    expect(parseFieldValue(field('themed_day'), 'true')).toEqual({ value: true })
    expect(parseFieldValue(field('themed_day'), false)).toEqual({ value: false })
    expect(parseFieldValue(field('themed_day'), 'maybe')).toEqual({ issue: { message: 'validation.invalid' } })
    expect(parseFieldValue(field('progress'), 'behind')).toEqual({ value: 'behind' })
    expect(parseFieldValue(field('progress'), 'ahead')).toEqual({ issue: { message: 'validation.choice' } })
    expect(parseFieldValue(field('problems'), '一二三四五六七八九十')).toEqual({ value: '一二三四五六七八九十' })
    expect(parseFieldValue(field('problems'), '一二三四五六七八九十一')).toEqual({ issue: { message: 'validation.maxLength', params: { max: 10 } } })
    expect(parseFieldValue(field('note'), 'x'.repeat(201))).toEqual({ issue: { message: 'validation.maxLength', params: { max: 200 } } })
  })
})

describe('reportSchema', () => {
  it('lets a draft be incomplete but not malformed', () => {
    const draft = reportSchema(definition, { mode: 'draft' })
    expect(draft.safeParse({ values: { visits: '4' } })).toMatchObject({ success: true, data: { values: { visits: 4 }, comments: {} } })
    const bad = draft.safeParse({ values: { visits: 'four', income: '1.999' } })
    expect(bad.success).toBe(false)
    if (!bad.success) {
      expect(reportErrorsFrom(bad.error, keys)).toEqual({
        'values.visits': ['validation.integer'],
        'values.income': ['validation.scale{"scale":2}'],
      })
    }
  })

  it('requires the required fields on submit', () => {
    const submit = reportSchema(definition, { mode: 'submit' })
    const missing = submit.safeParse({ values: { visits: '4' } })
    expect(missing.success).toBe(false)
    if (!missing.success) expect(Object.keys(reportErrorsFrom(missing.error, keys)).sort()).toEqual(['values.assemblies', 'values.themed_day'])
    expect(submit.safeParse({ values: { assemblies: '1', themed_day: 'false' } })).toMatchObject({
      success: true,
      data: { values: { assemblies: 1, themed_day: false } },
    })
  })

  it('drops keys the template does not know and blank comments, and trims the rest', () => {
    const parsed = reportSchema(definition, { mode: 'draft' }).parse({
      values: { assemblies: '2', injected: '1' },
      comments: { visits: '  ', assemblies: ' 补开一次 ', injected: 'x' },
    })
    expect(parsed).toEqual({ values: { assemblies: 2 }, comments: { assemblies: '补开一次' } })
  })

  it('asks for a comment on an outlier when submitting, not when saving', () => {
    const input = { values: { assemblies: '1', themed_day: 'true', visits: '80' }, comments: {} }
    expect(reportSchema(definition, { mode: 'draft', outlierThresholds: { visits: 30 } }).safeParse(input).success).toBe(true)
    const refused = reportSchema(definition, { mode: 'submit', outlierThresholds: { visits: 30 } }).safeParse(input)
    expect(refused.success).toBe(false)
    if (!refused.success) expect(reportErrorsFrom(refused.error, keys)).toEqual({ 'comments.visits': ['validation.outlierComment'] })
    const explained = reportSchema(definition, { mode: 'submit', outlierThresholds: { visits: 30 } }).safeParse({ ...input, comments: { visits: '党员冬训集中走访' } })
    expect(explained.success).toBe(true)
    expect(reportSchema(definition, { mode: 'submit', outlierThresholds: { visits: 80 } }).safeParse(input).success).toBe(true)
  })

  it('round-trips stored values through the form', () => {
    const stored = { assemblies: 2, themed_day: true, income: '12000.50', progress: 'behind' }
    expect(reportSchema(definition, { mode: 'submit' }).parse({ values: formValuesOf(stored) }).values).toEqual(stored)
  })

  it('only emits messages both languages translate', () => {
    const messages = ['required', 'invalid', 'integer', 'decimal', 'scale', 'min', 'max', 'tooLarge', 'choice', 'maxLength', 'outlierComment', 'reasonRequired', 'reasonTooLong']
    for (const m of messages) {
      expect(zh.validation).toHaveProperty(m)
      expect(en.validation).toHaveProperty(m)
    }
  })
})

describe('the locale files', () => {
  const paths = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? paths(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))
  it('have identical keys in zh-CN and en', () => {
    expect(paths(en).sort()).toEqual(paths(zh).sort())
  })
})

describe('form input and other forms', () => {
  it('splits the posted form into values, comments and the rest', () => {
    const form = new URLSearchParams({ 'values.visits': '3', 'comments.visits': '说明', intent: 'save', revision: '4' })
    expect(reportFormInput(form)).toEqual({ values: { visits: '3' }, comments: { visits: '说明' }, other: { intent: 'save', revision: '4' } })
    expect(villageIntentSchema.parse({ intent: 'submit', revision: '4' })).toEqual({ intent: 'submit', revision: 4 })
    expect(villageIntentSchema.safeParse({ intent: 'submit' }).success).toBe(false)
    expect(villageIntentSchema.parse({ intent: 'start' })).toEqual({ intent: 'start' })
  })

  it('needs a reason to return or reopen, not to approve', () => {
    expect(reviewSchema.parse({ intent: 'approve' })).toEqual({ intent: 'approve', reason: null })
    expect(reviewSchema.safeParse({ intent: 'return', reason: '   ' }).success).toBe(false)
    expect(reviewSchema.safeParse({ intent: 'reopen' }).success).toBe(false)
    expect(reviewSchema.parse({ intent: 'return', reason: ' 数据有误 ' })).toEqual({ intent: 'return', reason: '数据有误' })
    expect(reviewSchema.safeParse({ intent: 'delete', reason: 'x' }).success).toBe(false)
  })
})

describe('periods and dates', () => {
  it('parses the URL month and moves across years', () => {
    expect(parsePeriodParam('2026-11')).toBe('2026-11-01')
    expect(parsePeriodParam('2026-13')).toBeNull()
    expect(parsePeriodParam('2026-1')).toBeNull()
    expect(parsePeriodParam(undefined)).toBeNull()
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01')
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01')
    expect(dueOn('2026-12-01', 5)).toBe('2027-01-05')
  })

  it('takes the day and the month in Shanghai', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai
    expect(shanghaiDate(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01')
    expect(currentPeriod(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01')
    expect(currentPeriod(new Date('2026-11-30T15:00:00Z'))).toBe('2026-11-01')
  })

  it('tells late from on time and overdue from pending', () => {
    // submitted 23:30 on the due day, Shanghai time: on time
    expect(timeliness({ due_on: '2026-12-05', first_submitted_at: new Date('2026-12-05T15:30:00Z') }, '2026-12-10')).toEqual({ late: false, overdue: false })
    expect(timeliness({ due_on: '2026-12-05', first_submitted_at: new Date('2026-12-05T16:30:00Z') }, '2026-12-10')).toEqual({ late: true, overdue: false })
    expect(timeliness({ due_on: '2026-12-05', first_submitted_at: null }, '2026-12-05')).toEqual({ late: false, overdue: false })
    expect(timeliness({ due_on: '2026-12-05', first_submitted_at: null }, '2026-12-06')).toEqual({ late: false, overdue: true })
  })
})
