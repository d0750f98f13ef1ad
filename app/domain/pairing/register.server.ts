import type { LoaderFunctionArgs } from '@remix-run/node'
import { withUser, type Tx } from '~/lib/db.server'
import { requireGranted, userCanEach } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { registerFilterFrom } from './filters'
import { portalOfUrl } from './kinds'
import { PAGE_SIZE, villagesOfScope, type RecordFilter, type Scope } from './records.server'

/**
 * The loader of a register of pairing records (activities, visit diaries) in any portal: one page of
 * the records the user may read in the portal's scope, filtered by the URL, the villages to filter by,
 * and whether the user may record a new one here (villages and units record; towns and the county read).
 */
export async function loadRegister<Page extends object>(
  { request, params }: LoaderFunctionArgs,
  domain: 'activities' | 'visits',
  list: (tx: Tx, scope: Scope, filter: RecordFilter) => Promise<Page>,
) {
  const url = new URL(request.url)
  const portal = portalOfUrl(url)
  const { claims, orgId } = await requirePortalUser(request, portal, params.orgId)
  const filter = registerFilterFrom(url)
  return withUser(claims, async (tx) => {
    const can = await userCanEach(tx, orgId, { read: [domain, 'read'], create: [domain, 'create'] })
    requireGranted(can.read)
    const scope = { portal, orgId }
    const page = await list(tx, scope, filter)
    const villages = await villagesOfScope(tx, scope)
    const canCreate = (portal === 'village' || portal === 'unit') && can.create
    return { ...page, villages, canCreate, pageSize: PAGE_SIZE }
  })
}

/** The portal of a page that records activities or visits: only villages and units record them. */
export function recordingPortal(request: Request): 'village' | 'unit' {
  const portal = portalOfUrl(new URL(request.url))
  if (portal !== 'village' && portal !== 'unit') throw new Response('Not found', { status: 404 })
  return portal
}
