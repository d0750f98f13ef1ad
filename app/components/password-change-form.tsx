import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldError, type FieldErrors } from './forms'

/**
 * The password change form (routes/auth/password.tsx posts it). The sign-in offers it too, when a form
 * carried through the sign-in waits behind a password an administrator set: `resume` carries that form
 * on, and the password page hands it back once the password is the user's own (ADR 0018).
 */
export function PasswordChangeForm({
  errors = {},
  formError,
  redirectTo,
  resume,
}: {
  errors?: FieldErrors
  formError?: string
  redirectTo?: string
  resume?: string
}) {
  const { t } = useTranslation('auth')
  return (
    <Form method="post" action="/account/password" className="form" noValidate>
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      {resume ? <input type="hidden" name="resume" value={resume} /> : null}
      {formError ? (
        <p role="alert" className="form__error" tabIndex={-1}>
          {formError}
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
  )
}
