import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FieldError } from '~/components/forms'
import { DiffTable } from '~/components/reports/diff-table'
import { formatPeriod } from '~/components/reports/format'
import { ReportDates } from '~/components/reports/report-dates'
import { ReasonNotice, ReportHistory } from '~/components/reports/history-list'
import { ReportValuesView } from '~/components/reports/report-fields'
import { ReportStateBadge, TimelinessBadges } from '~/components/reports/state-badge'
import { diffValues } from '~/domain/monthly-reports/diff'
import { outlierThresholds } from '~/domain/monthly-reports/outliers'
import { getReport, latestSubmissions, REPORT_ERROR_STATUS, reviewReport, runReportWrite } from '~/domain/monthly-reports/reports.server'
import { reportErrorsFrom, reviewSchema, timeliness } from '~/domain/monthly-reports/schema'
import { fieldsOf } from '~/domain/monthly-reports/template'
import { isDescendant } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { userCan } from '~/lib/permissions.server'
import { requireUuidParam } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import reportsCss from '~/styles/reports.css?url'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['monthly-reports'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }]

/** This page serves the town (review) and the county (read-only); the URL says which. */
function portalOf(request: Request): 'town' | 'county' {
  const portal = new URL(request.url).pathname.split('/')[1]
  if (portal !== 'town' && portal !== 'county') throw new Response('Not found', { status: 404 })
  return portal
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = portalOf(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const reportId = requireUuidParam(params.reportId)
  return withUser(claims, async (tx) => {
    const found = await getReport(tx, { id: reportId }, { history: true })
    // RLS hides reports outside the user's scope; a user with several roles sees only this portal's
    if (!found || !(await isDescendant(tx, orgId, found.village_id))) throw new Response('Not found', { status: 404 })
    const { history, ...report } = found
    const [latest, previous] = latestSubmissions(report)
    const keys = fieldsOf(report.template.definition).map((f) => f.key)
    return {
      portal,
      report,
      canReview: portal === 'town' && (await userCan(tx, 'reports', 'review', report.village_id)),
      changes: latest?.values && previous?.values ? diffValues(keys, previous.values, latest.values) : null,
      thresholds: outlierThresholds(report.template.definition, history),
      ...timeliness(report),
    }
  })
}

type ActionData = { errors?: Record<string, string[]>; formError?: string; values?: Record<string, string> }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const portal = portalOf(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const reportId = requireUuidParam(params.reportId)
  const t = await getFixedT(request, 'monthly-reports')
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const parsed = reviewSchema.safeParse(values)
  if (!parsed.success) return data<ActionData>({ errors: reportErrorsFrom(parsed.error, t), values }, { status: 400 })
  const result = await runReportWrite(claims, async (tx) => {
    const report = await getReport(tx, { id: reportId })
    if (!report || !(await isDescendant(tx, orgId, report.village_id))) throw new Response('Not found', { status: 404 })
    await reviewReport(tx, reportId, parsed.data)
  })
  if (!result.ok) {
    const { code, current } = result.error
    if (code === 'not_found') throw new Response('Not found', { status: 404 })
    const message = t(`errors.${code}`, { state: current ? t(`states.${current.state}`) : '' })
    return code === 'reason_required'
      ? data<ActionData>({ errors: { reason: [message] }, values }, { status: 400 })
      : data<ActionData>({ formError: message, values }, { status: REPORT_ERROR_STATUS[code] })
  }
  throw redirect(`${new URL(request.url).pathname}?done=${parsed.data.intent}`)
})

/** After a refusal (another reviewer decided first: 409) the report has moved on: reload it, as the village's form does. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 403 || actionStatus === 409 ? true : defaultShouldRevalidate

/**
 * A village's monthly report for the town and the county: the values (filed under their template
 * version), what changed since the previous submission, the history; town reviewers approve, return
 * with a reason, or reopen an approved report with a reason.
 */
