import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { Field, FormError, PairedOrgField } from '~/components/pairing/fields'
import { LeaveGuardDialog, useLeaveGuard } from '~/components/leave-guard'
import { MAX_HOUSEHOLD_OPTIONS } from '~/domain/pairing/filters'
import { todayInShanghai } from '~/domain/pairing/kinds'
import {
  activePairedUnits,
  activePairedVillages,
  cadreOptions,
  householdOptions,
  isActiveHouseholdOf,
  isRlsRefusal,
  outsidePairingMessage,
  recordVisit,
} from '~/domain/pairing/records.server'
import { householdSearchSchema, valuesOf, visitSchema, type FormValues } from '~/domain/pairing/schemas'
import { withUser, type Claims, type Tx } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { formatNumber } from '~/lib/intl'
import { requireUserCan, userCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { recordingPortal } from '~/domain/pairing/register.server'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['pairing'] } satisfies TextsHandle

async function optionsFor(tx: Tx, portal: 'village' | 'unit', orgId: string) {
  const scope = { portal, orgId }
  // Units never read households (personal data); a village reads its own when its role may.
  const readsHouseholds = portal === 'village' && (await userCan(tx, 'households', 'read', orgId))
  const households = readsHouseholds ? await householdOptions(tx, orgId) : { rows: [], truncated: false }
  return {
    villages: portal === 'unit' ? await activePairedVillages(tx, orgId) : [],
    units: portal === 'village' ? await activePairedUnits(tx, orgId) : [],
    cadres: await cadreOptions(tx, scope),
    readsHouseholds,
    households: households.rows,
    householdsTruncated: households.truncated,
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

type Found = { query: string; rows: { id: string; name: string | null }[]; truncated: boolean }
type ActionData = { errors: FieldErrors; values: FormValues; found?: Found }

/** The village's households whose head name contains `query` (the visit form's "查找"). */
function searchHouseholds(claims: Claims, orgId: string, query: string): Promise<Found> {
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'visits', 'create', orgId)
    if (!(await userCan(tx, 'households', 'read', orgId))) throw new Response('Forbidden', { status: 403 })
    return { query, ...(await householdOptions(tx, orgId, query)) }
  })
}

/**
 * A refused save in a village that had searched its households lists the same matches again, so that
 * the household chosen from them stays chosen.
 */
async function refusedSave(claims: Claims, portal: 'village' | 'unit', orgId: string, errors: FieldErrors, values: FormValues) {
  const search = householdSearchSchema.safeParse(values)
  const found = portal === 'village' && search.success && search.data.householdQuery ? await searchHouseholds(claims, orgId, search.data.householdQuery) : undefined
  return data<ActionData>({ errors, values, ...(found ? { found } : {}) }, { status: 400 })
}

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const portal = recordingPortal(request)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const values = valuesOf(await readForm(request))
  if (values.intent === 'find-household') {
    // "查找": nothing is written; the form comes back with everything typed and the matching households
    if (portal !== 'village') throw new Response('Not found', { status: 404 })
    const search = householdSearchSchema.safeParse(values)
    if (!search.success) return data<ActionData>({ errors: fieldErrorsFrom(search.error, await getFixedT(request, 'pairing')), values }, { status: 400 })
    return data<ActionData>({ errors: {}, values, found: await searchHouseholds(claims, orgId, search.data.householdQuery) })
  }
  if (portal === 'village') values.villageId = orgId
  else {
    values.unitId = orgId
    // A unit cannot name a household: it never reads them.
    delete values.householdId
  }
  const t = await getFixedT(request, 'pairing')
  const parsed = visitSchema(todayInShanghai()).safeParse(values)
  if (!parsed.success) return refusedSave(claims, portal, orgId, fieldErrorsFrom(parsed.error, t), values)
  const input = parsed.data
  let outcome: { created: boolean } | { errors: FieldErrors }
  try {
    outcome = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'visits', 'create', orgId)
      const options = await optionsFor(tx, portal, orgId)
      const notOffered = (field: string) => ({ errors: { [field]: [t('validation.notOffered')] } })
      if (portal === 'unit' && !options.villages.some((v) => v.id === input.villageId)) {
        throw new Response('Not found', { status: 404 })
      }
      if (input.unitId && portal === 'village' && !options.units.some((u) => u.id === input.unitId)) return notOffered('unitId')
      if (input.cadreId && !options.cadres.some((c) => c.id === input.cadreId)) return notOffered('cadreId')
      // checked itself, not against the offered list: that list stops at MAX_HOUSEHOLD_OPTIONS
      if (input.householdId && !(options.readsHouseholds && (await isActiveHouseholdOf(tx, orgId, input.householdId)))) return notOffered('householdId')
      const saved = await recordVisit(tx, claims.sub, input)
      // a diary naming a unit is dated within the unit's pairing with the village: the database's rule (record_within_pairing)
      if ('outsidePairing' in saved) return { errors: { visitedOn: [await outsidePairingMessage(tx, t, input.unitId!, input.villageId)] } }
      return saved
    })
  } catch (err) {
    if (isRlsRefusal(err)) throw new Response('Forbidden', { status: 403 })
    throw err
  }
  if ('errors' in outcome) return refusedSave(claims, portal, orgId, outcome.errors, values)
  throw redirect(`/${portal}/${orgId}/visits?${outcome.created ? 'saved' : 'duplicate'}=1`)
})

