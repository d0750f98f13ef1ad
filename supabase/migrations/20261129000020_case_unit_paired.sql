-- A civil case (public.concern_cases) that names a support unit (unit_id not null) names a unit paired with the
-- case's village on the day the case is registered: its registration day is (created_at at time zone
-- 'Asia/Shanghai')::date, and a pairing of the unit with the village (public.pairings: starts_on to ends_on,
-- inclusive; ends_on null is open-ended) covers it. Migration 20261129000019 left cases out of the
-- pairing-period rule because a case has no date its writer chooses, and a unit may register one only while
-- actively paired (the insert policy). But the village's own scope (its secretary and clerk, its town, its
-- county) passes the insert policy by the village alone, whatever unit_id it sends: through PostgREST with its
-- JWT it could attribute a case, and the pairing figures that count cases per unit, to a unit never paired with
-- the village, or no longer. The database holds the rule now, in both directions:
--
--   cases     a case naming a unit is refused unless a pairing of the unit and the village covers its
--             registration day (constraint case_unit_paired, errcode 23514): checked when it is inserted, and
--             when its unit, village or registration time changes (the app role changes none of them: it has
--             no update on cases; the service path, an import, may).
--   pairings  pairing_covers_records (migration 20261129000019) counts a case among the records of its unit in
--             its village, by its registration day: the county ends a pairing on or after the day the unit's
--             latest case there was registered, as for its other records.
--
-- A case moves on (advance_concern_case) long after the pairing may have ended: the move changes none of unit,
-- village or registration time and is not checked again. due_on is a deadline, not a day the unit was there.
-- The check is a constraint trigger (after the row, deferrable initially immediate), like 20261129000019's: it
-- runs after row-level security, so a unit that may not register the case gets 42501 and learns nothing about
-- pairings, and an import may `set constraints all deferred`. The seeds register a unit's case on the day its
-- opinion was raised, within the pairing (tests/integration/pairing-seed.test.ts asserts it for the demo).

-- Section: cases

/**
 * Refuses a case naming a support unit that is not paired with the case's village on the case's registration
 * day (Asia/Shanghai). Cases without a unit are not concerned.
 */
create function private.check_case_unit_paired() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_day date := (new.created_at at time zone 'Asia/Shanghai')::date;
begin
  if new.unit_id is null then
    return null;
  end if;
  if tg_op = 'UPDATE' and new.unit_id is not distinct from old.unit_id and new.village_id is not distinct from old.village_id
     and (new.created_at at time zone 'Asia/Shanghai')::date = (old.created_at at time zone 'Asia/Shanghai')::date then
    return null;
  end if;
  if not exists (select 1 from public.pairings p
                  where p.unit_id = new.unit_id and p.village_id = new.village_id
                    and p.starts_on <= v_day and (p.ends_on is null or p.ends_on >= v_day)) then
    raise exception 'case_unit_paired: a case registered on % names a unit not paired with its village that day', v_day
      using errcode = '23514', constraint = 'case_unit_paired', schema = tg_table_schema, table = tg_table_name, column = 'unit_id',
            detail = format('unit %s, village %s', new.unit_id, new.village_id),
            hint = 'A case names a support unit only when a pairing of that unit with the village covers the day it is registered.';
  end if;
  return null;
end;
$$;
comment on function private.check_case_unit_paired() is
  'Constraint case_unit_paired: a case naming a unit is registered (created_at, Asia/Shanghai day) within a pairing of the unit and the village.';

-- named as 20261129000019's record triggers (<table>_within_pairing), which the demo seed leaves on
create constraint trigger concern_cases_within_pairing after insert or update of unit_id, village_id, created_at
  on public.concern_cases deferrable initially immediate
  for each row execute function private.check_case_unit_paired();

-- Section: pairings

/**
 * Refuses a change to a pairing (or its deletion) that would leave a record of its unit in its village
 * outside every pairing of the two: the records dated within the old period (a case by its registration day
 * in Asia/Shanghai) are checked against the pairings as the statement left them. A change that only widens
 * the period is not checked.
 */
create or replace function private.check_pairing_keeps_records() returns trigger
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
      union all
      select k.day from (
        select (c.created_at at time zone 'Asia/Shanghai')::date as day from public.concern_cases c
         where c.unit_id = old.unit_id and c.village_id = old.village_id
      ) k
       where k.day >= old.starts_on and (old.ends_on is null or k.day <= old.ends_on)
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
  'Constraint pairing_covers_records: changing or deleting a pairing leaves no record of its unit in its village (a case by its registration day) outside every pairing of the two.';

-- a trigger's function needs no EXECUTE grant to fire
revoke all on function private.check_case_unit_paired(), private.check_pairing_keeps_records() from public;
