import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { FieldErrors } from '~/components/forms'
import { EmptyRegister } from '~/components/pager'
import type { CadreRow } from '~/domain/pairing/cadres.server'
import type { PostingRow } from '~/domain/pairing/figures.server'
import { Field, FormError, useSavedKey } from './fields'
import { OrgOptions, useOrgName } from '~/components/org-options'

type ActionData = { intent: string; id?: string; errors: FieldErrors; values: Record<string, string> }

interface Option {
  id: string
  name: string
  name_en: string | null
}

/**
 * Postings (驻村干部 / 第一书记) with their periods; county admins end an open one with a date, one that has
 * not started included (on its start date at the earliest).
 */
export function PostingTable({ postings, total, canManage, actionData }: { postings: PostingRow[]; total: number; canManage: boolean; actionData?: ActionData }) {
  const { t } = useTranslation('pairing')
  const name = useOrgName()
  const busy = useNavigation().state === 'submitting'
  if (postings.length === 0) return <EmptyRegister total={total}>{t('cadres.noPostings')}</EmptyRegister>
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.post')}</th>
            <th scope="col">{t('columns.village')}</th>
            <th scope="col">{t('columns.unit')}</th>
            <th scope="col">{t('columns.period')}</th>
            {canManage ? <th scope="col">{t('columns.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {postings.map((p) => {
            const errors = actionData?.intent === 'end-posting' && actionData.id === p.id ? actionData.errors : {}
            return (
              <tr key={p.id}>
                <th scope="row">{p.cadre_name}</th>
                <td>{t(`posts.${p.post}`)}</td>
                <td>{name({ name: p.village_name, name_en: p.village_name_en })}</td>
                <td>{p.unit_name == null ? t('cadres.countyOrgans') : name({ name: p.unit_name, name_en: p.unit_name_en })}</td>
                <td>{p.ends_on == null && !p.active ? t('cadres.periodUpcoming', { from: p.starts_on }) : t('cadres.period', { from: p.starts_on, to: p.ends_on ?? t('cadres.open') })}</td>
                {canManage ? (
                  <td>
                    {p.ends_on == null ? (
                      <Form method="post" className="inline-form" noValidate>
                        <input type="hidden" name="intent" value="end-posting" />
                        <input type="hidden" name="id" value={p.id} />
                        <Field name="endsOn" label={t('cadres.endsOn')} errors={errors} idPrefix={`end-${p.id}`}>
                          {(a) => <input {...a} type="date" required min={p.starts_on} defaultValue={errors.endsOn ? actionData?.values.endsOn : undefined} />}
                        </Field>
                        <button type="submit" className="button button--danger" disabled={busy}>
                          {t('cadres.endPosting')}
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
  )
}

/**
 * County admin: add a cadre, post a cadre to a village (plain POST forms told apart by intent). The
 * cadres offered for a posting are those on the roster's current page (a county has thousands: the
 * roster's search finds one); `chosen` is the cadre whose "post" link was followed.
 */
export function CadreForms({
  cadres,
  chosen,
  units,
  villages,
  latestStart,
  actionData,
}: {
  cadres: CadreRow[]
  chosen: string
  units: Option[]
  villages: Option[]
  /** The latest start date a posting may be given (the date picker's max). */
  latestStart: string
  actionData?: ActionData
}) {
  const { t } = useTranslation('pairing')
  const name = useOrgName()
  const busy = useNavigation().state === 'submitting'
  const of = (intent: string) => (actionData?.intent === intent ? actionData : undefined)
  const addErrors = of('add-cadre')?.errors ?? {}
  const postErrors = of('post-cadre')?.errors ?? {}
  const v = (intent: string, key: string) => of(intent)?.values[key] ?? ''
  const addKey = useSavedKey('add-cadre')
  const postKey = useSavedKey('post-cadre')
  return (
    <>
      <h3>{t('cadres.addHeading')}</h3>
      <Form method="post" className="form" noValidate key={`add-${addKey}`}>
        <input type="hidden" name="intent" value="add-cadre" />
        <FormError errors={addErrors} />
        <Field name="name" label={t('form.name')} errors={addErrors} idPrefix="add">
          {(a) => <input {...a} type="text" required maxLength={50} autoComplete="off" defaultValue={v('add-cadre', 'name')} />}
        </Field>
        <Field name="unitId" label={t('form.cadreUnit')} errors={addErrors} idPrefix="add">
          {(a) => (
            <select {...a} defaultValue={v('add-cadre', 'unitId')}>
              <option value="">{t('form.countyOrgans')}</option>
              <OrgOptions orgs={units} />
            </select>
          )}
        </Field>
        <Field name="title" label={t('form.cadreTitle')} errors={addErrors} idPrefix="add">
          {(a) => <input {...a} type="text" maxLength={50} defaultValue={v('add-cadre', 'title')} />}
        </Field>
        <Field name="phone" label={t('form.phone')} errors={addErrors} idPrefix="add">
          {(a) => <input {...a} type="tel" autoComplete="off" defaultValue={v('add-cadre', 'phone')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('cadres.add')}
        </button>
      </Form>
      <h3 id="post-cadre">{t('cadres.postHeading')}</h3>
      <p className="muted">{t('cadres.postHint')}</p>
      <Form method="post" className="form" noValidate key={`post-${postKey}`}>
        <input type="hidden" name="intent" value="post-cadre" />
        <FormError errors={postErrors} />
        <Field name="cadreId" label={t('form.cadre')} errors={postErrors} idPrefix="post">
          {(a) => (
            <select {...a} required defaultValue={v('post-cadre', 'cadreId') || chosen} key={chosen}>
              <option value="">{t('form.choose')}</option>
              {cadres.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.unit_name ? ` · ${name({ name: c.unit_name, name_en: c.unit_name_en })}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="villageId" label={t('form.village')} errors={postErrors} idPrefix="post">
          {(a) => (
            <select {...a} required defaultValue={v('post-cadre', 'villageId')}>
              <option value="">{t('form.choose')}</option>
              <OrgOptions orgs={villages} />
            </select>
          )}
        </Field>
        <Field name="post" label={t('form.post')} errors={postErrors} idPrefix="post">
          {(a) => (
            <select {...a} required defaultValue={v('post-cadre', 'post')}>
              <option value="">{t('form.choose')}</option>
              <option value="village_cadre">{t('posts.village_cadre')}</option>
              <option value="first_secretary">{t('posts.first_secretary')}</option>
            </select>
          )}
        </Field>
        <Field name="startsOn" label={t('form.startsOn')} errors={postErrors} idPrefix="post">
          {(a) => <input {...a} type="date" required max={latestStart} defaultValue={v('post-cadre', 'startsOn')} />}
        </Field>
        <Field name="endsOn" label={t('form.endsOnOptional')} errors={postErrors} idPrefix="post">
          {(a) => <input {...a} type="date" defaultValue={v('post-cadre', 'endsOn')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('cadres.post')}
        </button>
      </Form>
    </>
  )
}
