-- Org tree, memberships, the permission matrix and the private RLS helpers.
-- Every later domain scopes its rows with the helpers defined here.

-- Section: schemas
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Section: types
create type public.org_kind as enum ('province', 'city', 'county', 'town', 'village', 'community', 'unit');
create type public.unit_level as enum ('provincial', 'municipal', 'county');
create type public.unit_type as enum ('agency', 'enterprise', 'institution');
create type public.app_role as enum (
  'county_admin', 'county_staff',
  'town_admin', 'town_staff',
  'village_secretary', 'village_clerk',
  'unit_liaison'
);

-- Section: orgs
create table public.orgs (
  id uuid primary key default gen_random_uuid(),
  kind public.org_kind not null,
  parent_id uuid references public.orgs (id) on delete restrict,
  code text,
  name text not null check (length(btrim(name)) between 1 and 100),
  name_en text check (name_en is null or length(btrim(name_en)) between 1 and 120),
  -- village / community profile
  secretary_name text check (secretary_name is null or length(secretary_name) <= 50),
  secretary_phone text check (secretary_phone is null or secretary_phone ~ '^[0-9+ -]{5,20}$'),
  households integer check (households is null or households >= 0),
  population integer check (population is null or population >= 0),
  -- support unit profile
  unit_level public.unit_level,
  unit_type public.unit_type,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- towns, villages and communities carry the 12-digit statistical division code;
  -- counties the 6-digit one; provinces and cities 6 digits too
  constraint orgs_code_shape check (
    case
      when kind in ('town', 'village', 'community') then code ~ '^[0-9]{12}$'
      when kind in ('province', 'city', 'county') then code ~ '^[0-9]{6}$'
      else code is null or code ~ '^[A-Za-z0-9-]{1,32}$'
    end
  ),
  constraint orgs_root_is_province check ((kind = 'province') = (parent_id is null)),
  constraint orgs_unit_fields check ((kind = 'unit') = (unit_level is not null and unit_type is not null)),
  constraint orgs_village_fields check (
    kind in ('village', 'community') or (households is null and population is null and secretary_name is null)
  )
);
comment on table public.orgs is 'The org tree: province > city > county > town > village/community; support units hang under the province, city or county whose level they have.';
create unique index orgs_code_key on public.orgs (code) where code is not null;
create index orgs_parent_id_idx on public.orgs (parent_id);
create index orgs_kind_idx on public.orgs (kind);
alter table public.orgs enable row level security;

-- A child's kind must fit its parent's: the tree cannot hold a village under a county.
create function private.check_org_parent() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  parent_kind public.org_kind;
begin
  if new.parent_id is null then
    return new;
  end if;
  select kind into parent_kind from public.orgs where id = new.parent_id;
  if not (
    (new.kind = 'city' and parent_kind = 'province')
    or (new.kind = 'county' and parent_kind = 'city')
    or (new.kind = 'town' and parent_kind = 'county')
    or (new.kind in ('village', 'community') and parent_kind = 'town')
    or (new.kind = 'unit' and (
      (new.unit_level = 'provincial' and parent_kind = 'province')
      or (new.unit_level = 'municipal' and parent_kind = 'city')
      or (new.unit_level = 'county' and parent_kind = 'county')))
  ) then
    raise exception 'an org of kind % cannot sit under an org of kind %', new.kind, parent_kind
      using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger orgs_check_parent before insert or update of parent_id, kind, unit_level on public.orgs
  for each row execute function private.check_org_parent();

-- Section: closure table (ancestry without recursion in policies)
create table public.org_closure (
  ancestor_id uuid not null references public.orgs (id) on delete cascade,
  descendant_id uuid not null references public.orgs (id) on delete cascade,
  depth integer not null check (depth >= 0),
  primary key (ancestor_id, descendant_id)
);
comment on table public.org_closure is 'Every (ancestor, descendant) pair of the org tree, including each org with itself at depth 0. Maintained by trigger.';
create index org_closure_descendant_id_idx on public.org_closure (descendant_id);
alter table public.org_closure enable row level security;

create function private.maintain_org_closure() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    if new.parent_id is not distinct from old.parent_id then
      return new;
    end if;
    -- detach the subtree from its old ancestors, then attach it under the new parent
    delete from public.org_closure c
     where c.descendant_id in (select descendant_id from public.org_closure where ancestor_id = new.id)
       and c.ancestor_id not in (select descendant_id from public.org_closure where ancestor_id = new.id);
    insert into public.org_closure (ancestor_id, descendant_id, depth)
    select up.ancestor_id, down.descendant_id, up.depth + down.depth + 1
      from public.org_closure up, public.org_closure down
     where up.descendant_id = new.parent_id and down.ancestor_id = new.id;
    return new;
  end if;
  insert into public.org_closure (ancestor_id, descendant_id, depth) values (new.id, new.id, 0);
  if new.parent_id is not null then
    insert into public.org_closure (ancestor_id, descendant_id, depth)
    select ancestor_id, new.id, depth + 1 from public.org_closure where descendant_id = new.parent_id;
  end if;
  return new;
