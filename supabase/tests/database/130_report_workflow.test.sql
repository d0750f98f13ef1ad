-- The workflow functions: submit_monthly_report (the branch secretary; idempotent; refuses a stale
-- form), review_monthly_report (the town: approve, or return with a reason) and
-- reopen_monthly_report (the town, with a reason). Each checks the caller's permission itself and
-- writes one report_transitions row per change; the approval lock holds in between.
--
-- Fixture: V1a -2 approved, V1a -1 submitted (revision 2), V1a 0 draft (revision 1),
--          V1b -1 returned, C1 -1 approved, V2a -1 approved, VB -1 submitted (county B)
begin;
select plan(68);

select tests.create_fixture();
select tests.create_report_fixture();

/** The (from > to) history of a fixture report, oldest first, for readable assertions. */
create function pg_temp.history(p_village text, p_offset integer) returns text
language sql stable security definer set search_path = '' as $$
  select string_agg(coalesce(from_state::text, '-') || '>' || to_state::text, ' ' order by id)
    from public.report_transitions where report_id = tests.report_id(p_village, p_offset)
$$;
grant execute on function pg_temp.history(text, integer) to authenticated;

-- Section: submit
select tests.authenticate_as('village.clerk.v1a@test');
update public.monthly_reports set values = '{"party_lectures": 1, "work_done": "十一月工作"}' where id = tests.report_id('V1a', 0);
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  '42501', 'only the branch secretary submits the report',
  'village clerk V1a edits the draft but cannot submit it'
);

select tests.authenticate_as('village.secretary.v2a@test');
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  'P0002', 'report not found',
  'village secretary V2a cannot submit another village''s report: it does not exist for her'
);
select tests.authenticate_as('village.secretary.b@test');
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  'P0002', null,
  'nor can county B''s secretary'
);
select tests.authenticate_as('unit.liaison.county@test');
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  'P0002', null,
  'nor the paired unit''s liaison'
);
select tests.authenticate_as('revoked.secretary.v1b@test');
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1b', -1), 3) $$,
  'P0002', null,
  'nor a revoked secretary, her former village''s returned report'
);
select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  '42501', null,
  'town admin T1 reads the draft but does not submit for the village'
);

select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ select public.submit_monthly_report(gen_random_uuid(), 1) $$,
  'P0002', null,
  'an unknown report is not found'
);
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 1) $$,
  '40001', 'the report changed since this form was opened',
  'village secretary V1a submitting from a form opened before the clerk''s edit is refused as stale'
);
select results_eq(
  $$ select state::text, revision, tests.email(submitted_by), first_submitted_at = now(), submitted_at = now()
       from public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  $$ values ('submitted', 3, 'village.secretary.v1a@test', true, true) $$,
  'village secretary V1a submits the current draft'
);
select results_eq(
  $$ select state::text, revision from public.submit_monthly_report(tests.report_id('V1a', 0), 2) $$,
  $$ values ('submitted', 3) $$,
  'submitting the same form again (double click, resent form) returns the report unchanged'
);
select results_eq(
  $$ select state::text, revision from public.submit_monthly_report(tests.report_id('V1a', 0), 3) $$,
  $$ values ('submitted', 3) $$,
  'and so does submitting the submitted revision itself'
);
select is(pg_temp.history('V1a', 0), 'draft>submitted', 'three submit calls made one transition');
select results_eq(
  $$ select tests.email(actor_id), values ->> 'work_done', occurred_at = now() from public.report_transitions
      where report_id = tests.report_id('V1a', 0) $$,
  $$ values ('village.secretary.v1a@test', '十一月工作', true) $$,
  'the transition records the secretary, the time and the values submitted'
);
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 1) $$,
  '55000', 'a submitted report cannot be submitted',
  'a form older than the submission cannot submit the report again'
);
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', -2), 3) $$,
  '55000', 'a approved report cannot be submitted',
  'an approved report cannot be submitted'
);
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{}' where id = tests.report_id('V1a', 0) returning 1)
     select count(*)::int from u $$,
  array[0],
  'once submitted, the village can no longer edit it'
);

-- Section: review
select tests.authenticate_as('town.staff.t2@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  'P0002', 'report not found',
  'town staff T2 cannot review a report of another town: it does not exist for it'
);
select tests.authenticate_as('county.admin.b@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  'P0002', null,
  'county admin B cannot review county A''s report'
);
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  '42501', 'only the town reviews the report',
  'county admin A reads the report but the town reviews it'
);
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  '42501', null,
  'village secretary V1a cannot approve its own report'
);
select tests.authenticate_as('unit.liaison.county@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  'P0002', null,
  'the paired unit''s liaison cannot review it'
);

