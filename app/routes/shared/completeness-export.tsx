import type { LoaderFunctionArgs } from '@remix-run/node'
import { addMonths, periodFromMonth, periodOfDate } from '~/domain/monthly-reports/completeness'
import { todayInShanghai } from '~/domain/monthly-reports/completeness.server'
import { monthWorkbook } from '~/domain/monthly-reports/export.server'
import { workbookResponse } from '~/lib/download.server'
import { withUser } from '~/lib/db.server'
import { downloadLoader } from '~/lib/error-page.server'
import { getFixedT, getLocale } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { inExportSlot } from '~/lib/work-slots.server'

/**
 * XLSX of one month for the county or the town (`?month=2026-10`, default the last closed month):
 * a row per village, the template's fields as columns. Rows are what RLS lets the user read.
 */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  const portal = url.pathname.split('/')[1]
  if (portal !== 'county' && portal !== 'town') throw new Response('Not found', { status: 404 })
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const [language, t] = await Promise.all([getLocale(request), getFixedT(request, 'completeness')])
  const workbook = await inExportSlot(request, claims.sub, () =>
    withUser(claims, async (tx) => {
      await requireUserCan(tx, 'reports', 'read', orgId)
      const current = periodOfDate(await todayInShanghai(tx))
      const asked = url.searchParams.get('month')
      const period = asked ? periodFromMonth(asked) : addMonths(current, -1)
      if (!period || period > current) throw new Response('Bad request', { status: 400 })
      const scope = await tx.selectFrom('orgs').select(['id', 'name', 'name_en', 'code']).where('id', '=', orgId).executeTakeFirst()
      if (!scope) throw new Response('Not found', { status: 404 })
      return monthWorkbook(tx, scope, period, language, t)
    }),
  )
  return workbookResponse(workbook)
})
