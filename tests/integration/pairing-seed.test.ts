/**
 * The pairing demo: the article's figures are sums of seeded records, and pairing_figures() (run as
 * the caller, so RLS scopes it) equals direct counts for the county, a town and a unit.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, getRawDb, withUser, type Db } from '../../app/lib/db.server'
import { demoOrgId } from '../../app/lib/seed.server'
import { PAIRING_FIGURES } from '../../app/lib/seed-data/pairing'
import { RUYUAN_CODE } from '../../app/lib/seed-data/ruyuan'
import { claimsFor, createPristineDb, createTestDb } from '../support/test-db'

const RUYUAN = demoOrgId(RUYUAN_CODE)
const RUCHENG = demoOrgId('440232101000')
const YUNMEN = demoOrgId('440232101201')
const RY_C01 = demoOrgId('RY-C01')

let pristine: { db: Db; dispose: () => Promise<void> }

beforeAll(async () => {
  await createTestDb()
  pristine = await createPristineDb()
})
afterAll(async () => {
  await pristine.dispose()
  await closeDb()
})

/** Direct counts of the records under an org (service path, no RLS). */
async function directCounts(db: Db, scopeId: string) {
  const { rows } = await sql<Record<string, string>>`
    with v as (select descendant_id as id from public.org_closure where ancestor_id = ${scopeId}),
         today as (select (now() at time zone 'Asia/Shanghai')::date as d)
    select
      (select count(*) from public.households where village_id in (select id from v)) as households,
      (select count(distinct cadre_id) from public.household_pairs, today
        where village_id in (select id from v) and starts_on <= d and (ends_on is null or ends_on >= d)) as cadres_paired,
      (select count(distinct household_id) from public.household_pairs, today
        where village_id in (select id from v) and starts_on <= d and (ends_on is null or ends_on >= d)) as households_paired,
      (select count(*) from public.cadre_postings, today
        where village_id in (select id from v) and starts_on <= d and (ends_on is null or ends_on >= d)) as village_cadres,
      (select count(*) from public.cadre_postings where village_id in (select id from v) and post = 'first_secretary') as first_secretaries,
      (select count(*) from public.visits where village_id in (select id from v)) as visits,
      (select coalesce(sum(people_met), 0) from public.visits where village_id in (select id from v)) as people_visited,
      (select count(*) from public.concern_files where village_id in (select id from v)) as concern_files,
      (select count(*) from public.opinions where village_id in (select id from v)) as opinions,
      (select count(*) from public.concern_cases where village_id in (select id from v)) as cases,
      (select count(*) from public.concern_cases where village_id in (select id from v) and state in ('handled', 'confirmed')) as cases_handled,
      (select count(*) from public.pairing_activities where village_id in (select id from v)) as activities,
      (select count(distinct p.village_id) from public.pairings p, today
        where p.village_id in (select id from v) and p.starts_on <= d and (p.ends_on is null or p.ends_on >= d)) as paired_villages`.execute(db)
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]))
}

const figures = (rows: { metric: string; value: string }[]) => Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)]))

