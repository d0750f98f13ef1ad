import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { FieldErrors } from '~/components/forms'
import type { PairingView } from '~/domain/orgs/orgs.server'
import { Field, FormError } from './fields'
import { OrgOptions, useOrgName } from '~/components/org-options'

interface Option {
  id: string
  name: string
  name_en: string | null
}

interface Props {
  pairings: (PairingView & { note: string | null })[]
  canManage: boolean
  units: Option[]
  villages: Option[]
  actionData?: { intent: string; id?: string; errors: FieldErrors; values: Record<string, string> }
}

/**
 * The county's pairings (结对共建): active and past, and for those who manage pairings a form to
 * pair a unit with a village and a form per active pairing to end it. Plain POST forms.
 */
export function PairingManager({ pairings, canManage, units, villages, actionData }: Props) {
  const { t } = useTranslation('pairing')
  const name = useOrgName()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const createErrors = actionData?.intent === 'create-pairing' ? actionData.errors : {}
  const value = (key: string, fallback = '') => (actionData?.intent === 'create-pairing' ? actionData.values[key] : undefined) ?? fallback
  return (
    <section aria-labelledby="pairings-heading">
      <h2 id="pairings-heading">{t('pairings.heading')}</h2>
      {pairings.length === 0 ? (
        <p className="empty">{t('pairings.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.village')}</th>
                <th scope="col">{t('columns.town')}</th>
                <th scope="col">{t('columns.unit')}</th>
                <th scope="col">{t('columns.lead')}</th>
                <th scope="col">{t('columns.period')}</th>
                <th scope="col">{t('columns.status')}</th>
                {canManage ? <th scope="col">{t('columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {pairings.map((p) => {
                const errors = actionData?.intent === 'end-pairing' && actionData.id === p.id ? actionData.errors : {}
                return (
                  <tr key={p.id}>
                    <th scope="row">{name({ name: p.village_name, name_en: p.village_name_en })}</th>
                    <td>{name({ name: p.town_name, name_en: p.town_name_en })}</td>
                    <td>{name({ name: p.unit_name, name_en: p.unit_name_en })}</td>
                    <td>{p.is_lead ? t('pairings.lead') : t('pairings.support')}</td>
                    <td>{t('pairings.period', { from: p.starts_on, to: p.ends_on ?? t('pairings.open') })}</td>
                    <td>{p.active ? t('pairings.active') : t('pairings.inactive')}</td>
                    {canManage ? (
                      <td>
                        {p.active && p.ends_on == null ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="end-pairing" />
                            <input type="hidden" name="id" value={p.id} />
                            <Field name="endsOn" label={t('pairings.endsOn')} errors={errors} idPrefix={`end-${p.id}`}>
                              {(a) => <input {...a} type="date" required defaultValue={errors.endsOn ? actionData?.values.endsOn : undefined} />}
                            </Field>
                            <button type="submit" className="button button--danger" disabled={busy}>
                              {t('pairings.end')}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        <>
          <h3>{t('pairings.newHeading')}</h3>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="create-pairing" />
            <FormError errors={createErrors} />
            <Field name="unitId" label={t('form.unit')} errors={createErrors}>
              {(a) => (
                <select {...a} required defaultValue={value('unitId')}>
                  <option value="">{t('form.choose')}</option>
                  <OrgOptions orgs={units} />
                </select>
              )}
            </Field>
            <Field name="villageId" label={t('form.village')} errors={createErrors}>
              {(a) => (
                <select {...a} required defaultValue={value('villageId')}>
                  <option value="">{t('form.choose')}</option>
                  <OrgOptions orgs={villages} />
                </select>
              )}
            </Field>
            <Field name="startsOn" label={t('form.startsOn')} errors={createErrors}>
              {(a) => <input {...a} type="date" required defaultValue={value('startsOn')} />}
            </Field>
            <Field name="endsOn" label={t('form.endsOnOptional')} errors={createErrors}>
              {(a) => <input {...a} type="date" defaultValue={value('endsOn')} />}
            </Field>
            <Field name="isLead" label={t('form.isLead')} errors={createErrors}>
              {(a) => <input {...a} type="checkbox" defaultChecked={value('isLead') === 'on'} />}
            </Field>
            <Field name="note" label={t('form.note')} errors={createErrors}>
              {(a) => <input {...a} type="text" maxLength={500} defaultValue={value('note')} />}
            </Field>
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('pairings.create')}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  )
}
