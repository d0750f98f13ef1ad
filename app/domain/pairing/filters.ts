import { ACTIVITY_KINDS, type ActivityKind } from '~/lib/db-types'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/

export interface RegisterFilter {
  villageId?: string
  unitId?: string
  kind?: ActivityKind
  from?: string
  to?: string
  sort: 'date' | 'village'
  dir: 'asc' | 'desc'
  page: number
}

/** Reads a register's filter from the URL, keeping only well-formed values (the URL is user input). */
export function registerFilterFrom(url: URL): RegisterFilter {
  const p = url.searchParams
  const uuid = (k: string) => {
    const v = p.get(k)
    return v && UUID.test(v) ? v : undefined
  }
  const date = (k: string) => {
    const v = p.get(k)
    return v && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined
  }
  const kind = p.get('kind')
  const page = Number.parseInt(p.get('page') ?? '1', 10)
  return {
    villageId: uuid('village'),
    unitId: uuid('unit'),
    kind: (ACTIVITY_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ActivityKind) : undefined,
    from: date('from'),
    to: date('to'),
    sort: p.get('sort') === 'village' ? 'village' : 'date',
    dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
    page: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
  }
}
