/**
 * Test database helpers for integration tests:
 *
 *   const db = await createTestDb()          // in beforeAll; afterAll(closeDb)
 *   await withUser(await claimsFor('yunmen.secretary@ruyuan.demo'), (tx) => …)
 *   const { db, dispose } = await createPristineDb()   // the demo exactly as seeded, raw access only
 *
 * Without DATABASE_URL every test file gets its own in-memory PGlite loaded from the seeded dump
 * that tests/support/global-setup.ts built, so writes never leak between files. With DATABASE_URL
 * the files share the database global setup prepared (they run serially).
 */
import fs from 'node:fs'
import { randomUUID } from 'node:crypto'
import { Kysely, sql } from 'kysely'
import { inject } from 'vitest'
import { createPgliteBackend, createPostgresBackend } from '../../app/lib/db-backend.server'
import { closeDb, createServerPostgresBackend, getRawDb, useBackend, type Claims, type Db } from '../../app/lib/db.server'
import type { Database } from '../../app/lib/db-types'
import { migrate } from '../../app/lib/migrate.server'
import { seedDemo } from '../../app/lib/seed.server'

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../app/lib/seed.server'

/** Installs a fully migrated and seeded database as this process's database and returns it. */
export async function createTestDb(): Promise<Db> {
  await closeDb()
  const url = process.env.DATABASE_URL
  if (url) return useBackend(createServerPostgresBackend(url, 4))

  const dumpFile = inject('pgliteDump')
  if (!dumpFile) throw new Error('No PGlite dump: is tests/support/global-setup.ts configured as globalSetup?')
  const tar = new Blob([fs.readFileSync(dumpFile)], { type: 'application/x-tar' })
  return useBackend(await createPgliteBackend(null, tar))
}

/**
 * A raw handle on a database holding the demo exactly as seeded, for tests that assert the seed
 * itself while other files change the shared one. PGlite: another in-memory copy of the seeded dump.
 * Postgres: a scratch database beside DATABASE_URL's (its name + `_pristine`), migrated and seeded
 * here, dropped by dispose(). Not this process's database: withUser does not see it.
 */
export async function createPristineDb(): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const dumpFile = inject('pgliteDump')
    if (!dumpFile) throw new Error('No PGlite dump: is tests/support/global-setup.ts configured as globalSetup?')
    const backend = await createPgliteBackend(null, new Blob([fs.readFileSync(dumpFile)], { type: 'application/x-tar' }))
    const db = new Kysely<Database>({ dialect: backend.dialect })
    return { db, dispose: () => db.destroy() }
  }

  const target = new URL(url)
  const name = `${target.pathname.slice(1) || 'postgres'}_pristine`
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`createPristineDb: cannot derive a database name from ${name}`)
  const admin = new Kysely<Database>({ dialect: createPostgresBackend(url, 1).dialect })
  const recreate = async (create: boolean) => {
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin)
    if (create) await sql.raw(`create database ${name}`).execute(admin)
  }
  await recreate(true)
  target.pathname = `/${name}`
  const backend = createPostgresBackend(target.toString(), 2)
  const db = new Kysely<Database>({ dialect: backend.dialect })
  await migrate(backend, db)
  await seedDemo(db, { bcryptCost: 4 })
  return {
    db,
    dispose: async () => {
      await db.destroy()
      await recreate(false)
      await admin.destroy()
    },
  }
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

/**
 * A database of the test file's own, installed as the process database: on PGlite the usual per-file
 * copy; on Postgres a fresh `<db>_<suffix>` database, migrated and seeded, dropped by `dispose`. For
 * files that write freely (fuzzing) or sign in many times, so the shared database stays as seeded.
 */
export async function createIsolatedTestDb(suffix: string): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) return { db: await createTestDb(), dispose: closeDb }
  await closeDb()
  const target = new URL(url)
  const name = `${target.pathname.slice(1) || 'postgres'}_${suffix}`
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`createIsolatedTestDb: cannot derive a database name from ${name}`)
  const admin = new Kysely<Database>({ dialect: createPostgresBackend(url, 1).dialect })
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin)
  await sql.raw(`create database ${name}`).execute(admin)
  target.pathname = `/${name}`
  const backend = createPostgresBackend(target.toString(), 4)
  const db = useBackend(backend)
  await migrate(backend, db)
  await seedDemo(db, { bcryptCost: 4 })
  return {
    db,
    dispose: async () => {
      await closeDb()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin)
      await admin.destroy()
    },
  }
}
