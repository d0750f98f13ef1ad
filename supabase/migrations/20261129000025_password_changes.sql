-- When auth.users last got a new password hash, whoever wrote it, so that the Supabase provider refuses access
-- tokens issued before it (ADR 0018, amended again). profiles.password_changed_at (000024) is what the app
-- records of the changes it makes itself: the user's own change and an administrator's reset. A password
-- changed outside the app (the Supabase dashboard, a recovery mail, GoTrue's admin API called by a script)
-- set nothing there, and a project that verifies access tokens with its JWKS kept accepting the tokens issued
-- before it for up to an hour. This trigger records every change where it happens.
--
-- - its own table, not the profile: GoTrue's transaction cannot wait on the profile's row, which an
--   administrator's reset holds locked while it asks GoTrue for the new password (that would hang both);
--   and it is the auth system's fact, not a change somebody made to a profile (no audit entry: GoTrue keeps
--   its own log, auth.audit_log_entries);
-- - written by the trigger only (security definer: GoTrue's role has no rights in our schemas), and, on the
--   service path, moved back to the issue time of the new session of the user's own change, so that session
--   stays valid (temporary-password.server.ts);
-- - not reachable by anon or authenticated (no grant, RLS on with no policy).

-- Section: table
create table private.password_changes (
  user_id uuid primary key references auth.users (id) on delete cascade,
  changed_at timestamptz not null
);
comment on table private.password_changes is
  'When each account''s password hash last changed in auth.users, by anyone (the app, GoTrue, the dashboard). Access tokens issued before it are refused.';
alter table private.password_changes enable row level security;
-- No policy and no grant to authenticated or anon: unreachable except on the service path.
revoke all on private.password_changes from public;
grant select, update on private.password_changes to service_role;

-- Section: trigger
create function private.record_password_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.password_changes (user_id, changed_at) values (new.id, now())
  on conflict (user_id) do update set changed_at = excluded.changed_at;
  return null;
end;
$$;
comment on function private.record_password_change() is
  'After a new password hash in auth.users: records when (private.password_changes).';
revoke all on function private.record_password_change() from public;

create trigger record_password_change
  after update of encrypted_password on auth.users
  for each row when (old.encrypted_password is distinct from new.encrypted_password)
  execute function private.record_password_change();
