-- public.report_completeness(scope, from, to): per month and per org directly under the scope,
-- DHIS2's completeness and timeliness. It runs as the caller, so RLS decides which villages count:
-- the figures must equal a direct count over the raw tables (written out below, independently of the
-- function), and a caller never learns about villages outside its scope.
--
-- Fixture (tests.create_report_fixture), plus: C1 becomes active on the 11th of last month and V1b
-- stops being active on the 6th of last month, so 'expected' changes month by month.
begin;
select plan(22);

select tests.create_fixture();
select tests.create_report_fixture();
update public.orgs set active_from = tests.month(-1) + 10 where id = tests.org('C1');
update public.orgs set active_until = tests.month(-1) + 5 where id = tests.org('V1b');

/**
 * The direct count, as the table owner: for each month and each org directly under the scope, the
 * villages and communities below it (by the tree's parent links, not the closure table) active in
 * the month, and their reports.
 */
create function pg_temp.direct_count(p_scope uuid, p_from date, p_to date)
returns table (period date, org_id uuid, expected integer, submitted integer, on_time integer, late integer, approved integer, missing integer)
language sql stable security definer set search_path = '' as $$
  with recursive months(period) as (
    select p_from union all select (period + interval '1 month')::date from months where period < p_to
  ), below(top_id, id, kind) as (
    select o.id, o.id, o.kind from public.orgs o where o.parent_id = p_scope
    union all
    select o.id, o.id, o.kind from public.orgs o where o.id = p_scope and o.kind in ('village', 'community')
    union all
    select b.top_id, o.id, o.kind from below b join public.orgs o on o.parent_id = b.id
  ), active as (
    select m.period, b.top_id, v.id as village_id
      from months m
      cross join below b
      join public.orgs v on v.id = b.id
     where b.kind in ('village', 'community')
       and (v.active_from is null or v.active_from < (m.period + interval '1 month')::date)
       and (v.active_until is null or v.active_until >= m.period)
  )
  select a.period, a.top_id,
         count(*)::int,
         count(*) filter (where r.state <> 'draft')::int,
         count(*) filter (where r.state <> 'draft'
                            and (r.first_submitted_at at time zone 'Asia/Shanghai')::date <= r.due_on)::int,
         count(*) filter (where r.state <> 'draft'
                            and (r.first_submitted_at at time zone 'Asia/Shanghai')::date > r.due_on)::int,
         count(*) filter (where r.state = 'approved')::int,
         count(*) filter (where r.id is null or r.state = 'draft')::int
    from active a
    left join public.monthly_reports r on r.village_id = a.village_id and r.period = a.period
   group by a.period, a.top_id
$$;
grant execute on function pg_temp.direct_count(uuid, date, date) to authenticated;

-- Section: the county
select tests.authenticate_as('county.staff.a@test');
select set_eq(
  $$ select * from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  $$ select * from pg_temp.direct_count(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  'county staff A: completeness per town and month equals the direct count'
);
select results_eq(
  $$ select tests.month_offset(period), tests.org_key(org_id), expected, submitted, on_time, late, approved, missing
       from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0))
      order by period, tests.org_key(org_id) $$,
  $$ values (-2, 'T1', 2, 1, 1, 0, 1, 1), (-2, 'T2', 1, 0, 0, 0, 0, 1),
            (-1, 'T1', 3, 3, 2, 1, 1, 0), (-1, 'T2', 1, 1, 1, 0, 1, 0),
            ( 0, 'T1', 2, 0, 0, 0, 0, 2), ( 0, 'T2', 1, 0, 0, 0, 0, 1) $$,
  'the figures themselves: expected follows the active period, late counts the first submission'
);
select is_empty(
  $$ select 1 from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0))
      where expected <> submitted + missing or submitted <> on_time + late or approved > submitted $$,
  'expected = submitted + missing, submitted = on time + late, approved <= submitted'
);

select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select * from public.report_completeness(tests.org('A'), tests.month(-1), tests.month(-1)) $$,
  $$ select * from pg_temp.direct_count(tests.org('A'), tests.month(-1), tests.month(-1)) $$,
  'county admin A: one month, the same'
);

