import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, useBackend, withAnon, withUser, type Claims } from '../../app/lib/db.server'
import { createPostgresBackend } from '../../app/lib/db-backend.server'
import { isDatabaseUnavailable, unavailableAs503 } from '../../app/lib/security.server'
import { withService } from '../../app/lib/service.server'
import { createApp } from '../../server/app.js'
import { BODY_LIMITS, bodyRejectionText, checkBodySize, checkCsrf, createNonce, CSRF_REJECTION_BODY, httpErrorText, securityHeaders } from '../../server/security.js'

const SELF = 'http://portal.test:3000'

describe('checkCsrf', () => {
  const post = (headers: { origin?: string | null; referer?: string | null }, appOrigin?: string) =>
    checkCsrf({ method: 'POST', url: `${SELF}/village/1/reports?index`, origin: headers.origin, referer: headers.referer, appOrigin })

  it('lets safe methods through without any header', () => {
    for (const method of ['GET', 'HEAD', 'get']) {
      expect(checkCsrf({ method, url: `${SELF}/`, origin: null, referer: null })).toEqual({ ok: true })
    }
  })

  it('accepts a state-changing request whose Origin is the request origin', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(checkCsrf({ method, url: `${SELF}/login`, origin: SELF, referer: null })).toEqual({ ok: true })
    }
  })

  it('refuses another origin, scheme or port', () => {
    for (const origin of ['https://evil.test', 'https://portal.test:3000', 'http://portal.test:3001', 'http://portal.test', 'http://sub.portal.test:3000']) {
      expect(post({ origin })).toEqual({ ok: false, reason: 'cross-origin' })
    }
  })

  it('refuses a request with neither Origin nor Referer', () => {
    expect(post({})).toEqual({ ok: false, reason: 'missing-origin' })
    expect(checkCsrf({ method: 'DELETE', url: `${SELF}/x`, origin: '', referer: '' })).toEqual({ ok: false, reason: 'missing-origin' })
  })

  it('refuses an opaque or malformed Origin, and does not fall back to Referer then', () => {
    expect(post({ origin: 'null', referer: `${SELF}/login` })).toEqual({ ok: false, reason: 'bad-origin' })
    expect(post({ origin: 'not a url' })).toEqual({ ok: false, reason: 'bad-origin' })
    expect(post({ origin: 'file:///etc/passwd' })).toEqual({ ok: false, reason: 'bad-origin' })
  })

  it('falls back to the Referer origin when Origin is absent', () => {
    expect(post({ referer: `${SELF}/village/1/reports?month=2026-10` })).toEqual({ ok: true })
    expect(post({ referer: 'https://evil.test/page' })).toEqual({ ok: false, reason: 'cross-origin' })
    expect(post({ referer: 'garbage' })).toEqual({ ok: false, reason: 'bad-origin' })
  })

  it('honours APP_ORIGIN behind a proxy, and then only APP_ORIGIN', () => {
    const internal = 'http://10.0.0.5:3000/login'
    const check = (origin: string) => checkCsrf({ method: 'POST', url: internal, origin, referer: null, appOrigin: 'https://dangjian.example.cn/' })
    expect(check('https://dangjian.example.cn')).toEqual({ ok: true })
    expect(check('http://10.0.0.5:3000')).toEqual({ ok: false, reason: 'cross-origin' })
    expect(check('http://dangjian.example.cn')).toEqual({ ok: false, reason: 'cross-origin' })
  })
})

/** A signed-in user's form: the body caps of forms and uploads apply. */
const FORM = '/village/x/activities/new'

