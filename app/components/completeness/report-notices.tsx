import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { monthOf } from '~/domain/monthly-reports/completeness'
import type { TownNotices, VillageNotice } from '~/domain/monthly-reports/completeness.server'
import { formatDay, formatMonth } from './format'

/**
 * The village home page's to-do about monthly reports: returned or reopened reports with the
 * reviewer's reason, reports due soon, reports overdue. Each links to the report of that month.
 */
export function VillageReportNotices({ notices, villageBase }: { notices: VillageNotice[]; villageBase: string }) {
  const { t } = useTranslation('completeness')
  if (notices.length === 0) return null
  return (
    <section aria-labelledby="report-notices-heading">
      <h2 id="report-notices-heading" className="visually-hidden">
        {t('notices.heading')}
      </h2>
      <ul className="notices">
        {notices.map((n) => {
          const month = formatMonth(n.period, t)
          const href = `${villageBase}/reports/${monthOf(n.period)}`
          if (n.kind === 'returned' || n.kind === 'reopened') {
            return (
              <li key={`${n.kind}-${n.period}`} className="notice notice--warn">
                <strong>{t(`notices.village.${n.kind}`, { month })}</strong>
                <Link to={href}>{t('notices.village.fix')}</Link>
                {n.reason ? <p className="notice__reason">{t('notices.village.reason', { reason: n.reason })}</p> : null}
              </li>
            )
          }
          const due = formatDay(n.due_on, t)
          return n.kind === 'overdue' ? (
            <li key={`overdue-${n.period}`} className="notice notice--danger">
              <strong>{t('notices.village.overdue', { month, due, count: n.days })}</strong>
              <Link to={href}>{t('notices.village.fileNow')}</Link>
            </li>
          ) : (
            <li key={`due-${n.period}`} className="notice">
              <strong>{n.days === 0 ? t('notices.village.dueToday', { month, due }) : t('notices.village.due', { month, due, count: n.days })}</strong>
              <Link to={href}>{t('notices.village.file')}</Link>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** The town home page's to-do: reports waiting for review, villages with overdue reports. */
export function TownReportNotices({ counts, townBase, canReview }: { counts: TownNotices; townBase: string; canReview: boolean }) {
  const { t } = useTranslation('completeness')
  return (
    <section aria-labelledby="report-notices-heading">
      <h2 id="report-notices-heading" className="visually-hidden">
        {t('notices.heading')}
      </h2>
      <ul className="notices">
        {counts.awaitingReview > 0 ? (
          <li className="notice notice--warn">
            <strong>{t('notices.town.awaitingReview', { count: counts.awaitingReview })}</strong>
            {canReview ? <Link to={`${townBase}/reports`}>{t('notices.town.review')}</Link> : null}
          </li>
        ) : null}
        {counts.overdueVillages > 0 ? (
          <li className="notice notice--danger">
            <strong>{t('notices.town.overdue', { count: counts.overdueVillages, reports: counts.overdueReports })}</strong>
            <Link to={`${townBase}/completeness`}>{t('notices.town.seeCompleteness')}</Link>
          </li>
        ) : null}
        {counts.awaitingReview === 0 && counts.overdueVillages === 0 ? (
          <li className="notice notice--ok">
            {t('notices.town.allClear')} <Link to={`${townBase}/completeness`}>{t('notices.town.seeCompleteness')}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  )
}
