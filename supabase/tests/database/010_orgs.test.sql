-- public.orgs: who sees which part of the tree, and who may edit which org's profile.
-- Scope rules (DESIGN §3): county roles their county subtree, town roles their town subtree,
-- village roles their village, unit roles their unit and the villages actively paired with it;
-- everyone also sees the ancestry of what they see (names only). Anon sees nothing.
begin;
select plan(59);

select tests.create_fixture();

-- Section: select, per role

select tests.authenticate_as('county.admin.a@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T1', 'T2', 'V1a', 'V1b', 'C1', 'V2a', 'U-county', 'U-ended', 'U-prov'],
  'county admin A sees county A''s subtree (towns, villages, county units), its ancestry and the provincial unit paired with V2a'
);
select is_empty(
  $$ select 1 from public.orgs where id in (tests.org('B'), tests.org('TB'), tests.org('VB')) $$,
  'county admin A sees nothing of county B (other county)'
);
select is_empty(
  $$ select 1 from public.orgs where id = tests.org('U-unpaired') $$,
  'county admin A does not see a unit paired with none of its villages'
);

select tests.authenticate_as('county.staff.a@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T1', 'T2', 'V1a', 'V1b', 'C1', 'V2a', 'U-county', 'U-ended', 'U-prov'],
  'county staff A sees the same subtree as its admin'
);

select tests.authenticate_as('county.admin.b@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'B', 'TB', 'VB', 'U-prov'],
  'county admin B sees county B, its ancestry and the unit paired with VB only'
);

select tests.authenticate_as('town.admin.t1@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T1', 'V1a', 'V1b', 'C1', 'U-county', 'U-ended'],
  'town admin T1 sees its town, its villages and community, the ancestry and the units paired with its villages (ended ones as history)'
);
select is_empty(
  $$ select 1 from public.orgs where id in (tests.org('T2'), tests.org('V2a')) $$,
  'town admin T1 sees nothing of town T2 (other town)'
);

select tests.authenticate_as('town.staff.t2@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T2', 'V2a', 'U-county', 'U-prov'],
  'town staff T2 sees its town and village, the ancestry and the units paired with V2a'
);

select tests.authenticate_as('village.secretary.v1a@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T1', 'V1a', 'U-county'],
  'village secretary V1a sees its village, the ancestry and its paired unit only'
);
select is_empty(
  $$ select 1 from public.orgs where id in (tests.org('V1b'), tests.org('C1')) $$,
  'village secretary V1a sees nothing of the other villages of its town'
);

select tests.authenticate_as('village.clerk.v1a@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T1', 'V1a', 'U-county'],
  'village clerk V1a sees its village, the ancestry and its paired unit only'
);

select tests.authenticate_as('village.secretary.v2a@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'T2', 'V2a', 'U-county', 'U-prov'],
  'village secretary V2a sees its village, the ancestry and the units paired with it only'
);

select tests.authenticate_as('unit.liaison.county@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'U-county', 'T1', 'V1a'],
  'county unit liaison sees its unit and V1a (active pairing), with their ancestry'
);
select is_empty(
  $$ select 1 from public.orgs where id = tests.org('V2a') $$,
  'county unit liaison does not see V2a yet: that pairing starts tomorrow'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'U-prov', 'A', 'T2', 'V2a', 'B', 'TB', 'VB', 'U-county'],
  'provincial unit liaison sees its unit, its paired villages in two counties with their ancestry, and the unit co-paired with V2a'
);
select set_eq(
  $$ select tests.org_key(id) from public.orgs where kind in ('village', 'community') $$,
  array['V2a', 'VB'],
  'provincial unit liaison sees exactly the two paired villages (one starting today)'
);

select tests.authenticate_as('unit.liaison.ended@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'A', 'U-ended'],
  'unit whose pairing ended yesterday sees only its unit and the unit''s ancestry'
);
select is_empty(
  $$ select 1 from public.orgs where id in (tests.org('V1b'), tests.org('T1')) $$,
  'unit whose pairing ended yesterday sees nothing of that village or its town'
);

select tests.authenticate_as('unit.liaison.unpaired@test');
select set_eq(
  $$ select tests.org_key(id) from public.orgs $$,
  array['P', 'C', 'U-unpaired'],
  'unpaired unit liaison sees its unit and the unit''s ancestry, no village'
);

