import type { LoaderFunctionArgs } from '@remix-run/node'
import { renderToStaticMarkup } from 'react-dom/server'
import { STATUS_KEYS } from '~/components/error-boundary'
import appCss from '~/styles/app.css?url'
import { getFixedT, getLocale } from './i18n.server'

/**
 * The loader of a route that answers a file (an XLSX download). Such a route has no error boundary:
 * its refusals (400, 403, 404, 503: the statuses the error view translates) reached the browser as
 * bare text ('Forbidden'); they come as errorPage now, still thrown, with their status. Anything else
 * (the file, a redirect to sign-in, the export queue's translated 429) passes untouched.
 */
export function downloadLoader(loader: (args: LoaderFunctionArgs) => Promise<Response>) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    try {
      return await loader(args)
    } catch (thrown) {
      if (thrown instanceof Response && STATUS_KEYS[thrown.status]) throw await errorPage(args.request, thrown)
      throw thrown
    }
  }
}

/**
 * The error view (components/error-boundary.tsx: its title, text and way home, the app's stylesheet)
 * as a page of its own, in the user's language, for an answer no route renders. The refusal's status
 * and headers (Retry-After) are kept; the production server adds the security headers, as to every answer.
 */
export async function errorPage(request: Request, refusal: Response): Promise<Response> {
  const [locale, t] = await Promise.all([getLocale(request), getFixedT(request, 'common')])
  const key = STATUS_KEYS[refusal.status] ?? 'unexpected'
  const title = t(`errors.${key}.title`)
  const html = renderToStaticMarkup(
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={appCss} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <main className="page page--narrow">
          <section className="error-panel" aria-labelledby="error-title">
            <h1 id="error-title">{title}</h1>
            <p>{t(`errors.${key}.body`)}</p>
            <p>
              <a href="/">{t('errors.backHome')}</a>
            </p>
          </section>
        </main>
      </body>
    </html>,
  )
  const headers = new Headers(refusal.headers)
  headers.set('Content-Type', 'text/html; charset=utf-8')
  headers.delete('Content-Length')
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  return new Response(`<!DOCTYPE html>${html}`, { status: refusal.status, statusText: refusal.statusText, headers })
}
