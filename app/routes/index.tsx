import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireClaims } from '~/lib/auth.server'
import { landingPage } from '~/lib/portal.server'

/** The front door: signed-in users go to their first portal; everyone else to sign-in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const claims = await requireClaims(request)
  throw redirect(await landingPage(claims))
}
