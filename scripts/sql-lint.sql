-- The Supabase database linter (splinter, github.com/supabase/splinter) lints we hold ourselves to,
-- as one query for plain Postgres and PGlite: one row per finding, no row when the schema is clean.
-- DESIGN §3: splinter must report no security or performance finding for our schemas.
--
--   psql -X -q -A -t -f scripts/sql-lint.sql "$DATABASE_URL"      (supabase/tests/run.sh runs it)
--
-- Columns: name (splinter's lint name), level, object, detail. Where we are stricter than splinter
-- the lint says so. Schemas Supabase manages (auth, storage, extensions, ...) are skipped as splinter
-- skips them; so is the pgTAP helpers' schema, tests.

-- qual/with_check text must show schema-qualified calls (auth.uid(), not uid()): lint with an empty path
set search_path = '';

with
skipped_schemas(nspname) as (
  values ('pg_catalog'), ('information_schema'), ('pg_toast'), ('auth'), ('storage'), ('extensions'),
         ('graphql'), ('graphql_public'), ('realtime'), ('vault'), ('pgsodium'), ('pgsodium_masks'),
         ('net'), ('cron'), ('pgbouncer'), ('supabase_functions'), ('supabase_migrations'), ('tests')
),
ours as (
  select n.oid, n.nspname
    from pg_catalog.pg_namespace n
   where n.nspname not in (select nspname from skipped_schemas)
     and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
),
extension_objects as (
  select d.objid from pg_catalog.pg_depend d where d.deptype = 'e'
),
policies as (
  select n.nspname as schema_name, c.relname as table_name, c.relrowsecurity, p.polname, p.polpermissive,
         p.polroles, p.polcmd,
         coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') as qual,
         coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') as with_check
    from pg_catalog.pg_policy p
    join pg_catalog.pg_class c on c.oid = p.polrelid
    join ours n on n.oid = c.relnamespace
),
findings(name, level, object, detail) as (

  -- 0013 rls_disabled_in_public (ERROR): a table the API exposes without row-level security
  select 'rls_disabled_in_public', 'ERROR', n.nspname || '.' || c.relname,
         'RLS is not enabled on a table in public'
    from pg_catalog.pg_class c
    join ours n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity

  union all
  -- 0003 auth_rls_initplan (WARN): auth.<fn>() evaluated per row instead of once, via (select auth.<fn>()).
  -- Stricter than splinter: every call must be wrapped, not just one of them.
  select 'auth_rls_initplan', 'WARN', schema_name || '.' || table_name || ' / ' || polname,
         'policy calls auth.uid()/jwt()/role()/email() outside (select ...)'
    from policies
   where relrowsecurity
     and (qual ~* '(?<!select )auth\.(uid|jwt|role|email)\(\)' or with_check ~* '(?<!select )auth\.(uid|jwt|role|email)\(\)')

  union all
  -- 0011 function_search_path_mutable (WARN): a function whose search_path the caller decides
  select 'function_search_path_mutable', 'WARN', p.oid::regprocedure::text,  -- schema-qualified: search_path is ''
         case when p.prosecdef then 'security definer function without set search_path'
              else 'function without set search_path' end
    from pg_catalog.pg_proc p
    join ours n on n.oid = p.pronamespace
   where p.oid not in (select objid from extension_objects)
     and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')

  union all
  -- 0010 security_definer_view (ERROR): a view users can select that runs with its owner's rights
  select 'security_definer_view', 'ERROR', n.nspname || '.' || c.relname,
         'view readable by anon/authenticated without security_invoker = true: it bypasses RLS'
    from pg_catalog.pg_class c
    join ours n on n.oid = c.relnamespace
   where c.relkind = 'v'
     and c.oid not in (select objid from extension_objects)
     and (pg_catalog.has_table_privilege('anon', c.oid, 'select')
          or pg_catalog.has_table_privilege('authenticated', c.oid, 'select'))
     and not (lower(coalesce(c.reloptions::text, '{}'))::text[]
              && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])

  union all
  -- 0006 multiple_permissive_policies (WARN): several permissive policies for one table, role and action
  select 'multiple_permissive_policies', 'WARN', p.schema_name || '.' || p.table_name || ' / ' || r.rolname || ' ' || act.cmd,
         'permissive policies: ' || string_agg(p.polname, ', ' order by p.polname)
    from policies p
    join pg_catalog.pg_roles r on p.polroles @> array[r.oid] or p.polroles = array[0::oid]
    cross join lateral unnest(case p.polcmd
                                when 'r' then array['SELECT'] when 'a' then array['INSERT']
                                when 'w' then array['UPDATE'] when 'd' then array['DELETE']
                                else array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] end) act(cmd)
   where p.polpermissive
     and r.rolname not like 'pg\_%' and r.rolname not like 'supabase%admin'
     and not r.rolbypassrls
   group by p.schema_name, p.table_name, r.rolname, act.cmd
  having count(*) > 1

  union all
  -- 0001 unindexed_foreign_keys (INFO): a foreign key with no index leading with its columns
  select 'unindexed_foreign_keys', 'INFO', n.nspname || '.' || c.relname || ' / ' || ct.conname,
         'foreign key without a covering index'
    from pg_catalog.pg_constraint ct
    join pg_catalog.pg_class c on c.oid = ct.conrelid
    join ours n on n.oid = c.relnamespace
   where ct.contype = 'f'
     and c.oid not in (select objid from extension_objects)
     and not exists (
       select 1 from pg_catalog.pg_index i
        where i.indrelid = ct.conrelid and i.indisvalid
          and (string_to_array(i.indkey::text, ' ')::smallint[])[1:array_length(ct.conkey, 1)] = ct.conkey
     )

  union all
  -- 0015 rls_references_user_metadata (ERROR): users can edit user_metadata, so it never authorizes
  select 'rls_references_user_metadata', 'ERROR', schema_name || '.' || table_name || ' / ' || polname,
         'policy reads user_metadata, which end users can write'
    from policies
   where qual ~* 'user_metadata' or with_check ~* 'user_metadata'
)
select name, level, object, detail from findings order by level, name, object;

reset search_path;
