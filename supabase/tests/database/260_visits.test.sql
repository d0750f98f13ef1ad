-- public.visits: visit diaries (village notes). The village's scope reads and logs; a unit its own visits
-- in its actively paired villages, never naming a household.
begin;
select plan(27);

select tests.create_fixture();
select tests.create_pairing_fixture();

select tests.authenticate_as('county.admin.a@test');
select set_eq($$ select notes from public.visits $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'V2a/U-prov', 'C1/-']::text[], 'visits: county admin A sees every record of its county, not county B''s');
select tests.authenticate_as('county.staff.a@test');
select set_eq($$ select notes from public.visits $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'V2a/U-prov', 'C1/-']::text[], 'visits: county staff A sees the same');
select tests.authenticate_as('county.admin.b@test');
select set_eq($$ select notes from public.visits $$, array['VB/U-prov']::text[], 'visits: county admin B sees its own county only (other county)');
select tests.authenticate_as('town.admin.t1@test');
select set_eq($$ select notes from public.visits $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'C1/-']::text[], 'visits: town admin T1 sees its villages, not town T2''s (other town)');
select tests.authenticate_as('town.staff.t2@test');
select set_eq($$ select notes from public.visits $$, array['V2a/U-prov']::text[], 'visits: town staff T2 sees its village');
select tests.authenticate_as('village.secretary.v1a@test');
select set_eq($$ select notes from public.visits $$, array['V1a/U-county', 'V1a/-']::text[], 'visits: village secretary V1a sees its own village only (other village: none)');
select tests.authenticate_as('village.clerk.v1a@test');
select set_eq($$ select notes from public.visits $$, array['V1a/U-county', 'V1a/-']::text[], 'visits: village clerk V1a sees its village');
select tests.authenticate_as('village.secretary.v2a@test');
select set_eq($$ select notes from public.visits $$, array['V2a/U-prov']::text[], 'visits: village secretary V2a sees its village');
select tests.authenticate_as('unit.liaison.county@test');
select set_eq($$ select notes from public.visits $$, array['V1a/U-county']::text[], 'visits: the paired county unit sees its own records of its actively paired village only');
select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq($$ select notes from public.visits $$, array['V2a/U-prov', 'VB/U-prov']::text[], 'visits: the provincial unit sees exactly its records in its two paired villages, two counties');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.visits $$, 'visits: a unit whose pairing ended yesterday reads nothing of that village');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.visits $$, 'visits: an unpaired unit reads nothing');
select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.visits $$, 'visits: a revoked secretary reads nothing');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.visits $$, 'visits: a user without membership reads nothing');
select tests.authenticate_as('unit.liaison.county@test');
select lives_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), tests.org('U-county'), null, tests.cadre_id('cad-U-county'), tests.today(), 2, 'new', (select auth.uid()))$$, 'the county unit logs a visit by its cadre in its active paired village');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), tests.org('U-county'), tests.household_id('H-V1a'), null, tests.today(), 2, 'new', (select auth.uid()))$$, '42501', null, 'but not naming a household (units cannot read households)');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), tests.org('U-county'), null, tests.cadre_id('cad-A'), tests.today(), 2, 'new', (select auth.uid()))$$, '42501', null, 'nor naming another unit''s cadre');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V2a'), tests.org('U-county'), null, null, tests.today(), 2, 'new', (select auth.uid()))$$, '42501', null, 'nor in a village paired only from tomorrow');
select throws_ok($$update public.visits set notes = 'x'$$, '42501', null, 'visits are history: no update');
select throws_ok($$delete from public.visits$$, '42501', null, 'nor delete');
select tests.authenticate_as('unit.liaison.ended@test');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1b'), tests.org('U-ended'), null, null, tests.today(), 2, 'new', (select auth.uid()))$$, '42501', null, 'a unit whose pairing ended yesterday cannot log a visit there');
select tests.authenticate_as('unit.liaison.unpaired@test');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), tests.org('U-unpaired'), null, null, tests.today(), 2, 'new', (select auth.uid()))$$, '42501', null, 'an unpaired unit cannot log a visit');
select tests.authenticate_as('village.secretary.v1a@test');
select lives_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), null, tests.household_id('H-V1a'), tests.cadre_id('cad-A'), tests.today(), 2, 'new', (select auth.uid()))$$, 'village secretary V1a logs a visit to a household');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), null, tests.household_id('H-V1b'), null, tests.today(), 2, 'new', (select auth.uid()))$$, '23514', null, 'the household must belong to the village');
select throws_ok($$insert into public.visits (village_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), tests.today(), 0, 'x', (select auth.uid()))$$, '23514', null, 'a visit meets at least one person');
select tests.authenticate_as('county.staff.a@test');
select throws_ok($$insert into public.visits (village_id, unit_id, household_id, cadre_id, visited_on, people_met, notes, created_by) values (tests.org('V1a'), null, null, null, tests.today(), 2, 'new', (select auth.uid()))$$, '42501', null, 'county staff only read visits');
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.visits $$, '42501', null, 'anon cannot read visits');
select tests.clear_authentication();

select * from finish();
rollback;
