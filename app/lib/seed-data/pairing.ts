/**
 * The pairing domain of the Ruyuan demo, generated in SQL (set-based, deterministic: ids and every
 * choice come from md5 of a name and a row number, never from random()). `seedPairing` in
 * seed.server.ts runs `pairingSeedSql` on the service path inside the demo's one transaction.
 *
 * It reproduces the article's figures for 乳源 in full (no sampling):
 *   households 7,016 in all 115 villages and communities; 6,931 cadres (from the units paired with
 *   each village, one in four from the county organs) paired with those 7,016 households (85 cadres
 *   with two); 185 active village postings (a village cadre in every village, a second in
 *   39, and a first secretary in the 31 villages of the 2024 weak-village list); 21,539 visit diaries
 *   meeting 47,386 people (45,000+); 1,679 concern files; 2,874 opinions; 2,148 civil cases handled
 *   (handled or confirmed) plus 60 open, 40 assigned and 30 closed; five-helps / four-deliveries
 *   activities: one of each of the nine kinds per active pairing (unit x village).
 * 翁源县 gets only the provincial unit GD-P01's records in its paired village (the cross-county story).
 */

/** The figures the seed produces for 乳源 (asserted by tests/integration/pairing-seed.test.ts). */
export const PAIRING_FIGURES = {
  households: 7016,
  cadresPaired: 6931,
  householdsPaired: 7016,
  postings: 185,
  firstSecretaries: 31,
  visits: 21539,
  peopleVisited: 47386,
  concernFiles: 1679,
  opinions: 2874,
  casesHandled: 2148,
  casesOpen: 60,
  casesAssigned: 40,
  casesClosed: 30,
} as const

export interface PairingSeedParams {
  ruyuanId: string
  wengyuanId: string
  /** Demo users who appear as authors: the unit liaisons and the 云门村 secretary. */
  unitLiaisonId: string
  unitLiaisonUnitId: string
  provinceLiaisonId: string
  provinceUnitId: string
  yunmenSecretaryId: string
  yunmenId: string
}

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜邓盘房赵黄罗林钟侯曾温刘谢'
const GIVEN = '国建华明德志春秀英桂兰玉芳金海永福荣贵平安新光辉红梅丽娟伟强军东生林山水清燕云'

