import { Children, isValidElement, type ReactElement, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { templateDefinitionSchema, type TemplateDefinition } from '~/domain/monthly-reports/template'
import { i18nInstance, type Locale } from '~/lib/i18n'
import { allResources } from '~/lib/i18n.server'
import { TemplatePreview } from './template-preview'

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en })

/** A field of every kind and every rule the preview describes. */
const DEFINITION = templateDefinitionSchema.parse({
  sections: [
    {
      key: 'branch_life',
      label: label('组织生活', 'Branch meetings'),
      fields: [
        { key: 'meetings', type: 'integer', label: label('支部党员大会', 'Assemblies'), unit: label('次', 'times'), required: true, min: 0, max: 10, outlierCheck: true },
        { key: 'lessons', type: 'integer', label: label('党课', 'Lessons'), min: 1 },
        { key: 'hours', type: 'integer', label: label('时长', 'Hours'), max: 99 },
        { key: 'funds', type: 'decimal', label: label('经费', 'Funds'), unit: label('元', 'yuan'), scale: 2 },
        { key: 'held', type: 'boolean', label: label('开展主题党日', 'Themed day held'), help: label('本月是否开展', 'This month') },
        { key: 'kind', type: 'choice', label: label('形式', 'Kind'), choices: [{ value: 'online', label: label('线上', 'Online') }, { value: 'offline', label: label('线下', 'In person') }] },
      ],
    },
    {
      key: 'work',
      label: label('工作情况', 'Work'),
      fields: [
        { key: 'commitment_notes', type: 'text', label: label('承诺事项', 'Commitments'), maxLength: 200 },
        { key: 'work_done', type: 'longtext', label: label('完成的工作', 'Work done'), maxLength: 2000 },
      ],
    },
  ],
})

const render = (locale: Locale, definition: TemplateDefinition = DEFINITION) =>
  renderToString(
    <I18nextProvider i18n={i18nInstance(locale, allResources)}>
      <TemplatePreview definition={definition} />
    </I18nextProvider>,
  )

describe('TemplatePreview', () => {
  it('describes every rule in Chinese, each name filled in', () => {
    const html = render('zh-CN')
    expect(html).toContain('最多 200 字')
    expect(html).toContain('最多 2000 字')
    expect(html).toContain('范围 0–10')
    expect(html).toContain('不小于 1')
    expect(html).toContain('不大于 99')
    expect(html).toContain('保留 2 位小数')
    expect(html).toContain('单位：次')
    expect(html).not.toMatch(/\{\{|\}\}/)
  })

  it('and in English', () => {
    const html = render('en')
    expect(html).toContain('Up to 200 characters')
    expect(html).toContain('Up to 2000 characters')
    expect(html).toContain('Range 0–10')
    expect(html).toContain('2 decimal places')
    expect(html).toContain('Unit: times')
    expect(html).not.toMatch(/\{\{|\}\}/)
  })

  it('gives each section its own React key even when the definition repeats one, so a later preview never keeps a gone section', () => {
    // a definition saved before section keys had to be unique still reads; the preview must not reuse its sections' DOM by key
    const twice = { sections: [{ ...DEFINITION.sections[1]!, key: 'branch_life' }, ...DEFINITION.sections] }
    let tree: ReactElement | null = null
    function Capture() {
      tree = TemplatePreview({ definition: twice })
      return tree
    }
    renderToString(
      <I18nextProvider i18n={i18nInstance('zh-CN', allResources)}>
        <Capture />
      </I18nextProvider>,
    )
    const sections = Children.toArray((tree as ReactElement<{ children: ReactNode }> | null)?.props.children).filter(isValidElement)
    expect(sections).toHaveLength(3)
    expect(new Set(sections.map((s) => s.key)).size).toBe(3)
  })
})
