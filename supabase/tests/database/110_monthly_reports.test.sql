-- public.monthly_reports: one report per village per month. Readable by the village, its town and
-- its county (never by support units); started and edited by the village's secretary and clerk
-- while it is a draft, returned or reopened; state and workflow columns change only through the
-- workflow functions (130_report_workflow). The approval lock holds for a direct UPDATE too.
--
-- Fixture reports (tests.create_report_fixture; offset in months from this one):
--   V1a -2 approved, V1a -1 submitted, V1a 0 draft, V1b -1 returned, C1 -1 approved (late),
--   V2a -1 approved, VB -1 submitted (county B)
begin;
select plan(54);

select tests.create_fixture();
select tests.create_report_fixture();

-- Section: what the database decided on insert (service path)
select is(
  (select due_on from public.monthly_reports where id = tests.report_id('V1a', -1)), tests.month(0) + 4,
  'a report is due on the 5th of the next month (the template''s due day)'
);
select is(
  (select t.version from public.monthly_reports r join public.report_templates t on t.id = r.template_id
    where r.id = tests.report_id('V1a', -1)), 1,
  'last month''s report is filed under version 1, the version valid then'
);

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select tests.org_key(village_id) || ' ' || tests.month_offset(period) from public.monthly_reports $$,
  array['V1a -2', 'V1a -1', 'V1a 0', 'V1b -1', 'C1 -1', 'V2a -1'],
  'county admin A sees every report of its county, not county B''s (other county)'
);
select tests.authenticate_as('county.staff.a@test');
select is((select count(*)::int from public.monthly_reports), 6, 'county staff A sees the same six');

select tests.authenticate_as('county.admin.b@test');
select results_eq(
  $$ select tests.org_key(village_id) from public.monthly_reports $$,
  array['VB'],
  'county admin B sees its own village''s report only'
);

select tests.authenticate_as('town.admin.t1@test');
select bag_eq(
  $$ select tests.org_key(village_id) from public.monthly_reports $$,
  array['V1a', 'V1a', 'V1a', 'V1b', 'C1'],
  'town admin T1 sees the reports of its villages and community, not town T2''s (other town)'
);

select tests.authenticate_as('town.staff.t2@test');
select results_eq(
  $$ select tests.org_key(village_id) from public.monthly_reports $$,
  array['V2a'],
  'town staff T2 sees its village''s report only'
);

select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ select tests.org_key(village_id), state::text from public.monthly_reports order by period $$,
  $$ values ('V1a', 'approved'), ('V1a', 'submitted'), ('V1a', 'draft') $$,
  'village secretary V1a sees its own village''s reports, not V1b''s (other village)'
);

select tests.authenticate_as('village.clerk.v1a@test');
select is((select count(*)::int from public.monthly_reports), 3, 'village clerk V1a sees the same three');

select tests.authenticate_as('village.secretary.v2a@test');
select results_eq(
  $$ select tests.org_key(village_id) from public.monthly_reports $$,
  array['V2a'],
  'village secretary V2a sees its own village''s report only'
);

select tests.authenticate_as('unit.liaison.county@test');
select is_empty($$ select 1 from public.monthly_reports $$, 'a unit liaison sees no report, not even its actively paired village''s');
select tests.authenticate_as('unit.liaison.provincial@test');
select is_empty($$ select 1 from public.monthly_reports $$, 'the provincial unit liaison sees no report of its paired villages either');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.monthly_reports $$, 'an unpaired unit sees no report');
select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.monthly_reports $$, 'a revoked secretary sees no report of her former village');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.monthly_reports $$, 'a user without membership sees no report');

