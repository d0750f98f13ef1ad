-- Monthly reports: a versioned template per county, one report per village per month, a workflow
-- draft -> submitted -> returned -> submitted ... -> approved -> reopened, and its history.
-- State changes go through the security-definer functions at the end, which check the caller's
-- permission explicitly; RLS lets a village edit only its own report while it is editable.

-- Section: permissions (new actions for the workflow)
alter table private.permissions drop constraint permissions_action_check;
alter table private.permissions add constraint permissions_action_check
  check (action in ('read', 'create', 'update', 'delete', 'manage', 'submit', 'review'));

insert into private.permissions (role, domain, action, scope) values
  ('county_admin', 'reports', 'read', 'county'),
  ('county_admin', 'report_templates', 'manage', 'county'),
  ('county_staff', 'reports', 'read', 'county'),
  ('town_admin', 'reports', 'read', 'town'),
  ('town_admin', 'reports', 'review', 'town'),
  ('town_staff', 'reports', 'read', 'town'),
  ('town_staff', 'reports', 'review', 'town'),
  ('village_secretary', 'reports', 'read', 'village'),
  ('village_secretary', 'reports', 'update', 'village'),
  ('village_secretary', 'reports', 'submit', 'village'),
  ('village_clerk', 'reports', 'read', 'village'),
  ('village_clerk', 'reports', 'update', 'village');

-- Section: when a village or community is expected to report
alter table public.orgs
  add column active_from date,
  add column active_until date,
  add constraint orgs_active_period check (active_until is null or active_from is null or active_until >= active_from);
comment on column public.orgs.active_from is 'First day the org exists for reporting (null: always). Monthly reports are expected from villages active in the month.';

-- Section: types
create type public.report_state as enum ('draft', 'submitted', 'returned', 'approved', 'reopened');

-- Section: report_templates
create table public.report_templates (
  id uuid primary key default gen_random_uuid(),
  county_id uuid not null references public.orgs (id) on delete restrict,
  version integer not null check (version > 0),
  valid_from date not null check (valid_from = date_trunc('month', valid_from)::date),
  due_day integer not null default 5 check (due_day between 1 and 28),
  definition jsonb not null check (jsonb_typeof(definition -> 'sections') is not distinct from 'array'),
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  constraint report_templates_version_key unique (county_id, version),
  constraint report_templates_valid_from_key unique (county_id, valid_from)
);
comment on table public.report_templates is 'Versioned monthly report templates of a county: sections and fields as data. A version applies from valid_from until the next one; reports keep the version they were filed under.';
create index report_templates_created_by_idx on public.report_templates (created_by);
alter table public.report_templates enable row level security;

create function private.check_report_template() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (select kind from public.orgs where id = new.county_id) <> 'county' then
    raise exception 'a report template belongs to a county' using errcode = '23514';
  end if;
  -- versions apply in order: a later version starts in a later month than every earlier one
  if exists (select 1 from public.report_templates t
              where t.county_id = new.county_id
                and t.version <> new.version and t.valid_from <> new.valid_from
                and (t.version < new.version) <> (t.valid_from < new.valid_from)) then
    raise exception 'version % must apply from a month after the earlier versions and before the later ones', new.version
      using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger report_templates_check before insert on public.report_templates
  for each row execute function private.check_report_template();

-- Section: monthly_reports
create table public.monthly_reports (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references public.orgs (id) on delete restrict,
  period date not null check (period = date_trunc('month', period)::date),
  template_id uuid not null references public.report_templates (id) on delete restrict,
  state public.report_state not null default 'draft',
  values jsonb not null default '{}' check (jsonb_typeof(values) = 'object'),
  comments jsonb not null default '{}' check (jsonb_typeof(comments) = 'object'),
  due_on date not null,
  revision integer not null default 1 check (revision > 0),
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  submitted_by uuid references auth.users (id) on delete set null,
  reviewed_at timestamptz,
  reviewed_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  constraint monthly_reports_village_period_key unique (village_id, period),
  constraint monthly_reports_submitted_shape check ((state = 'draft') = (first_submitted_at is null))
);
comment on table public.monthly_reports is 'One report per village or community per month, filed under the template version valid for that month.';
create index monthly_reports_period_idx on public.monthly_reports (period, village_id);
create index monthly_reports_template_id_idx on public.monthly_reports (template_id);
create index monthly_reports_submitted_by_idx on public.monthly_reports (submitted_by);
create index monthly_reports_reviewed_by_idx on public.monthly_reports (reviewed_by);
create index monthly_reports_created_by_idx on public.monthly_reports (created_by);
create index monthly_reports_updated_by_idx on public.monthly_reports (updated_by);
alter table public.monthly_reports enable row level security;

