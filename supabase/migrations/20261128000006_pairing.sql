-- Urban-rural pairing: village-based cadres and first secretaries, cadre <-> household pairs, the
-- "five helps, four deliveries" activities, village notes (visit diaries), people's concern files,
-- opinions and cases with a handling lifecycle. Support units reach a village's records only through
-- private.my_active_pairings(): a unit whose pairing ended reads nothing of that village from the next
-- day on, and never households (personal data) nor private concerns.

-- Section: permissions
insert into private.permissions (role, domain, action, scope) values
  ('county_admin', 'households', 'read', 'county'),
  ('county_admin', 'households', 'manage', 'county'),
  ('county_admin', 'cadres', 'read', 'county'),
  ('county_admin', 'cadres', 'manage', 'county'),
  ('county_admin', 'activities', 'read', 'county'),
  ('county_admin', 'activities', 'create', 'county'),
  ('county_admin', 'visits', 'read', 'county'),
  ('county_admin', 'visits', 'create', 'county'),
  ('county_admin', 'concerns', 'read', 'county'),
  ('county_admin', 'concerns', 'create', 'county'),
  ('county_admin', 'concerns', 'update', 'county'),
  ('county_staff', 'households', 'read', 'county'),
  ('county_staff', 'cadres', 'read', 'county'),
  ('county_staff', 'activities', 'read', 'county'),
  ('county_staff', 'visits', 'read', 'county'),
  ('county_staff', 'concerns', 'read', 'county'),
  ('town_admin', 'households', 'read', 'town'),
  ('town_admin', 'households', 'manage', 'town'),
  ('town_admin', 'cadres', 'read', 'town'),
  ('town_admin', 'activities', 'read', 'town'),
  ('town_admin', 'activities', 'create', 'town'),
  ('town_admin', 'visits', 'read', 'town'),
  ('town_admin', 'visits', 'create', 'town'),
  ('town_admin', 'concerns', 'read', 'town'),
  ('town_admin', 'concerns', 'create', 'town'),
  ('town_admin', 'concerns', 'update', 'town'),
  ('town_staff', 'households', 'read', 'town'),
  ('town_staff', 'cadres', 'read', 'town'),
  ('town_staff', 'activities', 'read', 'town'),
  ('town_staff', 'activities', 'create', 'town'),
  ('town_staff', 'visits', 'read', 'town'),
  ('town_staff', 'visits', 'create', 'town'),
  ('town_staff', 'concerns', 'read', 'town'),
  ('town_staff', 'concerns', 'create', 'town'),
  ('town_staff', 'concerns', 'update', 'town'),
  ('village_secretary', 'households', 'read', 'village'),
  ('village_secretary', 'households', 'manage', 'village'),
  ('village_secretary', 'cadres', 'read', 'village'),
  ('village_secretary', 'activities', 'read', 'village'),
  ('village_secretary', 'activities', 'create', 'village'),
  ('village_secretary', 'visits', 'read', 'village'),
  ('village_secretary', 'visits', 'create', 'village'),
  ('village_secretary', 'concerns', 'read', 'village'),
  ('village_secretary', 'concerns', 'create', 'village'),
  ('village_secretary', 'concerns', 'update', 'village'),
  ('village_clerk', 'households', 'read', 'village'),
  ('village_clerk', 'households', 'manage', 'village'),
  ('village_clerk', 'cadres', 'read', 'village'),
  ('village_clerk', 'activities', 'read', 'village'),
  ('village_clerk', 'activities', 'create', 'village'),
  ('village_clerk', 'visits', 'read', 'village'),
  ('village_clerk', 'visits', 'create', 'village'),
  ('village_clerk', 'concerns', 'read', 'village'),
  ('village_clerk', 'concerns', 'create', 'village'),
  ('village_clerk', 'concerns', 'update', 'village'),
  ('unit_liaison', 'cadres', 'read', 'unit'),
  ('unit_liaison', 'activities', 'read', 'unit'),
  ('unit_liaison', 'activities', 'create', 'unit'),
  ('unit_liaison', 'visits', 'read', 'unit'),
  ('unit_liaison', 'visits', 'create', 'unit'),
  ('unit_liaison', 'concerns', 'read', 'unit'),
  ('unit_liaison', 'concerns', 'create', 'unit');

-- Section: private helpers

/** Orgs on which the caller may perform (domain, action) through a county, town or village role (subtree of the membership org); never the unit part. */
create function private.scoped_org_ids(p_domain text, p_action text)
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.descendant_id
    from private.my_memberships() m
    join private.permissions p on p.role = m.role
    join public.org_closure c on c.ancestor_id = m.org_id
   where p.domain = p_domain and p.action = p_action and p.scope in ('county', 'town', 'village')
$$;

/** Support units where the caller is an active unit liaison. */
create function private.my_unit_ids()
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.org_id from private.my_memberships() m where m.role = 'unit_liaison'
$$;