-- Section: a town
select tests.authenticate_as('town.admin.t1@test');
select set_eq(
  $$ select * from public.report_completeness(tests.org('T1'), tests.month(-2), tests.month(0)) $$,
  $$ select * from pg_temp.direct_count(tests.org('T1'), tests.month(-2), tests.month(0)) $$,
  'town admin T1: completeness per village and month of its town equals the direct count'
);
select results_eq(
  $$ select tests.org_key(org_id), expected, submitted, on_time, late, approved, missing
       from public.report_completeness(tests.org('T1'), tests.month(-1), tests.month(-1))
      order by tests.org_key(org_id) $$,
  $$ values ('C1', 1, 1, 0, 1, 1, 0), ('V1a', 1, 1, 1, 0, 0, 0), ('V1b', 1, 1, 1, 0, 0, 0) $$,
  'last month in T1, one row per village: C1 late and approved, V1a and V1b on time'
);
select results_eq(
  $$ select tests.org_key(org_id) from public.report_completeness(tests.org('T1'), tests.month(0), tests.month(0))
      order by 1 $$,
  $$ values ('C1'), ('V1a') $$,
  'this month V1b is no longer expected: it stopped being active last month'
);
select set_eq(
  $$ select * from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  $$ select * from pg_temp.direct_count(tests.org('A'), tests.month(-2), tests.month(0)) where org_id = tests.org('T1') $$,
  'town admin T1 asking about the county gets its own town''s rows only'
);

select tests.authenticate_as('town.staff.t2@test');
select set_eq(
  $$ select * from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  $$ select * from pg_temp.direct_count(tests.org('A'), tests.month(-2), tests.month(0)) where org_id = tests.org('T2') $$,
  'town staff T2 asking about the county gets its own town''s rows only'
);
select is_empty(
  $$ select 1 from public.report_completeness(tests.org('T1'), tests.month(-2), tests.month(0)) $$,
  'town staff T2 learns nothing about town T1 (other town)'
);

-- Section: a village
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ select tests.month_offset(period), tests.org_key(org_id), expected, submitted, approved
       from public.report_completeness(tests.org('V1a'), tests.month(-2), tests.month(0)) $$,
  $$ values (-2, 'V1a', 1, 1, 1), (-1, 'V1a', 1, 1, 0), (0, 'V1a', 1, 0, 0) $$,
  'village secretary V1a gets its own village month by month'
);
select results_eq(
  $$ select tests.org_key(org_id) from public.report_completeness(tests.org('T1'), tests.month(-1), tests.month(-1)) $$,
  array['V1a'],
  'and only its own village when asking about its town (other village: nothing)'
);

-- Section: outside the scope
select tests.authenticate_as('county.admin.b@test');
select is_empty(
  $$ select 1 from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  'county admin B learns nothing about county A (other county)'
);
select results_eq(
  $$ select expected, submitted from public.report_completeness(tests.org('B'), tests.month(-1), tests.month(-1)) $$,
  $$ values (1, 1) $$,
  'but gets its own county'
);
select tests.authenticate_as('unit.liaison.county@test');
select is_empty(
  $$ select 1 from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  'a unit liaison gets no figures, not even for its paired village (whose reports it cannot read)'
);
select tests.authenticate_as('unit.liaison.provincial@test');
select is_empty(
  $$ select 1 from public.report_completeness(tests.org('T2'), tests.month(-2), tests.month(0)) $$,
  'nor does the provincial unit for its paired village''s town'
);
select tests.authenticate_as('no.role@test');
select is_empty(
  $$ select 1 from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  'a user without membership gets nothing'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$ select * from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  '42501', null,
  'anon cannot call report_completeness()'
);

-- Section: the figures follow the workflow
select tests.authenticate_as('village.secretary.v1a@test');
select public.submit_monthly_report(tests.report_id('V1a', 0), 1);
select tests.authenticate_as('county.staff.a@test');
select results_eq(
  $$ select submitted, missing from public.report_completeness(tests.org('A'), tests.month(0), tests.month(0))
      where org_id = tests.org('T1') $$,
  $$ values (1, 1) $$,
  'when V1a submits this month''s report, T1''s submitted count goes up and missing down'
);
select tests.authenticate_as('town.admin.t1@test');
select public.review_monthly_report(tests.report_id('V1a', 0), 'approve');
select tests.authenticate_as('county.staff.a@test');
select results_eq(
  $$ select approved from public.report_completeness(tests.org('A'), tests.month(0), tests.month(0))
      where org_id = tests.org('T1') $$,
  array[1],
  'and when the town approves it, approved goes up'
);
select set_eq(
  $$ select * from public.report_completeness(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  $$ select * from pg_temp.direct_count(tests.org('A'), tests.month(-2), tests.month(0)) $$,
  'the figures still equal the direct count'
);
select results_eq(
  $$ select count(*)::int, sum(expected)::int from public.report_completeness(tests.org('A'), tests.month(-1), tests.month(0)) $$,
  $$ values (4, 7) $$,
  'one row per town and month, from the first to the last month asked for'
);

select * from finish();
rollback;