describe('checkBodySize', () => {
  const post = (contentLength: string | undefined, contentType = 'application/x-www-form-urlencoded', transferEncoding?: string) =>
    checkBodySize({ method: 'POST', path: FORM, contentLength, contentType, transferEncoding })

  it('reads a form up to its cap and refuses one byte more with 413', () => {
    expect(post(String(BODY_LIMITS.form))).toEqual({ ok: true })
    expect(post(String(BODY_LIMITS.form + 1))).toEqual({ ok: false, status: 413, limit: BODY_LIMITS.form })
    // an unknown or missing type is held to the form cap
    expect(post(String(BODY_LIMITS.form + 1), '')).toMatchObject({ ok: false, status: 413 })
  })

  it('gives multipart uploads the larger cap, so an oversized spreadsheet still reaches its import', () => {
    const overTheImport = String(3 * 1024 * 1024)
    expect(post(overTheImport, 'multipart/form-data; boundary=x')).toEqual({ ok: true })
    expect(post(String(BODY_LIMITS.multipart), 'Multipart/Form-Data; boundary=x')).toEqual({ ok: true })
    expect(post(String(BODY_LIMITS.multipart + 1), 'multipart/form-data; boundary=x')).toEqual({
      ok: false,
      status: 413,
      limit: BODY_LIMITS.multipart,
    })
    expect(BODY_LIMITS.multipart).toBeGreaterThan(BODY_LIMITS.form)
  })

  it('refuses a streamed body of unknown length with 411, and lets a body-less POST and every GET through', () => {
    expect(post(undefined, 'application/x-www-form-urlencoded', 'chunked')).toMatchObject({ ok: false, status: 411 })
    expect(post(undefined)).toEqual({ ok: true })
    expect(checkBodySize({ method: 'GET', path: FORM, contentLength: String(BODY_LIMITS.multipart * 10), contentType: undefined, transferEncoding: undefined })).toEqual({ ok: true })
    expect(checkBodySize({ method: 'head', path: FORM, contentLength: undefined, contentType: undefined, transferEncoding: 'chunked' })).toEqual({ ok: true })
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(checkBodySize({ method, path: FORM, contentLength: String(BODY_LIMITS.form + 1), contentType: undefined, transferEncoding: undefined })).toMatchObject({ status: 413 })
    }
  })

  it('holds the forms anyone may post (sign-in, language) to the small cap, however the path is written', () => {
    for (const path of ['/login', '/login/', '/login.data', '/LOGIN', '/%6Cogin', '/language', '/language.data', '/Language/']) {
      const at = (length: number, contentType = 'application/x-www-form-urlencoded') =>
        checkBodySize({ method: 'POST', path, contentLength: String(length), contentType, transferEncoding: undefined })
      expect(at(BODY_LIMITS.signedOut), path).toEqual({ ok: true })
      expect(at(BODY_LIMITS.signedOut + 1), path).toEqual({ ok: false, status: 413, limit: BODY_LIMITS.signedOut })
      expect(at(BODY_LIMITS.signedOut + 1, 'multipart/form-data; boundary=x'), path).toMatchObject({ status: 413 })
    }
    // a sign-in form with the longest redirect target, every character Chinese, fits
    const longest = new URLSearchParams({ email: `${'a'.repeat(240)}@x.cn`, password: 'p'.repeat(200), redirectTo: `/${'村'.repeat(2047)}` }).toString()
    expect(longest.length).toBeLessThan(BODY_LIMITS.signedOut)
    expect(BODY_LIMITS.signedOut).toBeLessThan(BODY_LIMITS.form)
  })

  it('says what was refused in both languages, with the cap in MB', () => {
    expect(bodyRejectionText(413, BODY_LIMITS.form)).toMatch(/^413 .*4 MB .*提交的内容超过 4 MB/)
    expect(bodyRejectionText(413, BODY_LIMITS.multipart)).toContain('16 MB')
    expect(bodyRejectionText(411, BODY_LIMITS.form)).toMatch(/^411 .*未注明长度/)
    expect(bodyRejectionText(413, BODY_LIMITS.signedOut)).toContain('64 KB')
  })
})

