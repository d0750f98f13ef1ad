import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useRouteError, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ExportLinks } from '~/components/export-links'
import { CaseStateBadge } from '~/components/concerns/case-state-badge'
import { CONCERNS_PAGE_SIZE, listConcerns, unitsInScope } from '~/domain/concerns/concerns.server'
import { CONCERN_KINDS, concernFilterFrom } from '~/domain/concerns/schema'
import { CASE_STATES } from '~/lib/db-types'
import { withUser } from '~/lib/db.server'
import { requireGranted, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { portalFrom } from '~/components/concerns/portal'
import { OrgOptions } from '~/components/org-options'
import { EmptyRegister, Pager } from '~/components/pager'
import { pageFrom } from '~/lib/paging'
import type { TextsHandle } from '~/lib/i18n-resources'
import { formatNumber } from '~/lib/intl'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['concerns'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const portal = portalFrom(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const filter = concernFilterFrom(url)
  return withUser(claims, async (tx) => {
    const may = await userCanEach(tx, orgId, { read: ['concerns', 'read'], create: ['concerns', 'create'] })
    requireGranted(may.read)
    const page = pageFrom(url.searchParams)
    const [{ rows, total }, units] = await Promise.all([
      listConcerns(tx, portal, orgId, filter, page),
      portal === 'unit' ? Promise.resolve([]) : unitsInScope(tx, portal, orgId),
    ])
    const canCreate = (portal === 'village' || portal === 'unit') && may.create
    return { portal, filter, rows, total, pageSize: CONCERNS_PAGE_SIZE, units, canCreate }
  })
}

/** Concern files, opinions and cases of the portal's villages, one tab each, filtered by the URL. */
export default function Concerns() {
  const { portal, filter, rows, total, pageSize, units, canCreate } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('concerns')
  const [params] = useSearchParams()
  const en = i18n.language === 'en'
  const tabHref = (tab: string) => {
    const next = new URLSearchParams(params)
    next.set('tab', tab)
    next.delete('page')
    if (tab !== 'case') next.delete('state')
    return `?${next.toString()}`
  }
  const onColumn = filter.tab === 'file' ? 'openedOn' : filter.tab === 'opinion' ? 'raisedOn' : 'createdOn'
  const headColumn = filter.tab === 'file' ? 'personName' : filter.tab === 'opinion' ? 'content' : 'title'
  return (
    <>
      <h2>{t('heading')}</h2>
      <p className="muted">{t(portal === 'unit' ? 'introUnit' : 'intro')}</p>
      {params.get('created') ? (
        <p className="notice notice--ok" role="status">
          {t('created')}
        </p>
      ) : null}
      {canCreate ? (
        <p>
          <Link to="new" className="button button--primary">
            {t('new')}
          </Link>
        </p>
      ) : null}
      <nav aria-label={t('tabs.label')} className="tabs">
        {CONCERN_KINDS.map((kind) => (
          <Link key={kind} to={tabHref(kind)} aria-current={filter.tab === kind ? 'page' : undefined} className={filter.tab === kind ? 'tab tab--current' : 'tab'}>
            {t(`tabs.${kind}`)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="filters" role="search">
        <input type="hidden" name="tab" value={filter.tab} />
        {filter.tab === 'case' ? (
          <div className="field field--inline">
            <label htmlFor="state">{t('filters.state')}</label>
            <select id="state" name="state" defaultValue={filter.state ?? ''}>
              <option value="">{t('filters.allStates')}</option>
              {CASE_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {portal !== 'unit' ? (
          <>
            <div className="field field--inline">
              <label htmlFor="private">{t('filters.private')}</label>
              <select id="private" name="private" defaultValue={filter.private === undefined ? '' : filter.private ? 'yes' : 'no'}>
                <option value="">{t('filters.allPrivacy')}</option>
                <option value="yes">{t('filters.privateYes')}</option>
                <option value="no">{t('filters.privateNo')}</option>
              </select>
            </div>
            <div className="field field--inline">
              <label htmlFor="unit">{t('filters.unit')}</label>
              <select id="unit" name="unit" defaultValue={filter.unitId ?? ''}>
                <option value="">{t('filters.allUnits')}</option>
                <OrgOptions orgs={units} />
              </select>
            </div>
          </>
        ) : null}
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </Form>
      <ExportLinks xlsx={t('exportXlsx')} csv={t('exportCsv')} />
      <p className="muted" role="status">
        {t('filters.count', { count: total, formatted: formatNumber(total, i18n.language) })}
      </p>
      {rows.length === 0 ? (
        <EmptyRegister total={total}>{t(`empty.${filter.tab}`)}</EmptyRegister>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t(`columns.${headColumn}`)}</th>
                <th scope="col">{t('columns.village')}</th>
                <th scope="col">{t(`columns.${onColumn}`)}</th>
                {filter.tab === 'case' ? (
                  <>
                    <th scope="col">{t('columns.state')}</th>
                    <th scope="col">{t('columns.owner')}</th>
                    <th scope="col">{t('columns.dueOn')}</th>
                  </>
                ) : null}
                {filter.tab === 'file' ? <th scope="col">{t('columns.summary')}</th> : null}
                <th scope="col">{t('columns.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {filter.tab === 'case' ? <Link to={r.id}>{r.headline}</Link> : r.headline}
                    {r.is_private ? <span className="badge"> {t('privateBadge')}</span> : null}
                  </th>
                  <td>{en && r.village_name_en ? r.village_name_en : r.village_name}</td>
                  <td>{r.on}</td>
                  {filter.tab === 'case' ? (
                    <>
                      <td>{r.state ? <CaseStateBadge state={r.state} /> : null}</td>
                      <td>{r.owner_name ?? '—'}</td>
                      <td>{r.due_on ?? '—'}</td>
                    </>
                  ) : null}
                  {filter.tab === 'file' ? <td>{r.detail ?? '—'}</td> : null}
                  <td>{(en && r.unit_name_en) || r.unit_name || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager total={total} pageSize={pageSize} ns="concerns" />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
