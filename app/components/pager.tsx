import type { ReactNode } from 'react'
import { Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageFrom } from '~/lib/paging'

/**
 * Previous / next page links keeping the other query parameters (filters, sorting), so paging works
 * without JavaScript and the URL can be shared. Labels come from `<ns>:<prefix>.pages|previous|next|page`.
 * `param` names the page's query parameter, for a page with two paged lists.
 * Past the last page (an old link, a list that shrank since) it says so and links to the last page.
 */
export function Pager({ total, pageSize, ns, prefix = 'pager', param = 'page' }: { total: number; pageSize: number; ns: string; prefix?: string; param?: string }) {
  const { t } = useTranslation(ns)
  const { t: common } = useTranslation('common')
  const [params] = useSearchParams()
  const page = pageFrom(params, param)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const href = (p: number) => {
    const next = new URLSearchParams(params)
    next.set(param, String(p))
    return `?${next.toString()}`
  }
  if (page > pages && total > 0) {
    return (
      <p className="notice" role="status">
        {common('pager.pastEnd', { page, count: pages })} <Link to={href(pages)}>{common('pager.toLast', { last: pages })}</Link>
      </p>
    )
  }
  if (pages <= 1) return null
  return (
    <nav className="pager" aria-label={t(`${prefix}.pages`)}>
      {page > 1 ? <Link to={href(page - 1)}>{t(`${prefix}.previous`)}</Link> : null}
      <span>{t(`${prefix}.page`, { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t(`${prefix}.next`)}</Link> : null}
    </nav>
  )
}

/**
 * A paged register's "nothing here" text, shown only when nothing matches at all: when rows match but
 * the page asked for is past the last one, the Pager says so instead (and links back).
 */
export function EmptyRegister({ total, children }: { total: number; children: ReactNode }) {
  return total > 0 ? null : <p className="empty">{children}</p>
}
