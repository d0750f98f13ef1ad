import { Form, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * A plain form: works without JavaScript, stores the choice in a cookie, returns to this page. It
 * always reloads the document, which loads the other language's texts (root.tsx).
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common')
  const location = useLocation()
  const next = i18n.language === 'en' ? 'zh-CN' : 'en'
  return (
    <Form method="post" action="/language" className="inline-form" reloadDocument>
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <button type="submit" name="lng" value={next} lang={next} className="button button--link">
        {t(`language.switchTo.${next}`)}
      </button>
    </Form>
  )
}
