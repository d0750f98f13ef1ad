import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { autofocusFirstInvalid } from '~/lib/autofocus.server'
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

/**
 * Renders the whole document before answering, and answers it in one piece with its length. No
 * route streams (no deferred data, no Suspense), so streaming bought nothing but cost: the HTML
 * crossed a Node stream, a web stream and back in ~2 KB chunks, one socket write each, which for
 * the county heatmap (240 KB) was a tenth of the server's time (docs/benchmarks.md).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext = {},
) {
  const nonce = loadContext.cspNonce
  const posted = request.method !== 'GET' && request.method !== 'HEAD'
  return new Promise((resolve, reject) => {
    let shellRendered = false
    // a render that never settles is cut off; a settled one clears this (a pending timer would hold the whole render in memory)
    let abort = () => {}
    const timer = setTimeout(() => abort(), streamTimeout + 1000)
    const chunks: Buffer[] = []
    const body = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        done()
      },
      final(done) {
        // Security headers (CSP, nosniff, Referrer-Policy, frame denial, HSTS) come from server/index.js.
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        clearTimeout(timer)
        // a refused post comes back as this page: its first invalid field takes the focus (lib/autofocus.server.ts)
        const rendered = Buffer.concat(chunks)
        const html = posted ? Buffer.from(autofocusFirstInvalid(rendered.toString('utf8'))) : rendered
        responseHeaders.set('Content-Length', String(html.length))
        resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }))
        done()
      },
    })
    const rendering = renderToPipeableStream(
      <NonceContext.Provider value={nonce ?? ''}>
        <I18nResourcesContext.Provider value={allResources}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nResourcesContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          rendering.pipe(body)
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are logged here (Remix logs the others); users get the error boundary.
          if (shellRendered) logError(error)
        },
      },
    )
    abort = rendering.abort
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
