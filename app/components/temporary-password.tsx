import { useTranslation } from 'react-i18next'

/**
 * A temporary password an administrator has just set (a new user's, a reset's), shown once: it is not
 * stored anywhere it could be shown again, and the user must replace it at the first sign-in (ADR 0018).
 */
export function TemporaryPassword({ password }: { password: string }) {
  const { t } = useTranslation('users')
  return (
    <>
      <p>
        {t('new.temporaryPassword')} <code className="secret">{password}</code>
      </p>
      <p className="muted">{t('new.temporaryPasswordHint')}</p>
    </>
  )
}
