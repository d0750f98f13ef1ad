-- public.pairings: support unit <-> village pairings. Readable by the village's scope (county,
-- town, village roles) and by the paired unit (its own pairings, and those of the villages it is
-- actively paired with); managed by the county admin of the village's county only.
--
-- Fixture pairings (unit > village):
--   U-county > V1a   active for a year
--   U-county > V2a   starts tomorrow
--   U-prov   > V2a   active (county A)
--   U-prov   > VB    starts today (county B)
--   U-ended  > V1b   ended yesterday
begin;
select plan(44);

select tests.create_fixture();

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V1a', 'U-county>V2a', 'U-prov>V2a', 'U-ended>V1b'],
  'county admin A sees every pairing of its villages, past and future, not county B''s'
);

select tests.authenticate_as('county.staff.a@test');
select is((select count(*)::int from public.pairings), 4, 'county staff A sees the same four pairings');

select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-prov>VB'],
  'county admin B sees the pairing of its village only (other county)'
);

select tests.authenticate_as('town.admin.t1@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V1a', 'U-ended>V1b'],
  'town admin T1 sees the pairings of its villages, not town T2''s (other town)'
);

select tests.authenticate_as('town.staff.t2@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V2a', 'U-prov>V2a'],
  'town staff T2 sees the pairings of its village'
);

select tests.authenticate_as('village.secretary.v1a@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V1a'],
  'village secretary V1a sees its own village''s pairing only (other village: none)'
);

select tests.authenticate_as('village.clerk.v1a@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V1a'],
  'village clerk V1a sees its village''s pairing'
);

select tests.authenticate_as('village.secretary.v2a@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V2a', 'U-prov>V2a'],
  'village secretary V2a sees both pairings of its village, the coming one included'
);

select tests.authenticate_as('unit.liaison.county@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-county>V1a', 'U-county>V2a'],
  'county unit liaison sees its unit''s pairings'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-prov>V2a', 'U-prov>VB', 'U-county>V2a'],
  'provincial unit liaison sees its pairings in both counties and the other pairing of its paired village V2a'
);
select is_empty(
  $$ select 1 from public.pairings where village_id in (tests.org('V1a'), tests.org('V1b')) $$,
  'provincial unit liaison sees nothing of villages it is not paired with'
);

select tests.authenticate_as('unit.liaison.ended@test');
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) from public.pairings $$,
  array['U-ended>V1b'],
  'unit whose pairing ended yesterday keeps its own pairing record'
);
select is(
  (select ends_on from public.pairings), tests.today() - 1,
  'and that record shows it ended yesterday'
);
select is_empty(
  $$ select 1 from public.orgs where id = tests.org('V1b') $$,
  'but the unit no longer sees the village itself'
);

select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.pairings $$, 'unpaired unit liaison sees no pairing');

select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.pairings $$, 'a revoked secretary sees no pairing');

select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.pairings $$, 'a user without membership sees no pairing');

-- Section: writes by the county admin (manage scope: its county)
select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ insert into public.pairings (unit_id, village_id, starts_on)
     values (tests.org('U-unpaired'), tests.org('V1b'), tests.today())
     returning tests.org_key(unit_id) || '>' || tests.org_key(village_id) $$,
  array['U-unpaired>V1b'],
  'county admin A pairs a unit with a village of its county'
);
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-county'), tests.org('VB'), tests.today()) $$,
  '42501', null, 'county admin A cannot pair a village of county B'
);
select results_eq(
  $$ update public.pairings set ends_on = tests.today() + 365
      where id = tests.pairing_id('U-county', 'V1a') returning tests.org_key(village_id) $$,
  array['V1a'],
  'county admin A sets the end of a pairing of its county'
);
select is_empty(
  $$ update public.pairings set ends_on = tests.today() where id = tests.pairing_id('U-prov', 'VB') returning 1 $$,
  'county admin A cannot change county B''s pairing (0 rows)'
);
select throws_ok(
  $$ update public.pairings set village_id = tests.org('VB') where id = tests.pairing_id('U-county', 'V1a') $$,
  '42501', null, 'county admin A cannot move a pairing to county B''s village'
);
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('V1a'), tests.org('V1b'), tests.today()) $$,
  '23514', null, 'a pairing joins a unit with a village, not two villages'
);
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on, ends_on)
     values (tests.org('U-county'), tests.org('C1'), tests.today(), tests.today() - 1) $$,
  '23514', null, 'a pairing cannot end before it starts'
);
select throws_ok(
  $$ delete from public.pairings where id = tests.pairing_id('U-ended', 'V1b') $$,
  '42501', null, 'county admin A cannot delete a pairing of its county: history is kept, a pairing is ended'
);
select throws_ok(
  $$ delete from public.pairings where id = tests.pairing_id('U-prov', 'VB') $$,
  '42501', null, 'county admin A cannot delete county B''s pairing'
);

