/**
 * The form an action was posted, read once and remembered for the rest of the request, so that an answer
 * that did not save it can hand it back instead of losing it: the session had ended (requireClaims, ADR
 * 0012) or the database was unavailable (unavailableAs503, security.server.ts). Actions read their form
 * with readForm, not request.formData() (lint enforces it in routes); the sign-in and the password change
 * read theirs directly, and pendingOf leaves passwords out of anything handed back.
 */
import type { PendingSubmission } from './pending-submission'
import { currentRequestScope } from './request-scope.server'

const POSTED = 'form:posted'
const NOTED = 'form:request'

interface Posted {
  action: string
  form: FormData
}

interface Noted {
  request: Request
  /** whether its body may be read before anybody knows who sent it (auth.server.ts) */
  mayRead: () => Promise<boolean>
}

/**
 * Notes an action's request (getClaims does, before the session check), so that an outage met before the
 * action read its form (the session check itself) can still hand the form back: postedSubmission reads it
 * then, if `mayRead` allows.
 */
export function notePostedRequest(request: Request, mayRead: () => Promise<boolean>): void {
  const scope = currentRequestScope()
  if (!scope || scope.method === 'GET' || scope.method === 'HEAD' || request.method === 'GET' || request.method === 'HEAD') return
  if (!scope.memo.has(NOTED)) scope.memo.set(NOTED, Promise.resolve<Noted>({ request, mayRead }))
}

/** The request's form; in the production server's request scope, remembered for postedSubmission. */
export function readForm(request: Request): Promise<FormData> {
  const scope = currentRequestScope()
  if (!scope || scope.method === 'GET' || scope.method === 'HEAD') return request.formData()
  let posted = scope.memo.get(POSTED) as Promise<Posted> | undefined
  if (!posted) {
    posted = request.formData().then((form) => ({ action: actionOf(request), form }))
    posted.catch(() => undefined)
    scope.memo.set(POSTED, posted)
  }
  return posted.then((p) => p.form)
}

/**
 * What the current request posted, if its action read a form with readForm: for the action itself and
 * for the loaders Remix runs after it in the same document request (each with a GET request of its own).
 */
export async function postedSubmission(): Promise<PendingSubmission | undefined> {
  const scope = currentRequestScope()
  if (!scope || scope.method === 'GET' || scope.method === 'HEAD') return undefined
  try {
    let posted = scope.memo.get(POSTED) as Promise<Posted> | undefined
    if (!posted) {
      const noted = (await scope.memo.get(NOTED)) as Noted | undefined
      if (!noted || noted.request.bodyUsed || !(await noted.mayRead())) return undefined
      await readForm(noted.request)
      posted = scope.memo.get(POSTED) as Promise<Posted>
    }
    const { action, form } = await posted
    return pendingOf(action, form)
  } catch {
    return undefined
  }
}

/**
 * A form as a pending submission: its text fields in order, the names of its files. Passwords are left
 * out: they would be written into a page; posted again without them, the form asks for them (the
 * password change, the only form with any besides the sign-in).
 */
export function pendingOf(action: string, form: FormData | null): PendingSubmission {
  const fields: [string, string][] = []
  const files: string[] = []
  for (const [name, value] of form ?? []) {
    if (/password/i.test(name)) continue
    if (typeof value === 'string') fields.push([name, value])
    else if (value.name) files.push(value.name)
  }
  return { action, fields, files }
}

/** Where a request posted to, as a form's action: its path and query without Remix's data-request markers. */
export function actionOf(request: Request): string {
  const url = new URL(request.url)
  for (const param of ['_data', '_routes']) url.searchParams.delete(param)
  return pageFromDataPath(url.pathname) + url.search
}

/** `/village/x.data` and `/_root.data` (Remix's single-fetch requests) as the page's own path. */
export function pageFromDataPath(pathname: string): string {
  return pathname.replace(/\/_root\.data$/, '/').replace(/\.data$/, '') || '/'
}
