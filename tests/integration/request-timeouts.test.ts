/**
 * A request's transaction is bounded (REQUEST_TIMEOUTS in app/lib/db.server.ts), the service path's too
 * (sign-in, password changes, user management), and the one statement a request runs outside a
 * transaction (the session check), on every connection of the server's pool: a statement that
 * runs too long or waits too long for a lock is cancelled, its transaction rolls back and the user
 * gets the 503 "try again" page instead of a request that never ends while it holds a pooled connection.
 */
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getBackend, REQUEST_TIMEOUTS, withAnon, withUser, type Db, type Tx } from '../../app/lib/db.server'
import { createPostgresBackend } from '../../app/lib/db-backend.server'
import { isDatabaseUnavailable } from '../../app/lib/security.server'
import { serviceRead, withService } from '../../app/lib/service.server'
import { claimsFor, createTestDb } from '../support/test-db'

let db: Db
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(() => closeDb())

const shown = async (run: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>) =>
  run(async (tx) => {
    const { rows } = await sql<{ statement: string; lock: string; idle: string }>`
      select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
             current_setting('idle_in_transaction_session_timeout') as idle`.execute(tx)
    return rows[0]!
  })

const thrownBy = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: unknown) => e)

describe('request timeouts', () => {
  it('bound every transaction of a user, of a visitor and of the service path, and only that transaction', async () => {
    const expected = { statement: REQUEST_TIMEOUTS.statement, lock: REQUEST_TIMEOUTS.lock, idle: '1min' }
    const claims = await claimsFor('yunmen.secretary@ruyuan.demo')
    expect(await shown((fn) => withUser(claims, fn))).toEqual(expected)
    expect(await shown(withAnon)).toEqual(expected)
    // sign-in, password changes and user management
    expect(await shown(withService)).toEqual(expected)
  })

  // PGlite runs one session, with no timer to cancel a statement
  it.runIf(process.env.DATABASE_URL)('bound the lone statement every request runs outside a transaction (is this session still live?), on every connection of the server\'s pool', async () => {
    const expected = { statement: REQUEST_TIMEOUTS.statement, lock: REQUEST_TIMEOUTS.lock, idle: '1min' }
    // four at once, each holding its connection a moment: four connections of the pool (it has four)
    const seen = await Promise.all(
      [1, 2, 3, 4].map(() =>
        serviceRead(async (raw) => {
          const { rows } = await sql<{ statement: string; lock: string; idle: string; pid: number }>`
            select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
                   current_setting('idle_in_transaction_session_timeout') as idle, pg_backend_pid() as pid
              from pg_sleep(0.1)`.execute(raw)
          return rows[0]!
        }),
      ),
    )
    expect(new Set(seen.map((s) => s.pid)).size).toBe(4)
    for (const { pid: _pid, ...settings } of seen) expect(settings).toEqual(expected)
  })

  it.runIf(process.env.DATABASE_URL)('leave the connections of scripts (migrations, seeds, backups) unbounded', async () => {
    const script = new Kysely<unknown>({ dialect: createPostgresBackend(process.env.DATABASE_URL!, 1).dialect })
    try {
      const { rows } = await sql<{ statement: string }>`select current_setting('statement_timeout') as statement`.execute(script)
      expect(rows[0]!.statement).toBe('0')
    } finally {
      await script.destroy()
    }
  })

  it('call a cancelled statement, a lock wait that ran out and an idle transaction cut off "busy, try again"', () => {
    for (const code of ['57014', '55P03', '25P03']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true)
    }
  })

  describe('on Postgres', () => {
    // PGlite runs one session with no timer to cancel a statement, and no second session to hold a lock
    const postgres = process.env.DATABASE_URL

    it.runIf(postgres)('cancel a statement that runs too long: 503, and nothing it wrote stays', async () => {
      expect((await getBackend()).kind).toBe('postgres')
      const claims = await claimsFor('yunmen.secretary@ruyuan.demo')
      const marker = `timeout-${Date.now()}`
      const thrown = await thrownBy(
        withUser(claims, async (tx) => {
          await sql`select set_config('statement_timeout', '50ms', true)`.execute(tx)
          await sql`update public.profiles set display_name = ${marker} where user_id = ${claims.sub}`.execute(tx)
          await sql`select pg_sleep(2)`.execute(tx)
        }),
      )
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(503)
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.profiles where display_name = ${marker}`.execute(db)
      expect(rows[0]!.n).toBe(0)
    })

    it.runIf(postgres)('stop waiting for a lock held elsewhere: 503 instead of a request that hangs', async () => {
      const claims = await claimsFor('yunmen.secretary@ruyuan.demo')
      const holder = new Kysely<unknown>({ dialect: createPostgresBackend(postgres!, 1).dialect })
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let locked!: () => void
      const isLocked = new Promise<void>((resolve) => (locked = resolve))
      const holding = holder.transaction().execute(async (tx) => {
        await sql`select 1 from public.profiles where user_id = ${claims.sub} for update`.execute(tx)
        locked()
        await held
      })
      try {
        await isLocked
        const thrown = await thrownBy(
          withUser(claims, async (tx) => {
            await sql`select set_config('lock_timeout', '100ms', true)`.execute(tx)
            await sql`update public.profiles set phone = phone where user_id = ${claims.sub}`.execute(tx)
          }),
        )
        expect(thrown).toBeInstanceOf(Response)
        expect((thrown as Response).status).toBe(503)
      } finally {
        release()
        await holding
        await holder.destroy()
      }
    })
  })
})
