-- The scope helpers every policy calls, rewritten in PL/pgSQL with the same names, signatures and
-- results (docs/decisions/0008-scope-helpers-in-plpgsql.md). A security-definer SQL function cannot
-- be inlined, and its body is planned again on every call; a policy on a joined table calls several of them per statement, nested
-- (readable_org_ids -> permitted_org_ids -> my_memberships, paired_village_ids), so planning was
-- most of what RLS cost (benchmarks: 1.7x-7x the owner's time). PL/pgSQL keeps each statement's
-- plan for the life of the connection, and the bodies below read the tables directly instead of
-- nesting helper calls. Nothing is cached across statements: a revoked membership or an ended
-- pairing takes effect at the next statement, as before.
--
-- Each helper still runs once per statement where a policy uses it as `x in (select helper())`
-- (a hashed subplan); ROWS gives the planner a realistic size instead of the default 1,000. Inside
-- the helpers, ids from another helper are collected into an array first, so that the lookups probe
-- indexes (a hashed subplan over a helper would make the planner scan the closure table whole).

-- Section: helpers

/** Orgs where the caller holds an active membership, with the role. */
create or replace function private.my_memberships()
returns table (org_id uuid, role public.app_role)
language plpgsql stable security definer set search_path = '' rows 4 as $$
begin
  return query
  select m.org_id, m.role
    from public.memberships m
   where m.user_id = auth.uid()
     and m.revoked_at is null;
end
$$;

/** Villages paired with a unit the caller is liaison of, on the current date (Asia/Shanghai). */
create or replace function private.paired_village_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 20 as $$
declare
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
begin
  return query
  select p.village_id
    from public.pairings p
    join public.memberships m on m.org_id = p.unit_id
   where m.user_id = auth.uid()
     and m.revoked_at is null
     and m.role = 'unit_liaison'
     and p.starts_on <= v_today
     and (p.ends_on is null or p.ends_on >= v_today);
end
$$;

/**
 * Orgs on which the caller may perform (domain, action), following the matrix scope:
 * county/town/village scopes cover the membership org's subtree; unit scope covers the unit
 * and, for reads, its currently paired villages.
 */
create or replace function private.permitted_org_ids(p_domain text, p_action text)
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 200 as $$
declare
  v_me uuid := auth.uid();
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
begin
  return query
  select c.descendant_id
    from public.memberships m
    join private.permissions p on p.role = m.role
    join public.org_closure c on c.ancestor_id = m.org_id
   where m.user_id = v_me and m.revoked_at is null
     and p.domain = p_domain and p.action = p_action and p.scope in ('county', 'town', 'village')
  union
  select m.org_id
    from public.memberships m
    join private.permissions p on p.role = m.role
   where m.user_id = v_me and m.revoked_at is null
     and p.domain = p_domain and p.action = p_action and p.scope = 'unit'
  union
  select pr.village_id
    from public.memberships m
    join private.permissions p on p.role = m.role
    join public.pairings pr on pr.unit_id = m.org_id
   where p_action = 'read'
     and m.user_id = v_me and m.revoked_at is null and m.role = 'unit_liaison'
     and p.domain = p_domain and p.action = 'read'
     and pr.starts_on <= v_today
     and (pr.ends_on is null or pr.ends_on >= v_today);
end
$$;

/** Orgs the caller may read as rows of the tree: its permitted orgs, their ancestors, and units paired with villages whose pairings it may read. */
create or replace function private.readable_org_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 300 as $$
declare
  -- arrays, not `in (select helper())`: the planner then probes the indexes with the few ids there are
  -- instead of hashing a scan of the whole closure (a province has ~160,000 closure rows)
  v_orgs uuid[] := array(select private.permitted_org_ids('orgs', 'read'));
  v_villages uuid[] := array(select private.permitted_org_ids('pairings', 'read'));
begin
  return query
  select c.ancestor_id
    from public.org_closure c
   where c.descendant_id = any(v_orgs)
  union
  select p.unit_id
    from public.pairings p
   where p.village_id = any(v_villages);
end
$$;

/** Does the caller hold (domain, action) on this org? */
create or replace function private.can(p_domain text, p_action text, p_org_id uuid)
returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (select 1 from private.permitted_org_ids(p_domain, p_action) o(id) where o.id = p_org_id);
end
$$;

/** Users with a membership (active or not) somewhere the caller may read users. */
create or replace function private.visible_user_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 200 as $$
begin
  return query
  select m.user_id from public.memberships m
   where m.org_id in (select private.permitted_org_ids('users', 'read'))
  union
  select auth.uid();
end
$$;

/** Orgs on which the caller may perform (domain, action) through a county, town or village role (subtree of the membership org); never the unit part. */
create or replace function private.scoped_org_ids(p_domain text, p_action text)
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 200 as $$
begin
  return query
  select c.descendant_id
    from public.memberships m
    join private.permissions p on p.role = m.role
    join public.org_closure c on c.ancestor_id = m.org_id
   where m.user_id = auth.uid() and m.revoked_at is null
     and p.domain = p_domain and p.action = p_action and p.scope in ('county', 'town', 'village');
end
$$;

/** Support units where the caller is an active unit liaison. */
create or replace function private.my_unit_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 2 as $$
begin
  return query
  select m.org_id from public.memberships m
   where m.user_id = auth.uid() and m.revoked_at is null and m.role = 'unit_liaison';
end
$$;

/** (unit, village) pairs of the caller's units whose pairing is active today (Asia/Shanghai). */
create or replace function private.my_active_pairings()
returns table (unit_id uuid, village_id uuid)
language plpgsql stable security definer set search_path = '' rows 20 as $$
declare
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
begin
  return query
  select distinct p.unit_id, p.village_id
    from public.pairings p
    join public.memberships m on m.org_id = p.unit_id
   where m.user_id = auth.uid() and m.revoked_at is null and m.role = 'unit_liaison'
     and p.starts_on <= v_today
     and (p.ends_on is null or p.ends_on >= v_today);
end
$$;

/** Counties whose cadre roster the caller may read through a county, town or village role. */
create or replace function private.cadre_county_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 2 as $$
declare
  v_orgs uuid[] := array(select private.scoped_org_ids('cadres', 'read'));
begin
  return query
  select distinct c.ancestor_id
    from public.org_closure c
    join public.orgs o on o.id = c.ancestor_id and o.kind = 'county'
   where c.descendant_id = any(v_orgs);
end
$$;
