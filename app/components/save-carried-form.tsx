import { useTranslation } from 'react-i18next'
import type { PendingSubmission } from '~/lib/pending-submission'
import { CarriedForm } from './carried-form'

/**
 * Signed in again after a session ended under a form (routes/auth/login.tsx), or past the password change
 * that had to come first (routes/auth/password.tsx): that form, ready to be posted as it was.
 */
export function SaveCarriedForm({ pending, account }: { pending: PendingSubmission; account: string }) {
  const { t } = useTranslation('auth')
  return (
    <main className="page page--narrow login">
      <h1>{t('resume.heading')}</h1>
      <p className="muted">{t('resume.account', { account })}</p>
      {pending.files.length ? null : <p>{t('resume.body')}</p>}
      <CarriedForm
        pending={pending}
        submitLabel={t('resume.submit')}
        filesNotice={(files) => t('resume.files', { files: files.join(t('sessionEnded.listSeparator')) })}
        backLabel={t(pending.files.length ? 'resume.open' : 'resume.discard')}
      />
    </main>
  )
}
