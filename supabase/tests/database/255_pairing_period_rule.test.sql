-- The pairing-period rule (migration 20261129000019): a record naming a support unit in a village is dated
-- within a pairing of that unit with that village (record_within_pairing), and a pairing is not ended,
-- moved or deleted so as to leave such a record outside every pairing of the two (pairing_covers_records).
-- Both refuse with 23514 and their constraint name, after row-level security: the app maps them to a field.
--
-- Fixture pairings (unit > village) and the unit records create_pairing_fixture() dates in them:
--   U-county > V1a   from today - 365, open-ended     V1a/U-county: activity today - 2, the others today - 1
--   U-prov   > V2a   today - 30 .. today + 700        V2a/U-prov:   likewise
--   U-prov   > VB    from today                       VB/U-prov:    all of today
--   U-ended  > V1b   today - 730 .. today - 1         V1b/U-ended:  activity today - 2, the others today - 1
-- This file adds an earlier pairing U-prov > V2a, today - 200 .. today - 100 (history with a gap).
begin;
select plan(38);

select tests.create_fixture();
select tests.create_pairing_fixture();
insert into public.pairings (unit_id, village_id, starts_on, ends_on, is_lead)
values (tests.org('U-prov'), tests.org('V2a'), tests.today() - 200, tests.today() - 100, false);

/** Runs a statement as the current role: 'accepted' (a row written), 'no row', or the refusal's SQLSTATE and constraint name. */
create function tests.outcome(p_sql text) returns text
language plpgsql set search_path = '' as $$
declare
  v_rows bigint;
  v_state text;
  v_constraint text;
begin
  execute p_sql;
  get diagnostics v_rows = row_count;
  return case when v_rows > 0 then 'accepted' else 'no row' end;
exception when others then
  get stacked diagnostics v_state = returned_sqlstate, v_constraint = constraint_name;
  return v_state || coalesce(' ' || nullif(v_constraint, ''), '');
end;
$$;
grant execute on function tests.outcome(text) to authenticated;

/** An activity of the village, naming the unit (or null), on the day. */
create function tests.activity_sql(p_village text, p_unit text, p_day date) returns text
language sql immutable set search_path = '' as $$
  select format($f$insert into public.pairing_activities (village_id, unit_id, kind, occurred_on, title, created_by)
                   values (tests.org(%L), %s, 'deliver_care', %L::date, 'rule', (select auth.uid()))$f$,
                p_village, case when p_unit is null then 'null' else format('tests.org(%L)', p_unit) end, p_day)
$$;

/** A visit diary of the village, naming the unit (or null), on the day. */
create function tests.visit_sql(p_village text, p_unit text, p_day date) returns text
language sql immutable set search_path = '' as $$
  select format($f$insert into public.visits (village_id, unit_id, visited_on, people_met, notes, created_by)
                   values (tests.org(%L), %s, %L::date, 1, 'rule', (select auth.uid()))$f$,
                p_village, case when p_unit is null then 'null' else format('tests.org(%L)', p_unit) end, p_day)
$$;
grant execute on function tests.activity_sql(text, text, date), tests.visit_sql(text, text, date) to authenticated;

-- Section: pairings (first, while the records are the fixture's)

select tests.authenticate_as('county.admin.a@test');
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-county', 'V1a') $$, tests.today() - 2)),
  '23514 pairing_covers_records',
  'pairings: the county cannot end a pairing before the unit''s latest record there (a visit of yesterday)'
);
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-county', 'V1a') $$, tests.today() - 1)),
  'accepted',
  'pairings: it ends it on the day of that record'
);
select is(
  tests.outcome($$ update public.pairings set ends_on = null where id = tests.pairing_id('U-county', 'V1a') $$),
  'accepted',
  'pairings: widening a pairing again is never refused'
);
select is(
  tests.outcome(format($$ update public.pairings set starts_on = %L where id = tests.pairing_id('U-county', 'V1a') $$, tests.today() - 1)),
  '23514 pairing_covers_records',
  'pairings: nor can it move the start after the unit''s earliest record there (an activity two days ago)'
);
select is(
  tests.outcome($$ update public.pairings set village_id = tests.org('C1') where id = tests.pairing_id('U-county', 'V1a') $$),
  '23514 pairing_covers_records',
  'pairings: nor move the pairing to another village, leaving the unit''s records in V1a uncovered'
);
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-ended', 'V1b') $$, tests.today() - 3)),
  '23514 pairing_covers_records',
  'pairings: nor end an ended pairing earlier than the records it covered'
);
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where unit_id = tests.org('U-prov') and village_id = tests.org('V2a') and ends_on = %L $$,
                       tests.today() - 150, tests.today() - 100)),
  'accepted',
  'pairings: a pairing whose period holds no record of its unit is ended freely'
);
select is(
  tests.outcome($$ update public.pairings set ends_on = starts_on where id = tests.pairing_id('U-county', 'V2a') $$),
  'accepted',
  'pairings: so is one that has not started'
);
select is(
  (select ends_on from public.pairings where id = tests.pairing_id('U-county', 'V1a')), null::date,
  'pairings: the refused changes left the pairing as it was'
);

