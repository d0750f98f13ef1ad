/**
 * Demo monthly reports as plain data: the template versions of both counties, and three closed
 * months (2026-08 to 2026-10) of reports for Ruyuan's 115 villages and communities, plus some
 * November drafts, with their history. The demo's "today" is 2026-11-28: October's reports were due
 * on 2026-11-05, so October shows a town still reviewing while August is long settled.
 *
 * Generated, not hand-written, but deterministic: every village and month draws from its own
 * seeded random stream, so the same demo comes out of every reset and changing one village's
 * story leaves the others alone. Values stay within the template's ranges and tell a coherent
 * month (participants no more than the branch has, cases no more than were brought, commitments
 * that never go backwards). A return's reason names what is wrong with the first submission, and the
 * resubmission fixes exactly that, so the reviewer's diff shows real data.
 *
 * Stories the demo journeys rely on:
 *   云门村 (乳城镇)    August approved, September returned (reason shown to the secretary), October a
 *                     draft with everything but the work done filled in, no November report
 *   大潦坑村 (游溪镇)  August approved but late, September approved, October missing
 *   杨溪村 (桂头镇)    September approved, then reopened by the town for a county spot check
 *
 * Timestamps are Asia/Shanghai wall-clock times, converted to instants; all fall before the demo's today.
 */
import { DEFAULT_TEMPLATE_DEFINITION, DEFAULT_TEMPLATE_V2 } from '~/domain/monthly-reports/default-template'
import type { TemplateDefinition } from '~/domain/monthly-reports/template'
import { PAIRINGS, RUYUAN_CODE, RUYUAN_VILLAGES, WENGYUAN_CODE, type SeedVillage } from './ruyuan'
import type { ReportState, ReportValues } from '../db-types'


export interface SeedTemplate {
  countyCode: string
  version: number
  validFrom: string
  dueDay: number
  definition: TemplateDefinition
  createdAt: Date
  /** email of a demo account */
  createdBy: string
}

export interface SeedTransition {
  from: ReportState
  to: ReportState
  reason: string | null
  /** the values submitted (submissions only) */
  values: ReportValues | null
  actor: string | null
  at: Date
}

export interface SeedReport {
  villageCode: string
  period: string
  dueOn: string
  state: ReportState
  values: ReportValues
  revision: number
  createdAt: Date
  createdBy: string | null
  updatedAt: Date
  updatedBy: string | null
  firstSubmittedAt: Date | null
  submittedAt: Date | null
  submittedBy: string | null
  reviewedAt: Date | null
  reviewedBy: string | null
  transitions: SeedTransition[]
}

/** The demo's today (Asia/Shanghai). */
export const DEMO_TODAY = '2026-11-28'
/** The three closed months the demo reports cover, and the open one with drafts. */
export const CLOSED_MONTHS = ['2026-08-01', '2026-09-01', '2026-10-01'] as const
export const OPEN_MONTH = '2026-11-01'
/** Every village and community reports from this date on (orgs.active_from). */
export const VILLAGES_ACTIVE_FROM = '2020-01-01'

export const YUNMEN_CODE = '440232101201'
export const DALIAOKENG_CODE = '440232108201'
export const YANGXI_CODE = '440232103201'

export const TEMPLATES: readonly SeedTemplate[] = [
  { countyCode: RUYUAN_CODE, version: 1, validFrom: '2026-01-01', dueDay: 5, definition: DEFAULT_TEMPLATE_DEFINITION, createdAt: shanghai('2025-12-18', 10, 30), createdBy: 'county.admin@ruyuan.demo' },
  { countyCode: RUYUAN_CODE, version: 2, validFrom: '2026-10-01', dueDay: 5, definition: DEFAULT_TEMPLATE_V2, createdAt: shanghai('2026-09-22', 15, 10), createdBy: 'county.admin@ruyuan.demo' },
  { countyCode: WENGYUAN_CODE, version: 1, validFrom: '2026-01-01', dueDay: 5, definition: DEFAULT_TEMPLATE_DEFINITION, createdAt: shanghai('2025-12-25', 9, 0), createdBy: 'wengyuan.admin@ruyuan.demo' },
]

// Section: dates and randomness

