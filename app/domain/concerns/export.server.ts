import type { TFunction } from 'i18next'
import { nameOf } from '~/lib/download.server'
import type { PortalKind } from '~/lib/portal.server'
import { formatNumber } from '~/lib/intl'
import { registerDownload, type ExportColumn, type ExportFormat, type RegisterDownload } from '~/lib/register-export.server'
import type { ConcernRow } from './concerns.server'
import type { ConcernKind } from './schema'

/**
 * One tab of the concern register (files, opinions or cases) as a file (XLSX or CSV): the tab's columns
 * as the register page shows them, in the user's language. What the user may not read RLS has already
 * left out (a unit never gets a private record); the privacy column is left out where the page offers
 * no privacy filter (the unit portal). `t` translates the concern texts.
 */

const ASCII_NAMES: Record<ConcernKind, string> = { file: 'concern-files', opinion: 'opinions', case: 'concern-cases' }

export function concernsDownload(
  format: ExportFormat,
  portal: PortalKind,
  tab: ConcernKind,
  org: { name: string; name_en: string | null; code: string | null },
  rows: ConcernRow[],
  truncated: boolean,
  language: string,
  t: TFunction,
): Promise<RegisterDownload> {
  const headColumn = tab === 'file' ? 'personName' : tab === 'opinion' ? 'content' : 'title'
  const onColumn = tab === 'file' ? 'openedOn' : tab === 'opinion' ? 'raisedOn' : 'createdOn'
  const columns: ExportColumn<ConcernRow>[] = [
    { header: t(`columns.${headColumn}`), width: tab === 'opinion' ? 50 : 20, value: (r) => r.headline },
    { header: t('columns.village'), width: 14, value: (r) => nameOf({ name: r.village_name, name_en: r.village_name_en }, language) },
    { header: t(`columns.${onColumn}`), width: 11, value: (r) => ({ day: r.on }) },
    ...(tab === 'case'
      ? ([
          { header: t('columns.state'), width: 12, value: (r) => (r.state ? t(`states.${r.state}`) : null) },
          { header: t('columns.owner'), width: 10, value: (r) => r.owner_name },
          { header: t('columns.dueOn'), width: 11, value: (r) => ({ day: r.due_on }) },
        ] satisfies ExportColumn<ConcernRow>[])
      : []),
    ...(tab === 'file' ? [{ header: t('columns.summary'), width: 40, value: (r: ConcernRow) => r.detail }] : []),
    { header: t('columns.unit'), width: 20, value: (r) => (r.unit_name === null ? null : nameOf({ name: r.unit_name, name_en: r.unit_name_en }, language)) },
    ...(portal === 'unit' ? [] : [{ header: t('columns.private'), width: 6, value: (r: ConcernRow) => (r.is_private ? t('export.yes') : t('export.no')) }]),
  ]
  const name = nameOf(org, language)
  return registerDownload(format, columns, rows, {
    name: t('export.filename', { org: name, tab: t(`tabs.${tab}`) }),
    asciiName: `${org.code ?? 'concerns'}-${ASCII_NAMES[tab]}`,
    sheet: t(`tabs.${tab}`),
    truncatedNote: truncated ? t('export.truncated', { formatted: formatNumber(rows.length, language) }) : undefined,
  })
}
