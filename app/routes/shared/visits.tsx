import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ExportLinks } from '~/components/export-links'
import { EmptyRegister } from '~/components/pager'
import { Pager, RegisterFilters, SavedNotice, SortHeader } from '~/components/pairing/register'
import { useOrgName } from '~/components/org-options'
import { listVisits } from '~/domain/pairing/records.server'
import { loadRegister } from '~/domain/pairing/register.server'
import { formatNumber } from '~/lib/intl'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['pairing'] } satisfies TextsHandle

export const loader = (args: LoaderFunctionArgs) => loadRegister(args, 'visits', listVisits)

/** The register of visit diaries (走访日记 / 村情笔记) in the portal's scope. */
export default function Visits() {
  const { rows, total, people, villages, canCreate, pageSize } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('pairing')
  const name = useOrgName()
  return (
    <>
      <p>
        <Link to="../pairing">{t('links.backToFigures')}</Link>
      </p>
      <h2>{t('visits.heading')}</h2>
      <SavedNotice />
      {canCreate ? (
        <p>
          <Link to="new" className="button button--primary">
            {t('links.newVisit')}
          </Link>
        </p>
      ) : null}
      <RegisterFilters villages={villages} showKind={false} />
      <ExportLinks xlsx={t('links.exportXlsx')} csv={t('links.exportCsv')} />
      <p className="muted" role="status">
        {t('visits.summary', { count: total, people: formatNumber(people, i18n.language) })}
      </p>
      {rows.length === 0 ? (
        <EmptyRegister total={total}>{t('visits.empty')}</EmptyRegister>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="date" label={t('columns.visitedOn')} />
                <SortHeader column="village" label={t('columns.village')} />
                <th scope="col">{t('columns.unit')}</th>
                <th scope="col">{t('columns.cadre')}</th>
                <th scope="col" className="num">{t('columns.peopleMet')}</th>
                <th scope="col">{t('columns.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.visited_on}</td>
                  <td>{name({ name: r.village_name, name_en: r.village_name_en })}</td>
                  <td>{name({ name: r.unit_name, name_en: r.unit_name_en })}</td>
                  <td>{r.cadre_name ?? '—'}</td>
                  <td className="num">{formatNumber(r.people_met, i18n.language)}</td>
                  <td className="pre-line">{r.notes}</td>
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
