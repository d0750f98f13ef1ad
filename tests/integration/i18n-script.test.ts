import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { i18nScriptPath } from '../../app/lib/i18n-resources'
import { getResources, i18nScript } from '../../app/lib/i18n.server'
import { loader } from '../../app/routes/locales'

async function get(file: string): Promise<Response> {
  try {
    return (await loader({ request: new Request(`http://localhost/locales/${file}`), params: { file }, context: {} })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('the translations script (/locales/<lang>.<version>.js)', () => {
  it.each(['zh-CN', 'en'] as const)('serves %s as a script that defines exactly that language, cached for good', async (locale) => {
    const { version } = i18nScript(locale)
    expect(i18nScriptPath(locale, version)).toBe(`/locales/${locale}.${version}.js`)
    const res = await get(`${locale}.${version}.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    const window: Record<string, unknown> = {}
    runInNewContext(await res.text(), { window })
    expect(window.__PORTAL_I18N__).toEqual(getResources(locale))
  })

  it('gives a page from before a deploy the current texts, not cached', async () => {
    const res = await get('zh-CN.000000000000.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-cache')
  })

  it('versions differ between languages and follow the text', () => {
    expect(i18nScript('zh-CN').version).not.toBe(i18nScript('en').version)
    expect(i18nScript('en').version).toMatch(/^[0-9a-f]{12}$/)
  })

  it.each(['fr.0123456789ab.js', 'zh-CN.js', 'zh-CN.0123456789ab.json', '..%2Fpackage.json', ''])('answers 404 to %j', async (file) => {
    expect((await get(file)).status).toBe(404)
  })
})
