import type { Resource } from 'i18next'
import { createContext, useContext } from 'react'
import { NAMESPACES, type Namespace } from './i18n'

/**
 * Where the translations come from while rendering. They are not part of the loader data: on the
 * server, entry.server provides them from memory; in the browser, one script per namespace the page's
 * routes use, /locales/<lang>.<namespace>.<version>.js (routes/locales.tsx, cached for a year, a new
 * URL when a text changes), has put them in window[I18N_GLOBAL] before hydration, and entry.client
 * provides them. A page reached later in the browser fetches the namespaces it lacks
 * (/locales/<lang>.<namespace>.<version>.json). Every page thus ships and serialises ~40 KB less, a
 * browser downloads each namespace once, and a page pays only for the texts it shows (ADR 0005).
 */
export const I18nResourcesContext = createContext<Resource | null>(null)

export const I18N_GLOBAL = '__PORTAL_I18N__'

export function useI18nResources(): Resource | null {
  return useContext(I18nResourcesContext)
}

/** The URL of one namespace's translations script for a content version of the language's texts. */
export const i18nScriptPath = (locale: string, namespace: string, version: string) => `/locales/${locale}.${namespace}.${version}.js`
/** The same texts as JSON, for the browser to fetch. */
export const i18nJsonPath = (locale: string, namespace: string, version: string) => `/locales/${locale}.${namespace}.${version}.json`

/** Namespaces every page brings: the root's and the portal layout's (navigation, errors, sign-in again). */
export const PAGE_NAMESPACES = ['common', 'auth'] as const

/**
 * A route's `handle`: the namespaces its components use beyond PAGE_NAMESPACES (a test checks the
 * list against the modules the route imports), so that its document brings their texts.
 */
export interface TextsHandle {
  i18n: readonly Namespace[]
}

/** The namespaces a page's matched routes use, in a stable order. */
export function namespacesOf(handles: unknown[]): Namespace[] {
  const wanted = new Set<string>(PAGE_NAMESPACES)
  for (const handle of handles) {
    const list = (handle as Partial<TextsHandle> | undefined)?.i18n
    if (Array.isArray(list)) for (const ns of list) wanted.add(ns)
  }
  return NAMESPACES.filter((ns) => wanted.has(ns))
}
