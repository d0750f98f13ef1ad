import i18next, { type i18n, type Resource } from 'i18next'
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

/** One i18next instance per render, initialised synchronously from the resources the root loader sent. */
export function createI18n(locale: Locale, resources: Resource): i18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
  })
  return instance
}
