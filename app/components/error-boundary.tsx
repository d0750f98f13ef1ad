import { isRouteErrorResponse, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formCarriedIn } from '~/lib/pending-submission'
import { CarriedForm, CarriedTexts } from './carried-form'
import { SessionEnded } from './session-ended'

/** The statuses the error view translates (common:errors.<key>); a download's refusals too (lib/error-page.server.tsx). */
export const STATUS_KEYS: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  // the database is unreachable (an outage or a restart): try again shortly
  503: 'unavailable',
}

/**
 * The one error view: translated 400, 403, 404 and 503, and a generic message for anything else.
 * Never shows a stack trace or an SQL error: those stay in the server log. A form posted after the
 * session ended (401 with what was posted) gets a sign-in that carries it instead; a form posted during
 * an outage (503) or to an action that failed (500) comes back to be posted again (ADR 0012).
 */
export function GeneralErrorBoundary({ error }: { error: unknown }) {
  const { t } = useTranslation('common')
  const pending = isRouteErrorResponse(error) && error.status === 401 ? formCarriedIn(error.data, 'sessionEnded') : null
  if (pending) return <SessionEnded pending={pending} />
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = STATUS_KEYS[status] ?? 'unexpected'
  // an outage under a posted form: the form, to post again once the database is back; an action that
  // failed: the form to post again, and its texts to copy should it fail again
  const carried = isRouteErrorResponse(error) ? formCarriedIn(error.data, status === 503 ? 'retry' : 'failed') : null
  const handedBack = carried && (status === 503 || status === 500) ? { form: carried, texts: `errors.${status === 503 ? 'unavailable' : 'unexpected'}` } : null
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      {handedBack ? (
        <>
          {handedBack.form.files.length ? null : <p>{t(`${handedBack.texts}.notSaved`)}</p>}
          <CarriedForm
            pending={handedBack.form}
            submitLabel={t(`${handedBack.texts}.retry`)}
            filesNotice={(files) => t(`${handedBack.texts}.files`, { files: files.join(t(`${handedBack.texts}.listSeparator`)) })}
            backLabel={t(`${handedBack.texts}.backToPage`)}
          />
          {status === 500 ? <CarriedTexts fields={handedBack.form.fields} heading={t('errors.unexpected.textsHeading')} label={(n) => t('errors.unexpected.textLabel', { n })} /> : null}
        </>
      ) : null}
      <p>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  )
}