end;
$$;
create trigger orgs_maintain_closure after insert or update of parent_id on public.orgs
  for each row execute function private.maintain_org_closure();

create function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
create trigger orgs_touch_updated_at before update on public.orgs
  for each row execute function private.touch_updated_at();

-- Section: profiles (the directory entry of a user; credentials stay in auth.users)
create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$'),
  display_name text not null check (length(btrim(display_name)) between 1 and 50),
  phone text check (phone is null or phone ~ '^[0-9+ -]{5,20}$'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Directory entry of each user: name and contact. Deactivation is mirrored in auth.users.banned_until by the auth provider.';
create unique index profiles_email_key on public.profiles (lower(email));
alter table public.profiles enable row level security;
create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();

-- Section: memberships
create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  org_id uuid not null references public.orgs (id) on delete restrict,
  role public.app_role not null,
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  constraint memberships_revocation_complete check (revoked_at is not null or revoked_by is null)
);
comment on table public.memberships is 'Who holds which role in which org. Authorization is read from here on every request, never from the JWT.';
create unique index memberships_active_key on public.memberships (user_id, org_id, role) where revoked_at is null;
-- the partial unique index above only covers active rows; the foreign key (cascade on user delete)
-- and the holder's own history (policy: user_id = auth.uid()) need all of them
create index memberships_user_id_idx on public.memberships (user_id);
create index memberships_org_id_idx on public.memberships (org_id);
create index memberships_created_by_idx on public.memberships (created_by);
create index memberships_revoked_by_idx on public.memberships (revoked_by);
alter table public.memberships enable row level security;

-- A role only fits an org of its level: a town role on a town, a unit role on a unit.
create function private.check_membership() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  k public.org_kind;
begin
  select kind into k from public.orgs where id = new.org_id;
  if not (
    (new.role in ('county_admin', 'county_staff') and k = 'county')
    or (new.role in ('town_admin', 'town_staff') and k = 'town')
    or (new.role in ('village_secretary', 'village_clerk') and k in ('village', 'community'))
    or (new.role = 'unit_liaison' and k = 'unit')
  ) then
    raise exception 'role % cannot be held in an org of kind %', new.role, k using errcode = '23514';
  end if;
  if tg_op = 'UPDATE' then
    -- a membership is revoked, never re-pointed: user, org, role and creation stay as they were
    if new.user_id <> old.user_id or new.org_id <> old.org_id or new.role <> old.role
       or new.created_at <> old.created_at or new.created_by is distinct from old.created_by then
      raise exception 'a membership cannot be re-pointed; revoke it and grant a new one' using errcode = '42501';
    end if;
    if old.revoked_at is not null then
      raise exception 'a revoked membership stays revoked' using errcode = '42501';
    end if;
  end if;
  return new;
end;
$$;
create trigger memberships_check before insert or update on public.memberships
  for each row execute function private.check_membership();

-- Section: pairings (minimal: the full pairing domain extends this table)
create table public.pairings (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references public.orgs (id) on delete restrict,
  village_id uuid not null references public.orgs (id) on delete restrict,
  starts_on date not null,
  ends_on date,
  is_lead boolean not null default false,
  created_at timestamptz not null default now(),
  constraint pairings_period check (ends_on is null or ends_on >= starts_on)
);
comment on table public.pairings is 'Urban-rural pairing of a support unit with a village or community for a period.';
create index pairings_unit_id_idx on public.pairings (unit_id);
create index pairings_village_id_idx on public.pairings (village_id);
alter table public.pairings enable row level security;

create function private.check_pairing() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (select kind from public.orgs where id = new.unit_id) <> 'unit' then
    raise exception 'a pairing joins a support unit' using errcode = '23514';
  end if;
  if (select kind from public.orgs where id = new.village_id) not in ('village', 'community') then
    raise exception 'a pairing joins a village or community' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger pairings_check before insert or update on public.pairings
  for each row execute function private.check_pairing();

-- Section: the permission matrix (role x domain x action x scope), the single source
create table private.permissions (
  role public.app_role not null,
  domain text not null check (domain ~ '^[a-z_]+$'),
  action text not null check (action in ('read', 'create', 'update', 'delete', 'manage')),
  scope text not null check (scope in ('county', 'town', 'village', 'unit', 'own')),
  primary key (role, domain, action)
);
comment on table private.permissions is 'The permission matrix. SQL helpers, route guards and navigation all read it; docs/permissions.md is printed from it.';
alter table private.permissions enable row level security;

