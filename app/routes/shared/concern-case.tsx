import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CaseStateBadge } from '~/components/concerns/case-state-badge'
import { portalFrom } from '~/components/concerns/portal'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { advanceCase, getCase } from '~/domain/concerns/concerns.server'
import { caseActionSchema, intentsFor, type CaseIntent } from '~/domain/concerns/schema'
import { todayInShanghai } from '~/domain/pairing/kinds'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { userCan } from '~/lib/permissions.server'
import { requireUuidParam } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['concerns'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = portalFrom(new URL(request.url))
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const caseId = requireUuidParam(params.caseId)
  return withUser(claims, async (tx) => {
    const found = await getCase(tx, portal, orgId, caseId)
    if (!found) throw new Response('Not found', { status: 404 })
    const canUpdate = portal !== 'unit' && (await userCan(tx, 'concerns', 'update', found.village_id))
    // units see the state of the cases they raised, not how they are handled
    const shown =
      portal === 'unit'
        ? { ...found, owner_name: null, due_on: null, resolution: null, closed_reason: null, events: found.events.map((e) => ({ ...e, note: null, actor_name: null })) }
        : found
    return { portal, found: shown, intents: canUpdate ? intentsFor(found.state) : [], today: todayInShanghai() }
  })
}

type ActionData = { errors?: FieldErrors; formError?: string; values?: Record<string, string> }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const portal = portalFrom(new URL(request.url))
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const caseId = requireUuidParam(params.caseId)
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const parsed = caseActionSchema(todayInShanghai()).safeParse(values)
  if (!parsed.success) {
    const t = await getFixedT(request)
    return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t), values }, { status: 400 })
  }
  const result = await advanceCase(claims, caseId, parsed.data, async (tx) => {
    if (!(await getCase(tx, portal, orgId, caseId))) throw new Response('Not found', { status: 404 })
    if (portal === 'unit') throw new Response('Forbidden', { status: 403 })
  })
  if (!result.ok) {
    if (result.error === 'not_found') throw new Response('Not found', { status: 404 })
    const t = await getFixedT(request, 'concerns')
    const status = result.error === 'missing' ? 400 : 403
    return data<ActionData>({ formError: t(`errors.${result.error}`), values }, { status })
  }
  throw redirect(`${new URL(request.url).pathname}?done=${parsed.data.intent}`)
})

