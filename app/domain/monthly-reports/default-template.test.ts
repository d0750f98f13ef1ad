import { describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATE_DEFINITION, DEFAULT_TEMPLATE_V2 } from './default-template'
import { fieldsOf, templateDefinitionSchema } from './template'

const keys = (d: typeof DEFAULT_TEMPLATE_DEFINITION) => fieldsOf(d).map((f) => f.key)

describe('the default template', () => {
  it.each([
    ['v1', DEFAULT_TEMPLATE_DEFINITION],
    ['v2', DEFAULT_TEMPLATE_V2],
  ] as const)('%s is a valid template definition, unchanged by parsing', (_, definition) => {
    const parsed = templateDefinitionSchema.safeParse(definition)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
    expect(parsed.data).toEqual(definition)
  })

  it('covers the monthly work the article describes', () => {
    expect(DEFAULT_TEMPLATE_DEFINITION.sections.map((s) => s.label['zh-CN'])).toEqual([
      '组织生活',
      '联系群众',
      '承诺践诺',
      '培训',
      '结对共建',
      '集体经济',
      '工作情况',
    ])
    expect(keys(DEFAULT_TEMPLATE_DEFINITION)).toEqual([
      'member_assemblies',
      'committee_meetings',
      'group_meetings',
      'party_lectures',
      'themed_party_day_held',
      'themed_party_day_participants',
      'household_visits',
      'village_notes',
      'concern_files_opened',
      'opinions_collected',
      'civil_cases_handled',
      'commitment_progress',
      'commitment_notes',
      'trainings_held',
      'training_participants',
      'pairing_activities',
      'collective_income',
      'work_done',
      'problems_and_needs',
    ])
  })

  it('labels every section and field in both languages, and gives every number a unit and a range', () => {
    for (const s of DEFAULT_TEMPLATE_DEFINITION.sections) {
      expect(s.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(s.label.en).toMatch(/^[A-Z]/)
    }
    for (const f of fieldsOf(DEFAULT_TEMPLATE_V2)) {
      expect(f.label['zh-CN'], f.key).toMatch(/[\u4e00-\u9fff]/)
      expect(f.label.en, f.key).toMatch(/^[A-Z]/)
      if (f.type === 'integer' || f.type === 'decimal') {
        expect(f.unit, f.key).toBeDefined()
        expect(f.min, f.key).toBe(0)
        expect(f.max, f.key).toBeGreaterThan(0)
      }
    }
  })

  it('keeps money exact: collective income is a decimal in yuan with two places, checked for outliers', () => {
    const income = fieldsOf(DEFAULT_TEMPLATE_DEFINITION).find((f) => f.key === 'collective_income')!
    expect(income).toMatchObject({ type: 'decimal', scale: 2, outlierCheck: true, required: true, unit: { 'zh-CN': '元' } })
  })

  it('asks for the commitment progress as a choice, and the work done as required long text', () => {
    const fields = fieldsOf(DEFAULT_TEMPLATE_DEFINITION)
    expect(fields.find((f) => f.key === 'commitment_progress')?.choices?.map((c) => c.value)).toEqual([
      'not_started',
      'in_progress',
      'fulfilled',
    ])
    expect(fields.find((f) => f.key === 'work_done')).toMatchObject({ type: 'longtext', required: true })
    expect(fields.find((f) => f.key === 'problems_and_needs')).toMatchObject({ type: 'longtext', required: false })
  })

  it('makes version 2 version 1 plus the party member volunteer services, leaving version 1 alone', () => {
    expect(keys(DEFAULT_TEMPLATE_V2)).toEqual([...keys(DEFAULT_TEMPLATE_DEFINITION).slice(0, 6), 'volunteer_services', ...keys(DEFAULT_TEMPLATE_DEFINITION).slice(6)])
    expect(keys(DEFAULT_TEMPLATE_DEFINITION)).not.toContain('volunteer_services')
    const added = fieldsOf(DEFAULT_TEMPLATE_V2).find((f) => f.key === 'volunteer_services')!
    expect(added.label['zh-CN']).toContain('党员志愿服务')
  })
})