/** The instant of a wall-clock time in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghai(date: string, hour: number, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute))
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10)
}

/** The due date of a month's report: the template's due day of the next month (as the database computes it). */
export function dueOn(period: string, dueDay = 5): string {
  return addDays(addMonths(period, 1), dueDay - 1)
}

type Rng = () => number

/** mulberry32 over an FNV-1a hash of the key: a small, stable stream per village and month. */
function rngFor(key: string): Rng {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1))
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n))

/** A wall-clock time during office hours on the given day, never on or after the demo's today. */
function at(rng: Rng, date: string, firstHour = 8, lastHour = 18): Date {
  const day = date < DEMO_TODAY ? date : addDays(DEMO_TODAY, -1)
  return shanghai(day, int(rng, firstHour, lastHour), int(rng, 0, 59))
}

/** Yuan as an exact decimal string from a whole number of fen. */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

// Section: values

const THEMES: Record<string, readonly string[]> = {
  '2026-08-01': ['八一建军节走访慰问退役军人', '防汛救灾党员先锋', '学习贯彻党的创新理论'],
  '2026-09-01': ['秋季森林防火宣传', '喜迎国庆党员志愿服务', '重温入党誓词'],
  '2026-10-01': ['重阳敬老', '秋收助农', '学习贯彻党的创新理论'],
  '2026-11-01': ['冬季安全生产宣传', '关爱留守儿童', '重温入党誓词'],
}
const EXTRA_WORK = [
  '组织党员参与村庄人居环境整治',
  '配合帮扶单位开展送技术下乡',
  '推进高标准农田建设',
  '开展矛盾纠纷排查化解',
  '推进村集体光伏项目建设',
  '组织开展防溺水安全教育',
  '协助做好医保缴费动员',
  '开展“五帮四送”走访活动',
] as const
const PROBLEMS = [
  '村道部分路段破损，需协调交通部门维修。',
  '集体经济增收渠道单一，希望帮扶单位协助引进项目。',
  '年轻党员外出务工较多，组织生活参与率偏低。',
  '部分农户饮水管网老化，需水务部门支持改造。',
  '村级活动阵地设备老化，需更新投影和音响设备。',
  '山区部分自然村网络信号弱，影响党员远程学习。',
] as const
const COMMITMENT_NOTES = {
  not_started: ['承诺事项资金尚未到位，计划下月启动。'],
  in_progress: ['村道硬底化工程已完成过半。', '村集体种植基地已完成选址和土地流转。', '文化活动室改造已进场施工。', '养殖合作社已完成登记，正在引进种苗。'],
  fulfilled: ['承诺事项已完成并通过镇验收。', '村道硬底化工程已完工通车。', '村集体光伏项目已并网发电。'],
} as const

interface VillageProfile {
  partyMembers: number
  groups: number
  baseIncomeFen: number
  commitmentDraw: number
  pairedUnits: number
}

function profileOf(v: SeedVillage): VillageProfile {
  const rng = rngFor(`profile:${v.code}`)
  const partyMembers = clamp(Math.round(v.population * (v.kind === 'community' ? 0.025 : 0.035) * (0.8 + rng() * 0.4)), 12, 300)
  return {
    partyMembers,
    groups: clamp(Math.round(partyMembers / 12), 2, 8),
    baseIncomeFen: (v.kind === 'community' ? int(rng, 20_000, 120_000) : int(rng, 2_000, 40_000)) * 100,
    commitmentDraw: rng(),
    pairedUnits: PAIRINGS.filter((p) => p.villageCode === v.code && p.endsOn === null).length,
  }
}

const MONTH_INDEX: Record<string, number> = { '2026-08-01': 0, '2026-09-01': 1, '2026-10-01': 2, '2026-11-01': 3 }

