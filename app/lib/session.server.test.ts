import { createHmac } from 'node:crypto'
import { SignJWT, UnsecuredJWT } from 'jose'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetEnvCache } from './env.server'
import {
  readSessionCookie,
  serializeClearedSessionCookie,
  serializeSessionCookie,
  signSessionToken,
  toClaims,
  verifySessionToken,
} from './session.server'

const SECRET = 'unit-test-session-secret-0123456789abcdefghij'
const USER = '2b0c8f0e-5b1e-4d8c-9d3a-0f6a1c2b3d4e'
const SESSION = '7f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b'
const saved = { ...process.env }

function setEnv(vars: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  resetEnvCache()
}

beforeEach(() => setEnv({ SESSION_SECRET: SECRET, NODE_ENV: 'test', SESSION_MAX_AGE_HOURS: undefined }))
afterEach(() => vi.useRealTimers())
afterAll(() => {
  process.env = saved
  resetEnvCache()
})

const sign = () => signSessionToken({ userId: USER, email: 'Yunmen.Secretary@ruyuan.demo', sessionId: SESSION })

describe('session token', () => {
  it('carries the GoTrue claim shape and verifies', async () => {
    const { token, claims } = await sign()
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
    expect(payload).toMatchObject({ sub: USER, role: 'authenticated', session_id: SESSION, aal: 'aal1', aud: 'authenticated' })
    expect(payload.exp - payload.iat).toBe(12 * 3600)
    expect(claims).toEqual({
      sub: USER,
      role: 'authenticated',
      email: 'yunmen.secretary@ruyuan.demo',
      exp: payload.exp,
      session_id: SESSION,
      aal: 'aal1',
    })
    expect(await verifySessionToken(token)).toEqual(claims)
  })

  it('rejects a tampered payload', async () => {
    const { token } = await sign()
    const [h, p, s] = token.split('.') as [string, string, string]
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString())
    payload.sub = '00000000-0000-4000-8000-000000000001'
    const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.')
    expect(await verifySessionToken(forged)).toBeNull()
  })

  it('rejects a tampered signature and garbage', async () => {
    const { token } = await sign()
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')
    expect(await verifySessionToken(flipped)).toBeNull()
    expect(await verifySessionToken('not.a.jwt')).toBeNull()
    expect(await verifySessionToken('')).toBeNull()
  })

  it('rejects a token signed with another secret', async () => {
    const { token } = await sign()
    setEnv({ SESSION_SECRET: 'another-secret-that-is-long-enough-0123456789' })
    expect(await verifySessionToken(token)).toBeNull()
  })

  it('rejects alg none and a token for another audience', async () => {
    const unsecured = new UnsecuredJWT({ role: 'authenticated', session_id: SESSION, email: 'a@b.c' })
      .setSubject(USER)
      .setAudience('authenticated')
      .setIssuer('party-building-portal/local')
      .setExpirationTime('1h')
      .encode()
    expect(await verifySessionToken(unsecured)).toBeNull()
    const wrongAudience = await new SignJWT({ role: 'authenticated', session_id: SESSION, email: 'a@b.c' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(USER)
      .setAudience('anon')
      .setIssuer('party-building-portal/local')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET))
    expect(await verifySessionToken(wrongAudience)).toBeNull()
  })

  it('rejects an expired token, except for sign-out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-28T08:00:00Z'))
    const { token } = await sign()
    vi.setSystemTime(new Date('2026-11-28T19:59:59Z'))
    expect(await verifySessionToken(token)).not.toBeNull()
    vi.setSystemTime(new Date('2026-11-28T20:00:01Z'))
    expect(await verifySessionToken(token)).toBeNull()
    expect((await verifySessionToken(token, { allowExpired: true }))?.session_id).toBe(SESSION)
  })

  it('checks what jose checked, with the HMAC of node:crypto', async () => {
    const key = new TextEncoder().encode(SECRET)
    const base = () =>
      new SignJWT({ role: 'authenticated', session_id: SESSION, email: 'a@b.c' })
        .setSubject(USER)
        .setIssuer('party-building-portal/local')
        .setAudience('authenticated')
        .setExpirationTime('1h')
    // a list of audiences naming ours is accepted, as jose accepted it
    expect((await verifySessionToken(await base().setAudience(['other', 'authenticated']).setProtectedHeader({ alg: 'HS256' }).sign(key)))?.sub).toBe(USER)
    // another algorithm with the same secret, another issuer, not active yet
    expect(await verifySessionToken(await base().setProtectedHeader({ alg: 'HS512' }).sign(key))).toBeNull()
    expect(await verifySessionToken(await base().setIssuer('someone-else').setProtectedHeader({ alg: 'HS256' }).sign(key))).toBeNull()
    expect(await verifySessionToken(await base().setNotBefore('10m').setProtectedHeader({ alg: 'HS256' }).sign(key))).toBeNull()
    // hand-made tokens, validly signed: a payload that is not an object, a date that is not a number
    const hmac = (data: string) => createHmac('sha256', SECRET).update(data).digest('base64url')
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const handMade = (header: unknown, payload: unknown) => {
      const signed = `${part(header)}.${part(payload)}`
      return `${signed}.${hmac(signed)}`
    }
    const good = { sub: USER, session_id: SESSION, email: 'a@b.c', aud: 'authenticated', iss: 'party-building-portal/local', exp: Math.floor(Date.now() / 1000) + 60 }
    expect((await verifySessionToken(handMade({ alg: 'HS256' }, good)))?.sub).toBe(USER)
    expect(await verifySessionToken(handMade({ alg: 'HS256' }, [good]))).toBeNull()
    expect(await verifySessionToken(handMade({ alg: 'HS256' }, { ...good, exp: String(good.exp) }))).toBeNull()
    expect(await verifySessionToken(handMade({ alg: 'HS256' }, { ...good, iat: 'yesterday' }))).toBeNull()
    expect(await verifySessionToken(handMade({ alg: 'HS256', b64: false }, good))).toBeNull()
    expect(await verifySessionToken(handMade({}, good))).toBeNull()
    expect(await verifySessionToken(handMade({ alg: 'HS256', crit: ['exp'] }, good))).toBeNull()
    // the signature in another spelling of the same bytes (its last character's spare bits), padded, or with a space
    const token = handMade({ alg: 'HS256' }, good)
    const last = token.at(-1)!
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sameBytes = alphabet[alphabet.indexOf(last) ^ 1]!
    expect(Buffer.from(token.split('.')[2]!.slice(0, -1) + sameBytes, 'base64url')).toEqual(Buffer.from(token.split('.')[2]!, 'base64url'))
    expect(await verifySessionToken(token.slice(0, -1) + sameBytes)).toBeNull()
    expect(await verifySessionToken(`${token}=`)).toBeNull()
    expect(await verifySessionToken(` ${token}`)).toBeNull()
    expect(await verifySessionToken(`${token}.`)).toBeNull()
  })

  it('checks the signature of an expired token for sign-out too', async () => {
    const { token } = await sign()
    const [h, p] = token.split('.') as [string, string, string]
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString())
    const forged = [h, Buffer.from(JSON.stringify({ ...payload, exp: 1 })).toString('base64url'), token.split('.')[2]].join('.')
    expect(await verifySessionToken(forged, { allowExpired: true })).toBeNull()
  })

  it('lives SESSION_MAX_AGE_HOURS', async () => {
    setEnv({ SESSION_MAX_AGE_HOURS: '2' })
    const { claims } = await sign()
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBe(7200)
    expect(serializeSessionCookie('a.b.c')).toContain('Max-Age=7200')
  })
})

