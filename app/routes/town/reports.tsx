import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useRouteError, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyRegister, Pager } from '~/components/pager'
import { formatDay, formatInstant, formatPeriod } from '~/components/reports/format'
import { ReportStateBadge, TimelinessBadges } from '~/components/reports/state-badge'
import { listTownReports } from '~/domain/monthly-reports/reports.server'
import { addMonths, currentPeriod, parsePeriodParam, periodParam, QUEUE_STATES, shanghaiDate, timeliness, type QueueState } from '~/domain/monthly-reports/schema'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import reportsCss from '~/styles/reports.css?url'
import { pageFrom } from '~/lib/paging'
import type { TextsHandle } from '~/lib/i18n-resources'
import { formatNumber } from '~/lib/intl'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['monthly-reports'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }]

/** Rows per page of the queue: a town reviews ~20 villages a month; older months are a click away. */
export const PAGE_SIZE = 50
const MONTHS_IN_FILTER = 12

/** The queue's filters from the URL: ?period=YYYY-MM (none: every month), ?state= (default: submitted), ?page=N. */
function filterFrom(url: URL) {
  const state = url.searchParams.get('state')
  return {
    period: parsePeriodParam(url.searchParams.get('period')),
    state: (QUEUE_STATES as readonly string[]).includes(state ?? '') ? (state as QueueState) : ('submitted' as const),
    page: pageFrom(url.searchParams),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'town', params.orgId)
  const filter = filterFrom(new URL(request.url))
  const today = shanghaiDate()
  const current = currentPeriod()
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'reports', 'review', orgId)
    const { rows, total } = await listTownReports(tx, orgId, filter, { limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE })
    return {
      filter,
      months: Array.from({ length: MONTHS_IN_FILTER }, (_, i) => addMonths(current, -i)),
      total,
      reports: rows.map((r) => ({ ...r, ...timeliness(r, today) })),
    }
  })
}

/**
 * The town's review queue: by default the reports submitted and waiting, oldest first; filter by
 * month and state with a GET form (works without JavaScript, the URL can be shared).
 */
export default function TownReports() {
  const { reports, filter, months, total } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('monthly-reports')
  const [params] = useSearchParams()
  const lang = i18n.language
  const villageName = (r: (typeof reports)[number]) => (lang === 'en' && r.village_name_en ? r.village_name_en : r.village_name)
  return (
    <>
      <h2>{t('queue.heading')}</h2>
      <Form method="get" className="filters" role="search">
        <div className="field field--inline">
          <label htmlFor="period">{t('queue.month')}</label>
          <select id="period" name="period" defaultValue={params.get('period') ?? ''}>
            <option value="">{t('queue.allMonths')}</option>
            {months.map((m) => (
              <option key={m} value={periodParam(m)}>
                {formatPeriod(m, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="state">{t('queue.state')}</label>
          <select id="state" name="state" defaultValue={filter.state}>
            {QUEUE_STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('queue.allStates') : t(`states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('queue.apply')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('queue.count', { count: total, formatted: formatNumber(total, i18n.language) })}
      </p>
      {reports.length === 0 ? (
        <EmptyRegister total={total}>{t('queue.empty')}</EmptyRegister>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('queue.columns.village')}</th>
                {/* the action right after the village, not last: on a phone it is in sight without scrolling the table sideways */}
                <th scope="col" className="queue__action">
                  <span className="visually-hidden">{t('queue.review')}</span>
                </th>
                <th scope="col">{t('queue.columns.period')}</th>
                <th scope="col">{t('queue.columns.state')}</th>
                <th scope="col">{t('queue.columns.submittedAt')}</th>
                <th scope="col">{t('queue.columns.dueOn')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={r.id}>{villageName(r)}</Link>
                  </th>
                  <td>
                    <Link to={r.id} className="button">
                      {r.state === 'submitted' ? t('queue.review') : t('queue.view')}
                    </Link>
                  </td>
                  <td>{formatPeriod(r.period, lang)}</td>
                  <td>
                    <ReportStateBadge state={r.state} />
                    <TimelinessBadges late={r.late} overdue={r.overdue} resubmitted={r.state === 'submitted' && r.submissions > 1} />
                  </td>
                  <td>{formatInstant(r.submitted_at, lang)}</td>
                  <td>{formatDay(r.due_on, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager total={total} pageSize={PAGE_SIZE} ns="monthly-reports" />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
