import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZodError } from 'zod'
import { LeaveGuardDialog, useLeaveGuard } from '~/components/leave-guard'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DiffTable } from '~/components/reports/diff-table'
import { formatPeriod } from '~/components/reports/format'
import { ReportDates } from '~/components/reports/report-dates'
import { ReasonNotice, ReportHistory } from '~/components/reports/history-list'
import { ReportFields, ReportValuesView, type ReportFieldErrors } from '~/components/reports/report-fields'
import { ReportStateBadge, TimelinessBadges } from '~/components/reports/state-badge'
import { diffValues, type FieldChange } from '~/domain/monthly-reports/diff'
import { outlierThresholds } from '~/domain/monthly-reports/outliers'
import {
  getReport,
  REPORT_ERROR_STATUS,
  runReportWrite,
  saveReport,
  startReport,
  submitReport,
  templateForPeriod,
  type ReportError,
} from '~/domain/monthly-reports/reports.server'
import {
  currentPeriod,
  formValuesOf,
  isEditable,
  parsePeriodParam,
  reportErrorsFrom,
  reportFormInput,
  reportSchema,
  timeliness,
  villageIntentSchema,
  type ReportInput,
} from '~/domain/monthly-reports/schema'
import { fieldsOf, localized } from '~/domain/monthly-reports/template'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireGranted, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import reportsCss from '~/styles/reports.css?url'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['monthly-reports'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }]

/** The month in the URL, as a period that has begun; 404 otherwise. */
function requirePeriod(value: string | undefined): string {
  const period = parsePeriodParam(value)
  if (!period || period > currentPeriod()) throw new Response('Not found', { status: 404 })
  return period
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  const period = requirePeriod(params.period)
  return withUser(claims, async (tx) => {
    const can = await userCanEach(tx, orgId, { read: ['reports', 'read'], update: ['reports', 'update'], submit: ['reports', 'submit'] })
    requireGranted(can.read)
    const mayEdit = can.update
    const found = await getReport(tx, { villageId: orgId, period }, { history: true })
    if (!found) {
      const template = await templateForPeriod(tx, orgId, period)
      return { period, report: null, canStart: mayEdit && Boolean(template), canEdit: false, canSubmit: false, thresholds: {}, late: false, overdue: false }
    }
    const { history, ...report } = found
    const editable = isEditable(report.state)
    return {
      period,
      report,
      canStart: false,
      canEdit: mayEdit && editable,
      canSubmit: editable && can.submit,
      thresholds: outlierThresholds(report.template.definition, history),
      ...timeliness(report),
    }
  })
}

type ActionData = {
  errors?: ReportFieldErrors
  formError?: string
  values?: Record<string, string>
  comments?: Record<string, string>
  conflicts?: FieldChange[]
  /** the explanations (per field) that differ, when the conflicts are listed */
  commentConflicts?: FieldChange[]
  /** why they are listed: changed meanwhile (the form stays), or no longer editable (only this table keeps what was typed) */
  conflictKind?: 'stale' | 'locked'
}

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  const period = requirePeriod(params.period)
  const t = await getFixedT(request, 'monthly-reports')
  const here = new URL(request.url).pathname
  const { values, comments, other } = reportFormInput(await readForm(request))
  const intent = villageIntentSchema.safeParse(other)
  if (!intent.success) return data<ActionData>({ formError: t('validation.invalid'), values, comments }, { status: 400 })

  if (intent.data.intent === 'start') {
    const started = await runReportWrite(claims, (tx) => startReport(tx, orgId, period, currentPeriod()))
    if (!started.ok) return refusal(started.error, t, {})
    throw redirect(here)
  }

  const { intent: mode, revision } = intent.data
  let input: ReportInput | null = null
  let keys: string[] = []
  type Outcome = { invalid: ZodError } | { done: 'saved' | 'submitted' | 'already' }
  const result = await runReportWrite(claims, async (tx): Promise<Outcome> => {
    const report = await getReport(tx, { villageId: orgId, period }, { history: mode === 'submit' })
    if (!report) throw new Response('Not found', { status: 404 })
    keys = fieldsOf(report.template.definition).map((f) => f.key)
    const thresholds = report.history ? outlierThresholds(report.template.definition, report.history) : {}
    // the report's own template version decides what is valid, whatever version is current now
    const parsed = reportSchema(report.template.definition, { mode: mode === 'submit' ? 'submit' : 'draft', outlierThresholds: thresholds }).safeParse({ values, comments })
    if (!parsed.success) return { invalid: parsed.error }
    input = parsed.data
    if (mode === 'submit') return { done: (await submitReport(tx, report.id, revision, parsed.data)).alreadySubmitted ? 'already' : 'submitted' }
    await saveReport(tx, report.id, revision, parsed.data)
    return { done: 'saved' }
  })
  if (!result.ok) return refusal(result.error, t, { values, comments, mode, keys, input })
  if ('invalid' in result.value) {
    return data<ActionData>({ errors: reportErrorsFrom(result.value.invalid, t), values, comments }, { status: 400 })
  }
  throw redirect(`${here}?done=${result.value.done}`)
})

