import { useRouteError } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { handingFormBack } from '~/lib/action.server'

/** Any URL the product does not have: a translated 404 page. */
export async function loader() {
  throw new Response('Not found', { status: 404 })
}

export const action = handingFormBack(async () => {
  throw new Response('Not found', { status: 404 })
})

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
