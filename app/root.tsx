import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { Resource } from 'i18next'
import { useMemo, useState, type ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useFocusFirstInvalid } from '~/components/forms'
import { authenticate } from '~/lib/auth.server'
import { getEnv } from '~/lib/env.server'
import { DEFAULT_LOCALE, i18nInstance, type LoadTexts, type Locale } from '~/lib/i18n'
import { i18nJsonPath, i18nScriptPath, namespacesOf, useI18nResources } from '~/lib/i18n-resources'
import { getLocale, textsVersion } from '~/lib/i18n.server'
import { useNonce } from '~/lib/nonce'
import fallbackCommon from '../locales/zh-CN/common.json'
import appCss from '~/styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appCss },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request)
  // With Supabase Auth an expired access token is refreshed once here; the new cookies ride on this response.
  const headers = getEnv().AUTH_PROVIDER === 'supabase' ? (await authenticate(request)).headers : undefined
  return data({ locale, textsVersion: textsVersion(locale) }, { headers })
}

const FALLBACK: Resource = { [DEFAULT_LOCALE]: { common: fallbackCommon } }
/**
 * The i18next instance of the page's language (one per language and set of texts, shared by every
 * render: lib/i18n.ts). In the browser it holds the namespaces of the pages shown so far and fetches
 * the others when a page needs them. A browser that could not load
 * the language's texts, or holds another language's after the cookie changed in another tab, shows
 * what it has (at least the built-in Chinese common texts) until the next page load.
 */
function i18nFor(locale: Locale, available: Resource | null, version: string | undefined) {
  const resources = available && Object.keys(available).length ? available : FALLBACK
  const language = resources[locale] ? locale : (Object.keys(resources)[0] as Locale)
  // the browser's loader; the server holds every namespace (entry.server) and never fetches
  const load: LoadTexts | undefined = version && typeof document !== 'undefined'
    ? async (lng, ns) => {
        const res = await fetch(i18nJsonPath(lng, ns, version))
        if (!res.ok) throw new Error(`${res.status} for the ${lng} ${ns} texts`)
        return (await res.json()) as Record<string, unknown>
      }
    : undefined
  return i18nInstance(language, resources, load)
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE
  const version = data?.textsVersion
  const nonce = useNonce()
  const available = useI18nResources()
  const i18n = useMemo(() => i18nFor(locale, available, version), [locale, available, version])
  // the texts of the namespaces the document's routes use (kept as they are after hydration: a page
  // reached later in the browser fetches what it lacks, and React would not run a script it inserts)
  const matches = useMatches()
  const [namespaces] = useState(() => namespacesOf(matches.map((m) => m.handle)))
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {version
          ? namespaces.map((ns) => <script key={ns} nonce={nonce} src={i18nScriptPath(locale, ns, version)} suppressHydrationWarning />)
          : null}
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  useFocusFirstInvalid()
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  return (
    <main className="page page--narrow">
      <GeneralErrorBoundary error={error} />
    </main>
  )
}
