import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AUDIT_PAGE_SIZE, AUDITED_TABLES, tableKey } from '~/domain/audit/audit'
import { changedFieldsText } from '~/domain/audit/fields'
import { listAudit } from '~/domain/audit/audit.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { formatNumber, formatShanghaiDateTime } from '~/lib/intl'
import { pageFrom } from '~/lib/paging'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['audit'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const url = new URL(request.url)
  const page = pageFrom(url.searchParams)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'audit', 'read', orgId)
    return listAudit(tx, orgId, { table: url.searchParams.get('table') ?? undefined, page })
  })
}

/** Who changed what, when: the append-only audit log of the county. */
export default function AuditRoute() {
  const { entries, total, page } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('audit')
  const [params] = useSearchParams()
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(n))
    return `?${next.toString()}`
  }
  return (
    <>
      <h2>{t('heading')}</h2>
      <Form method="get" className="filters">
        <div className="field field--inline">
          <label htmlFor="table">{t('filters.table')}</label>
          <select id="table" name="table" defaultValue={params.get('table') ?? ''}>
            <option value="">{t('filters.all')}</option>
            {AUDITED_TABLES.map((name) => (
              <option key={name} value={name}>
                {t(`tables.${tableKey(name)}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('count', { count: total, formatted: formatNumber(total, i18n.language) })}
      </p>
      {entries.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.who')}</th>
                <th scope="col">{t('columns.what')}</th>
                <th scope="col">{t('columns.org')}</th>
                <th scope="col">{t('columns.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatShanghaiDateTime(e.occurred_at, i18n.language)}</td>
                  <td>{e.actor_name ?? e.actor_email ?? t('system')}</td>
                  <td>
                    {t(`ops.${e.op}`)} · {t(`tables.${tableKey(e.table_name)}`)}
                  </td>
                  <td>{(i18n.language === 'en' && e.org_name_en) || e.org_name || '—'}</td>
                  <td>{e.changed.length ? changedFieldsText(i18n, e.table_name, e.changed) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t('pages')}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t('prev')}</Link> : null}
          <span>{t('pageOf', { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t('next')}</Link> : null}
        </nav>
      ) : null}
    </>
  )
}
