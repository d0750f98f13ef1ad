/**
 * The default monthly report template every county starts with (seeded for the demo counties and
 * created by `npm run admin -- create-county` as version 1). It covers the monthly work the source
 * article describes, in its vocabulary: branch life (三会一课, 主题党日), contact with the people
 * (visits, village notes, concern files, opinions, civil cases), commitments, training, urban-rural
 * pairing, collective economy, and the month's work and problems.
 *
 * Templates are data: a county changes its template by adding a version (report_templates), never
 * by editing this file. DEFAULT_TEMPLATE_V2 shows how: version 1 plus one field.
 */
import type { Localized, TemplateDefinition, TemplateField, TemplateSection } from './template'

const l = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en })

const UNIT = {
  times: l('次', 'times'),
  people: l('人', 'people'),
  households: l('户', 'households'),
  entries: l('篇', 'entries'),
  items: l('件', 'items'),
  yuan: l('元', 'yuan'),
} as const

type FieldInput = Omit<TemplateField, 'required' | 'outlierCheck'> & { required?: boolean; outlierCheck?: boolean }

const field = (f: FieldInput): TemplateField => ({ ...f, required: f.required ?? false, outlierCheck: f.outlierCheck ?? false })

/** A count of things done this month: whole numbers from 0, a unit, and an outlier check by default. */
const count = (key: string, label: Localized, unit: Localized, max: number, extra: Partial<FieldInput> = {}): TemplateField =>
  field({ key, type: 'integer', label, unit, min: 0, max, required: true, outlierCheck: true, ...extra })

const branchLife: TemplateSection = {
  key: 'branch_life',
  label: l('组织生活', 'Branch life'),
  fields: [
    count('member_assemblies', l('召开支部党员大会', 'Party member assemblies held'), UNIT.times, 10, {
      help: l('“三会一课”之一，一般每季度至少召开一次。', 'One of the "three meetings and one lesson"; usually at least once a quarter.'),
    }),
    count('committee_meetings', l('召开支委会', 'Branch committee meetings held'), UNIT.times, 20, {
      help: l('一般每月至少召开一次。', 'Usually at least once a month.'),
    }),
    count('group_meetings', l('召开党小组会', 'Party group meetings held'), UNIT.times, 60, {
      help: l('各党小组召开的会议次数合计。', 'Total of the meetings held by all party groups of the branch.'),
    }),
    count('party_lectures', l('上党课', 'Party lectures given'), UNIT.times, 10, {
      help: l('一般每季度至少一次。', 'Usually at least once a quarter.'),
    }),
    field({
      key: 'themed_party_day_held',
      type: 'boolean',
      label: l('是否开展主题党日活动', 'Themed party day held'),
      required: true,
    }),
    count('themed_party_day_participants', l('主题党日参加人数', 'Themed party day participants'), UNIT.people, 1000, {
      required: false,
      help: l('未开展主题党日的填 0 或不填。', 'Leave empty or enter 0 if no themed party day was held.'),
    }),
  ],
}

const contactWithThePeople: TemplateSection = {
  key: 'contact_with_the_people',
  label: l('联系群众', 'Contact with the people'),
  fields: [
    count('household_visits', l('干部走访农户', 'Households visited by cadres'), UNIT.households, 3000, {
      help: l('村“两委”干部和驻村干部本月走访的农户数。', 'Households visited this month by the village "two committees" and village-based cadres.'),
    }),
    count('village_notes', l('撰写村情笔记（走访日记）', 'Village notes (visit diaries) written'), UNIT.entries, 500),
    count('concern_files_opened', l('新建民情档案', 'Concern files opened'), UNIT.households, 500, {
      help: l('本月新建立民情档案的农户数。', 'Households for which a people\'s concern file was opened this month.'),
    }),
    count('opinions_collected', l('收集意见建议', 'Opinions and suggestions collected'), UNIT.items, 500),
    count('civil_cases_handled', l('帮助办理群众事务', 'Civil cases handled'), UNIT.items, 500, {
      help: l('帮助群众办理的事务件数，含代办、协调和纠纷调解。', 'Matters handled for villagers, including errands run for them, coordination and mediation.'),
    }),
  ],
}

