import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldError, fieldErrorsFrom, type FieldErrors } from '~/components/forms'
import { newUserSchema, ROLE_ORG_KINDS, rolesForKind } from '~/domain/users/schemas'
import { grantMembership, listManageableOrgs } from '~/domain/users/users.server'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { adminPortalOf } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { provisionUser } from '~/lib/provisioning.server'
import { OrgOptions } from '~/components/org-options'
import { TemporaryPassword } from '~/components/temporary-password'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['users'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = adminPortalOf(new URL(request.url))
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'users', 'manage', orgId)
    const orgs = await listManageableOrgs(tx, orgId)
    return { orgs: orgs.map((o) => ({ ...o, roles: rolesForKind(o.kind) })) }
  })
}

type ActionData =
  | { ok: false; errors: FieldErrors; values: Record<string, string>; formError?: string }
  | { ok: true; userId: string; email: string; created: boolean; temporaryPassword?: string }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const portal = adminPortalOf(new URL(request.url))
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const t = await getFixedT(request)
  const tu = await getFixedT(request, 'users')
  const parsed = newUserSchema.safeParse(values)
  if (!parsed.success) {
    return data<ActionData>({ ok: false, errors: fieldErrorsFrom(parsed.error, t), values }, { status: 400 })
  }
  const input = parsed.data
  // Check everything the grant needs before creating anybody, so a refused grant leaves no stray account.
  const target = await withUser(claims, async (tx) => {
    await requireUserCan(tx, 'users', 'manage', orgId)
    return (await listManageableOrgs(tx, orgId)).find((o) => o.id === input.orgId)
  })
  if (!target) {
    return data<ActionData>({ ok: false, errors: { orgId: [tu('errors.orgNotManageable')] }, values }, { status: 400 })
  }
  if (!ROLE_ORG_KINDS[input.role].includes(target.kind)) {
    return data<ActionData>({ ok: false, errors: { role: [tu('errors.roleKind')] }, values }, { status: 400 })
  }
  const user = await provisionUser({ email: input.email, displayName: input.displayName, phone: input.phone ?? undefined })
  const granted = await withUser(claims, (tx) => grantMembership(tx, claims, { userId: user.userId, orgId: input.orgId, role: input.role }))
  if (!granted.ok) {
    const status = granted.error === 'forbidden' ? 403 : 400
    return data<ActionData>({ ok: false, errors: { role: [tu(`errors.${granted.error}`)] }, values }, { status })
  }
  return data<ActionData>({ ok: true, userId: user.userId, email: input.email, created: user.created, temporaryPassword: user.temporaryPassword })
})

/** Create (or find) a user by email and grant a role in one of the orgs this administrator manages. */
export default function NewUserRoute() {
  const { orgs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('users')
  const tc = useTranslation('common').t
  const navigation = useNavigation()
  if (actionData?.ok) {
    return (
      <section className="notice notice--ok" role="status">
        <h2>{actionData.created ? t('new.createdHeading') : t('new.grantedHeading')}</h2>
        <p>{actionData.email}</p>
        {actionData.temporaryPassword ? <TemporaryPassword password={actionData.temporaryPassword} /> : null}
        <p>
          <Link to={`../${actionData.userId}`} relative="path">{t('new.openUser')}</Link> · <Link to=".">{t('new.another')}</Link>
        </p>
      </section>
    )
  }
  const errors = actionData?.errors ?? {}
  const values = actionData?.values ?? {}
  const roles = [...new Set(orgs.flatMap((o) => o.roles))]
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('new.back')}</Link>
      </p>
      <h2>{t('new.heading')}</h2>
      <Form method="post" className="form" noValidate>
        {(
          [
            ['email', 'email', 'email'],
            ['displayName', 'text', 'name'],
            ['phone', 'tel', 'tel'],
          ] as const
        ).map(([name, type, autoComplete]) => (
          <div className="field" key={name}>
            <label htmlFor={name}>{t(`fields.${name}`)}</label>
            <input
              id={name}
              name={name}
              type={type}
              autoComplete={autoComplete}
              defaultValue={values[name] ?? ''}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${name}-error` : undefined}
            />
            <FieldError id={`${name}-error`} errors={errors[name]} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="orgId">{t('fields.org')}</label>
          <select id="orgId" name="orgId" defaultValue={values.orgId ?? ''} aria-invalid={errors.orgId ? true : undefined} aria-describedby={errors.orgId ? 'orgId-error' : undefined}>
            <option value="">{t('fields.choose')}</option>
            <OrgOptions orgs={orgs} />
          </select>
          <FieldError id="orgId-error" errors={errors.orgId} />
        </div>
        <div className="field">
          <label htmlFor="role">{t('fields.role')}</label>
          <select id="role" name="role" defaultValue={values.role ?? ''} aria-invalid={errors.role ? true : undefined} aria-describedby={errors.role ? 'role-error' : 'role-hint'}>
            <option value="">{t('fields.choose')}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tc(`roles.${r}`)}
              </option>
            ))}
          </select>
          <p id="role-hint" className="field__hint">
            {t('fields.roleHint')}
          </p>
          <FieldError id="role-error" errors={errors.role} />
        </div>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('new.submit')}
        </button>
      </Form>
    </>
  )
}
