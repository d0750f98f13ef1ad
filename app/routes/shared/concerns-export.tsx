import type { LoaderFunctionArgs } from '@remix-run/node'
import { portalFrom } from '~/components/concerns/portal'
import { exportConcerns } from '~/domain/concerns/concerns.server'
import { concernsDownload } from '~/domain/concerns/export.server'
import { concernFilterFrom } from '~/domain/concerns/schema'
import { withUser } from '~/lib/db.server'
import { downloadLoader } from '~/lib/error-page.server'
import { getFixedT, getLocale } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { EXPORT_LIMIT, exportFormatOf, registerResponse } from '~/lib/register-export.server'
import { inExportSlot } from '~/lib/work-slots.server'

/**
 * XLSX (`concerns/export.xlsx`) or CSV (`concerns/export.csv`) of one tab of the concern register, filtered
 * as the register page's URL says (`?tab=&state=&private=&unit=`; the page is ignored). A resource route:
 * a download link gets the file, not a page. RLS decides the rows (a unit never gets a private record).
 */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  const portal = portalFrom(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const filter = concernFilterFrom(url)
  const [language, t] = await Promise.all([getLocale(request), getFixedT(request, 'concerns')])
  const download = await inExportSlot(request, claims.sub, () =>
    withUser(claims, async (tx) => {
      await requireUserCan(tx, 'concerns', 'read', orgId)
      const org = await tx.selectFrom('orgs').select(['name', 'name_en', 'code']).where('id', '=', orgId).executeTakeFirstOrThrow()
      const { rows, truncated } = await exportConcerns(tx, portal, orgId, filter, EXPORT_LIMIT)
      return concernsDownload(exportFormatOf(url), portal, filter.tab, org, rows, truncated, language, t)
    }),
  )
  return registerResponse(download)
})
