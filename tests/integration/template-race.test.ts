/**
 * A new template version and a new report in the same county, at the same time (Postgres only: the
 * embedded PGlite has one connection, so its writes are serialised anyway). The database serialises
 * the two per county (migration 000010): whichever commits first, the other sees it, so a month is
 * never split between two versions.
 */
import { sql, type Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { currentPeriod } from '../../app/domain/monthly-reports/schema'
import type { Database } from '../../app/lib/db-types'
import { createPristineDb } from '../support/test-db'

const onPostgres = Boolean(process.env.DATABASE_URL)
let dispose: (() => Promise<void>) | undefined

afterEach(async () => {
  await dispose?.()
  dispose = undefined
})

/** 翁源县, the demo's second county: one template version from January, no report this month. */
async function wengyuan(db: Kysely<Database>) {
  const { rows } = await sql<{ county: string; village: string; definition: unknown }>`
    select o.id as county,
           (select c.descendant_id from public.org_closure c join public.orgs v on v.id = c.descendant_id
             where c.ancestor_id = o.id and v.kind = 'village' order by v.code limit 1) as village,
           (select t.definition from public.report_templates t where t.county_id = o.id order by t.version desc limit 1) as definition
      from public.orgs o where o.kind = 'county' and o.code = '440229'`.execute(db)
  return rows[0]!
}

function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Whether the promise settles within ms (a statement waiting on a lock does not). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), ms))
  return Promise.race([promise.then(() => true, () => true), timeout])
}

describe.skipIf(!onPostgres)('a new template version racing a new report', () => {
  it('makes a report started while the version is being added wait for it, then file under it', async () => {
    const pristine = await createPristineDb()
    dispose = pristine.dispose
    const { db } = pristine
    const w = await wengyuan(db)
    const month = currentPeriod()
    const inserted = deferred<string>()
    const commit = deferred()
    const adding = db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn)
      const { rows } = await sql<{ id: string }>`
        insert into public.report_templates (county_id, version, valid_from, due_day, definition)
        values (${w.county}::uuid, 2, ${month}::date, 5, ${JSON.stringify(w.definition)}::jsonb) returning id`.execute(conn)
      inserted.resolve(rows[0]!.id)
      await commit.promise
      await sql`commit`.execute(conn)
    })
    const version2 = await inserted.promise
    const starting = db.connection().execute(async (conn) => {
      const { rows } = await sql<{ template_id: string }>`
        insert into public.monthly_reports (village_id, period, values, comments)
        values (${w.village}::uuid, ${month}::date, '{}', '{}') returning template_id`.execute(conn)
      return rows[0]!.template_id
    })
    try {
      expect(await settlesWithin(starting, 500)).toBe(false)
    } finally {
      commit.resolve() // a failed expectation must not leave the transaction open
    }
    await adding
    expect(await starting).toBe(version2)
  })

  it('refuses a version from this month once a report started meanwhile has committed', async () => {
    const pristine = await createPristineDb()
    dispose = pristine.dispose
    const { db } = pristine
    const w = await wengyuan(db)
    const month = currentPeriod()
    const started = deferred()
    const commit = deferred()
    const starting = db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn)
      await sql`insert into public.monthly_reports (village_id, period, values, comments)
                values (${w.village}::uuid, ${month}::date, '{}', '{}')`.execute(conn)
      started.resolve()
      await commit.promise
      await sql`commit`.execute(conn)
    })
    await started.promise
    const adding = db.connection().execute(async (conn) => {
      await sql`insert into public.report_templates (county_id, version, valid_from, due_day, definition)
                values (${w.county}::uuid, 2, ${month}::date, 5, ${JSON.stringify(w.definition)}::jsonb)`.execute(conn)
    })
    try {
      expect(await settlesWithin(adding, 500)).toBe(false)
    } finally {
      commit.resolve()
    }
    await starting
    await expect(adding).rejects.toMatchObject({ code: '23514' })
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.report_templates where county_id = ${w.county}::uuid`.execute(db)
    expect(rows[0]!.n).toBe(1)
  })
})
