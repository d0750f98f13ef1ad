import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { changePassword, requireClaims } from '~/lib/auth.server'
import { getFixedT } from '~/lib/i18n.server'
import { newPasswordSchema } from '~/lib/password.server'

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordMismatch' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'validation.passwordUnchanged' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireClaims(request)
  const t = await getFixedT(request, 'auth')
  return { title: t('password.title'), done: new URL(request.url).searchParams.get('done') === '1' }
}

type ActionData = { errors: FieldErrors; formError?: string }

export async function action({ request }: ActionFunctionArgs) {
  const claims = await requireClaims(request)
  const form = await request.formData()
  const t = await getFixedT(request, 'common')
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) {
    return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t) }, { status: 400 })
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
      },
      { status: result.reason === 'rate_limited' ? 429 : 400 },
    )
  }
  throw redirect('/account/password?done=1', { headers: result.headers })
}

export default function PasswordRoute() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const errors = actionData?.errors ?? {}
  const { done } = useLoaderData<typeof loader>()
  return (
    <main className="page page--narrow">
      <p>
        <Link to="/">{t('password.back')}</Link>
      </p>
      <h1>{t('password.heading')}</h1>
      <p className="muted">{t('password.rules')}</p>
      <PasswordDone done={done} />
      <Form method="post" className="form" noValidate>
        {actionData?.formError ? (
          <p role="alert" className="form__error" tabIndex={-1}>
            {actionData.formError}
          </p>
        ) : null}
        {(['currentPassword', 'newPassword', 'confirmPassword'] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={name}>{t(`password.${name}`)}</label>
            <input
              id={name}
              name={name}
              type="password"
              required
              autoComplete={name === 'currentPassword' ? 'current-password' : 'new-password'}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${name}-error` : undefined}
            />
            <FieldError id={`${name}-error`} errors={errors[name]} />
          </div>
        ))}
        <button type="submit" className="button button--primary">
          {t('password.submit')}
        </button>
      </Form>
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
