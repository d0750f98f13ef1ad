import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { CELL_KINDS, type CellKind, type HeatmapCell, type Period } from '~/domain/monthly-reports/completeness'
import type { HeatmapCellTuple, HeatmapGroup } from '~/domain/monthly-reports/completeness.server'
import { formatMonth, formatMonthShort, orgLabel } from './format'

/** What a cell shows: the state's code, then +days late or the days overdue. */
function cellText(cell: HeatmapCell, t: TFunction): string {
  const code = t(`cell.codes.${cell.kind}`)
  if (cell.kind === 'overdue') return `${code}${cell.days ?? ''}`
  if (cell.late && cell.days) return `${code}+${cell.days}`
  return code
}

/**
 * The cell in words, for screen readers (the row and column headers name the village and month for
 * the eye; a tooltip per cell would double the largest page's HTML).
 */
function cellDescription(cell: HeatmapCell, t: TFunction): string {
  const state = t(`cell.kinds.${cell.kind}`)
  if (cell.kind === 'overdue') return t('cell.overdueBy', { state, count: cell.days ?? 0 })
  if (cell.late && cell.days) return t('cell.lateBy', { state, count: cell.days })
  return state
}

/**
 * Villages × months. Each cell carries a code and a number (the legend explains them) as well as
 * its colour; cells with a report link to it. A row's cells come in the order of `months`.
 */
export function Heatmap({ groups, months, reportHref }: { groups: HeatmapGroup[]; months: Period[]; reportHref: (reportId: string) => string }) {
  const { t, i18n } = useTranslation('completeness')
  // A county's heatmap has thousands of cells but few distinct texts: translate each once per render.
  const monthNames = new Map(months.map((p) => [p, formatMonth(p, t)]))
  const texts = new Map<string, { text: string; description: string; className: string }>()
  const textsOf = ([kind, days]: HeatmapCellTuple) => {
    const key = `${kind}|${days ?? ''}`
    let found = texts.get(key)
    if (!found) {
      // a filed report was late when it has days; an overdue month's days are how long it is overdue
      const cell: HeatmapCell = { kind, days, late: kind !== 'overdue' && days !== null }
      const className = `heatmap__cell heatmap__cell--${kind}${cell.late ? ' heatmap__cell--late' : ''}`
      texts.set(key, (found = { text: cellText(cell, t), description: cellDescription(cell, t), className }))
    }
    return found
  }
  return (
    // positioned (completeness.css): each cell's visually hidden description stays inside the scrolling table
    <div className="table-wrap completeness-scroll" tabIndex={0}>
      <table className="table heatmap">
        <caption className="visually-hidden">{t('heatmap.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('heatmap.village')}</th>
            {months.map((p) => (
              <th key={p} scope="col" className="num">
                <abbr title={formatMonth(p, t)}>{formatMonthShort(p, t)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.town?.id ?? 'all'}>
            {group.town ? (
              <tr className="heatmap__group">
                <th scope="rowgroup" colSpan={months.length + 1}>
                  {orgLabel(group.town, i18n.language)}
                </th>
              </tr>
            ) : null}
            {group.rows.map((row) => {
              const village = orgLabel(row.village, i18n.language)
              return (
                <tr key={row.village.id}>
                  <th scope="row">{village}</th>
                  {row.cells.map((cell, i) => {
                    const period = months[i]!
                    const reportId = cell[2]
                    const { text, description: state, className } = textsOf(cell)
                    const description = `${village} ${monthNames.get(period)}: ${state}`
                    const content = (
                      <>
                        <span aria-hidden="true">{text}</span>
                        <span className="visually-hidden">{description}</span>
                      </>
                    )
                    return (
                      <td key={period} className={className}>
                        {reportId ? (
                          <a href={reportHref(reportId)}>{content}</a>
                        ) : (
                          <span className="heatmap__mark">{content}</span>
                        )}
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        ))}
      </table>
    </div>
  )
}

/** The key to the heatmap: every code with its colour and meaning, and what the numbers mean. */
export function HeatmapLegend({ kinds = CELL_KINDS }: { kinds?: readonly CellKind[] }) {
  const { t } = useTranslation('completeness')
  return (
    <>
      <ul className="legend" aria-label={t('heatmap.legend')}>
        {kinds.map((kind) => (
          <li key={kind}>
            <span className={`legend__swatch legend__swatch--${kind}`} aria-hidden="true">
              {t(`cell.codes.${kind}`)}
            </span>
            {t(`cell.kinds.${kind}`)}
          </li>
        ))}
      </ul>
      <p className="muted">{t('heatmap.numbers')}</p>
    </>
  )
}
