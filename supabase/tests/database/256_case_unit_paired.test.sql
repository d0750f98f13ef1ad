-- A civil case naming a support unit names a unit paired with the case's village on the day it is registered
-- (migration 20261129000020: constraint case_unit_paired, the registration day being created_at in
-- Asia/Shanghai), and a pairing is not ended or moved so as to leave such a case outside every pairing of its
-- unit and village (pairing_covers_records counts cases too). Both refuse with 23514 and their constraint name,
-- after row-level security. pairing_covers_records' detail names the dates of the records it protects
-- (migration 20261129000021): `latest=…; first=…; count=…; pairing=…; unit=…; village=…`, always ISO.
--
-- Fixture pairings (unit > village), and the unit's case there (create_pairing_fixture(): registered the day
-- its opinion was raised):
--   U-county > V1a   from today - 365, open-ended     case V1a/U-county registered yesterday
--   U-county > V2a   from today + 1 (not started)
--   U-prov   > V2a   today - 30 .. today + 700        case V2a/U-prov registered yesterday
--   U-prov   > VB    from today                       case VB/U-prov registered today
--   U-ended  > V1b   today - 730 .. today - 1         case V1b/U-ended registered yesterday
--   U-unpaired       no pairing
begin;
select plan(35);

select tests.create_fixture();
select tests.create_pairing_fixture();

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

/** Runs a statement as the current role: the refusal's detail (pg_exception_detail), or null when it was not refused. */
create function tests.refusal_detail(p_sql text) returns text
language plpgsql set search_path = '' as $$
declare
  v_detail text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics v_detail = pg_exception_detail;
  return v_detail;
end;
$$;
grant execute on function tests.refusal_detail(text) to authenticated;

/** A case of the village naming the unit (or null), registered now by the current user, titled p_title. */
create function tests.case_sql(p_village text, p_unit text, p_title text default 'rule') returns text
language sql immutable set search_path = '' as $$
  select format($f$insert into public.concern_cases (village_id, unit_id, title, created_by)
                   values (tests.org(%L), %s, %L, (select auth.uid()))$f$,
                p_village, case when p_unit is null then 'null' else format('tests.org(%L)', p_unit) end, p_title)
$$;
grant execute on function tests.case_sql(text, text, text) to authenticated;

-- Section: the village's scope names a unit

select tests.authenticate_as('village.secretary.v1a@test');
select is(tests.outcome(tests.case_sql('V1a', 'U-unpaired')), '23514 case_unit_paired',
  'village secretary: a case naming a unit never paired with any village is refused');
select is(tests.outcome(tests.case_sql('V1a', 'U-prov')), '23514 case_unit_paired',
  'village secretary: so is one naming a unit paired with other villages only');
select is(tests.outcome(tests.case_sql('V1a', 'U-county', 'V1a/U-county today')), 'accepted',
  'village secretary: one naming the unit paired with the village now is registered');
select is(tests.outcome(tests.case_sql('V1a', null)), 'accepted',
  'village secretary: a case naming no unit is not concerned');
select is(
  (select count(*)::int from public.concern_cases where title = 'rule' and unit_id is not null), 0,
  'village secretary: the refused cases were not written'
);

select tests.authenticate_as('village.secretary.v2a@test');
select is(tests.outcome(tests.case_sql('V2a', 'U-county')), '23514 case_unit_paired',
  'village secretary: a unit whose pairing with the village starts tomorrow cannot be named today');
select is(tests.outcome(tests.case_sql('V2a', 'U-prov')), 'accepted',
  'village secretary: the unit paired with the village now can');

select tests.authenticate_as('town.admin.t1@test');
select is(tests.outcome(tests.case_sql('V1b', 'U-ended')), '23514 case_unit_paired',
  'town admin: a unit whose pairing with the village ended yesterday cannot be named today');
select is(tests.outcome(tests.case_sql('V1b', 'U-county')), '23514 case_unit_paired',
  'town admin: nor a unit paired with another village of the town');
select is(tests.outcome(tests.case_sql('V1a', 'U-county')), 'accepted',
  'town admin: a unit paired with the village now can');
