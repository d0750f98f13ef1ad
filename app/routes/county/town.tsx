import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { VillageTable, villageFilterFrom } from '~/components/village-table'
import { isDescendant, listVillagesOfTown } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requireUuidParam } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'county', params.orgId)
  const townId = requireUuidParam(params.townId)
  return withUser(claims, async (tx) => {
    const town = await tx.selectFrom('orgs').select(['id', 'name', 'name_en', 'code']).where('id', '=', townId).where('kind', '=', 'town').executeTakeFirst()
    if (!town || !(await isDescendant(tx, orgId, townId))) throw new Response('Not found', { status: 404 })
    return { town, villages: await listVillagesOfTown(tx, townId, villageFilterFrom(new URL(request.url))) }
  })
}

export default function CountyTown() {
  const { town, villages } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('orgs')
  return (
    <>
      <p>
        <Link to="..">{t('county.backToTowns')}</Link>
      </p>
      <h2>
        {i18n.language === 'en' && town.name_en ? town.name_en : town.name} <span className="muted">{town.code}</span>
      </h2>
      <VillageTable villages={villages} linkBase="../villages" />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
