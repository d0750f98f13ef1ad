import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useRouteError } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PortalShell } from '~/components/portal-shell'
import type { PortalKind } from '~/lib/portal.server'
import { loadPortalShell } from '~/lib/portal-shell.server'

const PORTALS: PortalKind[] = ['county', 'town', 'village', 'unit']

/** The frame of all four portals (registered once per portal in app/routes.ts); the URL says which. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = new URL(request.url).pathname.split('/')[1] as PortalKind
  if (!PORTALS.includes(portal)) throw new Response('Not found', { status: 404 })
  return loadPortalShell(request, portal, params.orgId)
}

export default function PortalLayout() {
  return <PortalShell shell={useLoaderData<typeof loader>()} />
}

/**
 * "月度报告 · 云门村 · 基层党建工作平台": the nav entry the page belongs to (the portal's home only for
 * itself), the org, the product; for every page of the portal (no page sets its own).
 */
export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  if (!data) return [{ title: '' }]
  const [home, ...sections] = data.title.pages
  const path = location.pathname.replace(/\/+$/, '')
  const page = path === home?.[0] ? home : sections.filter(([to]) => path === to || path.startsWith(`${to}/`)).sort((a, b) => b[0].length - a[0].length)[0]
  return [{ title: [page?.[1], data.title.org, data.title.app].filter(Boolean).join(' · ') }]
}

export function ErrorBoundary() {
  return (
    <main className="page page--narrow">
      <GeneralErrorBoundary error={useRouteError()} />
    </main>
  )
}
