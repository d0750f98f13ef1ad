import { useLocation } from '@remix-run/react'

/** Query parameters of a register's URL that are not filters: its page, and the notices after a save. */
const NOT_FILTERS = ['page', 'saved', 'duplicate', 'created']

/**
 * Download links of a register's filtered rows (`<register>/export.xlsx` and `.csv` beside the page), carrying
 * the page's filters and sort but not its page. Plain links without `download`: with it, Chrome turns a
 * refusal (a 403 page, the export queue's 429) into a "failed download" instead of showing it.
 */
export function ExportLinks({ xlsx, csv }: { xlsx: string; csv: string }) {
  const { pathname, search } = useLocation()
  const params = new URLSearchParams(search)
  for (const name of NOT_FILTERS) params.delete(name)
  const query = params.toString() ? `?${params.toString()}` : ''
  const base = pathname.replace(/\/+$/, '')
  return (
    <p className="actions">
      <a href={`${base}/export.xlsx${query}`} className="button">
        {xlsx}
      </a>{' '}
      <a href={`${base}/export.csv${query}`} className="button">
        {csv}
      </a>
    </p>
  )
}
