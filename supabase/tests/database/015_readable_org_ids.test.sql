-- private.readable_org_ids(), the policy helper of orgs, org_closure and report_templates, was
-- rewritten to start from the caller's memberships (migration 20261129000011). It must return what its
-- definition says, for every kind of caller: the ancestors of the orgs the caller may read, and the
-- units paired (ever) with villages whose pairings the caller may read. The reference below is that
-- definition, written directly over permitted_org_ids as the earlier version of the helper was.
begin;
select plan(22);

select tests.create_fixture();

-- Both run as the test's owner with the caller's claims (tests.claims_of): the helpers are security
-- definer and depend on the caller only through auth.uid(), and pgTAP's temporary tables stay readable.
create function tests.readable_as(p_email text) returns setof uuid
language plpgsql set search_path = '' as $$
begin
  perform tests.claims_of(p_email);
  return query select private.readable_org_ids();
end
$$;

create function tests.reference_as(p_email text) returns setof uuid
language plpgsql set search_path = '' as $$
begin
  perform tests.claims_of(p_email);
  return query
  select c.ancestor_id
    from public.org_closure c
   where c.descendant_id in (select private.permitted_org_ids('orgs', 'read'))
  union
  select p.unit_id
    from public.pairings p
   where p.village_id in (select private.permitted_org_ids('pairings', 'read'));
end
$$;

-- Section: every fixture caller

select set_eq(
  format('select tests.readable_as(%L)', u.email),
  format('select tests.reference_as(%L)', u.email),
  u.email || ': readable_org_ids() equals ancestors(permitted orgs) and units paired with permitted pairing villages'
)
  from unnest(array[
    'county.admin.a@test', 'county.staff.a@test', 'county.admin.b@test', 'town.admin.t1@test', 'town.staff.t2@test',
    'village.secretary.v1a@test', 'village.clerk.v1a@test', 'village.secretary.v2a@test', 'village.secretary.b@test',
    'revoked.secretary.v1b@test', 'unit.liaison.county@test', 'unit.liaison.provincial@test',
    'unit.liaison.ended@test', 'unit.liaison.unpaired@test', 'no.role@test'
  ]) as u(email);

-- the sets are not trivially equal: the county administrator reads its subtree, the ancestry and the units
select set_eq(
  $$ select tests.org_key(id) from tests.readable_as('county.admin.a@test') as r(id) $$,
  array['P', 'C', 'A', 'T1', 'T2', 'V1a', 'V1b', 'C1', 'V2a', 'U-county', 'U-ended', 'U-prov'],
  'county admin A: subtree, ancestry, and the provincial unit paired with V2a'
);
select set_eq(
  $$ select tests.org_key(id) from tests.readable_as('unit.liaison.provincial@test') as r(id) $$,
  array['P', 'C', 'A', 'B', 'T2', 'TB', 'V2a', 'VB', 'U-prov', 'U-county'],
  'provincial unit liaison: its unit, the villages paired with it in two counties, their ancestry, and the unit whose pairing with V2a starts tomorrow'
);

-- Section: callers the fixture does not have

-- one user with a county role and a town role in another county
insert into public.memberships (user_id, org_id, role)
values (tests.user_id('county.staff.a@test'), tests.org('TB'), 'town_staff');
select set_eq(
  $$ select tests.readable_as('county.staff.a@test') $$,
  $$ select tests.reference_as('county.staff.a@test') $$,
  'county staff in A and town staff in TB: the union of both scopes'
);

-- a liaison of two units
insert into public.memberships (user_id, org_id, role)
values (tests.user_id('unit.liaison.county@test'), tests.org('U-prov'), 'unit_liaison');
select set_eq(
  $$ select tests.readable_as('unit.liaison.county@test') $$,
  $$ select tests.reference_as('unit.liaison.county@test') $$,
  'liaison of the county unit and the provincial unit: both units'' paired villages'
);

-- a matrix where a role reads orgs over its subtree but pairings only for its own org: the two
-- domains' roots differ, which the helper reads separately
update private.permissions set scope = 'village' where role = 'town_staff' and domain = 'pairings' and action = 'read';
select set_eq(
  $$ select tests.readable_as('town.staff.t2@test') $$,
  $$ select tests.reference_as('town.staff.t2@test') $$,
  'orgs and pairings read over different roots: still the definition'
);
delete from private.permissions where role = 'town_staff' and domain = 'pairings' and action = 'read';
select set_eq(
  $$ select tests.readable_as('town.staff.t2@test') $$,
  $$ select tests.reference_as('town.staff.t2@test') $$,
  'a role that does not read pairings: no paired units'
);
update private.permissions set scope = 'town' where role = 'unit_liaison' and domain = 'orgs' and action = 'read';
select set_eq(
  $$ select tests.readable_as('unit.liaison.provincial@test') $$,
  $$ select tests.reference_as('unit.liaison.provincial@test') $$,
  'a liaison role reading orgs over a subtree: its unit''s subtree and the paired villages'
);

select * from finish();
rollback;
