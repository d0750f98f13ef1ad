/**
 * The hooks of a test file about the local auth provider (sign-in, sessions, forms carried through
 * sign-in): the provider with a fixed session secret, the test database (handed to `ready`), the sign-in
 * attempts cleared before each test, so that rate limits never carry over from one to the next, and
 * after the file, with `cleanup` first; then the environment is read again.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { closeDb, type Db } from '../../app/lib/db.server'
import { resetEnvCache } from '../../app/lib/env.server'
import { createTestDb } from './test-db'

export function useLocalAuthTestDb(ready: (db: Db) => void, cleanup?: (db: Db) => Promise<void>): void {
  let db: Db
  beforeAll(async () => {
    process.env.AUTH_PROVIDER = 'local'
    process.env.SESSION_SECRET = 'integration-test-session-secret-0123456789abcdef'
    resetEnvCache()
    db = await createTestDb()
    ready(db)
  })
  afterAll(async () => {
    await cleanup?.(db)
    await db.deleteFrom('private.sign_in_attempts').execute()
    await closeDb()
    resetEnvCache()
  })
  beforeEach(async () => {
    await db.deleteFrom('private.sign_in_attempts').execute()
  })
}
