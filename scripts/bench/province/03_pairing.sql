-- Province scale, part 3: the pairing domain of the synthetic villages, at the demo's per-village ratios
-- (乳源 after `npm run db:reset`, 115 villages: 7,016 households = 61 a village; 6,931 cadres, one per
-- household but for one in eighty-odd paired with a second household; 185 postings = 1.6 a village, a
-- first secretary in 27 %; 21,539 visits = 3.07 per household; 1,679 concern files = one per four
-- households; 2,874 opinions = 1.7 per file; 2,278 cases = 0.79 per opinion, 94 % handled or confirmed;
-- nine activities, one of each kind, per active pairing). Needs the temp tables of 01_orgs.sql.
-- Triggers are off: the cadre's county, the household's village and the record's village agree by
-- construction (what private.prepare_village_record() and check_cadre() check), a unit's record is dated
-- within the unit's pairing with the village (what the record_within_pairing triggers check: from the start
-- of the pairing active today, as the demo's dayOf does), and each case's 'open' event (what
-- private.record_case_opened() writes) is written here. No author: created_by is null.

-- step: pairing starts
-- the start of each pairing active today (unit x village): the first day a unit's record there may bear
create temp table bench_since on commit drop as
select p.unit_id, p.village_id, p.starts_on
  from bench_pairings p, bench_p x
 where p.starts_on <= x.today and (p.ends_on is null or p.ends_on >= x.today);
alter table bench_since add primary key (unit_id, village_id);

