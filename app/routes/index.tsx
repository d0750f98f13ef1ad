import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireClaims } from '~/lib/auth.server'
import { withUser } from '~/lib/db.server'
import { listMyPortals } from '~/lib/portal.server'

/** The front door: signed-in users go to their first portal; everyone else to sign-in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const claims = await requireClaims(request)
  const portals = await withUser(claims, listMyPortals)
  const first = portals[0]
  throw redirect(first ? first.href : '/portals')
}