/** A refusal as a translated message, keeping what the user typed; a stale form also lists what differs. */
function refusal(
  error: ReportError,
  t: Awaited<ReturnType<typeof getFixedT>>,
  form: { values?: Record<string, string>; comments?: Record<string, string>; mode?: string; keys?: string[]; input?: ReportInput | null },
) {
  if (error.code === 'not_found') throw new Response('Not found', { status: 404 })
  const status = REPORT_ERROR_STATUS[error.code]
  const state = error.current ? t(`states.${error.current.state}`) : ''
  const formError =
    error.code === 'forbidden' && form.mode === 'submit' ? t('errors.forbiddenSubmit') : t(`errors.${error.code}`, { state })
  // changed meanwhile, or submitted meanwhile (another tab, the clerk's colleague): what was typed and differs
  // is listed against what is stored; a locked report shows no form, so the list is all that keeps it
  const listed = (error.code === 'stale' || error.code === 'locked') && error.current && form.input ? { current: error.current, input: form.input } : null
  const conflicts = listed ? diffValues(form.keys ?? [], listed.current.values, listed.input.values) : undefined
  const commentConflicts = listed ? diffValues(form.keys ?? [], listed.current.comments, listed.input.comments) : undefined
  return data<ActionData>(
    { formError, values: form.values, comments: form.comments, conflicts, commentConflicts, conflictKind: listed ? (error.code as 'stale' | 'locked') : undefined },
    { status },
  )
}

/** After a refusal (403, 409) the report may have moved on: reload it so the form carries its new revision. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 403 || actionStatus === 409 ? true : defaultShouldRevalidate

/**
 * The village's report for one month: the form while it is editable (save a draft; the secretary
 * submits), a read-only view otherwise; the town's reason when returned or reopened, and the history.
 */
