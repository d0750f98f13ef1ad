-- The refusal pairing_covers_records (migration 20261129000019, cases added by 20261129000020) carries the dates
-- of the records it protects in a field a program reads. It named them in its message only, for people; the app,
-- which tells the county the earliest day a pairing may end, listed the five record tables and their dates again
-- in a query of its own (latestRecordIn in app/domain/pairing/pairings.server.ts): a twin of the trigger, which a
-- new record table naming a unit would have had to join as well. The error's DETAIL is now one fixed line:
--
--   latest=YYYY-MM-DD; first=YYYY-MM-DD; count=N; pairing=<uuid>; unit=<uuid>; village=<uuid>
--
-- latest and first are the last and first days of the records that would lie outside every pairing of the unit and
-- the village (a case by its registration day in Asia/Shanghai), always ISO (to_char: the session's DateStyle does
-- not change them); count is how many. Ending the pairing on `latest` or later keeps them all covered: it is the
-- earliest day the pairing may end, which the app reads from the error (pg and PGlite both expose `detail`).
-- The body is 20261129000020's otherwise: same records, same semantics, same message, errcode and constraint.

-- Section: pairings

/**
 * Refuses a change to a pairing (or its deletion) that would leave a record of its unit in its village
 * outside every pairing of the two: the records dated within the old period (a case by its registration day
 * in Asia/Shanghai) are checked against the pairings as the statement left them. A change that only widens
 * the period is not checked. The refusal's detail carries the records' dates (header above).
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
            detail = format('latest=%s; first=%s; count=%s; pairing=%s; unit=%s; village=%s',
                            to_char(v_last, 'YYYY-MM-DD'), to_char(v_first, 'YYYY-MM-DD'), v_count, old.id, old.unit_id, old.village_id),
            hint = 'A pairing covers the records its unit keeps in the village: end it on or after the latest of them (records are history and stay).';
  end if;
  return null;
end;
$$;
comment on function private.check_pairing_keeps_records() is
  'Constraint pairing_covers_records: changing or deleting a pairing leaves no record of its unit in its village (a case by its registration day) outside every pairing of the two. The refusal''s detail is "latest=YYYY-MM-DD; first=YYYY-MM-DD; count=N; pairing=<uuid>; unit=<uuid>; village=<uuid>": the last and first days of the records left outside (latest: the earliest day the pairing may end).';

-- a trigger's function needs no EXECUTE grant to fire; create or replace keeps the revoke of 000019, said again here
revoke all on function private.check_pairing_keeps_records() from public;