const commitments: TemplateSection = {
  key: 'commitments',
  label: l('承诺践诺', 'Commitments'),
  fields: [
    field({
      key: 'commitment_progress',
      type: 'choice',
      label: l('年度承诺事项进展', 'Progress of the annual commitments'),
      help: l('党支部书记年初公开承诺事项的总体进展。', 'Overall progress of the commitments the branch secretary made public at the start of the year.'),
      required: true,
      choices: [
        { value: 'not_started', label: l('未启动', 'Not started') },
        { value: 'in_progress', label: l('推进中', 'In progress') },
        { value: 'fulfilled', label: l('已兑现', 'Fulfilled') },
      ],
    }),
    field({
      key: 'commitment_notes',
      type: 'text',
      label: l('践诺情况说明', 'Notes on fulfilment'),
      maxLength: 200,
    }),
  ],
}

const training: TemplateSection = {
  key: 'training',
  label: l('培训', 'Training'),
  fields: [
    count('trainings_held', l('开展培训', 'Trainings held'), UNIT.times, 20, {
      help: l('含党员教育培训、党员创业技能培训等。', 'Party member education and party member entrepreneurship skills training, among others.'),
    }),
    count('training_participants', l('参训人数', 'Training participants'), UNIT.people, 2000),
  ],
}

const pairing: TemplateSection = {
  key: 'pairing',
  label: l('结对共建', 'Urban-rural pairing'),
  fields: [
    count('pairing_activities', l('与帮扶单位开展结对共建活动', 'Activities with paired support units'), UNIT.times, 30, {
      help: l('含“五帮四送”活动。', 'Including the "five helps and four deliveries" activities.'),
    }),
  ],
}

const collectiveEconomy: TemplateSection = {
  key: 'collective_economy',
  label: l('集体经济', 'Collective economy'),
  fields: [
    field({
      key: 'collective_income',
      type: 'decimal',
      label: l('本月村集体经济收入', 'Collective income received this month'),
      help: l('以元为单位，保留两位小数。', 'In yuan, to the fen (two decimal places).'),
      unit: UNIT.yuan,
      min: 0,
      max: 99_999_999.99,
      scale: 2,
      required: true,
      outlierCheck: true,
    }),
  ],
}

const workSummary: TemplateSection = {
  key: 'work_summary',
  label: l('工作情况', 'Work summary'),
  fields: [
    field({
      key: 'work_done',
      type: 'longtext',
      label: l('本月主要工作', 'Work done this month'),
      required: true,
      maxLength: 2000,
    }),
    field({
      key: 'problems_and_needs',
      type: 'longtext',
      label: l('存在问题及需要协调解决的事项', 'Problems, and what the village needs help with'),
      maxLength: 2000,
    }),
  ],
}

/** Version 1 of the default template. */
export const DEFAULT_TEMPLATE_DEFINITION: TemplateDefinition = {
  sections: [branchLife, contactWithThePeople, commitments, training, pairing, collectiveEconomy, workSummary],
}

/** Version 2: version 1 plus the number of party member volunteer services, at the end of branch life. */
export const DEFAULT_TEMPLATE_V2: TemplateDefinition = {
  sections: DEFAULT_TEMPLATE_DEFINITION.sections.map((s) =>
    s.key === 'branch_life'
      ? {
          ...s,
          fields: [
            ...s.fields,
            count('volunteer_services', l('开展党员志愿服务', 'Party member volunteer services'), UNIT.times, 50, {
              required: false,
              help: l('党员参加志愿服务活动的次数合计。', 'Total of the volunteer activities party members took part in.'),
            }),
          ],
        }
      : s,
  ),
}
