-- public.memberships: who holds which role where. Holders see their own; county and town roles
-- see those of their subtree. County and town admins grant and revoke within their subtree;
-- a revoke names the caller in revoked_by; a membership is never deleted, re-pointed or un-revoked.
begin;
select plan(56);

select tests.create_fixture();

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select tests.email(user_id) || ':' || role from public.memberships $$,
  array['county.admin.a@test:county_admin', 'county.staff.a@test:county_staff',
        'town.admin.t1@test:town_admin', 'town.staff.t2@test:town_staff',
        'village.secretary.v1a@test:village_secretary', 'village.clerk.v1a@test:village_clerk',
        'village.secretary.v2a@test:village_secretary', 'revoked.secretary.v1b@test:village_secretary',
        'unit.liaison.county@test:unit_liaison', 'unit.liaison.ended@test:unit_liaison'],
  'county admin A sees every membership in county A''s subtree, revoked ones included'
);
select is_empty(
  $$ select 1 from public.memberships where org_id in (tests.org('B'), tests.org('VB'), tests.org('U-prov'), tests.org('U-unpaired')) $$,
  'county admin A sees no membership of county B nor of provincial/municipal units'
);

select tests.authenticate_as('county.staff.a@test');
select is((select count(*)::int from public.memberships), 10, 'county staff A sees the same 10 memberships');

select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select tests.email(user_id) || ':' || role from public.memberships $$,
  array['county.admin.b@test:county_admin', 'village.secretary.b@test:village_secretary'],
  'county admin B sees county B''s memberships only'
);

select tests.authenticate_as('town.admin.t1@test');
select set_eq(
  $$ select tests.email(user_id) || ':' || role from public.memberships $$,
  array['town.admin.t1@test:town_admin', 'village.secretary.v1a@test:village_secretary',
        'village.clerk.v1a@test:village_clerk', 'revoked.secretary.v1b@test:village_secretary'],
  'town admin T1 sees the memberships of its town and villages'
);

select tests.authenticate_as('town.staff.t2@test');
select set_eq(
  $$ select tests.email(user_id) || ':' || role from public.memberships $$,
  array['town.staff.t2@test:town_staff', 'village.secretary.v2a@test:village_secretary'],
  'town staff T2 sees the memberships of its town, not town T1''s'
);

select tests.authenticate_as('village.secretary.v1a@test');
select set_eq(
  $$ select tests.email(user_id) || ':' || role from public.memberships $$,
  array['village.secretary.v1a@test:village_secretary'],
  'village secretary V1a sees only its own membership'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq(
  $$ select tests.email(user_id) || ':' || role from public.memberships $$,
  array['unit.liaison.provincial@test:unit_liaison'],
  'provincial unit liaison sees only its own membership, not its paired villages'''
);

select tests.authenticate_as('unit.liaison.unpaired@test');
select is((select count(*)::int from public.memberships), 1, 'unpaired unit liaison sees only its own membership');

select tests.authenticate_as('revoked.secretary.v1b@test');
select results_eq(
  $$ select role::text, revoked_at is not null from public.memberships $$,
  $$ values ('village_secretary', true) $$,
  'a revoked secretary sees its own (revoked) membership and nothing else'
);

select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.memberships $$, 'a user without membership sees none');

