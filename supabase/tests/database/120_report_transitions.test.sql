-- public.report_transitions: the history of every monthly report (who, when, from, to, why, and the
-- values submitted). Readable by whoever may read the report; written only by the workflow
-- functions (130_report_workflow), never by the app role; a return or reopen carries a reason.
--
-- Fixture history (tests.create_report_fixture), 12 rows:
--   V1a -2 submitted > approved; V1a -1 submitted; V1b -1 submitted > returned; C1 -1 submitted > approved;
--   V2a -1 submitted > returned > submitted > approved; VB -1 submitted
begin;
select plan(24);

select tests.create_fixture();
select tests.create_report_fixture();

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select is((select count(*)::int from public.report_transitions), 11, 'county admin A sees the history of every report of its county');
select is_empty(
  $$ select 1 from public.report_transitions where village_id = tests.org('VB') $$,
  'but not county B''s (other county)'
);
select tests.authenticate_as('county.staff.a@test');
select is((select count(*)::int from public.report_transitions), 11, 'county staff A sees the same history');
select tests.authenticate_as('county.admin.b@test');
select results_eq(
  $$ select tests.org_key(village_id), to_state::text from public.report_transitions $$,
  $$ values ('VB', 'submitted') $$,
  'county admin B sees its village''s history only'
);
select tests.authenticate_as('town.admin.t1@test');
select bag_eq(
  $$ select tests.org_key(village_id) from public.report_transitions $$,
  array['V1a', 'V1a', 'V1a', 'V1b', 'V1b', 'C1', 'C1'],
  'town admin T1 sees the history of its villages, not town T2''s (other town)'
);
select tests.authenticate_as('town.staff.t2@test');
select results_eq(
  $$ select from_state::text, to_state::text, reason from public.report_transitions order by occurred_at $$,
  $$ values ('draft', 'submitted', null), ('submitted', 'returned', '请补充本月主要工作'),
            ('returned', 'submitted', null), ('submitted', 'approved', null) $$,
  'town staff T2 sees its village''s full history: submitted, returned with the reason, resubmitted, approved'
);
select results_eq(
  $$ select values ->> 'work_done' from public.report_transitions where to_state = 'submitted' order by occurred_at $$,
  $$ values ('九月工作'), ('九月工作，已补充') $$,
  'each submission keeps the values submitted, so the reviewer can diff them'
);
select is_empty(
  $$ select 1 from public.report_transitions where to_state <> 'submitted' and values is not null $$,
  'reviews keep no values'
);

select tests.authenticate_as('village.secretary.v1a@test');
select set_eq(
  $$ select tests.org_key(village_id) from public.report_transitions $$,
  array['V1a'],
  'village secretary V1a sees its own village''s history, not V1b''s (other village)'
);
select tests.authenticate_as('village.clerk.v1a@test');
select is((select count(*)::int from public.report_transitions), 3, 'village clerk V1a sees the same three rows');

select tests.authenticate_as('unit.liaison.county@test');
select is_empty($$ select 1 from public.report_transitions $$, 'a unit liaison sees no report history, not even its paired village''s');
select tests.authenticate_as('unit.liaison.provincial@test');
select is_empty($$ select 1 from public.report_transitions $$, 'the provincial unit liaison neither');
select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.report_transitions $$, 'a revoked secretary sees no history');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.report_transitions $$, 'a user without membership sees no history');

-- Section: nobody writes history directly
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ insert into public.report_transitions (report_id, village_id, from_state, to_state)
     values (tests.report_id('V1a', 0), tests.org('V1a'), 'draft', 'submitted') $$,
  '42501', null,
  'village secretary V1a cannot write a transition of its own'
);
select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ update public.report_transitions set reason = '改写理由' where village_id = tests.org('V1b') $$,
  '42501', null,
  'town admin T1 cannot rewrite a return reason'
);
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ delete from public.report_transitions $$,
  '42501', null,
  'county admin A cannot delete history'
);
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.report_transitions $$, '42501', null, 'anon cannot read history');

-- Section: constraints (service path)
select tests.clear_authentication();
select throws_ok(
  $$ insert into public.report_transitions (report_id, village_id, from_state, to_state)
     values (tests.report_id('V1a', -1), tests.org('V1a'), 'submitted', 'returned') $$,
  '23514', null,
  'a return carries a reason'
);
select throws_ok(
  $$ insert into public.report_transitions (report_id, village_id, from_state, to_state, reason)
     values (tests.report_id('V1a', -2), tests.org('V1a'), 'approved', 'reopened', '   ') $$,
  '23514', null,
  'so does a reopening, and blanks are no reason'
);
select throws_ok(
  $$ insert into public.report_transitions (report_id, village_id, to_state, reason)
     values (tests.report_id('V1a', -1), tests.org('V1a'), 'returned', repeat('长', 1001)) $$,
  '23514', null,
  'a reason is at most 1000 characters'
);

-- Section: audit
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.report_transitions' and op = 'INSERT'), 12,
  'every transition of the fixture was audited'
);
select is(
  (select count(distinct org_id)::int from public.audit_log where table_name = 'public.report_transitions'), 5,
  'under the village of its report (V1a, V1b, C1, V2a, VB)'
);
select tests.authenticate_as('county.admin.a@test');
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.report_transitions'), 11,
  'county admin A reads the audit of its villages'' history, not county B''s'
);

select * from finish();
rollback;
