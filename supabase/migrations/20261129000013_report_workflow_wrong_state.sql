-- The report workflow answered 42501 (insufficient_privilege) both for "not yours to do" and for "not
-- in a state where it can be done", so the app guessed which from the state it had read: a county
-- administrator (who may read but not review) posting "approve" on an approved report was told the
-- report was in the wrong state (409) instead of being refused (403). A wrong state now raises 55000
-- (object_not_in_prerequisite_state), and 42501 means only "not allowed". Bodies otherwise unchanged
-- from migration 20261128000005; grants stay as they were (create or replace keeps them).

/**
 * Guards every write: only the workflow functions change the state, and the app role can never
 * touch a report that is not editable. Security invoker on purpose: inside a security definer
 * function current_user is the owner, so only an invoker trigger can tell the app role (a request
 * under RLS) from the workflow functions and the service path, which run as the owner.
 */
create or replace function private.guard_monthly_report() returns trigger
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
      raise exception 'this report is % and cannot be edited', old.state using errcode = '55000';
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

/**
 * The secretary submits. p_revision is the revision the form was built from: a stale form is
 * refused (40001). Idempotent: every update bumps the revision, the submission included, so a
 * report that is submitted at p_revision + 1 was submitted from this very form (the village cannot
 * edit a submitted report); it, or one submitted at p_revision, is returned unchanged, and a double
 * click or a resent form makes no second transition.
 */
create or replace function public.submit_monthly_report(p_report_id uuid, p_revision integer)
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
    raise exception 'a % report cannot be submitted', r.state using errcode = '55000';
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
create or replace function public.review_monthly_report(p_report_id uuid, p_decision text, p_reason text default null)
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
    raise exception 'a % report cannot be reviewed', r.state using errcode = '55000';
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
create or replace function public.reopen_monthly_report(p_report_id uuid, p_reason text)
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
    raise exception 'a % report cannot be reopened', r.state using errcode = '55000';
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
