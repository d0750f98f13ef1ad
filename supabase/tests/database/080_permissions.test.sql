-- private.permissions, the permission matrix, and the public API built on it: permission_matrix(),
-- can() and my_portals(). The table itself is unreadable to users; the functions expose exactly
-- what the app needs, to signed-in users only.
begin;
select plan(85);

select tests.create_fixture();

-- Section: the matrix (as the owner)
select is((select count(*)::int from private.permissions), 99, 'the matrix holds 99 grants');
select set_eq(
  $$ select distinct role::text from private.permissions $$,
  $$ select unnest(enum_range(null::public.app_role))::text $$,
  'every role has at least one grant'
);
select set_eq(
  $$ select domain || ':' || action from private.permissions where role = 'unit_liaison' and action <> 'read' $$,
  array['activities:create', 'visits:create', 'concerns:create'],
  'support units only read, except that they record activities, visits and concerns (for their paired villages)'
);
select is_empty(
  $$ select 1 from private.permissions where role = 'unit_liaison' and domain = 'households' $$,
  'support units hold nothing on households (personal data)'
);
select set_eq(
  $$ select role::text from private.permissions where domain = 'concerns' and action = 'update' $$,
  array['county_admin', 'town_admin', 'town_staff', 'village_secretary', 'village_clerk'],
  'cases are handled by the village, its town and the county admin; not by county staff nor units'
);
select set_eq(
  $$ select role::text from private.permissions where domain = 'cadres' and action = 'manage' $$,
  array['county_admin'],
  'only the county admin manages cadres'
);
select is_empty(
  $$ select 1 from private.permissions where domain = 'audit' and role <> 'county_admin' $$,
  'only the county admin reads the audit'
);
select is_empty(
  $$ select 1 from private.permissions
      where (role::text like 'county%' and scope <> 'county') or (role::text like 'town%' and scope <> 'town')
         or (role::text like 'village%' and scope <> 'village') or (role = 'unit_liaison' and scope <> 'unit') $$,
  'each role''s scope is its own level'
);
select is_empty(
  $$ select 1 from private.permissions where action = 'manage' and role::text not like '%admin'
        and not (domain = 'households' and role in ('village_secretary', 'village_clerk')) $$,
  'only admins manage, and the village manages its household register'
);
select is_empty(
  $$ select 1 from private.permissions where action = 'submit' and role <> 'village_secretary' $$,
  'only the branch secretary submits'
);
select set_eq(
  $$ select role::text from private.permissions where action = 'review' $$,
  array['town_admin', 'town_staff'],
  'the town reviews: town admin and town staff, nobody else'
);
select is_empty(
  $$ select 1 from private.permissions where role = 'unit_liaison' and domain in ('reports', 'report_templates') $$,
  'support units hold nothing on monthly reports'
);
select set_eq(
  $$ select role::text || ':' || action from private.permissions where domain = 'reports' and action in ('update', 'submit') $$,
  array['village_secretary:update', 'village_secretary:submit', 'village_clerk:update'],
  'only the village edits its report; the clerk edits, the secretary edits and submits'
);
select set_eq(
  $$ select role::text from private.permissions where domain = 'report_templates' $$,
  array['county_admin'],
  'only the county admin manages report templates'
);

create temp table matrix_expected on commit drop as
select role, domain, action, scope from private.permissions;
grant select on matrix_expected to authenticated;

-- Section: the table is unreadable to users
select tests.authenticate_as('county.admin.a@test');
select throws_ok($$ select 1 from private.permissions $$, '42501', null, 'county admin cannot read private.permissions');
select throws_ok(
  $$ insert into private.permissions values ('county_staff', 'audit', 'read', 'county') $$,
  '42501', null, 'county admin cannot grant itself new permissions'
);
select throws_ok(
  $$ update private.permissions set scope = 'county' where role = 'town_admin' $$,
  '42501', null, 'county admin cannot widen a scope'
);
select throws_ok($$ delete from private.permissions $$, '42501', null, 'county admin cannot delete permissions');

select tests.authenticate_as('town.admin.t1@test');
select throws_ok($$ select 1 from private.permissions $$, '42501', null, 'town admin cannot read private.permissions');
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok($$ select 1 from private.permissions $$, '42501', null, 'village secretary cannot read private.permissions');
select throws_ok(
  $$ insert into private.permissions values ('village_secretary', 'users', 'manage', 'village') $$,
  '42501', null, 'village secretary cannot grant itself user management'
);
select tests.authenticate_as('unit.liaison.provincial@test');
select throws_ok($$ select 1 from private.permissions $$, '42501', null, 'unit liaison cannot read private.permissions');
select tests.authenticate_as('no.role@test');
select throws_ok($$ select 1 from private.permissions $$, '42501', null, 'a user without membership cannot read private.permissions');

