import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import completenessCss from '~/components/completeness/completeness.css?url'
import { TownReportNotices } from '~/components/completeness/report-notices'
import { VillageTable, villageFilterFrom } from '~/components/village-table'
import { defaultRange } from '~/domain/monthly-reports/completeness'
import { todayInShanghai, townNotices } from '~/domain/monthly-reports/completeness.server'
import { listVillagesOfTown } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { userCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['completeness', 'orgs'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: completenessCss }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'town', params.orgId)
  return withUser(claims, async (tx) => {
    const villages = await listVillagesOfTown(tx, orgId, villageFilterFrom(new URL(request.url)))
    if (!(await userCan(tx, 'reports', 'read', orgId))) return { orgId, villages, notices: null, canReview: false }
    const today = await todayInShanghai(tx)
    return {
      orgId,
      villages,
      // The same months the completeness page shows by default, so its numbers and these agree.
      notices: await townNotices(tx, orgId, defaultRange(today), today),
      canReview: await userCan(tx, 'reports', 'review', orgId),
    }
  })
}

/** The town's villages and communities, with the monthly reports waiting for the town on top. */
export default function TownHome() {
  const { orgId, villages, notices, canReview } = useLoaderData<typeof loader>()
  const { t } = useTranslation('orgs')
  return (
    <>
      {notices ? <TownReportNotices counts={notices} townBase={`/town/${orgId}`} canReview={canReview} /> : null}
      <h2>{t('town.villagesHeading')}</h2>
      <VillageTable villages={villages} linkBase="villages" />
    </>
  )
}
