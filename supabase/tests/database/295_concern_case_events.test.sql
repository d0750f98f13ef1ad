-- public.concern_case_events: the history of each case, readable like the case; written only by
-- advance_concern_case() and the insert trigger.
begin;
select plan(19);

select tests.create_fixture();
select tests.create_pairing_fixture();

select tests.authenticate_as('county.admin.a@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'V2a/U-prov', 'C1/-', 'V1a/p']::text[], 'concern_case_events: county admin A sees every record of its county, not county B''s');
select tests.authenticate_as('county.staff.a@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'V2a/U-prov', 'C1/-', 'V1a/p']::text[], 'concern_case_events: county staff A sees the same');
select tests.authenticate_as('county.admin.b@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['VB/U-prov']::text[], 'concern_case_events: county admin B sees its own county only (other county)');
select tests.authenticate_as('town.admin.t1@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V1a/U-county', 'V1a/-', 'V1b/U-ended', 'C1/-', 'V1a/p']::text[], 'concern_case_events: town admin T1 sees its villages, not town T2''s (other town)');
select tests.authenticate_as('town.staff.t2@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V2a/U-prov']::text[], 'concern_case_events: town staff T2 sees its village');
select tests.authenticate_as('village.secretary.v1a@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V1a/U-county', 'V1a/-', 'V1a/p']::text[], 'concern_case_events: village secretary V1a sees its own village only (other village: none)');
select tests.authenticate_as('village.clerk.v1a@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V1a/U-county', 'V1a/-', 'V1a/p']::text[], 'concern_case_events: village clerk V1a sees its village');
select tests.authenticate_as('village.secretary.v2a@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V2a/U-prov']::text[], 'concern_case_events: village secretary V2a sees its village');
select tests.authenticate_as('unit.liaison.county@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V1a/U-county']::text[], 'concern_case_events: the paired county unit sees its own records of its actively paired village only, nothing private');
select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq($$ select (select k.title from public.concern_cases k where k.id = case_id) from public.concern_case_events $$, array['V2a/U-prov', 'VB/U-prov']::text[], 'concern_case_events: the provincial unit sees exactly its records in its two paired villages, two counties');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.concern_case_events $$, 'concern_case_events: a unit whose pairing ended yesterday reads nothing of that village');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.concern_case_events $$, 'concern_case_events: an unpaired unit reads nothing');
select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.concern_case_events $$, 'concern_case_events: a revoked secretary reads nothing');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.concern_case_events $$, 'concern_case_events: a user without membership reads nothing');
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok($$insert into public.concern_case_events (case_id, village_id, to_state) values (tests.case_id('V1a/-'), tests.org('V1a'), 'closed')$$, '42501', null, 'nobody writes case events directly');
select throws_ok($$update public.concern_case_events set note = 'x'$$, '42501', null, 'case events are not updated');
select throws_ok($$delete from public.concern_case_events$$, '42501', null, 'nor deleted');
select tests.clear_authentication();
select is((select count(*)::int from public.concern_case_events where from_state is null and to_state = 'open'), 7, 'every case has its opening event');
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.concern_case_events $$, '42501', null, 'anon cannot read concern_case_events');
select tests.clear_authentication();

select * from finish();
rollback;
