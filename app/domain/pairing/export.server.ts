import type { TFunction } from 'i18next'
import { nameOf } from '~/lib/download.server'
import { formatNumber } from '~/lib/intl'
import { registerDownload, type ExportColumn, type ExportFormat, type RegisterDownload } from '~/lib/register-export.server'
import type { ActivityRow, VisitRow } from './records.server'

/**
 * The activity and visit-diary registers as files (XLSX or CSV): the columns of the register page, in
 * the user's language, one row per filtered record in the page's order. `t` translates the pairing texts.
 */

type Org = { name: string; name_en: string | null; code: string | null }

const orgName = (name: string | null, nameEn: string | null, language: string) => (name === null ? null : nameOf({ name, name_en: nameEn }, language))

function fileOf(kind: 'activities' | 'visits', org: Org, rows: number, truncated: boolean, language: string, t: TFunction) {
  const name = nameOf(org, language)
  return {
    name: t(`export.${kind}Filename`, { org: name }),
    asciiName: `${org.code ?? 'pairing'}-${kind === 'activities' ? 'activities' : 'visit-diaries'}`,
    sheet: name,
    truncatedNote: truncated ? t('export.truncated', { formatted: formatNumber(rows, language) }) : undefined,
  }
}

/** The activity register's filtered rows as a file; `truncated`: more matched, its last row says so. */
export function activitiesDownload(format: ExportFormat, org: Org, rows: ActivityRow[], truncated: boolean, language: string, t: TFunction): Promise<RegisterDownload> {
  const columns: ExportColumn<ActivityRow>[] = [
    { header: t('columns.occurredOn'), width: 11, value: (r) => ({ day: r.occurred_on }) },
    { header: t('columns.kind'), width: 16, value: (r) => t(`kinds.${r.kind}`) },
    { header: t('columns.title'), width: 30, value: (r) => r.title },
    { header: t('columns.village'), width: 14, value: (r) => orgName(r.village_name, r.village_name_en, language) },
    { header: t('columns.unit'), width: 20, value: (r) => orgName(r.unit_name, r.unit_name_en, language) ?? t('activities.byVillage') },
    { header: t('columns.participants'), width: 8, value: (r) => r.participants },
    { header: t('columns.funds'), width: 12, value: (r) => (r.funds === null ? null : { amount: Number(r.funds), decimals: 2 }) },
    { header: t('columns.goods'), width: 20, value: (r) => r.goods },
  ]
  return registerDownload(format, columns, rows, fileOf('activities', org, rows.length, truncated, language, t))
}

/** The visit-diary register's filtered rows as a file; `truncated` as activitiesDownload. */
export function visitsDownload(format: ExportFormat, org: Org, rows: VisitRow[], truncated: boolean, language: string, t: TFunction): Promise<RegisterDownload> {
  const columns: ExportColumn<VisitRow>[] = [
    { header: t('columns.visitedOn'), width: 11, value: (r) => ({ day: r.visited_on }) },
    { header: t('columns.village'), width: 14, value: (r) => orgName(r.village_name, r.village_name_en, language) },
    { header: t('columns.unit'), width: 20, value: (r) => orgName(r.unit_name, r.unit_name_en, language) },
    { header: t('columns.cadre'), width: 10, value: (r) => r.cadre_name },
    { header: t('columns.peopleMet'), width: 8, value: (r) => r.people_met },
    { header: t('columns.notes'), width: 60, value: (r) => r.notes },
  ]
  return registerDownload(format, columns, rows, fileOf('visits', org, rows.length, truncated, language, t))
}
