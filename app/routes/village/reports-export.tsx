import type { LoaderFunctionArgs } from '@remix-run/node'
import { villageWorkbook } from '~/domain/monthly-reports/export.server'
import { workbookResponse } from '~/lib/download.server'
import { withUser } from '~/lib/db.server'
import { downloadLoader } from '~/lib/error-page.server'
import { getFixedT, getLocale } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { inExportSlot } from '~/lib/work-slots.server'

/** XLSX of the village's monthly reports across months: a row per month, the template's fields as columns. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  const [language, t] = await Promise.all([getLocale(request), getFixedT(request, 'completeness')])
  const workbook = await inExportSlot(request, claims.sub, () =>
    withUser(claims, async (tx) => {
      await requireUserCan(tx, 'reports', 'read', orgId)
      const village = await tx.selectFrom('orgs').select(['id', 'name', 'name_en', 'code']).where('id', '=', orgId).executeTakeFirst()
      if (!village) throw new Response('Not found', { status: 404 })
      return villageWorkbook(tx, village, language, t)
    }),
  )
  return workbookResponse(workbook)
})
