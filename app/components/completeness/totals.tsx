import { useTranslation } from 'react-i18next'
import { completenessRate, COUNT_KEYS, formatRate, timelinessRate, type MonthRange } from '~/domain/monthly-reports/completeness'
import type { Completeness } from '~/domain/monthly-reports/completeness.server'
import { formatNumber } from '~/lib/intl'
import { formatDay, formatMonth, formatRange } from './format'

/**
 * The headline figures of the completeness page: counts and rates over the months that are due
 * (`counted`), then, apart, what has come in so far for each month not due yet. A county official
 * reads "未报" as reports that should be in and are not: a month before its due date has none.
 */
export function CompletenessTotals({ range, counted, total, byMonth }: { range: MonthRange } & Pick<Completeness, 'counted' | 'total' | 'byMonth'>) {
  const { t, i18n } = useTranslation('completeness')
  const pending = byMonth.filter((m) => m.pending)
  return (
    <>
      <h3 id="totals-heading">{t('totals.heading', { range: formatRange(counted ?? range, t) })}</h3>
      {counted ? (
        <dl className="figures" aria-labelledby="totals-heading">
          {COUNT_KEYS.map((k) => (
            <div key={k} className="figure">
              <dt>{t(`counts.${k}`)}</dt>
              <dd>{formatNumber(total[k], i18n.language)}</dd>
            </div>
          ))}
          <div className="figure">
            <dt>{t('counts.completeness')}</dt>
            <dd>{formatRate(completenessRate(total), i18n.language)}</dd>
          </div>
          <div className="figure">
            <dt>{t('counts.timeliness')}</dt>
            <dd>{formatRate(timelinessRate(total), i18n.language)}</dd>
          </div>
        </dl>
      ) : (
        <p className="empty">{t('totals.noneDue')}</p>
      )}
      {pending.length > 0 && counted ? <p className="muted">{t('totals.pendingLeftOut', { months: formatRange({ from: pending[0]!.period, to: pending.at(-1)!.period }, t) })}</p> : null}
      {pending.map((m) => (
        <section key={m.period} aria-labelledby={`pending-${m.period}`}>
          <h3 id={`pending-${m.period}`}>{t('pending.heading', { month: formatMonth(m.period, t), due: m.due_on ? formatDay(m.due_on, t) : '' })}</h3>
          <dl className="figures" aria-labelledby={`pending-${m.period}`}>
            <div className="figure">
              <dt>{t('counts.expected')}</dt>
              <dd>{formatNumber(m.expected, i18n.language)}</dd>
            </div>
            <div className="figure">
              <dt>{t('pending.submitted')}</dt>
              <dd>{formatNumber(m.submitted, i18n.language)}</dd>
            </div>
            <div className="figure">
              <dt>{t('counts.approved')}</dt>
              <dd>{formatNumber(m.approved, i18n.language)}</dd>
            </div>
            <div className="figure">
              <dt>{t('pending.outstanding')}</dt>
              <dd>{formatNumber(m.expected - m.submitted, i18n.language)}</dd>
            </div>
          </dl>
        </section>
      ))}
    </>
  )
}
