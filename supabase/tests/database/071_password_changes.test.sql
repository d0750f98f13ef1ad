-- private.password_changes (20261129000025): when auth.users last got a new password hash, whoever wrote it
-- (GoTrue for the app, the Supabase dashboard, a recovery mail; the local provider). The Supabase provider
-- refuses access tokens issued before it. Written by the trigger on auth.users only, moved back on the
-- service path; nobody reads or touches it through the app role.
begin;
select plan(19);

select tests.create_fixture();

-- GoTrue's own role: rights on auth.users, none in our schemas. On a Supabase project that is
-- supabase_auth_admin, when the test's role may act as it; elsewhere a stand-in with the same rights.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') and pg_has_role('supabase_auth_admin', 'member') then
    perform set_config('tests.gotrue_role', 'supabase_auth_admin', true);
  else
    create role tests_gotrue nologin;
    grant usage on schema auth to tests_gotrue;
    grant select, update on auth.users to tests_gotrue;
    perform set_config('tests.gotrue_role', 'tests_gotrue', true);
  end if;
end $$;

-- Section: the trigger, as GoTrue writes a new password (plain statements: that role cannot run pgTAP's
-- functions; one that failed would end the file with an error)
select set_config('role', current_setting('tests.gotrue_role'), true);
-- a new password
update auth.users set encrypted_password = '$2a$10$changedchangedchangedcuJ0bq0o9QmYwF8hFZPc4Ykn7y0l7eWm2'
 where email = 'village.secretary.v1a@test';
-- a sign-in of another user
update auth.users set last_sign_in_at = now(), updated_at = now() where email = 'village.clerk.v1a@test';
-- an unchanged hash written back
update auth.users set encrypted_password = encrypted_password, updated_at = now() where email = 'town.admin.t1@test';
reset role;
select pass('GoTrue''s role changed a password: the trigger wrote where that role may not');
select ok(
  not has_table_privilege(current_setting('tests.gotrue_role'), 'private.password_changes', 'insert'),
  'GoTrue''s role holds no right on the table itself'
);
select results_eq(
  $$ select tests.email(user_id), changed_at = now() from private.password_changes order by 1 $$,
  $$ values ('village.secretary.v1a@test', true) $$,
  'only the new hash is recorded, at the time of its change; a sign-in or an unchanged hash is not'
);
select is_empty(
  $$ select 1 from public.audit_log where table_name = 'public.profiles' and row_id = tests.user_id('village.secretary.v1a@test')::text $$,
  'the profile is not touched: nothing in the audit log'
);

-- a later change moves it
update private.password_changes set changed_at = now() - interval '1 day' where user_id = tests.user_id('village.secretary.v1a@test');
update auth.users set encrypted_password = '$2a$10$againagainagainagainaguJ0bq0o9QmYwF8hFZPc4Ykn7y0l7eWm2' where email = 'village.secretary.v1a@test';
select is(
  (select changed_at from private.password_changes where user_id = tests.user_id('village.secretary.v1a@test')), now(),
  'a later change of the same account moves the time to it'
);

-- Section: the service path reads it and moves it back (to the issue time of the session of the user's own change)
set local role service_role;
select is(
  (select count(*)::int from private.password_changes), 1,
  'service_role reads it'
);
select lives_ok(
  $$ update private.password_changes set changed_at = now() - interval '1 second' where user_id = tests.user_id('village.secretary.v1a@test') $$,
  'service_role moves it back'
);
select throws_ok(
  $$ insert into private.password_changes (user_id, changed_at) values (tests.user_id('county.admin.a@test'), now()) $$,
  '42501', null, 'service_role does not record changes: the trigger does'
);
select throws_ok(
  $$ delete from private.password_changes $$,
  '42501', null, 'nor erase them'
);
reset role;

-- Section: nobody through the app role, whatever the role
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok($$ select 1 from private.password_changes $$, '42501', null, 'the user cannot read their own');
select throws_ok(
  $$ update private.password_changes set changed_at = '2000-01-01' $$,
  '42501', null, 'nor move it back (which would let tokens from before the change in again)'
);
select throws_ok(
  $$ delete from private.password_changes $$, '42501', null, 'nor erase it'
);

select tests.authenticate_as('county.admin.a@test');
select throws_ok($$ select 1 from private.password_changes $$, '42501', null, 'a county admin cannot read it');
select throws_ok(
  $$ insert into private.password_changes (user_id, changed_at) values (tests.user_id('town.admin.t1@test'), now()) $$,
  '42501', null, 'nor record one'
);

select tests.authenticate_as('town.admin.t1@test');
select throws_ok($$ select 1 from private.password_changes $$, '42501', null, 'a town admin cannot read it');

select tests.authenticate_as('unit.liaison.provincial@test');
select throws_ok($$ select 1 from private.password_changes $$, '42501', null, 'a unit liaison cannot read it');

select tests.authenticate_as('no.role@test');
select throws_ok($$ select 1 from private.password_changes $$, '42501', null, 'a user without membership cannot read it');

select tests.authenticate_as_anon();
select throws_ok($$ select 1 from private.password_changes $$, '42501', null, 'anon cannot read it');
select tests.clear_authentication();

select is(
  (select changed_at from private.password_changes where user_id = tests.user_id('village.secretary.v1a@test')), now() - interval '1 second',
  'the recorded time is as the service path left it'
);

select * from finish();
rollback;
