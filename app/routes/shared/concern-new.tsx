import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { portalFrom } from '~/components/concerns/portal'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { createConcern, isCaseUnitNotPaired, villagesForNew } from '~/domain/concerns/concerns.server'
import { isOutsidePairing, outsidePairingMessage } from '~/domain/pairing/records.server'
import { CONCERN_KINDS, concernNewSchema, type ConcernKind } from '~/domain/concerns/schema'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { todayInShanghai } from '~/domain/pairing/kinds'
import { OrgOptions } from '~/components/org-options'
import { LeaveGuardDialog, useLeaveGuard } from '~/components/leave-guard'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['concerns'] } satisfies TextsHandle

function portalOf(request: Request) {
  return portalFrom(new URL(request.url), ['village', 'unit']) as 'village' | 'unit'
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = portalOf(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'concerns', 'create', orgId)
    const villages = await villagesForNew(tx, portal, orgId)
    return { portal, villages, today: todayInShanghai() }
  })
}

type ActionData = { errors: FieldErrors; values: Record<string, string> }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const portal = portalOf(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  if (portal === 'unit') delete values.isPrivate
  const parsed = concernNewSchema(todayInShanghai()).safeParse(values)
  if (!parsed.success) {
    const t = await getFixedT(request)
    return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t), values }, { status: 400 })
  }
  let createdId: string | null
  try {
    createdId = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'concerns', 'create', orgId)
      const villages = await villagesForNew(tx, portal, orgId)
      if (!villages.some((v) => v.id === parsed.data.villageId)) return null
      return createConcern(tx, claims, parsed.data, portal === 'unit' ? orgId : null)
    })
  } catch (err) {
    // a case naming the unit, which no pairing with the village covers today (ended since the list was read): the database's rule (case_unit_paired)
    if (isCaseUnitNotPaired(err)) {
      const t = await getFixedT(request, 'concerns')
      return data<ActionData>({ errors: { villageId: [t('errors.caseUnitNotPaired')] }, values }, { status: 400 })
    }
    // a unit's file or opinion dated outside its pairing with the village: the database's rule (record_within_pairing)
    if (!isOutsidePairing(err)) throw err
    const t = await getFixedT(request, 'pairing')
    const message = await withUser(claims, (tx) => outsidePairingMessage(tx, t, orgId, parsed.data.villageId))
    return data<ActionData>({ errors: { on: [message] }, values }, { status: 400 })
  }
  if (!createdId) {
    const t = await getFixedT(request, 'concerns')
    return data<ActionData>({ errors: { villageId: [t('errors.villageNotPaired')] }, values }, { status: 400 })
  }
  const base = `/${portal}/${orgId}/concerns`
  throw redirect(parsed.data.kind === 'case' ? `${base}/${createdId}` : `${base}?tab=${parsed.data.kind}&created=1`)
})

/** Opens a concern file, records an opinion or raises a case; only village roles may mark it private. */
export default function ConcernNew() {
  const { portal, villages, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('concerns')
  const navigation = useNavigation()
  // what was typed is not left behind by a stray link or Back (ADR 0017)
  const form = useRef<HTMLFormElement>(null)
  const leaving = useLeaveGuard(form, null)
  const errors = actionData?.errors ?? {}
  const values = actionData?.values ?? {}
  const [kind, setKind] = useState<ConcernKind>((values.kind as ConcernKind) || 'case')
  // without JavaScript every kind's fields show; the kind chosen decides which are read
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const hide = (k: ConcernKind) => (hydrated && kind !== k ? true : undefined)
  const described = (name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {})

  if (!villages.length) {
    return (
      <>
        <p>
          <Link to=".." relative="path">{t('form.back')}</Link>
        </p>
        <h2>{t('form.heading')}</h2>
        <p className="empty">{t('form.noVillages')}</p>
      </>
    )
  }
  const text = (name: string, label: string, rows = 0, maxLength = 100) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {rows ? (
        <textarea id={name} name={name} rows={rows} maxLength={maxLength} defaultValue={values[name] ?? ''} {...described(name)} />
      ) : (
        <input id={name} name={name} type="text" maxLength={maxLength} defaultValue={values[name] ?? ''} {...described(name)} />
      )}
      <FieldError id={`${name}-error`} errors={errors[name]} />
    </div>
  )
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('form.back')}</Link>
      </p>
      <h2>{t('form.heading')}</h2>
      <Form method="post" className="form" noValidate ref={form}>
        <fieldset className="field">
          <legend>{t('form.kind')}</legend>
          {CONCERN_KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`tabs.${k}`)}
            </label>
          ))}
          <p className="field__hint">{t('form.kindHint')}</p>
          <FieldError id="kind-error" errors={errors.kind} />
        </fieldset>
        <div className="field">
          <label htmlFor="villageId">{t('form.village')}</label>
          {/* a unit paired with several villages chooses one: a preselected one is easily filed against by mistake */}
          <select id="villageId" name="villageId" required defaultValue={values.villageId ?? (villages.length === 1 ? villages[0]!.id : '')} {...described('villageId')}>
            {villages.length === 1 ? null : <option value="">{t('form.choose')}</option>}
            <OrgOptions orgs={villages} />
          </select>
          <FieldError id="villageId-error" errors={errors.villageId} />
        </div>
        {/* a case is dated by its registration: the date is for files and opinions */}
        <div className="field" hidden={hydrated && kind === 'case' ? true : undefined}>
          <label htmlFor="on">{t('form.on')}</label>
          <input
            id="on"
            name="on"
            type="date"
            max={today}
            defaultValue={values.on ?? today}
            aria-invalid={errors.on ? true : undefined}
            aria-describedby={errors.on ? 'on-hint on-error' : 'on-hint'}
          />
          <p className="field__hint" id="on-hint">
            {t('form.onHint')}
          </p>
          <FieldError id="on-error" errors={errors.on} />
        </div>
        <div hidden={hide('file')} className="stack">
          {text('personName', t('form.personName'), 0, 50)}
          {text('summary', t('form.summary'), 4, 2000)}
        </div>
        <div hidden={hide('opinion')} className="stack">
          {text('content', t('form.content'), 4, 2000)}
        </div>
        <div hidden={hide('case')} className="stack">
          {text('title', t('form.title'), 0, 100)}
          {text('description', t('form.description'), 4, 2000)}
        </div>
        {portal === 'village' ? (
          <div className="field field--check">
            <input id="isPrivate" name="isPrivate" type="checkbox" defaultChecked={values.isPrivate === 'on'} />
            <label htmlFor="isPrivate">{t('form.isPrivate')}</label>
          </div>
        ) : null}
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('form.submit')}
        </button>
        <LeaveGuardDialog blocker={leaving} />
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
