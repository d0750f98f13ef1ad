import { createHash } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import type { Resource, TFunction } from 'i18next'
import { DEFAULT_LOCALE, i18nInstance, isLocale, NAMESPACES, type Locale, type Namespace } from './i18n'
import { I18N_GLOBAL } from './i18n-resources'
import zhCommon from '../../locales/zh-CN/common.json'
import zhAuth from '../../locales/zh-CN/auth.json'
import zhOrgs from '../../locales/zh-CN/orgs.json'
import zhUsers from '../../locales/zh-CN/users.json'
import zhAudit from '../../locales/zh-CN/audit.json'
import zhMonthlyReports from '../../locales/zh-CN/monthly-reports.json'
import zhCompleteness from '../../locales/zh-CN/completeness.json'
import zhTemplates from '../../locales/zh-CN/templates.json'
import zhPairing from '../../locales/zh-CN/pairing.json'
import zhConcerns from '../../locales/zh-CN/concerns.json'
import zhHouseholds from '../../locales/zh-CN/households.json'
import enCommon from '../../locales/en/common.json'
import enAuth from '../../locales/en/auth.json'
import enOrgs from '../../locales/en/orgs.json'
import enUsers from '../../locales/en/users.json'
import enAudit from '../../locales/en/audit.json'
import enMonthlyReports from '../../locales/en/monthly-reports.json'
import enCompleteness from '../../locales/en/completeness.json'
import enTemplates from '../../locales/en/templates.json'
import enPairing from '../../locales/en/pairing.json'
import enConcerns from '../../locales/en/concerns.json'
import enHouseholds from '../../locales/en/households.json'

const resources: Record<Locale, Resource[string]> = {
  'zh-CN': {
    common: zhCommon,
    auth: zhAuth,
    orgs: zhOrgs,
    users: zhUsers,
    audit: zhAudit,
    'monthly-reports': zhMonthlyReports,
    completeness: zhCompleteness,
    templates: zhTemplates,
    pairing: zhPairing,
    concerns: zhConcerns,
    households: zhHouseholds,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    orgs: enOrgs,
    users: enUsers,
    audit: enAudit,
    'monthly-reports': enMonthlyReports,
    completeness: enCompleteness,
    templates: enTemplates,
    pairing: enPairing,
    concerns: enConcerns,
    households: enHouseholds,
  },
}

/** The language cookie the switcher sets; a year, readable by the server only. */
export const localeCookie = createCookie('lng', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: process.env.NODE_ENV === 'production',
  maxAge: 60 * 60 * 24 * 365,
})

/** The user's language: the switcher's cookie, else zh-CN (never the browser's guess). */
export async function getLocale(request: Request): Promise<Locale> {
  const value: unknown = await localeCookie.parse(request.headers.get('Cookie'))
  return isLocale(value) ? value : DEFAULT_LOCALE
}

/** Translations of one language, as i18next takes them. */
export function getResources(locale: Locale): Resource {
  return { [locale]: resources[locale] }
}

const versions = new Map<Locale, string>()

/** The content version of a language's texts (a hash of them all): it goes into the texts' URLs, so they can be cached for good. */
export function textsVersion(locale: Locale): string {
  let version = versions.get(locale)
  if (!version) {
    version = createHash('sha256').update(JSON.stringify(resources[locale])).digest('hex').slice(0, 12)
    versions.set(locale, version)
  }
  return version
}

const scripts = new Map<string, string>()

/**
 * The browser's copy of a language's translations (routes/locales.tsx serves it): a script that adds
 * one namespace to window[I18N_GLOBAL], or, without a namespace, every namespace (the URL pages from
 * before per-namespace scripts ask for).
 */
export function i18nScript(locale: Locale, namespace?: Namespace): { version: string; body: string } {
  const id = `${locale} ${namespace ?? ''}`
  let body = scripts.get(id)
  if (body === undefined) {
    body = namespace
      ? `(function(g){(g[${JSON.stringify(locale)}]=g[${JSON.stringify(locale)}]||{})[${JSON.stringify(namespace)}]=${JSON.stringify(resources[locale][namespace])}})(window.${I18N_GLOBAL}=window.${I18N_GLOBAL}||{});\n`
      : `window.${I18N_GLOBAL}=${JSON.stringify(getResources(locale))};\n`
    scripts.set(id, body)
  }
  return { version: textsVersion(locale), body }
}

/** One namespace's texts of a language, as JSON (what the browser fetches for a page reached later). */
export function i18nJson(locale: Locale, namespace: Namespace): { version: string; body: string } {
  const id = `${locale} ${namespace} json`
  let body = scripts.get(id)
  if (body === undefined) scripts.set(id, (body = JSON.stringify(resources[locale][namespace])))
  return { version: textsVersion(locale), body }
}

/** A translator for server code: action errors, meta, e-mails. */
export async function getFixedT(request: Request | Locale, ns: (typeof NAMESPACES)[number] = 'common'): Promise<TFunction> {
  const locale = typeof request === 'string' ? request : await getLocale(request)
  // the same instance the page renders with (every language's texts in one object, as entry.server provides)
  return i18nInstance(locale, resources).getFixedT(locale, ns)
}

export { resources as allResources }