-- Section: grant (insert)
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('V1b'), 'village_secretary', (select auth.uid()))
     returning tests.org_key(org_id), role::text $$,
  $$ values ('V1b', 'village_secretary') $$,
  'town admin T1 grants a village role in a village of its town'
);
select lives_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('T1'), 'town_staff', (select auth.uid())) $$,
  'town admin T1 appoints staff in its own town'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('V2a'), 'village_clerk', (select auth.uid())) $$,
  '42501', null, 'town admin T1 cannot grant in a village of another town'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('VB'), 'village_clerk', (select auth.uid())) $$,
  '42501', null, 'town admin T1 cannot grant in a village of another county'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('town.admin.t1@test'), tests.org('A'), 'county_admin', (select auth.uid())) $$,
  '42501', null, 'town admin T1 cannot grant a county role (not even to itself)'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('T1'), 'county_staff', (select auth.uid())) $$,
  '23514', null, 'a county role cannot be held in a town (role must fit the org''s level)'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('U-county'), 'unit_liaison', (select auth.uid())) $$,
  '42501', null, 'town admin T1 cannot grant in a support unit'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('C1'), 'village_clerk', tests.user_id('county.admin.a@test')) $$,
  '42501', null, 'a grant cannot be attributed to someone else (created_by must be the caller)'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role)
     values (tests.user_id('no.role@test'), tests.org('C1'), 'village_clerk') $$,
  '42501', null, 'a grant must name its author'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by, revoked_at, revoked_by)
     values (tests.user_id('no.role@test'), tests.org('C1'), 'village_clerk', (select auth.uid()), now(), (select auth.uid())) $$,
  '42501', null, 'a grant cannot be inserted already revoked'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('village.secretary.v1a@test'), tests.org('V1a'), 'village_secretary', (select auth.uid())) $$,
  '23505', null, 'the same active role cannot be granted twice'
);

select tests.authenticate_as('town.staff.t2@test');
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('V2a'), 'village_clerk', (select auth.uid())) $$,
  '42501', null, 'town staff cannot grant, even in its own town'
);

select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('V1a'), 'village_clerk', (select auth.uid())) $$,
  '42501', null, 'village secretary cannot grant a clerk role in its own village'
);

select tests.authenticate_as('unit.liaison.county@test');
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('U-county'), 'unit_liaison', (select auth.uid())) $$,
  '42501', null, 'unit liaison cannot grant in its unit'
);

select tests.authenticate_as('county.admin.a@test');
select lives_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('T2'), 'town_admin', (select auth.uid())) $$,
  'county admin A grants a town role in its county'
);
select lives_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('U-ended'), 'unit_liaison', (select auth.uid())) $$,
  'county admin A grants a liaison in a county-level unit of its county'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('VB'), 'village_clerk', (select auth.uid())) $$,
  '42501', null, 'county admin A cannot grant in county B'
);
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('U-prov'), 'unit_liaison', (select auth.uid())) $$,
  '42501', null, 'county admin A cannot grant in a provincial unit'
);

select tests.authenticate_as('county.staff.a@test');
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role, created_by)
     values (tests.user_id('no.role@test'), tests.org('V1a'), 'village_clerk', (select auth.uid())) $$,
  '42501', null, 'county staff cannot grant'
);

-- Section: revoke (update of revoked_at / revoked_by only)
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id = tests.membership_id('village.clerk.v1a@test', 'village_clerk')
      returning tests.email(user_id) $$,
  array['village.clerk.v1a@test'],
  'town admin T1 revokes a clerk of a village of its town'
);
select throws_ok(
  $$ update public.memberships set revoked_at = now(), revoked_by = tests.user_id('county.admin.a@test')
      where id = tests.membership_id('village.secretary.v1a@test', 'village_secretary') $$,
  '42501', null, 'a revoke cannot be attributed to someone else'
);
select throws_ok(
  $$ update public.memberships set revoked_at = now()
      where id = tests.membership_id('village.secretary.v1a@test', 'village_secretary') $$,
  '42501', null, 'a revoke must name the caller in revoked_by'
);
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id = tests.membership_id('village.secretary.v2a@test', 'village_secretary') returning 1 $$,
  'town admin T1 cannot revoke in another town (0 rows)'
);
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id in (tests.membership_id('county.staff.a@test', 'county_staff'),
                   tests.membership_id('county.admin.a@test', 'county_admin')) returning 1 $$,
  'town admin T1 cannot revoke county roles (0 rows)'
);
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id in (tests.membership_id('village.secretary.b@test', 'village_secretary'),
                   tests.membership_id('unit.liaison.county@test', 'unit_liaison')) returning 1 $$,
  'town admin T1 cannot revoke in another county or in a unit (0 rows)'
);
select throws_ok(
  $$ update public.memberships set revoked_at = null, revoked_by = null
      where id = tests.membership_id('revoked.secretary.v1b@test', 'village_secretary') $$,
  '42501', null, 'a revoked membership cannot be restored'
);
select throws_ok(
  $$ update public.memberships set role = 'village_clerk'
      where id = tests.membership_id('village.secretary.v1a@test', 'village_secretary') $$,
  '42501', null, 'a membership''s role cannot be changed (revoke and grant instead)'
);
select throws_ok(
  $$ update public.memberships set org_id = tests.org('V1b')
      where id = tests.membership_id('village.secretary.v1a@test', 'village_secretary') $$,
  '42501', null, 'a membership cannot be moved to another org'
);
select throws_ok(
  $$ delete from public.memberships where id = tests.membership_id('village.secretary.v1a@test', 'village_secretary') $$,
  '42501', null, 'town admin T1 cannot delete a membership'
);

