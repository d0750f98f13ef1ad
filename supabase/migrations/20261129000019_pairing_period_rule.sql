-- A record that names a support unit (unit_id not null) in a village is dated within a pairing of that unit
-- with that village (public.pairings: starts_on to ends_on, inclusive; ends_on null is open-ended): a unit's
-- record belongs to the time it was paired with the village, and its figures count only that. Until now only
-- the activity and visit forms checked it (pairingCoversDate in app/domain/pairing/records.server.ts); any
-- other writer with the user's JWT (PostgREST, an import) could date a unit's record anywhere, and a village
-- could name a unit it was never paired with. The database holds the rule now, in both directions:
--
--   records   a row naming a unit is refused unless a pairing of the unit and the village covers its date
--             (constraint record_within_pairing, errcode 23514);
--   pairings  ending a pairing earlier, moving its start later, moving it to another unit or village, or
--             deleting it (the service path: the app role may not delete) is refused when a record of the
--             unit in the village would then lie outside every pairing of the two (constraint
--             pairing_covers_records, errcode 23514). Records are history (no update, no delete for the app
--             role): the county ends a pairing on or after the unit's latest record there.
--
-- Which tables (every village record with a unit_id and a date of its own):
--   pairing_activities.occurred_on   in: the activity the unit carried out in the village that day
--   visits.visited_on                in: the unit's visit that day
--   concern_files.opened_on          in: unit_id is the unit that opened the file (the policies: "by the unit
--                                    that opened them while paired"); opening it is the unit's work there
--   opinions.raised_on               in: unit_id is the unit that recorded the opinion raised that day
--   concern_cases                    out: a case has no date its writer chooses. created_at is the registration
--                                    time (the app role cannot set it), and a unit registers a case only while
--                                    actively paired (the insert policy); due_on is a deadline, not a date the
--                                    unit was there; and a case moves on through advance_concern_case() long
--                                    after the pairing may have ended. The file or opinion it comes from
--                                    carries the rule.
--   cadre_postings, household_pairs  out: no unit_id (a cadre's unit is the cadre's; a posting is the county's).
--
-- Both checks are constraint triggers (after the row, deferrable initially immediate): they run after the
-- row-level security checks, so a caller who may not write the row learns nothing about pairings from them,
-- and an import that loads records before their pairings, or re-cuts a pairing in two steps, may
-- `set constraints all deferred` for its transaction. The app never defers: its savepoints get the refusal
-- at the statement. An update that changes neither unit, village nor date (a village editing a file's
-- summary after the pairing ended, advance_concern_case) is not checked again.
-- The seeds write rows that keep the rule (tests/integration/pairing-seed.test.ts asserts it for the demo).

-- Section: records

/**
 * Refuses a village record naming a support unit whose date (the column named by the trigger's argument)
 * lies outside every pairing of that unit with that village. Rows without a unit are not concerned.
 */
create function private.check_record_within_pairing() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_col text := tg_argv[0];
  j jsonb := to_jsonb(new);
  o jsonb;
  v_unit uuid := (j ->> 'unit_id')::uuid;
  v_village uuid := (j ->> 'village_id')::uuid;
  v_day date := (j ->> v_col)::date;
begin
  if v_unit is null then
    return null;
  end if;
  if tg_op = 'UPDATE' then
    o := to_jsonb(old);
    if (o ->> 'unit_id') is not distinct from (j ->> 'unit_id') and (o ->> 'village_id') is not distinct from (j ->> 'village_id')
       and (o ->> v_col) is not distinct from (j ->> v_col) then
      return null;
    end if;
  end if;
  if not exists (select 1 from public.pairings p
                  where p.unit_id = v_unit and p.village_id = v_village
                    and p.starts_on <= v_day and (p.ends_on is null or p.ends_on >= v_day)) then
    raise exception 'record_within_pairing: %.% % lies outside every pairing of its unit with its village', tg_table_name, v_col, v_day
      using errcode = '23514', constraint = 'record_within_pairing', schema = tg_table_schema, table = tg_table_name, column = v_col,
            detail = format('unit %s, village %s', v_unit, v_village),
            hint = 'A record naming a support unit is dated within a pairing of that unit with that village (starts_on to ends_on, inclusive).';
  end if;
  return null;
end;
$$;
comment on function private.check_record_within_pairing() is
  'Constraint record_within_pairing: a record naming a unit is dated (column = trigger argument) within a pairing of the unit and the village.';

create constraint trigger pairing_activities_within_pairing after insert or update of unit_id, village_id, occurred_on
  on public.pairing_activities deferrable initially immediate
  for each row execute function private.check_record_within_pairing('occurred_on');
create constraint trigger visits_within_pairing after insert or update of unit_id, village_id, visited_on
  on public.visits deferrable initially immediate
  for each row execute function private.check_record_within_pairing('visited_on');
create constraint trigger concern_files_within_pairing after insert or update of unit_id, village_id, opened_on
  on public.concern_files deferrable initially immediate
  for each row execute function private.check_record_within_pairing('opened_on');
create constraint trigger opinions_within_pairing after insert or update of unit_id, village_id, raised_on
  on public.opinions deferrable initially immediate
  for each row execute function private.check_record_within_pairing('raised_on');

-- Section: pairings

/**
 * Refuses a change to a pairing (or its deletion) that would leave a record of its unit in its village
 * outside every pairing of the two: the records dated within the old period are checked against the
 * pairings as the statement left them. A change that only widens the period is not checked.
 */
create function private.check_pairing_keeps_records() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_first date;
  v_last date;
  v_count bigint;
begin
  if tg_op = 'UPDATE' and new.unit_id = old.unit_id and new.village_id = old.village_id and new.starts_on <= old.starts_on
     and (new.ends_on is null or (old.ends_on is not null and new.ends_on >= old.ends_on)) then
    return null;
  end if;
  select min(r.day), max(r.day), count(*) into v_first, v_last, v_count
    from (
      select a.occurred_on as day from public.pairing_activities a
       where a.unit_id = old.unit_id and a.village_id = old.village_id
         and a.occurred_on >= old.starts_on and (old.ends_on is null or a.occurred_on <= old.ends_on)
      union all
      select v.visited_on from public.visits v
       where v.unit_id = old.unit_id and v.village_id = old.village_id
         and v.visited_on >= old.starts_on and (old.ends_on is null or v.visited_on <= old.ends_on)
      union all
      select f.opened_on from public.concern_files f
       where f.unit_id = old.unit_id and f.village_id = old.village_id
         and f.opened_on >= old.starts_on and (old.ends_on is null or f.opened_on <= old.ends_on)
      union all
      select o.raised_on from public.opinions o
       where o.unit_id = old.unit_id and o.village_id = old.village_id
         and o.raised_on >= old.starts_on and (old.ends_on is null or o.raised_on <= old.ends_on)
    ) r
   where not exists (select 1 from public.pairings p
                      where p.unit_id = old.unit_id and p.village_id = old.village_id
                        and p.starts_on <= r.day and (p.ends_on is null or p.ends_on >= r.day));
  if v_count > 0 then
    raise exception 'pairing_covers_records: % record(s) of the unit in the village, dated % to %, would lie outside every pairing of the two',
      v_count, v_first, v_last
      using errcode = '23514', constraint = 'pairing_covers_records', schema = tg_table_schema, table = tg_table_name,
            detail = format('pairing %s: unit %s, village %s', old.id, old.unit_id, old.village_id),
            hint = 'A pairing covers the records its unit keeps in the village: end it on or after the latest of them (records are history and stay).';
  end if;
  return null;
end;
$$;
comment on function private.check_pairing_keeps_records() is
  'Constraint pairing_covers_records: changing or deleting a pairing leaves no record of its unit in its village outside every pairing of the two.';

create constraint trigger pairings_keep_records after update of unit_id, village_id, starts_on, ends_on or delete
  on public.pairings deferrable initially immediate
  for each row execute function private.check_pairing_keeps_records();

-- a trigger's function needs no EXECUTE grant to fire
revoke all on function private.check_record_within_pairing(), private.check_pairing_keeps_records() from public;
