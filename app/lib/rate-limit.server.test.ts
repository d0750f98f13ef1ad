import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb } from '../../tests/support/test-db'
import { closeDb, type Db } from './db.server'
import {
  ACCOUNT_RULE,
  IP_RULE,
  accountBucket,
  ipBucket,
  recordSignInSuccess,
  reserveSignInAttempt,
} from './rate-limit.server'

let db: Db

beforeAll(async () => {
  db = await createTestDb()
})
afterAll(closeDb)
beforeEach(async () => {
  await db.deleteFrom('private.sign_in_attempts').execute()
})

const failures = async (bucket: string) =>
  Number(
    (
      await db
        .selectFrom('private.sign_in_attempts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('bucket', '=', bucket)
        .where('succeeded', '=', false)
        .executeTakeFirstOrThrow()
    ).n,
  )

async function backdate(bucket: string, minutes: number) {
  await db
    .updateTable('private.sign_in_attempts')
    .set({ attempted_at: sql<Date>`now() - make_interval(mins => ${minutes})` })
    .where('bucket', '=', bucket)
    .execute()
}

describe('sign-in rate limit', () => {
  it('uses 5 per account and 20 per IP in 15 minutes', () => {
    expect(ACCOUNT_RULE).toEqual({ limit: 5, windowMinutes: 15 })
    expect(IP_RULE).toEqual({ limit: 20, windowMinutes: 15 })
    expect(accountBucket(' A@B.C ')).toBe('account:a@b.c')
    expect(ipBucket('2001:db8::1')).toBe('ip:2001:0db8:0000:0000::/64')
  })

  it('records every attempt up front and refuses the one after the limit', async () => {
    for (let i = 0; i < 5; i++) expect((await reserveSignInAttempt({ email: 'a@b.c', ip: '203.0.113.1' })).allowed).toBe(true)
    expect(await failures('account:a@b.c')).toBe(5)
    expect(await reserveSignInAttempt({ email: 'a@b.c', ip: '203.0.113.2' })).toEqual({ allowed: false })
    // a refused attempt is not recorded: it cannot extend the lock-out
    expect(await failures('account:a@b.c')).toBe(5)
  })

  it('lets parallel attempts through no further than the limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => reserveSignInAttempt({ email: 'burst@b.c', ip: null })),
    )
    expect(results.filter((r) => r.allowed)).toHaveLength(5)
  })

  it('counts only failures inside the window', async () => {
    for (let i = 0; i < 5; i++) await reserveSignInAttempt({ email: 'a@b.c', ip: null })
    await backdate('account:a@b.c', 14)
    expect((await reserveSignInAttempt({ email: 'a@b.c', ip: null })).allowed).toBe(false)
    await backdate('account:a@b.c', 16)
    expect((await reserveSignInAttempt({ email: 'a@b.c', ip: null })).allowed).toBe(true)
  })

  it('limits an address across accounts', async () => {
    for (let i = 0; i < 20; i++) expect((await reserveSignInAttempt({ email: `u${i}@b.c`, ip: '203.0.113.5' })).allowed).toBe(true)
    expect((await reserveSignInAttempt({ email: 'fresh@b.c', ip: '203.0.113.5' })).allowed).toBe(false)
    expect((await reserveSignInAttempt({ email: 'fresh@b.c', ip: '203.0.113.6' })).allowed).toBe(true)
    // the neighbours in one IPv6 /64 share a bucket
    for (let i = 0; i < 20; i++) await reserveSignInAttempt({ email: `v${i}@b.c`, ip: `2001:db8:5:6::${i + 1}` })
    expect((await reserveSignInAttempt({ email: 'fresh@b.c', ip: '2001:db8:5:6:ffff::1' })).allowed).toBe(false)
  })

  it('does not bucket an unknown address (no shared "unknown" lock-out)', async () => {
    for (let i = 0; i < 25; i++) expect((await reserveSignInAttempt({ email: `w${i}@b.c`, ip: null })).allowed).toBe(true)
    const buckets = await db.selectFrom('private.sign_in_attempts').select('bucket').where('bucket', 'like', 'ip:%').execute()
    expect(buckets).toEqual([])
  })

  it("a success forgives the account's failures and stops counting against the IP", async () => {
    for (let i = 0; i < 3; i++) await reserveSignInAttempt({ email: 'a@b.c', ip: '203.0.113.7' })
    const reservation = await reserveSignInAttempt({ email: 'a@b.c', ip: '203.0.113.7' })
    if (!reservation.allowed) throw new Error('expected allowed')
    await recordSignInSuccess(reservation.ticket)
    expect(await failures('account:a@b.c')).toBe(0)
    expect(await failures('ip:203.0.113.7')).toBe(3)
    const kept = await db.selectFrom('private.sign_in_attempts').select(['bucket']).where('succeeded', '=', true).execute()
    expect(kept.map((r) => r.bucket).sort()).toEqual(['account:a@b.c', 'ip:203.0.113.7'])
  })

  it('prunes rows older than a day on write', async () => {
    await reserveSignInAttempt({ email: 'old@b.c', ip: null })
    await db
      .updateTable('private.sign_in_attempts')
      .set({ attempted_at: sql<Date>`now() - interval '25 hours'` })
      .execute()
    await reserveSignInAttempt({ email: 'new@b.c', ip: null })
    const rows = await db.selectFrom('private.sign_in_attempts').select('bucket').execute()
    expect(rows.map((r) => r.bucket)).toEqual(['account:new@b.c'])
  })
})