insert into private.permissions (role, domain, action, scope) values
  -- county organization department
  ('county_admin', 'orgs', 'read', 'county'),
  ('county_admin', 'orgs', 'update', 'county'),
  ('county_admin', 'users', 'read', 'county'),
  ('county_admin', 'users', 'manage', 'county'),
  ('county_admin', 'pairings', 'read', 'county'),
  ('county_admin', 'pairings', 'manage', 'county'),
  ('county_admin', 'audit', 'read', 'county'),
  ('county_staff', 'orgs', 'read', 'county'),
  ('county_staff', 'users', 'read', 'county'),
  ('county_staff', 'pairings', 'read', 'county'),
  -- town party committee
  ('town_admin', 'orgs', 'read', 'town'),
  ('town_admin', 'orgs', 'update', 'town'),
  ('town_admin', 'users', 'read', 'town'),
  ('town_admin', 'users', 'manage', 'town'),
  ('town_admin', 'pairings', 'read', 'town'),
  ('town_staff', 'orgs', 'read', 'town'),
  ('town_staff', 'users', 'read', 'town'),
  ('town_staff', 'pairings', 'read', 'town'),
  -- village branch
  ('village_secretary', 'orgs', 'read', 'village'),
  ('village_secretary', 'orgs', 'update', 'village'),
  ('village_secretary', 'pairings', 'read', 'village'),
  ('village_clerk', 'orgs', 'read', 'village'),
  ('village_clerk', 'pairings', 'read', 'village'),
  -- support unit
  ('unit_liaison', 'orgs', 'read', 'unit'),
  ('unit_liaison', 'pairings', 'read', 'unit');

-- Section: private helpers (security definer, pinned search_path, evaluated once per statement)

/** Orgs where the caller holds an active membership, with the role. */
create function private.my_memberships()
returns table (org_id uuid, role public.app_role)
language sql stable security definer set search_path = '' as $$
  select m.org_id, m.role
    from public.memberships m
   where m.user_id = (select auth.uid())
     and m.revoked_at is null
$$;

