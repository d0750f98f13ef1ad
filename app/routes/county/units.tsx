import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listUnitsOfCounty } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requirePortalUser } from '~/lib/portal-shell.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  return withUser(claims, async (tx) => ({ units: await listUnitsOfCounty(tx, orgId) }))
}

/** Support units paired with the county's villages, provincial first. */
export default function CountyUnits() {
  const { units } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('orgs')
  const en = i18n.language === 'en'
  return (
    <>
      <h2>{t('county.unitsHeading')}</h2>
      {units.length === 0 ? (
        <p className="empty">{t('county.noUnits')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.unit')}</th>
                <th scope="col">{t('columns.unitLevel')}</th>
                <th scope="col">{t('columns.unitType')}</th>
                <th scope="col" className="num">{t('columns.activePairings')}</th>
                <th scope="col" className="num">{t('columns.leadPairings')}</th>
                <th scope="col" className="num">{t('columns.endedPairings')}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{(en && u.name_en) || u.name || t('pairings.hiddenUnit')}</th>
                  <td>{u.unit_level ? t(`unitLevels.${u.unit_level}`) : '—'}</td>
                  <td>{u.unit_type ? t(`unitTypes.${u.unit_type}`) : '—'}</td>
                  <td className="num">{u.active_pairings}</td>
                  <td className="num">{u.lead_pairings}</td>
                  <td className="num">{u.ended_pairings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
