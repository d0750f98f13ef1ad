/**
 * What every route's action is exported through (lint enforces it in routes): an action that fails
 * unexpectedly (a bug, a constraint nobody foresaw) hands the posted form back with its 500, as an
 * outage's 503 and a lapsed session's 401 already do (ADR 0012), instead of leaving the user on
 * Remix's "Unexpected Server Error" with what they typed gone.
 */
import { data, type ActionFunctionArgs } from '@remix-run/node'
import { postedSubmission } from './posted-form.server'
import { isDatabaseUnavailable, unavailableAs503 } from './security.server'

/** The headers of the 500 that carries a form: never cached, like the 401 and the 503 that carry one. */
const FAILED = { status: 500, statusText: 'Internal Server Error', headers: { 'Cache-Control': 'no-store' } }

/**
 * The action, answering an unexpected failure with `data({ failed }, 500)` when it had read a form
 * (readForm), so that the error view can offer it again and show its texts for copying. The error
 * itself goes to the server log, never to the page. Thrown answers (a redirect, a 403, a 404, the
 * 401 and 503 that already carry the form) pass untouched; so does a failure with no form to carry,
 * which Remix logs (entry.server.tsx, handleError) and shows as the generic 500.
 */
export function handingFormBack<A extends (args: ActionFunctionArgs) => Promise<unknown>>(action: A): A {
  const wrapped = async (args: ActionFunctionArgs) => {
    try {
      return await action(args)
    } catch (error) {
      if (isThrownAnswer(error) || args.request.signal.aborted) throw error
      // an outage met outside a transaction (withUser and withService answer theirs already)
      if (isDatabaseUnavailable(error)) return unavailableAs503(() => Promise.reject(error))
      const failed = await postedSubmission()
      if (!failed) throw error
      console.error(`[action] ${args.request.method} ${failed.action} failed; its form went back with the 500:`, error)
      throw data({ failed }, FAILED)
    }
  }
  return wrapped as A
}

/** A Response (redirect, 403, 404…) or what Remix's data() makes: an answer, not a failure. */
function isThrownAnswer(error: unknown): boolean {
  if (error instanceof Response) return true
  return !!error && typeof error === 'object' && (error as { type?: unknown }).type === 'DataWithResponseInit'
}
