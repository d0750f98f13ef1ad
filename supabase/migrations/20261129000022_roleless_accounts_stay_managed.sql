-- Who may deactivate or reactivate an account, decided here instead of in the app.
--
-- The app decided it (app/domain/users/users.server.ts): it read the orgs of the account's active roles on the
-- service path and asked public.can('users', 'manage', org) for each; with no active role there was no org to ask
-- about and the answer was no. So an account whose roles were all revoked (the rows stay, as history) could no
-- longer be deactivated by anybody who had managed it, and stayed able to sign in.
--
-- The rule, now one function that reads every membership of the account (security definer: the caller may not
-- see the roles it holds elsewhere, and they count):
--
-- - an account that holds an active role: the caller must manage users of every org where it holds one
--   (deactivating locks it out of all of them), as before;
-- - an account that holds none: the caller must manage users of an org where it held one. Its revoked roles
--   are the history that puts it in the scope of its former administrators (the same rows that let them read
--   its profile: private.visible_user_ids); it gives access to nothing, so any one of them may lock or unlock it;
-- - never the caller's own account, and never an account with no role ever held (nobody's scope).
--
-- The deactivation itself stays on the service path (it bans the auth user, which the app role cannot write),
-- after this check. supabase/tests/database/067_roleless_accounts proves the rule.

-- Section: helpers

/** May the caller deactivate or reactivate this account? (rule in the header of its migration) */
create or replace function private.may_change_user_activity(p_user_id uuid)
returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_managed uuid[];
  v_active uuid[];
begin
  if p_user_id is null or p_user_id = auth.uid() then
    return false;
  end if;
  v_managed := array(select private.permitted_org_ids('users', 'manage'));
  v_active := array(select m.org_id from public.memberships m where m.user_id = p_user_id and m.revoked_at is null);
  if cardinality(v_active) > 0 then
    return v_active <@ v_managed;
  end if;
  return exists (select 1 from public.memberships m where m.user_id = p_user_id and m.org_id = any(v_managed));
end
$$;

revoke all on function private.may_change_user_activity(uuid) from public, anon;
grant execute on function private.may_change_user_activity(uuid) to authenticated;

-- Section: public API functions

/** May the caller deactivate or reactivate this account? For the user page and its action. */
create or replace function public.may_change_user_activity(p_user_id uuid)
returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return private.may_change_user_activity(p_user_id);
end
$$;

revoke all on function public.may_change_user_activity(uuid) from public, anon;
grant execute on function public.may_change_user_activity(uuid) to authenticated;
