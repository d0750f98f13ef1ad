import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { VillageProfile } from '~/components/village-profile'
import { getVillage, isDescendant } from '~/domain/orgs/orgs.server'
import { withUser } from '~/lib/db.server'
import { requireUuidParam, type PortalKind } from '~/lib/portal.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['orgs'] } satisfies TextsHandle

/**
 * A village as the county, a town or a paired support unit sees it. The row comes through RLS:
 * a village outside the user's scope, or a unit's unpaired village, is simply not found.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const portal = new URL(request.url).pathname.split('/')[1] as PortalKind
  if (portal !== 'county' && portal !== 'town' && portal !== 'unit') throw new Response('Not found', { status: 404 })
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const villageId = requireUuidParam(params.villageId)
  return withUser(claims, async (tx) => {
    const village = await getVillage(tx, villageId)
    if (!village) throw new Response('Not found', { status: 404 })
    if (portal === 'unit') {
      // the unit portal shows only villages this unit is paired with now, not co-paired units' villages
      if (!village.pairings.some((p) => p.unit_id === orgId && p.active)) throw new Response('Not found', { status: 404 })
    } else if (!(await isDescendant(tx, orgId, villageId))) {
      throw new Response('Not found', { status: 404 })
    }
    return { village, portal, orgId }
  })
}

/** Back to where the village was found: the county's page of its town, the town's or the unit's home. */
export default function VillageView() {
  const { village, portal, orgId } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('orgs')
  const home = `/${portal}/${orgId}`
  const town = i18n.language === 'en' && village.town_name_en ? village.town_name_en : village.town_name
  return (
    <>
      <p>
        {portal === 'county' && village.town_id ? (
          <Link to={`${home}/towns/${village.town_id}`}>{t('village.backToTown', { town })}</Link>
        ) : (
          <Link to={home}>{t('village.back')}</Link>
        )}
      </p>
      <VillageProfile village={village} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
