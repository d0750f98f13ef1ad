import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { PairingView } from '~/domain/orgs/orgs.server'
import { formatNumber } from '~/lib/intl'

export interface VillageProfileData {
  kind: string
  name: string
  name_en: string | null
  code: string | null
  secretary_name: string | null
  secretary_phone: string | null
  households: number | null
  population: number | null
  town_name: string | null
  town_name_en: string | null
  county_name: string | null
  county_name_en: string | null
  pairings: PairingView[]
}

/** The village profile as every portal shows it: identity, secretary, size, pairings. */
export function VillageProfile({ village, showTitle = true }: { village: VillageProfileData; showTitle?: boolean }) {
  const { t, i18n } = useTranslation('orgs')
  const en = i18n.language === 'en'
  const pick = (zh: string | null, eng: string | null) => (en && eng ? eng : zh) ?? '—'
  const active = village.pairings.filter((p) => p.active)
  const past = village.pairings.filter((p) => !p.active)
  return (
    <section aria-labelledby="village-profile">
      {showTitle ? <h2 id="village-profile">{pick(village.name, village.name_en)}</h2> : <h2 id="village-profile" className="visually-hidden">{t('village.profileHeading')}</h2>}
      <dl className="facts">
        <div>
          <dt>{t('columns.kind')}</dt>
          <dd>{t(`kinds.${village.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('columns.code')}</dt>
          <dd>{village.code ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('columns.town')}</dt>
          <dd>{pick(village.town_name, village.town_name_en)}</dd>
        </div>
        <div>
          <dt>{t('columns.county')}</dt>
          <dd>{pick(village.county_name, village.county_name_en)}</dd>
        </div>
        <div>
          <dt>{t('columns.secretary')}</dt>
          <dd>{village.secretary_name ?? t('village.notRecorded')}</dd>
        </div>
        <div>
          <dt>{t('columns.phone')}</dt>
          <dd>{village.secretary_phone ?? t('village.notRecorded')}</dd>
        </div>
        <div>
          <dt>{t('columns.households')}</dt>
          <dd>{village.households === null ? t('village.notRecorded') : formatNumber(village.households, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('columns.population')}</dt>
          <dd>{village.population === null ? t('village.notRecorded') : formatNumber(village.population, i18n.language)}</dd>
        </div>
      </dl>
      <h3>{t('pairings.activeHeading')}</h3>
      <PairingList pairings={active} empty={t('pairings.noneActive')} side="unit" />
      {past.length ? (
        <>
          <h3>{t('pairings.pastHeading')}</h3>
          <PairingList pairings={past} empty="" side="unit" />
        </>
      ) : null}
    </section>
  )
}

/** Pairings listed from the village's side (showing units) or the unit's side (showing villages). */
export function PairingList({ pairings, empty, side, villageHref }: { pairings: PairingView[]; empty: string; side: 'unit' | 'village'; villageHref?: (id: string) => string }) {
  const { t, i18n } = useTranslation('orgs')
  const en = i18n.language === 'en'
  if (!pairings.length) return <p className="empty">{empty}</p>
  return (
    <ul className="card-list">
      {pairings.map((p) => (
        <li key={p.id} className="card">
          {side === 'unit' ? (
            <>
              <strong>{(en && p.unit_name_en) || p.unit_name || t('pairings.hiddenUnit')}</strong>
              {p.unit_level ? <span className="muted"> · {t(`unitLevels.${p.unit_level}`)}</span> : null}
              {p.unit_type ? <span className="muted"> · {t(`unitTypes.${p.unit_type}`)}</span> : null}
            </>
          ) : (
            <>
              <strong>
                {villageHref && p.active ? (
                  <Link to={villageHref(p.village_id)}>{(en && p.village_name_en) || p.village_name}</Link>
                ) : (
                  (en && p.village_name_en) || p.village_name || t('pairings.hiddenVillage')
                )}
              </strong>
              {p.town_name ? <span className="muted"> · {(en && p.town_name_en) || p.town_name}</span> : null}
            </>
          )}
          {p.is_lead ? <span className="badge">{t('pairings.lead')}</span> : null}
          <div className="muted">
            {p.upcoming && !p.ends_on ? t('pairings.upcoming', { from: p.starts_on }) : t('pairings.period', { from: p.starts_on, to: p.ends_on ?? t('pairings.open') })}
          </div>
        </li>
      ))}
    </ul>
  )
}
