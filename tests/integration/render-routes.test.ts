/**
 * A document's render keeps the route objects of its build (ADR 0019): @remix-run/react's RemixServer
 * makes them once per manifest and route modules (patches/@remix-run+react+2.17.5.patch), and
 * react-router-dom's static router its data routes once per routes array
 * (patches/react-router-dom+6.30.4.patch), so the router's memo of ranked branches finds them again.
 * What the server renders must not change: the browser's ESM builds of the same versions are left
 * unpatched, so they are the reference here. A small app of nested, index and parameter routes is
 * rendered by both, every URL several times, and the documents (with the partial route manifest that
 * lazy route discovery writes into them) must be the same.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createElement, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

interface Library {
  RemixServer: ComponentType<{ context: unknown; url: string }>
  Outlet: ComponentType
  Link: ComponentType<{ to: string; children?: string }>
  Scripts: ComponentType
  useLoaderData: () => unknown
  useParams: () => Record<string, string | undefined>
}

interface ManifestRoute {
  id: string
  parentId?: string
  path?: string
  index?: boolean
  module: string
  hasLoader: boolean
  hasAction: boolean
  hasClientLoader: boolean
  hasClientAction: boolean
  hasErrorBoundary: boolean
  imports: string[]
}

interface HandlerRoute {
  id: string
  path?: string
  index?: boolean
  loader?: (args: { params: Record<string, string | undefined> }) => unknown
  children?: HandlerRoute[]
}

const require = createRequire(import.meta.url)
const patchedFiles = {
  remixServer: path.join(path.dirname(require.resolve('@remix-run/react')), 'server.js'),
  staticRouter: require.resolve('react-router-dom/server'),
}
const patched = require('@remix-run/react') as Library
const patchedStaticRouter = require('react-router-dom/server') as { createStaticRouter: (routes: unknown[], context: unknown) => { routes: unknown[] } }
const { createStaticHandler } = require('@remix-run/router') as {
  createStaticHandler: (routes: HandlerRoute[]) => { query: (request: Request) => Promise<unknown> }
}
let reference: Library
let referenceStaticRouter: typeof patchedStaticRouter

beforeAll(async () => {
  const esm = path.join(path.dirname(require.resolve('@remix-run/react')), 'esm', 'index.js')
  reference = await import(pathToFileURL(esm).href)
  referenceStaticRouter = await import(pathToFileURL(path.join(path.dirname(patchedFiles.staticRouter), 'server.mjs')).href)
})

afterEach(() => {
  vi.restoreAllMocks()
})

const h = createElement

/** The route modules of the small app, made with one library's components (its own router contexts). */
function modulesFor(lib: Library) {
  const Root = () => h('html', null, h('body', null, h('nav', null, h(lib.Link, { to: '/town/t1' }, 'town'), h(lib.Link, { to: '..' }, 'up')), h(lib.Outlet), h(lib.Scripts)))
  const Town = () => h('section', null, h('h1', null, `town ${lib.useParams().townId}`), h(lib.Link, { to: 'reports' }, 'reports'), h(lib.Outlet))
  const TownIndex = () => h('p', null, `queue of ${JSON.stringify(lib.useLoaderData())}`)
  const Reports = () => h('p', null, `reports ${JSON.stringify(lib.useLoaderData())}`, h(lib.Link, { to: '../..' }, 'back'))
  const Unit = () => h('p', null, `unit ${lib.useParams().unitId}`)
  const Village = () => h('section', null, h('h1', null, 'village'), h(lib.Outlet))
  const Report = () => h('p', null, `report ${lib.useParams().month}`)
  return {
    root: { default: Root },
    'routes/town': { default: Town },
    'routes/town._index': { default: TownIndex },
    'routes/town.reports': { default: Reports },
    'routes/unit': { default: Unit },
    'routes/village': { default: Village },
    'routes/village.reports.$month': { default: Report },
  } as Record<string, { default: ComponentType }>
}

const manifestRoutes: Record<string, ManifestRoute> = Object.fromEntries(
  (
    [
      { id: 'root', path: '' },
      { id: 'routes/town', parentId: 'root', path: 'town/:townId' },
      { id: 'routes/town._index', parentId: 'routes/town', index: true, hasLoader: true },
      { id: 'routes/town.reports', parentId: 'routes/town', path: 'reports', hasLoader: true },
      { id: 'routes/unit', parentId: 'root', path: 'unit/:unitId' },
      { id: 'routes/village', parentId: 'root', path: 'village/:villageId' },
      { id: 'routes/village.reports.$month', parentId: 'routes/village', path: 'reports/:month' },
    ] as Partial<ManifestRoute>[]
  ).map((r) => [
    r.id!,
    { hasLoader: false, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false, imports: [], module: `/build/${r.id}.js`, ...r } as ManifestRoute,
  ]),
)

