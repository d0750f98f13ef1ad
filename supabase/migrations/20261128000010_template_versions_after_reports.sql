-- A new template version may not apply from a month that already has a report in its county: the
-- month would be split between two versions, and a report already started would no longer be filed
-- under the version valid in its month. The app checked this before inserting (earliestNewValidFrom);
-- a report started between that check and the insert slipped through. Now the database decides, and
-- the two writes are serialised per county: a new version takes the county's template lock
-- exclusively, a new report takes it shared (reports do not wait for one another), so whichever
-- commits first is seen by the other's check.

create or replace function private.check_report_template() returns trigger
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
  -- waits for reports being started in the county to commit (they hold the lock shared)
  perform pg_advisory_xact_lock(hashtextextended('report-templates:' || new.county_id::text, 0));
  if exists (select 1 from public.monthly_reports r
              where r.period >= new.valid_from
                and r.village_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = new.county_id)) then
    raise exception 'version % cannot apply from %: the county already has reports for that month or later', new.version, new.valid_from
      using errcode = '23514';
  end if;
  return new;
end;
$$;

create or replace function private.prepare_monthly_report() returns trigger
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
  -- a new version being added in the county is committed (or abandoned) before the version is chosen
  perform pg_advisory_xact_lock_shared(hashtextextended('report-templates:' || v_county::text, 0));
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
