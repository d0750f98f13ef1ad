import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import completenessCss from '~/components/completeness/completeness.css?url'
import { VillageReportNotices } from '~/components/completeness/report-notices'
import { VillageProfile } from '~/components/village-profile'
import { todayInShanghai, villageNotices } from '~/domain/monthly-reports/completeness.server'
import { getVillage } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { userCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['completeness', 'orgs'] } satisfies TextsHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: completenessCss }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  return withUser(claims, async (tx) => {
    const village = await getVillage(tx, orgId)
    if (!village) throw new Response('Not found', { status: 404 })
    const notices = (await userCan(tx, 'reports', 'read', orgId)) ? await villageNotices(tx, orgId, await todayInShanghai(tx)) : []
    return { village, notices, canEdit: await userCan(tx, 'orgs', 'update', orgId) }
  })
}

/** The village's own profile page, with what is due about its monthly reports on top. */
export default function VillageHome() {
  const { village, notices, canEdit } = useLoaderData<typeof loader>()
  const { t } = useTranslation('orgs')
  const [params] = useSearchParams()
  return (
    <>
      {params.get('saved') === 'profile' ? (
        <p className="notice notice--ok" role="status">
          {t('village.profileSaved')}
        </p>
      ) : null}
      <VillageReportNotices notices={notices} villageBase={`/village/${village.id}`} />
      <VillageProfile village={village} showTitle={false} />
      {canEdit ? (
        <p>
          <Link to="profile" className="button">
            {t('village.edit')}
          </Link>
        </p>
      ) : null}
    </>
  )
}