describe('securityHeaders', () => {
  it('builds a nonce CSP with the agreed directives', () => {
    const nonce = createNonce()
    const csp = securityHeaders({ nonce, production: true, https: false })['Content-Security-Policy']!
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]))
    expect(directives['script-src']).toBe(`'nonce-${nonce}' 'strict-dynamic' 'self'`)
    expect(directives['script-src']).not.toContain('unsafe')
    expect(directives['style-src']).toBe("'self'")
    // no inline styles anywhere, attributes included (style-src-attr would fall back to style-src anyway)
    expect(csp).not.toContain('unsafe-inline')
    expect(directives['img-src']).toBe("'self' data:")
    expect(directives['connect-src']).toBe("'self'")
    expect(directives['frame-ancestors']).toBe("'none'")
    expect(directives['base-uri']).toBe("'self'")
    expect(directives['form-action']).toBe("'self'")
    expect(directives['object-src']).toBe("'none'")
  })

  it('sends the fixed headers on every response', () => {
    const headers = securityHeaders({ nonce: 'n', production: false, https: false })
    expect(headers['Referrer-Policy']).toBe('same-origin')
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/)
  })

  it('sends HSTS only in production over https', () => {
    const hsts = (production: boolean, https: boolean) =>
      securityHeaders({ nonce: 'n', production, https })['Strict-Transport-Security']
    expect(hsts(true, true)).toBe('max-age=31536000; includeSubDomains')
    expect(hsts(true, false)).toBeUndefined()
    expect(hsts(false, true)).toBeUndefined()
  })

  it('makes a fresh unguessable nonce per call', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce))
    expect(nonces.size).toBe(50)
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16)
  })
})

