import { ACTIVITY_KINDS, type ActivityKind } from '~/lib/db-types'
import { pageFrom } from '~/lib/paging'

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
  return {
    villageId: uuid('village'),
    unitId: uuid('unit'),
    kind: (ACTIVITY_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ActivityKind) : undefined,
    from: date('from'),
    to: date('to'),
    sort: p.get('sort') === 'village' ? 'village' : 'date',
    dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
    page: pageFrom(p),
  }
}

/** Cadres on one page of the roster. */
export const CADRE_PAGE_SIZE = 50

/** Postings per page of the cadres register (a county's history of postings, or a unit's). */
export const POSTING_PAGE_SIZE = 50

/** At most this many of a village's households are offered in the visit form; the form says when there are more and finds the others by name. */
export const MAX_HOUSEHOLD_OPTIONS = 2000

export interface CadreQuery {
  /** Part of the name, title, phone or unit name (case-insensitive); empty for all. */
  search: string
  page: number
}

/** Reads the roster's search and page from the URL, keeping only usable values (the URL is user input). */
export function cadreQueryFrom(url: URL): CadreQuery {
  const search = (url.searchParams.get('q') ?? '').replace(/\p{C}/gu, '').trim().slice(0, 50)
  return { search, page: pageFrom(url.searchParams) }
}
