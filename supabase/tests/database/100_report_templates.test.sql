-- public.report_templates: the versioned monthly report template of a county. Readable by everyone
-- under the county (the form has to render); a new version is added by the county admin; versions
-- are never changed or deleted, and apply in order.
--
-- Fixture (tests.create_report_fixture): A v1 from 12 months ago, A v2 from this month; B v1.
begin;
select plan(29);

select tests.create_fixture();
select tests.create_report_fixture();

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ select tests.org_key(county_id), version from public.report_templates order by version $$,
  $$ values ('A', 1), ('A', 2) $$,
  'county admin A sees both versions of its county''s template, not county B''s (other county)'
);

select tests.authenticate_as('county.staff.a@test');
select is((select count(*)::int from public.report_templates), 2, 'county staff A sees them too');

select tests.authenticate_as('county.admin.b@test');
select results_eq(
  $$ select tests.org_key(county_id), version from public.report_templates $$,
  $$ values ('B', 1) $$,
  'county admin B sees its own county''s template only'
);

select tests.authenticate_as('town.staff.t2@test');
select is((select count(*)::int from public.report_templates where county_id = tests.org('A')), 2,
  'town staff T2 sees its county''s templates (the review page renders them)');
select is_empty($$ select 1 from public.report_templates where county_id = tests.org('B') $$,
  'but not another county''s');

select tests.authenticate_as('village.clerk.v1a@test');
select is((select count(*)::int from public.report_templates), 2, 'village clerk V1a sees its county''s templates (the form renders them)');

select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.report_templates $$, 'an unpaired municipal unit sees no county''s template');

select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.report_templates $$, 'a user without membership sees no template');

select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.report_templates $$, 'a revoked secretary sees no template');

-- Section: insert
select tests.authenticate_as('county.admin.a@test');
select lives_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, due_day, definition, created_by)
     values (tests.org('A'), 3, tests.month(2), 10, '{"sections": []}', (select auth.uid())) $$,
  'county admin A adds version 3 applying from a later month'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 4, tests.month(-6), '{"sections": []}', (select auth.uid())) $$,
  '23514', null,
  'a later version cannot apply from a month before an earlier version''s'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 3, tests.month(5), '{"sections": []}', (select auth.uid())) $$,
  '23505', null,
  'a version number is used once per county'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 5, tests.month(6) + 3, '{"sections": []}', (select auth.uid())) $$,
  '23514', null,
  'a version applies from the first day of a month'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, due_day, definition, created_by)
     values (tests.org('A'), 5, tests.month(6), 29, '{"sections": []}', (select auth.uid())) $$,
  '23514', null,
  'the due day is 1 to 28 (every month has it)'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 5, tests.month(6), '{"fields": []}', (select auth.uid())) $$,
  '23514', null,
  'a definition has a list of sections'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('T1'), 1, tests.month(6), '{"sections": []}', (select auth.uid())) $$,
  '23514', null,
  'a template belongs to a county, not to a town'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('B'), 2, tests.month(6), '{"sections": []}', (select auth.uid())) $$,
  '42501', null,
  'county admin A cannot add a version to county B''s template'
);
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 6, tests.month(7), '{"sections": []}', tests.user_id('county.staff.a@test')) $$,
  '42501', null,
  'a version is created in its author''s own name'
);

select tests.authenticate_as('county.admin.b@test');
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('B'), 2, tests.month(-1), '{"sections": []}', (select auth.uid())) $$,
  '23514', null,
  'a new version cannot apply from a month that already has a report in the county (VB, last month)'
);
select lives_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('B'), 2, tests.month(0), '{"sections": []}', (select auth.uid())) $$,
  'county admin B adds version 2 from this month, which has no report in county B yet'
);

select tests.authenticate_as('county.staff.a@test');
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 6, tests.month(7), '{"sections": []}', (select auth.uid())) $$,
  '42501', null,
  'county staff A does not manage templates'
);
select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 6, tests.month(7), '{"sections": []}', (select auth.uid())) $$,
  '42501', null,
  'town admin T1 does not manage templates'
);
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition, created_by)
     values (tests.org('A'), 6, tests.month(7), '{"sections": []}', (select auth.uid())) $$,
  '42501', null,
  'village secretary V1a does not manage templates'
);

-- Section: versions never change
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ update public.report_templates set due_day = 20 where version = 1 $$,
  '42501', null,
  'county admin A cannot change a version (a change is a new version)'
);
select throws_ok(
  $$ delete from public.report_templates where version = 3 $$,
  '42501', null,
  'county admin A cannot delete a version'
);

-- Section: anon
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.report_templates $$, '42501', null, 'anon cannot read templates');
select throws_ok(
  $$ insert into public.report_templates (county_id, version, valid_from, definition)
     values (tests.org('A'), 9, tests.month(9), '{"sections": []}') $$,
  '42501', null, 'anon cannot add a template'
);

-- Section: audit
select tests.clear_authentication();
select results_eq(
  $$ select tests.email(actor_id), op, tests.org_key(org_id), new_row ->> 'version'
       from public.audit_log where table_name = 'public.report_templates' and actor_id is not null order by 3 $$,
  $$ values ('county.admin.a@test', 'INSERT', 'A', '3'), ('county.admin.b@test', 'INSERT', 'B', '2') $$,
  'the new versions are audited under their county, with their author'
);
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.report_templates' and actor_id is null), 3,
  'the fixture''s three versions were audited too (service path: no actor)'
);

select * from finish();
rollback;
