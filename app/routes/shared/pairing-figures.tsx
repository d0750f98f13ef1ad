import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PairingList } from '~/components/village-profile'
import { getVillage } from '~/domain/orgs/orgs.server'
import { pairingFigures, postingsUnder } from '~/domain/pairing/figures.server'
import { FIGURE_GROUPS, formatYuan, isMoneyMetric, portalOfUrl } from '~/domain/pairing/kinds'
import { withUser } from '~/lib/db.server'
import { requireGranted, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { formatNumber } from '~/lib/intl'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs', 'pairing'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = portalOfUrl(new URL(request.url))
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  return withUser(claims, async (tx) => {
    const may = await userCanEach(tx, orgId, {
      readActivities: ['activities', 'read'],
      readVisits: ['visits', 'read'],
      readCadres: ['cadres', 'read'],
      readConcerns: ['concerns', 'read'],
      createActivity: ['activities', 'create'],
      createVisit: ['visits', 'create'],
    })
    requireGranted(may.readActivities)
    const recording = portal === 'village' || portal === 'unit'
    const figures = await pairingFigures(tx, orgId)
    const village = portal === 'village' ? await getVillage(tx, orgId) : null
    return {
      portal,
      figures,
      pairings: village ? village.pairings.filter((p) => p.active) : [],
      // a village's active postings: a handful; a link to the cadres register when there are more than a page
      postings: portal === 'village' ? await postingsUnder(tx, orgId, { activeOnly: true }) : { rows: [], total: 0 },
      can: {
        visits: may.readVisits,
        cadres: may.readCadres,
        concerns: may.readConcerns,
        createActivity: recording && may.createActivity,
        createVisit: recording && may.createVisit,
      },
    }
  })
}

/** The article's pairing figures for the portal's scope, live from the records, with the registers behind them. */
export default function PairingFigures() {
  const { portal, figures, pairings, postings, can } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('pairing')
  const show = (metric: string) => {
    const v = figures[metric] ?? '0'
    return isMoneyMetric(metric) ? formatYuan(v) : formatNumber(Number(v), i18n.language)
  }
  const group = (key: keyof typeof FIGURE_GROUPS, metrics: readonly string[]) => (
    <section aria-labelledby={`figures-${key}`}>
      <h3 id={`figures-${key}`}>{t(`figures.groups.${key}`)}</h3>
      <dl className="figures">
        {metrics.map((m) => (
          <div key={m} className="figure">
            <dt>{t(`metrics.${m}`)}</dt>
            <dd>{show(m)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
  return (
    <>
      <h2>{t('figures.heading')}</h2>
      <p className="muted">{t(portal === 'unit' ? 'figures.legendUnit' : 'figures.legend')}</p>
      <nav aria-label={t('links.registers')}>
        <div className="toolbar toolbar--start">
            <Link to="../activities">{t('links.activities')}</Link>
          {can.visits ? (
              <Link to="../visits">{t('links.visits')}</Link>
          ) : null}
          {can.cadres ? (
              <Link to="../cadres">{t('links.cadres')}</Link>
          ) : null}
          {can.concerns ? (
              <Link to="../concerns">{t('links.concerns')}</Link>
          ) : null}
          {can.createActivity ? (
              <Link to="../activities/new" className="button button--primary">
                {t('links.newActivity')}
              </Link>
          ) : null}
          {can.createVisit ? (
              <Link to="../visits/new" className="button">
                {t('links.newVisit')}
              </Link>
          ) : null}
        </div>
      </nav>
      {group('pairing', portal === 'unit' ? FIGURE_GROUPS.pairing.filter((m) => m !== 'lead_units') : FIGURE_GROUPS.pairing)}
      {group('work', FIGURE_GROUPS.work)}
      {group('kinds', FIGURE_GROUPS.kinds)}
      {portal === 'village' ? (
        <>
          <h3>{t('figures.pairedUnits')}</h3>
          <PairingList pairings={pairings} empty={t('figures.noPairedUnits')} side="unit" />
          <h3>{t('figures.postedCadres')}</h3>
          {postings.rows.length === 0 ? (
            <p className="empty">{t('cadres.noPostings')}</p>
          ) : (
            <ul className="card-list">
              {postings.rows.map((p) => (
                <li key={p.id} className="card">
                  <strong>{p.cadre_name}</strong>
                  <span className="badge">{t(`posts.${p.post}`)}</span>
                  <div className="muted">
                    {(i18n.language === 'en' && p.unit_name_en) || p.unit_name || t('cadres.countyOrgans')}
                    {p.cadre_title ? ` · ${p.cadre_title}` : ''}
                  </div>
                  <div className="muted">{t('cadres.period', { from: p.starts_on, to: p.ends_on ?? t('cadres.open') })}</div>
                </li>
              ))}
            </ul>
          )}
          {postings.total > postings.rows.length && can.cadres ? (
            <p>
              <Link to="../cadres">{t('figures.allPostings', { count: postings.total, formatted: formatNumber(postings.total, i18n.language) })}</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  )
}