select is(tests.outcome(tests.case_sql('V1b', null)), 'accepted',
  'town admin: and the village''s own case is registered');
select is(tests.outcome(tests.case_sql('V2a', 'U-prov')), '42501',
  'town admin: a village of another town is refused by RLS first (nothing about pairings is told)');

-- Section: a unit registers a case (the insert policy already asks for an active pairing)

select tests.authenticate_as('unit.liaison.county@test');
select is(tests.outcome(tests.case_sql('V1a', 'U-county')), 'accepted',
  'unit liaison: a case in the village the unit is paired with now is registered');
select is(tests.outcome(tests.case_sql('V2a', 'U-county')), '42501',
  'unit liaison: one in a village it is paired with from tomorrow is refused by RLS first');

-- Section: a case moves on after the pairing ended

select tests.authenticate_as('town.admin.t1@test');
select is(
  (select state::text from public.advance_concern_case(tests.case_id('V1b/U-ended'), 'assigned', null, '新兴村委 王芳')),
  'assigned',
  'advance_concern_case: the town assigns the case the unit raised before its pairing ended'
);
select is(
  (select state::text from public.advance_concern_case(tests.case_id('V1b/U-ended'), 'handled', '已修复')),
  'handled',
  'advance_concern_case: and records it handled (unit, village and registration day are not checked again)'
);

-- Section: the service path (an import): the registration day is Asia/Shanghai's

select tests.clear_authentication();
select is(
  tests.outcome($$ insert into public.concern_cases (village_id, unit_id, title, created_at)
                   values (tests.org('VB'), tests.org('U-prov'), 'rule', tests.today()::timestamp at time zone 'Asia/Shanghai') $$),
  'accepted',
  'service path: a case registered at midnight in Shanghai on the pairing''s first day (the day before in UTC) is inside it'
);
select is(
  tests.outcome($$ insert into public.concern_cases (village_id, unit_id, title, created_at)
                   values (tests.org('VB'), tests.org('U-prov'), 'rule',
                           tests.today()::timestamp at time zone 'Asia/Shanghai' - interval '1 minute') $$),
  '23514 case_unit_paired',
  'service path: one registered a minute earlier, the day before the pairing started in Shanghai, is refused'
);
select is(
  tests.outcome($$ update public.concern_cases set unit_id = tests.org('U-unpaired') where title = 'V1a/U-county' $$),
  '23514 case_unit_paired',
  'service path: moving a case to a unit not paired with its village is refused'
);
select is(
  tests.outcome($$ update public.concern_cases set created_at = now() where title = 'V1b/U-ended' $$),
  '23514 case_unit_paired',
  'service path: so is moving its registration after the unit''s pairing ended'
);
select is(
  tests.outcome($$ update public.concern_cases set title = '新兴村路灯' where title = 'V1b/U-ended' $$),
  'accepted',
  'service path: changing anything else of a case whose pairing ended is not checked'
);

-- Section: pairings keep their unit's cases

select tests.authenticate_as('county.admin.a@test');
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-county', 'V1a') $$, tests.today() - 1)),
  '23514 pairing_covers_records',
  'pairings: the county cannot end a pairing before the day a case naming its unit was registered (today; its other records are of yesterday at the latest)'
);
select matches(
  tests.refusal_detail(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-county', 'V1a') $$, tests.today() - 2)),
  format('^latest=%s; first=%s; count=[0-9]+; pairing=%s; unit=%s; village=%s$', to_char(tests.today(), 'YYYY-MM-DD'),
         to_char(tests.today() - 1, 'YYYY-MM-DD'), tests.pairing_id('U-county', 'V1a'), tests.org('U-county'), tests.org('V1a')),
  'pairings: the refusal''s detail names the latest record left outside (a case registered today) and the first (yesterday''s)'
);
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-county', 'V1a') $$, tests.today())),
  'accepted',
  'pairings: it ends it on that day'
);
select is(
  tests.outcome($$ update public.pairings set ends_on = null where id = tests.pairing_id('U-county', 'V1a') $$),
  'accepted',
  'pairings: and widens it again'
);

