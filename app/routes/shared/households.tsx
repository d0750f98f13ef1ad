import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useRouteError, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { portalFrom } from '~/components/concerns/portal'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { countHouseholds, householdFilterFrom, HOUSEHOLDS_PAGE_SIZE, listHouseholds, villagesUnder, type HouseholdFilter, type HouseholdRow } from '~/domain/households/households.server'
import { POVERTY_STATUSES } from '~/domain/households/import'
import { withUser } from '~/lib/db.server'
import { requireGranted, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { OrgOptions } from '~/components/org-options'
import { EmptyRegister, Pager } from '~/components/pager'
import { pageFrom } from '~/lib/paging'
import type { TextsHandle } from '~/lib/i18n-resources'
import { formatNumber } from '~/lib/intl'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['households'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  // personal data: the page exists for villages and towns only (units get 404, RLS refuses them too)
  const portal = portalFrom(url, ['village', 'town'])
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const filter = householdFilterFrom(url)
  return withUser(claims, async (tx): Promise<PageData> => {
    const may = await userCanEach(tx, orgId, { read: ['households', 'read'], manage: ['households', 'manage'] })
    requireGranted(may.read)
    const page = pageFrom(url.searchParams)
    const { rows } = await listHouseholds(tx, orgId, filter, HOUSEHOLDS_PAGE_SIZE, (page - 1) * HOUSEHOLDS_PAGE_SIZE)
    const total = await countHouseholds(tx, orgId, filter)
    const villages = portal === 'town' ? await villagesUnder(tx, orgId) : []
    const canManage = portal === 'village' && may.manage
    return { portal, orgId, filter, rows, total, pageSize: HOUSEHOLDS_PAGE_SIZE, villages, canManage }
  })
}

interface PageData {
  portal: 'village' | 'town' | 'county' | 'unit'
  orgId: string
  filter: HouseholdFilter
  rows: HouseholdRow[]
  /** Every household the filter matches; the page shows HOUSEHOLDS_PAGE_SIZE of them. */
  total: number
  pageSize: number
  villages: { id: string; name: string; name_en: string | null }[]
  canManage: boolean
}

/** The household register of a village or a town, with filters in the URL and an XLSX export of the filtered rows (households-export.tsx). */
export default function Households() {
  const { portal, orgId, filter, rows, total, pageSize, villages, canManage } = useLoaderData<typeof loader>() as PageData
  const { t, i18n } = useTranslation('households')
  const [params] = useSearchParams()
  const en = i18n.language === 'en'
  // the export takes the register's filters, not its page
  const exportParams = new URLSearchParams(params)
  exportParams.delete('page')
  const exportQuery = exportParams.toString() ? `?${exportParams.toString()}` : ''
  return (
    <>
      <h2>{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>
      <p className="actions">
        <a href={`/${portal}/${orgId}/households/export.xlsx${exportQuery}`} className="button">
          {t('exportXlsx')}
        </a>
        {canManage ? (
          <>
            {' '}
            <Link to="import" className="button">
              {t('importHouseholds')}
            </Link>{' '}
            <Link to="pairs-import" className="button">
              {t('importPairs')}
            </Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="filters" role="search">
        <div className="field field--inline">
          <label htmlFor="q">{t('filters.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="field field--inline">
          <label htmlFor="status">{t('filters.status')}</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">{t('filters.allStatuses')}</option>
            {POVERTY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`poverty.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {portal === 'town' ? (
          <div className="field field--inline">
            <label htmlFor="village">{t('filters.village')}</label>
            <select id="village" name="village" defaultValue={filter.villageId ?? ''}>
              <option value="">{t('filters.allVillages')}</option>
              <OrgOptions orgs={villages} />
            </select>
          </div>
        ) : null}
        <div className="field field--inline">
          <label htmlFor="active">{t('filters.active')}</label>
          <select id="active" name="active" defaultValue={filter.active}>
            <option value="yes">{t('filters.activeYes')}</option>
            <option value="no">{t('filters.activeNo')}</option>
            <option value="all">{t('filters.activeAll')}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('filters.count', { count: total, formatted: formatNumber(total, i18n.language) })}
      </p>
      {rows.length === 0 ? (
        <EmptyRegister total={total}>{t('empty')}</EmptyRegister>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.headName')}</th>
                {portal === 'town' ? <th scope="col">{t('columns.village')}</th> : null}
                <th scope="col">{t('columns.phone')}</th>
                <th scope="col" className="num">
                  {t('columns.members')}
                </th>
                <th scope="col">{t('columns.povertyStatus')}</th>
                <th scope="col">{t('columns.cadres')}</th>
                <th scope="col">{t('columns.situation')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.head_name}</th>
                  {portal === 'town' ? <td>{en && r.village_name_en ? r.village_name_en : r.village_name}</td> : null}
                  <td>{r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : '—'}</td>
                  <td className="num">{r.members}</td>
                  <td>{t(`poverty.${r.poverty_status}`)}</td>
                  <td>{r.cadres.length ? r.cadres.join('、') : '—'}</td>
                  <td>{r.situation ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager total={total} pageSize={pageSize} ns="households" />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
