import { describe, expect, it } from 'vitest'
import { caseActionSchema, concernFilterFrom, concernNewSchema, intentsFor } from './schema'

describe('case lifecycle', () => {
  it('offers the moves of advance_concern_case for each state', () => {
    expect(intentsFor('open')).toEqual(['assign', 'close'])
    expect(intentsFor('assigned')).toEqual(['handle', 'close'])
    expect(intentsFor('handled')).toEqual(['confirm', 'close', 'reassign'])
    expect(intentsFor('confirmed')).toEqual([])
    expect(intentsFor('closed')).toEqual([])
  })

  it('requires an owner to assign and a note to handle, close or send back', () => {
    const issues = (v: Record<string, string>) => {
      const r = caseActionSchema('2026-11-28').safeParse(v)
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
    }
    expect(issues({ intent: 'assign' })).toEqual(['ownerName'])
    expect(issues({ intent: 'assign', ownerName: '李', dueOn: '2026-12' })).toEqual(['dueOn'])
    expect(issues({ intent: 'handle', note: ' ' })).toEqual(['note'])
    expect(issues({ intent: 'close' })).toEqual(['note'])
    expect(issues({ intent: 'reassign' })).toEqual(['note'])
    expect(issues({ intent: 'confirm' })).toEqual([])
    expect(issues({ intent: 'delete' })).toEqual(['intent'])
  })

  it('takes no deadline before today: the case is handed over now', () => {
    const r = caseActionSchema('2026-11-28').safeParse({ intent: 'assign', ownerName: '李', dueOn: '2026-11-27' })
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['dueOn', 'validation.past']])
    expect(caseActionSchema('2026-11-28').parse({ intent: 'assign', ownerName: '李', dueOn: '2026-11-28' }).dueOn).toBe('2026-11-28')
    expect(caseActionSchema('2026-11-28').parse({ intent: 'assign', ownerName: '李' }).dueOn).toBeNull()
  })
})

describe('new concern', () => {
  const base = { villageId: '3c0f6a52-8d0e-4b7a-9a51-6e2d7f1c4b90', on: '2026-11-28' }
  it('needs the field its kind is about', () => {
    const fail = (v: Record<string, string>) => {
      const r = concernNewSchema('2026-11-28').safeParse({ ...base, ...v })
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
    }
    expect(fail({ kind: 'file' })).toEqual(['personName'])
    expect(fail({ kind: 'opinion' })).toEqual(['content'])
    expect(fail({ kind: 'case', title: '修路' })).toEqual([])
    expect(concernNewSchema('2026-11-28').parse({ ...base, kind: 'case', title: '修路', isPrivate: 'on' }).isPrivate).toBe(true)
  })

  it('dates a file or an opinion by the user, never after today; a case by its registration', () => {
    const messages = (v: Record<string, string>) => {
      const r = concernNewSchema('2026-11-28').safeParse({ ...base, ...v })
      return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])
    }
    expect(messages({ kind: 'file', personName: '张三', on: '2026-11-29' })).toEqual([['on', 'validation.future']])
    expect(messages({ kind: 'opinion', content: '建议修路', on: '2029-02-02' })).toEqual([['on', 'validation.future']])
    expect(messages({ kind: 'opinion', content: '建议修路', on: '2026-02-30' })).toEqual([['on', 'validation.invalid']])
    expect(messages({ kind: 'file', personName: '张三', on: '' })).toEqual([['on', 'validation.required']])
    expect(messages({ kind: 'file', personName: '张三', on: '2026-11-28' })).toEqual([])
    // the case form's date is not read
    expect(messages({ kind: 'case', title: '修路', on: '2029-02-02' })).toEqual([])
    expect(messages({ kind: 'case', title: '修路', on: '' })).toEqual([])
  })
})

describe('register filter', () => {
  it('accepts known values only', () => {
    expect(concernFilterFrom(new URL('http://x/c?tab=opinion&state=bogus&private=yes&unit=nope'))).toEqual({ tab: 'opinion', state: undefined, private: true, unitId: undefined })
    expect(concernFilterFrom(new URL('http://x/c')).tab).toBe('case')
  })
})
