-- The pairing API: advance_concern_case() (the case lifecycle), unit_household_pairs() (names only,
-- for a unit's liaison), pairing_figures() (live counts, scoped by RLS), and the pairings amendments
-- (no overlapping periods, one open-ended lead per village).
begin;
select plan(40);

select tests.create_fixture();
select tests.create_pairing_fixture();

-- Section: advance_concern_case, legal moves with notes
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'assigned', null) $$,
  '23514', null, 'assigning needs an owner');
select is((public.advance_concern_case(tests.case_id('V1a/-'), 'assigned', null, '村委 张三', tests.today() + 7)).state::text,
  'assigned', 'the village secretary assigns an open case to an owner');
select is((public.advance_concern_case(tests.case_id('V1a/-'), 'assigned', null, '别人')).owner_name,
  '村委 张三', 'assigning again is idempotent: the case is returned unchanged');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'confirmed', null) $$,
  '42501', null, 'an assigned case cannot be confirmed before it is handled');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'handled', '  ') $$,
  '23514', null, 'handling needs the resolution');
select is((public.advance_concern_case(tests.case_id('V1a/-'), 'handled', '已修好水渠')).resolution,
  '已修好水渠', 'the owner''s resolution is recorded when handled');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'assigned', null) $$,
  '23514', null, 'sending a handled case back needs a note');
select is((public.advance_concern_case(tests.case_id('V1a/-'), 'assigned', '群众不满意，返工')).state::text,
  'assigned', 'a handled case goes back to its owner when the household is not satisfied');
select is((public.advance_concern_case(tests.case_id('V1a/-'), 'handled', '已返工')).state::text, 'handled', 'handled again');
select is((public.advance_concern_case(tests.case_id('V1a/-'), 'confirmed', null)).state::text,
  'confirmed', 'the household confirms (note optional)');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'closed', '结案') $$,
  '42501', null, 'a confirmed case cannot be closed');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'open', null) $$,
  '42501', null, 'nor reopened');
select results_eq(
  $$ select coalesce(from_state::text, '-') || '>' || to_state::text from public.concern_case_events
      where case_id = tests.case_id('V1a/-') order by id $$,
  array['->open', 'open>assigned', 'assigned>handled', 'handled>assigned', 'assigned>handled', 'handled>confirmed'],
  'every move wrote one event, in order; the idempotent repeat wrote none'
);
select is(
  (select count(*)::int from public.concern_case_events where case_id = tests.case_id('V1a/-') and actor_id = (select auth.uid())),
  6, 'the opening and the moves are signed by the secretary'
);
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/U-county'), 'closed', null) $$,
  '23514', null, 'closing needs a reason');
select is((public.advance_concern_case(tests.case_id('V1a/U-county'), 'closed', '重复反映')).closed_reason,
  '重复反映', 'the village closes a unit''s case with a reason');
select is((public.advance_concern_case(tests.case_id('V1a/p'), 'closed', '已撤回')).state::text, 'closed', 'and its private case');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V2a/U-prov'), 'assigned', null, 'x') $$,
  'P0002', null, 'another village''s case is not found');
select throws_ok($$ select public.advance_concern_case(gen_random_uuid(), 'assigned', null, 'x') $$,
  'P0002', null, 'an unknown case is not found');

-- Section: other roles
select tests.authenticate_as('town.staff.t2@test');
select is((public.advance_concern_case(tests.case_id('V2a/U-prov'), 'assigned', null, '镇综治办')).state::text,
  'assigned', 'town staff T2 assigns a case of its village');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1b/U-ended'), 'assigned', null, 'x') $$,
  'P0002', null, 'town staff T2 does not find town T1''s case (other town)');

select tests.authenticate_as('county.admin.a@test');
select is((public.advance_concern_case(tests.case_id('C1/-'), 'closed', '不属于本县事务')).state::text,
  'closed', 'the county admin closes a case of its county');
select throws_ok($$ select public.advance_concern_case(tests.case_id('VB/U-prov'), 'assigned', null, 'x') $$,
  'P0002', null, 'county admin A does not find county B''s case (other county)');

