import { ACTIVITY_KINDS, type ActivityKind } from '~/lib/db-types'
import { dateTimeFormat } from '~/lib/intl'

export { ACTIVITY_KINDS, type ActivityKind }

/** The five helps (五帮), in the article's order. */
export const FIVE_HELPS = ACTIVITY_KINDS.filter((k) => k.startsWith('help_'))
/** The four deliveries (四送), in the article's order. */
export const FOUR_DELIVERIES = ACTIVITY_KINDS.filter((k) => k.startsWith('deliver_'))

export function isActivityKind(value: unknown): value is ActivityKind {
  return typeof value === 'string' && (ACTIVITY_KINDS as readonly string[]).includes(value)
}

/** The metrics public.pairing_figures returns, grouped as the figures page shows them. */
export const FIGURE_GROUPS = {
  pairing: ['paired_villages', 'lead_units', 'support_units', 'village_cadres', 'first_secretaries', 'cadres_paired', 'households_paired'],
  work: ['activities', 'activity_funds', 'visit_diaries', 'people_visited', 'concern_files', 'opinions', 'cases', 'cases_handled', 'cases_open'],
  kinds: ACTIVITY_KINDS.map((k) => `activities_${k}`),
} as const

/** Money metrics are yuan with exact decimals; every other metric is a count. */
export function isMoneyMetric(metric: string) {
  return metric === 'activity_funds'
}

/** The portal a shared route serves, from the first segment of its URL. */
export function portalOfUrl(url: URL): 'county' | 'town' | 'village' | 'unit' {
  const first = url.pathname.split('/')[1]
  if (first === 'county' || first === 'town' || first === 'village' || first === 'unit') return first
  throw new Response('Not found', { status: 404 })
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD, the calendar every record date uses. */
export function todayInShanghai(now: Date = new Date()): string {
  return dateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now)
}

/** The day before a YYYY-MM-DD date (pure calendar arithmetic, no time zone involved). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Formats an exact decimal string (numeric from Postgres) as yuan with two decimals and
 * thousands separators, without ever going through a float.
 */
export function formatYuan(value: string | null | undefined): string {
  if (value == null || value === '') return '—'
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim())
  if (!m) return value
  const [, sign, whole, frac = ''] = m
  const cents = (frac + '00').slice(0, 2)
  const grouped = whole!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${grouped}.${cents}`
}
