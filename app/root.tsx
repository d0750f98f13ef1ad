import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { Resource } from 'i18next'
import { useMemo, type ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useFocusFirstInvalid } from '~/components/forms'
import { authenticate } from '~/lib/auth.server'
import { getEnv } from '~/lib/env.server'
import { DEFAULT_LOCALE, i18nInstance, type Locale } from '~/lib/i18n'
import { i18nScriptPath, useI18nResources } from '~/lib/i18n-resources'
import { getLocale, i18nScript } from '~/lib/i18n.server'
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
  return data({ locale, i18nScript: i18nScriptPath(locale, i18nScript(locale).version) }, { headers })
}

const FALLBACK: Resource = { [DEFAULT_LOCALE]: { common: fallbackCommon } }
/**
 * The i18next instance of the page's language (one per language and set of texts, shared by every
 * render: lib/i18n.ts). A browser that could not load
 * the language's texts, or holds another language's after the cookie changed in another tab, shows
 * what it has (at least the built-in Chinese common texts) until the next page load.
 */
function i18nFor(locale: Locale, available: Resource | null) {
  const resources = available && Object.keys(available).length ? available : FALLBACK
  const language = resources[locale] ? locale : (Object.keys(resources)[0] as Locale)
  return i18nInstance(language, resources)
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE
  const nonce = useNonce()
  const available = useI18nResources()
  const i18n = useMemo(() => i18nFor(locale, available), [locale, available])
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data?.i18nScript ? <script nonce={nonce} src={data.i18nScript} suppressHydrationWarning /> : null}
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