/** (unit, village) pairs of the caller's units whose pairing is active today (Asia/Shanghai). */
create function private.my_active_pairings()
returns table (unit_id uuid, village_id uuid)
language sql stable security definer set search_path = '' as $$
  select distinct p.unit_id, p.village_id
    from public.pairings p
   where p.unit_id in (select private.my_unit_ids())
     and p.starts_on <= (now() at time zone 'Asia/Shanghai')::date
     and (p.ends_on is null or p.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
$$;

/** Counties whose cadre roster the caller may read through a county, town or village role. */
create function private.cadre_county_ids()
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.ancestor_id
    from public.org_closure c
    join public.orgs o on o.id = c.ancestor_id and o.kind = 'county'
   where c.descendant_id in (select private.scoped_org_ids('cadres', 'read'))
$$;

revoke all on function private.scoped_org_ids(text, text), private.my_unit_ids(), private.my_active_pairings(),
  private.cadre_county_ids() from public;
grant execute on function private.scoped_org_ids(text, text), private.my_unit_ids(), private.my_active_pairings(),
  private.cadre_county_ids() to authenticated;

-- Section: types
create type public.cadre_post as enum ('village_cadre', 'first_secretary');
create type public.poverty_status as enum ('not_poor', 'poor', 'lifted', 'monitored');
create type public.activity_kind as enum (
  'help_catch_up', 'help_start_business', 'help_collective_economy', 'help_cultivate_leaders', 'help_positions_systems',
  'deliver_policies', 'deliver_information', 'deliver_skills', 'deliver_care'
);
create type public.case_state as enum ('open', 'assigned', 'handled', 'confirmed', 'closed');

-- Section: pairings (amended: history is kept, one open-ended lead per village, no overlaps)
alter table public.pairings add column note text check (note is null or length(note) <= 500);
create unique index pairings_one_open_lead_key on public.pairings (village_id) where is_lead and ends_on is null;
drop policy "Pairings are deleted by those who manage pairings of the village" on public.pairings;
revoke delete on public.pairings from authenticated;

create function private.check_pairing_overlap() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.pairings p
              where p.unit_id = new.unit_id and p.village_id = new.village_id and p.id <> new.id
                and daterange(p.starts_on, p.ends_on, '[]') && daterange(new.starts_on, new.ends_on, '[]')) then
    raise exception 'this unit is already paired with this village for part of that period' using errcode = '23P01';
  end if;
  return new;
end;
$$;
create trigger pairings_no_overlap before insert or update of unit_id, village_id, starts_on, ends_on on public.pairings
  for each row execute function private.check_pairing_overlap();

-- Section: shared checks

