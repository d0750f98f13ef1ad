import i18next, { type BackendModule, type i18n, type Resource } from 'i18next'
import { initReactI18next } from 'react-i18next'

/** zh-CN is the product's language; en is the second. */
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const NAMESPACES = ['common', 'auth', 'orgs', 'users', 'audit', 'monthly-reports', 'completeness', 'templates', 'pairing', 'concerns', 'households'] as const
export type Namespace = (typeof NAMESPACES)[number]

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

const instances = new WeakMap<Resource, Map<Locale, i18n>>()

/** Fetches one namespace's texts of a language that the page did not bring (the browser's loader). */
export type LoadTexts = (locale: string, namespace: string) => Promise<Record<string, unknown>>

/**
 * The i18next instance of one language and set of texts, created once and shared: by every render
 * (root.tsx) and by server code's translators (getFixedT), so what one remembers the other finds.
 * An instance never changes language. `load` fetches a namespace the texts lack (the browser holds
 * only the namespaces of the pages it has shown: ADR 0005); a component that needs one suspends until
 * it has arrived.
 */
export function i18nInstance(locale: Locale, resources: Resource, load?: LoadTexts): i18n {
  let byLocale = instances.get(resources)
  if (!byLocale) instances.set(resources, (byLocale = new Map()))
  let instance = byLocale.get(locale)
  if (!instance) byLocale.set(locale, (instance = createI18n(locale, resources, load)))
  return instance
}

/** A new i18next instance, initialised synchronously from the given texts (i18nInstance shares them). */
export function createI18n(locale: Locale, resources: Resource, load?: LoadTexts): i18n {
  const instance = i18next.createInstance()
  if (load) {
    const backend: BackendModule = {
      type: 'backend',
      init() {},
      read(language, namespace, callback) {
        load(language, namespace).then((texts) => callback(null, texts), (error: Error) => callback(error, false))
      },
    }
    instance.use(backend)
  }
  const present = NAMESPACES.filter((ns) => resources[locale]?.[ns])
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    // the namespaces at hand; with a loader, the others are fetched when a component asks for them
    ns: load ? (present.length ? present : ['common']) : [...NAMESPACES],
    partialBundledLanguages: Boolean(load),
    // zh-CN is a language of its own here: never look for (or fetch) a 'zh'
    load: 'currentOnly',
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
    // a key with no text shows the key itself to the user: say so where the team looks (the server's
    // log, the browser console); the HTTP access matrix and the e2e runner fail on it
    saveMissing: true,
    missingKeyHandler: (_languages, namespace, key, _fallback, _update, options) => {
      // a deliberate fallback (t(key, { defaultValue })) is not a missing text
      if (options && typeof options === 'object' && 'defaultValue' in options) return
      reportMissingTranslation(locale, namespace, key)
    },
  })
  rememberTranslations(instance)
  return instance
}

/** What the server log says of a missing text; the HTTP access matrix and the e2e runner look for it. */
export const MISSING_TRANSLATION = '[i18n] missing translation'
const reportedMissing = new Set<string>()

/** Logs a key that has no text, once per language, namespace and key. */
export function reportMissingTranslation(locale: string, namespace: string, key: string) {
  const id = `${locale} ${namespace}:${key}`
  if (reportedMissing.has(id) || reportedMissing.size >= 1_000) return
  reportedMissing.add(id)
  console.warn(`${MISSING_TRANSLATION} ${id}`)
}

/** Distinct translated strings one instance keeps; past this the memory starts again (interpolated names vary without end). */
export const REMEMBERED_TRANSLATIONS = 5_000

/**
 * i18next resolves the language hierarchy and walks the resources again on every call, and a county
 * page makes hundreds of calls with a few dozen distinct keys: it was 8–9 % of a page's server time.
 * An instance's resources only grow after init (one instance per language; switching language
 * reloads the page; a fetched namespace clears the memory), so a string result depends only on the
 * call's key and options: remember it.
 * Calls whose options are not plain values (functions, nested objects) are not remembered.
 */
function rememberTranslations(instance: i18n) {
  const translate = instance.t as unknown as (...args: unknown[]) => unknown
  const remembered = new Map<string, string>()
  // a namespace fetched later changes what a key gives: forget what was remembered without it
  instance.store.on('added', () => remembered.clear())
  const t = (...args: unknown[]) => {
    const id = args.length <= 2 ? callId(args[0], args[1]) : null
    if (id === null) return translate(...args)
    const known = remembered.get(id)
    if (known !== undefined) return known
    const result = translate(...args)
    if (typeof result === 'string') {
      if (remembered.size >= REMEMBERED_TRANSLATIONS) remembered.clear()
      remembered.set(id, result)
    }
    return result
  }
  instance.t = t as unknown as i18n['t']
}

function isPlain(value: unknown): boolean {
  const type = typeof value
  if (type === 'number') return Number.isFinite(value) // JSON would turn NaN and Infinity into null
  return value === null || type === 'string' || type === 'boolean' || type === 'undefined'
}

/** A call's identity, or null when it cannot be told by its values alone. */
function callId(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null
  if (options === undefined) return JSON.stringify([key])
  if (typeof options !== 'object' || options === null) return null
  for (const value of Object.values(options)) {
    if (isPlain(value)) continue
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) continue
    return null
  }
  // JSON drops undefined values, which i18next treats as absent too.
  return JSON.stringify([key, options])
}
