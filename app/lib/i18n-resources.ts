import type { Resource } from 'i18next'
import { createContext, useContext } from 'react'

/**
 * Where the translations come from while rendering. They are not part of the loader data: on the
 * server, entry.server provides them from memory; in the browser, the script
 * /locales/<lang>.<version>.js (routes/locales.tsx, cached for a year, a new URL when a text changes)
 * has put them in window[I18N_GLOBAL] before hydration, and entry.client provides them. Every page
 * thus ships and serialises ~40 KB less, and a browser downloads each language's texts once.
 */
export const I18nResourcesContext = createContext<Resource | null>(null)

export const I18N_GLOBAL = '__PORTAL_I18N__'

export function useI18nResources(): Resource | null {
  return useContext(I18nResourcesContext)
}

/** The URL of a language's translations script for a content version. */
export const i18nScriptPath = (locale: string, version: string) => `/locales/${locale}.${version}.js`
