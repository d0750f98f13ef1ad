import type { LoaderFunctionArgs } from '@remix-run/node'
import { templateWorkbook } from '~/domain/households/households.server'
import { HOUSEHOLD_COLUMNS, PAIR_COLUMNS } from '~/domain/households/import'
import { workbookResponse } from '~/lib/download.server'
import { withUser } from '~/lib/db.server'
import { downloadLoader } from '~/lib/error-page.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'

/**
 * The empty workbook an import takes, headers in the user's language: the households import's
 * (`households/import/template.xlsx`) or the cadre ↔ household pairs import's
 * (`households/pairs-import/template.xlsx`), as the URL says. A resource route: a download link gets
 * the file, not the import page.
 */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  await withUser(claims, (tx) => requireUserCan(tx, 'households', 'manage', orgId))
  const t = await getFixedT(request, 'households')
  const workbook = new URL(request.url).pathname.includes('/pairs-import/')
    ? await templateWorkbook(PAIR_COLUMNS.map((c) => t(`columns.${c}`)), t('importPairs'), t('export.pairsTemplate'), 'cadre-pairs-import-template.xlsx')
    : await templateWorkbook(HOUSEHOLD_COLUMNS.map((c) => t(`columns.${c}`)), t('heading'), t('export.householdsTemplate'), 'households-import-template.xlsx')
  return workbookResponse(workbook)
})