/** The county an org lies in (null for provincial and municipal orgs). */
create function private.county_of(p_org_id uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select c.ancestor_id from public.org_closure c join public.orgs o on o.id = c.ancestor_id
   where c.descendant_id = p_org_id and o.kind = 'county'
$$;

/**
 * Prepares a village record on insert and update: the village is a village or community, the unit
 * a support unit, dates are not in the future, and referenced rows (cadre, household, concern file,
 * opinion, visit) belong to the same village (the cadre to its county). Household pairs take their
 * village from the household.
 */
create function private.prepare_village_record() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  j jsonb;
  today date := (now() at time zone 'Asia/Shanghai')::date;
  d text;
begin
  if tg_table_name = 'household_pairs' then
    select h.village_id into new.village_id from public.households h where h.id = new.household_id;
  end if;
  j := to_jsonb(new);
  if (select kind from public.orgs where id = (j ->> 'village_id')::uuid) not in ('village', 'community') then
    raise exception 'a % record belongs to a village or community', tg_table_name using errcode = '23514';
  end if;
  if j ? 'unit_id' and j ->> 'unit_id' is not null
     and (select kind from public.orgs where id = (j ->> 'unit_id')::uuid) <> 'unit' then
    raise exception 'unit_id must be a support unit' using errcode = '23514';
  end if;
  foreach d in array array['occurred_on', 'visited_on', 'opened_on', 'raised_on'] loop
    if j ? d and (j ->> d)::date > today then
      raise exception '% cannot be in the future', d using errcode = '23514';
    end if;
  end loop;
  if j ->> 'cadre_id' is not null and private.county_of((j ->> 'village_id')::uuid)
       is distinct from (select county_id from public.cadres where id = (j ->> 'cadre_id')::uuid) then
    raise exception 'the cadre belongs to another county' using errcode = '23514';
  end if;
  if j ->> 'household_id' is not null and (j ->> 'village_id')::uuid
       is distinct from (select village_id from public.households where id = (j ->> 'household_id')::uuid) then
    raise exception 'the household belongs to another village' using errcode = '23514';
  end if;
  if j ->> 'concern_file_id' is not null and (j ->> 'village_id')::uuid
       is distinct from (select village_id from public.concern_files where id = (j ->> 'concern_file_id')::uuid) then
    raise exception 'the concern file belongs to another village' using errcode = '23514';
  end if;
  if j ->> 'opinion_id' is not null and (j ->> 'village_id')::uuid
       is distinct from (select village_id from public.opinions where id = (j ->> 'opinion_id')::uuid) then
    raise exception 'the opinion belongs to another village' using errcode = '23514';
  end if;
  if j ->> 'visit_id' is not null and (j ->> 'village_id')::uuid
       is distinct from (select village_id from public.visits where id = (j ->> 'visit_id')::uuid) then
    raise exception 'the visit belongs to another village' using errcode = '23514';
  end if;
  if tg_op = 'UPDATE' and (j ->> 'village_id') is distinct from (to_jsonb(old) ->> 'village_id') then
    raise exception 'a record never moves to another village' using errcode = '42501';
  end if;
  return new;
end;
$$;

-- Section: cadres
create table public.cadres (
  id uuid primary key default gen_random_uuid(),
  county_id uuid not null references public.orgs (id) on delete restrict,
  unit_id uuid references public.orgs (id) on delete restrict,
  name text not null check (length(btrim(name)) between 1 and 50),
  phone text check (phone is null or phone ~ '^[0-9+ -]{5,20}$'),
  title text check (title is null or length(title) <= 50),
  user_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.cadres is 'Pairing cadres (帮扶干部, 驻村干部) of a county: people from support units (unit_id) or from county organs (unit_id null).';
create index cadres_county_id_idx on public.cadres (county_id);
create index cadres_unit_id_idx on public.cadres (unit_id);
create index cadres_user_id_idx on public.cadres (user_id);
alter table public.cadres enable row level security;

create function private.check_cadre() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (select kind from public.orgs where id = new.county_id) <> 'county' then
    raise exception 'a cadre belongs to a county' using errcode = '23514';
  end if;
  if new.unit_id is not null and (select kind from public.orgs where id = new.unit_id) <> 'unit' then
    raise exception 'a cadre comes from a support unit or from the county organs' using errcode = '23514';
  end if;
  if tg_op = 'UPDATE' and new.county_id <> old.county_id then
    raise exception 'a cadre never moves to another county' using errcode = '42501';
  end if;
  return new;
end;
$$;
create trigger cadres_check before insert or update on public.cadres
  for each row execute function private.check_cadre();

-- Section: cadre_postings
create table public.cadre_postings (
  id uuid primary key default gen_random_uuid(),
  cadre_id uuid not null references public.cadres (id) on delete restrict,
  village_id uuid not null references public.orgs (id) on delete restrict,
  post public.cadre_post not null,
  starts_on date not null,
  ends_on date,
  created_at timestamptz not null default now(),
  constraint cadre_postings_period check (ends_on is null or ends_on >= starts_on)
);
comment on table public.cadre_postings is 'Who is stationed in which village (驻村), as village-based cadre or first secretary (第一书记), for which period.';
create index cadre_postings_cadre_id_idx on public.cadre_postings (cadre_id);
create index cadre_postings_village_id_idx on public.cadre_postings (village_id);
alter table public.cadre_postings enable row level security;
create trigger cadre_postings_prepare before insert or update on public.cadre_postings
  for each row execute function private.prepare_village_record();

-- Section: households (personal data: never visible to support units)
create table public.households (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  head_name text not null check (length(btrim(head_name)) between 1 and 50),
  members integer not null check (members >= 1),
  phone text check (phone is null or phone ~ '^[0-9+ -]{5,20}$'),
  address text check (address is null or length(address) <= 200),
  situation text check (situation is null or length(situation) <= 1000),
  poverty_status public.poverty_status not null default 'not_poor',
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.households is 'The household register of a village (农户): head, members, situation, poverty status. Personal data: the village, its town and its county only.';
create index households_village_id_idx on public.households (village_id);
alter table public.households enable row level security;
create trigger households_prepare before insert or update on public.households
  for each row execute function private.prepare_village_record();
create trigger households_touch_updated_at before update on public.households
  for each row execute function private.touch_updated_at();

-- Section: household_pairs
create table public.household_pairs (
  id uuid primary key default gen_random_uuid(),
  cadre_id uuid not null references public.cadres (id) on delete restrict,
  household_id uuid not null references public.households (id) on delete restrict,
  village_id uuid not null references public.orgs (id) on delete restrict,
  starts_on date not null,
  ends_on date,
  created_at timestamptz not null default now(),
  constraint household_pairs_period check (ends_on is null or ends_on >= starts_on)
);
comment on table public.household_pairs is 'A cadre paired with a household (干部结对帮扶农户) for a period; village_id is the household''s, set by trigger.';
create index household_pairs_cadre_id_idx on public.household_pairs (cadre_id);
create index household_pairs_household_id_idx on public.household_pairs (household_id);
create index household_pairs_village_id_idx on public.household_pairs (village_id);
alter table public.household_pairs enable row level security;
create trigger household_pairs_prepare before insert or update on public.household_pairs
  for each row execute function private.prepare_village_record();

-- Section: pairing_activities
create table public.pairing_activities (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  unit_id uuid references public.orgs (id) on delete restrict,
  kind public.activity_kind not null,
  occurred_on date not null,
  title text not null check (length(btrim(title)) between 1 and 100),
  description text check (description is null or length(description) <= 2000),
  participants integer not null default 0 check (participants >= 0),
  funds numeric(14, 2) check (funds is null or funds >= 0),
  goods text check (goods is null or length(goods) <= 500),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.pairing_activities is 'Five helps, four deliveries (五帮四送): one record per activity in a village, by a support unit or the village''s own scope. History: corrected by a new record, never edited.';
create index pairing_activities_village_id_idx on public.pairing_activities (village_id, occurred_on desc);
create index pairing_activities_unit_id_idx on public.pairing_activities (unit_id, village_id);
create index pairing_activities_created_by_idx on public.pairing_activities (created_by);
alter table public.pairing_activities enable row level security;
create trigger pairing_activities_prepare before insert on public.pairing_activities
  for each row execute function private.prepare_village_record();

-- Section: visits (village notes, 村情笔记)
create table public.visits (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  unit_id uuid references public.orgs (id) on delete restrict,
  cadre_id uuid references public.cadres (id) on delete restrict,
  household_id uuid references public.households (id) on delete restrict,
  visited_on date not null,
  people_met integer not null default 1 check (people_met >= 1),
  notes text not null check (length(btrim(notes)) between 1 and 4000),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.visits is 'Visit diaries (走访, 村情笔记): a cadre''s visit to a household or person in a village, with notes. History: never edited.';
create index visits_village_id_idx on public.visits (village_id, visited_on desc);
create index visits_unit_id_idx on public.visits (unit_id, village_id);
create index visits_cadre_id_idx on public.visits (cadre_id);
create index visits_household_id_idx on public.visits (household_id);
create index visits_created_by_idx on public.visits (created_by);
alter table public.visits enable row level security;
create trigger visits_prepare before insert on public.visits
  for each row execute function private.prepare_village_record();

-- Section: concern_files (民情档案)
create table public.concern_files (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  household_id uuid references public.households (id) on delete restrict,
  person_name text not null check (length(btrim(person_name)) between 1 and 50),
  opened_on date not null,
  summary text check (summary is null or length(summary) <= 2000),
  is_private boolean not null default false,
  unit_id uuid references public.orgs (id) on delete restrict,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.concern_files is 'People''s concern files (民情档案, interview files); private ones are visible to the village, its town and its county only.';
create index concern_files_village_id_idx on public.concern_files (village_id, opened_on desc);
create index concern_files_unit_id_idx on public.concern_files (unit_id, village_id);
create index concern_files_household_id_idx on public.concern_files (household_id);
create index concern_files_created_by_idx on public.concern_files (created_by);
alter table public.concern_files enable row level security;
create trigger concern_files_prepare before insert or update on public.concern_files
  for each row execute function private.prepare_village_record();

-- Section: opinions (意见建议)
create table public.opinions (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  concern_file_id uuid references public.concern_files (id) on delete restrict,
  visit_id uuid references public.visits (id) on delete restrict,
  content text not null check (length(btrim(content)) between 1 and 2000),
  raised_on date not null,
  is_private boolean not null default false,
  unit_id uuid references public.orgs (id) on delete restrict,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.opinions is 'Opinions and suggestions (意见建议) raised in a village, on a concern file or during a visit.';
create index opinions_village_id_idx on public.opinions (village_id, raised_on desc);
create index opinions_unit_id_idx on public.opinions (unit_id, village_id);
create index opinions_concern_file_id_idx on public.opinions (concern_file_id);
create index opinions_visit_id_idx on public.opinions (visit_id);
create index opinions_created_by_idx on public.opinions (created_by);
alter table public.opinions enable row level security;
create trigger opinions_prepare before insert or update on public.opinions
  for each row execute function private.prepare_village_record();

-- Section: concern_cases (群众事务) and their events
create table public.concern_cases (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  concern_file_id uuid references public.concern_files (id) on delete restrict,
  opinion_id uuid references public.opinions (id) on delete restrict,
  title text not null check (length(btrim(title)) between 1 and 100),
  description text check (description is null or length(description) <= 2000),
  state public.case_state not null default 'open',
  owner_name text check (owner_name is null or length(btrim(owner_name)) between 1 and 50),
  due_on date,
  resolution text check (resolution is null or length(btrim(resolution)) between 1 and 2000),
  closed_reason text check (closed_reason is null or length(btrim(closed_reason)) between 1 and 1000),
  is_private boolean not null default false,
  unit_id uuid references public.orgs (id) on delete restrict,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint concern_cases_closed_reason check (state <> 'closed' or closed_reason is not null),
  constraint concern_cases_resolution check (state not in ('handled', 'confirmed') or resolution is not null),
  constraint concern_cases_owner check (state <> 'assigned' or owner_name is not null)
);
comment on table public.concern_cases is 'Civil cases (群众事务) with a lifecycle open > assigned > handled > confirmed by the household, or closed with a reason; state changes through advance_concern_case() only.';
create index concern_cases_village_id_idx on public.concern_cases (village_id, state);
create index concern_cases_unit_id_idx on public.concern_cases (unit_id, village_id);
create index concern_cases_concern_file_id_idx on public.concern_cases (concern_file_id);
create index concern_cases_opinion_id_idx on public.concern_cases (opinion_id);
create index concern_cases_created_by_idx on public.concern_cases (created_by);
alter table public.concern_cases enable row level security;
create trigger concern_cases_prepare before insert or update on public.concern_cases
  for each row execute function private.prepare_village_record();
create trigger concern_cases_touch_updated_at before update on public.concern_cases
  for each row execute function private.touch_updated_at();

create table public.concern_case_events (
  id bigint generated always as identity primary key,
  case_id uuid not null references public.concern_cases (id) on delete cascade,
  village_id uuid not null references public.orgs (id) on delete restrict,
  from_state public.case_state,
  to_state public.case_state not null,
  note text check (note is null or length(note) <= 2000),
  actor_id uuid references auth.users (id) on delete set null,
  occurred_at timestamptz not null default now()
);
comment on table public.concern_case_events is 'Every state change of a civil case: who, when, from, to, with the note (resolution, reason). Written by advance_concern_case() and the insert trigger only.';
create index concern_case_events_case_id_idx on public.concern_case_events (case_id, occurred_at);
create index concern_case_events_village_id_idx on public.concern_case_events (village_id);
create index concern_case_events_actor_id_idx on public.concern_case_events (actor_id);
alter table public.concern_case_events enable row level security;

/** The first event of every case: it was opened (by the creator, at creation). */
create function private.record_case_opened() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.concern_case_events (case_id, village_id, from_state, to_state, note, actor_id, occurred_at)
  values (new.id, new.village_id, null, 'open', null, coalesce((select auth.uid()), new.created_by), new.created_at);
  return null;
end;
$$;
create trigger concern_cases_opened after insert on public.concern_cases
  for each row execute function private.record_case_opened();

-- Section: grants (RLS decides the rows; anon gets nothing; records are history: no delete)
revoke all on public.cadres, public.cadre_postings, public.households, public.household_pairs, public.pairing_activities,
  public.visits, public.concern_files, public.opinions, public.concern_cases, public.concern_case_events from anon, authenticated;
grant select, insert (county_id, unit_id, name, phone, title, user_id) on public.cadres to authenticated;
grant update (unit_id, name, phone, title, user_id) on public.cadres to authenticated;
grant select, insert (cadre_id, village_id, post, starts_on, ends_on) on public.cadre_postings to authenticated;
grant update (post, starts_on, ends_on) on public.cadre_postings to authenticated;
grant select, insert (village_id, head_name, members, phone, address, situation, poverty_status, is_active) on public.households to authenticated;
grant update (head_name, members, phone, address, situation, poverty_status, is_active) on public.households to authenticated;
grant select, insert (cadre_id, household_id, starts_on, ends_on) on public.household_pairs to authenticated;
grant update (starts_on, ends_on) on public.household_pairs to authenticated;
grant select, insert (village_id, unit_id, kind, occurred_on, title, description, participants, funds, goods, created_by)
  on public.pairing_activities to authenticated;
grant select, insert (village_id, unit_id, cadre_id, household_id, visited_on, people_met, notes, created_by)
  on public.visits to authenticated;
grant select, insert (village_id, household_id, person_name, opened_on, summary, is_private, unit_id, created_by)
  on public.concern_files to authenticated;
grant update (household_id, person_name, summary, is_private) on public.concern_files to authenticated;
grant select, insert (village_id, concern_file_id, visit_id, content, raised_on, is_private, unit_id, created_by)
  on public.opinions to authenticated;
grant update (content, is_private) on public.opinions to authenticated;
grant select, insert (village_id, concern_file_id, opinion_id, title, description, due_on, is_private, unit_id, created_by)
  on public.concern_cases to authenticated;
grant select on public.concern_case_events to authenticated;
grant all on public.cadres, public.cadre_postings, public.households, public.household_pairs, public.pairing_activities,
  public.visits, public.concern_files, public.opinions, public.concern_cases, public.concern_case_events to service_role;

-- Section: RLS policies

-- cadres
create policy "Cadres are viewable in their county's scope and by their own unit"
  on public.cadres for select to authenticated
  using (
    county_id in (select private.cadre_county_ids())
    or unit_id in (select private.my_unit_ids())
  );
create policy "Cadres are added by those who manage the county's cadres"
  on public.cadres for insert to authenticated
  with check (county_id in (select private.scoped_org_ids('cadres', 'manage')));
create policy "Cadres are edited by those who manage the county's cadres"
  on public.cadres for update to authenticated
  using (county_id in (select private.scoped_org_ids('cadres', 'manage')))
  with check (county_id in (select private.scoped_org_ids('cadres', 'manage')));

-- cadre_postings
create policy "Postings are viewable in the village's scope and by the cadre's actively paired unit"
  on public.cadre_postings for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('cadres', 'read'))
    or (cadre_id in (select c.id from public.cadres c where c.unit_id in (select private.my_unit_ids()))
        and village_id in (select p.village_id from private.my_active_pairings() p))
  );
create policy "Postings are made by those who manage the village's cadres"
  on public.cadre_postings for insert to authenticated
  with check (village_id in (select private.scoped_org_ids('cadres', 'manage')));
create policy "Postings are changed by those who manage the village's cadres"
  on public.cadre_postings for update to authenticated
  using (village_id in (select private.scoped_org_ids('cadres', 'manage')))
  with check (village_id in (select private.scoped_org_ids('cadres', 'manage')));

-- households
create policy "Households are viewable by the village, its town and its county"
  on public.households for select to authenticated
  using (village_id in (select private.scoped_org_ids('households', 'read')));
create policy "Households are registered by those who manage the village's households"
  on public.households for insert to authenticated
  with check (village_id in (select private.scoped_org_ids('households', 'manage')));
create policy "Households are edited by those who manage the village's households"
  on public.households for update to authenticated
  using (village_id in (select private.scoped_org_ids('households', 'manage')))
  with check (village_id in (select private.scoped_org_ids('households', 'manage')));

-- household_pairs
create policy "Household pairs are viewable in the village's scope and by the cadre's actively paired unit"
  on public.household_pairs for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('households', 'read'))
    or (cadre_id in (select c.id from public.cadres c where c.unit_id in (select private.my_unit_ids()))
        and village_id in (select p.village_id from private.my_active_pairings() p))
  );
create policy "Household pairs are made by those who manage the village's households"
  on public.household_pairs for insert to authenticated
  with check (village_id in (select private.scoped_org_ids('households', 'manage')));
create policy "Household pairs are changed by those who manage the village's households"
  on public.household_pairs for update to authenticated
  using (village_id in (select private.scoped_org_ids('households', 'manage')))
  with check (village_id in (select private.scoped_org_ids('households', 'manage')));

-- pairing_activities
create policy "Activities are viewable in the village's scope and by the unit that carried them out while paired"
  on public.pairing_activities for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('activities', 'read'))
    or (unit_id in (select private.permitted_org_ids('activities', 'read'))
        and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))
  );
