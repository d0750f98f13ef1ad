import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useRouteError } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PortalShell } from '~/components/portal-shell'
import { loadPortalShell } from '~/lib/portal-shell.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPortalShell(request, 'village', params.orgId)
}

export default function VillagePortal() {
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
