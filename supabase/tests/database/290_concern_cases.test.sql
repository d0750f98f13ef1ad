-- public.concern_cases: civil cases. Private ones: the village, its town and its county only; a unit
-- reads and raises non-private cases in its actively paired villages; state changes via advance_concern_case().
begin;
select plan(24);

select tests.create_fixture();
select tests.create_pairing_fixture();

select tests.authenticate_as('county.admin.a@test');
select set_eq($$ select title from public.concern_cases $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'V2a/U-prov', 'C1/-', 'V1a/p']::text[], 'concern_cases: county admin A sees every record of its county, not county B''s');
select tests.authenticate_as('county.staff.a@test');
select set_eq($$ select title from public.concern_cases $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'V2a/U-prov', 'C1/-', 'V1a/p']::text[], 'concern_cases: county staff A sees the same');
select tests.authenticate_as('county.admin.b@test');
select set_eq($$ select title from public.concern_cases $$, array['VB/U-prov']::text[], 'concern_cases: county admin B sees its own county only (other county)');
select tests.authenticate_as('town.admin.t1@test');
select set_eq($$ select title from public.concern_cases $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'C1/-', 'V1a/p']::text[], 'concern_cases: town admin T1 sees its villages, not town T2''s (other town)');
select tests.authenticate_as('town.staff.t2@test');
select set_eq($$ select title from public.concern_cases $$, array['V2a/U-prov']::text[], 'concern_cases: town staff T2 sees its village');
select tests.authenticate_as('village.secretary.v1a@test');
select set_eq($$ select title from public.concern_cases $$, array['V1a/U-county', 'V1a/-', 'V1a/p']::text[], 'concern_cases: village secretary V1a sees its own village only (other village: none)');
select tests.authenticate_as('village.clerk.v1a@test');
select set_eq($$ select title from public.concern_cases $$, array['V1a/U-county', 'V1a/-', 'V1a/p']::text[], 'concern_cases: village clerk V1a sees its village');
select tests.authenticate_as('village.secretary.v2a@test');
select set_eq($$ select title from public.concern_cases $$, array['V2a/U-prov']::text[], 'concern_cases: village secretary V2a sees its village');
select tests.authenticate_as('unit.liaison.county@test');
select set_eq($$ select title from public.concern_cases $$, array['V1a/U-county']::text[], 'concern_cases: the paired county unit sees its own records of its actively paired village only, nothing private');
select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq($$ select title from public.concern_cases $$, array['V2a/U-prov', 'VB/U-prov']::text[], 'concern_cases: the provincial unit sees exactly its records in its two paired villages, two counties');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.concern_cases $$, 'concern_cases: a unit whose pairing ended yesterday reads nothing of that village');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.concern_cases $$, 'concern_cases: an unpaired unit reads nothing');
select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.concern_cases $$, 'concern_cases: a revoked secretary reads nothing');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.concern_cases $$, 'concern_cases: a user without membership reads nothing');
select tests.authenticate_as('unit.liaison.county@test');
select results_eq($$ insert into public.concern_cases (village_id, unit_id, title, is_private, created_by) values (tests.org('V1a'), tests.org('U-county'), 'new', false, (select auth.uid())) returning state::text $$, array['open'], 'the county unit raises a case in its active paired village: open');
select throws_ok($$insert into public.concern_cases (village_id, unit_id, title, is_private, created_by) values (tests.org('V1a'), tests.org('U-county'), 'new', true, (select auth.uid()))$$, '42501', null, 'but not a private one');
select throws_ok($$insert into public.concern_cases (village_id, unit_id, title, is_private, created_by) values (tests.org('V2a'), tests.org('U-county'), 'new', false, (select auth.uid()))$$, '42501', null, 'nor in a village paired only from tomorrow');
select throws_ok($$update public.concern_cases set state = 'closed', closed_reason = 'x'$$, '42501', null, 'nobody updates a case directly: advance_concern_case() only');
select tests.authenticate_as('village.secretary.v1a@test');
select lives_ok($$insert into public.concern_cases (village_id, unit_id, title, is_private, created_by) values (tests.org('V1a'), null, 'new', true, (select auth.uid()))$$, 'village secretary V1a opens a private case');
select throws_ok($$insert into public.concern_cases (village_id, title, state, created_by) values (tests.org('V1a'), 'x', 'handled', (select auth.uid()))$$, '42501', null, 'a case is opened, never inserted in another state');
select throws_ok($$update public.concern_cases set owner_name = 'x'$$, '42501', null, 'the village cannot update a case directly either');
select throws_ok($$delete from public.concern_cases$$, '42501', null, 'cases are never deleted');
select tests.authenticate_as('county.staff.a@test');
select throws_ok($$insert into public.concern_cases (village_id, unit_id, title, is_private, created_by) values (tests.org('V1a'), null, 'new', false, (select auth.uid()))$$, '42501', null, 'county staff only read cases');
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.concern_cases $$, '42501', null, 'anon cannot read concern_cases');
select tests.clear_authentication();

select * from finish();
rollback;
