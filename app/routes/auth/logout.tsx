import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { signOut } from '~/lib/auth.server'
import { handingFormBack } from '~/lib/action.server'

/** Sign-out is a POST only: a link or an image cannot sign anybody out. */
export async function loader() {
  throw redirect('/')
}

export const action = handingFormBack(async ({ request }: ActionFunctionArgs) => {
  const headers = await signOut(request)
  throw redirect('/login', { headers })
})
