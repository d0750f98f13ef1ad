-- Test helpers for the pgTAP suite, in the style of basejump's supabase_test_helpers.
-- pg_prove runs the files in name order, one session each, in the same database, so this file
-- commits: every later file calls tests.* and rolls back its own fixture. 999_teardown drops it.
--
--   tests.create_user(email, display_name)   a user shaped like GoTrue's, plus its profile
--   tests.authenticate_as(email)             role authenticated + request.jwt.claims, as withUser does
--   tests.authenticate_as_anon()             role anon, no subject
--   tests.clear_authentication()             back to the session role (postgres), claims cleared
--   tests.claims_of(email)                   the user's claims only, keeping the role: to call the
--                                            security-definer scope helpers as that user and write between calls
--   tests.create_fixture()                   the org tree, units, pairings and one user per role
--   tests.today()                            today in Asia/Shanghai, as the RLS helpers count it
--   tests.org(key) / tests.org_key(id)       fixture org by key ('V1a', 'U-prov', ...) and back
--   tests.user_id(email) / tests.email(id)   fixture user by email and back
--   tests.pairing_id(unit key, village key)  fixture pairing
--   tests.membership_id(email, role [, org]) a user's membership in the given role
--   tests.month(offset)                      first day of the month offset months from this one
--   tests.month_offset(period)               and back: -2 for the month before last
--   tests.create_report_fixture()            report templates and monthly reports in every state
--   tests.report_id(village key, offset)     a fixture report by village and month offset
--
-- The lookups are security definer so they keep working after the role switch; they exist only
-- in test databases. Nothing here is granted that a test asserts about.

begin;

create schema if not exists tests;
revoke all on schema tests from public;
grant usage on schema tests to anon, authenticated, service_role;

-- Section: time

/** Today in Asia/Shanghai: the date private.paired_village_ids() compares pairings with. */
create or replace function tests.today() returns date
language sql stable set search_path = '' as $$
  select (now() at time zone 'Asia/Shanghai')::date
$$;

-- Section: users

/** Inserts a confirmed email user the way GoTrue does, and its directory profile. Returns its id. */
create or replace function tests.create_user(p_email text, p_display_name text default null)
returns uuid
language plpgsql set search_path = '' as $$
declare
  uid uuid := gen_random_uuid();
begin
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    confirmation_token, recovery_token, raw_app_meta_data, raw_user_meta_data,
    is_super_admin, created_at, updated_at, is_sso_user, is_anonymous
  ) values (
    '00000000-0000-0000-0000-000000000000', uid, 'authenticated', 'authenticated', lower(p_email),
    -- bcrypt of a throwaway password: the shape matters, not the value
    '$2a$10$abcdefghijklmnopqrstuuJ0bq0o9QmYwF8hFZPc4Ykn7y0l7eWm2',
    now(), '', '', '{"provider": "email", "providers": ["email"]}'::jsonb, '{}'::jsonb,
    false, now(), now(), false, false
  );
  insert into public.profiles (user_id, email, display_name)
  values (uid, lower(p_email), coalesce(p_display_name, split_part(p_email, '@', 1)));
  return uid;
end;
$$;