/** A complete, in-range report for a village's month. */
function valuesFor(v: SeedVillage, p: VillageProfile, period: string, rng: Rng): ReportValues {
  const mi = MONTH_INDEX[period] ?? 0
  const quarterEnd = period === '2026-09-01'
  const held = rng() < 0.96
  const visits = clamp(Math.round(v.households * (0.06 + rng() * 0.14)), 10, 3000)
  const opinions = int(rng, 3, 25)
  const cases = int(rng, 2, Math.min(opinions + 4, 20))
  const trainings = rng() < 0.25 ? 0 : int(rng, 1, 2)
  const committee = 1 + (rng() < 0.35 ? 1 : 0)
  const groupMeetings = p.groups + (rng() < 0.3 ? int(rng, 1, 2) : 0)
  const lectures = quarterEnd ? (rng() < 0.9 ? 1 : 2) : rng() < 0.3 ? 1 : 0
  const stage =
    p.commitmentDraw < [0.1, 0.05, 0.02, 0.02][mi]! ? 'not_started' : p.commitmentDraw > [0.95, 0.85, 0.72, 0.7][mi]! ? 'fulfilled' : 'in_progress'
  const incomeFen = Math.round((p.baseIncomeFen * (80 + int(rng, 0, 45))) / 100) + int(rng, 0, 99)
  const theme = pick(rng, THEMES[period] ?? THEMES['2026-08-01']!)
  const values: ReportValues = {
    member_assemblies: quarterEnd ? (rng() < 0.92 ? 1 : 0) : rng() < 0.25 ? 1 : 0,
    committee_meetings: committee,
    group_meetings: groupMeetings,
    party_lectures: lectures,
    themed_party_day_held: held,
    themed_party_day_participants: held ? Math.round(p.partyMembers * (0.7 + rng() * 0.25)) : 0,
    household_visits: visits,
    village_notes: clamp(Math.round(visits / int(rng, 4, 8)), 3, 60),
    concern_files_opened: int(rng, 0, 10),
    opinions_collected: opinions,
    civil_cases_handled: cases,
    commitment_progress: stage,
    commitment_notes: pick(rng, COMMITMENT_NOTES[stage]),
    trainings_held: trainings,
    training_participants: trainings * int(rng, 12, 40),
    pairing_activities: clamp(int(rng, 0, 2) + p.pairedUnits, 0, 30),
    collective_income: yuan(incomeFen),
    work_done:
      `本月召开支委会${committee}次、党小组会${groupMeetings}次${lectures ? `，上党课${lectures}次` : ''}` +
      (held ? `，开展“${theme}”主题党日活动` : '') +
      `；村“两委”干部走访农户${visits}户，收集意见建议${opinions}件，帮助群众办理事务${cases}件；` +
      `${pick(rng, EXTRA_WORK)}。`,
  }
  if (rng() < 0.6) values.problems_and_needs = pick(rng, PROBLEMS)
  if (period >= '2026-10-01') values.volunteer_services = int(rng, 1, 8)
  return values
}

interface Flaw {
  reason: (final: ReportValues) => string
  applies: (final: ReportValues) => boolean
  /** the first submission, before the village fixed it */
  flawed: (final: ReportValues) => ReportValues
}

const FLAWS: readonly Flaw[] = [
  {
    reason: () => '本月主要工作填写过于简单，请补充具体工作内容和成效。',
    applies: () => true,
    flawed: (f) => ({ ...f, work_done: '按计划开展各项工作。' }),
  },
  {
    reason: () => '集体经济收入与村账目不符（疑多填一位数），请核实后更正。',
    applies: (f) => Number(f.collective_income) * 10 <= 99_999_999.99,
    flawed: (f) => ({ ...f, collective_income: yuan(Math.round(Number(f.collective_income) * 100) * 10) }),
  },
  {
    reason: (f) => `走访农户${f.household_visits}户，但村情笔记为0篇，请补录走访日记。`,
    applies: () => true,
    flawed: (f) => ({ ...f, village_notes: 0 }),
  },
  {
    reason: () => '承诺事项尚未通过验收，不能填报为“已兑现”，请更正并说明进度。',
    applies: (f) => f.commitment_progress === 'in_progress',
    flawed: (f) => ({ ...f, commitment_progress: 'fulfilled', commitment_notes: '已完成。' }),
  },
  {
    reason: () => '“存在问题及需要协调解决的事项”未填写，请如实填报。',
    applies: (f) => typeof f.problems_and_needs === 'string',
    flawed: (f) => {
      const { problems_and_needs: _, ...rest } = f
      return rest
    },
  },
  {
    reason: (f) => `帮助办理群众事务${Number(f.civil_cases_handled) + 30}件，明显多于收集的意见建议，请核实。`,
    applies: (f) => Number(f.civil_cases_handled) + 30 <= 500,
    flawed: (f) => ({ ...f, civil_cases_handled: Number(f.civil_cases_handled) + 30 }),
  },
]

