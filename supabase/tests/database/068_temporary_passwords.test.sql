-- public.profiles.temporary_password_set_at (20261129000023): the mark of a password an administrator set,
-- which sends the user to change it before anything else. It is written on the service path only: set
-- by a reset in an administrator's name, cleared by the user's own password change. No user may write it
-- through the app role (or PostgREST): not the owner, to skip the change; not an administrator, to
-- bypass the reset and its audit. Its changes are audited under every org of the user's roles.
begin;
select plan(12);

select tests.create_fixture();

-- Section: nobody writes it through the app role
select ok(
  not has_column_privilege('authenticated', 'public.profiles', 'temporary_password_set_at', 'update')
  and not has_column_privilege('authenticated', 'public.profiles', 'temporary_password_set_at', 'insert')
  and not has_column_privilege('anon', 'public.profiles', 'temporary_password_set_at', 'update'),
  'neither authenticated nor anon holds insert or update on the column'
);
select ok(
  has_column_privilege('authenticated', 'public.profiles', 'temporary_password_set_at', 'select'),
  'authenticated may read it (as far as RLS shows the profile): the user page says whether it is set'
);

-- a reset, as the service path writes it (provisioning.server.ts), in the county admin's name
select set_config('request.jwt.claim.sub', tests.user_id('county.admin.a@test')::text, true);
update public.profiles set temporary_password_set_at = now() where user_id = tests.user_id('village.clerk.v1a@test');
select set_config('request.jwt.claim.sub', '', true);

select tests.authenticate_as('village.clerk.v1a@test');
select throws_ok(
  $$ update public.profiles set temporary_password_set_at = null where user_id = (select auth.uid()) $$,
  '42501', null, 'the user cannot clear the mark on their own profile (only a password change does)'
);
select throws_ok(
  $$ update public.profiles set display_name = '王文书', temporary_password_set_at = null where user_id = (select auth.uid()) $$,
  '42501', null, 'nor along with a change of their name'
);
select is(
  (select temporary_password_set_at is not null from public.profiles where user_id = (select auth.uid())), true,
  'the user sees the mark on their own profile'
);

select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ update public.profiles set temporary_password_set_at = now() where email = 'village.secretary.v1a@test' $$,
  '42501', null, 'a county admin cannot set the mark through the app role (the reset does, on the service path, audited)'
);
select throws_ok(
  $$ update public.profiles set temporary_password_set_at = null where email = 'village.clerk.v1a@test' $$,
  '42501', null, 'nor clear it'
);
select isnt(
  (select temporary_password_set_at from public.profiles where email = 'village.clerk.v1a@test'), null,
  'the county admin sees the mark of a user in its county (the user page shows it)'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$ update public.profiles set temporary_password_set_at = null $$,
  '42501', null, 'anon cannot touch it'
);
select tests.clear_authentication();

-- Section: audited
-- the user's own password change, on the service path in their own name (temporary-password.server.ts)
select set_config('request.jwt.claim.sub', tests.user_id('village.clerk.v1a@test')::text, true);
update public.profiles set temporary_password_set_at = null where user_id = tests.user_id('village.clerk.v1a@test');
select set_config('request.jwt.claim.sub', '', true);

select results_eq(
  $$ select tests.email(actor_id), tests.org_key(org_id), old_row ->> 'temporary_password_set_at' is null, new_row ->> 'temporary_password_set_at' is null
       from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.clerk.v1a@test')::text order by id $$,
  $$ values ('county.admin.a@test', 'V1a', true, false), ('village.clerk.v1a@test', 'V1a', false, true) $$,
  'the reset is audited in the administrator''s name, the change in the user''s, under the village of the user''s role'
);
select tests.authenticate_as('county.admin.a@test');
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.clerk.v1a@test')::text), 2,
  'the county admin reads both entries'
);
select tests.authenticate_as('county.admin.b@test');
select is_empty(
  $$ select 1 from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.clerk.v1a@test')::text $$,
  'another county''s admin reads neither'
);
select tests.clear_authentication();

select * from finish();
rollback;
