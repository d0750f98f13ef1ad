import type { LoaderFunctionArgs } from '@remix-run/node'
import { isLocale, NAMESPACES, type Namespace } from '~/lib/i18n'
import { i18nJson, i18nScript } from '~/lib/i18n.server'

const isNamespace = (value: string | undefined): value is Namespace => (NAMESPACES as readonly string[]).includes(value ?? '')

/**
 * The translations of a language (see lib/i18n-resources.ts), by namespace:
 * GET /locales/<lang>.<namespace>.<version>.js, a script for a page's document;
 * GET /locales/<lang>.<namespace>.<version>.json, the same texts for a page reached later in the browser;
 * GET /locales/<lang>.<version>.js, every namespace (what pages from before per-namespace texts ask for).
 * The current version is cached for a year (its URL changes with the language's texts); an old
 * version's URL gets the current texts, not cached, so a page from before a deploy still works.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z-]+)(?:\.([a-z-]+))?\.([0-9a-f]{12})\.(js|json)$/.exec(params.file ?? '')
  const [, locale, namespace, version, kind] = match ?? []
  if (!isLocale(locale) || (namespace !== undefined && !isNamespace(namespace)) || (kind === 'json' && !namespace)) {
    throw new Response('Not found', { status: 404 })
  }
  const texts = kind === 'json' && namespace ? i18nJson(locale, namespace) : i18nScript(locale, namespace)
  return new Response(texts.body, {
    headers: {
      'Content-Type': kind === 'json' ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
      'Cache-Control': version === texts.version ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  })
}
