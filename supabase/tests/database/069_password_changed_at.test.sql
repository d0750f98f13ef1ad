-- public.profiles.password_changed_at (20261129000024): when the password last changed; the Supabase provider
-- refuses access tokens issued before it. It is written on the service path only (the user's own change, an
-- administrator's reset). Nobody may write it through the app role (or PostgREST): not the user, to keep a
-- stolen token valid after a change, nor an administrator. Its changes are audited like the profile's.
begin;
select plan(9);

select tests.create_fixture();

-- Section: nobody writes it through the app role
select ok(
  not has_column_privilege('authenticated', 'public.profiles', 'password_changed_at', 'update')
  and not has_column_privilege('authenticated', 'public.profiles', 'password_changed_at', 'insert')
  and not has_column_privilege('anon', 'public.profiles', 'password_changed_at', 'update')
  and not has_column_privilege('anon', 'public.profiles', 'password_changed_at', 'insert'),
  'neither authenticated nor anon holds insert or update on the column'
);

-- the user's own change, as the service path writes it (temporary-password.server.ts), in the user's name
select set_config('request.jwt.claim.sub', tests.user_id('village.clerk.v1a@test')::text, true);
update public.profiles set password_changed_at = now() where user_id = tests.user_id('village.clerk.v1a@test');
select set_config('request.jwt.claim.sub', '', true);

select tests.authenticate_as('village.clerk.v1a@test');
select throws_ok(
  $$ update public.profiles set password_changed_at = null where user_id = (select auth.uid()) $$,
  '42501', null, 'the user cannot clear it on their own profile (which would let tokens from before the change back in)'
);
select throws_ok(
  $$ update public.profiles set display_name = '王文书', password_changed_at = '2000-01-01' where user_id = (select auth.uid()) $$,
  '42501', null, 'nor move it back along with a change of their name'
);
select isnt(
  (select password_changed_at from public.profiles where user_id = (select auth.uid())), null,
  'the user reads it on their own profile'
);

select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ update public.profiles set password_changed_at = null where email = 'village.clerk.v1a@test' $$,
  '42501', null, 'a county admin cannot write it through the app role either'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$ update public.profiles set password_changed_at = null $$,
  '42501', null, 'anon cannot touch it'
);
select tests.clear_authentication();

-- Section: audited
select results_eq(
  $$ select tests.email(actor_id), tests.org_key(org_id), old_row ->> 'password_changed_at' is null, new_row ->> 'password_changed_at' is null
       from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.clerk.v1a@test')::text order by id $$,
  $$ values ('village.clerk.v1a@test', 'V1a', true, false) $$,
  'the change is audited in the user''s own name, under the village of the user''s role'
);
select tests.authenticate_as('county.admin.a@test');
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.clerk.v1a@test')::text), 1,
  'the county admin reads the entry'
);
select tests.authenticate_as('county.admin.b@test');
select is_empty(
  $$ select 1 from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.clerk.v1a@test')::text $$,
  'another county''s admin does not'
);
select tests.clear_authentication();

select * from finish();
rollback;
