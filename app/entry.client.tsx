import { RemixBrowser } from '@remix-run/react'
import type { Resource } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18N_GLOBAL, I18nResourcesContext } from '~/lib/i18n-resources'

// set by the scripts /locales/<lang>.<namespace>.<version>.js, which the page loads before this module runs
const resources = ((window as unknown as Record<string, unknown>)[I18N_GLOBAL] as Resource | undefined) ?? null

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nResourcesContext.Provider value={resources}>
        <RemixBrowser />
      </I18nResourcesContext.Provider>
    </StrictMode>,
  )
})