const NOTES = [
  '入户走访，了解家庭收入和就业情况，宣讲产业帮扶政策。',
  '走访慰问，询问老人身体状况和医保报销情况。',
  '了解孩子上学情况，介绍教育资助政策。',
  '查看房屋安全情况，提醒雨季注意防范。',
  '与户主座谈种养计划，联系技术员上门指导。',
  '收集群众对村道硬化和饮水工程的意见。',
  '回访上次反映的问题，核实办理情况。',
]
const CONCERNS = [
  '反映村道破损，出行不便',
  '希望解决灌溉用水问题',
  '咨询低保和临时救助政策',
  '反映宅基地界址纠纷',
  '希望提供种养技术培训',
  '反映饮水管道老化漏水',
  '咨询医保报销和慢病政策',
  '希望增加公共照明',
]
const ACTIVITY_TITLES: Record<string, string> = {
  help_catch_up: '帮助后进村制定整改方案',
  help_start_business: '帮助党员创办种养合作社',
  help_collective_economy: '帮助发展村集体经济项目',
  help_cultivate_leaders: '帮助培养致富带头人',
  help_positions_systems: '帮助建设村级阵地和制度',
  deliver_policies: '送政策：宣讲惠农政策',
  deliver_information: '送信息：发布务工和市场信息',
  deliver_skills: '送技术：种养技术培训',
  deliver_care: '送温暖：走访慰问困难群众',
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`
const arr = (xs: readonly string[]) => `array[${xs.map(lit).join(', ')}]::text[]`

/** The SQL that seeds the pairing domain (one script, run on the service path). */
export function pairingSeedSql(p: PairingSeedParams): string {
  const today = `(now() at time zone 'Asia/Shanghai')::date`
  // a day from `start` (the demo's pairing period began 2024-03-01), deterministic per key, never in the future
  const dayFrom = (key: string, start: string) =>
    `(${start} + (('x' || substr(md5(${key}), 1, 7))::bit(28)::int % greatest(1, least(990, ${today} - ${start}))))`
  const day = (key: string) => dayFrom(key, `date '2024-03-01'`)
  // a record a unit keeps in a village falls within their pairing (the app refuses others): from the
  // start of the pairing that covers today; a village's own record, any day of the period
  const dayOf = (key: string, unitCol: string, villageCol: string) =>
    `case when ${unitCol} is null then ${day(key)} else ${dayFrom(
      key,
      `coalesce((select max(pp.starts_on) from public.pairings pp where pp.unit_id = ${unitCol} and pp.village_id = ${villageCol} and pp.starts_on <= ${today}), date '2024-03-01')`,
    )} end`
  const h = (key: string) => `(('x' || substr(md5(${key}), 1, 7))::bit(28)::int)`
  const name = (key: string) =>
    `substr(${lit(SURNAMES)}, 1 + ${h(key + " || 's'")} % ${SURNAMES.length}, 1) || substr(${lit(GIVEN)}, 1 + ${h(key + " || 'g1'")} % ${GIVEN.length}, 1) || substr(${lit(GIVEN)}, 1 + ${h(key + " || 'g2'")} % ${GIVEN.length}, 1)`
  const author = (unitCol: string, villageCol: string) =>
    `case when ${unitCol} = ${lit(p.unitLiaisonUnitId)}::uuid then ${lit(p.unitLiaisonId)}::uuid
          when ${unitCol} = ${lit(p.provinceUnitId)}::uuid then ${lit(p.provinceLiaisonId)}::uuid
          when ${unitCol} is null and ${villageCol} = ${lit(p.yunmenId)}::uuid then ${lit(p.yunmenSecretaryId)}::uuid end`
  return `
-- villages of 乳源 in code order, numbered 0..114, with their active units (lead first)
create temp table seed_villages on commit drop as
select v.id, v.code, (row_number() over (order by v.code) - 1)::int as n,
       array(select p.unit_id from public.pairings p join public.orgs u on u.id = p.unit_id
              where p.village_id = v.id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
              order by p.is_lead desc, u.code) as units
  from public.orgs v
  join public.org_closure c on c.descendant_id = v.id and c.ancestor_id = ${lit(p.ruyuanId)}::uuid
 where v.kind in ('village', 'community');

-- households: 7,016, round-robin over the villages
create temp table seed_households on commit drop as
select md5('household:' || i)::uuid as id, i, v.id as village_id, v.n as village_n
  from generate_series(1, ${PAIRING_FIGURES.households}) i
  join seed_villages v on v.n = (i - 1) % (select count(*) from seed_villages);
insert into public.households (id, village_id, head_name, members, phone, address, situation, poverty_status, created_at, updated_at)
select h.id, h.village_id, ${name("'hh' || h.i")}, 1 + ${h("'m' || h.i")} % 6,
       '13' || lpad((${h("'ph' || h.i")} % 1000000000)::text, 9, '0'),
       (h.i % 12 + 1)::text || '组' || (h.i % 40 + 1)::text || '号',
       case when h.i % 20 < 2 then '因病致贫，需持续帮扶' when h.i % 20 < 6 then '已脱贫，发展种养增收' when h.i % 20 = 6 then '收入不稳定，纳入监测' end,
       (case when h.i % 20 < 2 then 'poor' when h.i % 20 < 6 then 'lifted' when h.i % 20 = 6 then 'monitored' else 'not_poor' end)::public.poverty_status,
       now(), now()
  from seed_households h;

-- cadres: 6,931, cadre j from the village of household j; from one of its units, or (j % 4 = 0) the county organs
create temp table seed_cadres on commit drop as
select md5('cadre:' || h.i)::uuid as id, h.i, h.village_id, h.village_n,
       case when h.i % 4 = 0 or cardinality(v.units) = 0 then null else v.units[1 + (h.i / 4) % cardinality(v.units)] end as unit_id
  from seed_households h join seed_villages v on v.id = h.village_id
 where h.i <= ${PAIRING_FIGURES.cadresPaired};
insert into public.cadres (id, county_id, unit_id, name, phone, title, created_at)
select c.id, ${lit(p.ruyuanId)}::uuid, c.unit_id, ${name("'cadre' || c.i")},
       '139' || lpad((${h("'cph' || c.i")} % 100000000)::text, 8, '0'),
       case when c.unit_id is null then '县直机关干部' else '帮扶干部' end, now()
  from seed_cadres c;

-- household pairs: household j with cadre j; the 85 households beyond 6,931 with cadre j - 115 (same village)
insert into public.household_pairs (id, cadre_id, household_id, village_id, starts_on)
select md5('pair:' || h.i)::uuid, c.id, h.id, h.village_id, date '2024-03-01' + (h.i % 60)
  from seed_households h
  join seed_cadres c on c.i = case when h.i <= ${PAIRING_FIGURES.cadresPaired} then h.i else h.i - (select count(*) from seed_villages) end;

-- postings: a village cadre in every village (its first cadre from its lead unit, else its first cadre),
-- a second one in 39 villages, a first secretary in the 31 "weak" villages (n % 3 = 1, the first 31)
create temp table seed_posted on commit drop as
select distinct on (v.id, slot) v.id as village_id, slot, c.id as cadre_id
  from seed_villages v
  cross join generate_series(1, 3) slot
  join lateral (
    select c.id from seed_cadres c where c.village_id = v.id
     order by (c.unit_id is not distinct from v.units[1]) desc, c.i offset slot - 1 limit 1
  ) c on true
 where slot = 1 or (slot = 2 and v.n % 3 = 0 and v.n < 120) or (slot = 3 and v.n % 3 = 1 and v.n < 3 * 31)
 order by v.id, slot;
insert into public.cadre_postings (id, cadre_id, village_id, post, starts_on)
select md5('posting:' || s.village_id || ':' || s.slot)::uuid, s.cadre_id, s.village_id,
       (case when s.slot = 3 then 'first_secretary' else 'village_cadre' end)::public.cadre_post, date '2024-03-01'
  from seed_posted s;

-- visits: 21,539 diaries; the cadre of household (i mod 7,016) visits it; units' visits name no household
insert into public.visits (id, village_id, unit_id, cadre_id, household_id, visited_on, people_met, notes, created_by)
select md5('visit:' || s.i)::uuid, c.village_id, c.unit_id, c.id,
       case when c.unit_id is null then h.id end,
       ${dayOf("'visit' || s.i", 'c.unit_id', 'c.village_id')},
       1 + s.i % 3 + case when s.i % 5 = 0 then 1 else 0 end,
       (${arr(NOTES)})[1 + s.i % ${NOTES.length}],
       ${author('c.unit_id', 'c.village_id')}
  from generate_series(1, ${PAIRING_FIGURES.visits}) s(i)
  join seed_households h on h.i = 1 + (s.i - 1) % ${PAIRING_FIGURES.households}
  join public.household_pairs hp on hp.household_id = h.id
  join seed_cadres c on c.id = hp.cadre_id;

-- concern files: 1,679; one in seven private; one in five opened by the village's lead unit (never private, no household)
create temp table seed_files on commit drop as
select md5('concern_file:' || s.i)::uuid as id, s.i, h.village_id, h.id as household_id,
       case when s.i % 5 = 0 then v.units[1] end as unit_id,
       (s.i % 7 = 0 and s.i % 5 <> 0) as is_private
  from generate_series(1, ${PAIRING_FIGURES.concernFiles}) s(i)
  join seed_households h on h.i = 1 + ((s.i - 1) * 4) % ${PAIRING_FIGURES.households}
  join seed_villages v on v.id = h.village_id;
insert into public.concern_files (id, village_id, household_id, person_name, opened_on, summary, is_private, unit_id, created_by)
select f.id, f.village_id, case when f.unit_id is null then f.household_id end, hh.head_name, ${dayOf("'file' || f.i", 'f.unit_id', 'f.village_id')},
       (${arr(CONCERNS)})[1 + f.i % ${CONCERNS.length}], f.is_private, f.unit_id, ${author('f.unit_id', 'f.village_id')}
  from seed_files f join public.households hh on hh.id = f.household_id;

-- opinions: 2,874, each on a concern file (file (i mod 1,679)), private with it
insert into public.opinions (id, village_id, concern_file_id, content, raised_on, is_private, unit_id, created_by)
select md5('opinion:' || s.i)::uuid, f.village_id, f.id, (${arr(CONCERNS)})[1 + (f.i + s.i) % ${CONCERNS.length}] || '，建议尽快研究解决',
       ${dayOf("'opinion' || s.i", 'f.unit_id', 'f.village_id')}, f.is_private, f.unit_id, ${author('f.unit_id', 'f.village_id')}
  from generate_series(1, ${PAIRING_FIGURES.opinions}) s(i)
  join seed_files f on f.i = 1 + (s.i - 1) % ${PAIRING_FIGURES.concernFiles};

-- cases: 2,148 handled or confirmed, 60 open, 40 assigned, 30 closed; each from an opinion
create temp table seed_cases on commit drop as
select md5('case:' || i)::uuid as id, i, o.id as opinion_id, o.village_id, o.concern_file_id, o.is_private, o.unit_id, o.raised_on,
       (case when i <= ${PAIRING_FIGURES.casesHandled} then (case when i % 3 = 0 then 'handled' else 'confirmed' end)
             when i <= ${PAIRING_FIGURES.casesHandled + PAIRING_FIGURES.casesOpen} then 'open'
             when i <= ${PAIRING_FIGURES.casesHandled + PAIRING_FIGURES.casesOpen + PAIRING_FIGURES.casesAssigned} then 'assigned'
             else 'closed' end)::public.case_state as state
  from generate_series(1, ${PAIRING_FIGURES.casesHandled + PAIRING_FIGURES.casesOpen + PAIRING_FIGURES.casesAssigned + PAIRING_FIGURES.casesClosed}) i
  join public.opinions o on o.id = md5('opinion:' || i)::uuid;
insert into public.concern_cases (id, village_id, concern_file_id, opinion_id, title, description, state, owner_name, due_on,
                                  resolution, closed_reason, is_private, unit_id, created_by, created_at, updated_at)
select k.id, k.village_id, k.concern_file_id, k.opinion_id, (${arr(CONCERNS)})[1 + k.i % ${CONCERNS.length}], null, k.state,
       case when k.state <> 'open' then ${name("'owner' || k.i")} end,
       case when k.state <> 'open' then k.raised_on + 30 end,
       case when k.state in ('handled', 'confirmed') then '已协调相关部门办理完毕' end,
       case when k.state = 'closed' then '经核实不属于村级事务，已告知群众' end,
       k.is_private, k.unit_id, ${author('k.unit_id', 'k.village_id')},
       k.raised_on::timestamp at time zone 'Asia/Shanghai', k.raised_on::timestamp at time zone 'Asia/Shanghai'
  from seed_cases k;
-- the insert trigger wrote each case's 'open' event; the later moves, one day apart
insert into public.concern_case_events (case_id, village_id, from_state, to_state, note, actor_id, occurred_at)
select k.id, k.village_id, m.from_state::public.case_state, m.to_state::public.case_state, m.note, null,
       (k.raised_on + m.step)::timestamp at time zone 'Asia/Shanghai'
  from seed_cases k
  cross join lateral (values
    (1, 'open', 'assigned', null::text, k.state in ('assigned', 'handled', 'confirmed')),
    (5, 'assigned', 'handled', '已协调相关部门办理完毕', k.state in ('handled', 'confirmed')),
    (8, 'handled', 'confirmed', null, k.state = 'confirmed'),
    (2, 'open', 'closed', '经核实不属于村级事务，已告知群众', k.state = 'closed')
  ) m(step, from_state, to_state, note, applies)
 where m.applies;

-- activities: one of each of the nine kinds per active pairing (unit x village), in both counties for GD-P01
insert into public.pairing_activities (id, village_id, unit_id, kind, occurred_on, title, description, participants, funds, goods, created_by)
select md5('activity:' || p.id || ':' || k)::uuid, p.village_id, p.unit_id, k, ${dayFrom("'activity' || p.id || k", 'p.starts_on')},
       (${arr(Object.values(ACTIVITY_TITLES))})[array_position(enum_range(null::public.activity_kind), k)],
       null, 5 + ${h("'ap' || p.id || k")} % 60,
       case when k::text like 'help_%' then (1000 * (1 + ${h("'af' || p.id || k")} % 50))::numeric(14, 2) end,
       case when k = 'deliver_care' then '米、油各' || (5 + ${h("'ag' || p.id")} % 20)::text || '份' end,
       ${author('p.unit_id', 'p.village_id')}
  from public.pairings p
  cross join unnest(enum_range(null::public.activity_kind)) k
 where p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
   and (p.village_id in (select id from seed_villages) or p.unit_id = ${lit(p.provinceUnitId)}::uuid);

-- 翁源: the provincial unit's cadre, posting, household pair and visits in its paired village there
insert into public.cadres (id, county_id, unit_id, name, phone, title)
select md5('cadre:wengyuan:' || p.village_id)::uuid, ${lit(p.wengyuanId)}::uuid, p.unit_id, '黎志远', '139-0000-0301', '驻村第一书记'
  from public.pairings p join public.org_closure c on c.descendant_id = p.village_id and c.ancestor_id = ${lit(p.wengyuanId)}::uuid
 where p.unit_id = ${lit(p.provinceUnitId)}::uuid and p.ends_on is null;
insert into public.cadre_postings (id, cadre_id, village_id, post, starts_on)
select md5('posting:wengyuan:' || c.id)::uuid, c.id, p.village_id, 'first_secretary', date '2024-03-01'
  from public.cadres c join public.pairings p on c.id = md5('cadre:wengyuan:' || p.village_id)::uuid
 where p.unit_id = ${lit(p.provinceUnitId)}::uuid and p.ends_on is null;
insert into public.households (id, village_id, head_name, members, poverty_status)
select md5('household:wengyuan:' || p.village_id || ':' || i)::uuid, p.village_id, ${name("'wy' || i")}, 2 + i % 4,
       (case when i % 3 = 0 then 'lifted' else 'not_poor' end)::public.poverty_status
  from public.pairings p cross join generate_series(1, 6) i
 where p.unit_id = ${lit(p.provinceUnitId)}::uuid and p.ends_on is null
   and md5('cadre:wengyuan:' || p.village_id)::uuid in (select id from public.cadres);
insert into public.household_pairs (id, cadre_id, household_id, village_id, starts_on)
select md5('pair:' || h.id)::uuid, md5('cadre:wengyuan:' || h.village_id)::uuid, h.id, h.village_id, date '2024-03-01'
  from public.households h where h.id = md5('household:wengyuan:' || h.village_id || ':1')::uuid
     or h.id = md5('household:wengyuan:' || h.village_id || ':2')::uuid;
insert into public.visits (id, village_id, unit_id, cadre_id, visited_on, people_met, notes, created_by)
select md5('visit:wengyuan:' || c.id || ':' || i)::uuid, cp.village_id, c.unit_id, c.id, ${dayOf("'wyv' || i", 'c.unit_id', 'cp.village_id')}, 1 + i % 3,
       (${arr(NOTES)})[1 + i % ${NOTES.length}], ${lit(p.provinceLiaisonId)}::uuid
  from public.cadres c join public.cadre_postings cp on cp.cadre_id = c.id cross join generate_series(1, 12) i
 where c.county_id = ${lit(p.wengyuanId)}::uuid;
`
}
