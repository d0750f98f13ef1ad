-- public.audit_log: triggers on orgs, memberships and pairings write one row per change with the
-- acting user; the county admin of the row's county reads it; nobody rewrites it, not even the
-- table owner.
begin;
select plan(42);

select tests.create_fixture();

-- Section: the fixture itself was audited (service path: no actor)
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.orgs' and op = 'INSERT'), 16,
  'each org insert wrote an audit row'
);
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.memberships'), 14 + 1,
  'each membership insert and the fixture''s revoke wrote an audit row'
);
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.pairings' and op = 'INSERT'), 5,
  'each pairing insert wrote an audit row'
);
select is_empty(
  $$ select 1 from public.audit_log where actor_id is not null $$,
  'changes on the service path carry no actor'
);

-- Section: changes made as users are attributed to them
select tests.authenticate_as('village.secretary.v1a@test');
update public.orgs set households = 433 where id = tests.org('V1a');
update public.orgs set households = households where id = tests.org('V1a');  -- no change: no audit row

select tests.authenticate_as('town.admin.t1@test');
insert into public.memberships (user_id, org_id, role, created_by)
values (tests.user_id('no.role@test'), tests.org('V1b'), 'village_clerk', (select auth.uid()));
update public.memberships set revoked_at = now(), revoked_by = (select auth.uid())
 where id = tests.membership_id('village.clerk.v1a@test', 'village_clerk');

select tests.authenticate_as('county.admin.a@test');
insert into public.pairings (unit_id, village_id, starts_on) values (tests.org('U-unpaired'), tests.org('C1'), tests.today());
update public.pairings set ends_on = tests.today() + 30 where id = tests.pairing_id('U-county', 'V1a');
-- pairings are ended, not deleted; the service path may still delete one
select tests.clear_authentication();
delete from public.pairings where id = tests.pairing_id('U-ended', 'V1b');

select tests.authenticate_as('county.admin.b@test');
update public.orgs set population = 2020 where id = tests.org('VB');

select tests.clear_authentication();

select results_eq(
  $$ select tests.email(actor_id), actor_role, op, old_row ->> 'households', new_row ->> 'households'
       from public.audit_log where table_name = 'public.orgs' and row_id = tests.org('V1a')::text and op = 'UPDATE' $$,
  $$ values ('village.secretary.v1a@test', 'authenticated', 'UPDATE', '420', '433') $$,
  'the secretary''s edit of V1a is audited once, with actor, before and after (the no-op update is not)'
);
select results_eq(
  $$ select tests.email(actor_id), op, tests.org_key(org_id), new_row ->> 'role'
       from public.audit_log
      where table_name = 'public.memberships' and actor_id is not null and op = 'INSERT' $$,
  $$ values ('town.admin.t1@test', 'INSERT', 'V1b', 'village_clerk') $$,
  'the town admin''s grant is audited under the village'
);
select results_eq(
  $$ select tests.email(actor_id), tests.org_key(org_id), old_row ->> 'revoked_at' is null, tests.email((new_row ->> 'revoked_by')::uuid)
       from public.audit_log
      where table_name = 'public.memberships' and actor_id is not null and op = 'UPDATE' $$,
  $$ values ('town.admin.t1@test', 'V1a', true, 'town.admin.t1@test') $$,
  'the town admin''s revoke is audited with before and after'
);
select set_eq(
  $$ select op || ' ' || tests.org_key(org_id) || ' ' || tests.email(actor_id)
       from public.audit_log where table_name = 'public.pairings' and actor_id is not null $$,
  array['INSERT C1 county.admin.a@test', 'UPDATE V1a county.admin.a@test'],
  'pairing changes are audited under the village, by the county admin'
);
select results_eq(
  $$ select new_row is null, old_row ->> 'unit_id' from public.audit_log
      where table_name = 'public.pairings' and op = 'DELETE' $$,
  $$ values (true, tests.org('U-ended')::text) $$,
  'a delete keeps the old row'
);

-- what each county admin should read: the rows of its county's subtree
create temp table audit_expected on commit drop as
select c.ancestor_id as county_id, a.id
  from public.audit_log a
  join public.org_closure c on c.descendant_id = a.org_id
 where c.ancestor_id in (tests.org('A'), tests.org('B'));
grant select on audit_expected to authenticated;

-- Section: read
select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select id from public.audit_log $$,
  $$ select id from audit_expected where county_id = tests.org('A') $$,
  'county admin A reads exactly the audit rows of county A''s subtree'
);
select isnt_empty(
  $$ select 1 from public.audit_log where row_id = tests.org('V1a')::text and op = 'UPDATE' $$,
  'county admin A reads the secretary''s edit'
);
select is_empty(
  $$ select 1 from public.audit_log where org_id in (tests.org('B'), tests.org('TB'), tests.org('VB')) $$,
  'county admin A reads nothing of county B (other county)'
);
select is_empty(
  $$ select 1 from public.audit_log where org_id = tests.org('U-prov') $$,
  'county admin A does not read the audit of the provincial unit paired with its village'
);

