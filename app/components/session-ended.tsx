import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fitsIntoSignIn, pageOf, serializePending, type PendingSubmission } from '~/lib/pending-submission'
import { CarriedTexts } from './carried-form'

/**
 * What a user sees who posted a form after their session ended (requireClaims' 401): the form was not
 * saved, and signing in here carries it to a "save it now" form (routes/auth/login.tsx). What is too
 * long to carry through a sign-in is shown for copying instead, and files are named, since they must
 * be chosen again: nothing is dropped without the user being told.
 */
export function SessionEnded({ pending }: { pending: PendingSubmission }) {
  const { t } = useTranslation('auth')
  const serialized = serializePending(pending)
  const carried = fitsIntoSignIn(serialized)
  return (
    <section className="error-panel session-ended" aria-labelledby="session-ended-title">
      <h1 id="session-ended-title">{t('sessionEnded.title')}</h1>
      <p>{t(carried ? 'sessionEnded.body' : 'sessionEnded.tooLong')}</p>
      {pending.files.length ? <p>{t('sessionEnded.files', { files: pending.files.join(t('sessionEnded.listSeparator')) })}</p> : null}
      {carried ? null : <CarriedTexts fields={pending.fields} heading={t('sessionEnded.textsHeading')} label={(n) => t('sessionEnded.textLabel', { n })} open />}
      {/* a document post: a client-side navigation to /login would run its loader as the new session, which sends a signed-in visitor on to the portal */}
      <Form method="post" action="/login" className="form" noValidate reloadDocument>
        <input type="hidden" name="redirectTo" value={pageOf(pending)} />
        {carried ? <input type="hidden" name="resume" value={serialized} /> : null}
        <div className="field">
          <label htmlFor="session-ended-email">{t('login.email')}</label>
          <input id="session-ended-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="session-ended-password">{t('login.password')}</label>
          <input id="session-ended-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button button--primary">
          {t('sessionEnded.submit')}
        </button>
      </Form>
    </section>
  )
}
