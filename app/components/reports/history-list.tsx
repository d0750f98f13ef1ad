import { useTranslation } from 'react-i18next'
import type { TransitionView } from '~/domain/monthly-reports/reports.server'
import { formatInstant } from './format'

/** Who acted: the person when the viewer may see their name, else the side (village or town). */
function actorOf(h: Pick<TransitionView, 'to_state' | 'actor_name'>, t: (key: string) => string) {
  return h.actor_name ?? t(h.to_state === 'submitted' ? 'history.byVillage' : 'history.byTown')
}

/** The report's history, oldest first: who did what, when, and why. */
export function ReportHistory({ transitions }: { transitions: TransitionView[] }) {
  const { t, i18n } = useTranslation('monthly-reports')
  return (
    <section aria-labelledby="report-history">
      <h3 id="report-history">{t('history.heading')}</h3>
      {transitions.length === 0 ? (
        <p className="empty">{t('history.empty')}</p>
      ) : (
        <ol className="report-history">
          {transitions.map((h, i) => (
            <li key={h.id}>
              <time dateTime={new Date(h.occurred_at).toISOString()}>{formatInstant(h.occurred_at, i18n.language)}</time>
              <span className="report-history__what">
                {t(`history.actions.${h.to_state === 'submitted' && transitions.slice(0, i).some((p) => p.to_state === 'submitted') ? 'resubmitted' : h.to_state}`)}
              </span>
              <span className="muted">{actorOf(h, t)}</span>
              {h.reason ? <p className="report-history__reason">{t('history.reason', { reason: h.reason })}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/**
 * The reason the town gave when it returned or reopened the report, shown prominently while the
 * report is in that state.
 */
export function ReasonNotice({ state, transitions }: { state: string; transitions: TransitionView[] }) {
  const { t, i18n } = useTranslation('monthly-reports')
  if (state !== 'returned' && state !== 'reopened') return null
  const last = [...transitions].reverse().find((h) => h.to_state === state)
  if (!last?.reason) return null
  return (
    <section className="notice notice--reason" role="status" aria-labelledby="reason-heading">
      <h3 id="reason-heading">{t(state === 'returned' ? 'report.returnedReason' : 'report.reopenedReason')}</h3>
      <p className="notice__reason">{last.reason}</p>
      <p className="muted">
        {actorOf(last, t)} · {formatInstant(last.occurred_at, i18n.language)}
      </p>
    </section>
  )
}