select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'return') $$,
  '23514', 'returning a report needs a reason',
  'town admin T1 cannot return a report without a reason'
);
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'return', '   ') $$,
  '23514', null,
  'blanks are no reason'
);
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'reject', '不行') $$,
  '22023', null,
  'a decision is approve or return'
);
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1b', -1), 'approve') $$,
  '55000', 'a returned report cannot be reviewed',
  'a returned report waits for the village: it cannot be approved'
);
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('VB', -1), 'approve') $$,
  'P0002', null,
  'town admin T1 cannot review county B''s report'
);
select results_eq(
  $$ select state::text, tests.email(reviewed_by), reviewed_at = now()
       from public.review_monthly_report(tests.report_id('V1a', -1), 'return', '党课次数与记录本不符，请核实') $$,
  $$ values ('returned', 'town.admin.t1@test', true) $$,
  'town admin T1 returns the report with a reason'
);
select results_eq(
  $$ select state::text from public.review_monthly_report(tests.report_id('V1a', -1), 'return', '再退一次') $$,
  array['returned'],
  'returning it again changes nothing'
);
select is(pg_temp.history('V1a', -1), 'draft>submitted submitted>returned', 'one return, one transition');

-- Section: the village sees the reason, fixes the report and resubmits
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ select reason, tests.email(actor_id) from public.report_transitions
      where report_id = tests.report_id('V1a', -1) and to_state = 'returned' $$,
  $$ values ('党课次数与记录本不符，请核实', 'town.admin.t1@test') $$,
  'village secretary V1a reads the reason and who gave it'
);
select results_eq(
  $$ update public.monthly_reports set values = values || '{"party_lectures": 1}'
      where id = tests.report_id('V1a', -1) returning state::text, revision $$,
  $$ values ('returned', 4) $$,
  'the returned report is editable again'
);
select results_eq(
  $$ select state::text, revision, first_submitted_at < submitted_at
       from public.submit_monthly_report(tests.report_id('V1a', -1), 4) $$,
  $$ values ('submitted', 5, true) $$,
  'and is resubmitted; the first submission time stays (timeliness counts the first)'
);
select results_eq(
  $$ select values ->> 'party_lectures' from public.report_transitions
      where report_id = tests.report_id('V1a', -1) and to_state = 'submitted' order by id $$,
  $$ values ('2'), ('1') $$,
  'both submissions are kept, so the reviewer sees what changed'
);

-- Section: approve
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ select state::text from public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  array['approved'],
  'town admin T1 approves the resubmitted report'
);
select results_eq(
  $$ select state::text from public.review_monthly_report(tests.report_id('V1a', -1), 'approve') $$,
  array['approved'],
  'approving twice is harmless'
);
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'return', '晚了') $$,
  '55000', 'a approved report cannot be reviewed',
  'an approved report cannot be returned: it has to be reopened'
);
select is(
  pg_temp.history('V1a', -1),
  'draft>submitted submitted>returned returned>submitted submitted>approved',
  'the history: submitted, returned, resubmitted, approved'
);
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', -1), 'return', '抽查') $$,
  '42501', 'only the town reviews the report',
  'the county admin is refused for who it is (42501), not for the report''s state (55000)'
);
select tests.authenticate_as('town.admin.t1@test');

-- Section: the approval lock
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ with u as (update public.monthly_reports set values = '{"party_lectures": 7}'
                 where id = tests.report_id('V1a', -1) returning 1)
     select count(*)::int from u $$,
  array[0],
  'village secretary V1a cannot edit the approved report by direct UPDATE'
);
select throws_ok(
  $$ update public.monthly_reports set state = 'reopened' where id = tests.report_id('V1a', -1) $$,
  '42501', null,
  'nor unlock it by setting the state'
);
select tests.authenticate_as('village.clerk.v1a@test');
select results_eq(
  $$ with u as (update public.monthly_reports set comments = '{"x": "y"}'
                 where id = tests.report_id('V1a', -1) returning 1)
     select count(*)::int from u $$,
  array[0],
  'nor can the clerk change its comments'
);
select tests.clear_authentication();
select results_eq(
  $$ select values ->> 'party_lectures', comments::text, state::text from public.monthly_reports where id = tests.report_id('V1a', -1) $$,
  $$ values ('1', '{}', 'approved') $$,
  'the approved report is unchanged'
);

-- Section: reopen
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ select public.reopen_monthly_report(tests.report_id('V1a', -1), '我要改') $$,
  '42501', 'only the town reopens the report',
  'the village cannot reopen its approved report'
);
select tests.authenticate_as('town.staff.t2@test');
select throws_ok(
  $$ select public.reopen_monthly_report(tests.report_id('V1a', -1), '抽查') $$,
  'P0002', null,
  'town staff T2 cannot reopen another town''s report'
);
select tests.authenticate_as('county.staff.a@test');
select throws_ok(
  $$ select public.reopen_monthly_report(tests.report_id('V1a', -1), '抽查') $$,
  '42501', null,
  'county staff A cannot reopen it (the town does)'
);
select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ select public.reopen_monthly_report(tests.report_id('V1a', -1), null) $$,
  '23514', 'reopening a report needs a reason',
  'town admin T1 cannot reopen without a reason'
);
select throws_ok(
  $$ select public.reopen_monthly_report(tests.report_id('V1a', -1), '  ') $$,
  '23514', null,
  'blanks are no reason'
);
select throws_ok(
  $$ select public.reopen_monthly_report(tests.report_id('V1a', 0), '还没审') $$,
  '55000', 'a submitted report cannot be reopened',
  'only an approved report is reopened'
);
select results_eq(
  $$ select state::text, tests.email(reviewed_by) from public.reopen_monthly_report(tests.report_id('V1a', -1), '县委组织部抽查：党课记录需补充') $$,
  $$ values ('reopened', 'town.admin.t1@test') $$,
  'town admin T1 reopens the approved report with a reason'
);
select results_eq(
  $$ select state::text from public.reopen_monthly_report(tests.report_id('V1a', -1), '再开一次') $$,
  array['reopened'],
  'reopening twice changes nothing'
);