select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty($$ select 1 from public.orgs $$, 'a revoked village secretary sees nothing');

select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.orgs $$, 'a user without membership sees nothing');

select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.orgs $$, '42501', null, 'anon cannot read orgs');
select throws_ok(
  $$ update public.orgs set households = 1 $$, '42501', null, 'anon cannot update orgs'
);
select tests.clear_authentication();

-- Section: update (profile columns, RLS decides the rows)

select tests.authenticate_as('village.secretary.v1a@test');
select results_eq(
  $$ update public.orgs set households = 430, secretary_phone = '0751-5321234'
      where id = tests.org('V1a') returning tests.org_key(id) $$,
  array['V1a'],
  'village secretary V1a updates its own village profile'
);
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('V1b') returning id $$,
  'village secretary V1a cannot update another village of its town (0 rows)'
);
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('V2a') returning id $$,
  'village secretary V1a cannot update a village of another town (0 rows)'
);
select is_empty(
  $$ update public.orgs set secretary_name = 'x' where id = tests.org('T1') returning id $$,
  'village secretary V1a cannot update its town (0 rows)'
);
select throws_ok(
  $$ update public.orgs set name = 'Renamed' where id = tests.org('V1a') $$,
  '42501', null, 'village secretary V1a cannot rename its village (names change on the service path)'
);
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('VB') returning id $$,
  'village secretary V1a cannot update a village of another county (0 rows)'
);
select throws_ok(
  $$ update public.orgs set parent_id = tests.org('T2') where id = tests.org('V1a') $$,
  '42501', null, 'village secretary V1a cannot re-parent its village into another town'
);
select throws_ok(
  $$ update public.orgs set code = '440232100299' where id = tests.org('V1a') $$,
  '42501', null, 'village secretary V1a cannot change its village''s statistical code'
);
select throws_ok(
  $$ update public.orgs set is_active = false where id = tests.org('V1a') $$,
  '42501', null, 'village secretary V1a cannot deactivate its village'
);

select tests.authenticate_as('village.clerk.v1a@test');
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('V1a') returning id $$,
  'village clerk V1a cannot update its village (0 rows: no update permission)'
);

select tests.authenticate_as('town.admin.t1@test');
select results_eq(
  $$ update public.orgs set population = population + 1
      where id in (tests.org('V1b'), tests.org('T2'), tests.org('V2a'), tests.org('A'))
      returning tests.org_key(id) $$,
  $$ values ('V1b') $$,
  'town admin T1 updates its village, not town T2, its village or the county'
);
select throws_ok(
  $$ update public.orgs set name_en = 'Rucheng' where id = tests.org('T1') $$,
  '42501', null, 'town admin T1 cannot rename its town (names change on the service path)'
);
select throws_ok(
  $$ update public.orgs set parent_id = tests.org('T2') where id = tests.org('V1b') $$,
  '42501', null, 'town admin T1 cannot move a village to another town'
);

select tests.authenticate_as('town.staff.t2@test');
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('V2a') returning id $$,
  'town staff T2 cannot update its village (0 rows)'
);

select tests.authenticate_as('county.admin.a@test');
select results_eq(
  $$ update public.orgs set secretary_name = secretary_name where id in (tests.org('V2a'), tests.org('VB'), tests.org('C'))
      returning tests.org_key(id) $$,
  array['V2a'],
  'county admin A updates a village of its county, not county B''s village nor the city'
);
select throws_ok(
  $$ update public.orgs set name_en = 'Ruyuan County Finance' where id = tests.org('U-county') $$,
  '42501', null, 'county admin A cannot rename a unit in the app (names change on the service path)'
);

select tests.authenticate_as('county.staff.a@test');
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('V1a') returning id $$,
  'county staff A cannot update orgs (0 rows)'
);

select tests.authenticate_as('county.admin.b@test');
select is_empty(
  $$ update public.orgs set households = 1 where id in (tests.org('V1a'), tests.org('A')) returning id $$,
  'county admin B cannot update county A''s orgs (0 rows)'
);