create policy "Activities are recorded by the village's scope and by its actively paired units"
  on public.pairing_activities for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and (
      village_id in (select private.scoped_org_ids('activities', 'create'))
      or (unit_id in (select private.permitted_org_ids('activities', 'create'))
          and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))
    )
  );
-- No update or delete: an activity is history; a correction is a new record.

-- visits
create policy "Visits are viewable in the village's scope and by the unit that made them while paired"
  on public.visits for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('visits', 'read'))
    or (unit_id in (select private.permitted_org_ids('visits', 'read'))
        and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))
  );
create policy "Visits are recorded by the village's scope and by its actively paired units, without households"
  on public.visits for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and (
      village_id in (select private.scoped_org_ids('visits', 'create'))
      or (unit_id in (select private.permitted_org_ids('visits', 'create'))
          and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p)
          and household_id is null
          and (cadre_id is null or cadre_id in (select c.id from public.cadres c where c.unit_id in (select private.my_unit_ids()))))
    )
  );
-- No update or delete: a diary entry is history.

-- concern_files
create policy "Concern files are viewable in the village's scope and, unless private, by the unit that opened them while paired"
  on public.concern_files for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('concerns', 'read'))
    or (not is_private
        and unit_id in (select private.permitted_org_ids('concerns', 'read'))
        and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))
  );