/** The id of the user with this email (security definer: works after the role switch). */
create or replace function tests.user_id(p_email text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  uid uuid;
begin
  select u.id into uid from auth.users u where u.email = lower(p_email);
  if uid is null then
    raise exception 'tests.user_id: no user %', p_email;
  end if;
  return uid;
end;
$$;

/** The email of a user id, for readable assertions. */
create or replace function tests.email(p_user_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select u.email::text from auth.users u where u.id = p_user_id
$$;

-- Section: authentication (plain functions: a security definer function may not set role)

/** Act as this user for the rest of the transaction: role authenticated and GoTrue-shaped claims. */
create or replace function tests.authenticate_as(p_email text) returns void
language plpgsql set search_path = '' as $$
declare
  uid uuid := tests.user_id(p_email);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object(
    'sub', uid,
    'role', 'authenticated',
    'aud', 'authenticated',
    'email', lower(p_email),
    'exp', extract(epoch from now() + interval '1 hour')::bigint,
    'session_id', gen_random_uuid()
  )::text, true);
  -- app/lib/db.server.ts withUser sets these two as well
  perform set_config('request.jwt.claim.sub', uid::text, true);
  perform set_config('request.jwt.claim.role', 'authenticated', true);
end;
$$;

/** Act as a visitor who is not signed in. */
create or replace function tests.authenticate_as_anon() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role": "anon"}', true);
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('request.jwt.claim.role', 'anon', true);
end;
$$;

/** Back to the session role with no claims (the table owner: RLS does not apply). */
create or replace function tests.clear_authentication() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('request.jwt.claim.role', '', true);
end;
$$;

/**
 * The user's claims (both settings auth.uid() reads) without a role switch: the scope helpers are security
 * definer and see the caller only through auth.uid(), so a test can ask them as a user and still write.
 */
create or replace function tests.claims_of(p_email text) returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('request.jwt.claims', json_build_object('sub', tests.user_id(p_email), 'role', 'authenticated')::text, true);
  perform set_config('request.jwt.claim.sub', tests.user_id(p_email)::text, true);
end;
$$;

-- Section: fixture keys

/** The fixture's orgs: a short key for each statistical or unit code. */
create or replace function tests.fixture_orgs() returns table (key text, code text)
language sql immutable set search_path = '' as $$
  values
    ('P', '440000'), ('C', '440200'),
    ('A', '440232'), ('T1', '440232100000'), ('T2', '440232102000'),
    ('V1a', '440232100201'), ('V1b', '440232100202'), ('C1', '440232100001'), ('V2a', '440232102201'),
    ('B', '440229'), ('TB', '440229100000'), ('VB', '440229100201'),
    ('U-county', 'UNIT-RY-FIN'), ('U-prov', 'UNIT-GD-DRC'),
    ('U-ended', 'UNIT-RY-EDU'), ('U-unpaired', 'UNIT-SG-RCB')
$$;

/** The id of a fixture org by key ('V1a') or by code. */
create or replace function tests.org(p_key text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  oid_ uuid;
begin
  select o.id into oid_
    from public.orgs o
   where o.code = coalesce((select f.code from tests.fixture_orgs() f where f.key = p_key), p_key);
  if oid_ is null then
    raise exception 'tests.org: no org %', p_key;
  end if;
  return oid_;
end;
$$;

/** The fixture key of an org id (its code when it has no key, its name when it has no code). */
create or replace function tests.org_key(p_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select coalesce(f.key, o.code, o.name)
    from public.orgs o
    left join tests.fixture_orgs() f on f.code = o.code
   where o.id = p_id
$$;

/** The pairing of a unit with a village (fixture keys). */
create or replace function tests.pairing_id(p_unit text, p_village text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  pid uuid;
begin
  select p.id into strict pid
    from public.pairings p
   where p.unit_id = tests.org(p_unit) and p.village_id = tests.org(p_village);
  return pid;
end;
$$;

/** The membership of a user in a role (and org, when the user holds the role twice); strict. */
create or replace function tests.membership_id(p_email text, p_role public.app_role, p_org text default null)
returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  mid uuid;
begin
  select m.id into strict mid
    from public.memberships m
   where m.user_id = tests.user_id(p_email) and m.role = p_role
     and (p_org is null or m.org_id = tests.org(p_org));
  return mid;
end;
$$;

-- Section: the fixture

/**
 * Builds, inside the calling transaction:
 *
 *   P  广东省 440000
 *   └ C  韶关市 440200
 *     ├ A  乳源瑶族自治县 440232
 *     │ ├ T1 乳城镇            ├ V1a 高峰村, V1b 新兴村, C1 鹰峰社区 (community)
 *     │ ├ T2 桂头镇            └ V2a 杨溪村
 *     │ ├ U-county  县财政局 (county unit)   paired with V1a since a year, and with V2a from tomorrow
 *     │ └ U-ended   县教育局 (county unit)   paired with V1b until yesterday
 *     ├ B  翁源县 440229
 *     │ └ TB 龙仙镇 └ VB 三华村
 *     └ U-unpaired 韶关农商银行 (municipal unit, no pairing)
 *   └ U-prov 省发展改革委 (provincial unit)  paired with V2a (county A) and VB (county B, from today)
 *
 * and one user per role (emails below), plus a secretary whose membership was revoked yesterday
 * and a user with no membership at all.
 */
create or replace function tests.create_fixture() returns void
language plpgsql set search_path = '' as $$
declare
  today date := tests.today();
  revoker uuid;
  revoked uuid;
begin
  -- Section: the administrative tree
  insert into public.orgs (kind, parent_id, code, name, name_en) values
    ('province', null, '440000', '广东省', 'Guangdong Province');
  insert into public.orgs (kind, parent_id, code, name, name_en) values
    ('city', tests.org('P'), '440200', '韶关市', 'Shaoguan City');
  insert into public.orgs (kind, parent_id, code, name, name_en) values
    ('county', tests.org('C'), '440232', '乳源瑶族自治县', 'Ruyuan Yao Autonomous County'),
    ('county', tests.org('C'), '440229', '翁源县', 'Wengyuan County');
  insert into public.orgs (kind, parent_id, code, name, name_en) values
    ('town', tests.org('A'), '440232100000', '乳城镇', 'Rucheng Town'),
    ('town', tests.org('A'), '440232102000', '桂头镇', 'Guitou Town'),
    ('town', tests.org('B'), '440229100000', '龙仙镇', 'Longxian Town');
  insert into public.orgs (kind, parent_id, code, name, name_en, secretary_name, households, population) values
    ('village', tests.org('T1'), '440232100201', '高峰村', 'Gaofeng Village', '李明', 420, 1630),
    ('village', tests.org('T1'), '440232100202', '新兴村', 'Xinxing Village', '王芳', 310, 1205),
    ('community', tests.org('T1'), '440232100001', '鹰峰社区', 'Yingfeng Community', '张伟', 1800, 5200),
    ('village', tests.org('T2'), '440232102201', '杨溪村', 'Yangxi Village', '陈静', 380, 1490),
    ('village', tests.org('TB'), '440229100201', '三华村', 'Sanhua Village', '刘洋', 510, 2010);

  -- Section: support units
  insert into public.orgs (kind, parent_id, code, name, name_en, unit_level, unit_type) values
    ('unit', tests.org('A'), 'UNIT-RY-FIN', '乳源瑶族自治县财政局', 'Ruyuan County Finance Bureau', 'county', 'agency'),
    ('unit', tests.org('A'), 'UNIT-RY-EDU', '乳源瑶族自治县教育局', 'Ruyuan County Education Bureau', 'county', 'agency'),
    ('unit', tests.org('P'), 'UNIT-GD-DRC', '广东省发展和改革委员会', 'Guangdong Development and Reform Commission', 'provincial', 'agency'),
    ('unit', tests.org('C'), 'UNIT-SG-RCB', '韶关农村商业银行', 'Shaoguan Rural Commercial Bank', 'municipal', 'enterprise');

  -- Section: pairings, dated relative to today in Asia/Shanghai
  insert into public.pairings (unit_id, village_id, starts_on, ends_on, is_lead) values
    (tests.org('U-county'), tests.org('V1a'), today - 365, null, true),
    (tests.org('U-county'), tests.org('V2a'), today + 1, null, false),        -- not started yet
    (tests.org('U-prov'), tests.org('V2a'), today - 30, today + 700, true),
    (tests.org('U-prov'), tests.org('VB'), today, today + 700, true),         -- starts today
    (tests.org('U-ended'), tests.org('V1b'), today - 730, today - 1, true);   -- ended yesterday

  -- Section: users and memberships
  perform tests.create_user('county.admin.a@test', '乳源县委组织部管理员');
  perform tests.create_user('county.staff.a@test', '乳源县委组织部干部');
  perform tests.create_user('county.admin.b@test', '翁源县委组织部管理员');
  perform tests.create_user('town.admin.t1@test', '乳城镇管理员');
  perform tests.create_user('town.staff.t2@test', '桂头镇干部');
  perform tests.create_user('village.secretary.v1a@test', '李明');
  perform tests.create_user('village.clerk.v1a@test', '高峰村文书');
  perform tests.create_user('village.secretary.v2a@test', '陈静');
  perform tests.create_user('village.secretary.b@test', '刘洋');
  perform tests.create_user('revoked.secretary.v1b@test', '王芳');
  perform tests.create_user('unit.liaison.county@test', '县财政局联络员');
  perform tests.create_user('unit.liaison.provincial@test', '省发改委联络员');
  perform tests.create_user('unit.liaison.ended@test', '县教育局联络员');
  perform tests.create_user('unit.liaison.unpaired@test', '农商银行联络员');
  perform tests.create_user('no.role@test', '无角色用户');

  insert into public.memberships (user_id, org_id, role) values
    (tests.user_id('county.admin.a@test'), tests.org('A'), 'county_admin'),
    (tests.user_id('county.staff.a@test'), tests.org('A'), 'county_staff'),
    (tests.user_id('county.admin.b@test'), tests.org('B'), 'county_admin'),
    (tests.user_id('town.admin.t1@test'), tests.org('T1'), 'town_admin'),
    (tests.user_id('town.staff.t2@test'), tests.org('T2'), 'town_staff'),
    (tests.user_id('village.secretary.v1a@test'), tests.org('V1a'), 'village_secretary'),
    (tests.user_id('village.clerk.v1a@test'), tests.org('V1a'), 'village_clerk'),
    (tests.user_id('village.secretary.v2a@test'), tests.org('V2a'), 'village_secretary'),
    (tests.user_id('village.secretary.b@test'), tests.org('VB'), 'village_secretary'),
    (tests.user_id('revoked.secretary.v1b@test'), tests.org('V1b'), 'village_secretary'),
    (tests.user_id('unit.liaison.county@test'), tests.org('U-county'), 'unit_liaison'),
    (tests.user_id('unit.liaison.provincial@test'), tests.org('U-prov'), 'unit_liaison'),
    (tests.user_id('unit.liaison.ended@test'), tests.org('U-ended'), 'unit_liaison'),
    (tests.user_id('unit.liaison.unpaired@test'), tests.org('U-unpaired'), 'unit_liaison');

  -- ids into variables first: the planner pre-evaluates stable calls in a where clause with the
  -- snapshot of the outer statement, which does not see the users inserted above
  revoker := tests.user_id('county.admin.a@test');
  revoked := tests.user_id('revoked.secretary.v1b@test');
  update public.memberships
     set revoked_at = now() - interval '1 day', revoked_by = revoker
   where user_id = revoked;
end;
$$;

-- Section: monthly reports

/** First day of the month p_offset months from this one (Asia/Shanghai): tests.month(-1) is last month. */
create or replace function tests.month(p_offset integer default 0) returns date
language sql stable set search_path = '' as $$
  select (date_trunc('month', tests.today()) + make_interval(months => p_offset))::date
$$;

/** How many months p_period lies from this one: tests.month_offset(tests.month(-2)) = -2. */
create or replace function tests.month_offset(p_period date) returns integer
language sql stable set search_path = '' as $$
  select ((extract(year from p_period) - extract(year from tests.today())) * 12
          + extract(month from p_period) - extract(month from tests.today()))::integer
$$;

/** The fixture report of a village (key) for the month p_offset months from this one; strict. */
create or replace function tests.report_id(p_village text, p_offset integer) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  rid uuid;
begin
  select r.id into strict rid
    from public.monthly_reports r
   where r.village_id = tests.org(p_village) and r.period = tests.month(p_offset);
  return rid;
end;
$$;

/**
 * Needs tests.create_fixture(). Adds, on the service path (explicit states, as the demo seed does):
 *
 *   templates  A v1 from 12 months ago, A v2 from this month (due day 5); B v1 from 12 months ago
 *   reports    (offset = months from this one; on time / late against due_on, the 5th of the next month)
 *     V1a  -2  approved    on time   submitted > approved
 *     V1a  -1  submitted   on time   submitted
 *     V1a   0  draft
 *     V1b  -1  returned    on time   submitted > returned (reason)
 *     C1   -1  approved    late      submitted > approved
 *     V2a  -1  approved    on time   submitted > returned > submitted > approved
 *     VB   -1  submitted   on time   submitted                     (county B)
 *   so last month in county A: expected 4 (V1a, V1b, C1, V2a), submitted 4, on time 3, late 1,
 *   approved 2; T1 alone: expected 3, submitted 3, on time 2, late 1, approved 1, missing 0.
 */
create or replace function tests.create_report_fixture() returns void
language plpgsql set search_path = '' as $$
declare
  definition jsonb := '{"sections": [{"key": "branch_life", "label": {"zh-CN": "组织生活", "en": "Branch life"},
    "fields": [
      {"key": "party_lectures", "type": "integer", "label": {"zh-CN": "党课", "en": "Party lectures"}, "min": 0, "max": 10, "required": true, "outlierCheck": true},
      {"key": "work_done", "type": "longtext", "label": {"zh-CN": "本月主要工作", "en": "Work done"}, "required": true, "outlierCheck": false}
    ]}]}';
  sec_v1a uuid := tests.user_id('village.secretary.v1a@test');
  sec_v2a uuid := tests.user_id('village.secretary.v2a@test');
  sec_b uuid := tests.user_id('village.secretary.b@test');
  town_t1 uuid := tests.user_id('town.admin.t1@test');
  town_t2 uuid := tests.user_id('town.staff.t2@test');
  -- submission times, as Asia/Shanghai wall-clock: 10:00 two days before the due date, or three days after it
  on_time timestamptz := ((tests.month(0) + 2)::timestamp + interval '10 hours') at time zone 'Asia/Shanghai';
  late timestamptz := ((tests.month(0) + 7)::timestamp + interval '10 hours') at time zone 'Asia/Shanghai';
  r record;
begin
  insert into public.report_templates (county_id, version, valid_from, due_day, definition) values
    (tests.org('A'), 1, tests.month(-12), 5, definition),
    (tests.org('A'), 2, tests.month(0), 5, jsonb_set(definition, '{sections,0,fields,2}',
      '{"key": "volunteer_services", "type": "integer", "label": {"zh-CN": "党员志愿服务次数", "en": "Volunteer services"}, "min": 0, "max": 50, "required": false, "outlierCheck": false}')),
    (tests.org('B'), 1, tests.month(-12), 5, definition);

  insert into public.monthly_reports
    (village_id, period, state, values, revision, first_submitted_at, submitted_at, submitted_by, reviewed_at, reviewed_by, created_by)
  values
    (tests.org('V1a'), tests.month(-2), 'approved', '{"party_lectures": 1, "work_done": "八月工作"}', 3,
     on_time - interval '1 month', on_time - interval '1 month', sec_v1a, on_time - interval '1 month' + interval '1 day', town_t1, sec_v1a),
    (tests.org('V1a'), tests.month(-1), 'submitted', '{"party_lectures": 2, "work_done": "九月工作"}', 2,
     on_time, on_time, sec_v1a, null, null, sec_v1a),
    (tests.org('V1a'), tests.month(0), 'draft', '{"party_lectures": 1}', 1, null, null, null, null, null, sec_v1a),
    (tests.org('V1b'), tests.month(-1), 'returned', '{"party_lectures": 0, "work_done": "九月工作"}', 3,
     on_time, on_time, null, on_time + interval '1 day', town_t1, null),
    (tests.org('C1'), tests.month(-1), 'approved', '{"party_lectures": 1, "work_done": "社区九月工作"}', 3,
     late, late, null, late + interval '1 day', town_t1, null),
    (tests.org('V2a'), tests.month(-1), 'approved', '{"party_lectures": 1, "work_done": "九月工作，已补充"}', 6,
     on_time, on_time + interval '2 days', sec_v2a, on_time + interval '3 days', town_t2, sec_v2a),
    (tests.org('VB'), tests.month(-1), 'submitted', '{"party_lectures": 1, "work_done": "三华村九月工作"}', 2,
     on_time, on_time, sec_b, null, null, sec_b);

  for r in select * from public.monthly_reports loop
    if r.state = 'draft' then
      continue;
    end if;
    insert into public.report_transitions (report_id, village_id, from_state, to_state, values, actor_id, occurred_at)
    values (r.id, r.village_id, 'draft', 'submitted',
            case when r.submitted_at = r.first_submitted_at then r.values else r.values - 'work_done' || '{"work_done": "九月工作"}' end,
            r.submitted_by, r.first_submitted_at);
    if r.submitted_at <> r.first_submitted_at then
      insert into public.report_transitions (report_id, village_id, from_state, to_state, reason, actor_id, occurred_at)
      values (r.id, r.village_id, 'submitted', 'returned', '请补充本月主要工作', r.reviewed_by, r.first_submitted_at + interval '1 day');
      insert into public.report_transitions (report_id, village_id, from_state, to_state, values, actor_id, occurred_at)
      values (r.id, r.village_id, 'returned', 'submitted', r.values, r.submitted_by, r.submitted_at);
    end if;
    if r.state in ('approved', 'returned') then
      insert into public.report_transitions (report_id, village_id, from_state, to_state, reason, actor_id, occurred_at)
      values (r.id, r.village_id, 'submitted', r.state,
              case when r.state = 'returned' then '党课次数有误，请核实' end, r.reviewed_by, r.reviewed_at);
    end if;
  end loop;
end;
$$;

-- Section: pairing (cadres, households, activities, visits, concerns)

/** The name of a cadre by id, whatever the caller may see (for readable assertions). */
create or replace function tests.cadre_name(p_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select c.name from public.cadres c where c.id = p_id
$$;

/** A fixture cadre by name; strict. */
create or replace function tests.cadre_id(p_name text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  cid uuid;
begin
  select c.id into strict cid from public.cadres c where c.name = p_name;
  return cid;
end;
$$;

/** A fixture household by head name ('H-V1a'); strict. */
create or replace function tests.household_id(p_head text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  hid uuid;
begin
  select h.id into strict hid from public.households h where h.head_name = p_head;
  return hid;
end;
$$;

/** A fixture case by title ('V1a/U-county'); strict. */
create or replace function tests.case_id(p_title text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  kid uuid;
begin
  select k.id into strict kid from public.concern_cases k where k.title = p_title;
  return kid;
end;
$$;

/**
 * Needs tests.create_fixture(). Adds, on the service path:
 *
 *   cadres      cad-U-county, cad-U-prov-A, cad-U-ended, cad-A (county organs) in county A;
 *               cad-U-prov-B, cad-B in county B
 *   postings    cad-U-county@V1a (first secretary), cad-U-ended@V1b, cad-U-prov-A@V2a, cad-U-prov-B@VB, cad-A@C1
 *   households  H-V1a, H-V1b, H-V2a, H-VB (head names), each paired with the cadre posted there
 *   activities, visits, concern files, opinions and cases keyed '<village>/<unit>' (the record's title,
 *   notes, person, content or title): V1a/U-county, V1a/- (the village's own), V1b/U-ended,
 *   V2a/U-prov, VB/U-prov, C1/-; concern files, opinions and cases add V1a/p (private, the village's).
 */
create or replace function tests.create_pairing_fixture() returns void
language plpgsql set search_path = '' as $$
declare
  today date := tests.today();
  actor uuid := tests.user_id('village.secretary.v1a@test');
  r record;
  fid uuid;
  oid_ uuid;
  vid uuid;
  -- a unit's record is dated within its pairing with the village (migration 20261129000019): U-prov's
  -- pairing with VB starts today, so VB's records are of today; the others' of the last two days
  vb_day date;
begin
  insert into public.cadres (county_id, unit_id, name, phone, title) values
    (tests.org('A'), tests.org('U-county'), 'cad-U-county', '138-0000-0001', '科长'),
    (tests.org('A'), tests.org('U-prov'), 'cad-U-prov-A', null, '处长'),
    (tests.org('A'), tests.org('U-ended'), 'cad-U-ended', null, null),
    (tests.org('A'), null, 'cad-A', null, '县委组织部干部'),
    (tests.org('B'), tests.org('U-prov'), 'cad-U-prov-B', null, null),
    (tests.org('B'), null, 'cad-B', null, null);
  insert into public.cadre_postings (cadre_id, village_id, post, starts_on) values
    (tests.cadre_id('cad-U-county'), tests.org('V1a'), 'first_secretary', today - 300),
    (tests.cadre_id('cad-U-ended'), tests.org('V1b'), 'village_cadre', today - 300),
    (tests.cadre_id('cad-U-prov-A'), tests.org('V2a'), 'village_cadre', today - 20),
    (tests.cadre_id('cad-U-prov-B'), tests.org('VB'), 'first_secretary', today),
    (tests.cadre_id('cad-A'), tests.org('C1'), 'village_cadre', today - 100);
  insert into public.households (village_id, head_name, members, phone, situation, poverty_status) values
    (tests.org('V1a'), 'H-V1a', 4, '139-0000-0001', '因病致贫', 'lifted'),
    (tests.org('V1b'), 'H-V1b', 3, null, null, 'monitored'),
    (tests.org('V2a'), 'H-V2a', 5, null, null, 'poor'),
    (tests.org('VB'), 'H-VB', 2, null, null, 'not_poor');
  insert into public.household_pairs (cadre_id, household_id, village_id, starts_on) values
    (tests.cadre_id('cad-U-county'), tests.household_id('H-V1a'), tests.org('V1a'), today - 200),
    (tests.cadre_id('cad-U-ended'), tests.household_id('H-V1b'), tests.org('V1b'), today - 200),
    (tests.cadre_id('cad-U-prov-A'), tests.household_id('H-V2a'), tests.org('V2a'), today - 10),
    (tests.cadre_id('cad-U-prov-B'), tests.household_id('H-VB'), tests.org('VB'), today);
  for r in select * from (values ('V1a', 'U-county', false), ('V1a', null, false), ('V1b', 'U-ended', false),
                                 ('V2a', 'U-prov', false), ('VB', 'U-prov', false), ('C1', null, false),
                                 ('V1a', null, true)) t(v, u, priv) loop
    vb_day := case when r.v = 'VB' then today end;
    if not r.priv then
      insert into public.pairing_activities (village_id, unit_id, kind, occurred_on, title, participants, funds, created_by)
      values (tests.org(r.v), case when r.u is not null then tests.org(r.u) end,
              (case when r.u is null then 'help_cultivate_leaders' else 'deliver_care' end)::public.activity_kind,
              coalesce(vb_day, today - 2), r.v || '/' || coalesce(r.u, '-'), 10, 1000, actor);
      insert into public.visits (village_id, unit_id, visited_on, people_met, notes, created_by)
      values (tests.org(r.v), case when r.u is not null then tests.org(r.u) end, coalesce(vb_day, today - 1), 3,
              r.v || '/' || coalesce(r.u, '-'), actor)
      returning id into vid;
    end if;
    insert into public.concern_files (village_id, person_name, opened_on, is_private, unit_id, created_by)
    values (tests.org(r.v), r.v || '/' || case when r.priv then 'p' else coalesce(r.u, '-') end, coalesce(vb_day, today - 1), r.priv,
            case when r.u is not null then tests.org(r.u) end, actor)
    returning id into fid;
    insert into public.opinions (village_id, concern_file_id, content, raised_on, is_private, unit_id, created_by)
    values (tests.org(r.v), fid, r.v || '/' || case when r.priv then 'p' else coalesce(r.u, '-') end, coalesce(vb_day, today - 1), r.priv,
            case when r.u is not null then tests.org(r.u) end, actor)
    returning id into oid_;
    -- a unit's case is registered the day its opinion was raised, while paired (migration 20261129000020:
    -- U-ended's pairing ended yesterday); the village's own, now
    insert into public.concern_cases (village_id, concern_file_id, opinion_id, title, is_private, unit_id, created_by, created_at)
    values (tests.org(r.v), fid, oid_, r.v || '/' || case when r.priv then 'p' else coalesce(r.u, '-') end, r.priv,
            case when r.u is not null then tests.org(r.u) end, actor,
            case when r.u is not null and vb_day is null then now() - interval '1 day' else now() end);
  end loop;
end;
$$;

-- Section: grants. Only the role switch and the lookups are callable after switching role.
revoke all on all functions in schema tests from public;
grant execute on function
  tests.today(), tests.user_id(text), tests.email(uuid),
  tests.authenticate_as(text), tests.authenticate_as_anon(), tests.clear_authentication(),
  tests.fixture_orgs(), tests.org(text), tests.org_key(uuid),
  tests.pairing_id(text, text), tests.membership_id(text, public.app_role, text),
  tests.month(integer), tests.month_offset(date), tests.report_id(text, integer),
  tests.cadre_name(uuid), tests.cadre_id(text), tests.household_id(text), tests.case_id(text)
  to anon, authenticated, service_role;

commit;

-- Section: the helpers work (a transaction of its own: the fixture is rolled back)
begin;
select plan(19);

select has_function('tests', 'create_fixture', 'tests.create_fixture() exists');
select has_function('tests', 'authenticate_as', array['text'], 'tests.authenticate_as(email) exists');

select tests.create_fixture();

select is((select count(*)::int from public.orgs), 16, 'the fixture has 16 orgs');
select is((select count(*)::int from public.memberships where revoked_at is null), 13, 'the fixture has 13 active memberships');
select is((select count(*)::int from public.pairings), 5, 'the fixture has 5 pairings');

select tests.authenticate_as('village.secretary.v1a@test');
select is(current_user::text, 'authenticated', 'authenticate_as switches to the authenticated role');
select is((select auth.uid()), tests.user_id('village.secretary.v1a@test'), 'auth.uid() is the user authenticated as');
select is((select auth.jwt() ->> 'email'), 'village.secretary.v1a@test', 'the claims carry the email');
select tests.clear_authentication();
select is(current_user::text, session_user::text, 'clear_authentication returns to the session role');
select ok((select auth.uid()) is null, 'and clears the subject');

select tests.authenticate_as_anon();
select is(current_user::text, 'anon', 'authenticate_as_anon switches to anon');
select tests.clear_authentication();

select is(
  (select count(*)::int from public.pairings
    where starts_on <= tests.today() and (ends_on is null or ends_on >= tests.today())),
  3, 'three pairings are active today (Asia/Shanghai)'
);

select tests.create_report_fixture();
select is((select count(*)::int from public.report_templates), 3, 'the report fixture has 3 templates');
select is(
  (select string_agg(state::text, ',' order by state) from public.monthly_reports),
  'draft,submitted,submitted,returned,approved,approved,approved',
  'and 7 reports in every state but reopened'
);
select is((select count(*)::int from public.report_transitions), 12, 'and 12 transitions');
select is(
  (select template_id from public.monthly_reports where id = tests.report_id('V1a', 0)),
  (select id from public.report_templates where county_id = tests.org('A') and version = 2),
  'this month''s report is filed under the version valid this month'
);

select tests.create_pairing_fixture();
select is((select count(*)::int from public.cadres), 6, 'the pairing fixture has 6 cadres');
select is((select count(*)::int from public.concern_cases), 7, 'and 7 cases');
select is((select count(*)::int from public.concern_case_events where to_state = 'open'), 7, 'each opened by an event');

select * from finish();
rollback;
