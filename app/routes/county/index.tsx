import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { countyFigures, listTownsOfCounty } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { formatNumber } from '~/lib/intl'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  return withUser(claims, async (tx) => ({
    figures: await countyFigures(tx, orgId),
    towns: await listTownsOfCounty(tx, orgId),
  }))
}

/** The county's org tree: its towns, their villages and communities, pairing coverage. */
export default function CountyOverview() {
  const { figures, towns } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('orgs')
  const en = i18n.language === 'en'
  return (
    <>
      <dl className="figures">
        {(['towns', 'villages', 'communities', 'households', 'population', 'paired_villages', 'units'] as const).map((k) => (
          <div key={k} className="figure">
            <dt>{t(`figures.${k}`)}</dt>
            <dd>{formatNumber(figures[k], i18n.language)}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('county.townsHeading')}</h2>
      {towns.length === 0 ? (
        <p className="empty">{t('county.noTowns')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.town')}</th>
                <th scope="col">{t('columns.code')}</th>
                <th scope="col" className="num">{t('columns.villages')}</th>
                <th scope="col" className="num">{t('columns.communities')}</th>
                <th scope="col" className="num">{t('columns.households')}</th>
                <th scope="col" className="num">{t('columns.population')}</th>
                <th scope="col" className="num">{t('columns.paired')}</th>
              </tr>
            </thead>
            <tbody>
              {towns.map((town) => (
                <tr key={town.id}>
                  <th scope="row">
                    <Link to={`towns/${town.id}`}>{en && town.name_en ? town.name_en : town.name}</Link>
                  </th>
                  <td>{town.code}</td>
                  <td className="num">{town.villages}</td>
                  <td className="num">{town.communities}</td>
                  <td className="num">{formatNumber(town.households, i18n.language)}</td>
                  <td className="num">{formatNumber(town.population, i18n.language)}</td>
                  <td className="num">
                    {town.paired} / {town.villages + town.communities}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
