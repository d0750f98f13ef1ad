import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { downloadLoader } from './error-page.server'
import { localeCookie } from './i18n.server'

const EXPORT = 'http://localhost/town/x/households/export.xlsx'

/** What the wrapped loader threw or returned, for a request in the given language. */
async function answer(thrown: unknown, language?: 'en') {
  const headers = new Headers(language ? { Cookie: (await localeCookie.serialize(language)).split(';')[0]! } : {})
  const loader = downloadLoader(async () => {
    throw thrown
  })
  try {
    return await loader({ request: new Request(EXPORT, { headers }), params: {}, context: {} } as LoaderFunctionArgs)
  } catch (error) {
    return error
  }
}

describe('downloadLoader', () => {
  it('answers a refusal with the translated error page, thrown with its status', async () => {
    const page = (await answer(new Response('Forbidden', { status: 403 }))) as Response
    expect(page).toBeInstanceOf(Response)
    expect(page.status).toBe(403)
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('Cache-Control')).toBe('no-store')
    const html = await page.text()
    expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/)
    expect(html).toContain('<title>无权访问 · 基层党建工作平台</title>')
    expect(html).toContain('<h1 id="error-title">无权访问</h1><p>您的角色不能打开此页面。</p><p><a href="/">返回首页</a></p>')
    expect(html).not.toMatch(/Forbidden|<script|style=/)
  })

  it('speaks the user’s language, and keeps a 404 a 404', async () => {
    const page = (await answer(new Response('Not found', { status: 404 }), 'en')) as Response
    expect(page.status).toBe(404)
    const html = await page.text()
    expect(html).toContain('<html lang="en">')
    expect(html).not.toContain('页面不存在')
    expect(html).not.toContain('Not found<')
  })

  it('keeps the refusal’s own headers (an outage’s Retry-After)', async () => {
    const page = (await answer(new Response('Service Unavailable', { status: 503, headers: { 'Retry-After': '5', 'Content-Type': 'text/plain' } }))) as Response
    expect([page.status, page.headers.get('Retry-After'), page.headers.get('Content-Type')]).toEqual([503, '5', 'text/html; charset=utf-8'])
    expect(await page.text()).toContain('服务暂不可用')
  })

  it('lets a redirect to sign-in, the export queue’s translated 429 and failures through untouched', async () => {
    const toLogin = redirect('/login?redirectTo=%2Fx')
    expect(await answer(toLogin)).toBe(toLogin)
    const busy = new Response('服务器正在生成其他导出文件', { status: 429 })
    expect(await answer(busy)).toBe(busy)
    const failure = new Error('boom')
    expect(await answer(failure)).toBe(failure)
  })

  it('returns the file when there is one', async () => {
    const file = new Response('PK', { headers: { 'Content-Disposition': 'attachment; filename="a.xlsx"' } })
    const loader = downloadLoader(async () => file)
    expect(await loader({ request: new Request(EXPORT), params: {}, context: {} })).toBe(file)
  })
})
