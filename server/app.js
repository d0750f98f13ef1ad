// @ts-check
/**
 * The Express app of the production server, without the process around it (server/index.js), so
 * tests can drive it with a stub in place of Remix.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import compression from 'compression'
import express from 'express'
import { bodyRejectionText, checkBodySize, checkCsrf, createNonce, CSRF_REJECTION_BODY, httpErrorText, securityHeaders } from './security.js'
import { inRequestScope } from './request-scope.js'

/**
 * @typedef {object} AppOptions
 * @property {string} clientDir build/client: Vite's browser build (assets/ inside it is fingerprinted)
 * @property {boolean} production NODE_ENV === 'production' (HSTS is only sent then)
 * @property {string | undefined} appOrigin APP_ORIGIN, the public origin when behind a proxy
 * @property {import('express').RequestHandler} handler the Remix request handler
 */

/** How much of a refused body is read and thrown away before answering (see createApp); beyond it the connection closes. */
const DRAIN_LIMIT = 64 * 1024 * 1024

/**
 * Security headers, CSRF origin check, the cap on request bodies, gzip, static files, then Remix. The CSP nonce is left in
 * res.locals.cspNonce for the handler's getLoadContext.
 * @param {AppOptions} options
 */
export function createApp({ clientDir, production, appOrigin, handler }) {
  const appOriginIsHttps = appOrigin ? appOrigin.startsWith('https:') : false
  const app = express()
  app.disable('x-powered-by')

  // Headers first, so static files, refusals and pages all carry them.
  app.use((req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    res.set(securityHeaders({ nonce, production, https: req.secure || appOriginIsHttps }))
    next()
  })

  // No action runs for a cross-site state-changing request.
  app.use((req, res, next) => {
    const verdict = checkCsrf({
      method: req.method,
      url: `${req.protocol}://${req.get('host') ?? 'invalid.invalid'}${req.originalUrl}`,
      origin: req.get('origin'),
      referer: req.get('referer'),
      appOrigin,
    })
    if (verdict.ok) return next()
    res.status(403).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(CSRF_REJECTION_BODY)
  })

  // No body is read into memory that is larger than any form of the app sends (BODY_LIMITS), and none
  // of unknown length. A refused body up to DRAIN_LIMIT is read and thrown away before the answer, so
  // a browser still sending it gets the answer, not a connection reset mid-upload; a larger one gets
  // the answer at once and the connection is closed.
  app.use((req, res, next) => {
    const verdict = checkBodySize({
      method: req.method,
      path: req.path,
      contentLength: req.get('content-length'),
      transferEncoding: req.get('transfer-encoding'),
      contentType: req.get('content-type'),
    })
    if (verdict.ok) return next()
    const refuse = (/** @type {boolean} */ close) => {
      if (res.headersSent) return
      if (close) res.set('Connection', 'close')
      res
        .status(verdict.status)
        .type('text/plain; charset=utf-8')
        .set('Cache-Control', 'no-store')
        .send(bodyRejectionText(verdict.status, verdict.limit))
    }
    if (Number(req.get('content-length')) > DRAIN_LIMIT) return refuse(true)
    let discarded = 0
    const discard = (/** @type {Buffer} */ chunk) => {
      discarded += chunk.length
      if (discarded <= DRAIN_LIMIT) return
      req.off('data', discard)
      req.pause()
      refuse(true)
    }
    req.on('data', discard)
    req.once('end', () => refuse(false))
  })

  app.use(compression())
  // Fingerprinted by Vite: cache for a year, never revalidate. A missing asset is a plain 404.
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  // favicon and the like: an hour. Only the files the build put there go to the disk: looking for a
  // page's address among them cost every page a stat (~0.2 ms of a request under load).
  const rootFiles = filesIn(clientDir)
  const rootStatic = express.static(clientDir, { maxAge: '1h', index: false })
  app.use((req, res, next) => (rootFiles.has(req.path) ? rootStatic(req, res, next) : next()))
  // Each request runs in a scope of its own (request-scope.js)
  app.all('*', (req, res, next) => inRequestScope(req.method, () => handler(req, res, next)))
  // What reaches Express's own error handling (an address static files cannot decode, a missing asset,
  // a failing middleware) gets a short bilingual text with the security headers set above, not
  // Express's English HTML page; a 5xx is logged here.
  app.use((/** @type {unknown} */ err, /** @type {import('express').Request} */ req, /** @type {import('express').Response} */ res, /** @type {import('express').NextFunction} */ next) => {
    const { status: raw, statusCode } = /** @type {{ status?: unknown, statusCode?: unknown }} */ (err ?? {})
    const given = Number(raw ?? statusCode)
    const status = given >= 400 && given < 500 ? given : 500
    if (status === 500) console.error(`[server] ${req.method} ${req.originalUrl} failed:`, err)
    if (res.headersSent) return next(err)
    res.status(status).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(httpErrorText(status))
  })
  return app
}

/**
 * The files directly in dir, as paths ('/favicon.svg'); none when it does not exist.
 * @param {string} dir
 */
function filesIn(dir) {
  try {
    return new Set(readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => `/${entry.name}`))
  } catch {
    return new Set()
  }
}
