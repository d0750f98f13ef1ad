// @ts-check
/**
 * The HTTP-level defences of the production server: the CSRF origin check and the security headers.
 * Plain JavaScript with JSDoc types so `node server/index.js` runs it without a build step; the unit
 * tests import it directly (tests/integration/security.test.ts).
 */
import { randomBytes } from 'node:crypto'

/** Methods that never change state and so carry no CSRF risk. */
const SAFE_METHODS = new Set(['GET', 'HEAD'])

/** The short, language-neutral body of a refused cross-site request. */
export const CSRF_REJECTION_BODY = '403 Forbidden: cross-site request refused / 跨站请求已被拒绝\n'

/** A fresh per-request CSP nonce: 128 random bits, base64. */
export function createNonce() {
  return randomBytes(16).toString('base64')
}

/**
 * The origin (scheme://host[:port]) of a URL string, or null when it is not an http(s) URL.
 * @param {string | null | undefined} value
 * @returns {string | null}
 */
export function originOf(value) {
  if (!value) return null
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.origin
  } catch {
    return null
  }
}

/**
 * @typedef {object} CsrfInput
 * @property {string} method the request method
 * @property {string} url the request's absolute URL as the server sees it
 * @property {string | null | undefined} origin the Origin header
 * @property {string | null | undefined} referer the Referer header
 * @property {string | null | undefined} [appOrigin] APP_ORIGIN: the public origin behind a proxy
 */

/**
 * @typedef {{ ok: true } | { ok: false, reason: 'missing-origin' | 'bad-origin' | 'cross-origin' }} CsrfResult
 */

/**
 * The CSRF check: a state-changing request (anything but GET/HEAD) must name, in Origin or failing that
 * in Referer, exactly the origin it was sent to: APP_ORIGIN when set (behind a proxy the server's own
 * view of the URL is not what the browser sees), else the request URL's origin. SameSite=Lax session
 * cookies are the second layer.
 * @param {CsrfInput} input
 * @returns {CsrfResult}
 */
export function checkCsrf({ method, url, origin, referer, appOrigin }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true }
  const expected = originOf(appOrigin) ?? originOf(url)
  if (!expected) return { ok: false, reason: 'bad-origin' }
  // "Origin: null" (sandboxed frames, some redirects) is present but says nothing: refuse it.
  const claimed = origin ? originOf(origin) : originOf(referer)
  if (!origin && !referer) return { ok: false, reason: 'missing-origin' }
  if (!claimed) return { ok: false, reason: 'bad-origin' }
  return claimed === expected ? { ok: true } : { ok: false, reason: 'cross-origin' }
}

/**
 * The largest request body the server reads, by kind. Remix reads a form's whole body into memory
 * before the action can validate it, so without a cap one POST of a few hundred megabytes (sign-in
 * needs no account) grows the process by twice that. The caps sit far above any form of the app:
 * - forms (urlencoded, and anything else): the largest is a report template's definition, at most
 *   200,000 characters, 1.8 MB percent-encoded even if every one is Chinese; a monthly report's texts
 *   are far shorter;
 * - multipart uploads: the Excel imports take files of up to 2 MB and answer a larger one with their
 *   own translated error, so a file well above that must still reach them; 16 MB keeps that message
 *   for any spreadsheet a village would really pick.
 */
export const BODY_LIMITS = Object.freeze({ form: 4 * 1024 * 1024, multipart: 16 * 1024 * 1024, signedOut: 64 * 1024 })

/**
 * The actions that read their form before any session check, so anyone may post to them: sign-in and the
 * language switch. Their forms are a few hundred bytes (a redirect target of at most 2,048 characters,
 * 18 KB percent-encoded if every one is Chinese), so BODY_LIMITS.signedOut holds them. Without it, an
 * anonymous POST of 4 MB of empty fields to /login cost ~250 ms of parsing before the rate limit could
 * refuse it. Other actions check the session first; without one, they read a body only as far as this
 * cap, to carry a form posted after its session ended through sign-in (requireClaims, auth.server.ts),
 * or further for a session cookie of ours that has ended.
 */
