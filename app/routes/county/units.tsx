import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { PairingManager } from '~/components/pairing/pairing-manager'
import { SavedNotice } from '~/components/pairing/register'
import { isDescendant, listUnitsOfCounty } from '~/domain/orgs/orgs.server'
import { correctPairingStart, createPairing, endPairing, listPairingsOfCounty, unitOptions } from '~/domain/pairing/pairings.server'
import { villagesOfScope } from '~/domain/pairing/records.server'
import { correctStartSchema, endSchema, latestPlannedStart, pairingSchema, valuesOf, type FormValues } from '~/domain/pairing/schemas'
import { todayInShanghai } from '~/domain/pairing/kinds'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan, userCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs', 'pairing'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  return withUser(claims, async (tx) => {
    const canManage = await userCan(tx, 'pairings', 'manage', orgId)
    return {
      units: await listUnitsOfCounty(tx, orgId),
      pairings: await listPairingsOfCounty(tx, orgId),
      canManage,
      latestStart: latestPlannedStart(todayInShanghai()),
      unitOptions: canManage ? await unitOptions(tx) : [],
      villageOptions: canManage ? await villagesOfScope(tx, { portal: 'county', orgId }) : [],
    }
  })
}

type ActionData = { intent: string; id?: string; errors: FieldErrors; values: FormValues }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const values = valuesOf(await readForm(request))
  const t = await getFixedT(request, 'pairing')
  const fail = (errors: FieldErrors) => data<ActionData>({ intent: values.intent ?? '', id: values.id, errors, values }, { status: 400 })

  const today = todayInShanghai()
  if (values.intent === 'create-pairing') {
    const parsed = pairingSchema(today).safeParse(values)
    if (!parsed.success) return fail(fieldErrorsFrom(parsed.error, t))
    const result = await withUser(claims, async (tx): Promise<{ field: string; key: string } | { created: boolean }> => {
      await requireUserCan(tx, 'pairings', 'manage', orgId)
      if (!(await isDescendant(tx, orgId, parsed.data.villageId))) return { field: 'villageId', key: 'validation.notOffered' }
      // an id of no unit, or a descendant that is no village (a town, a unit): refused here, not by the database (500)
      if (!(await unitOptions(tx)).some((u) => u.id === parsed.data.unitId)) return { field: 'unitId', key: 'validation.notOffered' }
      if (!(await villagesOfScope(tx, { portal: 'county', orgId })).some((v) => v.id === parsed.data.villageId)) return { field: 'villageId', key: 'validation.notOffered' }
      const created = await createPairing(tx, claims.sub, parsed.data)
      if ('error' in created) return { field: created.error === 'leadTaken' ? 'isLead' : 'form', key: `pairings.errors.${created.error}` }
      return { created: created.created }
    })
    if ('field' in result) return fail({ [result.field]: [t(result.key)] })
    throw redirect(`/county/${orgId}/units?${result.created ? 'saved' : 'duplicate'}=1`)
  }

  if (values.intent === 'end-pairing') {
    const parsed = endSchema.safeParse(values)
    if (!parsed.success) return fail(fieldErrorsFrom(parsed.error, t))
    const result = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'pairings', 'manage', orgId)
      return endPairing(tx, parsed.data)
    })
    if ('error' in result) {
      if (result.error === 'notFound') throw new Response('Not found', { status: 404 })
      // recordsAfterEnd: the unit's latest record there, the earliest day the pairing may end
      return fail({ endsOn: [t(`pairings.errors.${result.error}`, { latest: 'latest' in result ? (result.latest ?? '—') : undefined })] })
    }
    throw redirect(`/county/${orgId}/units?saved=1`)
  }

  if (values.intent === 'correct-pairing-start') {
    const parsed = correctStartSchema(today).safeParse(values)
    if (!parsed.success) return fail(fieldErrorsFrom(parsed.error, t))
    const result = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'pairings', 'manage', orgId)
      return correctPairingStart(tx, parsed.data)
    })
    if ('error' in result) {
      if (result.error === 'notFound') throw new Response('Not found', { status: 404 })
      return fail({ startsOn: [t(`pairings.errors.${result.error}`)] })
    }
    throw redirect(`/county/${orgId}/units?saved=1`)
  }

  throw new Response('Bad request', { status: 400 })
})

/** Support units paired with the county's villages, provincial first; county admins manage the pairings. */
export default function CountyUnits() {
  const { units, pairings, canManage, latestStart, unitOptions, villageOptions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('orgs')
  const en = i18n.language === 'en'
  return (
    <>
      <h2>{t('county.unitsHeading')}</h2>
      <SavedNotice />
      {units.length === 0 ? (
        <p className="empty">{t('county.noUnits')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.unit')}</th>
                <th scope="col">{t('columns.unitLevel')}</th>
                <th scope="col">{t('columns.unitType')}</th>
                <th scope="col" className="num">{t('columns.activePairings')}</th>
                <th scope="col" className="num">{t('columns.leadPairings')}</th>
                <th scope="col" className="num">{t('columns.endedPairings')}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{(en && u.name_en) || u.name || t('pairings.hiddenUnit')}</th>
                  <td>{u.unit_level ? t(`unitLevels.${u.unit_level}`) : '—'}</td>
                  <td>{u.unit_type ? t(`unitTypes.${u.unit_type}`) : '—'}</td>
                  <td className="num">{u.active_pairings}</td>
                  <td className="num">{u.lead_pairings}</td>
                  <td className="num">{u.ended_pairings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PairingManager pairings={pairings} canManage={canManage} latestStart={latestStart} units={unitOptions} villages={villageOptions} actionData={actionData} />
    </>
  )
}
