import type { PortalKind } from '~/lib/portal.server'

/** The shared concern pages serve several portals; the URL's first segment says which. */
export function portalFrom(url: URL, allowed: PortalKind[] = ['county', 'town', 'village', 'unit']): PortalKind {
  const first = url.pathname.split('/')[1] as PortalKind
  if (!allowed.includes(first)) throw new Response('Not found', { status: 404 })
  return first
}
