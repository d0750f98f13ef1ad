import { describe, expect, it } from 'vitest'
import { getClientIp, getUserAgent, ipBucketKey, normaliseIp } from './request-info.server'

const req = (headers: Record<string, string>) => new Request('http://portal.test/', { headers })

describe('getClientIp', () => {
  it('takes the address our proxy appended, not what the client sent before it', () => {
    expect(getClientIp(req({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9' }))).toBe('203.0.113.9')
    expect(getClientIp(req({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9')
  })

  it('counts further trusted hops from the right', () => {
    expect(getClientIp(req({ 'x-forwarded-for': 'spoofed, 203.0.113.9, 10.0.0.2' }), { trustedProxyHops: 2 })).toBe('203.0.113.9')
  })

  it('falls back to X-Real-IP, then to null', () => {
    expect(getClientIp(req({ 'x-real-ip': '203.0.113.10' }))).toBe('203.0.113.10')
    expect(getClientIp(req({ 'x-forwarded-for': 'garbage' }))).toBeNull()
    expect(getClientIp(req({}))).toBeNull()
  })

  it('normalises ports, brackets and IPv4-mapped IPv6', () => {
    expect(normaliseIp('203.0.113.9:5123')).toBe('203.0.113.9')
    expect(normaliseIp('[2001:db8::1]:443')).toBe('2001:db8:0:0:0:0:0:1')
    expect(normaliseIp('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(normaliseIp('not an ip')).toBeNull()
  })
})

describe('ipBucketKey', () => {
  it('keeps IPv4 whole and groups IPv6 by /64', () => {
    expect(ipBucketKey('203.0.113.9')).toBe('203.0.113.9')
    expect(ipBucketKey('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64')
    expect(ipBucketKey('2001:db8:1:2:bbbb::2')).toBe(ipBucketKey('2001:db8:1:2:aaaa::1'))
    expect(ipBucketKey('2001:db8:1:3::1')).not.toBe(ipBucketKey('2001:db8:1:2::1'))
  })
})

describe('getUserAgent', () => {
  it('cuts very long values', () => {
    expect(getUserAgent(req({ 'user-agent': 'x'.repeat(2000) }))).toHaveLength(512)
    expect(getUserAgent(req({}))).toBeNull()
  })
})
