/**
 * userCanEach asks several questions of public.can() in one statement: its answers must be userCan's,
 * question by question, for every account and every org of the demo it might be asked about.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, withUser, type Db } from '../../app/lib/db.server'
import { requireGranted, requireUserCan, userCan, userCanEach, type Action, type Domain } from '../../app/lib/permissions.server'
import { claimsFor, createTestDb, DEMO_ACCOUNTS } from '../support/test-db'

const DOMAINS: Domain[] = ['orgs', 'users', 'pairings', 'audit', 'reports', 'report_templates', 'households', 'cadres', 'activities', 'visits', 'concerns']
const ACTIONS: Action[] = ['read', 'create', 'update', 'delete', 'manage', 'submit', 'review']

let db: Db
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(() => closeDb())

describe('userCanEach', () => {
  it('answers every question as userCan does, for every demo account on its own org and on orgs of other towns', async () => {
    const asks = Object.fromEntries(DOMAINS.flatMap((domain) => ACTIONS.map((action) => [`${domain}.${action}`, [domain, action] as const])))
    // the account's own org, Ruyuan, a town and a village of the demo (their own or someone else's)
    const { rows: orgs } = await sql<{ id: string }>`select id from public.orgs where code in ('440232', '440232101000', '440232101201', '440232102000', 'RY-C01')`.execute(db)
    expect(orgs).toHaveLength(5)
    let granted = 0
    for (const email of [...new Set(DEMO_ACCOUNTS.map((a) => a.email))]) {
      const claims = await claimsFor(email)
      await withUser(claims, async (tx) => {
        for (const { id } of orgs) {
          const together = await userCanEach(tx, id, asks)
          const oneByOne = Object.fromEntries(await Promise.all(Object.entries(asks).map(async ([key, [domain, action]]) => [key, await userCan(tx, domain, action, id)])))
          expect(together, `${email} on ${id}`).toEqual(oneByOne)
          granted += Object.values(together).filter(Boolean).length
        }
      })
    }
    // not vacuous: some answers are yes, most are no
    expect(granted).toBeGreaterThan(20)
    expect(granted).toBeLessThan(DEMO_ACCOUNTS.length * orgs.length * DOMAINS.length * ACTIONS.length)
    // no questions, no statement
    expect(await withUser(await claimsFor('yunmen.secretary@ruyuan.demo'), (tx) => userCanEach(tx, orgs[0]!.id, {}))).toEqual({})
  })

  it('refuses with 403 what is not granted, like requireUserCan', async () => {
    expect(() => requireGranted(true)).not.toThrow()
    const thrown = (() => {
      try {
        requireGranted(false)
      } catch (e) {
        return e
      }
    })()
    expect((thrown as Response).status).toBe(403)
    const claims = await claimsFor('yunmen.secretary@ruyuan.demo')
    const ruyuan = (await sql<{ id: string }>`select id from public.orgs where code = '440232'`.execute(db)).rows[0]!.id
    const refused = await withUser(claims, (tx) => requireUserCan(tx, 'users', 'manage', ruyuan)).catch((e: unknown) => e)
    expect((refused as Response).status).toBe(403)
  })
})