create policy "Concern files are opened by the village's scope and, not private and without household, by paired units"
  on public.concern_files for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and (
      village_id in (select private.scoped_org_ids('concerns', 'create'))
      or (unit_id in (select private.permitted_org_ids('concerns', 'create'))
          and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p)
          and not is_private and household_id is null)
    )
  );
create policy "Concern files are edited by those who handle the village's concerns"
  on public.concern_files for update to authenticated
  using (village_id in (select private.scoped_org_ids('concerns', 'update')))
  with check (village_id in (select private.scoped_org_ids('concerns', 'update')));

-- opinions
create policy "Opinions are viewable in the village's scope and, unless private, by the unit that recorded them while paired"
  on public.opinions for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('concerns', 'read'))
    or (not is_private
        and unit_id in (select private.permitted_org_ids('concerns', 'read'))
        and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))
  );
create policy "Opinions are recorded by the village's scope and, not private, by paired units"
  on public.opinions for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and (
      village_id in (select private.scoped_org_ids('concerns', 'create'))
      or (unit_id in (select private.permitted_org_ids('concerns', 'create'))
          and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p)
          and not is_private)
    )
  );
create policy "Opinions are edited by those who handle the village's concerns"
  on public.opinions for update to authenticated
  using (village_id in (select private.scoped_org_ids('concerns', 'update')))
  with check (village_id in (select private.scoped_org_ids('concerns', 'update')));

