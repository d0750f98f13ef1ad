-- created_by of cadres, cadre_postings and pairings (migration 20261129000018): the caller who wrote the
-- row, which the county's forms read to answer a repeated submission with "already saved". The app role
-- can neither name another creator nor change one; the service path (seed, imports) may name one.
begin;
select plan(14);

select tests.create_fixture();
select tests.create_pairing_fixture();

-- Section: cadres (insert and update granted by column, without created_by)
select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ insert into public.cadres (county_id, unit_id, name) values (tests.org('A'), tests.org('U-county'), '写入测试干部')
     returning tests.email(created_by) $$,
  array['county.admin.a@test'],
  'cadres: the county admin who adds a cadre is its creator'
);
select throws_ok(
  $$ insert into public.cadres (county_id, name, created_by) values (tests.org('A'), '冒名干部', tests.user_id('county.staff.a@test')) $$,
  '42501', null, 'cadres: the app role cannot name another creator'
);
select throws_ok(
  $$ update public.cadres set created_by = tests.user_id('county.staff.a@test') where name = '写入测试干部' $$,
  '42501', null, 'cadres: the app role cannot change the creator'
);

-- Section: cadre_postings (likewise)
select results_eq(
  $$ insert into public.cadre_postings (cadre_id, village_id, post, starts_on)
     values (tests.cadre_id('cad-A'), tests.org('V1a'), 'village_cadre', tests.today()) returning tests.email(created_by) $$,
  array['county.admin.a@test'],
  'cadre_postings: the county admin who posts a cadre is the posting''s creator'
);
select throws_ok(
  $$ insert into public.cadre_postings (cadre_id, village_id, post, starts_on, created_by)
     values (tests.cadre_id('cad-A'), tests.org('V1b'), 'village_cadre', tests.today(), tests.user_id('county.staff.a@test')) $$,
  '42501', null, 'cadre_postings: the app role cannot name another creator'
);
select throws_ok(
  $$ update public.cadre_postings set created_by = null where cadre_id = tests.cadre_id('cad-A') $$,
  '42501', null, 'cadre_postings: the app role cannot change the creator'
);

-- Section: pairings (insert and update granted on the whole table: the guard trigger keeps the creator)
select results_eq(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-unpaired'), tests.org('V1b'), tests.today())
     returning tests.email(created_by) $$,
  array['county.admin.a@test'],
  'pairings: the county admin who pairs a unit with a village is the pairing''s creator'
);
select results_eq(
  $$ insert into public.pairings (unit_id, village_id, starts_on, created_by)
     values (tests.org('U-unpaired'), tests.org('C1'), tests.today(), tests.user_id('county.staff.a@test'))
     returning tests.email(created_by) $$,
  array['county.admin.a@test'],
  'pairings: a creator named by the app role is replaced by the caller'
);
select results_eq(
  $$ update public.pairings set created_by = tests.user_id('county.staff.a@test')
      where id = tests.pairing_id('U-unpaired', 'V1b') returning tests.email(created_by) $$,
  array['county.admin.a@test'],
  'pairings: an update cannot change the creator'
);
select results_eq(
  $$ update public.pairings set ends_on = tests.today() + 30
      where id = tests.pairing_id('U-unpaired', 'C1') returning tests.email(created_by) $$,
  array['county.admin.a@test'],
  'pairings: ending a pairing keeps its creator'
);
select is(
  (select created_by from public.pairings where id = tests.pairing_id('U-county', 'V1a')), null,
  'pairings: a pairing from before created_by (the fixture, written on the service path) has no creator'
);

select tests.authenticate_as('county.admin.b@test');
select is_empty(
  $$ select 1 from public.pairings where created_by = tests.user_id('county.admin.a@test') $$,
  'pairings: created_by opens nothing: county admin B still sees none of county A''s pairings'
);

-- Section: the service path
select tests.clear_authentication();
select results_eq(
  $$ insert into public.pairings (unit_id, village_id, starts_on, created_by)
     values (tests.org('U-unpaired'), tests.org('VB'), tests.today(), tests.user_id('county.admin.b@test'))
     returning tests.email(created_by) $$,
  array['county.admin.b@test'],
  'pairings: the service path (an import) may name the creator'
);
select results_eq(
  $$ insert into public.cadres (county_id, name) values (tests.org('B'), '种子干部') returning created_by $$,
  array[null::uuid],
  'cadres: a row the seed writes has no creator'
);

select * from finish();
rollback;