-- Section: starting a report
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ insert into public.monthly_reports (village_id, period, values)
     values (tests.org('V1a'), tests.month(-3), '{"party_lectures": 1}')
     returning state::text, revision, due_on, tests.email(created_by), tests.email(updated_by), first_submitted_at is null $$,
  $$ values ('draft', 1, tests.month(-2) + 4, 'village.secretary.v1a@test', 'village.secretary.v1a@test', true) $$,
  'village secretary V1a starts a draft for a past month: the database sets due date, author and revision'
);
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period, values) values (tests.org('V1a'), tests.month(-1), '{}') $$,
  '23505', null,
  'one report per village per month'
);
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1a'), tests.month(1)) $$,
  '23514', null,
  'no report for a future month'
);
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1a'), tests.month(-13)) $$,
  '23514', null,
  'no report for a month no template version applies to'
);
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1a'), tests.month(-1) + 3) $$,
  '23514', null,
  'a period is the first day of a month'
);
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1b'), tests.month(-4)) $$,
  '42501', null,
  'village secretary V1a cannot start a report for another village'
);
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period, state, first_submitted_at)
     values (tests.org('V1a'), tests.month(-4), 'approved', now()) $$,
  '42501', null,
  'nor start one already approved (the workflow columns are not the village''s to set)'
);

select tests.authenticate_as('village.clerk.v1a@test');
select results_eq(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1a'), tests.month(-4))
     returning tests.email(created_by) $$,
  array['village.clerk.v1a@test'],
  'village clerk V1a starts a draft too'
);

select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1b'), tests.month(-4)) $$,
  '42501', null,
  'town admin T1 does not file its villages'' reports'
);
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1b'), tests.month(-4)) $$,
  '42501', null,
  'county admin A does not file them either'
);
select tests.authenticate_as('unit.liaison.county@test');
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1a'), tests.month(-5)) $$,
  '42501', null,
  'a unit liaison cannot file its paired village''s report'
);

-- Section: editing a draft
select tests.authenticate_as('village.clerk.v1a@test');
select results_eq(
  $$ update public.monthly_reports set values = '{"party_lectures": 2, "work_done": "十一月工作"}'
      where id = tests.report_id('V1a', 0)
     returning state::text, revision, tests.email(updated_by), tests.email(created_by) $$,
  $$ values ('draft', 2, 'village.clerk.v1a@test', 'village.secretary.v1a@test') $$,
  'village clerk V1a edits the draft: the revision goes up and the editor is recorded'
);
select results_eq(
  $$ update public.monthly_reports set comments = '{"party_lectures": "补开了一次党课"}'
      where id = tests.report_id('V1a', 0) returning revision $$,
  array[3],
  'comments are the village''s to edit too'
);

-- Section: the approval lock and the other non-editable states, by direct UPDATE
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{"party_lectures": 9}'
                 where id = tests.report_id('V1a', -2) returning 1)
     select count(*)::int from u $$,
  array[0],
  'village secretary V1a cannot edit its approved report: the UPDATE touches no row'
);
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{"party_lectures": 9}'
                 where id = tests.report_id('V1a', -1) returning 1)
     select count(*)::int from u $$,
  array[0],
  'nor its submitted report while the town reviews it'
);
select throws_ok(
  $$ update public.monthly_reports set state = 'draft' where id = tests.report_id('V1a', -2) $$,
  '42501', null,
  'nor reopen it by setting the state'
);
select tests.authenticate_as('village.clerk.v1a@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = values || '{"party_lectures": 9}'
                 where period >= tests.month(-2) returning 1)
     select count(*)::int from u $$,
  array[1],
  'an UPDATE of its last three reports by village clerk V1a reaches only the draft'
);
select tests.clear_authentication();
select results_eq(
  $$ select tests.month_offset(period), values ->> 'party_lectures', revision from public.monthly_reports
      where village_id = tests.org('V1a') and period >= tests.month(-2) order by period $$,
  $$ values (-2, '1', 3), (-1, '2', 2), (0, '9', 4) $$,
  'the approved and the submitted report are unchanged'
);

