import type { LoaderFunctionArgs } from '@remix-run/node'
import { isLocale } from '~/lib/i18n'
import { i18nScript } from '~/lib/i18n.server'

/**
 * GET /locales/<lang>.<version>.js: one language's translations as a script (see
 * lib/i18n-resources.ts). The current version is cached for a year (its URL changes with its text);
 * an old version's URL gets the current texts, not cached, so a page from before a deploy still works.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z-]+)\.([0-9a-f]{12})\.js$/.exec(params.file ?? '')
  if (!match || !isLocale(match[1])) throw new Response('Not found', { status: 404 })
  const script = i18nScript(match[1])
  return new Response(script.body, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': match[2] === script.version ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  })
}
