import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireClaims } from '~/lib/auth.server'

/**
 * A benchmark reference (docs/benchmarks.md): the floor's 50 static rows behind the session check that
 * every signed-in page makes (a live session, in the database, on every request) and nothing else.
 * Its ratio to the floor is what being signed in costs; no page that needs a user can do better.
 * Not signed in: the sign-in page, as for every page.
 */
export { meta, default } from './floor'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireClaims(request)
  return null
}
