/**
 * Cached Intl formatters. Building an Intl.DateTimeFormat or NumberFormat (which `toLocaleString`
 * does on every call) costs far more than formatting with one: a 50-row register with three dates
 * per row spent most of its render time there (docs/benchmarks.md). Formatters are immutable, so one
 * per (locale, options) serves every request; the options objects of callers are few and fixed.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)))
  return format
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)))
  return format
}

/** A number in the user's language (grouping separators), like `n.toLocaleString(language)`. */
export const formatNumber = (n: number, language: string) => numberFormat(language).format(n)

/** An instant as a Shanghai date and time in the user's language, like `toLocaleString(language, { timeZone })`. */
export const formatShanghaiDateTime = (instant: Date | string, language: string) =>
  dateTimeFormat(language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).format(new Date(instant))
