import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { i18nInstance, type Locale } from '~/lib/i18n'
import { allResources } from '~/lib/i18n.server'
import { OrgOptions } from './org-options'

const ORGS = [
  { id: 'a', name: '乳源瑶族自治县', name_en: 'Ruyuan Yao Autonomous County', depth: 0 },
  { id: 'b', name: '乳城镇', name_en: 'Rucheng Town', depth: 1 },
  { id: 'c', name: '云门村', name_en: null, depth: 2 },
  { id: 'd', name: '某帮扶单位' },
]

const render = (locale: Locale) =>
  renderToString(
    <I18nextProvider i18n={i18nInstance(locale, allResources)}>
      <select>
        <OrgOptions orgs={ORGS} />
      </select>
    </I18nextProvider>,
  )

describe('OrgOptions', () => {
  // renderToString, as the server renders pages: one text node per option, no separator comment
  it('names each org in Chinese, indented by its depth', () => {
    expect(render('zh-CN')).toBe(
      '<select><option value="a">乳源瑶族自治县</option><option value="b">\u3000乳城镇</option>' +
        '<option value="c">\u3000\u3000云门村</option><option value="d">某帮扶单位</option></select>',
    )
  })

  it('uses the English name in English where the org has one', () => {
    expect(render('en')).toBe(
      '<select><option value="a">Ruyuan Yao Autonomous County</option><option value="b">\u3000Rucheng Town</option>' +
        '<option value="c">\u3000\u3000云门村</option><option value="d">某帮扶单位</option></select>',
    )
  })
})