describe('toClaims', () => {
  it('keeps exactly the shared keys and refuses malformed payloads', () => {
    const base = { sub: USER, session_id: SESSION, email: 'a@b.c', exp: 1, role: 'authenticated' }
    expect(toClaims({ ...base, app_metadata: { roles: ['admin'] }, user_metadata: { x: 1 } })).toEqual({ ...base, aal: 'aal1' })
    expect(toClaims({ ...base, role: 'service_role' })).toBeNull()
    expect(toClaims({ ...base, sub: 'nope' })).toBeNull()
    expect(toClaims({ ...base, session_id: undefined })).toBeNull()
    expect(toClaims({ ...base, email: '' })).toBeNull()
    expect(toClaims({ ...base, exp: '1' })).toBeNull()
  })
})

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, lives the session lifetime, and is not Secure outside production', () => {
    expect(serializeSessionCookie('a.b.c')).toBe('__session=a.b.c; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax')
  })

  it('is Secure in production', () => {
    setEnv({ NODE_ENV: 'production' })
    expect(serializeSessionCookie('a.b.c')).toBe('__session=a.b.c; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax; Secure')
    expect(serializeClearedSessionCookie()).toBe(
      '__session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    )
  })

  it('refuses values that are not a compact JWT', () => {
    expect(() => serializeSessionCookie('a; Domain=evil')).toThrow()
  })

  it('is read from the Cookie header among others', () => {
    const request = new Request('http://portal.test/', { headers: { cookie: 'lng=zh-CN; __session=x.y.z; other=1' } })
    expect(readSessionCookie(request)).toBe('x.y.z')
    expect(readSessionCookie(new Request('http://portal.test/'))).toBeNull()
    expect(readSessionCookie(new Request('http://portal.test/', { headers: { cookie: '__session=' } }))).toBeNull()
  })
})
