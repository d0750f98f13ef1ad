import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Each request runs in a scope of its own, where the app keeps what its parallel loaders share (the session
 * check, the portal check, the user's read-only transaction) and what an action was posted (to hand it back
 * when it was not saved): app/lib/request-scope.server.ts finds it by this symbol. The production server
 * (app.js) and `npm run dev` (vite.config.ts) both open it, so the app behaves the same in both.
 */
const KEY = Symbol.for('portal.requestScope')

/** @returns {AsyncLocalStorage<{ method: string, memo: Map<string, Promise<unknown>> }>} */
function requestScopes() {
  const g = /** @type {Record<symbol, AsyncLocalStorage<{ method: string, memo: Map<string, Promise<unknown>> }> | undefined>} */ (/** @type {unknown} */ (globalThis))
  return (g[KEY] ??= new AsyncLocalStorage())
}

/**
 * Runs a request's handling (`next` of a middleware) in a new scope.
 * @template T
 * @param {string} method the request's method
 * @param {() => T} fn
 * @returns {T}
 */
export function inRequestScope(method, fn) {
  return requestScopes().run({ method, memo: new Map() }, fn)
}
