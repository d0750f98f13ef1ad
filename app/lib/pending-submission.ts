/**
 * A form whose answer did not save it (ADR 0012): posted after the user's session had ended (it ran out,
 * they signed out in another tab, their password was changed on another device), while the database
 * was unavailable, or to an action that failed unexpectedly. This is what the action would have
 * received. It goes back to the browser with the answer and is posted again by the user's own click:
 * after signing in again (the session-ended panel, then the sign-in page's "save it now" form), once the
 * database is back (the 503 page's form) or after a failure (the 500 page's form, whose texts are also
 * shown for copying). Only the browser carries it; the server keeps nothing of it.
 */
export interface PendingSubmission {
  /** where the form was posted: path and query (`?index` included, it picks an index route's action) */
  action: string
  /** the text fields in their order, repeated names kept */
  fields: [string, string][]
  /** the names of the files that were chosen: a file cannot be carried, it must be chosen again */
  files: string[]
}

/**
 * How much of a form posted without a live session is read to carry it (requireClaims), as much as
 * the server reads of a sign-in (server/security.js, BODY_LIMITS.signedOut; a test keeps them equal):
 * an anonymous client can make the server parse no more than it already can at /login.
 */
export const SIGNED_OUT_READ_LIMIT = 64 * 1024

/**
 * How much the sign-in form can carry. The server reads at most 64 KB of a sign-in (server/security.js,
 * BODY_LIMITS.signedOut); this leaves room for the address, the password and the way back.
 */
export const MAX_CARRIED_LENGTH = 56 * 1024

/** The pending submission as the sign-in form's hidden `resume` field carries it. */
export function serializePending(pending: PendingSubmission): string {
  return JSON.stringify(pending)
}

/** Whether it fits into a sign-in, percent-encoded as the browser will send it. */
export function fitsIntoSignIn(serialized: string): boolean {
  return serialized.length <= MAX_CARRIED_LENGTH && encodeURIComponent(serialized).length <= MAX_CARRIED_LENGTH
}

/** The page a pending submission came from, for a plain visit: the action's path without `?index`. */
export function pageOf(pending: PendingSubmission): string {
  const url = new URL(pending.action, 'http://site.invalid')
  url.searchParams.delete('index')
  return url.pathname + url.search
}

/**
 * The form a thrown error carries, or null: a 401 of a session that ended under it (`sessionEnded`,
 * requireClaims), a 503 of an outage (`retry`, unavailableAs503), a 500 of an action that failed
 * unexpectedly (`failed`, handingFormBack). Checked by hand: the error view is on every page, and zod
 * would put itself in every page's JavaScript.
 */
export function formCarriedIn(data: unknown, key: 'sessionEnded' | 'retry' | 'failed'): PendingSubmission | null {
  const carried = data && typeof data === 'object' && key in data ? (data as Record<string, unknown>)[key] : null
  return isPendingSubmission(carried) ? carried : null
}

export function isPendingSubmission(value: unknown): value is PendingSubmission {
  if (!value || typeof value !== 'object') return false
  const { action, fields, files } = value as Record<string, unknown>
  const isPair = (f: unknown) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string'
  return typeof action === 'string' && Array.isArray(fields) && fields.every(isPair) && Array.isArray(files) && files.every((f) => typeof f === 'string')
}

/**
 * The texts of a handed-back form worth copying by hand: what a person wrote. Left out are the empty
 * fields and the values a form chose or a person types again in seconds (numbers, dates, ids, choices:
 * printable ASCII without spaces, up to 64 characters).
 */
export function copyableTexts(fields: [string, string][]): string[] {
  return fields.map(([, value]) => value).filter((value) => value.trim() !== '' && !/^[\x21-\x7e]{1,64}$/.test(value.trim()))
}
