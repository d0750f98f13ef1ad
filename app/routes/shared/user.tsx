import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FieldError, fieldErrorsFrom, FormError, type FieldErrors } from '~/components/forms'
import { ROLE_ORG_KINDS, rolesForKind, userActionSchema } from '~/domain/users/schemas'
import {
  getUserInScope,
  grantMembership,
  listManageableOrgs,
  mayChangeUserActivity,
  revokeMembership,
} from '~/domain/users/users.server'
import { withUser, type Claims } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireGranted, requireUserCan, userCanEach } from '~/lib/permissions.server'
import { adminPortalOf, requireUuidParam } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { resetPassword, setUserActive } from '~/lib/provisioning.server'
import { newResetToken } from '~/lib/temporary-password.server'
import { formatShanghaiDateTime } from '~/lib/intl'
import { OrgOptions, useOrgName } from '~/components/org-options'
import { TemporaryPassword } from '~/components/temporary-password'
import { readForm } from '~/lib/posted-form.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['users'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = adminPortalOf(new URL(request.url))
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const userId = requireUuidParam(params.userId)
  return withUser(claims, async (tx) => {
    const can = await userCanEach(tx, orgId, { read: ['users', 'read'], manage: ['users', 'manage'] })
    requireGranted(can.read)
    const user = await getUserInScope(tx, orgId, userId)
    if (!user) throw new Response('Not found', { status: 404 })
    const canManage = can.manage
    const orgs = canManage ? await listManageableOrgs(tx, orgId) : []
    // who may (de)activate the account may also reset its password (ADR 0018)
    const canChangeActivity = canManage && userId !== claims.sub && (await mayChangeUserActivity(tx, userId))
    return {
      ...user,
      canManage,
      canChangeActivity,
      // a new one for each showing of the confirmation: the same confirmation posted twice gives one password
      resetToken: canChangeActivity ? newResetToken() : null,
      isSelf: userId === claims.sub,
      orgs: orgs.map((o) => ({ ...o, roles: rolesForKind(o.kind) })),
    }
  })
}

type ActionData = { errors: FieldErrors; values?: Record<string, string>; reset?: { temporaryPassword: string } }

export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const url = new URL(request.url)
  const portal = adminPortalOf(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const userId = requireUuidParam(params.userId)
  const form = await readForm(request)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const t = await getFixedT(request)
  const tu = await getFixedT(request, 'users')
  const parsed = userActionSchema.safeParse(values)
  if (!parsed.success) {
    const errors = fieldErrorsFrom(parsed.error, t)
    // the reset's token is a hidden field: its error is the form's, where the page shows one
    if (errors.resetToken) errors.form = [...(errors.form ?? []), ...errors.resetToken]
    return data<ActionData>({ errors, values }, { status: 400 })
  }
  const input = parsed.data

  if (input.intent === 'grant') {
    const result = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'users', 'manage', orgId)
      if (!(await getUserInScope(tx, orgId, userId))) throw new Response('Not found', { status: 404 })
      const target = (await listManageableOrgs(tx, orgId)).find((o) => o.id === input.orgId)
      if (!target) return { ok: false as const, field: 'orgId', message: tu('errors.orgNotManageable') }
      if (!ROLE_ORG_KINDS[input.role].includes(target.kind)) return { ok: false as const, field: 'role', message: tu('errors.roleKind') }
      const granted = await grantMembership(tx, claims, { userId, orgId: input.orgId, role: input.role })
      return granted.ok ? { ok: true as const } : { ok: false as const, field: 'role', message: tu(`errors.${granted.error}`) }
    })
    if (!result.ok) return data<ActionData>({ errors: { [result.field]: [result.message] }, values }, { status: 400 })
  } else if (input.intent === 'revoke') {
    const revoked = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'users', 'manage', orgId)
      return revokeMembership(tx, claims, input.membershipId)
    })
    // A second click on an already revoked role changes nothing and is not an error.
    if (!revoked) {
      const stillThere = await withUser(claims, async (tx) =>
        tx.selectFrom('memberships').select('id').where('id', '=', input.membershipId).where('revoked_at', 'is', null).executeTakeFirst(),
      )
      if (stillThere) throw new Response('Forbidden', { status: 403 })
    }
  } else if (input.intent === 'resetPassword') {
    // one's own password is changed on 修改密码, where the current one is checked
    if (userId === claims.sub) return data<ActionData>({ errors: { form: [tu('errors.resetSelf')] } }, { status: 403 })
    // who may reset is who may deactivate
    if (!(await mayChangeActivity(claims, orgId, userId))) return data<ActionData>({ errors: { form: [tu('errors.resetOutsideScope')] } }, { status: 403 })
    // shown once, in the answer: not a redirect (nothing keeps it for a page to show after one)
    const temporaryPassword = await resetPassword(userId, { actorId: claims.sub, token: input.resetToken })
    return data<ActionData>({ errors: {}, reset: { temporaryPassword } }, { headers: { 'Cache-Control': 'no-store' } })
  } else {
    if (userId === claims.sub) return data<ActionData>({ errors: { form: [tu('errors.self')] } }, { status: 400 })
    if (!(await mayChangeActivity(claims, orgId, userId))) return data<ActionData>({ errors: { form: [tu('errors.activityOutsideScope')] } }, { status: 403 })
    await setUserActive(userId, input.intent === 'activate', claims.sub)
  }
  throw redirect(url.pathname)
})

