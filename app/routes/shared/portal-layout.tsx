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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.org.name ?? '' }]

export function ErrorBoundary() {
  return (
    <main className="page page--narrow">
      <GeneralErrorBoundary error={useRouteError()} />
    </main>
  )
}
