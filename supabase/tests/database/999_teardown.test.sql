-- Drops the helpers 000_setup created, so a database the suite ran in (a local Supabase one,
-- under `supabase test db`) keeps no test-only functions callable by authenticated.
begin;
set local client_min_messages = warning;
select plan(1);
drop schema tests cascade;
select hasnt_schema('tests', 'the test helpers are gone');
select * from finish();
commit;
