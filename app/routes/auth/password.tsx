import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { LanguageSwitcher } from '~/components/language-switcher'
import { PasswordChangeForm } from '~/components/password-change-form'
import { SaveCarriedForm } from '~/components/save-carried-form'
import { changePassword, requireClaimsForPasswordChange, safeRedirectTo } from '~/lib/auth.server'
import { getFixedT } from '~/lib/i18n.server'
import { newPasswordSchema } from '~/lib/password.server'
import type { PendingSubmission } from '~/lib/pending-submission'
import { parsePending } from '~/lib/pending-submission.server'
import { landingPage } from '~/lib/portal.server'

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordMismatch' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'validation.passwordUnchanged' })

/**
 * The one page a user whose password an administrator set may open (requireClaims sends them here, with
 * `redirectTo` the page they wanted): it says why, and the change lets them on (ADR 0018).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { mustChangePassword } = await requireClaimsForPasswordChange(request)
  const t = await getFixedT(request, 'auth')
  const params = new URL(request.url).searchParams
  return {
    title: t('password.title'),
    done: params.get('done') === '1',
    required: mustChangePassword,
    redirectTo: safeRedirectTo(params.get('redirectTo'), ''),
  }
}

type ActionData = {
  errors: FieldErrors
  formError?: string
  /** a form carried through the sign-in (routes/auth/login.tsx), kept through a refused change */
  resume?: string
  /** changed: the carried form, to be saved with one more click */
  resumed?: PendingSubmission
  account?: string
}

export async function action({ request }: ActionFunctionArgs) {
  const { claims, mustChangePassword } = await requireClaimsForPasswordChange(request)
  const form = await request.formData()
  const t = await getFixedT(request, 'common')
  const pending = parsePending(form.get('resume'))
  const resume = pending ? String(form.get('resume')) : undefined
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) {
    return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t), resume }, { status: 400 })
  }
  const result = await changePassword(request, claims, {
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
  })
  if (!result.ok) {
    const ta = await getFixedT(request, 'auth')
    return data<ActionData>(
      {
        errors: result.reason === 'invalid_current' ? { currentPassword: [ta('password.invalidCurrent')] } : {},
        formError: result.reason === 'rate_limited' ? ta('login.rateLimited') : undefined,
        resume,
      },
      { status: result.reason === 'rate_limited' ? 429 : 400 },
    )
  }
  // Not a redirect: the carried form is saved by the user's own click (ADR 0012).
  if (pending) return data<ActionData>({ errors: {}, resumed: pending, account: claims.email }, { headers: result.headers })
  const to = safeRedirectTo(form.get('redirectTo'), '')
  if (to) throw redirect(to, { headers: result.headers })
  if (mustChangePassword) {
    // on to where the sign-in would have gone
    throw redirect(await landingPage(claims), { headers: result.headers })
  }
  throw redirect('/account/password?done=1', { headers: result.headers })
}

export default function PasswordRoute() {
  const { t } = useTranslation('auth')
  const tc = useTranslation('common').t
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { done, required, redirectTo } = useLoaderData<typeof loader>()
  if (actionData?.resumed) return <SaveCarriedForm pending={actionData.resumed} account={actionData.account ?? ''} />
  return (
    <main className="page page--narrow">
      <div className="login__top">
        <LanguageSwitcher />
      </div>
      {/* a user who must change the password has nowhere to go back to: every page sends them here */}
      {required ? null : (
        <p>
          <Link to="/">{t('password.back')}</Link>
        </p>
      )}
      <h1>{t('password.heading')}</h1>
      {required ? (
        <p role="status" className="notice">
          {t('password.required')}
        </p>
      ) : null}
      <p className="muted">{t('password.rules')}</p>
      <PasswordDone done={done} />
      <PasswordChangeForm errors={actionData?.errors} formError={actionData?.formError} redirectTo={redirectTo} resume={actionData?.resume} />
      {required ? (
        <Form method="post" action="/logout">
          <button type="submit" className="button button--link">
            {tc('nav.signOut')}
          </button>
        </Form>
      ) : null}
    </main>
  )
}

function PasswordDone({ done }: { done: boolean }) {
  const { t } = useTranslation('auth')
  if (!done) return null
  return (
    <p role="status" className="notice notice--ok">
      {t('password.done')}
    </p>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '' }]
