import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useRouteError } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatInstant, formatPeriod } from '~/components/reports/format'
import { ReportDates } from '~/components/reports/report-dates'
import { ReportHistory } from '~/components/reports/history-list'
import { ReportValuesView } from '~/components/reports/report-fields'
import { ReportStateBadge } from '~/components/reports/state-badge'
import { getReport } from '~/domain/monthly-reports/reports.server'
import { currentPeriod, parsePeriodParam } from '~/domain/monthly-reports/schema'
import { isDescendant } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requireUuidParam, type PortalKind } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import reportsCss from '~/styles/reports.css?url'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['monthly-reports'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }]

/**
 * One report for paper: the village's under /village/:orgId/reports/:period/print, the town's and
 * the county's under /…/reports/:reportId/print. Same scope rules as the report pages.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = new URL(request.url).pathname.split('/')[1] as PortalKind
  if (portal !== 'village' && portal !== 'town' && portal !== 'county') throw new Response('Not found', { status: 404 })
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const where =
    portal === 'village'
      ? (() => {
          const period = parsePeriodParam(params.period)
          if (!period || period > currentPeriod()) throw new Response('Not found', { status: 404 })
          return { villageId: orgId, period }
        })()
      : { id: requireUuidParam(params.reportId) }
  return withUser(claims, async (tx) => {
    if (portal === 'village') await requireUserCan(tx, 'reports', 'read', orgId)
    const report = await getReport(tx, where)
    if (!report || !(await isDescendant(tx, orgId, report.village_id))) throw new Response('Not found', { status: 404 })
    return { report, printedAt: new Date().toISOString() }
  })
}

export default function ReportPrint() {
  const { report, printedAt } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('monthly-reports')
  const lang = i18n.language
  // the print button needs JavaScript; without it the browser's own print command does the same
  const [canPrint, setCanPrint] = useState(false)
  useEffect(() => setCanPrint(true), [])
  const villageName = lang === 'en' && report.village.name_en ? report.village.name_en : report.village.name
  const townName = lang === 'en' && report.village.town_name_en ? report.village.town_name_en : report.village.town_name
  return (
    <article className="report-print">
      <p className="no-print toolbar">
        <Link to=".." relative="path">
          {t('print.back')}
        </Link>
        {canPrint ? (
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t('print.print')}
          </button>
        ) : null}
      </p>
      <h1>
        {villageName} · {t('report.heading', { period: formatPeriod(report.period, lang) })}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('report.town')}</dt>
          <dd>{townName}</dd>
        </div>
        <div>
          <dt>{t('report.state')}</dt>
          <dd>
            <ReportStateBadge state={report.state} />
          </dd>
        </div>
        <ReportDates report={report} />
      </dl>
      <ReportValuesView definition={report.template.definition} values={report.values} comments={report.comments} />
      <ReportHistory transitions={report.transitions} />
      <div className="report-print__signatures">
        <p>{t('print.secretarySignature')}</p>
        <p>{t('print.reviewerSignature')}</p>
      </div>
      <p className="muted">{t('print.printedAt', { time: formatInstant(printedAt, lang) })}</p>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
