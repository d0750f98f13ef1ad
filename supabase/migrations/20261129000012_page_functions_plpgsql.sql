-- Three functions that pages call on every request were SQL functions with a SET clause (search_path):
-- such a function is never inlined and its body is planned again on every call, which for
-- report_completeness (eight table references, each with its policy) took longer than running it.
-- In PL/pgSQL the plan is kept for the life of the connection (as for the scope helpers, ADR 0008).
-- Same names, signatures, results, security and grants; only the language changes. Measured at
-- province scale (docs/benchmarks.md), per call:
--   report_completeness, county administrator, four months of Ruyuan: 5.1 -> 3.4 ms
--   report_completeness, town administrator, four months of its town:  2.4 -> 1.0 ms
--   report_completeness, village secretary, four months of the village: 1.1 -> 0.4 ms
-- `#variable_conflict use_column`: the output columns (period, org_id, ...) share names with columns
-- of the tables read; in these bodies a name always means the column, as it did in SQL.

/**
 * Per month and per org directly under p_scope_id (the towns of a county, or the villages of a town):
 * expected = villages and communities active that month whose county has a template for it; submitted = reports ever submitted;
 * on_time = first submitted on or before the due date (Asia/Shanghai); late = submitted - on_time;
 * approved = reports in state approved; missing = expected - submitted. Only villages whose reports
 * the caller may read are counted; RLS on orgs limits the rows to the caller's scope. On the
 * service path (no RLS) it counts every village under the scope.
 */
create or replace function public.report_completeness(p_scope_id uuid, p_from date, p_to date)
returns table (period date, org_id uuid, expected integer, submitted integer, on_time integer, late integer, approved integer, missing integer)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  return query
  with months as (
    select generate_series(date_trunc('month', p_from), date_trunc('month', p_to), interval '1 month')::date as period
  ), units as (
    select child.id as org_id, v.id as village_id, v.active_from, v.active_until
      from public.orgs child
      join public.org_closure c on c.ancestor_id = child.id
      join public.orgs v on v.id = c.descendant_id and v.kind in ('village', 'community')
     where child.parent_id = p_scope_id
     union all
    select v.id, v.id, v.active_from, v.active_until
      from public.orgs v
     where v.id = p_scope_id and v.kind in ('village', 'community')
  ), counted as (
    -- only villages whose reports the caller may read: one whose reports it cannot see (a unit's
    -- paired village) would otherwise count as expected and missing. The service path (the table
    -- owner, no RLS) counts every village.
    select * from units
     where current_user not in ('authenticated', 'anon')
        or village_id in (select private.permitted_org_ids('reports', 'read'))
  )
  select m.period, u.org_id,
         count(*)::int as expected,
         count(r.first_submitted_at)::int as submitted,
         count(*) filter (where (r.first_submitted_at at time zone 'Asia/Shanghai')::date <= r.due_on)::int as on_time,
         count(*) filter (where (r.first_submitted_at at time zone 'Asia/Shanghai')::date > r.due_on)::int as late,
         count(*) filter (where r.state = 'approved')::int as approved,
         (count(*) - count(r.first_submitted_at))::int as missing
    from months m
    join counted u on (u.active_from is null or u.active_from <= (m.period + interval '1 month' - interval '1 day')::date)
                and (u.active_until is null or u.active_until >= m.period)
                -- a month is expected only once the village's county has a template that applies to it
                and exists (select 1 from public.report_templates t
                              join public.org_closure k on k.ancestor_id = t.county_id
                             where k.descendant_id = u.village_id and t.valid_from <= m.period)
    left join public.monthly_reports r on r.village_id = u.village_id and r.period = m.period
   group by m.period, u.org_id
   order by m.period, u.org_id;
end
$$;

/** The caller's active memberships with org names, for the portal switcher. */
create or replace function public.my_portals()
returns table (org_id uuid, org_kind public.org_kind, org_name text, org_name_en text, role public.app_role)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
  select o.id, o.kind, o.name, o.name_en, m.role
    from private.my_memberships() m
    join public.orgs o on o.id = m.org_id
   order by array_position(array['county_admin','county_staff','town_admin','town_staff',
            'village_secretary','village_clerk','unit_liaison']::public.app_role[], m.role), o.name;
end
$$;

/**
 * A unit's cadre <-> household pairs in its actively paired villages, for a liaison of that unit:
 * names and start only (no phone, situation or poverty status). Nothing for anyone else.
 */
create or replace function public.unit_household_pairs(p_unit_id uuid)
returns table (cadre_name text, household_head_name text, village_name text, starts_on date)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
  select c.name, h.head_name, v.name, hp.starts_on
    from public.household_pairs hp
    join public.cadres c on c.id = hp.cadre_id
    join public.households h on h.id = hp.household_id
    join public.orgs v on v.id = hp.village_id
   where p_unit_id in (select private.permitted_org_ids('cadres', 'read'))
     and p_unit_id in (select private.my_unit_ids())
     and c.unit_id = p_unit_id
     and (p_unit_id, hp.village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p)
     and hp.starts_on <= (now() at time zone 'Asia/Shanghai')::date
     and (hp.ends_on is null or hp.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
   order by v.name, c.name, h.head_name;
end
$$;
