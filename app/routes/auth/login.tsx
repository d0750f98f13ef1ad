import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LanguageSwitcher } from '~/components/language-switcher'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { getClaims, safeRedirectTo, signIn } from '~/lib/auth.server'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { listMyPortals } from '~/lib/portal.server'

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
  redirectTo: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const claims = await getClaims(request)
  if (claims) {
    const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'), '')
    if (redirectTo) throw redirect(redirectTo)
    const portals = await withUser(claims, listMyPortals)
    throw redirect(portals[0]?.href ?? '/portals')
  }
  const t = await getFixedT(request, 'auth')
  return { title: t('login.title') }
}

type ActionData = { errors: FieldErrors; formError?: string; email?: string }

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const t = await getFixedT(request, 'common')
  const parsed = loginSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) {
    return data<ActionData>(
      { errors: fieldErrorsFrom(parsed.error, t), email: String(form.get('email') ?? '') },
      { status: 400 },
    )
  }
  const result = await signIn(request, { email: parsed.data.email, password: parsed.data.password })
  if (!result.ok) {
    const ta = await getFixedT(request, 'auth')
    return data<ActionData>(
      {
        errors: {},
        formError: result.reason === 'rate_limited' ? ta('login.rateLimited') : ta('login.invalid'),
        email: parsed.data.email,
      },
      { status: result.reason === 'rate_limited' ? 429 : 400 },
    )
  }
  let to = safeRedirectTo(parsed.data.redirectTo, '')
  if (!to) {
    const portals = await withUser(result.claims, listMyPortals)
    to = portals[0]?.href ?? '/portals'
  }
  throw redirect(to, { headers: result.headers })
}

export default function LoginRoute() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formAction === '/login'
  return (
    <main className="page page--narrow login">
      <div className="login__top">
        <LanguageSwitcher />
      </div>
      <h1>{t('login.heading')}</h1>
      <p className="muted">{t('login.subtitle')}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        {actionData?.formError ? (
          <p role="alert" className="form__error" id="login-error">
            {actionData.formError}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="email">{t('login.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ''}
            aria-invalid={actionData?.errors.email ? true : undefined}
            aria-describedby={actionData?.errors.email ? 'email-error' : undefined}
          />
          <FieldError id="email-error" errors={actionData?.errors.email} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('login.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={actionData?.errors.password ? true : undefined}
            aria-describedby={actionData?.errors.password ? 'password-error' : undefined}
          />
          <FieldError id="password-error" errors={actionData?.errors.password} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </Form>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '' }]
