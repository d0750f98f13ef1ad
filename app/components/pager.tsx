import { Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageFrom } from '~/lib/paging'

/**
 * Previous / next page links keeping the other query parameters (filters, sorting), so paging works
 * without JavaScript and the URL can be shared. Labels come from `<ns>:<prefix>.pages|previous|next|page`.
 * `param` names the page's query parameter, for a page with two paged lists.
 */
export function Pager({ total, pageSize, ns, prefix = 'pager', param = 'page' }: { total: number; pageSize: number; ns: string; prefix?: string; param?: string }) {
  const { t } = useTranslation(ns)
  const [params] = useSearchParams()
  const page = pageFrom(params, param)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  const href = (p: number) => {
    const next = new URLSearchParams(params)
    next.set(param, String(p))
    return `?${next.toString()}`
  }
  return (
    <nav className="pager" aria-label={t(`${prefix}.pages`)}>
      {/* past the end (an old link, a list that shrank): back to the last page there is */}
      {page > 1 ? <Link to={href(Math.min(page - 1, pages))}>{t(`${prefix}.previous`)}</Link> : null}
      <span>{t(`${prefix}.page`, { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t(`${prefix}.next`)}</Link> : null}
    </nav>
  )
}
