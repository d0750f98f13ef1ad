-- The scope helpers that RLS policies call, remembered for the rest of the transaction.
--
-- A policy such as `village_id in (select private.permitted_org_ids('reports', 'read'))` runs its helper
-- once per reference to the table in each statement. A page makes several statements in one transaction
-- (withUser), each reading several tables, and every reference recomputed the same set from memberships,
-- permissions, the closure and pairings: ~50 µs for a village secretary, ~150–400 µs for a county
-- administrator, per call. permitted_org_ids, scoped_org_ids and readable_org_ids now keep their result
-- in a transaction-local setting (set_config(..., true): gone at commit or rollback, and undone with a
-- rolled-back savepoint) and return it while it is still valid:
--
-- - for the same caller: the memo is tagged with request.jwt.claim.sub and request.jwt.claims, the two
--   settings auth.uid() reads, so a transaction that changes the caller (pgTAP does, to act as several
--   users) computes afresh;
-- - while nothing it depends on changed: a statement that writes memberships, private.permissions,
--   org_closure (orgs keep it) or pairings bumps portal.scope_generation, which is part of the tag.
--
-- What the memo cannot see is another transaction's commit during this one: a page's transaction lasts
-- milliseconds (ADR 0010).
--
-- Same names, signatures and results (the whole pgTAP suite runs through them). supabase/tests/database/
-- 016_scope_memo proves that a memo is used, and not after a change of caller, a write to the tables
-- above or a rolled-back savepoint.

create or replace function private.forget_scope_memos()
returns trigger
language plpgsql set search_path = '' as $$
begin
  perform set_config('portal.scope_generation',
                     (coalesce(nullif(current_setting('portal.scope_generation', true), ''), '0')::bigint + 1)::text, true);
  return null;
end
$$;
-- a trigger's function needs no EXECUTE grant to fire
revoke all on function private.forget_scope_memos() from public;

create trigger memberships_forget_scope_memos after insert or update or delete or truncate on public.memberships
  for each statement execute function private.forget_scope_memos();
create trigger permissions_forget_scope_memos after insert or update or delete or truncate on private.permissions
  for each statement execute function private.forget_scope_memos();
create trigger org_closure_forget_scope_memos after insert or update or delete or truncate on public.org_closure
  for each statement execute function private.forget_scope_memos();
create trigger pairings_forget_scope_memos after insert or update or delete or truncate on public.pairings
  for each statement execute function private.forget_scope_memos();

-- The tag a memo must carry to be used now: the generation of the scope tables and the caller's
-- settings. It is written out in each helper: calling a function for it would cost what the memo saves.

create or replace function private.permitted_org_ids(p_domain text, p_action text)
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 200 as $$
declare
  v_tag text := coalesce(current_setting('portal.scope_generation', true), '') || '|' || coalesce(current_setting('request.jwt.claim.sub', true), '')
                || '|' || coalesce(current_setting('request.jwt.claims', true), '') || '|';
  v_name text := 'portal.scope_permitted_' || p_domain || '_' || p_action;
  v_memo text := current_setting(v_name, true);
  v_me uuid;
  v_today date;
  v_ids uuid[];
begin
  if starts_with(v_memo, v_tag) then
    return query select unnest(substr(v_memo, length(v_tag) + 1)::uuid[]);
    return;
  end if;
  v_me := auth.uid();
  v_today := (now() at time zone 'Asia/Shanghai')::date;
  v_ids := array(
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
       and (pr.ends_on is null or pr.ends_on >= v_today));
  perform set_config(v_name, v_tag || v_ids::text, true);
  return query select unnest(v_ids);
end
$$;

create or replace function private.scoped_org_ids(p_domain text, p_action text)
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 200 as $$
declare
  v_tag text := coalesce(current_setting('portal.scope_generation', true), '') || '|' || coalesce(current_setting('request.jwt.claim.sub', true), '')
                || '|' || coalesce(current_setting('request.jwt.claims', true), '') || '|';
  v_name text := 'portal.scope_scoped_' || p_domain || '_' || p_action;
  v_memo text := current_setting(v_name, true);
  v_ids uuid[];
begin
  if starts_with(v_memo, v_tag) then
    return query select unnest(substr(v_memo, length(v_tag) + 1)::uuid[]);
    return;
  end if;
  v_ids := array(
    select c.descendant_id
      from public.memberships m
      join private.permissions p on p.role = m.role
      join public.org_closure c on c.ancestor_id = m.org_id
     where m.user_id = auth.uid() and m.revoked_at is null
       and p.domain = p_domain and p.action = p_action and p.scope in ('county', 'town', 'village'));
  perform set_config(v_name, v_tag || v_ids::text, true);
  return query select unnest(v_ids);
end
$$;

create or replace function private.readable_org_ids()
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 300 as $$
declare
  v_tag text := coalesce(current_setting('portal.scope_generation', true), '') || '|' || coalesce(current_setting('request.jwt.claim.sub', true), '')
                || '|' || coalesce(current_setting('request.jwt.claims', true), '') || '|';
  v_memo text := current_setting('portal.scope_readable', true);
  v_me uuid;
  v_today date;
  -- per domain, as permitted_org_ids counts them: memberships whose role reads the domain over a
  -- subtree, memberships that read it as the unit itself, and whether the paired villages of the
  -- caller's units count (a liaison role that reads the domain at all)
  v_orgs_tree uuid[]; v_orgs_unit uuid[]; v_orgs_paired boolean;
  v_pairings_tree uuid[]; v_pairings_unit uuid[]; v_pairings_paired boolean;
  v_paired uuid[] := '{}';
  v_below uuid[];
  v_pairing_villages uuid[];
  v_ids uuid[];
begin
  if starts_with(v_memo, v_tag) then
    return query select unnest(substr(v_memo, length(v_tag) + 1)::uuid[]);
    return;
  end if;
  v_me := auth.uid();
  v_today := (now() at time zone 'Asia/Shanghai')::date;

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

  v_ids := array(
    select unnest(v_below)
    union
    select c.ancestor_id
      from public.org_closure c
     where c.descendant_id = any(v_orgs_tree || v_orgs_unit || case when v_orgs_paired then v_paired else '{}' end)
    union
    select pr.unit_id from public.pairings pr where pr.village_id = any(v_pairing_villages));
  perform set_config('portal.scope_readable', v_tag || v_ids::text, true);
  return query select unnest(v_ids);
end
$$;
