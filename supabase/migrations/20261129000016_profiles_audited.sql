-- A user's directory entry (name, phone, active or deactivated) is audited too. A profile belongs to no
-- org: its changes are written once under every org where the user holds or held a role, so that whoever
-- may read the audit of one of those orgs sees who deactivated the account, and when. Creating a profile is
-- not written here: the user has no role yet, and the role's grant is audited (memberships).

-- Section: the trigger
create function private.audit_profile() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  old_j jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_j jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  row_j jsonb := coalesce(new_j, old_j);
begin
  -- the touch of updated_at alone is no change
  if tg_op = 'UPDATE' and old_j - 'updated_at' = new_j - 'updated_at' then
    return null;
  end if;
  insert into public.audit_log (actor_id, actor_role, table_name, row_id, org_id, op, old_row, new_row)
  select (select auth.uid()), coalesce((select auth.role()), current_user), 'public.profiles', row_j ->> 'user_id', m.org_id, tg_op, old_j, new_j
    from (select distinct org_id from public.memberships where user_id = (row_j ->> 'user_id')::uuid) m;
  return null;
end;
$$;
revoke all on function private.audit_profile() from public;
comment on function private.audit_profile() is 'Audits a profile change under each org of the user''s roles (memberships, revoked ones included).';

create trigger profiles_audit after update or delete on public.profiles
  for each row execute function private.audit_profile();