/** Fields a draft has filled in so far: a prefix of the form, as people fill it top to bottom. */
function partial(values: ReportValues, keep: number): ReportValues {
  return Object.fromEntries(Object.entries(values).slice(0, keep))
}

// Section: stories

type Story =
  | 'missing'
  | 'draft'
  | 'submitted'
  | 'submitted_late'
  | 'returned'
  | 'approved'
  | 'approved_late'
  | 'approved_after_return'
  | 'reopened'

/**
 * How many villages of each month tell each story (on top of the fixed stories below); the rest
 * tell the month's last story. Which villages do is drawn at random. The older the month, the more
 * of it is settled.
 */
const QUOTAS: Record<string, ReadonlyArray<readonly [Story, number]>> = {
  '2026-08-01': [['missing', 2], ['approved_late', 5], ['approved_after_return', 12], ['approved', Infinity]],
  '2026-09-01': [['missing', 3], ['returned', 3], ['submitted', 2], ['approved_late', 6], ['approved_after_return', 10], ['approved', Infinity]],
  '2026-10-01': [
    ['missing', 4], ['draft', 3], ['returned', 6], ['submitted', 20], ['submitted_late', 4],
    ['approved_late', 5], ['approved_after_return', 7], ['approved', Infinity],
  ],
  '2026-11-01': [['draft', 24], ['missing', Infinity]],
}

const FIXED: Record<string, Record<string, Story>> = {
  [YUNMEN_CODE]: { '2026-08-01': 'approved', '2026-09-01': 'returned', '2026-10-01': 'draft', '2026-11-01': 'missing' },
  [DALIAOKENG_CODE]: { '2026-08-01': 'approved_late', '2026-09-01': 'approved', '2026-10-01': 'missing', '2026-11-01': 'missing' },
  [YANGXI_CODE]: { '2026-09-01': 'reopened' },
}

/** Each village's story for the month: the fixed ones, then the quotas in a random order of villages. */
function storiesOf(period: string): Map<string, Story> {
  const stories = new Map<string, Story>()
  const open = RUYUAN_VILLAGES.filter((v) => {
    const fixed = FIXED[v.code]?.[period]
    if (fixed) stories.set(v.code, fixed)
    return !fixed
  })
    .map((v) => ({ code: v.code, draw: rngFor(`story:${v.code}:${period}`)() }))
    .sort((a, b) => a.draw - b.draw)
  let next = 0
  for (const [story, quota] of QUOTAS[period]!) {
    for (let n = 0; n < quota && next < open.length; n++) stories.set(open[next++]!.code, story)
  }
  return stories
}

export interface DemoActors {
  /** emails of the village's demo secretary and clerk, if it has them */
  secretary: (villageCode: string) => string | null
  clerk: (villageCode: string) => string | null
  /** emails of the town's demo reviewers (town admin / staff), possibly none */
  reviewers: (townCode: string) => readonly string[]
}

/** Every demo report of Ruyuan, with its history. */
export function demoReports(actors: DemoActors): SeedReport[] {
  const reports: SeedReport[] = []
  for (const period of [...CLOSED_MONTHS, OPEN_MONTH]) {
    const stories = storiesOf(period)
    for (const v of RUYUAN_VILLAGES) {
      const story = stories.get(v.code)!
      if (story === 'missing') continue
      reports.push(buildReport(v, period, story, profileOf(v), rngFor(`report:${v.code}:${period}`), actors))
    }
  }
  return reports
}

