import { Form, Link, NavLink, Outlet, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ShellData } from '~/lib/portal-shell.server'
import { LanguageSwitcher } from './language-switcher'

/** Header, navigation and content frame shared by the four portals. Usable at 360 px. */
export function PortalShell({ shell }: { shell: ShellData }) {
  const { t, i18n } = useTranslation('common')
  const orgName = i18n.language === 'en' && shell.org.nameEn ? shell.org.nameEn : shell.org.name
  return (
    <div className="shell">
      {/* keyboard users skip the header and the navigation (7 stops) to the page */}
      <a className="skip-link" href="#main">
        {t('nav.skipToMain')}
      </a>
      <header className="shell__header">
        <div className="shell__brand">
          <span className="shell__product">{t('app.name')}</span>
          <span className="shell__portal">{t(`portal.${shell.portal}`)}</span>
        </div>
        <div className="shell__user">
          <span>
            {shell.user.displayName} · {t(`roles.${shell.role}`)}
          </span>
          {shell.portalCount > 1 ? <Link to="/portals">{t('portal.switch')}</Link> : null}
          <Link to="/account/password">{t('nav.changePassword')}</Link>
          <LanguageSwitcher />
          <Form method="post" action="/logout">
            <button type="submit" className="button button--link">
              {t('nav.signOut')}
            </button>
          </Form>
        </div>
      </header>
      <nav className="shell__nav" aria-label={t('nav.label')}>
        {shell.nav.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.to === shell.nav[0]?.to} prefetch="intent">
            {t(item.labelKey)}
          </NavLink>
        ))}
      </nav>
      <main className="shell__main" id="main" tabIndex={-1}>
        <h1 className="shell__title">{orgName}</h1>
        <Outlet />
      </main>
    </div>
  )
}

/** The current path, for the language switcher to come back to. */
export function useReturnTo() {
  const location = useLocation()
  return location.pathname + location.search
}
