import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { Field, FormError, PairedOrgField } from '~/components/pairing/fields'
import { KindOptions } from '~/components/pairing/register'
import { LeaveGuardDialog, useLeaveGuard } from '~/components/leave-guard'
import { todayInShanghai } from '~/domain/pairing/kinds'
import { activePairedUnits, activePairedVillages, isRlsRefusal, outsidePairingMessage, recordActivity } from '~/domain/pairing/records.server'
import { activitySchema, valuesOf, type FormValues } from '~/domain/pairing/schemas'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { recordingPortal } from '~/domain/pairing/register.server'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['pairing'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = recordingPortal(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'activities', 'create', orgId)
    return {
      portal,
      today: todayInShanghai(),
      villages: portal === 'unit' ? await activePairedVillages(tx, orgId) : [],
      units: portal === 'village' ? await activePairedUnits(tx, orgId) : [],
    }
  })
}

type ActionData = { errors: FieldErrors; values: FormValues }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const portal = recordingPortal(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const values = valuesOf(await readForm(request))
  // The portal org fills its own side: a village records for itself, a unit as itself.
  if (portal === 'village') values.villageId = orgId
  else values.unitId = orgId
  const t = await getFixedT(request, 'pairing')
  const parsed = activitySchema(todayInShanghai()).safeParse(values)
  if (!parsed.success) return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t), values }, { status: 400 })
  const input = parsed.data
  let outcome: { created: boolean } | { errors: FieldErrors }
  try {
    outcome = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'activities', 'create', orgId)
      if (portal === 'unit') {
        // A village the unit is not paired with today does not exist for it.
        const villages = await activePairedVillages(tx, orgId)
        if (!villages.some((v) => v.id === input.villageId)) throw new Response('Not found', { status: 404 })
      } else if (input.unitId) {
        const units = await activePairedUnits(tx, orgId)
        if (!units.some((u) => u.id === input.unitId)) return { errors: { unitId: [t('validation.notPaired')] } }
      }
      const saved = await recordActivity(tx, claims.sub, input)
      // a record naming a unit is dated within the unit's pairing with the village: the database's rule (record_within_pairing)
      if ('outsidePairing' in saved) return { errors: { occurredOn: [await outsidePairingMessage(tx, t, input.unitId!, input.villageId)] } }
      return saved
    })
  } catch (err) {
    if (isRlsRefusal(err)) throw new Response('Forbidden', { status: 403 })
    throw err
  }
  if ('errors' in outcome) return data<ActionData>({ errors: outcome.errors, values }, { status: 400 })
  throw redirect(`/${portal}/${orgId}/activities?${outcome.created ? 'saved' : 'duplicate'}=1`)
})

/** Records a five-helps / four-deliveries activity; phones first, works without JavaScript. */
export default function ActivityNew() {
  const { portal, today, villages, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('pairing')
  const navigation = useNavigation()
  // what was typed is not left behind by a stray link or Back (ADR 0017)
  const form = useRef<HTMLFormElement>(null)
  const leaving = useLeaveGuard(form, null)
  const errors = actionData?.errors ?? {}
  const value = (key: string, fallback = '') => actionData?.values[key] ?? fallback
  if (portal === 'unit' && villages.length === 0) {
    return (
      <>
        <h2>{t('activities.newHeading')}</h2>
        <p className="empty">{t('form.noPairedVillages')}</p>
      </>
    )
  }
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('links.backToActivities')}</Link>
      </p>
      <h2>{t('activities.newHeading')}</h2>
      <Form method="post" className="form" noValidate ref={form}>
        <FormError errors={errors} />
        <PairedOrgField portal={portal} villages={villages} units={units} errors={errors} value={value} />
        <Field name="kind" label={t('form.kind')} errors={errors}>
          {(a) => (
            <select {...a} required defaultValue={value('kind')}>
              <option value="">{t('form.choose')}</option>
              <KindOptions />
            </select>
          )}
        </Field>
        <Field name="occurredOn" label={t('form.occurredOn')} errors={errors}>
          {(a) => <input {...a} type="date" required max={today} defaultValue={value('occurredOn', today)} />}
        </Field>
        <Field name="title" label={t('form.title')} errors={errors}>
          {(a) => <input {...a} type="text" required maxLength={100} defaultValue={value('title')} />}
        </Field>
        <Field name="description" label={t('form.description')} errors={errors}>
          {(a) => <textarea {...a} rows={4} maxLength={2000} defaultValue={value('description')} />}
        </Field>
        <Field name="participants" label={t('form.participants')} errors={errors}>
          {(a) => <input {...a} type="text" inputMode="numeric" autoComplete="off" required defaultValue={value('participants', '0')} />}
        </Field>
        <Field name="funds" label={t('form.funds')} hint={t('form.fundsHint')} errors={errors}>
          {(a) => <input {...a} type="text" inputMode="decimal" autoComplete="off" defaultValue={value('funds')} />}
        </Field>
        <Field name="goods" label={t('form.goods')} errors={errors}>
          {(a) => <input {...a} type="text" maxLength={500} defaultValue={value('goods')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('form.save')}
        </button>
        <LeaveGuardDialog blocker={leaving} />
      </Form>
    </>
  )
}
