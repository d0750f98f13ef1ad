import type { TFunction } from 'i18next'

/**
 * Months and days in words, from the locale files rather than Intl, so that the server and the
 * browser render exactly the same text (no hydration drift between ICU versions).
 */

function ymd(date: string) {
  const [y, m, d] = date.split('-').map(Number)
  return { year: y ?? 0, month: m ?? 1, day: d ?? 1 }
}

/** '2026-10-01' → 2026年10月 / October 2026 (needs the completeness namespace's t). */
export function formatMonth(period: string, t: TFunction): string {
  const { year, month } = ymd(period)
  return t('format.month', { year, month, name: t(`format.monthNames.${month - 1}`) })
}

/** '2026-10-01' → 2026年10月 / Oct 2026, for column headers. */
export function formatMonthShort(period: string, t: TFunction): string {
  const { year, month } = ymd(period)
  return t('format.monthShort', { year, month, name: t(`format.monthShortNames.${month - 1}`) })
}

/** A range of months in words: one month, or 2026年8月 至 2026年11月 / August 2026 to November 2026. */
export function formatRange(range: { from: string; to: string }, t: TFunction): string {
  return range.from === range.to ? formatMonth(range.from, t) : t('range.between', { from: formatMonth(range.from, t), to: formatMonth(range.to, t) })
}

/** '2026-11-05' → 11月5日 / 5 Nov. */
export function formatDay(date: string, t: TFunction): string {
  const { month, day } = ymd(date)
  return t('format.day', { month, day, name: t(`format.monthShortNames.${month - 1}`) })
}

/** '2026-11-05' → 2026年11月5日 / 5 Nov 2026. */
export function formatDate(date: string, t: TFunction): string {
  const { year, month, day } = ymd(date)
  return t('format.date', { year, month, day, name: t(`format.monthShortNames.${month - 1}`) })
}

/** An org's name in the user's language. */
export function orgLabel(org: { name: string; name_en: string | null }, language: string): string {
  return language === 'en' && org.name_en ? org.name_en : org.name
}