-- a pairing whose only record is a case registered just after midnight in Shanghai, 20 days ago
select tests.clear_authentication();
insert into public.pairings (unit_id, village_id, starts_on, ends_on, is_lead)
values (tests.org('U-unpaired'), tests.org('C1'), tests.today() - 50, null, false);
insert into public.concern_cases (village_id, unit_id, title, created_at)
values (tests.org('C1'), tests.org('U-unpaired'), 'C1/U-unpaired',
        (tests.today() - 20)::timestamp at time zone 'Asia/Shanghai' + interval '10 minutes');
insert into public.concern_cases (village_id, unit_id, title, created_at)
values (tests.org('C1'), null, 'C1/- later', now());

select tests.authenticate_as('county.admin.a@test');
select is(
  tests.outcome(format($$ update public.pairings set starts_on = %L where id = tests.pairing_id('U-unpaired', 'C1') $$, tests.today() - 19)),
  '23514 pairing_covers_records',
  'pairings: the county cannot move the start after the day a case of the unit was registered'
);
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-unpaired', 'C1') $$, tests.today() - 21)),
  '23514 pairing_covers_records',
  'pairings: nor end it the day before that (the case''s day in UTC: the registration day is Shanghai''s)'
);
select is(
  tests.refusal_detail(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-unpaired', 'C1') $$, tests.today() - 21)),
  format('latest=%s; first=%s; count=1; pairing=%s; unit=%s; village=%s', to_char(tests.today() - 20, 'YYYY-MM-DD'),
         to_char(tests.today() - 20, 'YYYY-MM-DD'), tests.pairing_id('U-unpaired', 'C1'), tests.org('U-unpaired'), tests.org('C1')),
  'pairings: its detail names the case''s registration day in Shanghai, the earliest day the pairing may end'
);
set local datestyle = 'SQL, DMY';
select matches(
  tests.refusal_detail(format($$ update public.pairings set ends_on = %L::date where id = tests.pairing_id('U-unpaired', 'C1') $$, tests.today() - 21)),
  format('^latest=%s; first=%s; ', to_char(tests.today() - 20, 'YYYY-MM-DD'), to_char(tests.today() - 20, 'YYYY-MM-DD')),
  'pairings: the detail''s dates are ISO whatever the session''s DateStyle'
);
reset datestyle;
select is(
  tests.outcome(format($$ update public.pairings set ends_on = %L where id = tests.pairing_id('U-unpaired', 'C1') $$, tests.today() - 20)),
  'accepted',
  'pairings: it ends it on the case''s registration day (the village''s own later case does not hold it)'
);
select is(
  tests.outcome($$ update public.pairings set village_id = tests.org('V1a') where id = tests.pairing_id('U-unpaired', 'C1') $$),
  '23514 pairing_covers_records',
  'pairings: nor move the pairing to another village, leaving the case uncovered'
);

select tests.clear_authentication();
select is(
  tests.outcome($$ delete from public.pairings where id = tests.pairing_id('U-unpaired', 'C1') $$),
  '23514 pairing_covers_records',
  'pairings: the service path cannot delete a pairing that covers a case'
);
select is(
  (select ends_on from public.pairings where id = tests.pairing_id('U-unpaired', 'C1')), tests.today() - 20,
  'pairings: the refused changes left the pairing as it was'
);

-- an import that loads a case before its pairing, checked at the end
set constraints all deferred;
insert into public.concern_cases (village_id, unit_id, title)
values (tests.org('V1b'), tests.org('U-unpaired'), 'import');
insert into public.pairings (unit_id, village_id, starts_on, ends_on, is_lead)
values (tests.org('U-unpaired'), tests.org('V1b'), tests.today() - 1, null, false);
select lives_ok($$ set constraints all immediate $$,
  'service path: a case loaded before the pairing that covers it passes the deferred check');
-- and one whose pairing never comes
set constraints all deferred;
insert into public.concern_cases (village_id, unit_id, title)
values (tests.org('V2a'), tests.org('U-unpaired'), 'import');
select throws_ok($$ set constraints all immediate $$, '23514', null,
  'service path: a deferred case is still refused at the check when no pairing covers it');

select * from finish();
rollback;
