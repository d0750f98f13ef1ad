-- The scope helpers remember their result for the rest of the transaction (migration 20261129000015):
-- permitted_org_ids, scoped_org_ids and readable_org_ids. A memo must be used while it is valid, so
-- that it saves anything, and never after: not for another caller, not after a write to what the scope
-- is made of (memberships, the permission matrix, the closure, pairings), not after a rolled-back
-- savepoint. Each check below first calls the helper (so that a memo exists), then changes something
-- in the same transaction, then calls it again.
begin;
select plan(21);

select tests.create_fixture();

-- As a user through tests.claims_of (claims only): the test keeps its owner role, so it can write
-- between the calls.
create function tests.permitted_keys(p_email text, p_domain text, p_action text) returns setof text
language plpgsql set search_path = '' as $$
begin
  perform tests.claims_of(p_email);
  return query select tests.org_key(id) from private.permitted_org_ids(p_domain, p_action) as p(id);
end
$$;

create function tests.scoped_keys(p_email text, p_domain text, p_action text) returns setof text
language plpgsql set search_path = '' as $$
begin
  perform tests.claims_of(p_email);
  return query select tests.org_key(id) from private.scoped_org_ids(p_domain, p_action) as p(id);
end
$$;

create function tests.readable_keys(p_email text) returns setof text
language plpgsql set search_path = '' as $$
begin
  perform tests.claims_of(p_email);
  return query select tests.org_key(id) from private.readable_org_ids() as p(id);
end
$$;

-- Section: the memo is used

select set_eq($$ select tests.permitted_keys('village.secretary.v1a@test', 'reports', 'read') $$, array['V1a'],
  'village secretary: the reports of her village');
select ok(current_setting('portal.scope_permitted_reports_read', true) like '%' || tests.org('V1a')::text || '}',
  'the result is remembered for the transaction');
-- a memo carrying the current tag is returned as it is, without asking the tables again
select set_config('portal.scope_permitted_reports_read',
  replace(current_setting('portal.scope_permitted_reports_read'), tests.org('V1a')::text, tests.org('V2a')::text), true);
select set_eq($$ select tests.permitted_keys('village.secretary.v1a@test', 'reports', 'read') $$, array['V2a'],
  'a valid memo is what the helper answers (here one altered by the test, to see it read)');

-- Section: not for another caller

select set_eq($$ select tests.permitted_keys('village.secretary.v2a@test', 'reports', 'read') $$, array['V2a'],
  'another caller in the same transaction: computed for her');
select set_eq($$ select tests.permitted_keys('village.secretary.b@test', 'reports', 'read') $$, array['VB'],
  'and for a third (the memo is tagged with the claims)');
select set_eq($$ select tests.readable_keys('village.secretary.b@test') $$, array['P', 'C', 'B', 'TB', 'VB', 'U-prov'],
  'readable orgs of the Wengyuan village secretary');
select set_eq($$ select tests.readable_keys('village.secretary.v2a@test') $$, array['P', 'C', 'A', 'T2', 'V2a', 'U-prov', 'U-county'],
  'readable orgs of the Yangxi village secretary, asked right after: hers, not the other''s');
-- auth.uid() prefers request.jwt.claim.sub to the claims' sub: a change of that setting alone changes the caller
select set_eq($$ select tests.permitted_keys('village.secretary.v1a@test', 'reports', 'read') $$, array['V1a'],
  'the Gaofeng secretary again: a memo for her');
select set_config('request.jwt.claim.sub', tests.user_id('village.secretary.b@test')::text, true);
select set_eq($$ select tests.org_key(id) from private.permitted_org_ids('reports', 'read') as p(id) $$, array['VB'],
  'the claims of one secretary with the sub setting of another: the other''s villages, as auth.uid() says');

-- Section: writes to what a scope is made of

-- a membership granted in the transaction
select set_eq($$ select tests.scoped_keys('town.staff.t2@test', 'households', 'read') $$, array['T2', 'V2a'],
  'town staff of T2: households read over T2');
insert into public.memberships (user_id, org_id, role) values (tests.user_id('town.staff.t2@test'), tests.org('T1'), 'town_staff');
select set_eq($$ select tests.scoped_keys('town.staff.t2@test', 'households', 'read') $$, array['T2', 'V2a', 'T1', 'V1a', 'V1b', 'C1'],
  'after a grant of T1 in the same transaction: T1''s subtree too');
select set_eq($$ select tests.readable_keys('town.staff.t2@test') $$,
  $$ select tests.org_key(c.ancestor_id) from public.org_closure c where c.descendant_id in (select tests.org(k) from unnest(array['T2', 'V2a', 'T1', 'V1a', 'V1b', 'C1']) k)
     union select unnest(array['U-prov', 'U-county', 'U-ended']) $$,
  'and readable orgs: T1''s subtree, its ancestry and the units paired with its villages');

-- the membership revoked again
update public.memberships set revoked_at = now(), revoked_by = tests.user_id('county.admin.a@test')
 where user_id = tests.user_id('town.staff.t2@test') and org_id = tests.org('T1');
select set_eq($$ select tests.scoped_keys('town.staff.t2@test', 'households', 'read') $$, array['T2', 'V2a'],
  'after the revocation: T2 only');

-- a pairing ended
select set_eq($$ select tests.permitted_keys('unit.liaison.provincial@test', 'visits', 'read') $$, array['U-prov', 'V2a', 'VB'],
  'provincial liaison: its unit and the villages paired with it today');
update public.pairings set starts_on = tests.today() - 31, ends_on = tests.today() - 1
 where id = tests.pairing_id('U-prov', 'VB');
select set_eq($$ select tests.permitted_keys('unit.liaison.provincial@test', 'visits', 'read') $$, array['U-prov', 'V2a'],
  'after its pairing with VB ended: VB is gone');

-- the permission matrix changed
select set_eq($$ select tests.permitted_keys('county.staff.a@test', 'audit', 'read') $$, '{}'::text[],
  'county staff: no audit log');
insert into private.permissions (role, domain, action, scope) values ('county_staff', 'audit', 'read', 'county');
select set_eq($$ select tests.permitted_keys('county.staff.a@test', 'audit', 'read') $$,
  $$ select tests.org_key(descendant_id) from public.org_closure where ancestor_id = tests.org('A') $$,
  'after the matrix grants it: the county''s subtree');

-- the closure changed (a village moved to another town)
select set_eq($$ select tests.scoped_keys('town.admin.t1@test', 'households', 'read') $$, array['T1', 'V1a', 'V1b', 'C1'],
  'town admin of T1: its villages');
update public.orgs set parent_id = tests.org('T2') where id = tests.org('V1b');
select set_eq($$ select tests.scoped_keys('town.admin.t1@test', 'households', 'read') $$, array['T1', 'V1a', 'C1'],
  'after V1b moved to T2: not any more');

-- Section: a rolled-back savepoint

savepoint grant_and_undo;
insert into public.memberships (user_id, org_id, role) values (tests.user_id('village.secretary.b@test'), tests.org('V1a'), 'village_clerk');
select set_eq($$ select tests.permitted_keys('village.secretary.b@test', 'reports', 'read') $$, array['VB', 'V1a'],
  'inside a savepoint, after a grant: both villages');
rollback to savepoint grant_and_undo;
select set_eq($$ select tests.permitted_keys('village.secretary.b@test', 'reports', 'read') $$, array['VB'],
  'after the savepoint is rolled back: the grant and the memo made with it are gone');

select * from finish();
rollback;