-- Section: permission_matrix()
select tests.authenticate_as('village.clerk.v1a@test');
select results_eq(
  $$ select role, domain, action, scope from public.permission_matrix() $$,
  $$ select role, domain, action, scope from matrix_expected order by role, domain, action $$,
  'permission_matrix() returns the whole matrix, ordered, to any signed-in user'
);
select tests.authenticate_as('no.role@test');
select is((select count(*)::int from public.permission_matrix()), 99, 'even to a user without membership');

-- Section: can()
select tests.authenticate_as('county.admin.a@test');
select is(public.can('orgs', 'update', tests.org('V2a')), true, 'county admin A can update a village of its county');
select is(public.can('orgs', 'update', tests.org('VB')), false, 'county admin A cannot update a village of county B');
select is(public.can('users', 'manage', tests.org('T1')), true, 'county admin A manages users of a town of its county');
select is(public.can('audit', 'read', tests.org('V1a')), true, 'county admin A reads the audit of its villages');
select is(public.can('pairings', 'manage', tests.org('VB')), false, 'county admin A cannot manage county B''s pairings');
select is(public.can('orgs', 'read', tests.org('U-prov')), false, 'county admin A holds nothing on a provincial unit');
select is(public.can('no_such_domain', 'read', tests.org('V1a')), false, 'an unknown domain grants nothing');
select is(public.can('reports', 'read', tests.org('V1a')), true, 'county admin A reads the reports of its villages');
select is(public.can('reports', 'review', tests.org('V1a')), false, 'county admin A does not review them (the town does)');
select is(public.can('report_templates', 'manage', tests.org('A')), true, 'county admin A manages its county''s report templates');
select is(public.can('report_templates', 'manage', tests.org('B')), false, 'county admin A does not manage county B''s templates');
select isnt(public.can('orgs', 'read', null), true, 'a null org grants nothing');

select tests.authenticate_as('county.staff.a@test');
select is(public.can('orgs', 'read', tests.org('V1a')), true, 'county staff A reads its villages');
select is(public.can('orgs', 'update', tests.org('V1a')), false, 'county staff A cannot update them');
select is(public.can('audit', 'read', tests.org('A')), false, 'county staff A cannot read the audit');

select tests.authenticate_as('county.admin.b@test');
select is(public.can('orgs', 'read', tests.org('V1a')), false, 'county admin B reads nothing of county A');

select tests.authenticate_as('town.admin.t1@test');
select is(public.can('users', 'manage', tests.org('V1a')), true, 'town admin T1 manages users of its village');
select is(public.can('users', 'manage', tests.org('V2a')), false, 'town admin T1 does not manage users of another town''s village');
select is(public.can('users', 'manage', tests.org('A')), false, 'town admin T1 does not manage users of the county');
select is(public.can('orgs', 'update', tests.org('T1')), true, 'town admin T1 updates its town');
select is(public.can('pairings', 'manage', tests.org('V1a')), false, 'town admin T1 does not manage pairings');

select tests.authenticate_as('town.staff.t2@test');
select is(public.can('orgs', 'read', tests.org('V2a')), true, 'town staff T2 reads its village');
select is(public.can('reports', 'review', tests.org('V2a')), true, 'town staff T2 reviews its village''s reports');
select is(public.can('reports', 'review', tests.org('V1a')), false, 'town staff T2 does not review another town''s village');
select is(public.can('users', 'manage', tests.org('V2a')), false, 'town staff T2 does not manage users');

select tests.authenticate_as('village.secretary.v1a@test');
select is(public.can('orgs', 'update', tests.org('V1a')), true, 'village secretary V1a updates its village');
select is(public.can('orgs', 'update', tests.org('V1b')), false, 'village secretary V1a does not update another village');
select is(public.can('orgs', 'update', tests.org('T1')), false, 'village secretary V1a does not update its town');
select is(public.can('users', 'read', tests.org('V1a')), false, 'village secretary V1a does not read users');
select is(public.can('reports', 'submit', tests.org('V1a')), true, 'village secretary V1a submits its village''s report');
select is(public.can('reports', 'submit', tests.org('V1b')), false, 'village secretary V1a does not submit another village''s report');

