import { describe, expect, it, vi } from 'vitest'
import { i18nInstance, MISSING_TRANSLATION } from '~/lib/i18n'
import { allResources } from '~/lib/i18n.server'
import { isListedColumn } from './audit'
import { changedFieldsText, fieldLabel } from './fields'

const zh = i18nInstance('zh-CN', allResources)
const en = i18nInstance('en', allResources)

describe('the label of a changed field', () => {
  it('is the table’s own where the column means something of its own, else the shared one', () => {
    expect(fieldLabel(zh, 'public.pairings', 'ends_on')).toBe('结对结束日期')
    expect(fieldLabel(zh, 'public.cadre_postings', 'ends_on')).toBe('任职结束日期')
    expect(fieldLabel(en, 'public.cadre_postings', 'ends_on')).toBe('Posting ends on')
    expect(fieldLabel(zh, 'public.concern_cases', 'village_id')).toBe('村（社区）')
    expect(fieldLabel(en, 'public.households', 'is_active')).toBe('Registered')
    expect(fieldLabel(zh, 'public.profiles', 'is_active')).toBe('账号状态')
  })

  it('is the column’s own name when it has none, and the missing text is reported', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(changedFieldsText(zh, 'public.pairings', ['is_lead', 'a_new_column'])).toBe('牵头单位、a_new_column')
      expect(changedFieldsText(en, 'public.pairings', ['is_lead', 'a_new_column'])).toBe('Lead unit, a_new_column')
      const reported = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith(MISSING_TRANSLATION))
      expect(reported).toEqual([`${MISSING_TRANSLATION} zh-CN audit:fields.pairings.a_new_column`, `${MISSING_TRANSLATION} en audit:fields.pairings.a_new_column`])
    } finally {
      warn.mockRestore()
    }
  })
})

describe('the columns listed as changed', () => {
  it('leave out what the entry already says and what every write touches', () => {
    for (const column of ['id', 'created_at', 'created_by', 'updated_at', 'updated_by']) expect(isListedColumn('public.households', column)).toBe(false)
    expect(isListedColumn('public.report_transitions', 'occurred_at')).toBe(false)
    expect(isListedColumn('public.monthly_reports', 'revision')).toBe(false)
    expect(isListedColumn('public.profiles', 'user_id')).toBe(false)
    expect(isListedColumn('public.memberships', 'user_id')).toBe(true)
    expect(isListedColumn('public.memberships', 'revoked_by')).toBe(true)
  })
})
