-- public.household_pairs: cadre <-> household pairs. The village's scope reads and manages; the unit reads
-- its own cadres' pairs in its actively paired villages (names through unit_household_pairs()).
begin;
select plan(18);

select tests.create_fixture();
select tests.create_pairing_fixture();

select tests.authenticate_as('county.admin.a@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['V1a', 'V1b', 'V2a']::text[], 'household_pairs: county admin A sees its county''s household pairs');
select tests.authenticate_as('county.admin.b@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['VB']::text[], 'household_pairs: county admin B sees county B''s');
select tests.authenticate_as('town.admin.t1@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['V1a', 'V1b']::text[], 'household_pairs: town admin T1 sees its villages'' (other town: none)');
select tests.authenticate_as('town.staff.t2@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['V2a']::text[], 'household_pairs: town staff T2 sees its village''s');
select tests.authenticate_as('village.secretary.v1a@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['V1a']::text[], 'household_pairs: village secretary V1a sees its own village''s');
select tests.authenticate_as('unit.liaison.county@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['V1a']::text[], 'household_pairs: the county unit sees its cadres'' pairs in its active paired village');
select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq($$ select tests.org_key(village_id) from public.household_pairs $$, array['V2a', 'VB']::text[], 'household_pairs: the provincial unit sees its pairs in both counties');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.household_pairs $$, 'household_pairs: a unit whose pairing ended yesterday sees none');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.household_pairs $$, 'household_pairs: an unpaired unit sees none');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.household_pairs $$, 'household_pairs: a user without membership sees none');
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq($$ insert into public.household_pairs (cadre_id, household_id, starts_on) values (tests.cadre_id('cad-A'), tests.household_id('H-V1a'), tests.today()) returning tests.org_key(village_id) $$, array['V1a'], 'village secretary V1a pairs a county cadre with its household; the village comes from the household');
select throws_ok($$insert into public.household_pairs (cadre_id, household_id, starts_on) values (tests.cadre_id('cad-A'), tests.household_id('H-V1b'), tests.today())$$, '42501', null, 'but not with another village''s household');
select throws_ok($$insert into public.household_pairs (cadre_id, household_id, starts_on) values (tests.cadre_id('cad-B'), tests.household_id('H-V1a'), tests.today())$$, '23514', null, 'nor with a cadre of another county');
select results_eq($$ update public.household_pairs set ends_on = tests.today() where household_id = tests.household_id('H-V1a') and cadre_id = tests.cadre_id('cad-U-county') returning 1 $$, array[1], 'village secretary V1a ends a pair');
select throws_ok($$delete from public.household_pairs$$, '42501', null, 'pairs are ended, never deleted');
select tests.authenticate_as('unit.liaison.county@test');
select throws_ok($$insert into public.household_pairs (cadre_id, household_id, starts_on) values (tests.cadre_id('cad-U-county'), tests.household_id('H-V1a'), tests.today())$$, '42501', null, 'the paired unit cannot pair households');
select is_empty($$update public.household_pairs set ends_on = null returning 1$$, 'the paired unit cannot change pairs (0 rows)');
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.household_pairs $$, '42501', null, 'anon cannot read household_pairs');
select tests.clear_authentication();

select * from finish();
rollback;
