import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import completenessCss from '~/components/completeness/completeness.css?url'
import { CountsTable } from '~/components/completeness/counts-table'
import { formatDay, formatMonth, formatMonthShort, formatRange, orgLabel } from '~/components/completeness/format'
import { Heatmap, HeatmapLegend } from '~/components/completeness/heatmap'
import { OverdueList } from '~/components/completeness/overdue-list'
import { RangeFilter } from '~/components/completeness/range-filter'
import { CompletenessTotals } from '~/components/completeness/totals'
import { chooseRange, monthOf, selectableMonths } from '~/domain/monthly-reports/completeness'
import { loadCompleteness, todayInShanghai } from '~/domain/monthly-reports/completeness.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { formatNumber } from '~/lib/intl'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['completeness'] } satisfies TextsHandle

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
    const { range, cut } = chooseRange(url.searchParams, today)
    const completeness = await loadCompleteness(tx, { id: orgId, kind: portal }, range, today)
    return { portal, orgId, ...completeness, cut, selectable: selectableMonths(today) }
  })
}

/**
 * Completeness and timeliness of monthly reports for a county (per town) or a town (per village):
 * DHIS2's counts and rates per month and per child org, a village × month heatmap, and the villages
 * whose report is overdue with their secretary's phone. Months not due yet are in no total or rate
 * (their reports are not missing yet): the page shows what has come in so far for them, apart.
 */
export default function CompletenessRoute() {
  const { portal, orgId, range, cut, months, byMonth, byChild, counted, total, heatmap, overdue, selectable } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('completeness')
  const base = `/${portal}/${orgId}`
  const reportHref = (reportId: string) => `${base}/reports/${reportId}`
  const pending = byMonth.filter((m) => m.pending)
  // when a month is left out of the totals, the tables' total rows say so
  const totalLabel = pending.length ? t('counts.totalDue') : undefined
  return (
    <>
      <h2>{t('heading')}</h2>
      <RangeFilter range={range} months={selectable} cut={cut} />
      <p className="muted">{t('definitions')}</p>

      <CompletenessTotals range={range} counted={counted} total={total} byMonth={byMonth} />

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
              {m.pending && m.due_on ? <span className="muted"> {t('byMonth.open', { due: formatDay(m.due_on, t) })}</span> : null}
            </>
          ),
          counts: m,
          pending: m.pending,
          extra: (
            <a href={`${base}/completeness/export.xlsx?month=${monthOf(m.period)}`}>
              {t('byMonth.download', { month: formatMonth(m.period, t) })}
            </a>
          ),
        }))}
        total={total}
        totalLabel={totalLabel}
      />

      <h3>{t(`byChild.heading.${portal}`)}</h3>
      {pending.length && counted ? <p className="muted">{t('byChild.counted', { range: formatRange(counted, t) })}</p> : null}
      <CountsTable
        id="by-child"
        caption={t(`byChild.heading.${portal}`)}
        rowHeader={t(`byChild.org.${portal}`)}
        extraHeader={pending.length ? t('byChild.pending') : undefined}
        rows={byChild.map((c) => ({
          key: c.org.id,
          label: portal === 'county' ? <Link to={`${base}/towns/${c.org.id}`}>{orgLabel(c.org, i18n.language)}</Link> : <Link to={`${base}/villages/${c.org.id}`}>{orgLabel(c.org, i18n.language)}</Link>,
          counts: c,
          extra: <PendingProgress months={c.pending} />,
        }))}
        total={total}
        totalLabel={totalLabel}
        totalExtra={<PendingProgress months={pending} />}
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

/** Submitted so far of expected, for each month not due yet: "2026年11月 3 / 12". */
function PendingProgress({ months }: { months: { period: string; expected: number; submitted: number }[] }) {
  const { t, i18n } = useTranslation('completeness')
  return (
    <>
      {months.map((m) => (
        <span key={m.period} className="pending-progress">
          {t('byChild.pendingCell', { month: formatMonthShort(m.period, t), submitted: formatNumber(m.submitted, i18n.language), expected: formatNumber(m.expected, i18n.language) })}
        </span>
      ))}
    </>
  )
}
