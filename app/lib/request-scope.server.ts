import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Work done once per HTTP request, shared by the loaders that Remix runs in parallel for one page
 * (root, portal layout, page): who is signed in, and whether the portal is theirs. Remix hands each
 * loader its own Request object, so the request itself cannot key the memo; the production server
 * (server/app.js) runs each request inside an AsyncLocalStorage scope instead, found here through a
 * global symbol. Without that server (vite dev, tests calling loaders) the Request object keys it,
 * which still dedupes calls within one loader.
 *
 * Only GET and HEAD requests memoise: an action may change what a memo holds (a session, a
 * membership), and the loaders that run after it get a fresh GET request of their own.
 */
const SCOPE = Symbol.for('portal.requestScope')

type Scope = Map<string, Promise<unknown>>

function storage(): AsyncLocalStorage<Scope> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<Scope> | undefined>
  return (g[SCOPE] ??= new AsyncLocalStorage<Scope>())
}

const byRequest = new WeakMap<Request, Scope>()

function scopeOf(request: Request): Scope {
  const current = storage().getStore()
  if (current) return current
  let scope = byRequest.get(request)
  if (!scope) byRequest.set(request, (scope = new Map()))
  return scope
}

/**
 * compute() once per request and key. A rejection is shared too (every caller gets the same 404 or
 * redirect); a thrown Response is cloned for each caller, because Remix reads what a loader throws.
 */
export function memoPerRequest<T>(request: Request, key: string, compute: () => Promise<T>): Promise<T> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return compute()
  const scope = scopeOf(request)
  let pending = scope.get(key) as Promise<T> | undefined
  if (!pending) {
    pending = compute()
    // keep the original unread: callers get clones of a thrown Response
    pending.catch(() => undefined)
    scope.set(key, pending)
  }
  return pending.catch((thrown: unknown) => {
    throw thrown instanceof Response ? thrown.clone() : thrown
  })
}

/** Forgets a memo of this request (after sign-in, sign-out or a password change). */
export function forgetForRequest(request: Request, key: string): void {
  scopeOf(request).delete(key)
}
