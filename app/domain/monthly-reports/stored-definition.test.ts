import { describe, expect, it } from 'vitest'
import { PARSED_DEFINITIONS_LIMIT, storedDefinition } from './reports.server'

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en })
const text = (fieldLabel: string) =>
  JSON.stringify({
    sections: [
      {
        key: 'branch_life',
        label: label('组织生活', 'Branch meetings'),
        fields: [
          { key: 'meetings', type: 'integer', label: label(fieldLabel, 'Assemblies'), required: true, min: 0 },
          { key: 'kind', type: 'choice', label: label('形式', 'Kind'), choices: [{ value: 'online', label: label('线上', 'Online') }, { value: 'offline', label: label('线下', 'In person') }] },
        ],
      },
    ],
  })

describe('stored template definitions (storedDefinition)', () => {
  it('parses a stored text once and hands every later read the same checked definition', () => {
    const first = storedDefinition(text('支部党员大会'))
    expect(first.sections[0]!.fields[0]!.label['zh-CN']).toBe('支部党员大会')
    expect(storedDefinition(text('支部党员大会'))).toBe(first)
  })

  it('shares it frozen, so no request can change what another reads', () => {
    const definition = storedDefinition(text('冻结'))
    expect(Object.isFrozen(definition)).toBe(true)
    expect(Object.isFrozen(definition.sections[0]!.fields[1]!.choices![0]!.label)).toBe(true)
    expect(() => (definition.sections as unknown[]).push({})).toThrow(TypeError)
    expect(() => {
      ;(definition.sections[0]!.fields[0]!.label as { en: string }).en = 'changed'
    }).toThrow(TypeError)
    expect(storedDefinition(text('冻结')).sections[0]!.fields[0]!.label.en).toBe('Assemblies')
  })

  it('reads a changed text as the new definition', () => {
    const before = storedDefinition(text('旧'))
    const after = storedDefinition(text('新'))
    expect(after).not.toBe(before)
    expect(after.sections[0]!.fields[0]!.label['zh-CN']).toBe('新')
  })

  it('refuses a text that is not a valid definition, every time', () => {
    const duplicate = JSON.stringify({
      sections: [{ key: 's', label: label('节', 'S'), fields: [{ key: 'a', type: 'integer', label: label('甲', 'A') }, { key: 'a', type: 'integer', label: label('乙', 'B') }] }],
    })
    expect(() => storedDefinition(duplicate)).toThrow(/duplicate field key a/)
    expect(() => storedDefinition(duplicate)).toThrow(/duplicate field key a/)
    expect(() => storedDefinition('{"sections": [')).toThrow(SyntaxError)
  })

  it('stays correct past its bound (the memory starts again)', () => {
    const kept = storedDefinition(text('甲'))
    for (let i = 0; i <= PARSED_DEFINITIONS_LIMIT; i++) storedDefinition(text(`字段 ${i}`))
    const again = storedDefinition(text('甲'))
    expect(again).not.toBe(kept)
    expect(again).toEqual(kept)
    expect(storedDefinition(text('字段 7')).sections[0]!.fields[0]!.label['zh-CN']).toBe('字段 7')
  })
})
