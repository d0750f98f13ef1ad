import type { TemplateField } from '~/domain/monthly-reports/template'
import { localized } from '~/domain/monthly-reports/template'
import { dateTimeFormat, numberFormat } from '~/lib/intl'

/**
 * Display helpers for reports: months, dates and values in the user's language. Dates that are
 * calendar days (due dates, months) are shown as they are; instants are shown in Asia/Shanghai.
 */

const intlLocale = (language: string) => (language === 'en' ? 'en-GB' : 'zh-CN')

const PERIOD: Intl.DateTimeFormatOptions = Object.freeze({ year: 'numeric', month: 'long', timeZone: 'UTC' })
const DAY: Intl.DateTimeFormatOptions = Object.freeze({ year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
const INSTANT: Intl.DateTimeFormatOptions = Object.freeze({ timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/**
 * Months and calendar days as shown, by language and text: a register repeats the same few (its
 * months, their due dates) on every row of every request. Bounded: past this many it starts again.
 */
const FORMATTED_LIMIT = 5000
const formatted = new Map<string, string>()

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key)
  if (text === undefined) {
    text = format()
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear()
    formatted.set(key, text)
  }
  return text
}

/** '2026-11-01' → 2026年11月 / November 2026. */
export function formatPeriod(period: string, language: string): string {
  return remembered(`p${language}|${period}`, () => {
    const [y, m] = period.split('-').map(Number) as [number, number]
    return dateTimeFormat(intlLocale(language), PERIOD).format(Date.UTC(y, m - 1, 1))
  })
}

/** '2026-12-05' → 2026/12/05 · 05/12/2026 (a calendar day, no time zone shift). */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return ''
  return remembered(`d${language}|${day}`, () => {
    const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number]
    return dateTimeFormat(intlLocale(language), DAY).format(Date.UTC(y, m - 1, d))
  })
}

/** An instant, in Shanghai time. */
export function formatInstant(instant: Date | string | null | undefined, language: string): string {
  if (!instant) return ''
  return dateTimeFormat(intlLocale(language), INSTANT).format(new Date(instant))
}

/** A stored value as text: numbers with their unit, yes/no, the choice's label; '' when not filled in. */
export function formatValue(field: TemplateField | undefined, value: unknown, language: string, t: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return ''
  if (!field) return String(value)
  switch (field.type) {
    case 'boolean':
      return value === true || value === 'true' ? t('values.yes') : t('values.no')
    case 'choice': {
      const choice = field.choices?.find((c) => c.value === value)
      return choice ? localized(choice.label, language) : String(value)
    }
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(value)
      const text = Number.isFinite(n)
        ? numberFormat(intlLocale(language), { maximumFractionDigits: field.scale ?? (field.type === 'decimal' ? 2 : 0), minimumFractionDigits: field.type === 'decimal' ? Math.min(field.scale ?? 2, 2) : 0 }).format(n)
        : String(value)
      const unit = localized(field.unit, language)
      return unit ? `${text} ${unit}` : text
    }
    default:
      return String(value)
  }
}
