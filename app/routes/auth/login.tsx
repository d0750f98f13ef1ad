import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LanguageSwitcher } from '~/components/language-switcher'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { PasswordChangeForm } from '~/components/password-change-form'
import { SaveCarriedForm } from '~/components/save-carried-form'
import { getSession, passwordChangePath, safeRedirectTo, signIn } from '~/lib/auth.server'
import { getFixedT } from '~/lib/i18n.server'
import type { PendingSubmission } from '~/lib/pending-submission'
import { parsePending } from '~/lib/pending-submission.server'
import { landingPage } from '~/lib/portal.server'

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
  redirectTo: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  if (session) {
    const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'), '')
    if (session.mustChangePassword) throw redirect(passwordChangePath(redirectTo || '/'))
    if (redirectTo) throw redirect(redirectTo)
    throw redirect(await landingPage(session.claims))
  }
  const t = await getFixedT(request, 'auth')
  return { title: t('login.title') }
}

type ActionData = {
  errors: FieldErrors
  formError?: string
  email?: string
  /** the carried form, kept through a failed sign-in */
  resume?: string
  /** signed in: the carried form, to be saved with one more click */
  resumed?: PendingSubmission
  /** signed in with a password an administrator set: it is changed first, the carried form (`resume`) waits */
  changePassword?: boolean
  /** who is signed in now: on a shared computer, maybe not who filled the form in */
  account?: string
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const t = await getFixedT(request, 'common')
  const parsed = loginSchema.safeParse(Object.fromEntries(form))
  // a form posted after the session ended (components/session-ended.tsx), carried through sign-in; one that
  // is not ours (cut, edited, too long) is ignored, and the sign-in goes on as usual
  const pending = parsePending(form.get('resume'))
  const resume = pending ? String(form.get('resume')) : undefined
  if (!parsed.success) {
    return data<ActionData>(
      { errors: fieldErrorsFrom(parsed.error, t), email: String(form.get('email') ?? ''), resume },
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
        resume,
      },
      { status: result.reason === 'rate_limited' ? 429 : 400 },
    )
  }
  if (result.mustChangePassword) {
    // A password an administrator set is replaced before anything else (ADR 0018); a carried form waits
    // behind it: the password change is offered here and hands it back (routes/auth/password.tsx).
    if (pending) return data<ActionData>({ errors: {}, changePassword: true, resume, account: result.claims.email }, { headers: result.headers })
    throw redirect(passwordChangePath(safeRedirectTo(parsed.data.redirectTo, '/')), { headers: result.headers })
  }
  // Not a redirect: the carried form is saved by the user's own click, as the account now signed in.
  if (pending) return data<ActionData>({ errors: {}, resumed: pending, account: result.claims.email }, { headers: result.headers })
  const to = safeRedirectTo(parsed.data.redirectTo, '') || (await landingPage(result.claims))
  throw redirect(to, { headers: result.headers })
}

export default function LoginRoute() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formAction === '/login'
  if (actionData?.resumed) return <SaveCarriedForm pending={actionData.resumed} account={actionData.account ?? ''} />
  if (actionData?.changePassword) return <ChangePasswordFirst resume={actionData.resume} account={actionData.account ?? ''} />
  return (
    <main className="page page--narrow login">
      <div className="login__top">
        <LanguageSwitcher />
      </div>
      <h1>{t('login.heading')}</h1>
      <p className="muted">{t('login.subtitle')}</p>
      {actionData?.resume ? <p>{t('sessionEnded.body')}</p> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        {actionData?.resume ? <input type="hidden" name="resume" value={actionData.resume} /> : null}
        {actionData?.formError ? (
          <p role="alert" className="form__error" id="login-error" tabIndex={-1}>
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

/**
 * After a sign-in that carries a form, this page stays to offer it (or the password change that must
 * come first): the loader, which sends a signed-in visitor on, must not run again.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === 'object' && (('resumed' in actionResult && actionResult.resumed) || ('changePassword' in actionResult && actionResult.changePassword))
    ? false
    : defaultShouldRevalidate

/** Signed in with a password an administrator set, under a carried form: the password first, then the form. */
function ChangePasswordFirst({ resume, account }: { resume?: string; account: string }) {
  const { t } = useTranslation('auth')
  return (
    <main className="page page--narrow login">
      <h1>{t('password.heading')}</h1>
      <p className="muted">{t('resume.account', { account })}</p>
      <p role="status" className="notice">
        {t('password.required')}
      </p>
      {resume ? <p>{t('password.carried')}</p> : null}
      <p className="muted">{t('password.rules')}</p>
      <PasswordChangeForm resume={resume} />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '' }]
