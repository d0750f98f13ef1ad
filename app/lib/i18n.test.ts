import i18next, { type Resource } from 'i18next'
import { describe, expect, it, vi } from 'vitest'
import { createI18n, LOCALES, MISSING_TRANSLATION, NAMESPACES, REMEMBERED_TRANSLATIONS } from './i18n'
import { getResources } from './i18n.server'

/** Every key of a namespace, as i18next addresses it ('a.b.c'), plural forms folded into their base key. */
function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
}

function plainI18n(locale: string, resources: Resource) {
  const instance = i18next.createInstance()
  void instance.init({ lng: locale, fallbackLng: false, ns: [...NAMESPACES], defaultNS: 'common', resources, interpolation: { escapeValue: false }, initImmediate: false, returnNull: false })
  return instance
}

describe('remembered translations', () => {
  for (const locale of LOCALES) {
    it(`give what i18next gives for every key of ${locale}, twice, with and without options`, () => {
      const resources = getResources(locale)
      const remembered = createI18n(locale, resources)
      const plain = plainI18n(locale, resources)
      const optionSets = [undefined, { count: 0 }, { count: 1 }, { count: 7, name: '云门村', state: 'x' }, { year: 2026, month: 10, name: 'Oct' }]
      let compared = 0
      for (const ns of NAMESPACES) {
        const t = remembered.getFixedT(locale, ns)
        const expected = plain.getFixedT(locale, ns)
        const keys = [...new Set(keysOf(resources[locale]?.[ns]).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))]
        for (const key of keys) {
          for (const options of optionSets) {
            const want = expected(key, options as never)
            expect(t(key, options as never)).toEqual(want)
            expect(t(key, options as never)).toEqual(want)
            compared++
          }
        }
      }
      expect(compared).toBeGreaterThan(1000)
    })
  }

  it('keep calls apart that differ only in a value, the language or the namespace', () => {
    const zh = createI18n('zh-CN', getResources('zh-CN'))
    const en = createI18n('en', getResources('en'))
    const one = en.getFixedT('en', 'completeness')('cell.overdueBy', { state: 'Missing', count: 1 })
    const two = en.getFixedT('en', 'completeness')('cell.overdueBy', { state: 'Missing', count: 2 })
    expect(one).not.toEqual(two)
    expect(zh.getFixedT('zh-CN', 'completeness')('cell.overdueBy', { state: 'Missing', count: 1 })).not.toEqual(one)
    expect(en.getFixedT('en', 'common')('nav.pairing')).not.toEqual(en.getFixedT('en', 'common')('nav.concerns'))
  })

  it('translate calls with options that are not plain values afresh, and forget past the bound', () => {
    const en = createI18n('en', getResources('en'))
    const t = en.getFixedT('en', 'completeness')
    const translate = vi.spyOn((en as unknown as { translator: { translate: () => unknown } }).translator, 'translate')
    t('cell.overdueBy', { state: 'Missing', count: 3 })
    t('cell.overdueBy', { state: 'Missing', count: 3 })
    expect(translate).toHaveBeenCalledTimes(1)
    // nested options (interpolation through `replace`) go to i18next every time
    expect(t('cell.overdueBy', { count: 3, replace: { state: 'Nested' } })).toContain('Nested')
    expect(t('cell.overdueBy', { count: 3, replace: { state: 'Other' } })).toContain('Other')
    expect(translate).toHaveBeenCalledTimes(3)
    translate.mockRestore()
    for (let i = 0; i < REMEMBERED_TRANSLATIONS + 10; i++) expect(t('cell.overdueBy', { state: `S${i}`, count: 2 })).toContain(`S${i}`)
    expect(t('cell.overdueBy', { state: 'S1', count: 2 })).toContain('S1')
  })
})

describe('missing translations', () => {
  it('are reported once per language and key, and a deliberate default is not', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      const t = createI18n('zh-CN', getResources('zh-CN')).getFixedT('zh-CN', 'audit')
      expect(t('tables.no_such_table')).toBe('tables.no_such_table')
      expect(t('tables.no_such_table')).toBe('tables.no_such_table')
      expect(t('tables.another_missing_one', { defaultValue: '其他' })).toBe('其他')
      expect(t('tables.households')).not.toContain('tables.')
      const reported = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith(MISSING_TRANSLATION))
      expect(reported).toEqual([`${MISSING_TRANSLATION} zh-CN audit:tables.no_such_table`])
    } finally {
      warn.mockRestore()
    }
  })
})

describe('texts fetched later (the browser holds the namespaces of the pages it has shown)', () => {
  it('fetches a namespace the page did not bring, once, and forgets what it remembered without it', async () => {
    const all = getResources('en')
    const partial: Resource = { en: { common: all.en!.common!, auth: all.en!.auth! } }
    const load = vi.fn(async (_locale: string, ns: string) => all.en![ns] as Record<string, unknown>)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      const instance = createI18n('en', partial, load)
      expect(instance.hasLoadedNamespace('common')).toBe(true)
      expect(instance.hasLoadedNamespace('monthly-reports')).toBe(false)
      expect(load).not.toHaveBeenCalled()
      const t = instance.getFixedT('en', 'monthly-reports')
      // asked before it arrived: the key (what a component that suspends never shows)
      expect(t('queue.heading')).toBe('queue.heading')
      await instance.loadNamespaces('monthly-reports')
      expect(load).toHaveBeenCalledTimes(1)
      expect(load).toHaveBeenCalledWith('en', 'monthly-reports')
      expect(instance.hasLoadedNamespace('monthly-reports')).toBe(true)
      expect(t('queue.heading')).toBe(instance.getFixedT('en', 'monthly-reports')('queue.heading'))
      expect(t('queue.heading')).not.toBe('queue.heading')
      await instance.loadNamespaces('monthly-reports')
      expect(load).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
    }
  })

  it('without a loader (the server) holds every namespace and fetches nothing', () => {
    const instance = createI18n('zh-CN', getResources('zh-CN'))
    for (const ns of NAMESPACES) expect(instance.hasLoadedNamespace(ns)).toBe(true)
  })
})

describe('the locale files', () => {
  // plural forms differ by language (en: _one and _other; zh-CN: _other only): compare their base keys
  const baseKeys = (tree: unknown) => [...new Set(keysOf(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort()
  for (const ns of NAMESPACES) {
    it(`${ns}: identical keys in zh-CN and en, none of them empty`, () => {
      const zh = getResources('zh-CN')['zh-CN']![ns]
      const en = getResources('en').en![ns]
      expect(baseKeys(en)).toEqual(baseKeys(zh))
      for (const [locale, tree] of [['zh-CN', zh], ['en', en]] as const) {
        const empty = keysOf(tree).filter((k) => {
          const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], tree)
          return typeof value !== 'string' || value.trim() === ''
        })
        expect(empty, `${locale} ${ns}`).toEqual([])
      }
    })
  }
})