select tests.authenticate_as('county.admin.b@test');
select throws_ok(
  $$ delete from public.pairings where id = tests.pairing_id('U-prov', 'V2a') $$,
  '42501', null, 'county admin B cannot delete county A''s pairing'
);
select lives_ok(
  $$ update public.pairings set is_lead = false where id = tests.pairing_id('U-prov', 'VB') $$,
  'county admin B manages its own village''s pairing'
);

-- Section: everyone else reads only
select tests.authenticate_as('county.staff.a@test');
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-county'), tests.org('C1'), tests.today()) $$,
  '42501', null, 'county staff cannot create a pairing'
);
select is_empty(
  $$ update public.pairings set is_lead = false returning 1 $$, 'county staff cannot change pairings (0 rows)'
);
select throws_ok($$ delete from public.pairings $$, '42501', null, 'county staff cannot delete pairings');

select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-county'), tests.org('C1'), tests.today()) $$,
  '42501', null, 'town admin cannot create a pairing in its town'
);
select is_empty(
  $$ update public.pairings set ends_on = tests.today() returning 1 $$, 'town admin cannot change pairings (0 rows)'
);

select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-prov'), tests.org('V1a'), tests.today()) $$,
  '42501', null, 'village secretary cannot pair its village'
);
select throws_ok($$ delete from public.pairings $$, '42501', null, 'village secretary cannot delete its pairing');

select tests.authenticate_as('unit.liaison.county@test');
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-county'), tests.org('V1b'), tests.today()) $$,
  '42501', null, 'unit liaison cannot pair its unit with another village'
);
select is_empty(
  $$ update public.pairings set ends_on = null returning 1 $$,
  'unit liaison cannot extend its pairings (0 rows)'
);
select throws_ok($$ delete from public.pairings $$, '42501', null, 'unit liaison cannot delete its pairings');

select tests.authenticate_as('unit.liaison.ended@test');
select is_empty(
  $$ update public.pairings set ends_on = null returning 1 $$,
  'unit whose pairing ended cannot revive it (0 rows)'
);

select tests.authenticate_as('unit.liaison.unpaired@test');
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-unpaired'), tests.org('V1a'), tests.today()) $$,
  '42501', null, 'unpaired unit liaison cannot pair itself with a village'
);

select tests.clear_authentication();
select set_eq(
  $$ select tests.org_key(unit_id) || '>' || tests.org_key(village_id) || ' ' || coalesce((ends_on - tests.today())::text, 'open')
       from public.pairings $$,
  array['U-county>V1a 365', 'U-county>V2a open', 'U-prov>V2a 700', 'U-prov>VB 700', 'U-ended>V1b -1', 'U-unpaired>V1b open'],
  'only the county admins'' own changes reached the table'
);

-- Section: anon
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.pairings $$, '42501', null, 'anon cannot read pairings');
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (gen_random_uuid(), gen_random_uuid(), current_date) $$,
  '42501', null, 'anon cannot create pairings'
);
select throws_ok($$ delete from public.pairings $$, '42501', null, 'anon cannot delete pairings');
select tests.clear_authentication();

select * from finish();
rollback;
