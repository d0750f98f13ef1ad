import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Work done once per HTTP request, shared by the loaders that Remix runs in parallel for one page
 * (root, portal layout, page): who is signed in, whether the portal is theirs, and the user's
 * transaction (db.server.ts, withUser). Remix hands each loader its own Request object, so the request
 * itself cannot key the memo; the production server (server/app.js) and `npm run dev` (vite.config.ts)
 * run each request inside an AsyncLocalStorage scope instead (server/request-scope.js), found here
 * through a global symbol. Without one (tests calling loaders) the Request object keys the memo, which
 * still dedupes calls within one loader, and nothing shares a transaction.
 *
 * Only GET and HEAD requests share: an action may change what a memo holds (a session, a
 * membership), and the loaders that run after it get a fresh GET request of their own.
 */
const SCOPE = Symbol.for('portal.requestScope')

/** What server/app.js creates for each request: `{ method: req.method, memo: new Map() }`. */
export interface RequestScope {
  method: string
  memo: Map<string, Promise<unknown>>
  /** The user transaction the request's loaders share (db.server.ts keeps it here). */
  userTransaction?: unknown
}

function storage(): AsyncLocalStorage<RequestScope> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestScope> | undefined>
  return (g[SCOPE] ??= new AsyncLocalStorage<RequestScope>())
}

/** Runs fn as server/app.js runs a request (tests). */
export function runInRequestScope<T>(method: string, fn: () => T): T {
  return storage().run({ method, memo: new Map() }, fn)
}

/** The production server's scope of the request this code runs for, if any, whatever its method. */
export function currentRequestScope(): RequestScope | undefined {
  return storage().getStore()
}

/** The production server's scope of the GET or HEAD request this code runs for, if any. */
export function readOnlyRequestScope(): RequestScope | undefined {
  const current = storage().getStore()
  return current && (current.method === 'GET' || current.method === 'HEAD') ? current : undefined
}

type Memo = Map<string, Promise<unknown>>

const byRequest = new WeakMap<Request, Memo>()

function memoOf(request: Request): Memo {
  const current = storage().getStore()
  if (current) return current.memo
  let memo = byRequest.get(request)
  if (!memo) byRequest.set(request, (memo = new Map()))
  return memo
}

/**
 * compute() once per request and key. A rejection is shared too (every caller gets the same 404 or
 * redirect); a thrown Response is cloned for each caller, because Remix reads what a loader throws.
 */
export function memoPerRequest<T>(request: Request, key: string, compute: () => Promise<T>): Promise<T> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return compute()
  const memo = memoOf(request)
  let pending = memo.get(key) as Promise<T> | undefined
  if (!pending) {
    pending = compute()
    // keep the original unread: callers get clones of a thrown Response
    pending.catch(() => undefined)
    memo.set(key, pending)
  }
  return pending.catch((thrown: unknown) => {
    throw thrown instanceof Response ? thrown.clone() : thrown
  })
}

/** Forgets a memo of this request (after sign-in, sign-out or a password change). */
export function forgetForRequest(request: Request, key: string): void {
  memoOf(request).delete(key)
}
