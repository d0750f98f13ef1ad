import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/lib/i18n.server'
import { parseDefinitionText } from './templates.server'

const field = (over: Record<string, unknown> = {}) => ({
  key: 'meetings',
  type: 'integer',
  label: { 'zh-CN': '支部党员大会', en: 'Party member assembly' },
  required: true,
  ...over,
})
const definition = (fields: unknown[]) => JSON.stringify({ sections: [{ key: 'branch', label: { 'zh-CN': '组织生活', en: 'Branch meetings' }, fields }] })

describe('a new template definition, as the county admin types it', () => {
  it('accepts a valid definition', async () => {
    const t = await getFixedT('zh-CN', 'templates')
    const result = parseDefinitionText(definition([field()]), t)
    expect(result.ok).toBe(true)
  })

  it('points at the line and column of a JSON syntax error', async () => {
    const t = await getFixedT('zh-CN', 'templates')
    const result = parseDefinitionText('{\n  "sections": [\n    {,\n  ]\n}', t)
    expect(result).toEqual({ ok: false, errors: ['模板定义不是有效的 JSON：第 3 行第 6 列附近有错误。'] })
  })

  it('says where and what, in the user’s language', async () => {
    const zh = await getFixedT('zh-CN', 'templates')
    const bad = definition([field({ label: { 'zh-CN': '支部党员大会' } }), field({ key: 'Bad Key', type: 'number' }), field({ key: 'kind', type: 'choice' })])
    const result = parseDefinitionText(bad, zh)
    expect(result.ok).toBe(false)
    const errors = (result as { errors: string[] }).errors
    expect(errors).toContain('第 1 部分 “branch” › 第 1 项 “meetings” › 标签 › 英文：缺少此项')
    expect(errors).toContain('第 1 部分 “branch” › 第 2 项 “Bad Key” › 键名：键名须以小写字母开头，只能包含小写字母、数字和下划线，最多 48 个字符')
    expect(errors.some((e) => e.startsWith('第 1 部分 “branch” › 第 2 项 “Bad Key” › 类型：应为以下之一：integer, decimal'))).toBe(true)
    expect(errors).toContain('第 1 部分 “branch” › 第 3 项 “kind” › 选项：单选项须列出至少 2 个选项')

    const en = await getFixedT('en', 'templates')
    const english = parseDefinitionText(bad, en) as { errors: string[] }
    expect(english.errors).toContain('Section 1 “branch” › field 1 “meetings” › label › English: missing')
  })

  it('finds duplicate keys and empty sections', async () => {
    const t = await getFixedT('zh-CN', 'templates')
    const dup = parseDefinitionText(definition([field(), field()]), t) as { errors: string[] }
    expect(dup.errors).toEqual(['第 1 部分 “branch” › 第 2 项 “meetings” › 键名：键名 meetings 重复，每个填报项的键名必须唯一'])
    const empty = parseDefinitionText('{"sections": []}', t) as { errors: string[] }
    expect(empty.errors).toEqual(['部分：至少需要 1 个'])
    const wrong = parseDefinitionText('[]', t) as { errors: string[] }
    expect(wrong.errors).toEqual(['应为对象 {...}'])
  })

  it('finds two sections with the same key, and a choice value given twice, naming the key', async () => {
    const section = (key: string, fields: unknown[]) => ({ key, label: { 'zh-CN': '组织生活', en: 'Branch meetings' }, fields })
    const twice = JSON.stringify({ sections: [section('branch', [field()]), section('branch', [field({ key: 'lessons' })])] })
    const zh = parseDefinitionText(twice, await getFixedT('zh-CN', 'templates')) as { errors: string[] }
    expect(zh.errors).toEqual(['第 2 部分 “branch” › 键名：部分键名 branch 重复，每个部分的键名必须唯一'])
    const en = parseDefinitionText(twice, await getFixedT('en', 'templates')) as { errors: string[] }
    expect(en.errors).toEqual(['Section 2 “branch” › key: the section key branch is used twice; every section needs its own key'])

    const choice = (value: string) => ({ value, label: { 'zh-CN': value, en: value } })
    const kind = field({ key: 'kind', type: 'choice', choices: [choice('yes'), choice('no'), choice('yes')] })
    const choices = parseDefinitionText(definition([kind]), await getFixedT('zh-CN', 'templates')) as { errors: string[] }
    expect(choices.errors).toEqual(['第 1 部分 “branch” › 第 1 项 “kind” › 第 3 个选项 › 值：选项值 yes 重复，同一填报项的选项值必须唯一'])
  })

  it('fills in every name its messages name, in both languages', async () => {
    const bad = JSON.stringify({
      sections: [
        { key: 'branch', label: { 'zh-CN': '', en: 'x'.repeat(201) }, fields: [field({ min: 5, max: 1, scale: 9, maxLength: 0, type: 'choice', choices: [] })] },
        { key: 'branch', label: { 'zh-CN': '甲', en: 'A' }, fields: [field({ key: 'b', min: 'x', required: 'yes' }), field({ key: 'b' })], extra: 1 },
      ],
    })
    for (const language of ['zh-CN', 'en'] as const) {
      const t = await getFixedT(language, 'templates')
      const result = parseDefinitionText(bad, t) as { errors: string[] }
      expect(result.errors.length).toBeGreaterThan(5)
      for (const error of [...result.errors, ...(parseDefinitionText('{"sections": [', t) as { errors: string[] }).errors]) expect(error).not.toMatch(/\{\{|\}\}/)
    }
  })

  it('names properties the schema does not know, instead of dropping them', async () => {
    const t = await getFixedT('zh-CN', 'templates')
    const typo = parseDefinitionText(definition([field({ requried: true, label: { 'zh-CN': '甲', en: 'A', fr: 'A' } })]), t) as { errors: string[] }
    expect(typo.errors).toEqual([
      '第 1 部分 “branch” › 第 1 项 “meetings”：有未知的属性“requried”（请检查拼写）',
      '第 1 部分 “branch” › 第 1 项 “meetings” › 标签：有未知的属性“fr”（请检查拼写）',
    ])
  })
})