/**
 * Fills in what the database decides on insert: the template valid for the period in the village's
 * county and the due date. Security definer: it reads the tree and the templates whatever the
 * caller may see. It runs before monthly_reports_guard (triggers fire in name order).
 */
create function private.prepare_monthly_report() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_county uuid;
  v_template record;
  v_month date := date_trunc('month', (now() at time zone 'Asia/Shanghai'))::date;
begin
  if (select kind from public.orgs where id = new.village_id) not in ('village', 'community') then
    raise exception 'a monthly report belongs to a village or community' using errcode = '23514';
  end if;
  if new.period > v_month then
    raise exception 'a monthly report cannot be started for a future month' using errcode = '23514';
  end if;
  select c.ancestor_id into v_county
    from public.org_closure c join public.orgs o on o.id = c.ancestor_id
   where c.descendant_id = new.village_id and o.kind = 'county';
  select t.id, t.due_day into v_template
    from public.report_templates t
   where t.county_id = v_county and t.valid_from <= new.period
   order by t.valid_from desc limit 1;
  if v_template.id is null then
    raise exception 'no report template applies to % in this county', new.period using errcode = '23514';
  end if;
  new.template_id := v_template.id;
  new.due_on := (new.period + interval '1 month')::date + (v_template.due_day - 1);
  return new;
end;
$$;
create trigger monthly_reports_defaults before insert on public.monthly_reports
  for each row execute function private.prepare_monthly_report();

/**
 * Guards every write: only the workflow functions change the state, and the app role can never
 * touch a report that is not editable. Security invoker on purpose: inside a security definer
 * function current_user is the owner, so only an invoker trigger can tell the app role (a request
 * under RLS) from the workflow functions and the service path, which run as the owner.
 */
create function private.guard_monthly_report() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    if current_user in ('authenticated', 'anon') then
      new.state := 'draft';
      new.first_submitted_at := null;
      new.submitted_at := null;
      new.submitted_by := null;
      new.reviewed_at := null;
      new.reviewed_by := null;
      new.revision := 1;
      new.created_at := now();
      new.updated_at := now();
      new.created_by := (select auth.uid());
      new.updated_by := (select auth.uid());
    end if;
    return new;
  end if;

  -- UPDATE
  if new.village_id <> old.village_id or new.period <> old.period or new.template_id <> old.template_id
     or new.created_at <> old.created_at or new.created_by is distinct from old.created_by then
    raise exception 'a report''s village, month and template never change' using errcode = '42501';
  end if;
  if current_user in ('authenticated', 'anon') then
    if old.state not in ('draft', 'returned', 'reopened') then
      raise exception 'this report is % and cannot be edited', old.state using errcode = '42501';
    end if;
    if new.state <> old.state or new.due_on <> old.due_on
       or new.first_submitted_at is distinct from old.first_submitted_at
       or new.submitted_at is distinct from old.submitted_at or new.submitted_by is distinct from old.submitted_by
       or new.reviewed_at is distinct from old.reviewed_at or new.reviewed_by is distinct from old.reviewed_by then
      raise exception 'the workflow columns change through the workflow functions only' using errcode = '42501';
    end if;
    new.updated_by := (select auth.uid());
  end if;
  new.updated_at := now();
  new.revision := old.revision + 1;
  return new;
