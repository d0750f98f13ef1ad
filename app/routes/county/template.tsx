import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import completenessCss from '~/components/completeness/completeness.css?url'
import { formatDate, formatMonth } from '~/components/completeness/format'
import { shanghaiDate, shanghaiTime } from '~/domain/monthly-reports/completeness'
import { TemplatePreview } from '~/components/completeness/template-preview'
import { getTemplateVersion } from '~/domain/monthly-reports/templates.server'
import { withUser } from '~/lib/db.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requireUuidParam } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['completeness', 'templates'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: completenessCss }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const templateId = requireUuidParam(params.templateId)
  return withUser(claims, async (tx) => {
    await requireUserCan(tx, 'report_templates', 'manage', orgId)
    const template = await getTemplateVersion(tx, orgId, templateId)
    if (!template) throw new Response('Not found', { status: 404 })
    return { template, created: { on: shanghaiDate(template.created_at), at: shanghaiTime(template.created_at) } }
  })
}

/** One template version as the village's form shows it: sections, fields, units, rules. Read-only. */
export default function TemplateRoute() {
  const { template, created } = useLoaderData<typeof loader>()
  const { t } = useTranslation('templates')
  const tc = useTranslation('completeness').t
  return (
    <>
      <p>
        <Link to=".." relative="path">{t('view.back')}</Link>
      </p>
      <div className="toolbar">
        <h2>{t('version', { version: template.version })}</h2>
        <Link to={`../new?from=${template.id}`} relative="path" className="button">
          {t('view.basedOn')}
        </Link>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('columns.applies')}</dt>
          <dd>
            {template.valid_until
              ? t('applies.between', { from: formatMonth(template.valid_from, tc), to: formatMonth(template.valid_until, tc) })
              : t('applies.from', { from: formatMonth(template.valid_from, tc) })}
          </dd>
        </div>
        <div>
          <dt>{t('columns.dueDay')}</dt>
          <dd>{t('dueDay', { day: template.due_day })}</dd>
        </div>
        <div>
          <dt>{t('columns.reports')}</dt>
          <dd>{template.reports}</dd>
        </div>
        <div>
          <dt>{t('columns.created')}</dt>
          <dd>
            {formatDate(created.on, tc)} {created.at}
            {template.created_by_name ? ` · ${template.created_by_name}` : ''}
          </dd>
        </div>
      </dl>
      <h3>{t('view.form')}</h3>
      {template.definition ? <TemplatePreview definition={template.definition} /> : <p className="empty">{t('view.unreadable')}</p>}
    </>
  )
}
