-- public.profiles: a user sees its own profile, and the profiles of users holding (or having held)
-- a membership where it may read users (county and town roles). Only the owner edits its name and
-- phone; email and is_active belong to the auth provider. Anon sees nothing.
begin;
select plan(33);

select tests.create_fixture();

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select email from public.profiles $$,
  array['county.admin.a@test', 'county.staff.a@test', 'town.admin.t1@test', 'town.staff.t2@test',
        'village.secretary.v1a@test', 'village.clerk.v1a@test', 'village.secretary.v2a@test',
        'revoked.secretary.v1b@test', 'unit.liaison.county@test', 'unit.liaison.ended@test'],
  'county admin A sees the users of county A''s orgs (revoked ones included), not other counties'''
);
select is_empty(
  $$ select 1 from public.profiles where email in ('county.admin.b@test', 'village.secretary.b@test') $$,
  'county admin A sees no user of county B (other county)'
);
select is_empty(
  $$ select 1 from public.profiles where email in ('unit.liaison.provincial@test', 'unit.liaison.unpaired@test', 'no.role@test') $$,
  'county admin A sees no provincial or municipal unit liaison and no user without membership'
);

select tests.authenticate_as('county.staff.a@test');
select is((select count(*)::int from public.profiles), 10, 'county staff A sees the same 10 profiles');

select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select email from public.profiles $$,
  array['county.admin.b@test', 'village.secretary.b@test'],
  'county admin B sees county B''s users only'
);

select tests.authenticate_as('town.admin.t1@test');
select set_eq(
  $$ select email from public.profiles $$,
  array['town.admin.t1@test', 'village.secretary.v1a@test', 'village.clerk.v1a@test', 'revoked.secretary.v1b@test'],
  'town admin T1 sees the users of its town and villages'
);

select tests.authenticate_as('town.staff.t2@test');
select set_eq(
  $$ select email from public.profiles $$,
  array['town.staff.t2@test', 'village.secretary.v2a@test'],
  'town staff T2 sees the users of its town and village, not town T1''s'
);

select tests.authenticate_as('village.secretary.v1a@test');
select set_eq(
  $$ select email from public.profiles $$, array['village.secretary.v1a@test'],
  'village secretary V1a sees only its own profile (not even its clerk''s)'
);

select tests.authenticate_as('village.clerk.v1a@test');
select set_eq($$ select email from public.profiles $$, array['village.clerk.v1a@test'], 'village clerk sees only its own profile');

select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq(
  $$ select email from public.profiles $$, array['unit.liaison.provincial@test'],
  'provincial unit liaison sees only its own profile, not the paired villages'' users'
);

select tests.authenticate_as('unit.liaison.ended@test');
select set_eq($$ select email from public.profiles $$, array['unit.liaison.ended@test'], 'ended-pairing unit liaison sees only its own profile');

select tests.authenticate_as('unit.liaison.unpaired@test');
select set_eq($$ select email from public.profiles $$, array['unit.liaison.unpaired@test'], 'unpaired unit liaison sees only its own profile');

select tests.authenticate_as('revoked.secretary.v1b@test');
select set_eq($$ select email from public.profiles $$, array['revoked.secretary.v1b@test'], 'a revoked secretary still sees its own profile');

select tests.authenticate_as('no.role@test');
select set_eq($$ select email from public.profiles $$, array['no.role@test'], 'a user without membership sees its own profile');

-- Section: update
select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ update public.profiles set display_name = '李明书记', phone = '13800000001' returning email $$,
  array['village.secretary.v1a@test'],
  'a user edits its own name and phone (and only its own row is touched)'
);
select is_empty(
  $$ update public.profiles set display_name = 'x' where email = 'village.clerk.v1a@test' returning 1 $$,
  'village secretary cannot edit its clerk''s profile (0 rows)'
);
select throws_ok(
  $$ update public.profiles set email = 'someone.else@test' where user_id = (select auth.uid()) $$,
  '42501', null, 'a user cannot change its own email (the auth provider owns it)'
);
select throws_ok(
  $$ update public.profiles set is_active = true where user_id = (select auth.uid()) $$,
  '42501', null, 'a user cannot (re)activate itself'
);
select throws_ok(
  $$ update public.profiles set user_id = tests.user_id('no.role@test') where user_id = (select auth.uid()) $$,
  '42501', null, 'a user cannot re-point its profile'
);

select tests.authenticate_as('county.admin.a@test');
select is_empty(
  $$ update public.profiles set display_name = 'x' where email = 'village.secretary.v1a@test' returning 1 $$,
  'county admin A can read but not edit a village secretary''s profile (0 rows)'
);
select is_empty(
  $$ update public.profiles set display_name = 'x' where email = 'county.admin.b@test' returning 1 $$,
  'county admin A cannot edit county admin B''s profile (0 rows)'
);

select tests.authenticate_as('town.admin.t1@test');
select is_empty(
  $$ update public.profiles set display_name = 'x' where email <> 'town.admin.t1@test' returning 1 $$,
  'town admin T1 edits no other profile (0 rows)'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select is_empty(
  $$ update public.profiles set display_name = 'x' where email = 'village.secretary.v2a@test' returning 1 $$,
  'provincial unit liaison cannot edit a paired village''s secretary (0 rows)'
);

select tests.clear_authentication();
select results_eq(
  $$ select display_name, phone from public.profiles where email = 'village.secretary.v1a@test' $$,
  $$ values ('李明书记'::text, '13800000001'::text) $$,
  'the owner''s edit is stored'
);
select is_empty($$ select 1 from public.profiles where display_name = 'x' $$, 'no denied edit changed a profile');

-- Section: insert and delete (profiles are written by the auth provider on the service path)
select tests.authenticate_as('no.role@test');
select throws_ok(
  $$ insert into public.profiles (user_id, email, display_name) values (gen_random_uuid(), 'ghost@test', 'ghost') $$,
  '42501', null, 'a user cannot create a profile'
);
select throws_ok(
  $$ delete from public.profiles where user_id = (select auth.uid()) $$,
  '42501', null, 'a user cannot delete its own profile'
);
select throws_ok(
  $$ select email, encrypted_password from auth.users $$,
  '42501', null, 'a user cannot read auth.users (credentials stay there)'
);
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ delete from public.profiles where email = 'village.clerk.v1a@test' $$,
  '42501', null, 'county admin A cannot delete a profile'
);
select throws_ok(
  $$ update public.profiles set is_active = false where email = 'village.clerk.v1a@test' $$,
  '42501', null, 'county admin A cannot deactivate a user through the profile (service path only)'
);

select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.profiles $$, '42501', null, 'anon cannot read profiles');
select throws_ok($$ update public.profiles set display_name = 'x' $$, '42501', null, 'anon cannot update profiles');
select throws_ok($$ select 1 from auth.users $$, '42501', null, 'anon cannot read auth.users');
select tests.clear_authentication();

select * from finish();
rollback;
