-- An account whose roles were all revoked stays in the scope of those who managed it: its revoked memberships
-- (kept as history) let the county and town administrators of their orgs read its profile and roles, grant it a
-- new role and deactivate or reactivate it (public.may_change_user_activity, migration 20261129000022). Another
-- town's or county's administrator gets nothing and may not change it; anon gets nothing. An account that still
-- holds a role keeps the old rule: the caller must manage every org where it holds one.
begin;
select plan(40);

select tests.create_fixture();
-- revoked.secretary.v1b@test held one role, village secretary of V1b (town T1, county A), revoked yesterday
select tests.create_user('town.admin.t2@test', '桂头镇管理员');
select tests.create_user('former.clerk@test', '两县旧文书');
insert into public.memberships (user_id, org_id, role) values
  (tests.user_id('town.admin.t2@test'), tests.org('T2'), 'town_admin'),
  -- a clerk once in V2a (county A, town T2) and in VB (county B), both revoked
  (tests.user_id('former.clerk@test'), tests.org('V2a'), 'village_clerk'),
  (tests.user_id('former.clerk@test'), tests.org('VB'), 'village_clerk'),
  -- county B's secretary once held a role in V1a too: revoked there, still active in VB
  (tests.user_id('village.secretary.b@test'), tests.org('V1a'), 'village_clerk');
update public.memberships set revoked_at = now()
 where user_id in (tests.user_id('former.clerk@test'), tests.user_id('village.secretary.b@test'))
   and org_id in (tests.org('V2a'), tests.org('VB'), tests.org('V1a'))
   and role = 'village_clerk';

select is(
  (select count(*)::int from public.memberships where user_id = tests.user_id('revoked.secretary.v1b@test') and revoked_at is null), 0,
  'the roleless account holds no active role'
);

-- Section: the county administrator who managed it
select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ select email from public.profiles where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  array['revoked.secretary.v1b@test'],
  'county admin A reads the roleless account''s profile'
);
select results_eq(
  $$ select tests.org_key(org_id), role::text, revoked_at is not null from public.memberships
      where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  $$ values ('V1b', 'village_secretary', true) $$,
  'county admin A reads its revoked role as history'
);
select ok(public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'county admin A may deactivate or reactivate the roleless account');
select ok(public.may_change_user_activity(tests.user_id('former.clerk@test')), 'county admin A may (de)activate an account whose roles, here and in county B, are all revoked');
select ok(
  not public.may_change_user_activity(tests.user_id('village.secretary.b@test')),
  'county admin A may not (de)activate an account revoked here but still holding a role in county B'
);
select ok(not public.may_change_user_activity(tests.user_id('no.role@test')), 'county admin A may not (de)activate an account that never held a role in its scope');
select ok(not public.may_change_user_activity(tests.user_id('county.admin.a@test')), 'county admin A may not (de)activate itself');
select ok(not public.may_change_user_activity(null), 'no account: no');
select throws_ok(
  $$ update public.profiles set is_active = false where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  '42501', null, 'county admin A still cannot flip is_active through the profile (the service path does, after the check)'
);

-- Section: the town administrator of its former village
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ select email from public.profiles where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  array['revoked.secretary.v1b@test'],
  'town admin T1 reads the roleless account''s profile'
);
select results_eq(
  $$ select tests.org_key(org_id) from public.memberships where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  array['V1b'],
  'town admin T1 reads its revoked role'
);
select ok(public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'town admin T1 may deactivate or reactivate the roleless account of its village');
select ok(not public.may_change_user_activity(tests.user_id('former.clerk@test')), 'town admin T1 may not (de)activate a roleless account that was never in its town');

-- Section: another town's administrator
select tests.authenticate_as('town.admin.t2@test');
select is_empty($$ select 1 from public.profiles where user_id = tests.user_id('revoked.secretary.v1b@test') $$, 'town admin T2 does not see the roleless account of town T1');
select is_empty($$ select 1 from public.memberships where user_id = tests.user_id('revoked.secretary.v1b@test') $$, 'town admin T2 does not see its roles');
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'town admin T2 may not (de)activate it');
select ok(public.may_change_user_activity(tests.user_id('former.clerk@test')), 'town admin T2 may (de)activate the former clerk of its village');
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where user_id = tests.user_id('revoked.secretary.v1b@test') returning 1 $$,
  'town admin T2 changes none of its memberships (0 rows)'
);

-- Section: another county's administrator
select tests.authenticate_as('county.admin.b@test');
select is_empty($$ select 1 from public.profiles where user_id = tests.user_id('revoked.secretary.v1b@test') $$, 'county admin B does not see the roleless account of county A');
select is_empty($$ select 1 from public.memberships where user_id = tests.user_id('revoked.secretary.v1b@test') $$, 'county admin B does not see its roles');
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'county admin B may not (de)activate it');
select ok(public.may_change_user_activity(tests.user_id('former.clerk@test')), 'county admin B may (de)activate the former clerk of its village too');
select ok(public.may_change_user_activity(tests.user_id('village.secretary.b@test')), 'county admin B may (de)activate its secretary, whose only active role is in county B');

-- Section: roles that read users but do not manage them, and the account itself
select tests.authenticate_as('county.staff.a@test');
select results_eq(
  $$ select email from public.profiles where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  array['revoked.secretary.v1b@test'],
  'county staff A reads the roleless account'
);
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'county staff A may not (de)activate it (users:read only)');

select tests.authenticate_as('village.secretary.v1a@test');
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'a village secretary may not (de)activate it');

select tests.authenticate_as('revoked.secretary.v1b@test');
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'the roleless account may not (de)activate itself');

-- Section: a new role, and the active rule again
select tests.authenticate_as('county.admin.a@test');
select lives_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('revoked.secretary.v1b@test'), tests.org('V1b'), 'village_clerk', (select auth.uid())) $$,
  'county admin A grants the roleless account a new role'
);
select ok(public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'county admin A still may (de)activate it');
select tests.authenticate_as('town.admin.t1@test');
select ok(public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'town admin T1 may, its only active role being in town T1');
select tests.authenticate_as('town.admin.t2@test');
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'town admin T2 still may not');

select tests.authenticate_as('county.admin.a@test');
select lives_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('revoked.secretary.v1b@test'), tests.org('V2a'), 'village_clerk', (select auth.uid())) $$,
  'county admin A grants it a second role, in town T2'
);
select tests.authenticate_as('town.admin.t1@test');
select ok(
  not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')),
  'town admin T1 may not (de)activate it any more: it holds a role in town T2 as well'
);
select tests.authenticate_as('town.admin.t2@test');
select results_eq(
  $$ select tests.org_key(org_id) from public.memberships where user_id = tests.user_id('revoked.secretary.v1b@test') $$,
  array['V2a'],
  'town admin T2 now sees the account''s role in its town, and only that one'
);
select ok(not public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'nor town admin T2 (a role in town T1)');
select tests.authenticate_as('county.admin.a@test');
select ok(public.may_change_user_activity(tests.user_id('revoked.secretary.v1b@test')), 'county admin A manages both: it may');

-- Section: anon
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok(
  $$ select public.may_change_user_activity(gen_random_uuid()) $$,
  '42501', null, 'anon cannot ask'
);
select throws_ok($$ select 1 from public.profiles $$, '42501', null, 'anon reads no profile');
select throws_ok($$ select 1 from public.memberships $$, '42501', null, 'anon reads no membership');
select tests.clear_authentication();

select * from finish();
rollback;