-- concern_cases
create policy "Cases are viewable in the village's scope and, unless private, by the unit that raised them while paired"
  on public.concern_cases for select to authenticated
  using (
    village_id in (select private.scoped_org_ids('concerns', 'read'))
    or (not is_private
        and unit_id in (select private.my_unit_ids())
        and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))
  );
create policy "Cases are opened by the village's scope and, not private, by paired units"
  on public.concern_cases for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and state = 'open'
    and (
      village_id in (select private.scoped_org_ids('concerns', 'create'))
      or (unit_id in (select private.permitted_org_ids('concerns', 'create'))
          and (unit_id, village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p)
          and not is_private)
    )
  );
-- No update or delete policy: cases move through advance_concern_case() only.

-- concern_case_events
create policy "Case events are viewable by those who may read the case"
  on public.concern_case_events for select to authenticated
  using (case_id in (select c.id from public.concern_cases c));
-- Written only by advance_concern_case() and the insert trigger.

-- Section: audit
create trigger cadres_audit after insert or update or delete on public.cadres
  for each row execute function private.audit_row('county_id');
create trigger cadre_postings_audit after insert or update or delete on public.cadre_postings
  for each row execute function private.audit_row('village_id');
create trigger households_audit after insert or update or delete on public.households
  for each row execute function private.audit_row('village_id');