select tests.authenticate_as('village.clerk.v1a@test');
select results_eq(
  $$ update public.monthly_reports set values = values || '{"party_lectures": 2}'
      where id = tests.report_id('V1a', -1) returning state::text $$,
  array['reopened'],
  'the reopened report is editable by the village again'
);
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', -1), (select revision from public.monthly_reports where id = tests.report_id('V1a', -1))) $$,
  '42501', null,
  'the clerk still cannot submit it'
);
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ select state::text from public.submit_monthly_report(tests.report_id('V1a', -1),
       (select revision from public.monthly_reports where id = tests.report_id('V1a', -1))) $$,
  array['submitted'],
  'the secretary resubmits it'
);
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ select state::text from public.review_monthly_report(tests.report_id('V1a', -1), 'approve', '已核实') $$,
  array['approved'],
  'and the town approves it again'
);
select is(
  pg_temp.history('V1a', -1),
  'draft>submitted submitted>returned returned>submitted submitted>approved approved>reopened reopened>submitted submitted>approved',
  'every state change is in the history, in order'
);
select results_eq(
  $$ select reason from public.report_transitions
      where report_id = tests.report_id('V1a', -1) and from_state = 'approved' $$,
  array['县委组织部抽查：党课记录需补充'],
  'with the reopening reason'
);

-- Section: the town reviews its own villages only, across the workflow
select tests.authenticate_as('town.staff.t2@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', 0), 'return', '不属于本镇') $$,
  'P0002', null,
  'town staff T2 cannot return T1''s submitted report'
);
select tests.authenticate_as('county.admin.b@test');
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('VB', -1), 'approve') $$,
  '42501', null,
  'county admin B reads its village''s report but does not review it either'
);

-- Section: anon and users without a role
select tests.authenticate_as('no.role@test');
select throws_ok(
  $$ select public.submit_monthly_report(tests.report_id('V1a', 0), 3) $$,
  'P0002', null, 'a user without membership finds no report to submit'
);
select throws_ok(
  $$ select public.review_monthly_report(tests.report_id('V1a', 0), 'approve') $$,
  'P0002', null, 'nor to review'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$ select public.submit_monthly_report(gen_random_uuid(), 1) $$,
  '42501', null, 'anon cannot call submit_monthly_report()'
);
select throws_ok(
  $$ select public.review_monthly_report(gen_random_uuid(), 'approve') $$,
  '42501', null, 'anon cannot call review_monthly_report()'
);
select throws_ok(
  $$ select public.reopen_monthly_report(gen_random_uuid(), '理由') $$,
  '42501', null, 'anon cannot call reopen_monthly_report()'
);

-- Section: audit
select tests.clear_authentication();
select results_eq(
  $$ select tests.email(actor_id), old_row ->> 'state', new_row ->> 'state'
       from public.audit_log
      where table_name = 'public.monthly_reports' and row_id = tests.report_id('V1a', -1)::text
        and op = 'UPDATE' and old_row ->> 'state' <> new_row ->> 'state'
      order by id $$,
  $$ values ('town.admin.t1@test', 'submitted', 'returned'),
            ('village.secretary.v1a@test', 'returned', 'submitted'),
            ('town.admin.t1@test', 'submitted', 'approved'),
            ('town.admin.t1@test', 'approved', 'reopened'),
            ('village.secretary.v1a@test', 'reopened', 'submitted'),
            ('town.admin.t1@test', 'submitted', 'approved') $$,
  'every state change is audited with the user who made it, through the security definer functions too'
);
select results_eq(
  $$ select tests.email(actor_id), count(*)::int from public.audit_log
      where table_name = 'public.report_transitions' and actor_id is not null
      group by actor_id order by 1 $$,
  $$ values ('town.admin.t1@test', 4), ('village.secretary.v1a@test', 3) $$,
  'and so is every transition written by the workflow'
);
select is(
  (select count(*)::int from public.audit_log
    where table_name = 'public.monthly_reports' and row_id = tests.report_id('V1a', -1)::text
      and old_row ->> 'state' = new_row ->> 'state' and actor_id is not null),
  2,
  'the village''s two edits between reviews are audited as well'
);
select is(
  (select count(*)::int from public.report_transitions), 12 + 1 + 6,
  'the fixture''s 12 transitions plus one per actual state change, none for the repeated calls'
);
select is(
  (select updated_by from public.monthly_reports where id = tests.report_id('V1a', -1)),
  tests.user_id('village.clerk.v1a@test'),
  'the last editor of the values is recorded (the workflow functions leave it alone)'
);

select * from finish();
rollback;
