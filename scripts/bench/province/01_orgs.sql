-- Province scale, part 1: the synthetic org tree, its closure rows, support units, pairings and
-- report templates. Run by scripts/bench/seed.ts (--scale province) after `npm run db:reset`, in one
-- transaction with session_replication_role = replica: no trigger fires (not the closure trigger, not
-- the parent / pairing / template checks, not the audit trigger, not the foreign keys), so this file
-- writes everything those triggers would write and keeps their rules by construction.
-- Deterministic: ids are md5('bench:…') uuids, every choice a hash of an id or a generate_series index.
-- Steps are separated by "-- step: <name>" lines; seed.ts times each one.

-- step: parameters
-- 118 synthetic counties + the 2 demo ones = 120; 1,590 synthetic towns + 10 demo = 1,600;
-- 25,883 synthetic villages and communities + 117 demo = 26,000. 60 months of reports.
create temp table bench_p on commit drop as
select 118 as counties, 10 as cities, 1590 as towns, 25883 as villages, 60 as months,
       date_trunc('month', now() at time zone 'Asia/Shanghai')::date as this_month,
       (date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '59 months')::date as first_month,
       (now() at time zone 'Asia/Shanghai')::date as today,
       (select id from public.orgs where kind = 'province' order by code limit 1) as province_id;

-- step: cities and counties
-- cities 合成市01..10 (codes 901000..910000), counties 合成县001..118 (codes 800001..800118): no demo code
-- starts with 8 or 9 (the demo's are Guangdong's 44xxxx)
create temp table bench_cities on commit drop as
select c as n, md5('bench:city:' || c)::uuid as id, '9' || lpad(c::text, 2, '0') || '000' as code
  from bench_p p, generate_series(1, p.cities) c;
create temp table bench_counties on commit drop as
select n, md5('bench:county:' || n)::uuid as id, '8' || lpad(n::text, 5, '0') as code,
       '合成县' || lpad(n::text, 3, '0') as name, 1 + (n - 1) * p.cities / p.counties as city_n
  from bench_p p, generate_series(1, p.counties) n;
alter table bench_counties add primary key (n);
insert into public.orgs (id, kind, parent_id, code, name, name_en, created_at, updated_at)
select c.id, 'city', p.province_id, c.code, '合成市' || lpad(c.n::text, 2, '0'), 'Synthetic city ' || lpad(c.n::text, 2, '0'),
       timestamptz '2020-01-01 00:00+08', timestamptz '2020-01-01 00:00+08'
  from bench_cities c, bench_p p;
insert into public.orgs (id, kind, parent_id, code, name, name_en, created_at, updated_at)
select k.id, 'county', c.id, k.code, k.name, 'Synthetic county ' || lpad(k.n::text, 3, '0'),
       timestamptz '2020-01-01 00:00+08', timestamptz '2020-01-01 00:00+08'
  from bench_counties k join bench_cities c on c.n = k.city_n;

-- step: towns
-- town g (1..1590) lies in county 1 + (g - 1) % 118 as its town number 1 + (g - 1) / 118 (13 or 14 a county)
create temp table bench_towns on commit drop as
select g, md5('bench:town:' || g)::uuid as id, k.n as county_n, k.id as county_id, k.city_n,
       1 + (g - 1) / p.counties as tno,
       k.code || lpad((1 + (g - 1) / p.counties)::text, 3, '0') || '000' as code,
       k.name || ' 镇' || lpad((1 + (g - 1) / p.counties)::text, 2, '0') as name
  from bench_p p, generate_series(1, p.towns) g
  join bench_counties k on k.n = 1 + (g - 1) % (select counties from bench_p);
alter table bench_towns add primary key (g);
insert into public.orgs (id, kind, parent_id, code, name, name_en, created_at, updated_at)
select t.id, 'town', t.county_id, t.code, t.name, 'Synthetic town ' || t.county_n || '-' || t.tno,
       timestamptz '2020-01-01 00:00+08', timestamptz '2020-01-01 00:00+08'
  from bench_towns t;