-- Section: workflow columns are not the app's to set, even on a draft
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ update public.monthly_reports set state = 'submitted' where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'the state changes only through the workflow functions'
);
select throws_ok(
  $$ update public.monthly_reports set first_submitted_at = now() - interval '60 days' where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'the first submission time cannot be back-dated'
);
select throws_ok(
  $$ update public.monthly_reports set due_on = due_on + 30 where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'the due date cannot be moved'
);
select throws_ok(
  $$ update public.monthly_reports set revision = 1 where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'the revision cannot be reset'
);
select throws_ok(
  $$ update public.monthly_reports set reviewed_by = (select auth.uid()) where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'nor the reviewer set'
);
select throws_ok(
  $$ update public.monthly_reports set template_id = template_id where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'nor the template changed'
);
select throws_ok(
  $$ update public.monthly_reports set period = tests.month(-6) where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'nor the month'
);
select throws_ok(
  $$ delete from public.monthly_reports where id = tests.report_id('V1a', 0) $$,
  '42501', null, 'a report is never deleted'
);

-- Section: others cannot edit
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{}' where id = tests.report_id('V1b', -1) returning 1)
     select count(*)::int from u $$,
  array[0],
  'town admin T1 cannot edit its village''s returned report'
);
select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{}' returning 1) select count(*)::int from u $$,
  array[0],
  'county admin A cannot edit any report'
);
select tests.authenticate_as('village.secretary.v2a@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{}' where id = tests.report_id('V1a', 0) returning 1)
     select count(*)::int from u $$,
  array[0],
  'village secretary V2a cannot edit another village''s draft'
);
select tests.authenticate_as('revoked.secretary.v1b@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{}' where id = tests.report_id('V1b', -1) returning 1)
     select count(*)::int from u $$,
  array[0],
  'a revoked secretary cannot edit her former village''s returned report'
);
select tests.clear_authentication();
select is(
  (select values ->> 'work_done' from public.monthly_reports where id = tests.report_id('V1b', -1)), '九月工作',
  'V1b''s returned report is unchanged'
);

-- Section: anon
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.monthly_reports $$, '42501', null, 'anon cannot read reports');
select throws_ok(
  $$ insert into public.monthly_reports (village_id, period) values (tests.org('V1a'), tests.month(-7)) $$,
  '42501', null, 'anon cannot start a report'
);
select throws_ok(
  $$ update public.monthly_reports set values = '{}' $$,
  '42501', null, 'anon cannot edit a report'
);

-- Section: audit
select tests.clear_authentication();
select results_eq(
  $$ select tests.email(actor_id), op, old_row -> 'values' ->> 'party_lectures', new_row -> 'values' ->> 'party_lectures'
       from public.audit_log
      where table_name = 'public.monthly_reports' and row_id = tests.report_id('V1a', 0)::text and actor_id is not null
      order by id $$,
  $$ values ('village.clerk.v1a@test', 'UPDATE', '1', '2'), ('village.clerk.v1a@test', 'UPDATE', '2', '2'),
            ('village.clerk.v1a@test', 'UPDATE', '2', '9') $$,
  'every edit of the draft is audited with its editor, before and after'
);
select results_eq(
  $$ select tests.email(actor_id), tests.org_key(org_id), (new_row ->> 'period')::date = tests.month(-3)
       from public.audit_log
      where table_name = 'public.monthly_reports' and op = 'INSERT' and actor_id is not null order by id $$,
  $$ values ('village.secretary.v1a@test', 'V1a', true), ('village.clerk.v1a@test', 'V1a', false) $$,
  'the drafts started by the village are audited under the village'
);
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.monthly_reports' and op = 'INSERT' and actor_id is null), 7,
  'the fixture''s reports were audited on the service path'
);
select tests.authenticate_as('county.admin.a@test');
select ok(
  (select count(*)::int from public.audit_log where table_name = 'public.monthly_reports' and org_id = tests.org('V1a')) = 8,
  'county admin A reads the audit of its villages'' reports (V1a: 3 + 2 inserts, 3 edits)'
);
select tests.authenticate_as('town.admin.t1@test');
select is_empty(
  $$ select 1 from public.audit_log where table_name = 'public.monthly_reports' $$,
  'the town does not read the audit'
);

select * from finish();
rollback;
