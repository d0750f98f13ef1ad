/**
 * The loaders of one GET share one user transaction (db.server.ts, ADR 0011): what they share, when
 * it ends, that it cannot write, and that one loader's failure answers the others 503, not 500.
 * The production server's request scope is what server/app.js creates; runInRequestScope makes one.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, withUser, type Claims, type Tx } from '../../app/lib/db.server'
import { runInRequestScope } from '../../app/lib/request-scope.server'
import { withService } from '../../app/lib/service.server'
import { claimsFor, createTestDb } from '../support/test-db'

let secretary: Claims
let liaison: Claims
beforeAll(async () => {
  await createTestDb()
  secretary = await claimsFor('yunmen.secretary@ruyuan.demo')
  liaison = await claimsFor('unit.liaison@ruyuan.demo')
})
afterAll(() => closeDb())

/** Leaves a mark in the caller's transaction, or reads the mark left there ('' when there is none). */
const mark = (tx: Tx, value: string) => sql`select set_config('test.mark', ${value}, true)`.execute(tx)
const markOf = async (tx: Tx) => (await sql<{ mark: string | null }>`select current_setting('test.mark', true) as mark`.execute(tx)).rows[0]!.mark ?? ''
const uid = async (tx: Tx) => (await sql<{ uid: string }>`select auth.uid()::text as uid`.execute(tx)).rows[0]!.uid
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('the user transaction of one GET request', () => {
  it('is shared by loaders running in parallel', async () => {
    const seen = await runInRequestScope('GET', async () => {
      let marked!: () => void
      const isMarked = new Promise<void>((resolve) => (marked = resolve))
      return Promise.all([
        withUser(secretary, async (tx) => {
          await mark(tx, 'layout')
          marked()
          return 'layout'
        }),
        withUser(secretary, async (tx) => {
          await isMarked
          return markOf(tx)
        }),
      ])
    })
    expect(seen).toEqual(['layout', 'layout'])
  })

  it('is joined by a loader that awaited the portal check before asking for its own data', async () => {
    const seen = await runInRequestScope('GET', async () => {
      await withUser(secretary, (tx) => mark(tx, 'portal check'))
      return withUser(secretary, markOf)
    })
    expect(seen).toBe('portal check')
  })

  it('ends once nobody uses it: a later call, or another request, gets a transaction of its own', async () => {
    const seen = await runInRequestScope('GET', async () => {
      await withUser(secretary, (tx) => mark(tx, 'first'))
      await nextTurn()
      return withUser(secretary, markOf)
    })
    expect(seen).toBe('')
    const other = await Promise.all([
      runInRequestScope('GET', () => withUser(secretary, (tx) => mark(tx, 'one request'))),
      runInRequestScope('GET', () => withUser(secretary, markOf)),
    ])
    expect(other[1]).toBe('')
    // and its connection went back: the embedded database has only one, the service path gets it
    const served = await Promise.race([withService(async (tx) => (await sql<{ ok: number }>`select 1 as ok`.execute(tx)).rows[0]!.ok), new Promise((r) => setTimeout(() => r('held'), 5000))])
    expect(served).toBe(1)
  })

  it('is read-only: a write in a GET is refused by Postgres', async () => {
    const thrown = await runInRequestScope('GET', () =>
      withUser(secretary, (tx) => sql`update public.profiles set phone = phone where user_id = ${secretary.sub}`.execute(tx)).then(
        () => 'written',
        (e: unknown) => e,
      ),
    )
    expect((thrown as { code?: string }).code).toBe('25006') // read_only_sql_transaction
  })

  it('is not shared by an action, nor outside the production server: each call has its own and may write', async () => {
    for (const run of [<T>(fn: () => Promise<T>) => runInRequestScope('POST', fn), <T>(fn: () => Promise<T>) => fn()]) {
      const seen = await run(async () => {
        await withUser(secretary, async (tx) => {
          await mark(tx, 'first')
          await sql`update public.profiles set phone = phone where user_id = ${secretary.sub}`.execute(tx)
        })
        return withUser(secretary, markOf)
      })
      expect(seen).toBe('')
    }
  })

  it('answers the other loaders 503 when one of them fails a statement, and the next request is not affected', async () => {
    const outcomes = await runInRequestScope('GET', async () => {
      let failed!: () => void
      const hasFailed = new Promise<void>((resolve) => (failed = resolve))
      return Promise.allSettled([
        withUser(secretary, async (tx) => {
          try {
            await sql`select 1 / 0`.execute(tx)
          } finally {
            failed()
          }
        }),
        withUser(secretary, async (tx) => {
          await hasFailed
          return markOf(tx)
        }),
      ])
    })
    expect(outcomes[0].status).toBe('rejected')
    expect(((outcomes[0] as PromiseRejectedResult).reason as { code?: string }).code).toBe('22012') // its own error: a 500
    expect(outcomes[1].status).toBe('rejected')
    const answer = (outcomes[1] as PromiseRejectedResult).reason
    expect(answer).toBeInstanceOf(Response)
    expect((answer as Response).status).toBe(503)
    expect(await runInRequestScope('GET', () => withUser(secretary, uid))).toBe(secretary.sub)
  })

  it('is the signed-in user’s only: another user in the same request gets a transaction and claims of their own', async () => {
    const seen = await runInRequestScope('GET', () =>
      Promise.all([
        withUser(secretary, async (tx) => {
          await mark(tx, 'secretary')
          return uid(tx)
        }),
        withUser(liaison, async (tx) => [await uid(tx), await markOf(tx)]),
      ]),
    )
    expect(seen).toEqual([secretary.sub, [liaison.sub, '']])
  })

  it('carries the claims as they are, quotes and backslashes included, shared or not', async () => {
    const claims: Claims = { ...secretary, note: `o'brien \\ "q" \\' ; select 1 -- 乳源` }
    const read = (tx: Tx) => sql<{ claims: unknown; uid: string }>`select current_setting('request.jwt.claims')::jsonb as claims, auth.uid()::text as uid`.execute(tx)
    for (const seen of [await runInRequestScope('GET', () => withUser(claims, read)), await withUser(claims, read)]) {
      expect(seen.rows[0]).toEqual({ claims: JSON.parse(JSON.stringify(claims)), uid: secretary.sub })
    }
  })
})