/**
 * Whether the administrator may (de)activate the user, or reset the user's password: Postgres decides
 * (public.may_change_user_activity). A user outside the portal's org is not found.
 */
function mayChangeActivity(claims: Claims, orgId: string, userId: string): Promise<boolean> {
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'users', 'manage', orgId)
    if (!(await getUserInScope(tx, orgId, userId))) throw new Response('Not found', { status: 404 })
    return mayChangeUserActivity(tx, userId)
  })
}

/** A user's profile and roles; administrators grant and revoke roles, (de)activate the account and reset its password. */
export default function UserRoute() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const resetting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'resetPassword'
  const { t, i18n } = useTranslation('users')
  const tc = useTranslation('common').t
  const orgName = useOrgName()
  const errors = actionData?.errors ?? {}
  const fmt = (v: string | Date | null) => (v ? formatShanghaiDateTime(v, i18n.language) : '')
  const roles = [...new Set(d.orgs.flatMap((o) => o.roles))]
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('detail.back')}</Link>
      </p>
      <h2>{d.profile.display_name}</h2>
      {actionData?.reset ? (
        <section className="notice notice--ok" role="status">
          <h3>{t('detail.resetDone')}</h3>
          <TemporaryPassword password={actionData.reset.temporaryPassword} />
        </section>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('columns.email')}</dt>
          <dd>{d.profile.email}</dd>
        </div>
        <div>
          <dt>{t('fields.phone')}</dt>
          <dd>{d.profile.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('columns.status')}</dt>
          <dd>{d.profile.is_active ? t('status.active') : t('status.inactive')}</dd>
        </div>
        {d.profile.temporary_password_set_at ? (
          <div>
            <dt>{t('detail.password')}</dt>
            <dd>{t('detail.temporaryPasswordSince', { time: fmt(d.profile.temporary_password_set_at as unknown as Date) })}</dd>
          </div>
        ) : d.profile.password_changed_at ? (
          <div>
            <dt>{t('detail.password')}</dt>
            <dd>{t('detail.passwordChangedOn', { time: fmt(d.profile.password_changed_at as unknown as Date) })}</dd>
          </div>
        ) : null}
      </dl>
      <FormError errors={errors} />
      <h3>{t('detail.rolesHeading')}</h3>
      {d.memberships.every((m) => m.revoked_at) ? <p className="muted">{t('detail.noRole')}</p> : null}
      <div className="table-wrap" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('fields.org')}</th>
              <th scope="col">{t('fields.role')}</th>
              {/* the action after the role it ends, not last: in sight on a phone without scrolling the table sideways */}
              {d.canManage ? <th scope="col">{t('detail.actions')}</th> : null}
              <th scope="col">{t('detail.granted')}</th>
              <th scope="col">{t('detail.revoked')}</th>
            </tr>
          </thead>
          <tbody>
            {d.memberships.map((m) => (
              <tr key={m.id}>
                <th scope="row">{orgName({ name: m.org_name, name_en: m.org_name_en })}</th>
                <td>{tc(`roles.${m.role}`)}</td>
                {d.canManage ? (
                  <td>
                    {!m.revoked_at ? (
                      <details className="confirm">
                        <summary className="button button--danger">{t('detail.revoke')}</summary>
                        <Form method="post" className="confirm__body">
                          <input type="hidden" name="membershipId" value={m.id} />
                          <p>{t('detail.revokeHint', { name: d.profile.display_name, role: tc(`roles.${m.role}`), org: orgName({ name: m.org_name, name_en: m.org_name_en }) })}</p>
                          <button type="submit" name="intent" value="revoke" className="button button--danger">
                            {t('detail.revokeConfirm')}
                          </button>
                        </Form>
                      </details>
                    ) : null}
                  </td>
                ) : null}
                <td>
                  {fmt(m.created_at as unknown as Date)} {m.granted_by ? <span className="muted">· {m.granted_by}</span> : null}
                </td>
                <td>{m.revoked_at ? `${fmt(m.revoked_at as unknown as Date)} ${m.revoked_by_name ? `· ${m.revoked_by_name}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.canManage ? (
        <>
          <h3>{t('detail.grantHeading')}</h3>
          <Form method="post" className="form form--row" noValidate>
            <div className="field">
              <label htmlFor="orgId">{t('fields.org')}</label>
              <select id="orgId" name="orgId" defaultValue={actionData?.values?.orgId ?? ''} aria-invalid={errors.orgId ? true : undefined} aria-describedby={errors.orgId ? 'orgId-error' : undefined}>
                <option value="">{t('fields.choose')}</option>
                <OrgOptions orgs={d.orgs} />
              </select>
              <FieldError id="orgId-error" errors={errors.orgId} />
            </div>
            <div className="field">
              <label htmlFor="role">{t('fields.role')}</label>
              <select id="role" name="role" defaultValue={actionData?.values?.role ?? ''} aria-invalid={errors.role ? true : undefined} aria-describedby={errors.role ? 'role-error' : undefined}>
                <option value="">{t('fields.choose')}</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {tc(`roles.${r}`)}
                  </option>
                ))}
              </select>
              <FieldError id="role-error" errors={errors.role} />
            </div>
            <button type="submit" name="intent" value="grant" className="button button--primary">
              {t('detail.grant')}
            </button>
          </Form>
        </>
      ) : null}
      {d.canChangeActivity ? (
        <div className="danger-zone">
          {/* a new token after each reset closes the confirmation again (key) */}
          <details className="confirm" key={d.resetToken}>
            <summary className="button">{t('detail.resetPassword')}</summary>
            <Form method="post" className="confirm__body">
              <input type="hidden" name="resetToken" value={d.resetToken ?? ''} />
              <p>{t('detail.resetPasswordHint')}</p>
              <button type="submit" name="intent" value="resetPassword" className="button button--danger" disabled={resetting}>
                {t('detail.resetPasswordConfirm')}
              </button>
            </Form>
          </details>
          {d.profile.is_active ? (
            <details className="confirm">
              <summary className="button button--danger">{t('detail.deactivate')}</summary>
              <Form method="post" className="confirm__body">
                <p>{t('detail.deactivateHint')}</p>
                <button type="submit" name="intent" value="deactivate" className="button button--danger">
                  {t('detail.deactivateConfirm')}
                </button>
              </Form>
            </details>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="activate" className="button">
                {t('detail.activate')}
              </button>
            </Form>
          )}
        </div>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
