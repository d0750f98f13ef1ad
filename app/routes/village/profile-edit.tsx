import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { villageProfileSchema } from '~/domain/orgs/village-profile'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'orgs', 'update', orgId)
    const village = await tx
      .selectFrom('orgs')
      .select(['secretary_name', 'secretary_phone', 'households', 'population'])
      .where('id', '=', orgId)
      .executeTakeFirst()
    if (!village) throw new Response('Not found', { status: 404 })
    return { village }
  })
}

type ActionData = { errors: FieldErrors; values: Record<string, string> }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const parsed = villageProfileSchema.safeParse(values)
  if (!parsed.success) {
    const t = await getFixedT(request)
    return data<ActionData>({ errors: fieldErrorsFrom(parsed.error, t), values }, { status: 400 })
  }
  const updated = await withUser(claims, async (tx) => {
    await requireUserCan(tx, 'orgs', 'update', orgId)
    const result = await tx
      .updateTable('orgs')
      .set({
        secretary_name: parsed.data.secretaryName,
        secretary_phone: parsed.data.secretaryPhone,
        households: parsed.data.households,
        population: parsed.data.population,
      })
      .where('id', '=', orgId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  })
  if (updated !== 1) throw new Response('Forbidden', { status: 403 })
  throw redirect(`/village/${orgId}?saved=profile`)
})

/** The secretary keeps the village profile current. */
export default function VillageProfileEdit() {
  const { village } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('orgs')
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const value = (name: string, fallback: string | number | null) => actionData?.values[name] ?? (fallback == null ? '' : String(fallback))
  const fields = [
    { name: 'secretaryName', label: t('columns.secretary'), type: 'text', current: village.secretary_name, autoComplete: 'name' },
    { name: 'secretaryPhone', label: t('columns.phone'), type: 'tel', current: village.secretary_phone, autoComplete: 'tel' },
    // text, not number: a number input drops the full-width digits a Chinese input method types; the schema reads them
    { name: 'households', label: t('columns.households'), type: 'text', numeric: true, current: village.households },
    { name: 'population', label: t('columns.population'), type: 'text', numeric: true, current: village.population },
  ]
  return (
    <>
      <p>
        <Link to="..">{t('village.backToProfile')}</Link>
      </p>
      <h2>{t('village.editHeading')}</h2>
      <Form method="post" className="form" noValidate>
        {fields.map((f) => (
          <div className="field" key={f.name}>
            <label htmlFor={f.name}>{f.label}</label>
            <input
              id={f.name}
              name={f.name}
              type={f.type}
              inputMode={f.numeric ? 'numeric' : undefined}
              autoComplete={f.numeric ? 'off' : f.autoComplete}
              defaultValue={value(f.name, f.current)}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? `${f.name}-error` : undefined}
            />
            <FieldError id={`${f.name}-error`} errors={errors[f.name]} />
          </div>
        ))}
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('village.save')}
        </button>
      </Form>
    </>
  )
}
