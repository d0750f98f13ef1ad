import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { NAMESPACES } from '../../app/lib/i18n'
import { i18nJsonPath, i18nScriptPath, namespacesOf } from '../../app/lib/i18n-resources'
import { allResources, getResources, textsVersion } from '../../app/lib/i18n.server'
import { loader } from '../../app/routes/locales'

async function get(file: string): Promise<Response> {
  try {
    return (await loader({ request: new Request(`http://localhost/locales/${file}`), params: { file }, context: {} })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('the translations (/locales/<lang>.<namespace>.<version>.js|json)', () => {
  it.each(['zh-CN', 'en'] as const)('serves each %s namespace as a script that adds exactly it, cached for good', async (locale) => {
    const version = textsVersion(locale)
    const window: Record<string, unknown> = {}
    for (const ns of NAMESPACES) {
      expect(i18nScriptPath(locale, ns, version)).toBe(`/locales/${locale}.${ns}.${version}.js`)
      const res = await get(`${locale}.${ns}.${version}.js`)
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/)
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      runInNewContext(await res.text(), { window })
    }
    // the scripts of a page add up to the language's texts, whatever their order
    expect(window.__PORTAL_I18N__).toEqual(getResources(locale))
  })

  it.each(['zh-CN', 'en'] as const)('serves each %s namespace as JSON for a page reached later, cached for good', async (locale) => {
    const version = textsVersion(locale)
    for (const ns of NAMESPACES) {
      const res = await get(i18nJsonPath(locale, ns, version).slice('/locales/'.length))
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect(await res.json()).toEqual(allResources[locale][ns])
    }
  })

  it('still serves every namespace in one script at the address pages from before asked for', async () => {
    const version = textsVersion('en')
    const res = await get(`en.${version}.js`)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    const window: Record<string, unknown> = {}
    runInNewContext(await res.text(), { window })
    expect(window.__PORTAL_I18N__).toEqual(getResources('en'))
  })

  it('gives a page from before a deploy the current texts, not cached', async () => {
    for (const file of ['zh-CN.000000000000.js', 'zh-CN.monthly-reports.000000000000.js', 'zh-CN.monthly-reports.000000000000.json']) {
      const res = await get(file)
      expect(res.status).toBe(200)
      expect(res.headers.get('Cache-Control')).toBe('no-cache')
    }
  })

  it('versions differ between languages and follow the text', () => {
    expect(textsVersion('zh-CN')).not.toBe(textsVersion('en'))
    expect(textsVersion('en')).toMatch(/^[0-9a-f]{12}$/)
  })

  it.each(['fr.0123456789ab.js', 'zh-CN.js', 'zh-CN.0123456789ab.json', 'zh-CN.nope.0123456789ab.js', 'zh-CN.common.0123456789ab.css', '..%2Fpackage.json', ''])('answers 404 to %j', async (file) => {
    expect((await get(file)).status).toBe(404)
  })

  it('a page brings the common texts, the sign-in texts and those its routes declare, once each', () => {
    expect(namespacesOf([undefined, { i18n: ['monthly-reports'] }, { i18n: ['orgs', 'monthly-reports'] }, 'not a handle'])).toEqual(['common', 'auth', 'orgs', 'monthly-reports'])
  })
})
