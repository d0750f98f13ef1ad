-- Who added a cadre, a posting or a pairing (created_by), as pairing_activities and visits already say.
--
-- The county's forms on /county/<id>/cadres and /county/<id>/units answer a repeated submission (a second
-- tap on a slow link, the same form sent again after "已保存") with "already saved" instead of a second
-- identical row, the way the record forms do (app/domain/pairing/records.server.ts): an identical row that
-- the same user created in the last minute. These three tables did not know who created a row.
--
-- Rows from before this migration, and those the seed and imports write on the service path (no JWT), have
-- no creator (null). RLS is unchanged: the policies never read created_by.

-- Section: columns
alter table public.cadres add column created_by uuid default auth.uid() references auth.users (id) on delete set null;
alter table public.cadre_postings add column created_by uuid default auth.uid() references auth.users (id) on delete set null;
alter table public.pairings add column created_by uuid default auth.uid() references auth.users (id) on delete set null;
comment on column public.cadres.created_by is 'The user who added the cadre (null: the seed, an import or before 2026-11-29).';
comment on column public.cadre_postings.created_by is 'The user who made the posting (null: the seed, an import or before 2026-11-29).';
comment on column public.pairings.created_by is 'The user who paired the unit with the village (null: the seed, an import or before 2026-11-29).';
create index cadres_created_by_idx on public.cadres (created_by);
create index cadre_postings_created_by_idx on public.cadre_postings (created_by);
create index pairings_created_by_idx on public.pairings (created_by);

-- Section: guard
-- cadres and cadre_postings grant insert and update by column, without created_by: the default (the caller)
-- is all the app role can put there, and it never changes. pairings grants insert and update on the whole
-- table (migration 20261128000001), so a trigger does the same: a signed-in caller is the creator of the
-- pairing it inserts, and an update keeps the creator.
create function private.keep_pairing_creator() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    -- the service path (no JWT: the seed, imports) may name the creator
    new.created_by := coalesce((select auth.uid()), new.created_by);
  else
    new.created_by := old.created_by;
  end if;
  return new;
end;
$$;
-- a trigger's function needs no EXECUTE grant to fire
revoke all on function private.keep_pairing_creator() from public;
create trigger pairings_keep_creator before insert or update on public.pairings
  for each row execute function private.keep_pairing_creator();