create trigger household_pairs_audit after insert or update or delete on public.household_pairs
  for each row execute function private.audit_row('village_id');
create trigger pairing_activities_audit after insert or update or delete on public.pairing_activities
  for each row execute function private.audit_row('village_id');
create trigger visits_audit after insert or update or delete on public.visits
  for each row execute function private.audit_row('village_id');
create trigger concern_files_audit after insert or update or delete on public.concern_files
  for each row execute function private.audit_row('village_id');
create trigger opinions_audit after insert or update or delete on public.opinions
  for each row execute function private.audit_row('village_id');
create trigger concern_cases_audit after insert or update or delete on public.concern_cases
  for each row execute function private.audit_row('village_id');
create trigger concern_case_events_audit after insert or update or delete on public.concern_case_events
  for each row execute function private.audit_row('village_id');

-- Section: public API functions

/**
 * A unit's cadre <-> household pairs in its actively paired villages, for a liaison of that unit:
 * names and start only (no phone, situation or poverty status). Nothing for anyone else.
 */
create function public.unit_household_pairs(p_unit_id uuid)
returns table (cadre_name text, household_head_name text, village_name text, starts_on date)
language sql stable security definer set search_path = '' as $$
  select c.name, h.head_name, v.name, hp.starts_on
    from public.household_pairs hp
    join public.cadres c on c.id = hp.cadre_id
    join public.households h on h.id = hp.household_id
    join public.orgs v on v.id = hp.village_id
   where p_unit_id in (select private.permitted_org_ids('cadres', 'read'))
     and p_unit_id in (select private.my_unit_ids())
     and c.unit_id = p_unit_id
     and (p_unit_id, hp.village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p)
     and hp.starts_on <= (now() at time zone 'Asia/Shanghai')::date
     and (hp.ends_on is null or hp.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
   order by v.name, c.name, h.head_name
$$;

/**
 * Moves a case along its lifecycle: open > assigned (owner required) > handled (resolution required)
 * > confirmed; handled > assigned (not satisfied, note required); open|assigned|handled > closed
 * (reason required). Needs concerns:update on the village (units cannot). Idempotent when the case
 * is already in p_to. Errors: P0002 not found or hidden, 42501 not allowed or illegal move, 23514
 * missing note or owner.
 */
create function public.advance_concern_case(
  p_case_id uuid, p_to public.case_state, p_note text, p_owner_name text default null, p_due_on date default null
) returns public.concern_cases
language plpgsql security definer set search_path = '' as $$
declare
  r public.concern_cases;
  v_from public.case_state;
  v_note text := nullif(btrim(p_note), '');
  v_owner text := nullif(btrim(p_owner_name), '');
begin
  select * into r from public.concern_cases where id = p_case_id for update;
  if r.id is null or not (
       r.village_id in (select private.scoped_org_ids('concerns', 'read'))
       or (not r.is_private and r.unit_id in (select private.my_unit_ids())
           and (r.unit_id, r.village_id) in (select p.unit_id, p.village_id from private.my_active_pairings() p))) then
    raise exception 'case not found' using errcode = 'P0002';
  end if;
  if not private.can('concerns', 'update', r.village_id) then
    raise exception 'only the village, its town and its county handle cases' using errcode = '42501';
  end if;
  if r.state = p_to then
    return r;
  end if;
  v_from := r.state;
  if p_to = 'assigned' and r.state = 'open' then
    if v_owner is null then
      raise exception 'assigning a case needs an owner' using errcode = '23514';
    end if;
    update public.concern_cases set state = 'assigned', owner_name = v_owner, due_on = coalesce(p_due_on, due_on)
     where id = r.id returning * into r;
  elsif p_to = 'assigned' and r.state = 'handled' then
    if v_note is null then
      raise exception 'sending a case back needs a note' using errcode = '23514';
    end if;
    update public.concern_cases
       set state = 'assigned', owner_name = coalesce(v_owner, owner_name), due_on = coalesce(p_due_on, due_on), resolution = null
     where id = r.id returning * into r;
  elsif p_to = 'handled' and r.state = 'assigned' then
    if v_note is null then
      raise exception 'handling a case needs the resolution' using errcode = '23514';
    end if;
    update public.concern_cases set state = 'handled', resolution = v_note where id = r.id returning * into r;
  elsif p_to = 'confirmed' and r.state = 'handled' then
    update public.concern_cases set state = 'confirmed' where id = r.id returning * into r;
  elsif p_to = 'closed' and r.state in ('open', 'assigned', 'handled') then
    if v_note is null then
      raise exception 'closing a case needs a reason' using errcode = '23514';
    end if;
    update public.concern_cases set state = 'closed', closed_reason = v_note where id = r.id returning * into r;
  else
    raise exception 'a % case cannot become %', r.state, p_to using errcode = '42501';
  end if;
  insert into public.concern_case_events (case_id, village_id, from_state, to_state, note, actor_id)
  values (r.id, r.village_id, v_from, r.state, v_note, (select auth.uid()));
  return r;
end;
$$;

/**
 * Live pairing figures under p_scope_id (a county, town or village: its subtree; a unit: the unit's
 * own records). Security invoker: RLS scopes every count to what the caller may read.
 */
create function public.pairing_figures(p_scope_id uuid)
returns table (metric text, value numeric)
language sql stable security invoker set search_path = '' as $$
  with scope as (
    select (select kind from public.orgs where id = p_scope_id) = 'unit' as is_unit
  ), villages as (
    select c.descendant_id as id from public.org_closure c where c.ancestor_id = p_scope_id
  ), today as (
    select (now() at time zone 'Asia/Shanghai')::date as d
  ), active_pairings as (
    select p.* from public.pairings p, today t, scope s
     where p.starts_on <= t.d and (p.ends_on is null or p.ends_on >= t.d)
       and case when s.is_unit then p.unit_id = p_scope_id else p.village_id in (select id from villages) end
  ), postings as (
    select cp.* from public.cadre_postings cp join public.cadres c on c.id = cp.cadre_id, today t, scope s
     where cp.starts_on <= t.d and (cp.ends_on is null or cp.ends_on >= t.d)
       and case when s.is_unit then c.unit_id = p_scope_id else cp.village_id in (select id from villages) end
  ), pairs as (
    select hp.* from public.household_pairs hp join public.cadres c on c.id = hp.cadre_id, today t, scope s
     where hp.starts_on <= t.d and (hp.ends_on is null or hp.ends_on >= t.d)
       and case when s.is_unit then c.unit_id = p_scope_id else hp.village_id in (select id from villages) end
  ), acts as (
    select a.* from public.pairing_activities a, scope s
     where case when s.is_unit then a.unit_id = p_scope_id else a.village_id in (select id from villages) end
  ), vis as (
    select v.* from public.visits v, scope s
     where case when s.is_unit then v.unit_id = p_scope_id else v.village_id in (select id from villages) end
  ), files as (
    select f.id from public.concern_files f, scope s
     where case when s.is_unit then f.unit_id = p_scope_id else f.village_id in (select id from villages) end
  ), ops as (
    select o.id from public.opinions o, scope s
     where case when s.is_unit then o.unit_id = p_scope_id else o.village_id in (select id from villages) end
  ), cases as (
    select k.state from public.concern_cases k, scope s
     where case when s.is_unit then k.unit_id = p_scope_id else k.village_id in (select id from villages) end
  )
  select 'paired_villages', (select count(distinct village_id) from active_pairings)::numeric
  union all select 'lead_units', (select count(distinct unit_id) from active_pairings where is_lead)::numeric
  union all select 'support_units', (select count(distinct unit_id) from active_pairings)::numeric
  union all select 'village_cadres', (select count(*) from postings)::numeric
  union all select 'first_secretaries', (select count(*) from postings where post = 'first_secretary')::numeric
  union all select 'cadres_paired', (select count(distinct cadre_id) from pairs)::numeric
  union all select 'households_paired', (select count(distinct household_id) from pairs)::numeric
  union all select 'activities', (select count(*) from acts)::numeric
  union all
  select * from (
    select 'activities_' || k::text, (select count(*) from acts a where a.kind = k)::numeric
      from unnest(enum_range(null::public.activity_kind)) k
     order by array_position(enum_range(null::public.activity_kind), k)
  ) per_kind
  union all select 'activity_funds', (select coalesce(sum(funds), 0) from acts)
  union all select 'visits', (select count(*) from vis)::numeric
  union all select 'people_visited', (select coalesce(sum(people_met), 0) from vis)::numeric
  union all select 'visit_diaries', (select count(*) from vis)::numeric
  union all select 'concern_files', (select count(*) from files)::numeric
  union all select 'opinions', (select count(*) from ops)::numeric
  union all select 'cases', (select count(*) from cases)::numeric
  union all select 'cases_handled', (select count(*) from cases where state in ('handled', 'confirmed'))::numeric
  union all select 'cases_open', (select count(*) from cases where state in ('open', 'assigned'))::numeric
$$;

revoke all on function public.unit_household_pairs(uuid), public.advance_concern_case(uuid, public.case_state, text, text, date),
  public.pairing_figures(uuid) from public, anon;
revoke all on function private.check_pairing_overlap(), private.county_of(uuid), private.prepare_village_record(),
  private.check_cadre(), private.record_case_opened() from public;
grant execute on function public.unit_household_pairs(uuid), public.advance_concern_case(uuid, public.case_state, text, text, date),
  public.pairing_figures(uuid) to authenticated;
