import { useTranslation } from 'react-i18next'
import type { ReportState } from '~/lib/db-types'
import { formatDay, formatInstant } from './format'

/**
 * The dates of a filed report and the template version it was filed under, as items of the report's
 * <dl> (the village's form, the review page and the print page alike). The review time only while the
 * decision it dates stands (approved, returned): a report reopened or submitted again awaits a new one,
 * and the history lists the earlier decisions.
 */
export function ReportDates({ report }: { report: { state: ReportState; due_on: string; submitted_at: string | Date | null; reviewed_at: string | Date | null; template: { version: number } } }) {
  const { t, i18n } = useTranslation('monthly-reports')
  const lang = i18n.language
  return (
    <>
      <div>
        <dt>{t('report.dueOn')}</dt>
        <dd>{formatDay(report.due_on, lang)}</dd>
      </div>
      <div>
        <dt>{t('report.submittedAt')}</dt>
        <dd>{formatInstant(report.submitted_at, lang) || '—'}</dd>
      </div>
      {report.reviewed_at && (report.state === 'approved' || report.state === 'returned') ? (
        <div>
          <dt>{t('report.reviewedAt')}</dt>
          <dd>{formatInstant(report.reviewed_at, lang)}</dd>
        </div>
      ) : null}
      <div>
        <dt className="visually-hidden">{t('report.template', { version: report.template.version })}</dt>
        <dd className="muted">{t('report.template', { version: report.template.version })}</dd>
      </div>
    </>
  )
}