-- step: villages
-- village i (1..25883) lies in town 1 + (i - 1) % 1590 as its number 1 + (i - 1) / 1590 (16 or 17 a town);
-- one in nine is a community (the demo: 13 of 117)
create temp table bench_villages on commit drop as
select i, md5('bench:village:' || i)::uuid as id, t.id as town_id, t.county_n, t.county_id, t.city_n,
       1 + (i - 1) / p.towns as vno,
       t.code::text as town_code,
       hashtext('bench:village:' || i) & 2147483647 as h,
       t.name as town_name
  from bench_p p, generate_series(1, p.villages) i
  join bench_towns t on t.g = 1 + (i - 1) % (select towns from bench_p);
alter table bench_villages add column kind public.org_kind, add column code text, add column j int;
update bench_villages set kind = (case when h % 9 = 0 then 'community' else 'village' end)::public.org_kind,
                          code = substr(town_code, 1, 9) || lpad(vno::text, 3, '0');
-- j: the village's number in its county (0-based, code order), which picks its lead unit
update bench_villages b set j = x.j
  from (select id, (row_number() over (partition by county_n order by code) - 1)::int as j from bench_villages) x
 where x.id = b.id;
alter table bench_villages add primary key (id);
create index on bench_villages (i);
analyze bench_villages;
insert into public.orgs (id, kind, parent_id, code, name, name_en, secretary_name, secretary_phone, households, population, active_from,
                         created_at, updated_at)
select v.id, v.kind, v.town_id, v.code,
       v.town_name || case when v.kind = 'community' then ' 社区' else ' 村' end || lpad(v.vno::text, 3, '0'),
       'Synthetic ' || v.kind::text || ' ' || v.county_n || '-' || substr(v.code, 7, 3)::int || '-' || v.vno,
       '合成书记' || lpad((v.i % 1000)::text, 3, '0'),
       '138' || lpad((v.h % 100000000)::text, 8, '0'),
       200 + v.h % 2600, 0, date '2020-01-01', timestamptz '2020-01-01 00:00+08', timestamptz '2020-01-01 00:00+08'
  from bench_villages v;
update public.orgs o set population = o.households * (3 + (hashtext(o.id::text) & 3))
  from bench_villages v where v.id = o.id;

-- step: support units
-- per synthetic county one county-level unit per five villages (the demo: 20 county units for 115
-- villages, about five pairings each), plus three municipal units per synthetic city
create temp table bench_units on commit drop as
select md5('bench:unit:' || k.n || ':' || u)::uuid as id, k.n as county_n, null::int as city_n, u,
       'SYN-C' || lpad(k.n::text, 3, '0') || '-U' || lpad(u::text, 2, '0') as code,
       k.name || ' 帮扶单位' || lpad(u::text, 2, '0') as name, k.id as parent_id,
       'county'::public.unit_level as level,
       (case when u % 10 = 0 then 'enterprise' when u % 5 = 0 then 'institution' else 'agency' end)::public.unit_type as type
  from bench_counties k
  cross join lateral generate_series(1, (select ceil(count(*) / 5.0)::int from bench_villages v where v.county_n = k.n)) u
union all
select md5('bench:city_unit:' || c.n || ':' || u)::uuid, null, c.n, u,
       'SYN-M' || lpad(c.n::text, 2, '0') || '-U' || u,
       '合成市' || lpad(c.n::text, 2, '0') || ' 帮扶单位' || u, c.id, 'municipal', 'agency'
  from bench_cities c cross join generate_series(1, 3) u;
insert into public.orgs (id, kind, parent_id, code, name, name_en, unit_level, unit_type, created_at, updated_at)
select u.id, 'unit', u.parent_id, u.code, u.name, 'Synthetic support unit ' || u.code, u.level, u.type,
       timestamptz '2020-01-01 00:00+08', timestamptz '2020-01-01 00:00+08'
  from bench_units u;

