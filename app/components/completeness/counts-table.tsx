import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { completenessRate, COUNT_KEYS, formatRate, timelinessRate, type CompletenessCounts } from '~/domain/monthly-reports/completeness'
import { formatNumber } from '~/lib/intl'

export interface CountsRow {
  key: string
  label: ReactNode
  counts: CompletenessCounts
  /** A month not due yet (isPending): what has come in so far, but nothing is missing and there is no rate yet. */
  pending?: boolean
  /** One more cell at the end of the row (e.g. the month's export link). */
  extra?: ReactNode
}

/**
 * Expected, submitted, approved, on time, late, missing, and the two rates, per row and in total.
 * Rates are DHIS2's: completeness = submitted / expected, timeliness = on time / expected. The total
 * is the caller's (the months that are due); `totalLabel` says so when rows are left out of it.
 */
export function CountsTable({ id, caption, rowHeader, rows, total, totalLabel, totalExtra, extraHeader }: { id: string; caption: string; rowHeader: string; rows: CountsRow[]; total?: CompletenessCounts; totalLabel?: string; totalExtra?: ReactNode; extraHeader?: string }) {
  const { t, i18n } = useTranslation('completeness')
  const notDue = (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('counts.notDue')}</span>
    </>
  )
  const cells = (c: CompletenessCounts, pending = false) => (
    <>
      {COUNT_KEYS.map((k) => (
        <td key={k} className="num">
          {pending && k === 'missing' ? notDue : formatNumber(c[k], i18n.language)}
        </td>
      ))}
      <td className="num">{pending ? notDue : <Rate value={completenessRate(c)} locale={i18n.language} />}</td>
      <td className="num">{pending ? notDue : <Rate value={timelinessRate(c)} locale={i18n.language} />}</td>
    </>
  )
  return (
    // positioned, so that the visually hidden texts in the cells scroll with the table instead of widening the page
    <div className="table-wrap completeness-scroll" tabIndex={0}>
      <table className="table counts" id={id}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {COUNT_KEYS.map((k) => (
              <th key={k} scope="col" className="num">
                {t(`counts.${k}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('counts.completeness')}
            </th>
            <th scope="col" className="num">
              {t('counts.timeliness')}
            </th>
            {extraHeader ? <th scope="col">{extraHeader}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.pending ? 'counts__pending' : undefined}>
              <th scope="row">{row.label}</th>
              {cells(row.counts, row.pending)}
              {extraHeader ? <td>{row.extra}</td> : null}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{totalLabel ?? t('counts.total')}</th>
              {cells(total)}
              {extraHeader ? <td>{totalExtra}</td> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

/** A rate as text, with a small bar for the eye (the text is what counts). */
function Rate({ value, locale }: { value: number | null; locale: string }) {
  return (
    <>
      {formatRate(value, locale)}
      {value !== null ? (
        // an SVG attribute, not a style attribute: the CSP allows no inline styles
        <svg className="rate-bar" aria-hidden="true" focusable="false" viewBox="0 0 100 1" preserveAspectRatio="none">
          <rect width={Math.round(Math.min(1, Math.max(0, value)) * 100)} height="1" />
        </svg>
      ) : null}
    </>
  )
}