-- step: households plan
-- household k (1..55 + h % 13, 61 a village on average) of each synthetic village; its cadre is cadre k,
-- except every eightieth household, which shares cadre k - 1 (the demo's 85 cadres with two households)
create temp table bench_households on commit drop as
select md5('bench:household:' || v.i || ':' || k)::uuid as id, v.id as village_id, v.county_id, v.i as vi, k,
       hashtext('bench:household:' || v.i || ':' || k) & 2147483647 as h,
       case when k % 80 = 0 then k - 1 else k end as cadre_k,
       v.units
  from bench_villages v cross join lateral generate_series(1, 55 + v.h % 13) k;
alter table bench_households add column cadre_id uuid, add column unit_id uuid, add column head_name text;
update bench_households set
  cadre_id = md5('bench:cadre:' || vi || ':' || cadre_k)::uuid,
  unit_id = case when cadre_k % 4 = 0 or coalesce(cardinality(units), 0) = 0 then null
                 else units[1 + (cadre_k / 4) % cardinality(units)] end,
  head_name = substr('赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜邓盘房黄罗林钟侯曾温刘谢', 1 + h % 43, 1)
              || substr('国建华明德志春秀英桂兰玉芳金海永福荣贵平安新光辉红梅丽娟伟强军东生林山水清燕云', 1 + (h / 43) % 39, 1)
              || substr('国建华明德志春秀英桂兰玉芳金海永福荣贵平安新光辉红梅丽娟伟强军东生林山水清燕云', 1 + (h / 1677) % 39, 1);
alter table bench_households add primary key (id);

-- step: households
insert into public.households (id, village_id, head_name, members, phone, address, situation, poverty_status, is_active, created_at, updated_at)
select h.id, h.village_id, h.head_name, 1 + h.h % 6,
       '13' || lpad((h.h % 1000000000)::text, 9, '0'),
       (h.k % 12 + 1)::text || '组' || (h.k % 40 + 1)::text || '号',
       case when h.h % 20 < 2 then '因病致贫，需持续帮扶' when h.h % 20 < 6 then '已脱贫，发展种养增收' when h.h % 20 = 6 then '收入不稳定，纳入监测' end,
       (case when h.h % 20 < 2 then 'poor' when h.h % 20 < 6 then 'lifted' when h.h % 20 = 6 then 'monitored' else 'not_poor' end)::public.poverty_status,
       true, timestamptz '2024-03-01 09:00+08', timestamptz '2024-03-01 09:00+08'
  from bench_households h;

-- step: cadres
-- from one of the village's active units, or (one in four) the county organs
insert into public.cadres (id, county_id, unit_id, name, phone, title, user_id, created_at)
select h.cadre_id, h.county_id, h.unit_id,
       substr('赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜邓盘房黄罗林钟侯曾温刘谢', 1 + (h.h / 7) % 43, 1)
       || substr('国建华明德志春秀英桂兰玉芳金海永福荣贵平安新光辉红梅丽娟伟强军东生林山水清燕云', 1 + (h.h / 301) % 39, 1)
       || substr('国建华明德志春秀英桂兰玉芳金海永福荣贵平安新光辉红梅丽娟伟强军东生林山水清燕云', 1 + (h.h / 11739) % 39, 1),
       '139' || lpad((h.h % 100000000)::text, 8, '0'),
       case when h.unit_id is null then '县直机关干部' else '帮扶干部' end, null, timestamptz '2024-03-01 09:00+08'
  from bench_households h
 where h.k % 80 <> 0;

-- step: household_pairs
insert into public.household_pairs (id, cadre_id, household_id, village_id, starts_on, ends_on, created_at)
select md5('bench:pair:' || h.id)::uuid, h.cadre_id, h.id, h.village_id, date '2024-03-01' + (h.k % 60), null,
       (date '2024-03-01' + (h.k % 60))::timestamp at time zone 'Asia/Shanghai'
  from bench_households h;

-- step: cadre_postings
-- a village cadre in every village (cadre 1, from the lead unit), a second in one in three, a first
-- secretary (cadre 3) in 27 %
insert into public.cadre_postings (id, cadre_id, village_id, post, starts_on, ends_on, created_at)
select md5('bench:posting:' || h.village_id || ':' || h.k)::uuid, h.cadre_id, h.village_id,
       (case when h.k = 3 then 'first_secretary' else 'village_cadre' end)::public.cadre_post,
       date '2024-03-01', null, timestamptz '2024-03-01 09:00+08'
  from bench_households h join bench_villages v on v.id = h.village_id
 where h.k = 1 or (h.k = 2 and v.h % 3 = 0) or (h.k = 3 and (v.h / 3) % 100 < 27);

-- step: visits
-- three diaries per household, a fourth for one in fourteen; a unit cadre's diary names no household and
-- falls within its unit's pairing with the village (from its start; the village's own from 2024-03-01)
insert into public.visits (id, village_id, unit_id, cadre_id, household_id, visited_on, people_met, notes, created_by, created_at)
select md5('bench:visit:' || h.id || ':' || s)::uuid, h.village_id, h.unit_id, h.cadre_id,
       case when h.unit_id is null then h.id end,
       d.day, 1 + (h.h + s) % 3 + case when (h.h + s) % 5 = 0 then 1 else 0 end,
       (array['入户走访，了解家庭收入和就业情况，宣讲产业帮扶政策。', '走访慰问，询问老人身体状况和医保报销情况。',
              '了解孩子上学情况，介绍教育资助政策。', '查看房屋安全情况，提醒雨季注意防范。',
              '与户主座谈种养计划，联系技术员上门指导。', '收集群众对村道硬化和饮水工程的意见。',
              '回访上次反映的问题，核实办理情况。'])[1 + (h.h / 3 + s) % 7],
       null, d.day::timestamp at time zone 'Asia/Shanghai' + interval '18 hours'
  from bench_households h
  left join bench_since u on u.unit_id = h.unit_id and u.village_id = h.village_id
  cross join lateral (select coalesce(u.starts_on, date '2024-03-01') as first_day) f
  cross join lateral generate_series(1, 3 + (h.k % 14 = 0)::int) s
  cross join lateral (select f.first_day + (hashtext('bench:visit:' || h.id || ':' || s) & 2147483647)
                             % greatest(1, least(990, (select today from bench_p) - f.first_day)) as day) d;