-- step: org closure
-- what private.maintain_org_closure() would write: each org with itself and with every ancestor
insert into public.org_closure (ancestor_id, descendant_id, depth)
select a.ancestor_id, a.descendant_id, a.depth
  from (
    select c.id as ancestor_id, c.id as descendant_id, 0 as depth from bench_cities c
    union all select p.province_id, c.id, 1 from bench_cities c, bench_p p
    union all select k.id, k.id, 0 from bench_counties k
    union all select c.id, k.id, 1 from bench_counties k join bench_cities c on c.n = k.city_n
    union all select p.province_id, k.id, 2 from bench_counties k, bench_p p
    union all select t.id, t.id, 0 from bench_towns t
    union all select t.county_id, t.id, 1 from bench_towns t
    union all select c.id, t.id, 2 from bench_towns t join bench_cities c on c.n = t.city_n
    union all select p.province_id, t.id, 3 from bench_towns t, bench_p p
    union all select v.id, v.id, 0 from bench_villages v
    union all select v.town_id, v.id, 1 from bench_villages v
    union all select v.county_id, v.id, 2 from bench_villages v
    union all select c.id, v.id, 3 from bench_villages v join bench_cities c on c.n = v.city_n
    union all select p.province_id, v.id, 4 from bench_villages v, bench_p p
    union all select u.id, u.id, 0 from bench_units u
    union all select u.parent_id, u.id, 1 from bench_units u
    union all select c.id, u.id, 2 from bench_units u join bench_counties k on k.n = u.county_n join bench_cities c on c.n = k.city_n
    union all select p.province_id, u.id, 3 from bench_units u, bench_p p where u.county_n is not null
    union all select p.province_id, u.id, 2 from bench_units u, bench_p p where u.city_n is not null
  ) a;

-- step: pairings
-- every synthetic village: an open-ended lead pairing with county unit 1 + j / 5 (from 2024-03-01);
-- one in a hundred changed its lead on 2025-03-01 (the earlier lead pairing ended 2025-02-28, another
-- unit of the county); one in twenty-five also has a non-lead municipal unit (from 2024-06-01).
-- One open lead per village and no overlapping period of the same unit and village, by construction.
create temp table bench_pairings on commit drop as
select md5('bench:pairing:lead:' || v.id)::uuid as id, v.id as village_id,
       md5('bench:unit:' || v.county_n || ':' || (1 + v.j / 5))::uuid as unit_id,
       case when v.h % 100 = 1 then date '2025-03-01' else date '2024-03-01' end as starts_on,
       null::date as ends_on, true as is_lead
  from bench_villages v
union all
select md5('bench:pairing:old_lead:' || v.id)::uuid, v.id,
       md5('bench:unit:' || v.county_n || ':' || (1 + (v.j / 5 + 1) % n.units))::uuid,
       date '2024-03-01', date '2025-02-28', true
  from bench_villages v
  join (select county_n, count(*)::int as units from bench_units where county_n is not null group by county_n) n on n.county_n = v.county_n
 where v.h % 100 = 1
union all
select md5('bench:pairing:city:' || v.id)::uuid, v.id,
       md5('bench:city_unit:' || v.city_n || ':' || (1 + (v.h / 25) % 3))::uuid,
       date '2024-06-01', null, false
  from bench_villages v
 where v.h % 25 = 0;
insert into public.pairings (id, unit_id, village_id, starts_on, ends_on, is_lead, created_at)
select id, unit_id, village_id, starts_on, ends_on, is_lead, starts_on::timestamp at time zone 'Asia/Shanghai'
  from bench_pairings;
-- the units active in each village today, lead first (what the pairing domain below draws from)
alter table bench_villages add column units uuid[];
update bench_villages v set units = a.units
  from (select p.village_id, array_agg(p.unit_id order by p.is_lead desc, p.unit_id) as units
          from bench_pairings p, bench_p x
         where p.starts_on <= x.today and (p.ends_on is null or p.ends_on >= x.today)
         group by p.village_id) a
 where a.village_id = v.id;

-- step: report templates
-- the demo counties' first version applies from the first generated month (as --scale county does);
-- every synthetic county gets a copy of each of 乳源's versions: the first from the first generated
-- month, the later ones from the month they apply from in 乳源
update public.report_templates t set valid_from = p.first_month
  from bench_p p
 where t.version = (select min(version) from public.report_templates x where x.county_id = t.county_id);
insert into public.report_templates (id, county_id, version, valid_from, due_day, definition, created_at, created_by)
select md5('bench:template:' || k.n || ':' || t.version)::uuid, k.id, t.version, t.valid_from, t.due_day, t.definition,
       t.valid_from::timestamp at time zone 'Asia/Shanghai', null
  from bench_counties k
  cross join public.report_templates t
 where t.county_id = (select id from public.orgs where kind = 'county' and code = '440232');