const SIGNED_OUT_ACTIONS = new Set(['/login', '/language'])

/**
 * @typedef {object} BodyInput
 * @property {string} method the request method
 * @property {string} path the request's path (Remix's data requests end in `.data`)
 * @property {string | undefined} contentLength the Content-Length header
 * @property {string | undefined} transferEncoding the Transfer-Encoding header
 * @property {string | undefined} contentType the Content-Type header
 */

/**
 * @typedef {{ ok: true } | { ok: false, status: 411 | 413, limit: number }} BodyResult
 */

/**
 * Whether a request's body may be read. GET and HEAD bodies are never read (Node discards them). A
 * body must state its length: browsers do for every form and fetch() body, and a length checked
 * before reading is what lets the cap refuse without reading (Node's parser holds the client to the
 * Content-Length it sent). A streamed body of unknown length gets 411, one above the cap 413.
 * @param {BodyInput} input
 * @returns {BodyResult}
 */
export function checkBodySize({ method, path, contentLength, transferEncoding, contentType }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true }
  // as Remix matches it: decoded, without case, `.data` or a trailing slash
  const action = decodedPath(path).toLowerCase().replace(/\.data$/, '').replace(/\/+$/, '') || '/'
  const limit = SIGNED_OUT_ACTIONS.has(action)
    ? BODY_LIMITS.signedOut
    : /^\s*multipart\/form-data/i.test(contentType ?? '')
      ? BODY_LIMITS.multipart
      : BODY_LIMITS.form
  if (contentLength === undefined) return transferEncoding ? { ok: false, status: 411, limit } : { ok: true }
  return Number(contentLength) > limit ? { ok: false, status: 413, limit } : { ok: true }
}

/** @param {string} path */
function decodedPath(path) {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/**
 * The short, bilingual body of a refused request body (the page that sent it still holds what was typed).
 * @param {411 | 413} status
 * @param {number} limit
 */
export function bodyRejectionText(status, limit) {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`
  return status === 413
    ? `413 Payload Too Large: the submission is larger than ${size} / 提交的内容超过 ${size}，未被接收\n`
    : '411 Length Required: the submission must state its length / 提交的内容未注明长度，未被接收\n'
}

/**
 * The short, bilingual body of an error the server answers itself, before or beside Remix: a malformed
 * address (static files cannot decode it), a missing fingerprinted asset, or a failure of the server's
 * own middleware. No stack and no detail: those go to the server log.
 * @param {number} status
 */
export function httpErrorText(status) {
  if (status === 400) return '400 Bad Request: the address or the request is malformed / 网址或请求格式有误\n'
  if (status === 404) return '404 Not Found / 未找到该页面或文件\n'
  if (status >= 400 && status < 500) return `${status}: the request cannot be served / 该请求无法处理\n`
  return '500 Internal Server Error: please try again later / 服务器出错，请稍后再试\n'
}

/**
 * @typedef {object} HeaderOptions
 * @property {string} nonce this response's CSP nonce
 * @property {boolean} production NODE_ENV === 'production'
 * @property {boolean} https the request arrived over https, or APP_ORIGIN is https
 */

/**
 * The Content-Security-Policy for one response. Scripts: only those carrying this response's nonce
 * (Remix's inline context and module bootstrap) and what they load ('strict-dynamic'); 'self' is the
 * fallback for old browsers without CSP3, which ignore 'strict-dynamic' (new ones ignore 'self' then).
 * Styles: our stylesheets only, no inline style elements or attributes (bars are sized with SVG
 * attributes, not `style`).
 * @param {string} nonce
 * @returns {string}
 */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

/**
 * The security headers every response of the production server carries.
 * @param {HeaderOptions} options
 * @returns {Record<string, string>}
 */
export function securityHeaders({ nonce, production, https }) {
  /** @type {Record<string, string>} */
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  }
  if (production && https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
  return headers
}
