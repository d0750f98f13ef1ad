import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useOrgName } from '~/components/org-options'
import { USERS_PAGE_SIZE } from '~/domain/users/schemas'
import { listUsers } from '~/domain/users/users.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan, userCan } from '~/lib/permissions.server'
import { adminPortalOf } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { pageFrom } from '~/lib/paging'
import type { TextsHandle } from '~/lib/i18n-resources'
import { formatNumber } from '~/lib/intl'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['users'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const portal = adminPortalOf(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const page = pageFrom(url.searchParams)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'users', 'read', orgId)
    return {
      ...(await listUsers(tx, orgId, { q: (url.searchParams.get('q') ?? '').slice(0, 50), noRole: url.searchParams.get('roles') === 'none', page })),
      canManage: await userCan(tx, 'users', 'manage', orgId),
    }
  })
}

/** Users of the county's or the town's subtree, with their roles (those whose roles there were all revoked too). */
export default function UsersRoute() {
  const { users, total, page, canManage } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('users')
  const tc = useTranslation('common').t
  const orgName = useOrgName()
  const [params] = useSearchParams()
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE))
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(n))
    return `?${next.toString()}`
  }
  return (
    <>
      <div className="toolbar">
        <h2>{t('list.heading')}</h2>
        {canManage ? (
          <Link to="new" className="button button--primary">
            {t('list.create')}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="filters" role="search">
        <div className="field field--inline">
          <label htmlFor="q">{t('list.search')}</label>
          <input id="q" name="q" type="search" defaultValue={params.get('q') ?? ''} />
        </div>
        <div className="field field--inline">
          <label htmlFor="roles">{t('list.rolesFilter')}</label>
          <select id="roles" name="roles" defaultValue={params.get('roles') === 'none' ? 'none' : ''}>
            <option value="">{t('list.rolesAll')}</option>
            <option value="none">{t('list.rolesNone')}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t('list.apply')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('list.count', { count: total, formatted: formatNumber(total, i18n.language) })}
      </p>
      {users.length === 0 ? (
        <p className="empty">{t('list.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.name')}</th>
                <th scope="col">{t('columns.email')}</th>
                <th scope="col">{t('columns.roles')}</th>
                <th scope="col">{t('columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.user_id}>
                  <th scope="row">
                    <Link to={u.user_id}>{u.display_name}</Link>
                  </th>
                  <td>{u.email}</td>
                  <td>
                    {u.memberships.length === 0 ? <span className="muted">{t('list.noRole')}</span> : null}
                    {u.memberships.map((m) => (
                      <div key={m.id}>
                        {orgName({ name: m.org_name, name_en: m.org_name_en })} · {tc(`roles.${m.role}`)}
                      </div>
                    ))}
                  </td>
                  <td>{u.is_active ? t('status.active') : <span className="warn">{t('status.inactive')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t('list.pages')}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t('list.prev')}</Link> : null}
          <span>{t('list.pageOf', { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t('list.next')}</Link> : null}
        </nav>
      ) : null}
    </>
  )
}
