import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ExportLinks } from '~/components/export-links'
import { EmptyRegister } from '~/components/pager'
import { Pager, RegisterFilters, SavedNotice, SortHeader } from '~/components/pairing/register'
import { useOrgName } from '~/components/org-options'
import { formatYuan } from '~/domain/pairing/kinds'
import { listActivities } from '~/domain/pairing/records.server'
import { loadRegister } from '~/domain/pairing/register.server'
import { formatNumber } from '~/lib/intl'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['pairing'] } satisfies TextsHandle

export const loader = (args: LoaderFunctionArgs) => loadRegister(args, 'activities', listActivities)

/** The register of five-helps / four-deliveries activities in the portal's scope. */
export default function Activities() {
  const { rows, total, funds, participants, villages, canCreate, pageSize } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('pairing')
  const name = useOrgName()
  return (
    <>
      <p>
        <Link to="../pairing">{t('links.backToFigures')}</Link>
      </p>
      <h2>{t('activities.heading')}</h2>
      <SavedNotice />
      {canCreate ? (
        <p>
          <Link to="new" className="button button--primary">
            {t('links.newActivity')}
          </Link>
        </p>
      ) : null}
      <RegisterFilters villages={villages} showKind />
      <ExportLinks xlsx={t('links.exportXlsx')} csv={t('links.exportCsv')} />
      <p className="muted" role="status">
        {t('activities.summary', { count: total, participants: formatNumber(participants, i18n.language), funds: formatYuan(funds) })}
      </p>
      {rows.length === 0 ? (
        <EmptyRegister total={total}>{t('activities.empty')}</EmptyRegister>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="date" label={t('columns.occurredOn')} />
                <th scope="col">{t('columns.kind')}</th>
                <th scope="col">{t('columns.title')}</th>
                <SortHeader column="village" label={t('columns.village')} />
                <th scope="col">{t('columns.unit')}</th>
                <th scope="col" className="num">{t('columns.participants')}</th>
                <th scope="col" className="num">{t('columns.funds')}</th>
                <th scope="col">{t('columns.goods')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.occurred_on}</td>
                  <td>{t(`kinds.${r.kind}`)}</td>
                  <th scope="row">{r.title}</th>
                  <td>{name({ name: r.village_name, name_en: r.village_name_en })}</td>
                  <td>{r.unit_name == null ? t('activities.byVillage') : name({ name: r.unit_name, name_en: r.unit_name_en })}</td>
                  <td className="num">{formatNumber(r.participants, i18n.language)}</td>
                  <td className="num">{formatYuan(r.funds)}</td>
                  <td>{r.goods ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager total={total} pageSize={pageSize} />
    </>
  )
}