select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select id from public.audit_log $$,
  $$ select id from audit_expected where county_id = tests.org('B') $$,
  'county admin B reads exactly the audit rows of county B''s subtree'
);
select isnt_empty(
  $$ select 1 from public.audit_log where row_id = tests.org('VB')::text and tests.email(actor_id) = 'county.admin.b@test' $$,
  'county admin B reads its own edit'
);

select tests.authenticate_as('county.staff.a@test');
select is_empty($$ select 1 from public.audit_log $$, 'county staff cannot read the audit');
select tests.authenticate_as('town.admin.t1@test');
select is_empty($$ select 1 from public.audit_log $$, 'town admin cannot read the audit, not even of its own grants');
select tests.authenticate_as('town.staff.t2@test');
select is_empty($$ select 1 from public.audit_log $$, 'town staff cannot read the audit');
select tests.authenticate_as('village.secretary.v1a@test');
select is_empty($$ select 1 from public.audit_log $$, 'village secretary cannot read the audit of its own edit');
select tests.authenticate_as('village.clerk.v1a@test');
select is_empty($$ select 1 from public.audit_log $$, 'village clerk cannot read the audit');
select tests.authenticate_as('unit.liaison.county@test');
select is_empty($$ select 1 from public.audit_log $$, 'county unit liaison cannot read the audit');
select tests.authenticate_as('unit.liaison.provincial@test');
select is_empty($$ select 1 from public.audit_log $$, 'provincial unit liaison cannot read the audit');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.audit_log $$, 'ended-pairing unit liaison cannot read the audit');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.audit_log $$, 'unpaired unit liaison cannot read the audit');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.audit_log $$, 'a user without membership cannot read the audit');

-- Section: nobody writes or rewrites it through the app role
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ insert into public.audit_log (table_name, op, org_id) values ('public.orgs', 'DELETE', tests.org('V1a')) $$,
  '42501', null, 'county admin A cannot forge an audit row'
);
select throws_ok(
  $$ update public.audit_log set actor_id = null $$, '42501', null, 'county admin A cannot rewrite audit rows'
);
select throws_ok($$ delete from public.audit_log $$, '42501', null, 'county admin A cannot delete audit rows');
select throws_ok($$ truncate public.audit_log $$, '42501', null, 'county admin A cannot truncate the audit');

select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ update public.audit_log set new_row = null where actor_id = (select auth.uid()) $$,
  '42501', null, 'a secretary cannot erase the trace of its own edit'
);

select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.audit_log $$, '42501', null, 'anon cannot read the audit');
select throws_ok(
  $$ insert into public.audit_log (table_name, op) values ('x', 'INSERT') $$, '42501', null, 'anon cannot write the audit'
);
select tests.clear_authentication();

-- Section: not even the service path or the table owner rewrites history
set local role service_role;
select throws_ok($$ update public.audit_log set actor_id = null $$, '42501', null, 'service_role cannot update audit rows');
select throws_ok($$ delete from public.audit_log $$, '42501', null, 'service_role cannot delete audit rows');
select throws_ok($$ truncate public.audit_log $$, '42501', null, 'service_role cannot truncate the audit');
select lives_ok(
  $$ insert into public.audit_log (table_name, op) values ('service.job', 'INSERT') $$,
  'service_role may append (scheduled jobs log their own work)'
);
reset role;

select throws_ok(
  $$ update public.audit_log set actor_id = null $$, '42501', 'the audit log is append-only',
  'the table owner cannot update audit rows'
);
select throws_ok(
  $$ delete from public.audit_log $$, '42501', 'the audit log is append-only',
  'the table owner cannot delete audit rows'
);
select throws_ok(
  $$ truncate public.audit_log $$, '42501', 'the audit log is append-only',
  'the table owner cannot truncate the audit'
);
select is(
  (select count(*)::int from public.audit_log where tests.email(actor_id) is not null), 6,
  'all six attributed rows are still there'
);

-- Section: the trigger function is not callable by users
select ok(
  not has_function_privilege('authenticated', 'private.audit_row()', 'execute')
  and not has_function_privilege('anon', 'private.audit_row()', 'execute'),
  'users cannot call the audit trigger function'
);
select ok(
  not has_table_privilege('authenticated', 'public.audit_log', 'insert, update, delete, truncate'),
  'authenticated holds no write privilege on the audit'
);

select * from finish();
rollback;
