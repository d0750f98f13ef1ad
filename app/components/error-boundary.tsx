import { isRouteErrorResponse, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formCarriedIn } from '~/lib/pending-submission'
import { CarriedForm } from './carried-form'
import { SessionEnded } from './session-ended'

const STATUS_KEYS: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  // the database is unreachable (an outage or a restart): try again shortly
  503: 'unavailable',
}

/**
 * The one error view: translated 400, 403, 404 and 503, and a generic message for anything else.
 * Never shows a stack trace or an SQL error: those stay in the server log. A form posted after the
 * session ended (401 with what was posted) gets a sign-in that carries it instead.
 */
export function GeneralErrorBoundary({ error }: { error: unknown }) {
  const { t } = useTranslation('common')
  const pending = isRouteErrorResponse(error) && error.status === 401 ? formCarriedIn(error.data, 'sessionEnded') : null
  if (pending) return <SessionEnded pending={pending} />
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = STATUS_KEYS[status] ?? 'unexpected'
  // an outage under a posted form: the form, to post again once the database is back
  const retry = isRouteErrorResponse(error) && status === 503 ? formCarriedIn(error.data, 'retry') : null
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      {retry ? (
        <>
          {retry.files.length ? null : <p>{t('errors.unavailable.notSaved')}</p>}
          <CarriedForm
            pending={retry}
            submitLabel={t('errors.unavailable.retry')}
            filesNotice={(files) => t('errors.unavailable.files', { files: files.join(t('errors.unavailable.listSeparator')) })}
            backLabel={t('errors.unavailable.backToPage')}
          />
        </>
      ) : null}
      <p>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  )
}