select tests.authenticate_as('unit.liaison.county@test');
select is_empty(
  $$ update public.orgs set households = 1 where id in (tests.org('V1a'), tests.org('U-county')) returning id $$,
  'county unit liaison cannot update its paired village nor its unit (read-only)'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select is_empty(
  $$ update public.orgs set households = 1 where id in (tests.org('V2a'), tests.org('VB')) returning id $$,
  'provincial unit liaison cannot update its paired villages'
);

select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty(
  $$ update public.orgs set households = 1 returning id $$,
  'unpaired unit liaison updates nothing'
);

select tests.authenticate_as('revoked.secretary.v1b@test');
select is_empty(
  $$ update public.orgs set households = 1 where id = tests.org('V1b') returning id $$,
  'a revoked village secretary cannot update its former village'
);

select tests.clear_authentication();
select results_eq(
  $$ select households, secretary_phone from public.orgs where id = tests.org('V1a') $$,
  $$ values (430, '0751-5321234'::text) $$,
  'the secretary''s edit of V1a is stored'
);
select is_empty(
  $$ select 1 from public.orgs where households = 1 or name_en in ('x', 'Renamed') $$,
  'none of the denied updates changed a row'
);
select set_eq(
  $$ select tests.org_key(id) as org, tests.org_key(parent_id) as parent from public.orgs where code like '4402321002%' $$,
  $$ values ('V1a', 'T1'), ('V1b', 'T1') $$,
  'V1a and V1b still sit under T1'
);

-- Section: insert and delete (the tree is provisioned on the service path)

select tests.authenticate_as('county.admin.a@test');
select throws_ok(
  $$ insert into public.orgs (kind, parent_id, code, name) values ('village', tests.org('T1'), '440232100203', '新村') $$,
  '42501', null, 'county admin A cannot insert an org'
);
select throws_ok(
  $$ delete from public.orgs where id = tests.org('C1') $$,
  '42501', null, 'county admin A cannot delete an org'
);
select tests.authenticate_as('town.admin.t1@test');
select throws_ok(
  $$ insert into public.orgs (kind, parent_id, code, name) values ('village', tests.org('T1'), '440232100203', '新村') $$,
  '42501', null, 'town admin T1 cannot insert a village'
);
select throws_ok(
  $$ delete from public.orgs where id = tests.org('V1b') $$,
  '42501', null, 'town admin T1 cannot delete a village'
);
select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok(
  $$ delete from public.orgs where id = tests.org('V1a') $$,
  '42501', null, 'village secretary cannot delete its village'
);
select tests.authenticate_as('unit.liaison.provincial@test');
select throws_ok(
  $$ insert into public.orgs (kind, parent_id, code, name, unit_level, unit_type)
     values ('unit', tests.org('P'), 'UNIT-X', '某单位', 'provincial', 'agency') $$,
  '42501', null, 'unit liaison cannot insert an org'
);
select tests.clear_authentication();

-- Section: service_role (the service path) bypasses RLS but still obeys the tree's constraints
set local role service_role;
select lives_ok(
  $$ insert into public.orgs (kind, parent_id, code, name) values ('village', tests.org('T1'), '440232100203', '新村') $$,
  'service_role provisions a village'
);
select throws_ok(
  $$ insert into public.orgs (kind, parent_id, code, name) values ('village', tests.org('A'), '440232100204', '错村') $$,
  '23514', null, 'a village cannot sit directly under a county'
);
select throws_ok(
  $$ insert into public.orgs (kind, parent_id, code, name) values ('village', tests.org('T1'), '4402321002', '短码村') $$,
  '23514', null, 'a village carries a 12-digit code'
);
select throws_ok(
  $$ insert into public.orgs (kind, parent_id, code, name, unit_level, unit_type)
     values ('unit', tests.org('A'), 'UNIT-Y', '某单位', 'provincial', 'agency') $$,
  '23514', null, 'a provincial unit cannot sit under a county'
);
reset role;

-- Section: functions a caller could reach directly
select tests.authenticate_as('village.secretary.v1a@test');
select set_eq(
  $$ select tests.org_key(x) from private.readable_org_ids() x $$,
  array['P', 'C', 'A', 'T1', 'V1a', 'U-county'],
  'private.readable_org_ids() called directly returns only the caller''s own scope'
);
select tests.clear_authentication();

select * from finish();
rollback;
