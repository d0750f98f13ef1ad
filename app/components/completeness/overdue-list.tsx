import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { OverdueEntry } from '~/domain/monthly-reports/completeness.server'
import { formatNumber } from '~/lib/intl'
import { formatDay, formatMonth, orgLabel } from './format'

/** Villages whose report is past its due date and not submitted, with the branch secretary to call. */
export function OverdueList({ entries, showTown, reportHref }: { entries: OverdueEntry[]; showTown: boolean; reportHref: (reportId: string) => string }) {
  const { t, i18n } = useTranslation('completeness')
  if (entries.length === 0) return <p className="empty">{t('overdue.none')}</p>
  return (
    <div className="table-wrap completeness-scroll" tabIndex={0}>
      <table className="table" id="overdue">
        <caption className="visually-hidden">{t('overdue.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overdue.village')}</th>
            {showTown ? <th scope="col">{t('overdue.town')}</th> : null}
            <th scope="col">{t('overdue.month')}</th>
            <th scope="col">{t('overdue.dueOn')}</th>
            <th scope="col" className="num">
              {t('overdue.days')}
            </th>
            <th scope="col">{t('overdue.state')}</th>
            <th scope="col">{t('overdue.secretary')}</th>
            <th scope="col">{t('overdue.phone')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.village.id}-${e.period}`}>
              <th scope="row">{orgLabel(e.village, i18n.language)}</th>
              {showTown ? <td>{e.town ? orgLabel(e.town, i18n.language) : '—'}</td> : null}
              <td>{formatMonth(e.period, t)}</td>
              <td>{formatDay(e.due_on, t)}</td>
              <td className="num">{formatNumber(e.days, i18n.language)}</td>
              <td>{e.reportId ? <Link to={reportHref(e.reportId)}>{t('overdue.draft')}</Link> : t('overdue.notStarted')}</td>
              <td>{e.secretary_name ?? '—'}</td>
              <td>{e.secretary_phone ? <a href={`tel:${e.secretary_phone.replace(/[^0-9+]/g, '')}`}>{e.secretary_phone}</a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
