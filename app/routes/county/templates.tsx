import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDate, formatMonth } from '~/components/completeness/format'
import { periodOfDate, shanghaiDate } from '~/domain/monthly-reports/completeness'
import { todayInShanghai } from '~/domain/monthly-reports/completeness.server'
import { listTemplateVersions } from '~/domain/monthly-reports/templates.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['completeness', 'templates'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'report_templates', 'manage', orgId)
    const [versions, today] = await Promise.all([listTemplateVersions(tx, orgId), todayInShanghai(tx)])
    return { versions: versions.map((v) => ({ ...v, created_on: shanghaiDate(v.created_at) })), current: periodOfDate(today) }
  })
}

/** The county's report template versions, newest first, with the months each one covers. */
export default function TemplatesRoute() {
  const { versions, current } = useLoaderData<typeof loader>()
  const { t } = useTranslation('templates')
  const tc = useTranslation('completeness').t
  return (
    <>
      <div className="toolbar">
        <h2>{t('list.heading')}</h2>
        <Link to="new" className="button button--primary">
          {t('list.create')}
        </Link>
      </div>
      <p className="muted">{t('list.explain')}</p>
      {versions.length === 0 ? (
        <p className="empty">{t('list.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.version')}</th>
                <th scope="col">{t('columns.applies')}</th>
                <th scope="col">{t('columns.dueDay')}</th>
                <th scope="col" className="num">
                  {t('columns.sections')}
                </th>
                <th scope="col" className="num">
                  {t('columns.fields')}
                </th>
                <th scope="col" className="num">
                  {t('columns.reports')}
                </th>
                <th scope="col">{t('columns.created')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => {
                const inForce = v.valid_from <= current && (v.valid_until === null || v.valid_until >= current)
                return (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link to={v.id}>{t('version', { version: v.version })}</Link>
                      {inForce ? <span className="badge">{t('list.inForce')}</span> : null}
                      {v.valid_from > current ? <span className="badge">{t('list.upcoming')}</span> : null}
                    </th>
                    <td>
                      {v.valid_until
                        ? t('applies.between', { from: formatMonth(v.valid_from, tc), to: formatMonth(v.valid_until, tc) })
                        : t('applies.from', { from: formatMonth(v.valid_from, tc) })}
                    </td>
                    <td>{t('dueDay', { day: v.due_day })}</td>
                    <td className="num">{v.sections}</td>
                    <td className="num">{v.fields}</td>
                    <td className="num">{v.reports}</td>
                    <td>
                      {formatDate(v.created_on, tc)}
                      {v.created_by_name ? <span className="muted"> · {v.created_by_name}</span> : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
