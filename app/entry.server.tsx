import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { getEnv } from '~/lib/env.server'
import { I18nResourcesContext } from '~/lib/i18n-resources'
import { allResources } from '~/lib/i18n.server'
import { NonceContext } from '~/lib/nonce'
import { isDatabaseUnavailable } from '~/lib/security.server'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This response's CSP nonce, from the production server (server/index.js); absent in dev. */
    cspNonce?: string
  }
}

// Validate the environment when the server loads the build, not at the first request: a bad env
// makes `npm start` exit with a readable message (server/index.js prints it).
getEnv()

export const streamTimeout = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext = {},
) {
  const nonce = loadContext.cspNonce
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce ?? ''}>
        <I18nResourcesContext.Provider value={allResources}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nResourcesContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          // Security headers (CSP, nosniff, Referrer-Policy, frame denial, HSTS) come from server/index.js.
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Streaming errors after the shell are logged here; users get the error boundary.
          if (shellRendered) logError(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}

/** Unexpected errors are logged server-side; users never see stack traces or SQL. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  logError(error)
}

function logError(error: unknown) {
  // An outage is one line per request, not a stack trace each.
  if (isDatabaseUnavailable(error)) console.error(`database unavailable: ${(error as Error).message}`)
  else console.error(error)
}
