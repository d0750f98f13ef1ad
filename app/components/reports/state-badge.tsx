import { useTranslation } from 'react-i18next'
import type { ReportState } from '~/domain/monthly-reports/schema'

/** A report's state as a labelled badge (the word carries the meaning; colour only helps). */
export function ReportStateBadge({ state }: { state: ReportState | null }) {
  const { t } = useTranslation('monthly-reports')
  return <span className={`state-badge state-badge--${state ?? 'none'}`}>{t(state ? `states.${state}` : 'states.notStarted')}</span>
}

/** Late (submitted after the due date) and overdue (due date passed, not submitted) badges. */
export function TimelinessBadges({ late, overdue, resubmitted = false }: { late: boolean; overdue: boolean; resubmitted?: boolean }) {
  const { t } = useTranslation('monthly-reports')
  return (
    <>
      {overdue ? <span className="flag flag--overdue">{t('badges.overdue')}</span> : null}
      {late ? <span className="flag flag--late">{t('badges.late')}</span> : null}
      {resubmitted ? <span className="flag">{t('badges.resubmitted')}</span> : null}
    </>
  )
}