export default function ReportReview() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('monthly-reports')
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const lang = i18n.language
  const { report } = d
  const errors = actionData?.errors ?? {}
  const done = !actionData ? params.get('done') : null
  const villageName = lang === 'en' && report.village.name_en ? report.village.name_en : report.village.name
  const townName = lang === 'en' && report.village.town_name_en ? report.village.town_name_en : report.village.town_name
  const busy = navigation.state === 'submitting'

  return (
    <>
      <p>
        {d.portal === 'town' ? (
          <Link to=".." relative="path">
            {t('review.backToQueue')}
          </Link>
        ) : (
          <Link to="../../completeness" relative="path">
            {t('review.backToCompleteness')}
          </Link>
        )}
      </p>
      <h2>
        {villageName} · {t('report.heading', { period: formatPeriod(report.period, lang) })}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('report.state')}</dt>
          <dd>
            <ReportStateBadge state={report.state} />
            <TimelinessBadges late={d.late} overdue={d.overdue} resubmitted={report.state === 'submitted' && d.changes !== null} />
          </dd>
        </div>
        <div>
          <dt>{t('report.town')}</dt>
          <dd>{townName}</dd>
        </div>
        <ReportDates report={report} />
      </dl>
      <div className="stack">
        {done === 'approve' || done === 'return' || done === 'reopen' ? (
          <p className="notice notice--ok" role="status">
            {t(`review.done.${done}`)}
          </p>
        ) : null}
        {actionData?.formError ? (
          <p className="form__error" role="alert" tabIndex={-1}>
            {actionData.formError}
          </p>
        ) : null}
        <ReasonNotice state={report.state} transitions={report.transitions} />
        {d.portal === 'county' ? <p className="muted">{t('review.countyReadOnly')}</p> : null}
      </div>

      {/* what the latest submission changed: for the one awaiting review or approved, not once reopened or returned */}
      {d.changes && (report.state === 'submitted' || report.state === 'approved') ? (
        d.changes.length ? (
          <DiffTable changes={d.changes} definition={report.template.definition} caption={t('diff.heading')} beforeLabel={t('diff.before')} afterLabel={t('diff.after')} />
        ) : (
          <p className="notice">{t('diff.none')}</p>
        )
      ) : null}

      <ReportValuesView
        definition={report.template.definition}
        values={report.values}
        comments={report.comments}
        thresholds={d.thresholds}
        changed={d.changes?.map((c) => c.key) ?? []}
      />

      {d.canReview && report.state === 'submitted' ? (
        <section aria-labelledby="decision">
          <h3 id="decision">{t('review.decisionHeading')}</h3>
          <div className="review-actions">
            <Form method="post" className="form">
              <p className="field__hint">{t('review.approveHint')}</p>
              <button type="submit" name="intent" value="approve" className="button button--primary" disabled={busy}>
                {t('review.approve')}
              </button>
            </Form>
            <ReasonForm intent="return" errors={errors.reason} defaultValue={actionData?.values?.intent === 'return' ? actionData.values.reason : ''} busy={busy} />
          </div>
        </section>
      ) : null}
      {d.canReview && report.state === 'approved' ? (
        <section aria-labelledby="decision">
          <h3 id="decision">{t('review.decisionHeading')}</h3>
          <div className="review-actions">
            <ReasonForm intent="reopen" errors={errors.reason} defaultValue={actionData?.values?.intent === 'reopen' ? actionData.values.reason : ''} busy={busy} />
          </div>
        </section>
      ) : null}

      <p>
        <Link to="print" className="button">
          {t('report.print')}
        </Link>
      </p>
      <ReportHistory transitions={report.transitions} />
    </>
  )
}

/** Return or reopen: the reason is required, shown to the village, and kept in the history. */
function ReasonForm({ intent, errors, defaultValue, busy }: { intent: 'return' | 'reopen'; errors?: string[]; defaultValue?: string; busy: boolean }) {
  const { t } = useTranslation('monthly-reports')
  const id = `${intent}-reason`
  return (
    <Form method="post" className="form" noValidate>
      <div className="field">
        <label htmlFor={id}>{t(intent === 'return' ? 'review.returnReason' : 'review.reopenReason')}</label>
        <textarea
          id={id}
          name="reason"
          rows={3}
          required
          maxLength={1000}
          defaultValue={defaultValue}
          aria-invalid={errors ? true : undefined}
          aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ''}`}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t(intent === 'return' ? 'review.returnHint' : 'review.reopenHint')}
        </p>
        <FieldError id={`${id}-error`} errors={errors} />
      </div>
      <button type="submit" name="intent" value={intent} className="button button--danger" disabled={busy}>
        {t(intent === 'return' ? 'review.return' : 'review.reopen')}
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