select tests.clear_authentication();
select is(
  tests.outcome($$ delete from public.pairings where id = tests.pairing_id('U-ended', 'V1b') $$),
  '23514 pairing_covers_records',
  'pairings: the service path cannot delete a pairing that covers records either'
);
-- put the earlier pairing back as this file's header says it is
update public.pairings set ends_on = tests.today() - 100
 where unit_id = tests.org('U-prov') and village_id = tests.org('V2a') and starts_on = tests.today() - 200;

-- Section: a unit liaison records in its paired village

select tests.authenticate_as('unit.liaison.county@test');
select is(tests.outcome(tests.activity_sql('V1a', 'U-county', tests.today() - 366)), '23514 record_within_pairing',
  'unit liaison: an activity dated the day before its pairing started is refused');
select is(tests.outcome(tests.activity_sql('V1a', 'U-county', tests.today() - 365)), 'accepted',
  'unit liaison: one dated the pairing''s first day is recorded');
select is(tests.outcome(tests.visit_sql('V1a', 'U-county', date '2000-01-01')), '23514 record_within_pairing',
  'unit liaison: a visit dated long before the pairing is refused');
select is(tests.outcome(tests.visit_sql('V1a', 'U-county', tests.today())), 'accepted',
  'unit liaison: one dated today is recorded');
select is(
  tests.outcome(format($$ insert into public.concern_files (village_id, unit_id, person_name, opened_on, created_by)
                          values (tests.org('V1a'), tests.org('U-county'), 'rule', %L, (select auth.uid())) $$, tests.today() - 366)),
  '23514 record_within_pairing',
  'unit liaison: a concern file opened before the pairing is refused'
);
select is(
  tests.outcome(format($$ insert into public.opinions (village_id, unit_id, content, raised_on, created_by)
                          values (tests.org('V1a'), tests.org('U-county'), 'rule', %L, (select auth.uid())) $$, tests.today() - 366)),
  '23514 record_within_pairing',
  'unit liaison: so is an opinion recorded as raised before it'
);
select is(
  tests.outcome(format($$ insert into public.opinions (village_id, unit_id, content, raised_on, created_by)
                          values (tests.org('V1a'), tests.org('U-county'), 'rule', %L, (select auth.uid())) $$, tests.today() - 365)),
  'accepted',
  'unit liaison: one raised on the pairing''s first day is recorded'
);
select is(tests.outcome(tests.activity_sql('V2a', 'U-county', tests.today())), '42501',
  'unit liaison: a village it is paired with from tomorrow is refused by RLS first (nothing about pairings is told)');

select tests.authenticate_as('unit.liaison.provincial@test');
select is(tests.outcome(tests.activity_sql('V2a', 'U-prov', tests.today() - 150)), 'accepted',
  'unit liaison: a record dated within an earlier pairing of the same village is recorded');
select is(tests.outcome(tests.activity_sql('V2a', 'U-prov', tests.today() - 99)), '23514 record_within_pairing',
  'unit liaison: one dated the day after that pairing ended (between its pairings) is refused');
select is(tests.outcome(tests.visit_sql('V2a', 'U-prov', tests.today() - 31)), '23514 record_within_pairing',
  'unit liaison: a visit dated the day before the current pairing started is refused');