/** Keeps a visit diary entry (走访日记 / 村情笔记); phones first, works without JavaScript. */
export default function VisitNew() {
  const loaded = useLoaderData<typeof loader>()
  const { portal, today, villages, units, cadres } = loaded
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('pairing')
  const navigation = useNavigation()
  // what was typed is not left behind by a stray link or Back (ADR 0017)
  const form = useRef<HTMLFormElement>(null)
  const leaving = useLeaveGuard(form, null)
  const errors = actionData?.errors ?? {}
  const value = (key: string, fallback = '') => actionData?.values[key] ?? fallback
  // after a search, its matches; otherwise the first households by name
  const found = actionData?.found
  const households = found?.rows ?? loaded.households
  const searchable = loaded.householdsTruncated || found !== undefined
  const householdHint = found
    ? t(found.rows.length === 0 ? 'form.householdsNoneFound' : found.truncated ? 'form.householdsFoundTruncated' : 'form.householdsFound', {
        query: found.query,
        count: found.rows.length,
        formatted: formatNumber(found.rows.length, i18n.language),
      })
    : loaded.householdsTruncated
      ? t('form.householdsTruncated', { formatted: formatNumber(MAX_HOUSEHOLD_OPTIONS, i18n.language) })
      : undefined
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
      <Form method="post" className="form" noValidate ref={form}>
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
        {portal === 'village' && (households.length || searchable) ? (
          <>
            {searchable ? (
              // first in the form, so that Enter in a field finds (and keeps what was typed) rather than saves
              <div className="field">
                <label htmlFor="f-householdQuery">{t('form.householdQuery')}</label>
                <div className="field__row">
                  <input id="f-householdQuery" name="householdQuery" type="search" maxLength={50} defaultValue={found?.query ?? ''} aria-describedby={errors.householdQuery ? 'f-householdQuery-error' : undefined} />
                  <button type="submit" name="intent" value="find-household" className="button" formNoValidate>
                    {t('form.findHousehold')}
                  </button>
                </div>
                <FieldError id="f-householdQuery-error" errors={errors.householdQuery} />
              </div>
            ) : null}
            <Field name="householdId" label={t('form.householdOptional')} errors={errors} hint={householdHint}>
              {(a) => (
                // keyed by the search: a new list starts from the one match, or from what was chosen
                <select {...a} key={found?.query ?? ''} defaultValue={found?.rows.length === 1 ? found.rows[0]!.id : value('householdId')}>
                  <option value="">{t('form.noHousehold')}</option>
                  {households.map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : null}
        <Field name="visitedOn" label={t('form.visitedOn')} errors={errors}>
          {(a) => <input {...a} type="date" required max={today} defaultValue={value('visitedOn', today)} />}
        </Field>
        <Field name="peopleMet" label={t('form.peopleMet')} errors={errors}>
          {(a) => <input {...a} type="text" inputMode="numeric" autoComplete="off" required defaultValue={value('peopleMet', '1')} />}
        </Field>
        <Field name="notes" label={t('form.notes')} errors={errors}>
          {(a) => <textarea {...a} rows={6} required maxLength={4000} defaultValue={value('notes')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('form.save')}
        </button>
        <LeaveGuardDialog blocker={leaving} />
      </Form>
    </>
  )
}
