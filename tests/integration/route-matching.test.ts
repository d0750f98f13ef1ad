/**
 * The server's route matching is @remix-run/router's CommonJS build with two memos added
 * (patches/@remix-run+router+1.23.3.patch, applied by `npm install`; ADR 0019): ranked branches per
 * routes array and compiled path patterns; and, within one call, only the branches the path's first
 * segment can match are tried, and the parents they share are matched once. Its answers must be the
 * library's own. The browser's ESM
 * build of the same version is left unpatched, so it is the reference here: every URL of the product
 * (and variants and random paths) is matched by both, on the same routes array again and again (the
 * memo's hits) and on fresh copies.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import routeConfig from '../../app/routes'

interface RouteObject {
  id: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
  children?: RouteObject[]
}

type MatchRoutes = (routes: RouteObject[], location: string, basename?: string) => unknown
type MatchPath = (pattern: { path: string; caseSensitive?: boolean; end?: boolean } | string, pathname: string) => unknown

const require = createRequire(import.meta.url)
const patchedFile = require.resolve('@remix-run/router')
const patched = require('@remix-run/router') as { matchRoutes: MatchRoutes; matchPath: MatchPath }
let original: { matchRoutes: MatchRoutes; matchPath: MatchPath }

beforeAll(async () => {
  original = await import(pathToFileURL(path.join(path.dirname(patchedFile), 'router.js')).href)
})

interface ConfigEntry {
  id?: string
  file: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
  children?: ConfigEntry[]
}

/** The app's route tree as Remix hands it to the router: the root layout around app/routes.ts. */
function appRoutes(): RouteObject[] {
  const convert = (entry: ConfigEntry): RouteObject => ({
    id: entry.id ?? entry.file,
    path: entry.path,
    index: entry.index,
    caseSensitive: entry.caseSensitive,
    children: entry.children?.map(convert),
  })
  return [{ id: 'root', path: '', children: (routeConfig as ConfigEntry[]).map(convert) }]
}

/** Every route's full path with its params filled in. */
function urlsOf(routes: RouteObject[], parent = ''): string[] {
  const urls: string[] = []
  for (const route of routes) {
    const full = route.path ? `${parent}/${route.path}`.replace(/\/+/g, '/') : parent
    if (route.path !== undefined || route.index) urls.push((full || '/').replace(/:(\w+)/g, (_, name: string) => `${name}-4b2e3788-6ef8-512c-8cde-fcef3a134cf7`))
    if (route.children) urls.push(...urlsOf(route.children, full))
  }
  return urls
}

/** What a match is made of, without the route objects' identity (compared by id). */
function shape(matches: unknown) {
  if (!Array.isArray(matches)) return matches
  return matches.map((m: { params: unknown; pathname: string; pathnameBase: string; route: RouteObject }) => ({
    params: m.params,
    pathname: m.pathname,
    pathnameBase: m.pathnameBase,
    route: m.route.id,
  }))
}