function buildReport(v: SeedVillage, period: string, story: Story, profile: VillageProfile, rng: Rng, actors: DemoActors): SeedReport {
  const due = dueOn(period)
  const secretary = actors.secretary(v.code)
  const clerk = actors.clerk(v.code)
  const reviewers = actors.reviewers(v.townCode)
  const reviewer = () => (reviewers.length ? pick(rng, reviewers) : null)
  const final = valuesFor(v, profile, period, rng)
  const startedBy = clerk && rng() < 0.5 ? clerk : secretary
  const edits = int(rng, 0, 2)

  if (story === 'draft') {
    const isYunmen = v.code === YUNMEN_CODE
    const createdAt = at(rng, period === OPEN_MONTH ? addDays(DEMO_TODAY, -int(rng, 3, 9)) : addDays(due, -int(rng, 0, 3)))
    const updatedAt = new Date(createdAt.getTime() + edits * int(rng, 1, 20) * 3_600_000)
    const { work_done: _, problems_and_needs: __, ...withoutSummary } = final
    return {
      villageCode: v.code, period, dueOn: due, state: 'draft',
      // 云门村's October draft: everything but the work summary, which the secretary writes before submitting
      values: isYunmen ? withoutSummary : partial(final, int(rng, 3, 14)),
      revision: 1 + edits,
      createdAt, createdBy: isYunmen ? clerk : startedBy, updatedAt: updatedAt < createdAt ? createdAt : updatedAt,
      updatedBy: isYunmen ? clerk : startedBy,
      firstSubmittedAt: null, submittedAt: null, submittedBy: null, reviewedAt: null, reviewedBy: null,
      transitions: [],
    }
  }

  const late = story === 'submitted_late' || story === 'approved_late'
  const firstDay = late ? addDays(due, int(rng, 1, period === '2026-10-01' ? 9 : 12)) : addDays(due, -int(rng, 0, 5))
  const firstAt = at(rng, firstDay, 8, 21)
  const createdAt = at(rng, addDays(firstDay, -int(rng, 1, 5)))
  const transitions: SeedTransition[] = []
  const submit = (from: ReportState, values: ReportValues, when: Date) =>
    transitions.push({ from, to: 'submitted', reason: null, values, actor: secretary, at: when })
  const review = (to: ReportState, reason: string | null, when: Date, actor: string | null) =>
    transitions.push({ from: transitions.at(-1)!.to, to, reason, values: null, actor, at: when })
  const later = (after: Date, minDays: number, maxDays: number) =>
    at(rng, addDays(after.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }), int(rng, minDays, maxDays)), 9, 17)

  let values = final
  let reviewedBy: string | null = null
  let extraEdits = 0
  if (story === 'returned' || story === 'approved_after_return') {
    const flaws = FLAWS.filter((f) => f.applies(final))
    const flaw = v.code === YUNMEN_CODE ? FLAWS[0]! : pick(rng, flaws)
    const flawed = flaw.flawed(final)
    submit('draft', flawed, firstAt)
    reviewedBy = reviewer()
    const returnedAt = later(firstAt, 1, 3)
    review('returned', flaw.reason(final), returnedAt, reviewedBy)
    if (story === 'returned') {
      values = flawed
    } else {
      const resubmittedAt = later(returnedAt, 1, 3)
      submit('returned', final, resubmittedAt)
      extraEdits = 1
      review('approved', null, later(resubmittedAt, 1, 4), reviewedBy)
    }
  } else {
    submit('draft', final, firstAt)
    if (story !== 'submitted' && story !== 'submitted_late') {
      reviewedBy = reviewer()
      const approvedAt = later(firstAt, 1, 5)
      review('approved', rng() < 0.2 ? '材料齐全，同意。' : null, approvedAt, reviewedBy)
      if (story === 'reopened') {
        review('reopened', '县委组织部抽查：集体经济收入需附收入明细，请补充后重新报送。', later(approvedAt, 20, 30), reviewedBy)
      }
    }
  }

  const last = transitions.at(-1)!
  const lastSubmission = transitions.filter((t) => t.to === 'submitted').at(-1)!
  const reviewed = transitions.filter((t) => t.to !== 'submitted').at(-1)
  return {
    villageCode: v.code,
    period,
    dueOn: due,
    state: last.to,
    values,
    // every save and every state change bumps the revision, as the guard trigger does
    revision: 1 + edits + extraEdits + transitions.length,
    createdAt,
    createdBy: startedBy,
    updatedAt: last.at,
    updatedBy: extraEdits ? secretary : startedBy,
    firstSubmittedAt: firstAt,
    submittedAt: lastSubmission.at,
    submittedBy: secretary,
    reviewedAt: reviewed?.at ?? null,
    reviewedBy: reviewed?.actor ?? null,
    transitions,
  }
}
