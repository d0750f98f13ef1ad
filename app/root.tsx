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
import { useMemo, type ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { authenticate } from '~/lib/auth.server'
import { getEnv } from '~/lib/env.server'
import { createI18n, DEFAULT_LOCALE, type Locale } from '~/lib/i18n'
import { getLocale, getResources } from '~/lib/i18n.server'
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
  return data({ locale, resources: getResources(locale) }, { headers })
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE
  const nonce = useNonce()
  const i18n = useMemo(
    () => createI18n(locale, data?.resources ?? { [DEFAULT_LOCALE]: { common: fallbackCommon } }),
    [locale, data?.resources],
  )
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
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
