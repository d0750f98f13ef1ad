-- Schema-wide invariants for every table, policy and function in our schemas (public, private).
-- They hold for today's tables and every domain slice added later: a new table without RLS, a
-- policy that calls auth.uid() per row, a security definer function with a mutable search_path
-- or an unindexed foreign key fails here before it reaches a review. Extension objects are ours
-- to ignore. Each assertion lists the offenders when it fails.
begin;
-- policy text is printed relative to the search_path: keep auth and private off it so calls show qualified
set local search_path = public, extensions;
select plan(29);

create temp view our_tables as
select c.oid, n.nspname as schema_name, c.relname as table_name, c.relrowsecurity
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname in ('public', 'private')
   and c.relkind in ('r', 'p')
   and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e');

create temp view our_functions as
select p.oid, n.nspname as schema_name, p.proname, p.prosecdef, p.proconfig,
       p.oid::regprocedure::text as signature
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
 where n.nspname in ('public', 'private')
   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e');

create temp view our_policies as
select schemaname, tablename, policyname, permissive, roles, cmd,
       coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
  from pg_policies
 where schemaname in ('public', 'private');

-- Section: row-level security
select isnt_empty($$ select 1 from our_tables $$, 'there are tables to check');
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables where not relrowsecurity $$,
  'every table in public and private has RLS enabled'
);
select is_empty(
  $$ select schemaname || '.' || tablename || ': ' || policyname from our_policies
      where not (roles <@ array['authenticated', 'anon']::name[]) $$,
  'every policy names its role: to authenticated (or anon explicitly), never public'
);
select is_empty(
  $$ select schemaname || '.' || tablename || ': ' || policyname from our_policies
      where expr ~* '(?<!select )auth\.(uid|jwt|role|email)\(\)' $$,
  'no policy calls auth.uid()/jwt()/role()/email() unwrapped: always (select auth.fn()), evaluated once'
);
select is_empty(
  $$ select schemaname || '.' || tablename || ': ' || policyname from our_policies
      where expr ~* '(?<!select |from )private\.\w+\(' $$,
  'no policy calls a private helper unwrapped: always in (select private.fn()) or in (select ... from private.fn())'
);
select is_empty(
  $$ select schemaname || '.' || tablename || ': ' || policyname from our_policies
      where expr ~* 'user_metadata|raw_user_meta_data|current_setting' $$,
  'no policy reads user_metadata or raw settings (authorization comes from tables)'
);
select is_empty(
  $$ select schemaname || '.' || tablename || ' ' || cmd || ' ' || r
       from our_policies, unnest(roles) r
      where permissive = 'PERMISSIVE'
      group by schemaname, tablename, cmd, r
     having count(*) > 1 $$,
  'one permissive policy per table, operation and role'
);
select is_empty(
  $$ select schemaname || '.' || tablename || ': ' || policyname from our_policies where cmd = 'ALL' $$,
  'one policy per operation: no FOR ALL policies'
);

