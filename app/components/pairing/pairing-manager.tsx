import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { FieldErrors } from '~/components/forms'
import type { CountyPairing } from '~/domain/pairing/pairings.server'
import { Field, FormError, useSavedKey } from './fields'
import { OrgOptions, useOrgName } from '~/components/org-options'

interface Option {
  id: string
  name: string
  name_en: string | null
}

interface Props {
  pairings: CountyPairing[]
  canManage: boolean
  /** The latest start date a pairing may be given (the date pickers' max). */
  latestStart: string
  units: Option[]
  villages: Option[]
  actionData?: { intent: string; id?: string; errors: FieldErrors; values: Record<string, string> }
}

/**
 * The county's pairings (结对共建): active, not started and past, and for those who manage pairings a form
 * to pair a unit with a village, a form per open-ended pairing to end it (one that has not started: on its
 * start date at the earliest), and a form per pairing not started to put its start right. Plain POST forms.
 */
export function PairingManager({ pairings, canManage, latestStart, units, villages, actionData }: Props) {
  const { t } = useTranslation('pairing')
  const name = useOrgName()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const createErrors = actionData?.intent === 'create-pairing' ? actionData.errors : {}
  const value = (key: string, fallback = '') => (actionData?.intent === 'create-pairing' ? actionData.values[key] : undefined) ?? fallback
  const createKey = useSavedKey('create-pairing')
  const status = (p: CountyPairing) => (p.active ? 'active' : p.upcoming ? 'upcoming' : 'ended')
  return (
    <section aria-labelledby="pairings-heading">
      <h2 id="pairings-heading">{t('pairings.heading')}</h2>
      {pairings.length === 0 ? (
        <p className="empty">{t('pairings.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
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
                const startErrors = actionData?.intent === 'correct-pairing-start' && actionData.id === p.id ? actionData.errors : {}
                return (
                  <tr key={p.id}>
                    <th scope="row">{name({ name: p.village_name, name_en: p.village_name_en })}</th>
                    <td>{name({ name: p.town_name, name_en: p.town_name_en })}</td>
                    <td>{name({ name: p.unit_name, name_en: p.unit_name_en })}</td>
                    <td>{p.is_lead ? t('pairings.lead') : t('pairings.support')}</td>
                    <td>{p.upcoming && p.ends_on == null ? t('pairings.periodUpcoming', { from: p.starts_on }) : t('pairings.period', { from: p.starts_on, to: p.ends_on ?? t('pairings.open') })}</td>
                    <td>{t(`pairings.${status(p)}`)}</td>
                    {canManage ? (
                      <td>
                        {p.upcoming ? (
                          <Form method="post" className="inline-form" noValidate key={`start-${p.starts_on}`}>
                            <input type="hidden" name="intent" value="correct-pairing-start" />
                            <input type="hidden" name="id" value={p.id} />
                            <Field name="startsOn" label={t('pairings.correctStartsOn')} errors={startErrors} idPrefix={`start-${p.id}`}>
                              {(a) => <input {...a} type="date" required max={latestStart} defaultValue={startErrors.startsOn ? actionData?.values.startsOn : p.starts_on} />}
                            </Field>
                            <button type="submit" className="button" disabled={busy}>
                              {t('pairings.correctStart')}
                            </button>
                          </Form>
                        ) : null}
                        {p.ends_on == null ? (
                          <Form method="post" className="inline-form" noValidate>
                            <input type="hidden" name="intent" value="end-pairing" />
                            <input type="hidden" name="id" value={p.id} />
                            <Field name="endsOn" label={t('pairings.endsOn')} errors={errors} idPrefix={`end-${p.id}`}>
                              {(a) => <input {...a} type="date" required min={p.starts_on} defaultValue={errors.endsOn ? actionData?.values.endsOn : undefined} />}
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
          <Form method="post" className="form" noValidate key={`create-${createKey}`}>
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
              {(a) => <input {...a} type="date" required max={latestStart} defaultValue={value('startsOn')} />}
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