describe('the seeded pairing figures (乳源)', () => {
  it('reproduce the article in full', async () => {
    const c = await directCounts(pristine.db, RUYUAN)
    expect(c.households).toBe(PAIRING_FIGURES.households)
    expect(c.households_paired).toBe(7016)
    expect(c.cadres_paired).toBe(6931)
    expect(c.village_cadres).toBeGreaterThanOrEqual(180)
    expect(c.village_cadres).toBe(PAIRING_FIGURES.postings)
    expect(c.first_secretaries).toBe(31)
    expect(c.visits).toBe(21539)
    expect(c.people_visited).toBeGreaterThan(45000)
    expect(c.people_visited).toBe(PAIRING_FIGURES.peopleVisited)
    expect(c.concern_files).toBe(1679)
    expect(c.opinions).toBe(2874)
    expect(c.cases_handled).toBe(2148)
    expect(c.cases).toBe(2148 + PAIRING_FIGURES.casesOpen + PAIRING_FIGURES.casesAssigned + PAIRING_FIGURES.casesClosed)
    expect(c.paired_villages).toBe(115)
  })

  it('give every household in every village, and activities of every kind to every paired village', async () => {
    const { rows } = await sql<{ empty_villages: number; villages_without_all_kinds: number }>`
      with v as (select o.id from public.orgs o join public.org_closure c on c.descendant_id = o.id
                  where c.ancestor_id = ${RUYUAN} and o.kind in ('village', 'community'))
      select (select count(*)::int from v where not exists (select 1 from public.households h where h.village_id = v.id)) as empty_villages,
             (select count(*)::int from v where (select count(distinct kind) from public.pairing_activities a where a.village_id = v.id) < 9)
               as villages_without_all_kinds`.execute(pristine.db)
    expect(rows[0]).toEqual({ empty_villages: 0, villages_without_all_kinds: 0 })
  })

  it('keep every record consistent: units\' visits name no household, cadres stay in their county, cases carry their history', async () => {
    const { rows } = await sql<Record<string, number>>`
      select
        (select count(*)::int from public.visits where unit_id is not null and household_id is not null) as unit_visits_with_household,
        (select count(*)::int from public.visits v join public.households h on h.id = v.household_id where h.village_id <> v.village_id) as visits_wrong_village,
        (select count(*)::int from public.household_pairs p join public.households h on h.id = p.household_id where h.village_id <> p.village_id) as pairs_wrong_village,
        (select count(*)::int from public.concern_files where unit_id is not null and (is_private or household_id is not null)) as unit_files_private,
        (select count(*)::int from public.concern_cases k where not exists (select 1 from public.concern_case_events e
           where e.case_id = k.id and e.to_state = k.state)) as cases_without_event,
        (select count(*)::int from public.pairing_activities where occurred_on > (now() at time zone 'Asia/Shanghai')::date) as future_activities,
        -- what a unit records in a village falls within a pairing of the two (the database refuses anything else)
        (select count(*)::int from public.pairing_activities r where r.unit_id is not null and not exists (select 1 from public.pairings p
           where p.unit_id = r.unit_id and p.village_id = r.village_id and r.occurred_on between p.starts_on and coalesce(p.ends_on, r.occurred_on))) as unit_activities_outside_pairing,
        (select count(*)::int from public.visits r where r.unit_id is not null and not exists (select 1 from public.pairings p
           where p.unit_id = r.unit_id and p.village_id = r.village_id and r.visited_on between p.starts_on and coalesce(p.ends_on, r.visited_on))) as unit_visits_outside_pairing,
        (select count(*)::int from public.concern_files r where r.unit_id is not null and not exists (select 1 from public.pairings p
           where p.unit_id = r.unit_id and p.village_id = r.village_id and r.opened_on between p.starts_on and coalesce(p.ends_on, r.opened_on))) as unit_files_outside_pairing,
        (select count(*)::int from public.opinions r where r.unit_id is not null and not exists (select 1 from public.pairings p
           where p.unit_id = r.unit_id and p.village_id = r.village_id and r.raised_on between p.starts_on and coalesce(p.ends_on, r.raised_on))) as unit_opinions_outside_pairing,
        -- a case naming a unit is registered (Asia/Shanghai day) while the unit is paired with the village
        (select count(*)::int from public.concern_cases r where r.unit_id is not null and not exists (select 1 from public.pairings p
           where p.unit_id = r.unit_id and p.village_id = r.village_id
             and (r.created_at at time zone 'Asia/Shanghai')::date between p.starts_on and coalesce(p.ends_on, (r.created_at at time zone 'Asia/Shanghai')::date))) as unit_cases_outside_pairing,
        (select count(*)::int from public.concern_cases where unit_id is not null) as unit_cases`.execute(pristine.db)
    expect(rows[0]).toEqual({
      unit_visits_with_household: 0, visits_wrong_village: 0, pairs_wrong_village: 0, unit_files_private: 0,
      cases_without_event: 0, future_activities: 0, unit_activities_outside_pairing: 0, unit_visits_outside_pairing: 0,
      unit_files_outside_pairing: 0, unit_opinions_outside_pairing: 0, unit_cases_outside_pairing: 0, unit_cases: expect.any(Number),
    })
    expect(rows[0]!.unit_cases).toBeGreaterThan(0)
  })

  it('tell the unit liaison\'s story: RY-C01 has cadres posted to 云门村, activities and visits there', async () => {
    const { rows } = await sql<Record<string, number>>`
      select
        (select count(*)::int from public.cadre_postings cp join public.cadres c on c.id = cp.cadre_id
          where cp.village_id = ${YUNMEN} and c.unit_id = ${RY_C01}) as postings,
        (select count(*)::int from public.pairing_activities where village_id = ${YUNMEN} and unit_id = ${RY_C01}) as activities,
        (select count(*)::int from public.visits where village_id = ${YUNMEN} and unit_id = ${RY_C01}) as visits`.execute(pristine.db)
    expect(rows[0]!.postings).toBeGreaterThanOrEqual(1)
    expect(rows[0]!.activities).toBe(9)
    expect(rows[0]!.visits).toBeGreaterThan(20)
  })
})

