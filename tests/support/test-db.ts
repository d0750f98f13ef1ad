/**
 * Test database helpers for integration tests:
 *
 *   const db = await createTestDb()          // in beforeAll; afterAll(closeDb)
 *   await withUser(await claimsFor('yunmen.secretary@ruyuan.demo'), (tx) => …)
 *
 * Without DATABASE_URL every test file gets its own in-memory PGlite loaded from the seeded dump
 * that tests/support/global-setup.ts built, so writes never leak between files. With DATABASE_URL
 * the files share the database global setup prepared (they run serially).
 */
import fs from 'node:fs'
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { createPgliteBackend, createPostgresBackend } from '../../app/lib/db-backend.server'
import { closeDb, getRawDb, useBackend, type Claims, type Db } from '../../app/lib/db.server'

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../app/lib/seed.server'

/** Installs a fully migrated and seeded database as this process's database and returns it. */
export async function createTestDb(): Promise<Db> {
  await closeDb()
  const url = process.env.DATABASE_URL
  if (url) return useBackend(createPostgresBackend(url, 4))

  const dumpFile = inject('pgliteDump')
  if (!dumpFile) throw new Error('No PGlite dump: is tests/support/global-setup.ts configured as globalSetup?')
  const tar = new Blob([fs.readFileSync(dumpFile)], { type: 'application/x-tar' })
  return useBackend(await createPgliteBackend(null, tar))
}

/** The claims a verified session of this user would carry (user looked up in auth.users). */
export async function claimsFor(email: string): Promise<Claims> {
  const db = await getRawDb()
  const user = await db
    .selectFrom('auth.users')
    .select(['id', 'email'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst()
  if (!user) throw new Error(`No user ${email} in auth.users`)
  return {
    sub: user.id,
    role: 'authenticated',
    email: user.email ?? email,
    exp: Math.floor(Date.now() / 1000) + 3600,
    session_id: randomUUID(),
    aal: 'aal1',
  }
}
