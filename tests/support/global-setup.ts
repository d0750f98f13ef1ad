/**
 * vitest globalSetup: prepares one migrated and seeded database per test run.
 *
 * - Without DATABASE_URL: builds a PGlite once (from the migrated template, as the server would), dumps its data directory to a temp file and hands
 *   the path to the test files (`inject('pgliteDump')`); each file then starts its own in-memory
 *   copy (tests/support/test-db.ts), so files run in parallel and cannot see each other's writes.
 * - With DATABASE_URL: wipes that database (app schemas only; refuses on Supabase), migrates and
 *   seeds it once; the files share it and run one after another (vitest.config.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kysely } from 'kysely'
import type { TestProject } from 'vitest/node'
import { createPostgresBackend, type Backend } from '../../app/lib/db-backend.server'
import type { Database } from '../../app/lib/db-types'
import { migrate } from '../../app/lib/migrate.server'
import { openEmbedded } from '../../app/lib/pglite-template.server'
import { seedDemo, wipeDatabase } from '../../app/lib/seed.server'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the PGlite data-directory dump (a tar), or null when the run uses DATABASE_URL. */
    pgliteDump: string | null
  }
}

/** Bcrypt cost for the test seed: cheap, and the demo password still verifies. */
const TEST_BCRYPT_COST = 4

async function prepare(backend: Backend) {
  const db = new Kysely<Database>({ dialect: backend.dialect })
  await migrate(backend, db)
  await seedDemo(db, { bcryptCost: TEST_BCRYPT_COST })
  return db
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (url) {
    const backend = createPostgresBackend(url, 1)
    const db = new Kysely<Database>({ dialect: backend.dialect })
    try {
      await wipeDatabase(backend, db)
      await prepare(backend)
    } finally {
      await db.destroy()
    }
    project.provide('pgliteDump', null)
    return
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'))
  const dataDir = path.join(workDir, 'pgdata')
  // from the migrated template when there is one (ADR 0020), as the server's embedded database starts
  const { db } = await openEmbedded(dataDir)
  await seedDemo(db, { bcryptCost: TEST_BCRYPT_COST })
  await db.destroy()

  // Reopen the closed directory directly to dump it: the backend does not expose its PGlite.
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = await PGlite.create({ dataDir })
  const dump = await pglite.dumpDataDir('none')
  await pglite.close()
  const dumpFile = path.join(workDir, 'seeded.tar')
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()))
  fs.rmSync(dataDir, { recursive: true, force: true })
  project.provide('pgliteDump', dumpFile)

  return () => {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}
