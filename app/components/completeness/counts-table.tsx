import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { completenessRate, COUNT_KEYS, formatRate, timelinessRate, type CompletenessCounts } from '~/domain/monthly-reports/completeness'

export interface CountsRow {
  key: string
  label: ReactNode
  counts: CompletenessCounts
  /** One more cell at the end of the row (e.g. the month's export link). */
  extra?: ReactNode
}

/**
 * Expected, submitted, approved, on time, late, missing, and the two rates, per row and in total.
 * Rates are DHIS2's: completeness = submitted / expected, timeliness = on time / expected.
 */
export function CountsTable({ id, caption, rowHeader, rows, total, extraHeader }: { id: string; caption: string; rowHeader: string; rows: CountsRow[]; total?: CompletenessCounts; extraHeader?: string }) {
  const { t, i18n } = useTranslation('completeness')
  const cells = (c: CompletenessCounts) => (
    <>
      {COUNT_KEYS.map((k) => (
        <td key={k} className="num">
          {c[k]}
        </td>
      ))}
      <td className="num">
        <Rate value={completenessRate(c)} locale={i18n.language} />
      </td>
      <td className="num">
        <Rate value={timelinessRate(c)} locale={i18n.language} />
      </td>
    </>
  )
  return (
    <div className="table-wrap">
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
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {cells(row.counts)}
              {extraHeader ? <td>{row.extra}</td> : null}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{t('counts.total')}</th>
              {cells(total)}
              {extraHeader ? <td /> : null}
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
