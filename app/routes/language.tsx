import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirectTo } from '~/lib/auth.server'
import { DEFAULT_LOCALE, isLocale } from '~/lib/i18n'
import { localeCookie } from '~/lib/i18n.server'

export async function loader() {
  throw redirect('/')
}

/** Stores the chosen language in a cookie and returns to the page the user was on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const locale = isLocale(lng) ? lng : DEFAULT_LOCALE
  throw redirect(safeRedirectTo(form.get('returnTo'), '/'), {
    headers: { 'Set-Cookie': await localeCookie.serialize(locale) },
  })
}