-- Section: functions
select is_empty(
  $$ select signature from our_functions
      where prosecdef and not exists (select 1 from unnest(proconfig) c where c like 'search_path=%') $$,
  'every security definer function pins its search_path'
);
select is_empty(
  $$ select signature from our_functions
      where prosecdef and not ('search_path=""' = any (coalesce(proconfig, '{}'))) $$,
  'every security definer function runs with search_path = '''' (fully qualified names)'
);
select is_empty(
  $$ select signature from our_functions
      where not exists (select 1 from unnest(proconfig) c where c like 'search_path=%') $$,
  'every function in public and private pins its search_path (splinter: function_search_path_mutable)'
);
select is_empty(
  $$ select signature from our_functions where has_function_privilege('anon', oid, 'execute') $$,
  'anon can execute no function of ours'
);
select set_eq(
  $$ select signature from our_functions
      where schema_name = 'public' and has_function_privilege('authenticated', oid, 'execute') $$,
  array['my_portals()', 'permission_matrix()', 'can(text,text,uuid)',
        'submit_monthly_report(uuid,integer)', 'review_monthly_report(uuid,text,text)',
        'reopen_monthly_report(uuid,text)', 'report_completeness(uuid,date,date)',
        'unit_household_pairs(uuid)', 'advance_concern_case(uuid,case_state,text,text,date)', 'pairing_figures(uuid)',
        'may_change_user_activity(uuid)'],
  'authenticated can execute exactly the public API functions in public'
);
select ok(
  not has_schema_privilege('anon', 'private', 'usage'),
  'anon has no usage on the private schema'
);

-- Section: privileges
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables
      where has_table_privilege('anon', oid, 'select, insert, update, delete, truncate, references, trigger')
         or has_any_column_privilege('anon', oid, 'select, insert, update, references') $$,
  'anon holds no privilege on any of our tables'
);
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables
      where has_table_privilege('authenticated', oid, 'truncate, references, trigger') $$,
  'authenticated holds no truncate, references or trigger privilege (truncate ignores RLS)'
);
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables
      where schema_name = 'private' and has_any_column_privilege('authenticated', oid, 'select, insert, update') $$,
  'authenticated holds no privilege on private tables'
);
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables
      where table_name in ('memberships', 'audit_log', 'orgs', 'profiles', 'org_closure')
        and has_table_privilege('authenticated', oid, 'delete') $$,
  'authenticated cannot delete orgs, closure rows, profiles, memberships or audit rows'
);
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables
      where table_name in ('report_templates', 'monthly_reports', 'report_transitions')
        and has_table_privilege('authenticated', oid, 'delete') $$,
  'authenticated cannot delete report templates, monthly reports or their history'
);
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables
      where table_name in ('pairings', 'cadres', 'cadre_postings', 'households', 'household_pairs', 'pairing_activities',
                           'visits', 'concern_files', 'opinions', 'concern_cases', 'concern_case_events')
        and has_table_privilege('authenticated', oid, 'delete') $$,
  'authenticated cannot delete pairing records: history is kept (a pairing or posting is ended, a record corrected by a new one)'
);
select is_empty(
  $$ select t from unnest(array['pairing_activities', 'visits', 'concern_cases', 'concern_case_events']) t
      where has_any_column_privilege('authenticated', ('public.' || t)::regclass, 'update') $$,
  'authenticated updates no activity, visit, case or case event: cases move through advance_concern_case() only'
);
select is_empty(
  $$ select 'public.concern_case_events' where has_any_column_privilege('authenticated', 'public.concern_case_events', 'insert') $$,
  'authenticated cannot write case history: only advance_concern_case() and the insert trigger do'
);
select set_eq(
  $$ select a.attname::text from pg_attribute a
      where a.attrelid = 'public.monthly_reports'::regclass and a.attnum > 0 and not a.attisdropped
        and has_column_privilege('authenticated', a.attrelid, a.attnum, 'update') $$,
  array['values', 'comments'],
  'authenticated updates only the values and comments of a monthly report: state and workflow columns change through the workflow functions'
);
select is_empty(
  $$ select 'public.report_transitions' where has_table_privilege('authenticated', 'public.report_transitions', 'insert, update, delete')
              or has_any_column_privilege('authenticated', 'public.report_transitions', 'insert, update') $$,
  'authenticated cannot write report history: only the workflow functions do'
);

-- Section: indexes
select is_empty(
  $$ select c.conrelid::regclass::text || ' (' || c.conname || ')'
       from pg_constraint c
       join our_tables t on t.oid = c.conrelid
      where c.contype = 'f'
        and not exists (
          select 1 from pg_index i
           where i.indrelid = c.conrelid
             and i.indisvalid
             and i.indpred is null  -- a partial index does not serve every row the key covers
             and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
             and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey
        ) $$,
  'every foreign key has an index leading with its columns'
);

-- Section: views
select is_empty(
  $$ select n.nspname || '.' || c.relname
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'private') and c.relkind in ('v', 'm')
        and not coalesce('security_invoker=true' = any (c.reloptions), false)
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e') $$,
  'no view runs with its owner''s rights (splinter: security_definer_view)'
);

-- Section: audit and documentation
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables t
      where schema_name = 'public'
        and table_name not in ('audit_log', 'org_closure', 'profiles')  -- the log itself, derived rows, directory
        and not exists (
          select 1 from pg_trigger tg
           where tg.tgrelid = t.oid and not tg.tgisinternal
             and tg.tgfoid = 'private.audit_row()'::regprocedure
             and tg.tgtype & (4 | 8 | 16) = (4 | 8 | 16)  -- insert, delete and update
        ) $$,
  'every domain table in public has the audit trigger for insert, update and delete'
);
select set_eq(
  $$ select c.relname::text from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
      where c.relnamespace = 'public'::regnamespace and not tg.tgisinternal
        and tg.tgfoid = 'private.audit_row()'::regprocedure
        and c.relname in ('report_templates', 'monthly_reports', 'report_transitions') $$,
  array['report_templates', 'monthly_reports', 'report_transitions'],
  'the monthly-report tables are audited, the append-only history included'
);
select is_empty(
  $$ select schema_name || '.' || table_name from our_tables where obj_description(oid, 'pg_class') is null $$,
  'every table says what it holds (comment on table)'
);

select * from finish();
rollback;
