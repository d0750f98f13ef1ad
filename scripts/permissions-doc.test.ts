import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTestDb } from '../tests/support/test-db'
import { DOC_PATH, renderPermissionDoc } from './permissions-doc'

describe('docs/permissions.md', () => {
  it('is the permission matrix as the database holds it', async () => {
    const db = await createTestDb()
    const rows = await db.selectFrom('private.permissions').selectAll().orderBy('role').orderBy('domain').orderBy('action').execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(fs.readFileSync(DOC_PATH, 'utf8')).toBe(renderPermissionDoc(rows))
  })
})
