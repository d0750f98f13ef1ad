import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { VillageTable, villageFilterFrom } from '~/components/village-table'
import { listVillagesOfTown } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requirePortalUser } from '~/lib/portal-shell.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'town', params.orgId)
  return withUser(claims, async (tx) => ({
    villages: await listVillagesOfTown(tx, orgId, villageFilterFrom(new URL(request.url))),
  }))
}

/** The town's villages and communities. */
export default function TownHome() {
  const { villages } = useLoaderData<typeof loader>()
  const { t } = useTranslation('orgs')
  return (
    <>
      <h2>{t('town.villagesHeading')}</h2>
      <VillageTable villages={villages} linkBase="villages" />
    </>
  )
}