select is(tests.outcome(tests.visit_sql('V2a', 'U-prov', tests.today() - 30)), 'accepted',
  'unit liaison: one dated its first day is recorded');
select is(tests.outcome(tests.visit_sql('VB', 'U-prov', tests.today() - 1)), '23514 record_within_pairing',
  'unit liaison: in a village paired from today, yesterday is outside the pairing');

-- Section: the village's scope naming a unit

select tests.authenticate_as('village.secretary.v1a@test');
select is(tests.outcome(tests.activity_sql('V1a', 'U-county', tests.today() - 366)), '23514 record_within_pairing',
  'village secretary: an activity naming its unit, dated before their pairing, is refused');
select is(tests.outcome(tests.visit_sql('V1a', 'U-county', tests.today() - 366)), '23514 record_within_pairing',
  'village secretary: so is a visit');
select is(tests.outcome(tests.activity_sql('V1a', 'U-county', tests.today() - 10)), 'accepted',
  'village secretary: one dated within the pairing is recorded');
select is(tests.outcome(tests.activity_sql('V1a', 'U-unpaired', tests.today())), '23514 record_within_pairing',
  'village secretary: a unit never paired with the village cannot be named');
select is(tests.outcome(tests.visit_sql('V1a', 'U-prov', tests.today())), '23514 record_within_pairing',
  'village secretary: nor a unit paired with other villages only');
select is(tests.outcome(tests.activity_sql('V1a', null, date '2000-01-01')), 'accepted',
  'village secretary: the village''s own activity (no unit) keeps any past date');
select is(tests.outcome(tests.visit_sql('V1a', null, date '2000-01-01')), 'accepted',
  'village secretary: and so does its own visit');
select is(
  tests.outcome($$ insert into public.concern_files (village_id, person_name, opened_on, created_by)
                   values (tests.org('V1a'), 'rule', date '2000-01-01', (select auth.uid())) $$),
  'accepted',
  'village secretary: and its own concern file'
);

select tests.authenticate_as('town.admin.t1@test');
select is(tests.outcome(tests.activity_sql('V1b', 'U-ended', tests.today())), '23514 record_within_pairing',
  'town admin: an activity naming a unit, dated after its pairing ended (yesterday), is refused');
select is(tests.outcome(tests.visit_sql('V1b', 'U-ended', tests.today() - 1)), 'accepted',
  'town admin: one dated the pairing''s last day is recorded');
select is(tests.outcome(tests.visit_sql('V1b', 'U-ended', tests.today() - 731)), '23514 record_within_pairing',
  'town admin: one dated the day before it started is refused');
select is(
  tests.outcome($$ update public.concern_files set summary = '补充' where person_name = 'V1b/U-ended' $$),
  'accepted',
  'town admin: a file the unit opened is still edited after the pairing ended (only unit, village and date are checked)'
);

-- Section: the service path (an import)

select tests.clear_authentication();
select is(
  tests.outcome(format($$ update public.pairing_activities set occurred_on = %L where title = 'V1a/U-county' $$, tests.today() - 400)),
  '23514 record_within_pairing',
  'service path: moving a unit''s record out of its pairing is refused too'
);
-- re-cut a pairing in two steps: end it, then pair again from the next day, checked at the end
set constraints all deferred;
update public.pairings set ends_on = tests.today() - 3 where id = tests.pairing_id('U-ended', 'V1b');
insert into public.pairings (unit_id, village_id, starts_on, ends_on)
values (tests.org('U-ended'), tests.org('V1b'), tests.today() - 2, tests.today() - 1);
select lives_ok($$ set constraints all immediate $$,
  'service path: a pairing re-cut in two steps under deferred constraints covers its records at the check');
-- an import that loads a record before its pairing, and never the pairing
set constraints all deferred;
insert into public.pairing_activities (village_id, unit_id, kind, occurred_on, title)
values (tests.org('C1'), tests.org('U-unpaired'), 'deliver_care', tests.today(), 'import');
select throws_ok($$ set constraints all immediate $$, '23514', null,
  'service path: a deferred record is still refused at the check when no pairing covers it');

select * from finish();
rollback;
