/**
 * Outage handling: which database errors mean "Postgres is not there, or too busy, right now" (answer
 * 503 and let the client retry) rather than "our code or the data is wrong" (500). The HTTP-level defences
 * (CSRF origin check, security headers) live in server/security.js, in front of Remix.
 */
import { data } from '@remix-run/node'
import type { PendingSubmission } from './pending-submission'
import { postedSubmission } from './posted-form.server'

/**
 * SQLSTATEs of a lost, refused or overloaded database: class 08 (connection exception), the shutdown
 * codes, and the request timeouts of db.server.ts (REQUEST_TIMEOUTS): a statement or lock wait that
 * ran out is "busy, try again", and its transaction has rolled back. Also the failure a page's loader
 * meets when another loader's statement aborted the transaction they share.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is restarting or was told to stop
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
  // in_failed_sql_transaction: another loader of the same page failed a statement in the transaction
  // they share (db.server.ts); that one has its own answer, and this one is "try again"
  '25P02',
])

/** Socket-level failures on the way to the database. */
const UNAVAILABLE_SYSCALL_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

// node-postgres reports a lost connection or an exhausted connect timeout only by message.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
]

/** True when error (or its cause, or any error it aggregates) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SYSCALL_CODES.has(code)) return true
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/** Seconds a client should wait before retrying during an outage. */
export const RETRY_AFTER_SECONDS = 5

const UNAVAILABLE = { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } }

/** The 503 a loader or action throws during an outage; the error boundary renders errors.unavailable. */
export function serviceUnavailable(): Response {
  return new Response('Service Unavailable', { ...UNAVAILABLE, headers: { ...UNAVAILABLE.headers, 'Content-Type': 'text/plain' } })
}

/**
 * The 503 of a request whose action read a form (readForm): that form goes with it, and the error view
 * offers to post it again, so that what the user typed outlives the outage (ADR 0012).
 */
export function serviceUnavailableWithForm(retry: PendingSubmission) {
  return data({ retry }, UNAVAILABLE)
}

/**
 * Runs fn; an unreachable database becomes a thrown 503 (logged in one line), anything else is rethrown
 * untouched. The transaction fn ran in has already rolled back, or died with its connection. In a request
 * that posted a form, the 503 carries it (serviceUnavailableWithForm).
 */
export async function unavailableAs503<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      console.error(`database unavailable: ${(error as Error).message || (error as { code?: string }).code}`)
      const retry = await postedSubmission()
      throw retry ? serviceUnavailableWithForm(retry) : serviceUnavailable()
    }
    throw error
  }
}
