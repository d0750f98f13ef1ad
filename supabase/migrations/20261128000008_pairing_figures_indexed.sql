-- public.pairing_figures(scope) read every pairing table whole: its filter `case when <scope is a unit>
-- then unit_id = … else village_id in (…) end` hides both columns from the planner, so at province scale
-- (4.8 million visit diaries) one county's figures took 2.5 s even for the table owner. Same results,
-- same columns, security invoker as before (RLS still decides what is counted); the scope is resolved
-- first into a list of villages or a unit (and its cadres), and every table is filtered on its own
-- indexed columns. force_custom_plan: each call is planned with its own values, so only one side of
-- each `or` is live and the planner probes the matching index. jit off: the plan's cost estimate
-- (one union of two dozen counts) crosses jit_above_cost, and compiling it took ~80 ms of a 35 ms query.

create or replace function public.pairing_figures(p_scope_id uuid)
returns table (metric text, value numeric)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_custom_plan set jit = off as $$
declare
  v_is_unit boolean := coalesce((select o.kind = 'unit' from public.orgs o where o.id = p_scope_id), false);
  v_unit uuid := case when v_is_unit then p_scope_id end;
  v_villages uuid[] := case when v_is_unit then '{}'::uuid[]
                            else array(select c.descendant_id from public.org_closure c where c.ancestor_id = p_scope_id) end;
  v_cadres uuid[] := case when v_is_unit then array(select c.id from public.cadres c where c.unit_id = p_scope_id)
                          else '{}'::uuid[] end;
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
begin
  return query
  with active_pairings as (
    select p.unit_id, p.village_id, p.is_lead from public.pairings p
     where p.starts_on <= v_today and (p.ends_on is null or p.ends_on >= v_today)
       and (p.unit_id = v_unit or p.village_id = any(v_villages))
  ), postings as (
    select cp.post from public.cadre_postings cp
     where cp.starts_on <= v_today and (cp.ends_on is null or cp.ends_on >= v_today)
       and (cp.cadre_id = any(v_cadres) or cp.village_id = any(v_villages))
  ), pairs as (
    select hp.cadre_id, hp.household_id from public.household_pairs hp
     where hp.starts_on <= v_today and (hp.ends_on is null or hp.ends_on >= v_today)
       and (hp.cadre_id = any(v_cadres) or hp.village_id = any(v_villages))
  ), acts as (
    select a.kind, a.funds from public.pairing_activities a
     where a.unit_id = v_unit or a.village_id = any(v_villages)
  ), vis as (
    select v.people_met from public.visits v
     where v.unit_id = v_unit or v.village_id = any(v_villages)
  ), cases as (
    select k.state from public.concern_cases k
     where k.unit_id = v_unit or k.village_id = any(v_villages)
  ), vis_totals as (
    select count(*) as n, coalesce(sum(people_met), 0) as people from vis
  )
  select 'paired_villages', (select count(distinct village_id) from active_pairings)::numeric
  union all select 'lead_units', (select count(distinct unit_id) from active_pairings where is_lead)::numeric
  union all select 'support_units', (select count(distinct unit_id) from active_pairings)::numeric
  union all select 'village_cadres', (select count(*) from postings)::numeric
  union all select 'first_secretaries', (select count(*) from postings where post = 'first_secretary')::numeric
  union all select 'cadres_paired', (select count(distinct cadre_id) from pairs)::numeric
  union all select 'households_paired', (select count(distinct household_id) from pairs)::numeric
  union all select 'activities', (select count(*) from acts)::numeric
  union all
  select * from (
    select 'activities_' || k::text, (select count(*) from acts a where a.kind = k)::numeric
      from unnest(enum_range(null::public.activity_kind)) k
     order by array_position(enum_range(null::public.activity_kind), k)
  ) per_kind
  union all select 'activity_funds', (select coalesce(sum(funds), 0) from acts)
  union all select 'visits', (select n from vis_totals)::numeric
  union all select 'people_visited', (select people from vis_totals)::numeric
  union all select 'visit_diaries', (select n from vis_totals)::numeric
  union all select 'concern_files', (select count(*) from public.concern_files f where f.unit_id = v_unit or f.village_id = any(v_villages))::numeric
  union all select 'opinions', (select count(*) from public.opinions o where o.unit_id = v_unit or o.village_id = any(v_villages))::numeric
  union all select 'cases', (select count(*) from cases)::numeric
  union all select 'cases_handled', (select count(*) from cases where state in ('handled', 'confirmed'))::numeric
  union all select 'cases_open', (select count(*) from cases where state in ('open', 'assigned'))::numeric;
end
$$;
