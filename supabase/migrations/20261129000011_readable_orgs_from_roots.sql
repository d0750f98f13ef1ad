-- private.readable_org_ids() is the policy of every read of orgs, org_closure and report_templates, so
-- it runs once per reference to those tables in a statement: the heatmap's villages query references
-- them five times. It used to take the ancestors of every permitted org: for a county administrator
-- that is 145 closure probes (one per org of the county) and two calls of permitted_org_ids, ~390 µs
-- per call at province scale. It now starts from the caller's memberships (the roots): in a tree, the
-- ancestors of everything below a root are the root's own ancestors and the orgs below it, so one
-- range read of the closure below the roots and one read above them give the same set (~170 µs).
--
-- Same name, signature and result, for every role (supabase/tests/database/015_readable_org_ids
-- compares it with the definition it replaces): the orgs the caller may read (permitted_org_ids('orgs',
-- 'read')) and their ancestors, and the units paired with villages whose pairings the caller may read
-- (permitted_org_ids('pairings', 'read')), ended pairings included, as history.

create or replace function private.readable_org_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 300 as $$
declare
  v_me uuid := auth.uid();
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
  -- per domain, as permitted_org_ids counts them: memberships whose role reads the domain over a
  -- subtree, memberships that read it as the unit itself, and whether the paired villages of the
  -- caller's units count (a liaison role that reads the domain at all)
  v_orgs_tree uuid[]; v_orgs_unit uuid[]; v_orgs_paired boolean;
  v_pairings_tree uuid[]; v_pairings_unit uuid[]; v_pairings_paired boolean;
  v_paired uuid[] := '{}';
  v_below uuid[];
  v_pairing_villages uuid[];
begin
  select coalesce(array_agg(distinct m.org_id) filter (where p.domain = 'orgs' and p.scope in ('county', 'town', 'village')), '{}'),
         coalesce(array_agg(distinct m.org_id) filter (where p.domain = 'orgs' and p.scope = 'unit'), '{}'),
         coalesce(bool_or(p.domain = 'orgs' and m.role = 'unit_liaison'), false),
         coalesce(array_agg(distinct m.org_id) filter (where p.domain = 'pairings' and p.scope in ('county', 'town', 'village')), '{}'),
         coalesce(array_agg(distinct m.org_id) filter (where p.domain = 'pairings' and p.scope = 'unit'), '{}'),
         coalesce(bool_or(p.domain = 'pairings' and m.role = 'unit_liaison'), false)
    into v_orgs_tree, v_orgs_unit, v_orgs_paired, v_pairings_tree, v_pairings_unit, v_pairings_paired
    from public.memberships m
    join private.permissions p on p.role = m.role
   where m.user_id = v_me and m.revoked_at is null
     and p.action = 'read' and p.domain in ('orgs', 'pairings');

  if v_orgs_paired or v_pairings_paired then
    v_paired := array(
      select pr.village_id
        from public.pairings pr
        join public.memberships m on m.org_id = pr.unit_id
       where m.user_id = v_me and m.revoked_at is null and m.role = 'unit_liaison'
         and pr.starts_on <= v_today and (pr.ends_on is null or pr.ends_on >= v_today));
  end if;

  v_below := array(select c.descendant_id from public.org_closure c where c.ancestor_id = any(v_orgs_tree));
  v_pairing_villages := v_pairings_unit
    || case when v_pairings_paired then v_paired else '{}' end
    || case when v_pairings_tree = v_orgs_tree then v_below
            else array(select c.descendant_id from public.org_closure c where c.ancestor_id = any(v_pairings_tree)) end;

  return query
  select unnest(v_below)
  union
  select c.ancestor_id
    from public.org_closure c
   where c.descendant_id = any(v_orgs_tree || v_orgs_unit || case when v_orgs_paired then v_paired else '{}' end)
  union
  select pr.unit_id from public.pairings pr where pr.village_id = any(v_pairing_villages);
end
$$;
