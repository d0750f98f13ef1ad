import { useRouteError } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'

/** Any URL the product does not have: a translated 404 page. */
export async function loader() {
  throw new Response('Not found', { status: 404 })
}

export async function action() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  const error = useRouteError()
  return (
    <main className="page page--narrow">
      <GeneralErrorBoundary error={error} />
    </main>
  )
}
