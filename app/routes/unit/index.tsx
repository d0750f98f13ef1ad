import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PairingList } from '~/components/village-profile'
import { getUnit } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs', 'pairing'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'unit', params.orgId)
  return withUser(claims, async (tx) => {
    const unit = await getUnit(tx, orgId)
    if (!unit) throw new Response('Not found', { status: 404 })
    return { unit }
  })
}

/** The support unit's profile and the villages it is paired with. */
export default function UnitHome() {
  const { unit } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('orgs')
  const { t: tp } = useTranslation('pairing')
  const en = i18n.language === 'en'
  const active = unit.pairings.filter((p) => p.active)
  const past = unit.pairings.filter((p) => !p.active)
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('columns.unitLevel')}</dt>
          <dd>{unit.unit_level ? t(`unitLevels.${unit.unit_level}`) : '—'}</dd>
        </div>
        <div>
          <dt>{t('columns.unitType')}</dt>
          <dd>{unit.unit_type ? t(`unitTypes.${unit.unit_type}`) : '—'}</dd>
        </div>
        <div>
          <dt>{t('columns.parent')}</dt>
          <dd>{(en && unit.parent_name_en) || unit.parent_name || '—'}</dd>
        </div>
      </dl>
      {active.length ? (
        <nav aria-label={tp('links.registers')} className="toolbar toolbar--start">
          <Link to="activities/new" className="button button--primary">
            {tp('links.newActivity')}
          </Link>
          <Link to="visits/new" className="button">
            {tp('links.newVisit')}
          </Link>
          <Link to="pairing">{tp('figures.heading')}</Link>
          <Link to="activities">{tp('links.activities')}</Link>
          <Link to="visits">{tp('links.visits')}</Link>
          <Link to="cadres">{tp('links.cadres')}</Link>
        </nav>
      ) : null}
      <h2>{t('unit.pairedHeading', { count: active.length })}</h2>
      <PairingList pairings={active} empty={t('unit.noPairings')} side="village" villageHref={(id) => `/unit/${unit.id}/villages/${id}`} />
      {past.length ? (
        <>
          <h3>{t('pairings.pastHeading')}</h3>
          <PairingList pairings={past} empty="" side="village" />
        </>
      ) : null}
    </>
  )
}
