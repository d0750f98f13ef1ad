import { describe, expect, it } from 'vitest'
import { safeRedirectTo } from './auth.server'

describe('safeRedirectTo', () => {
  it.each([
    ['/', '/'],
    ['/village/reports', '/village/reports'],
    ['/village/reports?month=2026-11&page=2#top', '/village/reports?month=2026-11&page=2#top'],
    ['/search?q=%2F%2Fevil.example', '/search?q=%2F%2Fevil.example'],
    ['/村/报告', '/村/报告'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeRedirectTo(value)).toBe(expected)
  })

  it.each([
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/login'],
    ['backslash host', '/\\evil.example'],
    ['backslash later', '/ok\\..\\x'],
    ['absolute http', 'http://evil.example/'],
    ['absolute https', 'https://portal.example/ok'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,hi'],
    ['relative', 'village/reports'],
    ['dot relative', './x'],
    ['leading space', ' /x'],
    ['tab trick', '/\t/evil.example'],
    ['newline trick', '/\n/evil.example'],
    ['carriage return', '/x\r\nSet-Cookie: a=b'],
    ['nul', '/x\u0000'],
    ['line separator', '/x\u2028'],
    ['empty', ''],
    ['too long', '/' + 'a'.repeat(3000)],
  ])('rejects %s', (_label, value) => {
    expect(safeRedirectTo(value)).toBe('/')
  })

  it.each([[undefined], [null], [42], [['/x']], [{ toString: () => '/x' }]])('rejects the non-string %j', (value) => {
    expect(safeRedirectTo(value)).toBe('/')
  })

  it('uses the given fallback, including an empty one', () => {
    expect(safeRedirectTo('//evil.example', '/portals')).toBe('/portals')
    expect(safeRedirectTo(null, '')).toBe('')
  })
})