export default function VillageReport() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('monthly-reports')
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const lang = i18n.language
  const report = d.report
  const done = !actionData ? params.get('done') : null

  return (
    <>
      <p className="no-print">
        <Link to=".." relative="path">
          {t('report.back')}
        </Link>
      </p>
      <h2>{t('report.heading', { period: formatPeriod(d.period, lang) })}</h2>
      {!report ? (
        <div className="stack">
          <p className="empty">{d.canStart ? t('report.notStarted') : t('report.cannotStart')}</p>
          {actionData?.formError ? (
            <p className="form__error" role="alert" tabIndex={-1}>
              {actionData.formError}
            </p>
          ) : null}
          {d.canStart ? (
            <Form method="post">
              <button type="submit" name="intent" value="start" className="button button--primary" disabled={navigation.state === 'submitting'}>
                {t('list.start')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('report.state')}</dt>
              <dd>
                <ReportStateBadge state={report.state} />
                <TimelinessBadges late={d.late} overdue={d.overdue} />
              </dd>
            </div>
            <ReportDates report={report} />
          </dl>
          <div className="stack">
            <ReasonNotice state={report.state} transitions={report.transitions} />
            {done === 'saved' || done === 'submitted' || done === 'already' ? (
              <p className="notice notice--ok" role="status">
                {t(done === 'saved' ? 'report.saved' : done === 'submitted' ? 'report.submitted' : 'report.alreadySubmitted')}
              </p>
            ) : null}
            {actionData?.formError ? (
              <div className="form__error" role="alert" tabIndex={-1}>
                <p>{actionData.formError}</p>
              </div>
            ) : null}
            {actionData?.conflicts?.length ? (
              <DiffTable
                changes={actionData.conflicts}
                definition={report.template.definition}
                caption={t(actionData.conflictKind === 'locked' ? 'form.lockedHeading' : 'form.conflictHeading')}
                beforeLabel={t('form.conflictBefore')}
                afterLabel={t('form.conflictAfter')}
              />
            ) : null}
            {actionData?.commentConflicts?.length ? (
              <DiffTable
                changes={actionData.commentConflicts}
                definition={report.template.definition}
                caption={t('form.commentConflictHeading')}
                beforeLabel={t('form.conflictBefore')}
                afterLabel={t('form.conflictAfter')}
                asText
              />
            ) : null}
          </div>
          {d.canEdit ? (
            <ReportForm
              key={report.id}
              report={report}
              thresholds={d.thresholds}
              canSubmit={d.canSubmit}
              actionData={actionData}
              submitting={navigation.state === 'submitting'}
            />
          ) : (
            <>
              {report.state === 'submitted' || report.state === 'approved' ? <p className="notice">{t(`report.locked.${report.state}`)}</p> : null}
              <ReportValuesView definition={report.template.definition} values={report.values} comments={report.comments} />
            </>
          )}
          <p className="no-print">
            <Link to="print" className="button">
              {t('report.print')}
            </Link>
          </p>
          <ReportHistory transitions={report.transitions} />
        </>
      )}
    </>
  )
}

type LoadedReport = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['report']>

/** The form: the same schema as the action checks it in the browser first, when JavaScript runs. */
function ReportForm({
  report,
  thresholds,
  canSubmit,
  actionData,
  submitting,
}: {
  report: LoadedReport
  thresholds: Record<string, number>
  canSubmit: boolean
  actionData: ActionData | undefined
  submitting: boolean
}) {
  const { t, i18n } = useTranslation('monthly-reports')
  const [clientErrors, setClientErrors] = useState<ReportFieldErrors | null>(null)
  const summary = useRef<HTMLDivElement>(null)
  const errors = clientErrors ?? actionData?.errors ?? {}
  const errorKeys = Object.keys(errors).filter((k) => errors[k]?.length)
  const labels = new Map(fieldsOf(report.template.definition).map((f) => [f.key, f.label]))
  const hasErrors = errorKeys.length > 0
  // a long form: leaving it by a link or Back asks first, until what it holds is saved. Saved means this
  // user's save went through (no action data: it redirected); a refusal that reloads the report (409, someone
  // else saved first) moves the revision on, but what is typed here is still not saved
  const form = useRef<HTMLFormElement>(null)
  const savedRevision = useRef(report.revision)
  if (!actionData) savedRevision.current = report.revision
  const leaving = useLeaveGuard(form, savedRevision.current)

  useEffect(() => setClientErrors(null), [actionData])
  // move focus to the summary whenever a new set of errors appears (from the browser or the server)
  useEffect(() => {
    if (hasErrors) summary.current?.focus()
  }, [hasErrors, clientErrors, actionData])

  function validateInBrowser(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const mode = submitter?.value === 'submit' ? 'submit' : 'draft'
    const { values, comments } = reportFormInput(new FormData(event.currentTarget))
    const parsed = reportSchema(report.template.definition, { mode, outlierThresholds: thresholds }).safeParse({ values, comments })
    if (parsed.success) {
      setClientErrors(null)
      return
    }
    event.preventDefault()
    setClientErrors(reportErrorsFrom(parsed.error, (key, params) => t(key, params)))
  }

  return (
    <Form method="post" className="report-form" noValidate onSubmit={validateInBrowser} ref={form}>
      <input type="hidden" name="revision" value={report.revision} />
      {errorKeys.length ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h3>{t('form.errorSummary')}</h3>
          <ul>
            {errorKeys.map((k) => {
              const [kind, key = ''] = k.split('.')
              const label = labels.get(key)
              return (
                <li key={k}>
                  <a href={`#${kind === 'comments' ? 'comment' : 'field'}-${key}`}>
                    {t('form.errorItem', {
                      field: kind === 'comments' ? `${localized(label, i18n.language)} · ${t('form.comment')}` : localized(label, i18n.language),
                      message: errors[k]?.join(' '),
                    })}
                  </a>
                </li>
              )
            })}
          </ul>
        </div>
      ) : null}
      <ReportFields
        definition={report.template.definition}
        values={actionData?.values ?? formValuesOf(report.values)}
        comments={actionData?.comments ?? report.comments}
        errors={errors}
        thresholds={thresholds}
      />
      <p className="field__hint">{canSubmit ? t('report.secretaryNote') : t('report.clerkNote')}</p>
      <div className="report-actions">
        <button type="submit" name="intent" value="save" className="button" disabled={submitting}>
          {t('form.save')}
        </button>
        {canSubmit ? (
          <button type="submit" name="intent" value="submit" className="button button--primary" disabled={submitting}>
            {t('form.submit')}
          </button>
        ) : null}
      </div>
      <LeaveGuardDialog blocker={leaving} />
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
