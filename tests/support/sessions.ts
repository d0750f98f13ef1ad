/**
 * Demo accounts for tests that call loaders and actions in-process: a real session cookie per account
 * (signed in once per test file: vitest gives each file its own modules, and its own database), and the
 * org of an account's membership.
 */
import { signIn } from '../../app/lib/auth.server'
import { demoOrgId, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../app/lib/seed.server'
import { BASE } from './routes'

export { BASE }

const cookies = new Map<string, string>()

/** The session cookie ('name=value') of a demo account, signed in through the app's own sign-in. */
export async function cookieFor(email: string): Promise<string> {
  const cached = cookies.get(email)
  if (cached) return cached
  const result = await signIn(new Request(`${BASE}/login`, { method: 'POST' }), { email, password: DEMO_PASSWORD })
  if (!result.ok) throw new Error(`sign-in failed for ${email}: ${result.reason}`)
  const cookie = result.headers.get('Set-Cookie')!.split(';')[0]!
  cookies.set(email, cookie)
  return cookie
}

/** The org of a demo account's membership (in that portal, for an account with several). */
export function orgIdOf(email: string, portal?: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email && (!portal || a.portal === portal))
  if (!account) throw new Error(`no demo account ${email}`)
  return demoOrgId(account.orgCode)
}
