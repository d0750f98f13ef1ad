import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import completenessCss from '~/components/completeness/completeness.css?url'
import { CountsTable } from '~/components/completeness/counts-table'
import { formatDay, formatMonth, orgLabel } from '~/components/completeness/format'
import { Heatmap, HeatmapLegend } from '~/components/completeness/heatmap'
import { OverdueList } from '~/components/completeness/overdue-list'
import { RangeFilter } from '~/components/completeness/range-filter'
import { completenessRate, COUNT_KEYS, formatRate, monthOf, rangeFromParams, selectableMonths, timelinessRate } from '~/domain/monthly-reports/completeness'
import { loadCompleteness, todayInShanghai } from '~/domain/monthly-reports/completeness.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: completenessCss }]

/** Registered under the county and the town portals; the URL says which. */
function portalOf(url: URL): 'county' | 'town' {
  const first = url.pathname.split('/')[1]
  if (first === 'county' || first === 'town') return first
  throw new Response('Not found', { status: 404 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const portal = portalOf(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'reports', 'read', orgId)
    const today = await todayInShanghai(tx)
    const range = rangeFromParams(url.searchParams, today)
    const completeness = await loadCompleteness(tx, { id: orgId, kind: portal }, range, today)
    return { portal, orgId, ...completeness, selectable: selectableMonths(today) }
  })
}

/**
 * Completeness and timeliness of monthly reports for a county (per town) or a town (per village):
 * DHIS2's counts and rates per month and per child org, a village × month heatmap, and the villages
 * whose report is overdue with their secretary's phone.
 */
export default function CompletenessRoute() {
  const { portal, orgId, today, range, months, byMonth, byChild, total, heatmap, overdue, selectable } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('completeness')
  const base = `/${portal}/${orgId}`
  const reportHref = (reportId: string) => `${base}/reports/${reportId}`
  const rangeText = range.from === range.to ? formatMonth(range.from, t) : t('range.between', { from: formatMonth(range.from, t), to: formatMonth(range.to, t) })
  return (
    <>
      <h2>{t('heading')}</h2>
      <RangeFilter range={range} months={selectable} />
      <p className="muted">{t('definitions')}</p>

      <h3 id="totals-heading">{t('totals.heading', { range: rangeText })}</h3>
      <dl className="figures" aria-labelledby="totals-heading">
        {COUNT_KEYS.map((k) => (
          <div key={k} className="figure">
            <dt>{t(`counts.${k}`)}</dt>
            <dd>{total[k]}</dd>
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

      <h3>{t('byMonth.heading')}</h3>
      <CountsTable
        id="by-month"
        caption={t('byMonth.heading')}
        rowHeader={t('byMonth.month')}
        extraHeader={t('byMonth.export')}
        rows={byMonth.map((m) => ({
          key: m.period,
          label: (
            <>
              {formatMonth(m.period, t)}
              {m.due_on && m.due_on >= today ? <span className="muted"> {t('byMonth.open', { due: formatDay(m.due_on, t) })}</span> : null}
            </>
          ),
          counts: m,
          extra: (
            <a href={`${base}/completeness/export.xlsx?month=${monthOf(m.period)}`} download>
              {t('byMonth.download', { month: formatMonth(m.period, t) })}
            </a>
          ),
        }))}
        total={total}
      />

      <h3>{t(`byChild.heading.${portal}`)}</h3>
      <CountsTable
        id="by-child"
        caption={t(`byChild.heading.${portal}`)}
        rowHeader={t(`byChild.org.${portal}`)}
        rows={byChild.map((c) => ({
          key: c.org.id,
          label: portal === 'county' ? <Link to={`${base}/towns/${c.org.id}`}>{orgLabel(c.org, i18n.language)}</Link> : <Link to={`${base}/villages/${c.org.id}`}>{orgLabel(c.org, i18n.language)}</Link>,
          counts: c,
        }))}
        total={total}
      />

      <h3>{t('overdue.heading')}</h3>
      <p className="muted">{t('overdue.explain')}</p>
      <OverdueList entries={overdue} showTown={portal === 'county'} reportHref={reportHref} />

      <h3>{t('heatmap.heading')}</h3>
      <HeatmapLegend />
      {heatmap.length === 0 ? <p className="empty">{t('heatmap.empty')}</p> : <Heatmap groups={heatmap} months={months} reportHref={reportHref} />}
    </>
  )
}