/** A case: details, its history, and the lifecycle actions the user may take in its state. */
export default function ConcernCase() {
  const { portal, found, intents, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('concerns')
  const [params] = useSearchParams()
  const done = !actionData ? params.get('done') : null
  const en = i18n.language === 'en'
  return (
    <>
      <p>
        <Link to={{ pathname: '..', search: '?tab=case' }} relative="path">
          {t('case.back')}
        </Link>
      </p>
      <h2>{found.title}</h2>
      {done && isDoneIntent(done) ? (
        <p className="notice notice--ok" role="status">
          {t('case.done', { state: t(`states.${found.state}`) })}
        </p>
      ) : null}
      {actionData?.formError ? (
        <p className="form__error" role="alert" tabIndex={-1}>
          {actionData.formError}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('columns.state')}</dt>
          <dd>
            <CaseStateBadge state={found.state} />
            {found.is_private ? <span className="badge"> {t('privateBadge')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('case.village')}</dt>
          <dd>{en && found.village_name_en ? found.village_name_en : found.village_name}</dd>
        </div>
        <div>
          <dt>{t('case.raisedBy')}</dt>
          <dd>{(en && found.unit_name_en) || found.unit_name || '—'}</dd>
        </div>
        <div>
          <dt>{t('case.createdAt')}</dt>
          <dd>{found.created_at}</dd>
        </div>
        {found.owner_name ? (
          <div>
            <dt>{t('case.owner')}</dt>
            <dd>{found.owner_name}</dd>
          </div>
        ) : null}
        {found.due_on ? (
          <div>
            <dt>{t('case.dueOn')}</dt>
            <dd>{found.due_on}</dd>
          </div>
        ) : null}
        {found.resolution ? (
          <div>
            <dt>{t('case.resolution')}</dt>
            <dd>{found.resolution}</dd>
          </div>
        ) : null}
        {found.closed_reason ? (
          <div>
            <dt>{t('case.closedReason')}</dt>
            <dd>{found.closed_reason}</dd>
          </div>
        ) : null}
      </dl>
      {found.description ? (
        <section aria-labelledby="description">
          <h3 id="description">{t('case.description')}</h3>
          <p>{found.description}</p>
        </section>
      ) : null}
      {portal === 'unit' ? <p className="muted">{t('case.unitReadOnly')}</p> : null}
      {intents.length ? (
        <section aria-labelledby="actions">
          <h3 id="actions">{t('case.actionsHeading')}</h3>
          <div className="review-actions">
            {intents.map((intent) => (
              <CaseActionForm key={intent} intent={intent} actionData={actionData} today={today} />
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="history">
        <h3 id="history">{t('case.historyHeading')}</h3>
        {found.events.length ? (
          <ol className="history">
            {found.events.map((e) => (
              <li key={e.id}>
                <span>{e.occurred_at}</span> <CaseStateBadge state={e.to_state} />
                {e.actor_name ? <span className="muted"> {t('case.by', { name: e.actor_name })}</span> : null}
                {e.note ? <p>{e.note}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="empty">{t('case.noHistory')}</p>
        )}
      </section>
    </>
  )
}

function isDoneIntent(value: string) {
  return ['assign', 'handle', 'confirm', 'close', 'reassign'].includes(value)
}

const NOTE_LABEL: Record<CaseIntent, string | null> = {
  assign: null,
  handle: 'case.resolutionNote',
  confirm: 'case.confirmNote',
  close: 'case.closeNote',
  reassign: 'case.reassignNote',
}

/** One lifecycle action as its own form; the fields it needs are required and re-checked by the action. */
function CaseActionForm({ intent, actionData, today }: { intent: CaseIntent; actionData?: ActionData; today: string }) {
  const { t } = useTranslation('concerns')
  const navigation = useNavigation()
  const mine = actionData?.values?.intent === intent
  const errors = mine ? (actionData?.errors ?? {}) : {}
  const value = (name: string) => (mine ? (actionData?.values?.[name] ?? '') : '')
  const id = (name: string) => `${intent}-${name}`
  const noteLabel = NOTE_LABEL[intent]
  const aria = (name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id(name)}-error` } : {})
  return (
    <Form method="post" className="form" noValidate>
      {intent === 'assign' ? (
        <>
          <div className="field">
            <label htmlFor={id('ownerName')}>{t('case.ownerName')}</label>
            <input id={id('ownerName')} name="ownerName" type="text" maxLength={50} required defaultValue={value('ownerName')} {...aria('ownerName')} />
            <FieldError id={`${id('ownerName')}-error`} errors={errors.ownerName} />
          </div>
          <div className="field">
            <label htmlFor={id('dueOn')}>{t('case.due')}</label>
            <input id={id('dueOn')} name="dueOn" type="date" min={today} defaultValue={value('dueOn')} {...aria('dueOn')} />
            <FieldError id={`${id('dueOn')}-error`} errors={errors.dueOn} />
          </div>
        </>
      ) : null}
      {noteLabel ? (
        <div className="field">
          <label htmlFor={id('note')}>{t(noteLabel)}</label>
          <textarea id={id('note')} name="note" rows={3} maxLength={2000} required={intent !== 'confirm'} defaultValue={value('note')} {...aria('note')} />
          <FieldError id={`${id('note')}-error`} errors={errors.note} />
        </div>
      ) : null}
      <button type="submit" name="intent" value={intent} className={intent === 'close' ? 'button button--danger' : 'button button--primary'} disabled={navigation.state === 'submitting'}>
        {t(`case.intents.${intent}`)}
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