/** Villages paired with a unit the caller is liaison of, on the current date (Asia/Shanghai). */
create function private.paired_village_ids()
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select p.village_id
    from public.pairings p
    join public.memberships m on m.org_id = p.unit_id
   where m.user_id = (select auth.uid())
     and m.revoked_at is null
     and m.role = 'unit_liaison'
     and p.starts_on <= (now() at time zone 'Asia/Shanghai')::date
     and (p.ends_on is null or p.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
$$;

/**
 * Orgs on which the caller may perform (domain, action), following the matrix scope:
 * county/town/village scopes cover the membership org's subtree; unit scope covers the unit
 * and, for reads, its currently paired villages.
 */
create function private.permitted_org_ids(p_domain text, p_action text)
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.descendant_id
    from private.my_memberships() m
    join private.permissions p on p.role = m.role
    join public.org_closure c on c.ancestor_id = m.org_id
   where p.domain = p_domain and p.action = p_action and p.scope in ('county', 'town', 'village')
  union
  select m.org_id
    from private.my_memberships() m
    join private.permissions p on p.role = m.role
   where p.domain = p_domain and p.action = p_action and p.scope = 'unit'
  union
  select v.id
    from private.paired_village_ids() v(id)
   where p_action = 'read'
     and exists (select 1 from private.my_memberships() m
                   join private.permissions p on p.role = m.role
                  where m.role = 'unit_liaison' and p.domain = p_domain and p.action = 'read')
$$;

/** Orgs the caller may read as rows of the tree: its permitted orgs plus their ancestors (names only matter). */
create function private.readable_org_ids()
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.ancestor_id
    from public.org_closure c
   where c.descendant_id in (select private.permitted_org_ids('orgs', 'read'))
$$;

/** Does the caller hold (domain, action) on this org? */
create function private.can(p_domain text, p_action text, p_org_id uuid)
returns boolean
language sql stable security definer set search_path = '' as $$
  select p_org_id in (select private.permitted_org_ids(p_domain, p_action))
$$;

/** Users with a membership (active or not) somewhere the caller may read users. */
create function private.visible_user_ids()
returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.user_id from public.memberships m
   where m.org_id in (select private.permitted_org_ids('users', 'read'))
  union
  select (select auth.uid())
$$;

revoke all on all functions in schema private from public;
grant execute on function
  private.my_memberships(), private.paired_village_ids(), private.permitted_org_ids(text, text),
  private.readable_org_ids(), private.can(text, text, uuid), private.visible_user_ids()
  to authenticated;

-- Section: grants (RLS decides the rows; anon gets nothing)
-- revoke from authenticated too: on Supabase, default privileges grant ALL (truncate included) on
-- new public tables to anon and authenticated, which would void the column grants below
revoke all on public.orgs, public.org_closure, public.profiles, public.memberships, public.pairings from anon, authenticated;
-- profile columns only: kind, parent_id, code, unit_level and is_active shape the tree and the
-- scopes, so they change on the service path (a village must not re-parent itself into another town)
grant select on public.orgs to authenticated;
grant update (name, name_en, secretary_name, secretary_phone, households, population) on public.orgs to authenticated;
grant select on public.org_closure to authenticated;
grant select, update (display_name, phone) on public.profiles to authenticated;
grant select, insert on public.memberships to authenticated;
grant update (revoked_at, revoked_by) on public.memberships to authenticated;
grant select, insert, update, delete on public.pairings to authenticated;
grant all on public.orgs, public.org_closure, public.profiles, public.memberships, public.pairings to service_role;

-- Section: RLS policies

-- orgs
create policy "Orgs are viewable within the caller's scope and up its ancestry"
  on public.orgs for select to authenticated
  using (id in (select private.readable_org_ids()));
create policy "Orgs are editable by roles that may update them"
  on public.orgs for update to authenticated
  using (id in (select private.permitted_org_ids('orgs', 'update')))
  with check (id in (select private.permitted_org_ids('orgs', 'update')));
-- No insert or delete policy: the tree is provisioned on the service path (npm run admin).

-- org_closure
create policy "Ancestry rows are viewable for readable orgs"
  on public.org_closure for select to authenticated
  using (descendant_id in (select private.readable_org_ids()));

-- profiles
create policy "Profiles are viewable by their owner and by those who may read users of their orgs"
  on public.profiles for select to authenticated
  using (user_id in (select private.visible_user_ids()));
create policy "Profiles are editable by their owner"
  on public.profiles for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- memberships
create policy "Memberships are viewable by their holder and by those who may read users of the org"
  on public.memberships for select to authenticated
  using (
    user_id = (select auth.uid())
    or org_id in (select private.permitted_org_ids('users', 'read'))
  );
create policy "Memberships are granted by those who may manage users of the org"
  on public.memberships for insert to authenticated
  with check (
    org_id in (select private.permitted_org_ids('users', 'manage'))
    and created_by = (select auth.uid())
    and revoked_at is null
  );
create policy "Memberships are revoked by those who may manage users of the org"
  on public.memberships for update to authenticated
  using (org_id in (select private.permitted_org_ids('users', 'manage')))
  with check (
    org_id in (select private.permitted_org_ids('users', 'manage'))
    and revoked_by = (select auth.uid())
  );
-- No delete policy: memberships are revoked, never deleted, so the history stays.

-- pairings
create policy "Pairings are viewable by the village's scope and by the paired unit"
  on public.pairings for select to authenticated
  using (
    village_id in (select private.permitted_org_ids('pairings', 'read'))
    or unit_id in (select private.permitted_org_ids('pairings', 'read'))
  );
create policy "Pairings are created by those who manage pairings of the village"
  on public.pairings for insert to authenticated
  with check (village_id in (select private.permitted_org_ids('pairings', 'manage')));
create policy "Pairings are changed by those who manage pairings of the village"
  on public.pairings for update to authenticated
  using (village_id in (select private.permitted_org_ids('pairings', 'manage')))
  with check (village_id in (select private.permitted_org_ids('pairings', 'manage')));
create policy "Pairings are deleted by those who manage pairings of the village"
  on public.pairings for delete to authenticated
  using (village_id in (select private.permitted_org_ids('pairings', 'manage')));

-- Section: public API functions

/** The caller's active memberships with org names, for the portal switcher. */
create function public.my_portals()
returns table (org_id uuid, org_kind public.org_kind, org_name text, org_name_en text, role public.app_role)
language sql stable security definer set search_path = '' as $$
  select o.id, o.kind, o.name, o.name_en, m.role
    from private.my_memberships() m
    join public.orgs o on o.id = m.org_id
   order by array_position(array['county_admin','county_staff','town_admin','town_staff',
            'village_secretary','village_clerk','unit_liaison']::public.app_role[], m.role), o.name
$$;

/** The permission matrix, readable by any signed-in user (it is the product's documentation). */
create function public.permission_matrix()
returns table (role public.app_role, domain text, action text, scope text)
language sql stable security definer set search_path = '' as $$
  select role, domain, action, scope from private.permissions order by role, domain, action
$$;

/** Does the caller hold (domain, action) on this org? */
create function public.can(p_domain text, p_action text, p_org_id uuid)
returns boolean
language sql stable security definer set search_path = '' as $$
  select private.can(p_domain, p_action, p_org_id)
$$;

revoke all on function public.my_portals(), public.permission_matrix(), public.can(text, text, uuid) from public, anon;
grant execute on function public.my_portals(), public.permission_matrix(), public.can(text, text, uuid) to authenticated;