/** The server's handler routes (as Remix builds them from the manifest), with loaders where it says so. */
function handlerRoutes(parentId?: string): HandlerRoute[] {
  return Object.values(manifestRoutes)
    .filter((r) => r.parentId === parentId)
    .map((r) => {
      const children = handlerRoutes(r.id)
      return {
        id: r.id,
        path: r.path,
        index: r.index,
        loader: r.hasLoader ? ({ params }) => ({ route: r.id, params }) : undefined,
        ...(children.length ? { children } : {}),
      }
    })
}

const urls = ['/', '/town/t1', '/town/t1/', '/town/t1/reports', '/town/t2/reports', '/unit/u1', '/village/v1/reports/2026-06', '/village/v1', '/nowhere', '/town/t1/reports/extra']
const handler = createStaticHandler(handlerRoutes())
const future = { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false, v3_routeConfig: true, unstable_optimizeDeps: false }
const manifest = { routes: manifestRoutes, entry: { module: '/build/entry.client.js', imports: [] }, url: '/build/manifest.js', version: 'test' }

async function render(lib: Library, routeModules: Record<string, { default: ComponentType }>, url: string): Promise<string> {
  const staticHandlerContext = await handler.query(new Request(`http://localhost${url}`))
  if (staticHandlerContext instanceof Response) throw new Error(`${url} answered a Response`)
  const context = {
    manifest,
    routeModules,
    staticHandlerContext,
    future,
    isSpaMode: false,
    criticalCss: undefined,
    serverHandoffString: JSON.stringify({ future, isSpaMode: false }),
    serializeError: (error: Error) => ({ message: error.message }),
    renderMeta: {},
  }
  return renderToString(h(lib.RemixServer, { context, url: `http://localhost${url}` }))
}

describe('render route objects kept per build (patched @remix-run/react and react-router-dom)', () => {
  it('the installed CommonJS builds carry the patches', () => {
    expect(readFileSync(patchedFiles.remixServer, 'utf8')).toContain('serverRoutesByManifest')
    expect(readFileSync(patchedFiles.staticRouter, 'utf8')).toContain('dataRoutesByRoutes')
  })

  it('renders every URL, again and again, as the unpatched libraries render it, partial route manifest included', async () => {
    // The router warns of the URLs no route matches (rendered as the root's 404 by both).
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const createStaticRouter = vi.spyOn(patchedStaticRouter, 'createStaticRouter')
    const patchedModules = modulesFor(patched)
    const referenceModules = modulesFor(reference)
    for (let round = 0; round < 3; round++) {
      for (const url of urls) {
        const expected = await render(reference, referenceModules, url)
        expect(await render(patched, patchedModules, url), url).toBe(expected)
      }
    }
    // Every patched render handed the static router the same route objects.
    const rendered = createStaticRouter.mock.calls.map(([routes]) => routes)
    expect(rendered).toHaveLength(3 * urls.length)
    expect(new Set(rendered).size).toBe(1)
    // The documents are not trivially alike: the partial manifest names the parents' routes.
    const reports = await render(patched, patchedModules, '/town/t1/reports')
    expect(reports).toContain('reports {&quot;route&quot;:&quot;routes/town.reports&quot;')
    expect(reports).toContain('"routes/town._index"')
    expect(reports).not.toContain('"routes/unit"')
  })

  it('makes the route objects anew when a route module changes (a hot update in development)', async () => {
    const modules = modulesFor(patched)
    expect(await render(patched, modules, '/unit/u1')).toContain('unit u1')
    const updated = { ...modules, 'routes/unit': { default: () => h('p', null, 'updated unit page') } }
    const html = await render(patched, updated, '/unit/u1')
    expect(html).toContain('updated unit page')
    expect(html).not.toContain('unit u1')
    expect(await render(patched, modules, '/unit/u1')).toContain('unit u1')
  })

  it('the static router keeps the data routes of a routes array, and makes new ones for another array', async () => {
    const routes = [{ id: 'a', path: 'a', children: [{ id: 'a.b', path: 'b' }] }]
    const context = await createStaticHandler(routes).query(new Request('http://localhost/a/b'))
    const first = patchedStaticRouter.createStaticRouter(routes, context)
    expect(patchedStaticRouter.createStaticRouter(routes, context).routes).toBe(first.routes)
    const copy = structuredClone(routes)
    const other = patchedStaticRouter.createStaticRouter(copy, context)
    expect(other.routes).not.toBe(first.routes)
    expect(other.routes).toEqual(first.routes)
    // The reference is the unpatched build: it makes them anew every time.
    expect(referenceStaticRouter.createStaticRouter(routes, context).routes).not.toBe(referenceStaticRouter.createStaticRouter(routes, context).routes)
    expect(referenceStaticRouter.createStaticRouter(routes, context).routes).toEqual(first.routes)
  })
})