describe('route matching (patched @remix-run/router)', () => {
  it('the installed CommonJS build carries the patch', () => {
    const source = readFileSync(patchedFile, 'utf8')
    expect(source).toContain('rankedBranchesByRoutes')
    expect(source).toContain('byFirstSegment')
    expect(source).toContain('matchRouteBranchSharingParents')
  })

  it('matches every URL of the product as the library does, on the same routes array and on fresh ones', () => {
    const routes = appRoutes()
    const urls = urlsOf(routes)
    expect(urls.length).toBeGreaterThan(60)
    const variants = urls.flatMap((url) => [url, `${url}/`, url.toUpperCase(), `${url}/unknown`, `${url}/%E4%B9%B3%E6%BA%90`, `${url}.data`])
    for (let round = 0; round < 3; round++) {
      for (const url of variants) {
        const expected = shape(original.matchRoutes(appRoutes(), url))
        expect(shape(patched.matchRoutes(routes, url)), url).toEqual(expected)
        expect(shape(patched.matchRoutes(appRoutes(), url)), url).toEqual(expected)
      }
    }
  })

  it('matches random paths as the library does', () => {
    const routes = appRoutes()
    const segment = fc.oneof(
      fc.constantFrom('county', 'town', 'village', 'unit', 'reports', 'users', 'new', 'completeness', 'export.xlsx', 'COUNTY', '', '%2F', '..'),
      fc.string({ maxLength: 8 }),
    )
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, slash) => {
        const url = `/${segments.map(encodeURIComponent).join('/')}${slash ? '/' : ''}`
        expect(shape(patched.matchRoutes(routes, url))).toEqual(shape(original.matchRoutes(routes, url)))
      }),
      { numRuns: 2000 },
    )
  })

  it('tries only the branches a first segment can match, and finds what the library finds', () => {
    // A tree with every kind of first segment the index tells apart: static (case sensitive or not, with
    // regex characters, under pathless layouts and a "/" parent, absolute), dynamic, splat, optional,
    // non-ASCII, index routes, and one name shared by several branches of different rank; and parents
    // with parameters and pathless layouts below them, whose matches a call shares between branches.
    const tree: RouteObject[] = [
      {
        id: 'root',
        path: '',
        children: [
          { id: 'home', index: true },
          { id: 'layout', children: [{ id: 'county', path: 'county/:id', children: [{ id: 'county-index', index: true }, { id: 'county-x', path: 'x' }, { id: 'county-layout', children: [{ id: 'county-period', path: 'reports/:period', children: [{ id: 'county-period-index', index: true }, { id: 'county-edit', path: 'edit' }] }] }] }] },
          { id: 'slash', path: '/', children: [{ id: 'abs', path: '/abs/:id' }, { id: 'county-new', path: 'county/new' }] },
          { id: 'sensitive', path: 'Case/:id', caseSensitive: true },
          { id: 'dots', path: 'export.xlsx' },
          { id: 'optional', path: 'opt?/:id' },
          { id: 'lang', path: ':lang/county' },
          { id: 'chinese', path: '乳源/:id' },
          { id: 'star', path: 'files*' },
          { id: 'docs', path: 'docs/*' },
          { id: 'splat', path: '*' },
        ],
      },
    ]
    const first = fc.constantFrom('county', 'County', 'COUNTY', 'Case', 'case', 'export.xlsx', 'exportXxlsx', 'opt', 'abs', 'ABS', '乳源', 'files', 'filesx', 'docs', 'x', '', '\u212Aounty', 'cOunty')
    const rest = fc.array(fc.oneof(fc.constantFrom('x', 'new', 'county', '', 'X', 'reports', 'REPORTS', 'edit', '2026-06'), fc.string({ maxLength: 4 })), { maxLength: 4 })
    fc.assert(
      fc.property(first, rest, fc.boolean(), (head, tail, slash) => {
        const url = `/${[head, ...tail].map(encodeURIComponent).join('/')}${slash ? '/' : ''}`
        expect(shape(patched.matchRoutes(tree, url)), url).toEqual(shape(original.matchRoutes(tree, url)))
      }),
      { numRuns: 3000 },
    )
    for (const url of ['/', '', '//county/1', '/county/1/reports/2026-06', '/county/1/reports/2026-06/edit/', '/county/1/reports', '/county/1//reports/2', '/county/1/x', '/County/1/X', '/case/1', '/Case/1', '/opt/1', '/1', '/en/county', '/%E4%B9%B3%E6%BA%90/1', '/files', '/files/a', '/docs', '/docs/a/b', '/abs/1', '/export.xlsx', '/exportxxlsx']) {
      expect(shape(patched.matchRoutes(tree, url)), url).toEqual(shape(original.matchRoutes(tree, url)))
    }
  })

  it('keeps a pattern compiled with and without case sensitivity and end apart', () => {
    const cases = ['/County/x', '/county/x', '/county/x/y', '/county/x/']
    for (let round = 0; round < 2; round++) {
      for (const caseSensitive of [true, false, undefined]) {
        for (const end of [true, false, undefined]) {
          for (const pathname of cases) {
            const pattern = { path: '/county/:id', caseSensitive, end }
            expect(patched.matchPath(pattern, pathname), JSON.stringify({ pattern, pathname })).toEqual(original.matchPath(pattern, pathname))
          }
        }
      }
    }
    expect(patched.matchPath('/county/:id', '/County/x')).toEqual(original.matchPath('/county/:id', '/County/x'))
  })

  it('sees a changed route tree when it is a new array', () => {
    const routes: RouteObject[] = [{ id: 'a', path: 'a' }]
    expect(shape(patched.matchRoutes(routes, '/b'))).toBeNull()
    const changed = [...routes, { id: 'b', path: 'b' }]
    expect(shape(patched.matchRoutes(changed, '/b'))).toEqual(shape(original.matchRoutes(changed, '/b')))
  })
})
