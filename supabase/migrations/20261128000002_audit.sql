-- Append-only audit log, filled by triggers on every domain table.

-- Section: table
create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  table_name text not null,
  row_id text,
  org_id uuid,
  op text not null check (op in ('INSERT', 'UPDATE', 'DELETE')),
  old_row jsonb,
  new_row jsonb
);
comment on table public.audit_log is 'Every insert, update and delete on domain tables: who, when, which row, before and after. Append-only.';
-- actor_id and org_id are deliberately not foreign keys: the log outlives the rows it describes.
create index audit_log_org_id_occurred_at_idx on public.audit_log (org_id, occurred_at desc);
create index audit_log_occurred_at_idx on public.audit_log (occurred_at desc);
create index audit_log_table_row_idx on public.audit_log (table_name, row_id);
alter table public.audit_log enable row level security;

-- service_role too: on Supabase, default privileges would otherwise leave it update, delete and truncate
revoke all on public.audit_log from anon, authenticated, service_role;
grant select on public.audit_log to authenticated;
grant select, insert on public.audit_log to service_role;

-- Section: RLS policies
create policy "Audit entries are viewable by those who may read the audit of the org"
  on public.audit_log for select to authenticated
  using (org_id in (select private.permitted_org_ids('audit', 'read')));
-- No insert, update or delete policy: only the trigger below writes, and nobody rewrites history.

-- Section: append-only guard (also stops the table owner short of truncate)
create function private.audit_log_is_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'the audit log is append-only' using errcode = '42501';
end;
$$;
create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.audit_log_is_append_only();
-- truncate bypasses row triggers and RLS alike; a statement trigger stops it for the owner too
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_is_append_only();

-- Section: the audit trigger
/**
 * Writes one audit row per changed row. The org of the row is taken from the column named
 * in the trigger argument (default 'org_id'), so the audit is scoped like the data.
 */
create function private.audit_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  org_column text := coalesce(tg_argv[0], 'org_id');
  old_j jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_j jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  row_j jsonb := coalesce(new_j, old_j);
begin
  if tg_op = 'UPDATE' and old_j = new_j then
    return null;
  end if;
  -- credentials never reach the log
  old_j := old_j - 'encrypted_password';
  new_j := new_j - 'encrypted_password';
  insert into public.audit_log (actor_id, actor_role, table_name, row_id, org_id, op, old_row, new_row)
  values (
    (select auth.uid()),
    coalesce((select auth.role()), current_user),
    tg_table_schema || '.' || tg_table_name,
    coalesce(row_j ->> 'id', row_j ->> 'user_id'),
    nullif(row_j ->> org_column, '')::uuid,
    tg_op,
    old_j,
    new_j
  );
  return null;
end;
$$;
revoke all on function private.audit_row(), private.audit_log_is_append_only() from public;

create trigger orgs_audit after insert or update or delete on public.orgs
  for each row execute function private.audit_row('id');
create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.audit_row('org_id');
create trigger pairings_audit after insert or update or delete on public.pairings
  for each row execute function private.audit_row('village_id');
