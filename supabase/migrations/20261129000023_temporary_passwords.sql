-- A password an administrator set (a new account's, or a reset's) is temporary: the administrator knows it, so
-- the user must replace it at the first sign-in before using the portal (ADR 0018).
--
-- The mark lives beside is_active, on the profile: the per-request session check already reads that row on both
-- auth providers (locally in the statement that checks the session, on Supabase as the deactivation check), so
-- enforcing it costs no statement more and takes effect on the next request, whatever the JWT carries. Its
-- changes are audited by the profile's trigger (private.audit_profile): a reset is written under every org of
-- the user's roles in the administrator's name, as a deactivation is.
--
-- - set (to now()) on the service path when an administrator sets a password: provisioning with a typed or
--   generated password, the reset on the user page, the operator CLI;
-- - cleared (null) on the service path only when the user changes their own password (current one checked);
-- - never written by the app role: authenticated may update only display_name and phone of its own profile
--   (column grants, 20261128000001_orgs.sql), so a user cannot clear it through PostgREST either.
-- Who may reset a password is who may deactivate the account: public.may_change_user_activity (000022).

-- Section: column
alter table public.profiles add column temporary_password_set_at timestamptz;
comment on column public.profiles.temporary_password_set_at is
  'When an administrator last set this account''s password (a temporary one); null once the user has chosen their own. Not null: every page sends the user to change it first.';
comment on table public.profiles is 'Directory entry of each user: name and contact. Deactivation is mirrored in auth.users.banned_until by the auth provider; a password set by an administrator is marked in temporary_password_set_at until the user changes it.';
