import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { VillageProfile } from '~/components/village-profile'
import { getVillage } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { userCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  return withUser(claims, async (tx) => {
    const village = await getVillage(tx, orgId)
    if (!village) throw new Response('Not found', { status: 404 })
    return { village, canEdit: await userCan(tx, 'orgs', 'update', orgId) }
  })
}

/** The village's own profile page. */
export default function VillageHome() {
  const { village, canEdit } = useLoaderData<typeof loader>()
  const { t } = useTranslation('orgs')
  return (
    <>
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