-- step: concern_files
-- one per four households (k % 4 = 1); one in five opened by the lead unit (never private, no household,
-- within its pairing with the village), one in seven of the others private
create temp table bench_files on commit drop as
select md5('bench:concern_file:' || h.id)::uuid as id, h.id as household_id, h.village_id, h.head_name,
       (h.k - 1) / 4 as n, h.h,
       u.unit_id,
       (((h.k - 1) / 4) % 7 = 0 and ((h.k - 1) / 4) % 5 <> 0) as is_private,
       f.first_day + (hashtext('bench:concern_file:' || h.id) & 2147483647)
                     % greatest(1, least(990, (select today from bench_p) - f.first_day)) as opened_on
  from bench_households h
  cross join lateral (select case when ((h.k - 1) / 4) % 5 = 0 then h.units[1] end as unit_id) u
  left join bench_since l on l.unit_id = u.unit_id and l.village_id = h.village_id
  cross join lateral (select coalesce(l.starts_on, date '2024-03-01') as first_day) f
 where h.k % 4 = 1;
insert into public.concern_files (id, village_id, household_id, person_name, opened_on, summary, is_private, unit_id, created_by, created_at)
select f.id, f.village_id, case when f.unit_id is null then f.household_id end, f.head_name, f.opened_on,
       (array['反映村道破损，出行不便', '希望解决灌溉用水问题', '咨询低保和临时救助政策', '反映宅基地界址纠纷',
              '希望提供种养技术培训', '反映饮水管道老化漏水', '咨询医保报销和慢病政策', '希望增加公共照明'])[1 + f.h % 8],
       f.is_private, f.unit_id, null, f.opened_on::timestamp at time zone 'Asia/Shanghai' + interval '10 hours'
  from bench_files f;

