import { describe, expect, it } from 'vitest'
import { copyableTexts } from './pending-submission'

describe('copyableTexts', () => {
  it('keeps what a person wrote, in order, and leaves out what a form chose or is typed again in seconds', () => {
    const fields: [string, string][] = [
      ['villageId', '8dc02ee6-a131-5508-a1c2-68ae9f06a0d8'],
      ['visitedOn', '2026-11-28'],
      ['peopleMet', '3'],
      ['intent', 'submit'],
      ['isLead', 'on'],
      ['notes', '入户走访，了解务工返乡人员就业意向。\r\n第二行'],
      ['values.problems', '   '],
      ['values.work_done', 'Repaired the irrigation channel with 12 households'],
      ['title', '党课'],
      ['link', `https://example.org/${'a'.repeat(80)}`],
    ]
    expect(copyableTexts(fields)).toEqual([
      '入户走访，了解务工返乡人员就业意向。\r\n第二行',
      'Repaired the irrigation channel with 12 households',
      '党课',
      `https://example.org/${'a'.repeat(80)}`,
    ])
  })

  it('is empty for a form of numbers and choices only', () => {
    expect(copyableTexts([['revision', '3'], ['values.members', '42'], ['intent', 'save']])).toEqual([])
  })
})