describe('pairing_figures()', () => {
  it('as county staff equals direct counts for the county and for a town', async () => {
    const claims = await claimsFor('county.staff@ruyuan.demo')
    for (const scope of [RUYUAN, RUCHENG]) {
      const f = figures((await withUser(claims, (tx) => sql<{ metric: string; value: string }>`
        select metric, value::text from public.pairing_figures(${scope})`.execute(tx))).rows)
      // the same database the call ran on: other files may add records to a shared Postgres
      const c = await directCounts(await getRawDb(), scope)
      expect(f.households_paired).toBe(c.households_paired)
      expect(f.cadres_paired).toBe(c.cadres_paired)
      expect(f.village_cadres).toBe(c.village_cadres)
      expect(f.first_secretaries).toBe(c.first_secretaries)
      expect(f.visits).toBe(c.visits)
      expect(f.visit_diaries).toBe(c.visits)
      expect(f.people_visited).toBe(c.people_visited)
      expect(f.concern_files).toBe(c.concern_files)
      expect(f.opinions).toBe(c.opinions)
      expect(f.cases).toBe(c.cases)
      expect(f.cases_handled).toBe(c.cases_handled)
      expect(f.activities).toBe(c.activities)
      expect(f.paired_villages).toBe(c.paired_villages)
    }
  })

  it('as the unit liaison counts only its own unit\'s records', async () => {
    const claims = await claimsFor('unit.liaison@ruyuan.demo')
    const f = figures((await withUser(claims, (tx) => sql<{ metric: string; value: string }>`
      select metric, value::text from public.pairing_figures(${RY_C01})`.execute(tx))).rows)
    const { rows } = await sql<Record<string, string>>`
      with today as (select (now() at time zone 'Asia/Shanghai')::date as d),
           active as (select p.village_id from public.pairings p, today
                       where p.unit_id = ${RY_C01} and p.starts_on <= d and (p.ends_on is null or p.ends_on >= d))
      select
        (select count(*) from active) as paired_villages,
        (select count(*) from public.visits where unit_id = ${RY_C01} and village_id in (select village_id from active)) as visits,
        (select count(*) from public.pairing_activities where unit_id = ${RY_C01} and village_id in (select village_id from active)) as activities,
        (select count(*) from public.concern_files where unit_id = ${RY_C01} and not is_private and village_id in (select village_id from active)) as concern_files,
        (select count(distinct hp.household_id) from public.household_pairs hp join public.cadres c on c.id = hp.cadre_id
          where c.unit_id = ${RY_C01} and hp.village_id in (select village_id from active)) as households_paired`.execute(await getRawDb())
    const c = Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]))
    expect(c.paired_villages).toBe(3)
    expect(f.paired_villages).toBe(c.paired_villages)
    expect(f.visits).toBe(c.visits)
    expect(f.activities).toBe(c.activities)
    expect(f.concern_files).toBe(c.concern_files)
    expect(f.households_paired).toBe(c.households_paired)
    expect(f.visits).toBeGreaterThan(0)
    expect(f.visits).toBeLessThan(21539)
  })
})
