import { Form, Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrgOptions } from '~/components/org-options'
import { Pager as SharedPager } from '~/components/pager'
import { ACTIVITY_KINDS } from '~/lib/db-types'

interface Option {
  id: string
  name: string
  name_en: string | null
}

/**
 * The register's filters as a GET form: the URL carries them (shareable, works without
 * JavaScript). Villages and kinds are offered only when they mean something in the portal.
 */
export function RegisterFilters({ villages, showKind }: { villages: Option[]; showKind: boolean }) {
  const { t } = useTranslation('pairing')
  const [params] = useSearchParams()
  return (
    <Form method="get" className="filters" role="search">
      {villages.length > 1 ? (
        <div className="field field--inline">
          <label htmlFor="f-village">{t('filters.village')}</label>
          <select id="f-village" name="village" defaultValue={params.get('village') ?? ''}>
            <option value="">{t('filters.allVillages')}</option>
            <OrgOptions orgs={villages} />
          </select>
        </div>
      ) : null}
      {showKind ? (
        <div className="field field--inline">
          <label htmlFor="f-kind">{t('filters.kind')}</label>
          <select id="f-kind" name="kind" defaultValue={params.get('kind') ?? ''}>
            <option value="">{t('filters.allKinds')}</option>
            <KindOptions />
          </select>
        </div>
      ) : null}
      <div className="field field--inline">
        <label htmlFor="f-from">{t('filters.from')}</label>
        <input id="f-from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
      </div>
      <div className="field field--inline">
        <label htmlFor="f-to">{t('filters.to')}</label>
        <input id="f-to" name="to" type="date" defaultValue={params.get('to') ?? ''} />
      </div>
      {params.get('unit') ? <input type="hidden" name="unit" value={params.get('unit') ?? ''} /> : null}
      <input type="hidden" name="sort" value={params.get('sort') ?? 'date'} />
      <input type="hidden" name="dir" value={params.get('dir') ?? 'desc'} />
      <button type="submit" className="button">
        {t('filters.apply')}
      </button>
    </Form>
  )
}

/** The nine kinds as options, grouped five helps then four deliveries. */
export function KindOptions() {
  const { t } = useTranslation('pairing')
  return (
    <>
      <optgroup label={t('kindGroups.fiveHelps')}>
        {ACTIVITY_KINDS.slice(0, 5).map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('kindGroups.fourDeliveries')}>
        {ACTIVITY_KINDS.slice(5).map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </optgroup>
    </>
  )
}

/** A sortable column header: a link that flips the direction, announced with aria-sort. */
export function SortHeader({ column, label }: { column: 'date' | 'village'; label: string }) {
  const [params] = useSearchParams()
  const sort = params.get('sort') === 'village' ? 'village' : 'date'
  const dir = params.get('dir') === 'asc' ? 'asc' : 'desc'
  const next = new URLSearchParams(params)
  next.set('sort', column)
  next.set('dir', sort === column && dir === 'desc' ? 'asc' : 'desc')
  next.delete('page')
  return (
    <th scope="col" aria-sort={sort === column ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={`?${next.toString()}`} preventScrollReset>
        {label}
        {sort === column ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </Link>
    </th>
  )
}

/** Previous / next page links keeping the filters. */
export function Pager({ total, pageSize, param }: { total: number; pageSize: number; param?: string }) {
  return <SharedPager total={total} pageSize={pageSize} ns="pairing" prefix="register" param={param} />
}

/** A one-line notice after a redirect (?saved=1 or ?duplicate=1). */
export function SavedNotice() {
  const { t } = useTranslation('pairing')
  const [params] = useSearchParams()
  if (params.get('duplicate')) return <p className="notice" role="status">{t('notices.duplicate')}</p>
  if (params.get('saved')) return <p className="notice notice--ok" role="status">{t('notices.saved')}</p>
  return null
}
