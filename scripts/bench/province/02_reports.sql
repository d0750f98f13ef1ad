-- Province scale, part 2: 60 months of monthly reports for every village and community (the demo's
-- and the synthetic ones) and their report_transitions. Needs the temp tables of 01_orgs.sql (same
-- transaction, triggers off). What the triggers would fill is filled here: the template valid for the
-- month in the village's county and the due date (prepare_monthly_report), explicit workflow columns
-- (guard_monthly_report leaves them to the service path).
--   demo villages      the months before the demo's own (up to four months ago), approved, filed by the
--                      village's secretary when it has one (as --scale county does)
--   synthetic villages every month up to the current one: approved three months ago and before (one in
--                      ten after a return), last month's and the month before mixed (approved, submitted,
--                      returned, draft), this month a draft in one village in five (the demo's pattern)

-- step: report value pool
-- 64 value variants per template version, each report takes one by hash: the values are valid for the
-- template (integers within min/max, a listed choice, decimals as the demo's strings)
create temp table bench_values on commit drop as
select t.id as template_id, k as variant,
       (select jsonb_object_agg(f ->> 'key',
                 case f ->> 'type'
                   when 'boolean' then to_jsonb(hashtext(t.id::text || k || (f ->> 'key')) & 15 <> 0)
                   when 'integer' then to_jsonb(coalesce((f ->> 'min')::int, 0)
                        + (hashtext(t.id::text || k || (f ->> 'key')) & 2147483647)
                          % (least(coalesce((f ->> 'max')::int, 100), coalesce((f ->> 'min')::int, 0) + 40) - coalesce((f ->> 'min')::int, 0) + 1))
                   when 'decimal' then to_jsonb(((10000 + (hashtext(t.id::text || k || (f ->> 'key')) & 2147483647) % 5000000) / 100.0)::numeric(12, 2)::text)
                   when 'number' then to_jsonb(((hashtext(t.id::text || k || (f ->> 'key')) & 2147483647) % 10000) / 100.0)
                   when 'choice' then (f -> 'choices' -> ((hashtext(t.id::text || k || (f ->> 'key')) & 2147483647) % greatest(1, jsonb_array_length(f -> 'choices')))::int) -> 'value'
                   when 'longtext' then to_jsonb('合成数据：本月召开支委会、党小组会，开展主题党日和入户走访（样本' || k || '）'::text)
                   else to_jsonb('合成数据（样本' || k || '）'::text) end)
          from jsonb_path_query(t.definition, '$.sections[*].fields[*]') f) as vals
  from public.report_templates t cross join generate_series(0, 63) k;
alter table bench_values add primary key (template_id, variant);

-- step: report plan
create temp table bench_reports on commit drop as
with villages as (
  select v.id as village_id, k.ancestor_id as county_id, (b.id is not null) as synthetic,
         (select m.user_id from public.memberships m where m.org_id = v.id and m.role = 'village_secretary' order by m.user_id limit 1) as secretary
    from public.orgs v
    join public.org_closure k on k.descendant_id = v.id
    join public.orgs c on c.id = k.ancestor_id and c.kind = 'county'
    left join bench_villages b on b.id = v.id
   where v.kind in ('village', 'community')
), months as (
  select (p.first_month + make_interval(months => n))::date as period, p.months - 1 - n as m
    from bench_p p, generate_series(0, p.months - 1) n
), cells as (
  select v.*, mo.period, mo.m,
         hashtext('bench:report:' || v.village_id || ':' || mo.period) & 2147483647 as h
    from villages v cross join months mo
   where (v.synthetic or mo.m >= 4)
     and not exists (select 1 from public.monthly_reports r where r.village_id = v.village_id and r.period = mo.period)
), flows as (
  select c.*,
         case when not c.synthetic then 'approved'
              when c.m >= 3 then (case when c.h % 100 < 10 then 'approved_after_return' else 'approved' end)
              when c.m = 2 then (case when c.h % 100 < 8 then 'approved_after_return' when c.h % 100 < 93 then 'approved'
                                      when c.h % 100 < 97 then 'returned' else 'submitted' end)
              when c.m = 1 then (case when c.h % 100 < 70 then 'approved' when c.h % 100 < 90 then 'submitted'
                                      when c.h % 100 < 96 then 'returned' else 'draft' end)
              when c.h % 100 < 21 then 'draft' end as flow
    from cells c
)
select md5('bench:report:' || f.village_id || ':' || f.period)::uuid as id, f.village_id, f.period, f.flow, f.secretary,
       t.id as template_id, (f.h / 100) % 64 as variant,
       (f.period + interval '1 month' + make_interval(days => t.due_day - 1))::date as due_on, f.h
  from flows f
  join lateral (select t.id, t.due_day from public.report_templates t
                 where t.county_id = f.county_id and t.valid_from <= f.period
                 order by t.valid_from desc limit 1) t on true
 where f.flow is not null;
-- the moments of the workflow: first submission, return, resubmission, review (never in the future)
alter table bench_reports add column first_at timestamptz, add column returned_at timestamptz,
  add column submitted_at timestamptz, add column reviewed_at timestamptz;
update bench_reports set
  first_at = case when flow <> 'draft' then least(now(), (due_on - (h % 6) + 2)::timestamp at time zone 'Asia/Shanghai' + make_interval(mins => 480 + h % 600)
                                                          - case when flow in ('approved_after_return', 'returned') then interval '3 days' else interval '0' end) end,
  returned_at = case when flow in ('approved_after_return', 'returned') then least(now(), (due_on - (h % 6))::timestamp at time zone 'Asia/Shanghai' + interval '10 hours') end,
  submitted_at = case when flow <> 'draft' then least(now(), (due_on - (h % 6) + 2)::timestamp at time zone 'Asia/Shanghai' + make_interval(mins => 480 + h % 600)) end,
  reviewed_at = case when flow in ('approved', 'approved_after_return') then least(now(), (due_on + 5)::timestamp at time zone 'Asia/Shanghai' + interval '9 hours')
                     when flow = 'returned' then least(now(), (due_on - (h % 6))::timestamp at time zone 'Asia/Shanghai' + interval '10 hours') end;

-- step: monthly_reports
insert into public.monthly_reports (id, village_id, period, template_id, state, values, comments, due_on, revision,
                                    first_submitted_at, submitted_at, submitted_by, reviewed_at, reviewed_by,
                                    created_at, created_by, updated_at, updated_by)
select r.id, r.village_id, r.period, r.template_id,
       (case when r.flow = 'approved_after_return' then 'approved' else r.flow end)::public.report_state,
       v.vals,
       case when r.flow = 'returned' then '{"work_done": "合成数据：请补充本月走访情况"}'::jsonb else '{}'::jsonb end,
       r.due_on,
       case r.flow when 'draft' then 1 when 'submitted' then 2 when 'approved' then 3 when 'returned' then 3 else 5 end,
       r.first_at, r.submitted_at, r.secretary, r.reviewed_at, null,
       least(now(), r.period::timestamp at time zone 'Asia/Shanghai' + interval '8 hours'), r.secretary,
       coalesce(r.reviewed_at, r.submitted_at, least(now(), r.period::timestamp at time zone 'Asia/Shanghai' + interval '8 hours')),
       r.secretary
  from bench_reports r
  join bench_values v on v.template_id = r.template_id and v.variant = r.variant;

-- step: report_transitions
insert into public.report_transitions (report_id, village_id, from_state, to_state, reason, values, actor_id, occurred_at)
select r.id, r.village_id, s.from_state::public.report_state, s.to_state::public.report_state, s.reason,
       case when s.to_state = 'submitted' then v.vals end, r.secretary, s.at
  from bench_reports r
  join bench_values v on v.template_id = r.template_id and v.variant = r.variant
  cross join lateral (values
    (1, 'draft', 'submitted', null::text, r.first_at, r.flow <> 'draft'),
    (2, 'submitted', 'returned', '合成数据：请补充本月走访情况', r.returned_at, r.flow in ('approved_after_return', 'returned')),
    (3, 'returned', 'submitted', null, r.submitted_at, r.flow = 'approved_after_return'),
    (4, 'submitted', 'approved', null, r.reviewed_at, r.flow in ('approved', 'approved_after_return'))
  ) s(step, from_state, to_state, reason, at, applies)
 where s.applies;
