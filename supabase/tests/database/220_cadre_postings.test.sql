-- public.cadre_postings: who is stationed in which village. The village's scope reads; the paired unit
-- reads its own cadres' postings in its actively paired villages; the county admin posts.
begin;
select plan(20);

select tests.create_fixture();
select tests.create_pairing_fixture();

select tests.authenticate_as('county.admin.a@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-county@V1a', 'cad-U-ended@V1b', 'cad-U-prov-A@V2a', 'cad-A@C1']::text[], 'cadre_postings: county admin A sees the postings in its villages');
select tests.authenticate_as('county.admin.b@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-prov-B@VB']::text[], 'cadre_postings: county admin B sees its village''s posting only');
select tests.authenticate_as('town.admin.t1@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-county@V1a', 'cad-U-ended@V1b', 'cad-A@C1']::text[], 'cadre_postings: town admin T1 sees its villages'' postings (other town: none)');
select tests.authenticate_as('town.staff.t2@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-prov-A@V2a']::text[], 'cadre_postings: town staff T2 sees its village''s posting');
select tests.authenticate_as('village.secretary.v1a@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-county@V1a']::text[], 'cadre_postings: village secretary V1a sees its own village''s posting only');
select tests.authenticate_as('village.secretary.v2a@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-prov-A@V2a']::text[], 'cadre_postings: village secretary V2a sees its village''s posting');
select tests.authenticate_as('unit.liaison.county@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-county@V1a']::text[], 'cadre_postings: the county unit sees its cadre''s posting in its active paired village');
select tests.authenticate_as('unit.liaison.provincial@test');
select set_eq($$ select tests.cadre_name(cadre_id) || '@' || tests.org_key(village_id) from public.cadre_postings $$, array['cad-U-prov-A@V2a', 'cad-U-prov-B@VB']::text[], 'cadre_postings: the provincial unit sees its postings in both counties');
select tests.authenticate_as('unit.liaison.ended@test');
select is_empty($$ select 1 from public.cadre_postings $$, 'cadre_postings: a unit whose pairing ended yesterday sees nothing of that village');
select tests.authenticate_as('unit.liaison.unpaired@test');
select is_empty($$ select 1 from public.cadre_postings $$, 'cadre_postings: an unpaired unit sees no posting');
select tests.authenticate_as('no.role@test');
select is_empty($$ select 1 from public.cadre_postings $$, 'cadre_postings: a user without membership sees no posting');
select tests.authenticate_as('county.admin.a@test');
select lives_ok($$insert into public.cadre_postings (cadre_id, village_id, post, starts_on) values (tests.cadre_id('cad-A'), tests.org('V1b'), 'first_secretary', tests.today())$$, 'county admin A posts a cadre to a village of its county');
select throws_ok($$insert into public.cadre_postings (cadre_id, village_id, post, starts_on) values (tests.cadre_id('cad-B'), tests.org('VB'), 'village_cadre', tests.today())$$, '42501', null, 'county admin A cannot post to county B');
select throws_ok($$insert into public.cadre_postings (cadre_id, village_id, post, starts_on, ends_on) values (tests.cadre_id('cad-A'), tests.org('V1a'), 'village_cadre', tests.today(), tests.today() - 1)$$, '23514', null, 'a posting cannot end before it starts');
select results_eq($$ update public.cadre_postings set ends_on = tests.today() + 30 where village_id = tests.org('V1a') returning tests.cadre_name(cadre_id) $$, array['cad-U-county'], 'county admin A ends a posting');
select throws_ok($$delete from public.cadre_postings$$, '42501', null, 'postings are ended, never deleted');
select tests.authenticate_as('town.admin.t1@test');
select throws_ok($$insert into public.cadre_postings (cadre_id, village_id, post, starts_on) values (tests.cadre_id('cad-A'), tests.org('V1b'), 'village_cadre', tests.today())$$, '42501', null, 'town admin cannot post cadres');
select tests.authenticate_as('unit.liaison.county@test');
select throws_ok($$insert into public.cadre_postings (cadre_id, village_id, post, starts_on) values (tests.cadre_id('cad-U-county'), tests.org('V1a'), 'village_cadre', tests.today())$$, '42501', null, 'a unit liaison cannot post cadres');
select is_empty($$update public.cadre_postings set ends_on = null returning 1$$, 'a unit liaison cannot change postings (0 rows)');
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.cadre_postings $$, '42501', null, 'anon cannot read cadre_postings');
select tests.clear_authentication();

select * from finish();
rollback;
