/**
 * Cached Intl formatters. Building an Intl.DateTimeFormat or NumberFormat (which `toLocaleString`
 * does on every call) costs far more than formatting with one: a 50-row register with three dates
 * per row spent most of its render time there (docs/benchmarks.md). Formatters are immutable, so one
 * per (locale, options) serves every request; the options objects of callers are few and fixed.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()
/**
 * The same formatters by the caller's options object and locale, for frozen options (module constants,
 * `Object.freeze`d, so they cannot change under their key): those calls skip building the JSON key,
 * which was most of the formatting time of a 50-row register (~150 dates a request). Options built per
 * call go by the JSON key alone, adding nothing here.
 */
const dateFormatsByOptions = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>()
const numberFormatsByOptions = new WeakMap<Intl.NumberFormatOptions, Map<string, Intl.NumberFormat>>()

function cached<O extends object, F>(byOptions: WeakMap<O, Map<string, F>>, byKey: Map<string, F>, locale: string, options: O, make: () => F): F {
  const frozen = Object.isFrozen(options)
  let perLocale = frozen ? byOptions.get(options) : undefined
  let format = perLocale?.get(locale)
  if (format) return format
  const key = `${locale}|${JSON.stringify(options)}`
  format = byKey.get(key)
  if (!format) byKey.set(key, (format = make()))
  if (frozen) {
    if (!perLocale) byOptions.set(options, (perLocale = new Map()))
    perLocale.set(locale, format)
  }
  return format
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormatsByOptions, dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options))
}

const NO_OPTIONS: Intl.NumberFormatOptions = Object.freeze({})

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = NO_OPTIONS): Intl.NumberFormat {
  return cached(numberFormatsByOptions, numberFormats, locale, options, () => new Intl.NumberFormat(locale, options))
}

/** A number in the user's language (grouping separators), like `n.toLocaleString(language)`. */
export const formatNumber = (n: number, language: string) => numberFormat(language).format(n)

/** An instant as a Shanghai date and time in the user's language, like `toLocaleString(language, { timeZone })`. */
export const formatShanghaiDateTime = (instant: Date | string, language: string) =>
  dateTimeFormat(language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).format(new Date(instant))
