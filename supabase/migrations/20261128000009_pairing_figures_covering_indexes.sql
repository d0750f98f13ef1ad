-- Covering indexes for the pairing figures. public.pairing_figures() counts a county's records as
-- the user, through RLS: every row it counts is checked against the policy (village, unit, private)
-- and read for the figure (people met, kind, funds, state, dates). The indexes it used held only the
-- village or unit, so each of a county's ~21,000 visit diaries was fetched from the heap (at province
-- scale, 4.9 million rows spread over the table). With the policy's and the figure's columns included,
-- the counts are index-only scans. Each replaces the index on the same leading columns, which keeps
-- serving the registers (village + date order) and the foreign keys.
--
-- Deploying: the migration runs in one transaction, so the indexes are built without CONCURRENTLY and
-- writes to these tables wait while they build (all twelve took under 10 s at province scale, 4.9
-- million visit diaries, on the benchmark machine). Apply it at a quiet hour on a large database.

drop index public.visits_village_id_idx;
create index visits_village_id_idx on public.visits (village_id, visited_on desc) include (unit_id, people_met);
drop index public.visits_unit_id_idx;
create index visits_unit_id_idx on public.visits (unit_id, village_id) include (people_met);

drop index public.household_pairs_village_id_idx;
create index household_pairs_village_id_idx on public.household_pairs (village_id) include (cadre_id, household_id, starts_on, ends_on);
drop index public.household_pairs_cadre_id_idx;
create index household_pairs_cadre_id_idx on public.household_pairs (cadre_id) include (village_id, household_id, starts_on, ends_on);

drop index public.pairing_activities_village_id_idx;
create index pairing_activities_village_id_idx on public.pairing_activities (village_id, occurred_on desc) include (unit_id, kind, funds);
drop index public.pairing_activities_unit_id_idx;
create index pairing_activities_unit_id_idx on public.pairing_activities (unit_id, village_id) include (kind, funds);

drop index public.concern_files_village_id_idx;
create index concern_files_village_id_idx on public.concern_files (village_id, opened_on desc) include (unit_id, is_private);
drop index public.concern_files_unit_id_idx;
create index concern_files_unit_id_idx on public.concern_files (unit_id, village_id) include (is_private);

drop index public.opinions_village_id_idx;
create index opinions_village_id_idx on public.opinions (village_id, raised_on desc) include (unit_id, is_private);
drop index public.opinions_unit_id_idx;
create index opinions_unit_id_idx on public.opinions (unit_id, village_id) include (is_private);

drop index public.concern_cases_village_id_idx;
create index concern_cases_village_id_idx on public.concern_cases (village_id, state) include (unit_id, is_private);
drop index public.concern_cases_unit_id_idx;
create index concern_cases_unit_id_idx on public.concern_cases (unit_id, village_id) include (state, is_private);
