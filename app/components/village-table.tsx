import { Form, Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { VillageRow } from '~/domain/orgs/orgs.server'
import { formatNumber } from '~/lib/intl'

const SORTABLE = ['code', 'name', 'households', 'population'] as const

/**
 * Villages of a town as a register: search and filter by a GET form (works without
 * JavaScript; the URL is shareable), sort by column header links.
 */
export function VillageTable({ villages, linkBase }: { villages: VillageRow[]; linkBase: string }) {
  const { t, i18n } = useTranslation('orgs')
  const [params] = useSearchParams()
  const en = i18n.language === 'en'
  const sort = params.get('sort') ?? 'code'
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc'
  const sortHref = (col: string) => {
    const next = new URLSearchParams(params)
    next.set('sort', col)
    next.set('dir', sort === col && dir === 'asc' ? 'desc' : 'asc')
    return `?${next.toString()}`
  }
  const header = (col: (typeof SORTABLE)[number], numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sort === col ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={sortHref(col)} preventScrollReset>
        {t(`columns.${col}`)}
        {sort === col ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </Link>
    </th>
  )
  return (
    <>
      <Form method="get" className="filters" role="search">
        <div className="field field--inline">
          <label htmlFor="q">{t('filters.search')}</label>
          <input id="q" name="q" type="search" defaultValue={params.get('q') ?? ''} />
        </div>
        <div className="field field--inline">
          <label htmlFor="kind">{t('filters.kind')}</label>
          <select id="kind" name="kind" defaultValue={params.get('kind') ?? ''}>
            <option value="">{t('filters.allKinds')}</option>
            <option value="village">{t('kinds.village')}</option>
            <option value="community">{t('kinds.community')}</option>
          </select>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('filters.count', { count: villages.length, formatted: formatNumber(villages.length, i18n.language) })}
      </p>
      {villages.length === 0 ? (
        <p className="empty">{t('town.noVillages')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                {header('name')}
                {header('code')}
                <th scope="col">{t('columns.kind')}</th>
                <th scope="col">{t('columns.secretary')}</th>
                {header('households', true)}
                {header('population', true)}
                <th scope="col">{t('columns.units')}</th>
              </tr>
            </thead>
            <tbody>
              {villages.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    <Link to={`${linkBase}/${v.id}`}>{en && v.name_en ? v.name_en : v.name}</Link>
                  </th>
                  <td>{v.code}</td>
                  <td>{t(`kinds.${v.kind}`)}</td>
                  <td>
                    {v.secretary_name ?? '—'}
                    {v.secretary_phone ? <span className="muted"> {v.secretary_phone}</span> : null}
                  </td>
                  <td className="num">{v.households === null ? '—' : formatNumber(v.households, i18n.language)}</td>
                  <td className="num">{v.population === null ? '—' : formatNumber(v.population, i18n.language)}</td>
                  <td>{v.units.length ? (en ? v.units_en.join(', ') : v.units.join('、')) : <span className="warn">{t('town.unpaired')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

/** Reads the register's filter from the URL, accepting only known values. */
export function villageFilterFrom(url: URL) {
  const p = url.searchParams
  const sort = p.get('sort')
  const kind = p.get('kind')
  return {
    q: (p.get('q') ?? '').slice(0, 50),
    kind: kind === 'village' || kind === 'community' ? (kind as 'village' | 'community') : undefined,
    sort: (SORTABLE as readonly string[]).includes(sort ?? '') ? (sort as (typeof SORTABLE)[number]) : undefined,
    dir: p.get('dir') === 'desc' ? ('desc' as const) : ('asc' as const),
  }
}
