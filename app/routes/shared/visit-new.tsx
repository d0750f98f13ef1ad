import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { Field, FormError, PairedOrgField } from '~/components/pairing/fields'
import { todayInShanghai } from '~/domain/pairing/kinds'
import {
  activePairedUnits,
  activePairedVillages,
  cadreOptions,
  householdOptions,
  isRlsRefusal,
  recordVisit,
} from '~/domain/pairing/records.server'
import { valuesOf, visitSchema, type FormValues } from '~/domain/pairing/schemas'
import { withUser, type Tx } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan, userCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { recordingPortal } from '~/domain/pairing/register.server'

async function optionsFor(tx: Tx, portal: 'village' | 'unit', orgId: string) {
  const scope = { portal, orgId }
  return {
    villages: portal === 'unit' ? await activePairedVillages(tx, orgId) : [],
    units: portal === 'village' ? await activePairedUnits(tx, orgId) : [],
    cadres: await cadreOptions(tx, scope),
    // Units never read households (personal data); a village reads its own when its role may.
    households: portal === 'village' && (await userCan(tx, 'households', 'read', orgId)) ? await householdOptions(tx, orgId) : [],
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = recordingPortal(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'visits', 'create', orgId)
    return { portal, today: todayInShanghai(), ...(await optionsFor(tx, portal, orgId)) }
  })
}

type ActionData = { errors: FieldErrors; values: FormValues }

export async function action({ request, params }: ActionFunctionArgs) {
  const portal = recordingPortal(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const values = valuesOf(await request.formData())
  if (portal === 'village') values.villageId = orgId
  else {
    values.unitId = orgId
    // A unit cannot name a household: it never reads them.
    delete values.householdId
  }
  const t = await getFixedT(request, 'pairing')
  const parsed = visitSchema(todayInShanghai()).safeParse(values)
  if (!parsed.success) return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t), values }, { status: 400 })
  const input = parsed.data
  let outcome: { created: boolean } | { invalid: keyof FormValues }
  try {
    outcome = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'visits', 'create', orgId)
      const options = await optionsFor(tx, portal, orgId)
      if (portal === 'unit' && !options.villages.some((v) => v.id === input.villageId)) {
        throw new Response('Not found', { status: 404 })
      }
      if (input.unitId && portal === 'village' && !options.units.some((u) => u.id === input.unitId)) return { invalid: 'unitId' }
      if (input.cadreId && !options.cadres.some((c) => c.id === input.cadreId)) return { invalid: 'cadreId' }
      if (input.householdId && !options.households.some((h) => h.id === input.householdId)) return { invalid: 'householdId' }
      return recordVisit(tx, claims.sub, input)
    })
  } catch (err) {
    if (isRlsRefusal(err)) throw new Response('Forbidden', { status: 403 })
    throw err
  }
  if ('invalid' in outcome) {
    return data<ActionData>({ errors: { [outcome.invalid]: [t('validation.notOffered')] }, values }, { status: 400 })
  }
  throw redirect(`/${portal}/${orgId}/visits?${outcome.created ? 'saved' : 'duplicate'}=1`)
}

/** Keeps a visit diary entry (走访日记 / 村情笔记); phones first, works without JavaScript. */
export default function VisitNew() {
  const { portal, today, villages, units, cadres, households } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('pairing')
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const value = (key: string, fallback = '') => actionData?.values[key] ?? fallback
  if (portal === 'unit' && villages.length === 0) {
    return (
      <>
        <h2>{t('visits.newHeading')}</h2>
        <p className="empty">{t('form.noPairedVillages')}</p>
      </>
    )
  }
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('links.backToVisits')}</Link>
      </p>
      <h2>{t('visits.newHeading')}</h2>
      <Form method="post" className="form" noValidate>
        <FormError errors={errors} />
        <PairedOrgField portal={portal} villages={villages} units={units} errors={errors} value={value} />
        <Field name="cadreId" label={t('form.cadreOptional')} errors={errors}>
          {(a) => (
            <select {...a} defaultValue={value('cadreId')}>
              <option value="">{t('form.noCadre')}</option>
              {cadres.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {portal === 'village' && households.length ? (
          <Field name="householdId" label={t('form.householdOptional')} errors={errors}>
            {(a) => (
              <select {...a} defaultValue={value('householdId')}>
                <option value="">{t('form.noHousehold')}</option>
                {households.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field name="visitedOn" label={t('form.visitedOn')} errors={errors}>
          {(a) => <input {...a} type="date" required max={today} defaultValue={value('visitedOn', today)} />}
        </Field>
        <Field name="peopleMet" label={t('form.peopleMet')} errors={errors}>
          {(a) => <input {...a} type="number" inputMode="numeric" min={1} step={1} required defaultValue={value('peopleMet', '1')} />}
        </Field>
        <Field name="notes" label={t('form.notes')} errors={errors}>
          {(a) => <textarea {...a} rows={6} required maxLength={4000} defaultValue={value('notes')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('form.save')}
        </button>
      </Form>
    </>
  )
}
