-- private.sign_in_attempts: the local auth provider's throttle. Only the service path reads and
-- writes it; signed-in users and visitors cannot see or touch it, whatever their role.
begin;
select plan(19);

select tests.create_fixture();

-- Section: the service path
set local role service_role;
select lives_ok(
  $$ insert into private.sign_in_attempts (bucket, succeeded) values
       ('account:village.secretary.v1a@test', false), ('account:village.secretary.v1a@test', false),
       ('ip:203.0.113.7', false), ('account:county.admin.a@test', true) $$,
  'service_role records sign-in attempts'
);
select is(
  (select count(*)::int from private.sign_in_attempts
    where bucket = 'account:village.secretary.v1a@test' and not succeeded and attempted_at > now() - interval '15 minutes'),
  2, 'service_role counts recent failures of an account'
);
select throws_ok(
  $$ insert into private.sign_in_attempts (bucket) values ('village.secretary.v1a@test') $$,
  '23514', null, 'a bucket is account:… or ip:…'
);
select throws_ok(
  $$ update private.sign_in_attempts set succeeded = true $$,
  '42501', null, 'service_role cannot rewrite attempts (append and prune only)'
);
select lives_ok(
  $$ delete from private.sign_in_attempts where attempted_at < now() - interval '1 day' $$,
  'service_role prunes old attempts'
);
reset role;

-- Section: signed-in users, whatever the role
select tests.authenticate_as('county.admin.a@test');
select throws_ok($$ select 1 from private.sign_in_attempts $$, '42501', null, 'county admin cannot read sign-in attempts');
select throws_ok(
  $$ insert into private.sign_in_attempts (bucket) values ('ip:198.51.100.1') $$,
  '42501', null, 'county admin cannot record attempts'
);
select throws_ok(
  $$ delete from private.sign_in_attempts $$, '42501', null, 'county admin cannot clear its failures'
);

select tests.authenticate_as('town.admin.t1@test');
select throws_ok($$ select 1 from private.sign_in_attempts $$, '42501', null, 'town admin cannot read sign-in attempts');

select tests.authenticate_as('village.secretary.v1a@test');
select throws_ok($$ select 1 from private.sign_in_attempts $$, '42501', null, 'village secretary cannot read sign-in attempts');
select throws_ok(
  $$ delete from private.sign_in_attempts where bucket = 'account:village.secretary.v1a@test' $$,
  '42501', null, 'village secretary cannot reset its own lockout'
);
select throws_ok(
  $$ update private.sign_in_attempts set succeeded = true $$, '42501', null, 'village secretary cannot rewrite attempts'
);

select tests.authenticate_as('unit.liaison.provincial@test');
select throws_ok($$ select 1 from private.sign_in_attempts $$, '42501', null, 'unit liaison cannot read sign-in attempts');

select tests.authenticate_as('no.role@test');
select throws_ok($$ select 1 from private.sign_in_attempts $$, '42501', null, 'a user without membership cannot read sign-in attempts');
select throws_ok($$ truncate private.sign_in_attempts $$, '42501', null, 'a user cannot truncate sign-in attempts');

select tests.clear_authentication();

-- Section: anon (the sign-in page itself runs as a visitor: it must go through the service path)
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from private.sign_in_attempts $$, '42501', null, 'anon cannot read sign-in attempts');
select throws_ok(
  $$ insert into private.sign_in_attempts (bucket) values ('ip:198.51.100.1') $$,
  '42501', null, 'anon cannot record attempts'
);
select throws_ok(
  $$ delete from private.sign_in_attempts $$, '42501', null, 'anon cannot clear attempts'
);
select tests.clear_authentication();

select is(
  (select count(*)::int from private.sign_in_attempts), 4,
  'the attempts recorded by the service path are untouched'
);

select * from finish();
rollback;