select tests.authenticate_as('village.clerk.v1a@test');
select is(public.can('orgs', 'read', tests.org('V1a')), true, 'village clerk V1a reads its village');
select is(public.can('reports', 'update', tests.org('V1a')), true, 'village clerk V1a edits its village''s report');
select is(public.can('reports', 'submit', tests.org('V1a')), false, 'village clerk V1a does not submit it');
select is(public.can('orgs', 'update', tests.org('V1a')), false, 'village clerk V1a does not update it');

select tests.authenticate_as('unit.liaison.county@test');
select is(public.can('orgs', 'read', tests.org('V1a')), true, 'county unit liaison reads its actively paired village');
select is(public.can('orgs', 'read', tests.org('V2a')), false, 'county unit liaison does not read a village paired from tomorrow');
select is(public.can('orgs', 'update', tests.org('V1a')), false, 'county unit liaison does not update its paired village');
select is(public.can('reports', 'read', tests.org('V1a')), false, 'county unit liaison does not read its paired village''s reports');
select is(public.can('visits', 'create', tests.org('U-county')), true, 'county unit liaison records visits as its unit');
select is(public.can('households', 'read', tests.org('V1a')), false, 'county unit liaison does not read its paired village''s households');
select is(public.can('concerns', 'update', tests.org('V1a')), false, 'county unit liaison does not handle its paired village''s cases');

select tests.authenticate_as('unit.liaison.provincial@test');
select is(public.can('orgs', 'read', tests.org('V2a')), true, 'provincial unit liaison reads its paired village in county A');
select is(public.can('pairings', 'read', tests.org('VB')), true, 'provincial unit liaison reads its paired village''s pairings in county B');
select is(public.can('orgs', 'read', tests.org('V1a')), false, 'provincial unit liaison does not read an unpaired village');
select is(public.can('users', 'read', tests.org('V2a')), false, 'provincial unit liaison does not read users of its paired village');

select tests.authenticate_as('unit.liaison.ended@test');
select is(public.can('orgs', 'read', tests.org('V1b')), false, 'unit whose pairing ended yesterday no longer reads the village');
select is(public.can('orgs', 'read', tests.org('U-ended')), true, 'but still reads its own unit');

select tests.authenticate_as('unit.liaison.unpaired@test');
select is(public.can('orgs', 'read', tests.org('V1a')), false, 'unpaired unit liaison reads no village');

select tests.authenticate_as('revoked.secretary.v1b@test');
select is(public.can('orgs', 'read', tests.org('V1b')), false, 'a revoked secretary holds nothing on its former village');

-- Section: my_portals()
select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ select tests.org_key(org_id), org_kind::text, org_name, role::text from public.my_portals() $$,
  $$ values ('A', 'county', '乳源瑶族自治县', 'county_admin') $$,
  'county admin A has one portal: its county'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select results_eq(
  $$ select tests.org_key(org_id), org_kind::text, role::text from public.my_portals() $$,
  $$ values ('U-prov', 'unit', 'unit_liaison') $$,
  'provincial unit liaison has one portal: its unit (not its paired villages)'
);

select tests.clear_authentication();
insert into public.memberships (user_id, org_id, role)
values (tests.user_id('town.admin.t1@test'), tests.org('C1'), 'village_clerk');
select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ select tests.org_key(org_id), role::text from public.my_portals() $$,
  $$ values ('T1', 'town_admin'), ('C1', 'village_clerk') $$,
  'a user with two memberships gets two portals, the higher role first'
);

select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.my_portals() $$, 'a revoked membership is no portal');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.my_portals() $$, 'a user without membership has no portal');

-- Section: anon
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from private.permissions $$, '42501', null, 'anon cannot read private.permissions');
select throws_ok($$ select * from public.permission_matrix() $$, '42501', null, 'anon cannot call permission_matrix()');
select throws_ok($$ select public.can('orgs', 'read', gen_random_uuid()) $$, '42501', null, 'anon cannot call can()');
select throws_ok($$ select * from public.my_portals() $$, '42501', null, 'anon cannot call my_portals()');
select throws_ok(
  $$ select * from private.permitted_org_ids('orgs', 'read') $$, '42501', null, 'anon cannot reach the private helpers'
);
select tests.clear_authentication();

select * from finish();
rollback;
