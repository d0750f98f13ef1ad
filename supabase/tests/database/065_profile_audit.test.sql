-- public.profiles changes are audited (private.audit_profile): a deactivation, made on the service path
-- in an administrator's name, is written under every org where the user holds or held a role, with
-- actor, before and after; the county admin of those orgs reads it, another county's does not; a
-- touch of updated_at alone writes nothing; a user's edit of their own profile names them.
begin;
select plan(9);

select tests.create_fixture();
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.profiles'), 0,
  'creating profiles writes no audit row (the role grants are audited)'
);

-- Section: writes
-- a deactivation on the service path (provisioning.server.ts), in the town admin's name
select set_config('request.jwt.claim.sub', tests.user_id('town.admin.t1@test')::text, true);
update public.profiles set is_active = false where user_id = tests.user_id('village.clerk.v1a@test');
select set_config('request.jwt.claim.sub', '', true);
update public.profiles set updated_at = now() + interval '1 minute' where user_id = tests.user_id('village.clerk.v1a@test');

select results_eq(
  $$ select tests.email(actor_id), tests.org_key(org_id), row_id, old_row ->> 'is_active', new_row ->> 'is_active'
       from public.audit_log where table_name = 'public.profiles' $$,
  $$ values ('town.admin.t1@test', 'V1a', tests.user_id('village.clerk.v1a@test')::text, 'true', 'false') $$,
  'the deactivation is audited once, under the village of the clerk''s role, with actor, before and after; the touch alone is not'
);

-- a user with roles in two orgs: one row per org (revoked roles count: the org's audit readers knew the user)
insert into public.memberships (user_id, org_id, role) values (tests.user_id('village.clerk.v1a@test'), tests.org('VB'), 'village_clerk');
update public.memberships set revoked_at = now() where user_id = tests.user_id('village.clerk.v1a@test') and org_id = tests.org('VB');
update public.profiles set phone = '13800000001' where user_id = tests.user_id('village.clerk.v1a@test');
select set_eq(
  $$ select tests.org_key(org_id) from public.audit_log where table_name = 'public.profiles' and new_row ->> 'phone' = '13800000001' $$,
  array['V1a', 'VB'],
  'a change is written under each org of the user''s roles'
);

-- a user edits their own profile (RLS lets them): the row names them
select tests.authenticate_as('village.secretary.v1a@test');
update public.profiles set display_name = '李明明' where user_id = (select auth.uid());
select tests.clear_authentication();
select results_eq(
  $$ select tests.email(actor_id), actor_role, tests.org_key(org_id) from public.audit_log
      where table_name = 'public.profiles' and new_row ->> 'display_name' = '李明明' $$,
  $$ values ('village.secretary.v1a@test', 'authenticated', 'V1a') $$,
  'a user''s edit of their own profile is attributed to them'
);

-- Section: reads
select tests.authenticate_as('county.admin.a@test');
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.profiles'), 3,
  'county admin A reads the profile changes under its villages'
);
select is_empty(
  $$ select 1 from public.audit_log where table_name = 'public.profiles' and org_id = tests.org('VB') $$,
  'county admin A reads nothing of county B'
);
select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select tests.org_key(org_id) from public.audit_log where table_name = 'public.profiles' $$,
  array['VB'],
  'county admin B reads only the row under its own village'
);
select tests.authenticate_as('town.admin.t1@test');
select is_empty($$ select 1 from public.audit_log where table_name = 'public.profiles' $$, 'the town admin cannot read the audit, not even of its own deactivation');
select tests.clear_authentication();

select ok(
  not has_function_privilege('authenticated', 'private.audit_profile()', 'execute')
  and not has_function_privilege('anon', 'private.audit_profile()', 'execute'),
  'users cannot call the profile audit trigger function'
);

select * from finish();
rollback;
