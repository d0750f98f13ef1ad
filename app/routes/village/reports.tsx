import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useParams, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDay, formatPeriod } from '~/components/reports/format'
import { ReportStateBadge, TimelinessBadges } from '~/components/reports/state-badge'
import { listVillageMonths } from '~/domain/monthly-reports/reports.server'
import { currentPeriod, isEditable, periodParam, shanghaiDate, timeliness } from '~/domain/monthly-reports/schema'
import { withUser } from '~/lib/db.server'
import { requireGranted, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import reportsCss from '~/styles/reports.css?url'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['monthly-reports'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  const today = shanghaiDate()
  return withUser(claims, async (tx) => {
    const can = await userCanEach(tx, orgId, { read: ['reports', 'read'], update: ['reports', 'update'] })
    requireGranted(can.read)
    const months = await listVillageMonths(tx, orgId, currentPeriod())
    return {
      current: currentPeriod(),
      canEdit: can.update,
      months: months.map((m) => ({
        ...m,
        ...(m.report ? timeliness(m.report, today) : { late: false, overdue: m.due_on !== null && today > m.due_on }),
      })),
    }
  })
}

/**
 * The village's monthly reports, newest month first: state, due date, late and overdue badges, and a
 * button to start a month not yet started (it posts to the report page, which starts it idempotently).
 */
export default function VillageReports() {
  const { months, canEdit, current } = useLoaderData<typeof loader>()
  const { orgId } = useParams()
  const { t, i18n } = useTranslation('monthly-reports')
  const navigation = useNavigation()
  const lang = i18n.language
  return (
    <>
      <div className="toolbar">
        <h2>{t('list.heading')}</h2>
        {months.some((m) => m.report) ? (
          <a href={`/village/${orgId}/reports/export.xlsx`} className="button">
            {t('list.exportAll')}
          </a>
        ) : null}
      </div>
      {months.length === 0 ? (
        <p className="empty">{t('list.empty')}</p>
      ) : (
        <ul className="month-list">
          {months.map((m) => {
            const href = periodParam(m.period)
            const label = formatPeriod(m.period, lang)
            return (
              <li key={m.period} className="month-card">
                <h3 className="month-card__title">
                  {m.report ? <Link to={href}>{label}</Link> : label}
                </h3>
                <div>
                  <ReportStateBadge state={m.report?.state ?? null} />
                </div>
                <p className="month-card__meta">
                  {m.due_on ? t('list.due', { date: formatDay(m.due_on, lang) }) : null}
                  {m.report?.first_submitted_at ? ` · ${t('list.submittedOn', { date: formatDay(shanghaiDate(m.report.first_submitted_at), lang) })}` : null}
                  <TimelinessBadges late={m.late} overdue={m.overdue} />
                </p>
                <div className="month-card__meta">
                  {m.report ? (
                    <Link to={href} className="button">
                      {canEdit && isEditable(m.report.state) ? t('list.edit') : t('list.open')}
                    </Link>
                  ) : canEdit && m.startable ? (
                    <Form method="post" action={href}>
                      <input type="hidden" name="intent" value="start" />
                      <button type="submit" className={m.period === current ? 'button button--primary' : 'button'} disabled={navigation.state === 'submitting'}>
                        {t('list.start')}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
