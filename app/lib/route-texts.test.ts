import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PAGE_NAMESPACES } from './i18n-resources'

/**
 * A page's document brings the texts of the namespaces its routes declare in `handle.i18n` (with
 * PAGE_NAMESPACES); a namespace a component uses but its route does not declare would be fetched before
 * the page can hydrate (a round trip more on a weak link), a declared one nobody uses is paid for
 * nothing. This test follows each route module's imports (not the server-only ones: they translate on
 * the server) and compares the namespaces their components use with the declaration.
 */
const APP = path.resolve(import.meta.dirname, '..')

function resolveImport(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('~/')) base = path.join(APP, spec.slice(2))
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec)
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

/** The namespaces a module and the modules it imports for the browser use. */
function namespacesUsed(file: string, seen = new Set<string>()): Set<string> {
  const used = new Set<string>()
  if (seen.has(file)) return used
  seen.add(file)
  const source = readFileSync(file, 'utf8')
  for (const m of source.matchAll(/useTranslation\(\s*(?:'([a-z-]+)')?\s*\)/g)) used.add(m[1] ?? 'common')
  // a component told its namespace, e.g. <Pager ns="concerns" />
  for (const m of source.matchAll(/\bns=(?:"([a-z-]+)"|\{'([a-z-]+)'\})/g)) used.add((m[1] ?? m[2])!)
  for (const m of source.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
    const spec = (m[1] ?? m[2])!
    if (/\.server(\.|$)/.test(spec) || spec.includes('?')) continue
    const target = resolveImport(file, spec)
    if (target && !/\.server\.tsx?$/.test(target)) for (const ns of namespacesUsed(target, seen)) used.add(ns)
  }
  return used
}

function declared(file: string): string[] | null {
  const m = /export const handle = \{ i18n: \[([^\]]*)\] \} satisfies TextsHandle/.exec(readFileSync(file, 'utf8'))
  return m ? [...m[1]!.matchAll(/'([a-z-]+)'/g)].map((n) => n[1]!) : null
}

const routeFiles = [...new Set([...readFileSync(path.join(APP, 'routes.ts'), 'utf8').matchAll(/'(routes\/[^']+\.tsx)'/g)].map((m) => m[1]!))]

describe('the texts a page brings', () => {
  it('finds the route modules', () => {
    expect(routeFiles.length).toBeGreaterThan(40)
    expect(routeFiles).toContain('routes/village/report.tsx')
  })

  it.each(['root.tsx', 'routes/shared/portal-layout.tsx'])('%s uses only the namespaces every page brings', (file) => {
    expect([...namespacesUsed(path.join(APP, file))].filter((ns) => !(PAGE_NAMESPACES as readonly string[]).includes(ns))).toEqual([])
  })

  it.each(routeFiles)('%s declares exactly the namespaces its components use', (file) => {
    const used = [...namespacesUsed(path.join(APP, file))].filter((ns) => !(PAGE_NAMESPACES as readonly string[]).includes(ns)).sort()
    const list = declared(path.join(APP, file))
    if (used.length === 0) expect(list ?? []).toEqual([])
    else expect((list ?? []).slice().sort()).toEqual(used)
  })

  it('sees a namespace used deep in the imports', () => {
    // the report form's fields come from components/reports/*, which use the monthly-reports texts
    expect(namespacesUsed(path.join(APP, 'routes/village/report.tsx'))).toContain('monthly-reports')
  })
})
