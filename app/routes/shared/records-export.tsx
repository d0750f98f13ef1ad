import type { LoaderFunctionArgs } from '@remix-run/node'
import { activitiesDownload, visitsDownload } from '~/domain/pairing/export.server'
import { registerFilterFrom } from '~/domain/pairing/filters'
import { portalOfUrl } from '~/domain/pairing/kinds'
import { exportActivities, exportVisits } from '~/domain/pairing/records.server'
import { withUser } from '~/lib/db.server'
import { downloadLoader } from '~/lib/error-page.server'
import { getFixedT, getLocale } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { EXPORT_LIMIT, exportFormatOf, registerResponse } from '~/lib/register-export.server'
import { inExportSlot } from '~/lib/work-slots.server'

/**
 * XLSX (`activities/export.xlsx`, `visits/export.xlsx`) or CSV (`….csv`) of the activity or the visit-diary
 * register, filtered and sorted as the register page's URL says (`?village=&kind=&from=&to=&unit=&sort=&dir=`;
 * the page is ignored). A resource route: a download link gets the file, not a page. RLS decides the rows.
 */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  const portal = portalOfUrl(url)
  const register = url.pathname.split('/').at(-2)
  if (register !== 'activities' && register !== 'visits') throw new Response('Not found', { status: 404 })
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const filter = registerFilterFrom(url)
  const [language, t] = await Promise.all([getLocale(request), getFixedT(request, 'pairing')])
  const download = await inExportSlot(request, claims.sub, () =>
    withUser(claims, async (tx) => {
      await requireUserCan(tx, register, 'read', orgId)
      const org = await tx.selectFrom('orgs').select(['name', 'name_en', 'code']).where('id', '=', orgId).executeTakeFirstOrThrow()
      const scope = { portal, orgId }
      const format = exportFormatOf(url)
      if (register === 'activities') {
        const { rows, truncated } = await exportActivities(tx, scope, filter, EXPORT_LIMIT)
        return activitiesDownload(format, org, rows, truncated, language, t)
      }
      const { rows, truncated } = await exportVisits(tx, scope, filter, EXPORT_LIMIT)
      return visitsDownload(format, org, rows, truncated, language, t)
    }),
  )
  return registerResponse(download)
})