end;
$$;
create trigger monthly_reports_guard before insert or update on public.monthly_reports
  for each row execute function private.guard_monthly_report();

-- Section: report_transitions (the history shown on the report page)
create table public.report_transitions (
  id bigint generated always as identity primary key,
  report_id uuid not null references public.monthly_reports (id) on delete cascade,
  village_id uuid not null references public.orgs (id) on delete restrict,
  from_state public.report_state,
  to_state public.report_state not null,
  reason text check (reason is null or length(btrim(reason)) between 1 and 1000),
  values jsonb,
  actor_id uuid references auth.users (id) on delete set null,
  occurred_at timestamptz not null default now(),
  constraint report_transitions_reason_required check (to_state not in ('returned', 'reopened') or reason is not null)
);
comment on table public.report_transitions is 'Every state change of a monthly report: who, when, from, to, why, and the values submitted (for the reviewer''s diff).';
create index report_transitions_report_id_idx on public.report_transitions (report_id, occurred_at);
create index report_transitions_village_id_idx on public.report_transitions (village_id);
create index report_transitions_actor_id_idx on public.report_transitions (actor_id);
alter table public.report_transitions enable row level security;

-- Section: grants
revoke all on public.report_templates, public.monthly_reports, public.report_transitions from anon, authenticated;
grant select, insert on public.report_templates to authenticated;
grant select on public.monthly_reports to authenticated;
grant insert (village_id, period, values, comments) on public.monthly_reports to authenticated;
grant update (values, comments) on public.monthly_reports to authenticated;
grant select on public.report_transitions to authenticated;
grant all on public.report_templates, public.monthly_reports, public.report_transitions to service_role;

-- Section: RLS policies

-- report_templates
create policy "Report templates are viewable in their county and by everyone under it"
  on public.report_templates for select to authenticated
  using (county_id in (select private.readable_org_ids()));
create policy "Report templates are created by those who manage the county's templates"
  on public.report_templates for insert to authenticated
  with check (
    county_id in (select private.permitted_org_ids('report_templates', 'manage'))
    and created_by = (select auth.uid())
  );
-- No update or delete: a template is changed by adding a version.

-- monthly_reports
create policy "Monthly reports are viewable within the reader's scope"
  on public.monthly_reports for select to authenticated
  using (village_id in (select private.permitted_org_ids('reports', 'read')));
create policy "Monthly reports are started by the village's editors"
  on public.monthly_reports for insert to authenticated
  with check (village_id in (select private.permitted_org_ids('reports', 'update')));
create policy "Monthly reports are edited by the village's editors while editable"
  on public.monthly_reports for update to authenticated
  using (
    village_id in (select private.permitted_org_ids('reports', 'update'))
    and state in ('draft', 'returned', 'reopened')
  )
  with check (
    village_id in (select private.permitted_org_ids('reports', 'update'))
    and state in ('draft', 'returned', 'reopened')
  );
-- No delete: a report, once started, stays (an empty draft is harmless and shows as not submitted).

-- report_transitions
create policy "Report history is viewable by those who may read the report"
  on public.report_transitions for select to authenticated
  using (village_id in (select private.permitted_org_ids('reports', 'read')));
-- Written only by the workflow functions below.

-- Section: audit
create trigger report_templates_audit after insert or update or delete on public.report_templates
  for each row execute function private.audit_row('county_id');
create trigger monthly_reports_audit after insert or update or delete on public.monthly_reports
  for each row execute function private.audit_row('village_id');

