/**
 * Prints the permission matrix (private.permissions, the single source the RLS helpers read) as
 * docs/permissions.md. `npm run docs:permissions`; a test fails when the file is out of date.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PermissionRow } from '../app/lib/permissions.server'

export const DOC_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'permissions.md')

export function renderPermissionDoc(rows: PermissionRow[]): string {
  const roles = [...new Set(rows.map((r) => r.role))]
  const keys = [...new Set(rows.map((r) => `${r.domain}:${r.action}`))].sort()
  const lines = [
    '# Permission matrix',
    '',
    'Printed from `private.permissions` by `npm run docs:permissions`; do not edit by hand.',
    'Each cell is the scope in which the role holds the permission: `county`, `town` and `village` cover the',
    "membership org's subtree; `unit` covers the support unit and, for reads, the villages it is paired with today.",
    '',
    `| domain:action | ${roles.join(' | ')} |`,
    `|---|${roles.map(() => '---').join('|')}|`,
  ]
  for (const key of keys) {
    const [domain, action] = key.split(':')
    const cells = roles.map((role) => rows.find((r) => r.role === role && r.domain === domain && r.action === action)?.scope ?? '')
    lines.push(`| ${key} | ${cells.join(' | ')} |`)
  }
  return `${lines.join('\n')}\n`
}

async function main() {
  const { getRawDb, closeDb } = await import('../app/lib/db.server')
  const db = await getRawDb()
  const rows = await db.selectFrom('private.permissions').selectAll().orderBy('role').orderBy('domain').orderBy('action').execute()
  fs.writeFileSync(DOC_PATH, renderPermissionDoc(rows))
  console.log(`wrote ${path.relative(process.cwd(), DOC_PATH)}`)
  await closeDb()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main()
}