select tests.authenticate_as('village.clerk.v1a@test');
select is_empty($$ select 1 from public.orgs $$, 'the revoked clerk loses its village on the very next statement');

select tests.authenticate_as('town.staff.t2@test');
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id = tests.membership_id('village.secretary.v2a@test', 'village_secretary') returning 1 $$,
  'town staff cannot revoke (0 rows)'
);

select tests.authenticate_as('village.secretary.v1a@test');
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid()) returning 1 $$,
  'village secretary revokes nothing, not even its own membership (0 rows)'
);

select tests.authenticate_as('unit.liaison.county@test');
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid()) returning 1 $$,
  'unit liaison revokes nothing (0 rows)'
);

select tests.authenticate_as('county.admin.b@test');
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id = tests.membership_id('village.secretary.v1a@test', 'village_secretary') returning 1 $$,
  'county admin B cannot revoke in county A (0 rows)'
);

select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
      where id = tests.membership_id('town.staff.t2@test', 'town_staff') returning tests.email(user_id) $$,
  array['town.staff.t2@test'],
  'county admin A revokes a town role in its county'
);
select throws_ok(
  $$ delete from public.memberships where id = tests.membership_id('county.staff.a@test', 'county_staff') $$,
  '42501', null, 'county admin A cannot delete a membership'
);
select throws_ok(
  $$ delete from public.memberships where revoked_at is not null $$,
  '42501', null, 'county admin A cannot delete even revoked memberships'
);

select tests.authenticate_as('county.staff.a@test');
select is_empty(
  $$ update public.memberships set revoked_at = now(), revoked_by = (select auth.uid()) returning 1 $$,
  'county staff revokes nothing (0 rows)'
);

select tests.clear_authentication();
select results_eq(
  $$ select tests.email(revoked_by) from public.memberships
      where id = tests.membership_id('village.clerk.v1a@test', 'village_clerk') $$,
  array['town.admin.t1@test'],
  'the clerk''s revoke records the town admin as revoked_by'
);
select results_eq(
  $$ select tests.email(created_by) from public.memberships
      where user_id = tests.user_id('no.role@test') and org_id = tests.org('V1b') $$,
  array['town.admin.t1@test'],
  'the grant records the town admin as created_by'
);
select is(
  (select count(*)::int from public.memberships where revoked_at is not null), 3,
  'exactly three memberships are revoked: the fixture''s, the clerk''s and town staff T2''s'
);
select is(
  (select count(*)::int from public.memberships), 14 + 4,
  'nothing was deleted: 14 fixture memberships plus 4 grants'
);

-- Section: anon
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.memberships $$, '42501', null, 'anon cannot read memberships');
select throws_ok(
  $$ insert into public.memberships (user_id, org_id, role) values (gen_random_uuid(), gen_random_uuid(), 'county_admin') $$,
  '42501', null, 'anon cannot grant'
);
select throws_ok(
  $$ update public.memberships set revoked_at = now() $$,
  '42501', null, 'anon cannot revoke'
);
select tests.clear_authentication();

select * from finish();
rollback;
