-- A village, its town and its county see the support units paired with the village (the unit's
-- name, level and type: the org row), including units whose pairing has ended, as history.
-- Names of orgs change on the service path only: a village must not rename itself.

-- Section: helpers
/** Orgs the caller may read as rows of the tree: its permitted orgs, their ancestors, and units paired with villages whose pairings it may read. */
create or replace function private.readable_org_ids()
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.ancestor_id
    from public.org_closure c
   where c.descendant_id in (select private.permitted_org_ids('orgs', 'read'))
  union
  select p.unit_id
    from public.pairings p
   where p.village_id in (select private.permitted_org_ids('pairings', 'read'))
$$;

-- Section: grants
revoke update (name, name_en) on public.orgs from authenticated;
