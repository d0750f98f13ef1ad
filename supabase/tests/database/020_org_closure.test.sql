-- public.org_closure: the ancestry table the policies read. A caller sees exactly the ancestry rows
-- of the orgs it may read, nothing else; nobody but the trigger writes it.
begin;
select plan(27);

select tests.create_fixture();

-- Section: maintenance by trigger (as the owner)
select is(
  (select count(*)::int from public.org_closure),
  -- depth+1 rows per org: P 1, C 2, A/B 3, towns 4, villages 5, county units 4, provincial 2, municipal 3
  1 + 2 + 3 * 2 + 4 * 3 + 5 * 5 + 4 * 2 + 2 + 3,
  'the closure holds one row per (ancestor, descendant) pair, self included'
);
select results_eq(
  $$ select tests.org_key(ancestor_id), depth from public.org_closure
      where descendant_id = tests.org('V1a') order by depth $$,
  $$ values ('V1a', 0), ('T1', 1), ('A', 2), ('C', 3), ('P', 4) $$,
  'V1a''s ancestry runs V1a > T1 > A > C > P'
);

-- Section: select, per role
select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'A', 'T1', 'T2', 'V1a', 'V1b', 'C1', 'V2a', 'U-county', 'U-ended', 'U-prov'],
  'county admin A sees the ancestry of exactly the orgs it can read'
);
select is_empty(
  $$ select 1 from public.org_closure where ancestor_id = tests.org('B') or descendant_id = tests.org('VB') $$,
  'county admin A sees no closure row of county B'
);
select is(
  (select count(*)::int from public.org_closure),
  1 + 2 + 3 + 4 * 2 + 5 * 4 + 4 * 2 + 2,
  'county admin A sees every ancestry row of those orgs (44, the provincial unit paired with V2a included)'
);

select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'B', 'TB', 'VB', 'U-prov'],
  'county admin B sees the ancestry of county B''s orgs and of the unit paired with VB only'
);

select tests.authenticate_as('town.admin.t1@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'A', 'T1', 'V1a', 'V1b', 'C1', 'U-county', 'U-ended'],
  'town admin T1 sees the ancestry of its town''s orgs and of the units paired with them'
);
select is_empty(
  $$ select 1 from public.org_closure where descendant_id in (tests.org('T2'), tests.org('V2a')) $$,
  'town admin T1 sees no closure row of town T2'
);

select tests.authenticate_as('town.staff.t2@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'A', 'T2', 'V2a', 'U-county', 'U-prov'],
  'town staff T2 sees the ancestry of its town''s orgs and of the units paired with V2a'
);

select tests.authenticate_as('village.secretary.v1a@test');
select is(
  (select count(*)::int from public.org_closure), 1 + 2 + 3 + 4 + 5 + 4,
  'village secretary V1a sees the 19 ancestry rows of V1a, its ancestors and its paired unit'
);
select is_empty(
  $$ select 1 from public.org_closure where descendant_id not in
       (tests.org('P'), tests.org('C'), tests.org('A'), tests.org('T1'), tests.org('V1a'), tests.org('U-county')) $$,
  'village secretary V1a sees no row about another org'
);

select tests.authenticate_as('village.clerk.v1a@test');
select is((select count(*)::int from public.org_closure), 19, 'village clerk V1a sees the same 19 rows');

select tests.authenticate_as('village.secretary.v2a@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'A', 'T2', 'V2a', 'U-county', 'U-prov'],
  'village secretary V2a sees the ancestry of V2a and of the units paired with it only'
);

select tests.authenticate_as('unit.liaison.county@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'A', 'U-county', 'T1', 'V1a'],
  'county unit liaison sees the ancestry of its unit and of V1a'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'U-prov', 'A', 'T2', 'V2a', 'B', 'TB', 'VB', 'U-county'],
  'provincial unit liaison sees the ancestry of its unit, its two paired villages and the unit co-paired with V2a'
);

select tests.authenticate_as('unit.liaison.ended@test');
select is_empty(
  $$ select 1 from public.org_closure where descendant_id in (tests.org('V1b'), tests.org('T1')) $$,
  'unit whose pairing ended yesterday sees no ancestry row of that village'
);

select tests.authenticate_as('unit.liaison.unpaired@test');
select set_eq(
  $$ select distinct tests.org_key(descendant_id) from public.org_closure $$,
  array['P', 'C', 'U-unpaired'],
  'unpaired unit liaison sees the ancestry of its unit only'
);

select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.org_closure $$, 'a revoked secretary sees no closure row');

select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.org_closure $$, 'a user without membership sees no closure row');

-- Section: writes (only the trigger writes)
select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ insert into public.org_closure (ancestor_id, descendant_id, depth) values (tests.org('A'), tests.org('VB'), 2) $$,
  '42501', null, 'county admin A cannot graft county B''s village into its subtree'
);
select throws_ok(
  $$ update public.org_closure set ancestor_id = tests.org('A') where descendant_id = tests.org('V1a') and depth = 1 $$,
  '42501', null, 'county admin A cannot rewrite ancestry'
);
select throws_ok(
  $$ delete from public.org_closure where descendant_id = tests.org('V1a') $$,
  '42501', null, 'county admin A cannot delete ancestry'
);
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ insert into public.org_closure (ancestor_id, descendant_id, depth) values (tests.org('V1a'), tests.org('V1b'), 1) $$,
  '42501', null, 'village secretary cannot add ancestry rows to widen its scope'
);

select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.org_closure $$, '42501', null, 'anon cannot read the closure');
select tests.clear_authentication();

-- Section: re-parenting on the service path keeps the closure right
set local role service_role;
update public.orgs set parent_id = tests.org('T2') where id = tests.org('V1b');
reset role;
select results_eq(
  $$ select tests.org_key(ancestor_id), depth from public.org_closure
      where descendant_id = tests.org('V1b') order by depth $$,
  $$ values ('V1b', 0), ('T2', 1), ('A', 2), ('C', 3), ('P', 4) $$,
  'moving V1b under T2 rewrites its ancestry'
);
select tests.authenticate_as('town.admin.t1@test');
select is_empty(
  $$ select 1 from public.orgs where id = tests.org('V1b') $$,
  'after the move, town admin T1 no longer sees V1b'
);
select tests.authenticate_as('town.staff.t2@test');
select isnt_empty(
  $$ select 1 from public.orgs where id = tests.org('V1b') $$,
  'after the move, town staff T2 sees V1b'
);
select tests.clear_authentication();

select * from finish();
rollback;
