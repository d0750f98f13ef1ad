import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { StaticRouter } from 'react-router-dom/server'
import { describe, expect, it } from 'vitest'
import { i18nInstance, type Locale } from '~/lib/i18n'
import { allResources } from '~/lib/i18n.server'
import { EmptyRegister, Pager } from './pager'

const render = (node: ReactNode, url: string, locale: Locale = 'zh-CN') =>
  renderToString(
    <I18nextProvider i18n={i18nInstance(locale, allResources)}>
      <StaticRouter location={url}>{node}</StaticRouter>
    </I18nextProvider>,
  )
/** The text a reader sees, tags dropped. */
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()

describe('Pager', () => {
  it('links the pages around the one shown, keeping the filters', () => {
    const html = render(<Pager total={120} pageSize={50} ns="monthly-reports" />, '/town/t/reports?state=submitted&page=2')
    expect(text(html)).toBe('上一页 第 2 页，共 3 页 下一页')
    expect(html).toContain('href="/town/t/reports?state=submitted&amp;page=1"')
    expect(html).toContain('href="/town/t/reports?state=submitted&amp;page=3"')
  })

  it('shows nothing for a single page', () => {
    expect(render(<Pager total={4} pageSize={50} ns="monthly-reports" />, '/town/t/reports?state=submitted')).toBe('')
  })

  it('says a page past the end is past the end and links to the last page, in both languages', () => {
    // QA: ?state=submitted&page=99 with 4 reports said only "共 4 份报告" and "没有符合条件的报告。"
    const zh = render(<Pager total={4} pageSize={50} ns="monthly-reports" />, '/town/t/reports?state=submitted&page=99')
    expect(text(zh)).toBe('第 99 页已超出末页：共 1 页。 转到最后一页（第 1 页）')
    expect(zh).toContain('role="status"')
    expect(zh).toContain('href="/town/t/reports?state=submitted&amp;page=1"')
    const en = render(<Pager total={120} pageSize={50} ns="pairing" prefix="register" param="postingsPage" />, '/county/c/cadres?page=2&postingsPage=7', 'en')
    expect(text(en)).toBe('Page 7 is past the end: there are 3 pages. Go to the last page (page 3)')
    expect(en).toContain('href="/county/c/cadres?page=2&amp;postingsPage=3"')
    expect(text(render(<Pager total={4} pageSize={50} ns="households" />, '/v/households?page=3', 'en'))).toBe('Page 3 is past the end: there is 1 page. Go to the last page (page 1)')
  })

  it('says nothing past the end of a list that is empty: the register says nothing matches', () => {
    expect(render(<Pager total={0} pageSize={50} ns="concerns" />, '/c?page=9')).toBe('')
  })
})

describe('EmptyRegister', () => {
  it('says nothing matches only when nothing does', () => {
    expect(render(<EmptyRegister total={0}>没有符合条件的报告。</EmptyRegister>, '/')).toBe('<p class="empty">没有符合条件的报告。</p>')
    expect(render(<EmptyRegister total={4}>没有符合条件的报告。</EmptyRegister>, '/?page=99')).toBe('')
  })
})
