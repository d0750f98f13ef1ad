-- When an account's password last changed, so that an access token issued before it is refused (ADR 0018,
-- amended). A password change ends the user's other sessions: locally their rows in auth.sessions go, and
-- GoTrue revokes their refresh tokens. But a Supabase project that verifies access tokens with its JWKS does
-- not ask GoTrue on each request, so a token issued before the change (an hour's worth at most) still verified:
-- after a reset, once the user had chosen a new password and the temporary mark was cleared, a token taken
-- before the reset was accepted again. The Supabase provider already reads this row on every request (the
-- deactivation and temporary-password checks), so it now refuses a token issued before this time, at no
-- statement more.
--
-- - set on the service path when the password changes: the user's own change (to the issue time of the new
--   session the change signs in, so that session stays valid), an administrator's reset and the operator CLI's
--   (with the temporary mark, to the same time);
-- - never written by the app role: authenticated may update only display_name and phone of its own profile
--   (column grants, 20261128000001_orgs.sql). Audited with the profile (private.audit_profile).

-- Section: column
alter table public.profiles add column password_changed_at timestamptz;
comment on column public.profiles.password_changed_at is
  'When the account''s password last changed (its own change, or an administrator''s reset); null: not since the account was made. Access tokens issued before it are refused.';
