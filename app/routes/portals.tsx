import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '~/components/language-switcher'
import { requireClaims } from '~/lib/auth.server'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { listMyPortals } from '~/lib/portal.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const claims = await requireClaims(request)
  const portals = await withUser(claims, listMyPortals)
  const t = await getFixedT(request)
  return { portals, title: t('portal.chooseTitle') }
}

/** The portal switcher: every membership of the user, each a way into its portal. */
export default function PortalsRoute() {
  const { portals } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('common')
  return (
    <main className="page page--narrow">
      <div className="login__top">
        <LanguageSwitcher />
      </div>
      <h1>{t('portal.chooseTitle')}</h1>
      {portals.length === 0 ? (
        <p className="empty">{t('portal.none')}</p>
      ) : (
        <ul className="card-list">
          {portals.map((p) => (
            <li key={`${p.orgId}:${p.role}`} className="card">
              <Link to={p.href}>
                <strong>{i18n.language === 'en' && p.orgNameEn ? p.orgNameEn : p.orgName}</strong>
                <span className="muted">
                  {' '}
                  {t(`portal.${p.portal}`)} · {t(`roles.${p.role}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" action="/logout">
        <button type="submit" className="button">
          {t('nav.signOut')}
        </button>
      </Form>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '' }]
