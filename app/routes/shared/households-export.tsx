import type { LoaderFunctionArgs } from '@remix-run/node'
import { portalFrom } from '~/components/concerns/portal'
import { householdFilterFrom, householdsWorkbook, listHouseholds } from '~/domain/households/households.server'
import { workbookResponse } from '~/lib/download.server'
import { withUser } from '~/lib/db.server'
import { downloadLoader } from '~/lib/error-page.server'
import { getFixedT, getLocale } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { EXPORT_LIMIT } from '~/lib/register-export.server'
import { inExportSlot } from '~/lib/work-slots.server'

/**
 * XLSX of the household register of a village or a town, filtered as the register page's URL filters it
 * (`?q=&status=&village=&active=`). A resource route: a download link gets the file, not a page.
 */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  // personal data: villages and towns only (units get 404, RLS refuses them too)
  const portal = portalFrom(url, ['village', 'town'])
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const filter = householdFilterFrom(url)
  const [language, t] = await Promise.all([getLocale(request), getFixedT(request, 'households')])
  const workbook = await inExportSlot(request, claims.sub, () =>
    withUser(claims, async (tx) => {
      await requireUserCan(tx, 'households', 'read', orgId)
      const org = await tx.selectFrom('orgs').select(['name', 'name_en', 'code']).where('id', '=', orgId).executeTakeFirstOrThrow()
      const { rows, truncated } = await listHouseholds(tx, orgId, filter, EXPORT_LIMIT)
      return householdsWorkbook(tx, org, rows, language, t, truncated)
    }),
  )
  return workbookResponse(workbook)
})