-- Section: workflow functions (security definer; each checks the caller's permission itself)

/** Records one transition; values are kept for submissions so the reviewer can diff them. */
create function private.record_transition(
  p_report public.monthly_reports, p_from public.report_state, p_reason text
) returns void
language sql security definer set search_path = '' as $$
  insert into public.report_transitions (report_id, village_id, from_state, to_state, reason, values, actor_id)
  values (p_report.id, p_report.village_id, p_from, p_report.state, nullif(btrim(p_reason), ''),
          case when p_report.state = 'submitted' then p_report.values end, (select auth.uid()))
$$;

/**
 * The secretary submits. p_revision is the revision the form was built from: a stale form is
 * refused (40001). Idempotent: every update bumps the revision, the submission included, so a
 * report that is submitted at p_revision + 1 was submitted from this very form (the village cannot
 * edit a submitted report); it, or one submitted at p_revision, is returned unchanged, and a double
 * click or a resent form makes no second transition.
 */
create function public.submit_monthly_report(p_report_id uuid, p_revision integer)
returns public.monthly_reports
language plpgsql security definer set search_path = '' as $$
declare
  r public.monthly_reports;
  v_from public.report_state;
begin
  select * into r from public.monthly_reports where id = p_report_id for update;
  if r.id is null or not private.can('reports', 'read', r.village_id) then
    raise exception 'report not found' using errcode = 'P0002';
  end if;
  if not private.can('reports', 'submit', r.village_id) then
    raise exception 'only the branch secretary submits the report' using errcode = '42501';
  end if;
  if r.state = 'submitted' and p_revision in (r.revision, r.revision - 1) then
    return r;
  end if;
  if r.state not in ('draft', 'returned', 'reopened') then
    raise exception 'a % report cannot be submitted', r.state using errcode = '42501';
  end if;
  if r.revision <> p_revision then
    raise exception 'the report changed since this form was opened' using errcode = '40001';
  end if;
  v_from := r.state;
  update public.monthly_reports
     set state = 'submitted',
         submitted_at = now(),
         submitted_by = (select auth.uid()),
         first_submitted_at = coalesce(first_submitted_at, now())
   where id = r.id
  returning * into r;
  perform private.record_transition(r, v_from, null);
  return r;
end;
$$;

/** A town reviewer approves or returns (reason required) a submitted report. Idempotent per decision. */
create function public.review_monthly_report(p_report_id uuid, p_decision text, p_reason text default null)
returns public.monthly_reports
language plpgsql security definer set search_path = '' as $$
declare
  r public.monthly_reports;
  v_to public.report_state;
begin
  if p_decision not in ('approve', 'return') then
    raise exception 'unknown decision %', p_decision using errcode = '22023';
  end if;
  v_to := case p_decision when 'approve' then 'approved' else 'returned' end;
  select * into r from public.monthly_reports where id = p_report_id for update;
  if r.id is null or not private.can('reports', 'read', r.village_id) then
    raise exception 'report not found' using errcode = 'P0002';
  end if;
  if not private.can('reports', 'review', r.village_id) then
    raise exception 'only the town reviews the report' using errcode = '42501';
  end if;
  if r.state = v_to then
    return r;
  end if;
  if r.state <> 'submitted' then
    raise exception 'a % report cannot be reviewed', r.state using errcode = '42501';
  end if;
  if v_to = 'returned' and coalesce(length(btrim(p_reason)), 0) = 0 then
    raise exception 'returning a report needs a reason' using errcode = '23514';
  end if;
  update public.monthly_reports
     set state = v_to, reviewed_at = now(), reviewed_by = (select auth.uid())
   where id = r.id
  returning * into r;
  perform private.record_transition(r, 'submitted', p_reason);
  return r;
end;
$$;

/** A town reviewer reopens an approved report (reason required); the village may edit it again. */
create function public.reopen_monthly_report(p_report_id uuid, p_reason text)
returns public.monthly_reports
language plpgsql security definer set search_path = '' as $$
declare
  r public.monthly_reports;
begin
  select * into r from public.monthly_reports where id = p_report_id for update;
  if r.id is null or not private.can('reports', 'read', r.village_id) then
    raise exception 'report not found' using errcode = 'P0002';
  end if;
  if not private.can('reports', 'review', r.village_id) then
    raise exception 'only the town reopens the report' using errcode = '42501';
  end if;
  if r.state = 'reopened' then
    return r;
  end if;
  if r.state <> 'approved' then
    raise exception 'a % report cannot be reopened', r.state using errcode = '42501';
  end if;
  if coalesce(length(btrim(p_reason)), 0) = 0 then
    raise exception 'reopening a report needs a reason' using errcode = '23514';
  end if;
  update public.monthly_reports
     set state = 'reopened', reviewed_at = now(), reviewed_by = (select auth.uid())
   where id = r.id
  returning * into r;
  perform private.record_transition(r, 'approved', p_reason);
  return r;
end;
$$;

-- Section: completeness (DHIS2's definitions; runs as the caller, so RLS scopes it)

/**
 * Per month and per org directly under p_scope_id (the towns of a county, or the villages of a town):
 * expected = villages and communities active that month whose county has a template for it; submitted = reports ever submitted;
 * on_time = first submitted on or before the due date (Asia/Shanghai); late = submitted - on_time;
 * approved = reports in state approved; missing = expected - submitted. Only villages whose reports
 * the caller may read are counted; RLS on orgs limits the rows to the caller's scope. On the
 * service path (no RLS) it counts every village under the scope.
 */
create function public.report_completeness(p_scope_id uuid, p_from date, p_to date)
returns table (period date, org_id uuid, expected integer, submitted integer, on_time integer, late integer, approved integer, missing integer)
language sql stable security invoker set search_path = '' as $$
  with months as (
    select generate_series(date_trunc('month', p_from), date_trunc('month', p_to), interval '1 month')::date as period
  ), units as (
    select child.id as org_id, v.id as village_id, v.active_from, v.active_until
      from public.orgs child
      join public.org_closure c on c.ancestor_id = child.id
      join public.orgs v on v.id = c.descendant_id and v.kind in ('village', 'community')
     where child.parent_id = p_scope_id
     union all
    select v.id, v.id, v.active_from, v.active_until
      from public.orgs v
     where v.id = p_scope_id and v.kind in ('village', 'community')
  ), counted as (
    -- only villages whose reports the caller may read: one whose reports it cannot see (a unit's
    -- paired village) would otherwise count as expected and missing. The service path (the table
    -- owner, no RLS) counts every village.
    select * from units
     where current_user not in ('authenticated', 'anon')
        or village_id in (select private.permitted_org_ids('reports', 'read'))
  )
  select m.period, u.org_id,
         count(*)::int as expected,
         count(r.first_submitted_at)::int as submitted,
         count(*) filter (where (r.first_submitted_at at time zone 'Asia/Shanghai')::date <= r.due_on)::int as on_time,
         count(*) filter (where (r.first_submitted_at at time zone 'Asia/Shanghai')::date > r.due_on)::int as late,
         count(*) filter (where r.state = 'approved')::int as approved,
         (count(*) - count(r.first_submitted_at))::int as missing
    from months m
    join counted u on (u.active_from is null or u.active_from <= (m.period + interval '1 month' - interval '1 day')::date)
                and (u.active_until is null or u.active_until >= m.period)
                -- a month is expected only once the village's county has a template that applies to it
                and exists (select 1 from public.report_templates t
                              join public.org_closure k on k.ancestor_id = t.county_id
                             where k.descendant_id = u.village_id and t.valid_from <= m.period)
    left join public.monthly_reports r on r.village_id = u.village_id and r.period = m.period
   group by m.period, u.org_id
   order by m.period, u.org_id
$$;

revoke all on function public.submit_monthly_report(uuid, integer), public.review_monthly_report(uuid, text, text),
  public.reopen_monthly_report(uuid, text), public.report_completeness(uuid, date, date) from public, anon;
revoke all on function private.record_transition(public.monthly_reports, public.report_state, text),
  private.prepare_monthly_report(), private.guard_monthly_report(), private.check_report_template() from public;
grant execute on function public.submit_monthly_report(uuid, integer), public.review_monthly_report(uuid, text, text),
  public.reopen_monthly_report(uuid, text), public.report_completeness(uuid, date, date) to authenticated;

-- the history is append-only data of its own; it is audited like the rest
create trigger report_transitions_audit after insert or update or delete on public.report_transitions
  for each row execute function private.audit_row('village_id');