-- step: opinions
-- one per file, a second for seven in ten; private and unit as their file; raised on or after the file, not
-- after today (so a unit's, within its open-ended pairing)
create temp table bench_opinions on commit drop as
select md5('bench:opinion:' || f.id || ':' || s)::uuid as id, f.id as file_id, f.village_id, f.is_private, f.unit_id,
       s, f.h, hashtext('bench:opinion:' || f.id || ':' || s) & 2147483647 as oh,
       least((select today from bench_p), f.opened_on + (s - 1) * (7 + f.h % 60)) as raised_on
  from bench_files f cross join lateral generate_series(1, 1 + (f.h / 8 % 10 < 7)::int) s;
insert into public.opinions (id, village_id, concern_file_id, visit_id, content, raised_on, is_private, unit_id, created_by, created_at)
select o.id, o.village_id, o.file_id, null,
       (array['反映村道破损，出行不便', '希望解决灌溉用水问题', '咨询低保和临时救助政策', '反映宅基地界址纠纷',
              '希望提供种养技术培训', '反映饮水管道老化漏水', '咨询医保报销和慢病政策', '希望增加公共照明'])[1 + (o.h + o.s) % 8]
       || '，建议尽快研究解决',
       o.raised_on, o.is_private, o.unit_id, null, o.raised_on::timestamp at time zone 'Asia/Shanghai' + interval '11 hours'
  from bench_opinions o;

-- step: concern_cases
-- a case for 79 % of the opinions: 94.3 % handled or confirmed, 2.6 % open, 1.8 % assigned, 1.3 % closed
create temp table bench_cases on commit drop as
select md5('bench:case:' || o.id)::uuid as id, o.id as opinion_id, o.file_id, o.village_id, o.is_private, o.unit_id,
       o.raised_on, o.oh, o.h + o.s as th,
       (case when o.oh / 100 % 1000 < 943 then (case when o.oh / 100 % 3 = 0 then 'handled' else 'confirmed' end)
             when o.oh / 100 % 1000 < 969 then 'open'
             when o.oh / 100 % 1000 < 987 then 'assigned'
             else 'closed' end)::public.case_state as state
  from bench_opinions o
 where o.oh % 100 < 79;
insert into public.concern_cases (id, village_id, concern_file_id, opinion_id, title, description, state, owner_name, due_on,
                                  resolution, closed_reason, is_private, unit_id, created_by, created_at, updated_at)
select k.id, k.village_id, k.file_id, k.opinion_id,
       (array['反映村道破损，出行不便', '希望解决灌溉用水问题', '咨询低保和临时救助政策', '反映宅基地界址纠纷',
              '希望提供种养技术培训', '反映饮水管道老化漏水', '咨询医保报销和慢病政策', '希望增加公共照明'])[1 + k.th % 8],
       null, k.state,
       case when k.state <> 'open' then '合成经办人' || lpad((k.oh % 1000)::text, 3, '0') end,
       case when k.state <> 'open' then k.raised_on + 30 end,
       case when k.state in ('handled', 'confirmed') then '已协调相关部门办理完毕' end,
       case when k.state = 'closed' then '经核实不属于村级事务，已告知群众' end,
       k.is_private, k.unit_id, null,
       k.raised_on::timestamp at time zone 'Asia/Shanghai', k.raised_on::timestamp at time zone 'Asia/Shanghai'
  from bench_cases k;

-- step: concern_case_events
-- the 'open' event the insert trigger would write, then the later moves, days apart
insert into public.concern_case_events (case_id, village_id, from_state, to_state, note, actor_id, occurred_at)
select k.id, k.village_id, m.from_state::public.case_state, m.to_state::public.case_state, m.note, null,
       least(now(), (k.raised_on + m.step)::timestamp at time zone 'Asia/Shanghai')
  from bench_cases k
  cross join lateral (values
    (0, null, 'open', null::text, true),
    (1, 'open', 'assigned', null, k.state in ('assigned', 'handled', 'confirmed')),
    (5, 'assigned', 'handled', '已协调相关部门办理完毕', k.state in ('handled', 'confirmed')),
    (8, 'handled', 'confirmed', null, k.state = 'confirmed'),
    (2, 'open', 'closed', '经核实不属于村级事务，已告知群众', k.state = 'closed')
  ) m(step, from_state, to_state, note, applies)
 where m.applies;

-- step: pairing_activities
-- one of each of the nine kinds per pairing active today (unit x village) in the synthetic villages
insert into public.pairing_activities (id, village_id, unit_id, kind, occurred_on, title, description, participants, funds, goods, created_by, created_at)
select md5('bench:activity:' || p.id || ':' || k)::uuid, p.village_id, p.unit_id, k, d.day,
       (array['帮助后进村制定整改方案', '帮助党员创办种养合作社', '帮助发展村集体经济项目', '帮助培养致富带头人',
              '帮助建设村级阵地和制度', '送政策：宣讲惠农政策', '送信息：发布务工和市场信息', '送技术：种养技术培训',
              '送温暖：走访慰问困难群众'])[array_position(enum_range(null::public.activity_kind), k)],
       null, 5 + (hashtext('bench:ap:' || p.id || k) & 2147483647) % 60,
       case when k::text like 'help_%' then (1000 * (1 + (hashtext('bench:af:' || p.id || k) & 2147483647) % 50))::numeric(14, 2) end,
       case when k = 'deliver_care' then '米、油各' || (5 + (hashtext('bench:ag:' || p.id) & 2147483647) % 20)::text || '份' end,
       null, d.day::timestamp at time zone 'Asia/Shanghai' + interval '16 hours'
  from bench_pairings p
  cross join bench_p x
  cross join unnest(enum_range(null::public.activity_kind)) k
  cross join lateral (select greatest(p.starts_on, least(x.today, date '2024-03-01'
                        + (hashtext('bench:activity:' || p.id || ':' || k) & 2147483647) % 990)) as day) d
 where p.starts_on <= x.today and (p.ends_on is null or p.ends_on >= x.today);