describe('the production app in front of Remix', () => {
  let server: Server
  let base: string
  let handled: string[]
  const scopesSeen: unknown[] = []
  const requestScope = () =>
    (globalThis as unknown as Record<symbol, { getStore(): unknown } | undefined>)[Symbol.for('portal.requestScope')]?.getStore()

  beforeAll(async () => {
    handled = []
    const app = createApp({
      clientDir: '/nonexistent',
      production: true,
      appOrigin: undefined,
      handler: (req, res) => {
        handled.push(`${req.method} ${req.path} ${res.locals.cspNonce as string}`)
        scopesSeen.push(requestScope())
        res.type('text/plain').send('remix')
      },
    })
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('runs each request in a scope of its own (what its parallel loaders share: app/lib/request-scope.server.ts)', async () => {
    scopesSeen.length = 0
    await (await fetch(`${base}/one`)).text()
    await (await fetch(`${base}/two`, { method: 'POST', headers: { origin: base }, body: 'x=1' })).text()
    expect(scopesSeen).toHaveLength(2)
    // the method decides what may be shared (only a GET's or a HEAD's loaders share)
    expect(scopesSeen[0]).toEqual({ method: 'GET', memo: new Map() })
    expect(scopesSeen[1]).toEqual({ method: 'POST', memo: new Map() })
    expect(scopesSeen[0]).not.toBe(scopesSeen[1])
    expect(requestScope()).toBeUndefined()
    handled.length = 0
  })

  it('refuses a cross-site POST with 403 before any action runs', async () => {
    const res = await fetch(`${base}/login`, { method: 'POST', headers: { origin: 'https://evil.test' }, body: 'email=x' })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe(CSRF_REJECTION_BODY)
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const none = await fetch(`${base}/login`, { method: 'POST', body: 'email=x' })
    expect(none.status).toBe(403)
    expect(handled).toEqual([])
  })

  /** A raw request, so the test decides the headers (fetch sets Content-Length itself and never streams a string). */
  function rawPost(headers: Record<string, string>, body: string, path = FORM) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method: 'POST', headers: { origin: base, ...headers } }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  it('refuses a body above its cap with 413, and one of unknown length with 411, before any action reads it', async () => {
    handled.length = 0
    const body = `email=x&password=${'x'.repeat(BODY_LIMITS.form - 16)}`
    expect(body.length).toBe(BODY_LIMITS.form + 1)
    const res = await rawPost({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) }, body)
    expect(res.status).toBe(413)
    expect(res.text).toBe(bodyRejectionText(413, BODY_LIMITS.form))
    const chunked = await rawPost({ 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, 'email=x')
    expect(chunked.status).toBe(411)
    expect(chunked.text).toBe(bodyRejectionText(411, BODY_LIMITS.form))
    // sign-in reads its form before any session check: anyone may post there, so its cap is small
    const signIn = `email=x&password=${'x'.repeat(BODY_LIMITS.signedOut)}`
    const refused = await rawPost({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(signIn.length) }, signIn, '/login')
    expect(refused.status).toBe(413)
    expect(refused.text).toBe(bodyRejectionText(413, BODY_LIMITS.signedOut))
    expect(handled).toEqual([])
    const small = await rawPost({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '7' }, 'email=x', '/login')
    expect(small.status).toBe(200)
    expect(handled).toHaveLength(1)
  })

  it('reads a refused body to its end before answering, so the browser sending it gets the 413', async () => {
    handled.length = 0
    const res = await fetch(`${base}${FORM}`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: `title=${'x'.repeat(BODY_LIMITS.form)}`,
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toBe(bodyRejectionText(413, BODY_LIMITS.form))
    expect(res.headers.get('connection')).not.toBe('close')
    expect(handled).toEqual([])
  })

  it('answers a body announced above what it will read at once, and closes the connection', async () => {
    const closed = await new Promise<{ status: number | undefined; connection: string | undefined; sentMb: number }>((resolve) => {
      let status: number | undefined
      let connection: string | undefined
      let sent = 0
      const req = httpRequest(`${base}${FORM}`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(512 * 1024 * 1024) },
      })
      req.on('response', (res) => {
        status = res.statusCode
        connection = res.headers.connection
        res.resume()
      })
      const chunk = Buffer.alloc(1024 * 1024, 120)
      const pump = () => {
        while (sent < 512 && req.write(chunk)) sent++
        if (sent < 512) req.once('drain', () => (sent++, pump()))
      }
      const done = () => resolve({ status, connection, sentMb: sent })
      req.on('error', done)
      req.on('close', done)
      pump()
    })
    expect(closed.status).toBe(413)
    expect(closed.connection).toBe('close')
    expect(closed.sentMb).toBeLessThan(512)
    expect(handled).toEqual([])
  })

  it('stays up when clients give up on refused uploads half-way', async () => {
    handled.length = 0
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const req = httpRequest(`${base}${FORM}`, { method: 'POST', headers: { origin: base, 'content-length': String(BODY_LIMITS.form * 2) } })
        req.on('error', () => resolve())
        req.write(Buffer.alloc(1024 * 1024, 120), () => setTimeout(() => (req.destroy(), resolve()), 20))
      })
    }
    const after = await fetch(`${base}/still-there`)
    expect(after.status).toBe(200)
    expect(handled).toEqual([`GET /still-there ${after.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]}`])
  })

  it('answers an address it cannot decode and a missing asset itself: short, bilingual, with the headers, no stack', async () => {
    handled.length = 0
    for (const [path, status] of [['/%E0%A4%A', 400], ['/village/%ZZ/reports', 400], ['/assets/no-such-file.js', 404]] as const) {
      const res = await fetch(`${base}${path}`)
      expect(res.status, path).toBe(status)
      expect(await res.text()).toBe(httpErrorText(status))
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(res.headers.get('content-type')).toContain('text/plain')
    }
    expect(handled).toEqual([])
    expect(httpErrorText(500)).toMatch(/^500 .*服务器出错/)
    expect(httpErrorText(405)).toMatch(/^405: .*无法处理/)
  })

  it('passes a same-origin POST and a GET to Remix with the nonce of its own CSP', async () => {
    const res = await fetch(`${base}/login`, { method: 'POST', headers: { origin: base }, body: 'email=x' })
    expect(res.status).toBe(200)
    const get = await fetch(`${base}/`)
    expect(await get.text()).toBe('remix')
    expect(handled).toHaveLength(2)
    const nonce = handled[1]!.split(' ')[2]!
    expect(get.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`)
    expect(get.headers.get('x-powered-by')).toBeNull()
    // plain http, no APP_ORIGIN: no HSTS even in production
    expect(get.headers.get('strict-transport-security')).toBeNull()
  })
})

describe('the static files of the production app', () => {
  it('serves the build\'s own files (assets for a year, the rest for an hour) and leaves every other path to Remix', async () => {
    const clientDir = mkdtempSync(path.join(tmpdir(), 'portal-client-'))
    mkdirSync(path.join(clientDir, 'assets'))
    writeFileSync(path.join(clientDir, 'favicon.svg'), '<svg/>')
    writeFileSync(path.join(clientDir, 'assets', 'entry-abc.js'), 'export {}')
    const handled: string[] = []
    const app = createApp({ clientDir, production: true, appOrigin: undefined, handler: (req, res) => (handled.push(req.path), res.send('remix')) })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const favicon = await fetch(`${base}/favicon.svg`)
      expect([favicon.status, await favicon.text(), favicon.headers.get('cache-control')]).toEqual([200, '<svg/>', 'public, max-age=3600'])
      const asset = await fetch(`${base}/assets/entry-abc.js`)
      expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable'])
      // a page, and a file that was not there when the server started (the build is fixed by then)
      writeFileSync(path.join(clientDir, 'later.txt'), 'x')
      for (const page of ['/village/x/reports', '/later.txt']) expect(await (await fetch(`${base}${page}`)).text()).toBe('remix')
      expect(handled).toEqual(['/village/x/reports', '/later.txt'])
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(clientDir, { recursive: true, force: true })
    }
  })
})

describe('outage mapping', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code })

  it('treats lost or refused connections as unavailable', () => {
    for (const code of ['08000', '08001', '08003', '08004', '08006', '08P01', '57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']) {
      expect(isDatabaseUnavailable(pgError(code)), code).toBe(true)
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true)
    // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError
    expect(isDatabaseUnavailable(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]))).toBe(true)
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01') }))).toBe(true)
  })

  it('leaves every other error a 500', () => {
    for (const code of ['23505', '23514', '42501', '40001', '42P01', '22P02', '0800', 'P0001']) {
      expect(isDatabaseUnavailable(pgError(code)), code).toBe(false)
    }
    for (const value of [null, undefined, 'ECONNREFUSED', 42, new Error('boom'), {}]) {
      expect(isDatabaseUnavailable(value)).toBe(false)
    }
  })

  it('turns an outage into a thrown 503 with Retry-After and passes the rest through', async () => {
    await expect(unavailableAs503(async () => 7)).resolves.toBe(7)
    const other = pgError('23505')
    await expect(unavailableAs503(() => Promise.reject(other))).rejects.toBe(other)
    const thrown = await unavailableAs503(() => Promise.reject(pgError('57P01'))).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(503)
    expect((thrown as Response).headers.get('retry-after')).toBe('5')
  })

  describe('against a Postgres that is not there', () => {
    beforeAll(() => {
      // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
      useBackend(createPostgresBackend('postgres://nobody:nothing@127.0.0.1:9/none', 2))
    })
    afterAll(() => closeDb())

    const claims: Claims = {
      sub: '00000000-0000-4000-8000-000000000001',
      role: 'authenticated',
      email: 'x@example.test',
      exp: Math.floor(Date.now() / 1000) + 60,
      session_id: '00000000-0000-4000-8000-000000000002',
    }

    it('answers 503 from withUser, withAnon and withService, every time', async () => {
      for (const run of [
        () => withUser(claims, async () => 'never'),
        () => withAnon(async () => 'never'),
        () => withService(async () => 'never'),
        () => withUser(claims, async () => 'never'),
      ]) {
        const thrown = await run().catch((e: unknown) => e)
        expect(thrown).toBeInstanceOf(Response)
        expect((thrown as Response).status).toBe(503)
      }
    })
  })
})