select tests.authenticate_as('county.staff.a@test');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1b/U-ended'), 'assigned', null, 'x') $$,
  '42501', null, 'county staff see the case but do not handle it');

select tests.authenticate_as('unit.liaison.provincial@test');
select throws_ok($$ select public.advance_concern_case(tests.case_id('VB/U-prov'), 'assigned', null, 'x') $$,
  '42501', null, 'the unit that raised a case cannot advance it');
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'closed', 'x') $$,
  'P0002', null, 'a unit does not find a case of a village it is not paired with');
select is(
  (select state::text from public.concern_cases where title = 'V2a/U-prov'), 'assigned',
  'the unit follows the status of the case it raised'
);

select tests.authenticate_as_anon();
select throws_ok($$ select public.advance_concern_case(tests.case_id('V1a/-'), 'closed', 'x') $$,
  '42501', null, 'anon cannot call advance_concern_case');

-- Section: unit_household_pairs
select tests.authenticate_as('unit.liaison.county@test');
select results_eq(
  $$ select cadre_name, household_head_name, village_name from public.unit_household_pairs(tests.org('U-county')) $$,
  $$ values ('cad-U-county', 'H-V1a', '高峰村') $$,
  'the county unit''s liaison gets its cadres'' pairs by name: cadre, household head, village'
);
select is_empty($$ select 1 from public.unit_household_pairs(tests.org('U-prov')) $$,
  'but nothing of another unit');
select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq($$ select household_head_name from public.unit_household_pairs(tests.org('U-prov')) $$,
  array['H-V2a', 'H-VB'], 'the provincial unit''s liaison gets its pairs in both counties');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.unit_household_pairs(tests.org('U-ended')) $$,
  'a unit whose pairing ended yesterday gets nothing');
select tests.authenticate_as('county.admin.a@test');
select is_empty($$ select 1 from public.unit_household_pairs(tests.org('U-county')) $$,
  'a county admin is not the unit''s liaison: nothing');

-- Section: pairing_figures
select tests.authenticate_as('county.staff.a@test');
select results_eq(
  $$ select metric || '=' || value::text from public.pairing_figures(tests.org('A'))
      where metric in ('paired_villages', 'village_cadres', 'first_secretaries', 'households_paired', 'activities',
                       'activities_deliver_care', 'visits', 'people_visited', 'concern_files', 'cases', 'cases_handled', 'cases_open')
      order by metric $$,
  array['activities=5', 'activities_deliver_care=3', 'cases=6', 'cases_handled=1', 'cases_open=2', 'concern_files=6',
        'first_secretaries=1', 'households_paired=3', 'paired_villages=2', 'people_visited=15', 'village_cadres=4', 'visits=5'],
  'county staff A: the county''s figures equal its records (after the moves above)'
);
select results_eq(
  $$ select value from public.pairing_figures(tests.org('T1')) where metric = 'visits' $$,
  array[4::numeric], 'town T1''s visits: V1a twice, V1b, C1'
);
select is((select count(*)::int from public.pairing_figures(tests.org('A'))), 26, 'pairing_figures returns 26 metrics');
select tests.authenticate_as('unit.liaison.county@test');
select results_eq(
  $$ select metric || '=' || value::text from public.pairing_figures(tests.org('U-county'))
      where metric in ('paired_villages', 'activities', 'visits', 'concern_files', 'households_paired') order by metric $$,
  array['activities=1', 'concern_files=1', 'households_paired=1', 'paired_villages=1', 'visits=1'],
  'the county unit''s figures are its own records only'
);

-- Section: pairings amendments
select tests.clear_authentication();
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-county'), tests.org('V1a'), tests.today() - 10) $$,
  '23P01', null, 'a unit cannot be paired twice with a village for overlapping periods'
);
select throws_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on, is_lead) values (tests.org('U-unpaired'), tests.org('V1a'), tests.today(), true) $$,
  '23505', null, 'a village has at most one open-ended lead unit'
);
select lives_ok(
  $$ insert into public.pairings (unit_id, village_id, starts_on, ends_on, note) values (tests.org('U-ended'), tests.org('V1b'), tests.today() + 30, null, '第二轮结对') $$,
  'a unit may be paired again with the same village after its pairing ended'
);

select * from finish();
rollback;
