import type { TFunction } from 'i18next'
import { sql } from 'kysely'
import { z, type ZodError, type ZodIssue } from 'zod'
import type { Tx } from '~/lib/db.server'
import { addMonths, periodFromMonth, periodOfDate, type Period } from './completeness'
import { fieldsOf, newTemplateDefinitionSchema, templateDefinitionSchema, type FieldType, type TemplateDefinition } from './template'

/**
 * Report template versions of a county: list, read, and add a version. There is no update or
 * delete (RLS has no policy for them): a template changes by adding a version that applies from a
 * later month, and every report keeps the version it was filed under.
 */

export interface TemplateVersionSummary {
  id: string
  version: number
  valid_from: Period
  /** Last month this version applies to (the month before the next version), or null for the latest. */
  valid_until: Period | null
  due_day: number
  sections: number
  fields: number
  created_at: Date
  created_by_name: string | null
  /** Reports filed under this version, as far as the caller can see. */
  reports: number
}

export interface TemplateVersion extends Omit<TemplateVersionSummary, 'sections' | 'fields'> {
  county_id: string
  /** The definition, or null if what is stored no longer parses (shown as such, never guessed at). */
  definition: TemplateDefinition | null
}

interface StoredVersion {
  id: string
  county_id: string
  version: number
  valid_from: Period
  due_day: number
  definition: unknown
  created_at: Date
  created_by_name: string | null
  reports: number
}

async function storedVersions(tx: Tx, countyId: string, id?: string): Promise<StoredVersion[]> {
  const { rows } = await sql<StoredVersion>`
    select t.id, t.county_id, t.version, t.valid_from, t.due_day, t.definition, t.created_at,
           p.display_name as created_by_name,
           (select count(*) from public.monthly_reports r where r.template_id = t.id)::int as reports
      from public.report_templates t
      left join public.profiles p on p.user_id = t.created_by
     where t.county_id = ${countyId} and (${id ?? null}::uuid is null or t.id = ${id ?? null}::uuid)
     order by t.version desc`.execute(tx)
  return rows
}

function parseDefinition(raw: unknown): TemplateDefinition | null {
  const parsed = templateDefinitionSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/** The county's versions, newest first, each with the months it covers. */
export async function listTemplateVersions(tx: Tx, countyId: string): Promise<TemplateVersionSummary[]> {
  const rows = await storedVersions(tx, countyId)
  return rows.map((row, i) => {
    const definition = parseDefinition(row.definition)
    const next = rows[i - 1]
    return {
      id: row.id,
      version: row.version,
      valid_from: row.valid_from,
      valid_until: next ? addMonths(next.valid_from, -1) : null,
      due_day: row.due_day,
      sections: definition?.sections.length ?? 0,
      fields: definition ? fieldsOf(definition).length : 0,
      created_at: row.created_at,
      created_by_name: row.created_by_name,
      reports: row.reports,
    }
  })
}

/** One version of the county's template, or null if there is no such version (or RLS hides it). */
export async function getTemplateVersion(tx: Tx, countyId: string, templateId: string): Promise<TemplateVersion | null> {
  const all = await storedVersions(tx, countyId)
  const index = all.findIndex((t) => t.id === templateId)
  const row = all[index]
  if (!row) return null
  const next = all[index - 1]
  return {
    id: row.id,
    county_id: row.county_id,
    version: row.version,
    valid_from: row.valid_from,
    valid_until: next ? addMonths(next.valid_from, -1) : null,
    due_day: row.due_day,
    definition: parseDefinition(row.definition),
    created_at: row.created_at,
    created_by_name: row.created_by_name,
    reports: row.reports,
  }
}

/** The latest version (the one that applies from the latest month), or null before the first. */
export async function latestTemplateVersion(tx: Tx, countyId: string): Promise<TemplateVersion | null> {
  const latest = (await storedVersions(tx, countyId))[0]
  return latest ? getTemplateVersion(tx, countyId, latest.id) : null
}

// Section: a new version

/** A new version may apply from at most this many months ahead (a typo guard). */
export const MAX_MONTHS_AHEAD = 12

/** The form's fields; the definition is JSON text, validated by templateDefinitionSchema. */
export const newVersionFormSchema = z.object({
  validFrom: z.string().trim(),
  dueDay: z.string().trim(),
  definition: z.string().max(200_000),
})

export interface NewVersionInput {
  validFrom: Period
  dueDay: number
  definition: TemplateDefinition
}

export type FormErrors = Partial<Record<'validFrom' | 'dueDay' | 'definition' | 'form', string[]>>

/**
 * The earliest month a new version may apply from: after the latest version's month (versions apply
 * in order, so a report's version is always the one valid in its month), and after every month that
 * already has a report in the county (so a month is never split between two versions, and a report
 * already started keeps the version it was started under). Reports cannot be started for a future
 * month, so a future month is always allowed. The first version of a county may apply from any month.
 */
export async function earliestNewValidFrom(tx: Tx, countyId: string): Promise<Period | null> {
  const { rows } = await sql<{ latest: Period | null; last_report: Period | null }>`
    select (select max(t.valid_from) from public.report_templates t where t.county_id = ${countyId}) as latest,
           (select max(r.period) from public.monthly_reports r
             where r.village_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = ${countyId})) as last_report`.execute(tx)
  const { latest, last_report } = rows[0] ?? { latest: null, last_report: null }
  if (!latest) return null
  return addMonths(last_report && last_report > latest ? last_report : latest, 1)
}

/** Parses the JSON text of a definition into readable, translated problems (or the definition). */
export function parseDefinitionText(text: string, t: TFunction): { ok: true; definition: TemplateDefinition } | { ok: false; errors: string[] } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message)
    if (!at) return { ok: false, errors: [t('errors.jsonNoPosition')] }
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return { ok: false, errors: [t('errors.json', { line, column })] }
  }
  const parsed = newTemplateDefinitionSchema.safeParse(raw)
  const unknown = unknownProperties(raw).map(({ path, name }) => {
    const where = describePath(raw, path, t)
    const what = t('errors.unknownProperty', { name })
    return where ? t('errors.at', { where, what }) : what
  })
  if (parsed.success && unknown.length === 0) return { ok: true, definition: parsed.data }
  return { ok: false, errors: [...(parsed.success ? [] : describeDefinitionIssues(raw, parsed.error, t)), ...unknown] }
}

const LOCALIZED_PROPS = ['zh-CN', 'en']
const PROPS: Record<string, string[]> = {
  definition: ['sections'],
  section: ['key', 'label', 'fields'],
  field: ['key', 'type', 'label', 'help', 'unit', 'required', 'min', 'max', 'scale', 'maxLength', 'choices', 'outlierCheck'],
  choice: ['value', 'label'],
}

/**
 * Properties the template schema does not know. Zod would drop them without a word, so a typo
 * ("requried": true) would silently lose a rule; the admin is told instead.
 */
function unknownProperties(raw: unknown): { path: (string | number)[]; name: string }[] {
  const out: { path: (string | number)[]; name: string }[] = []
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  const check = (node: unknown, allowed: string[], path: (string | number)[]) => {
    if (!isObject(node)) return
    for (const name of Object.keys(node)) if (!allowed.includes(name)) out.push({ path, name })
    for (const prop of ['label', 'help', 'unit']) if (allowed.includes(prop)) check(node[prop], LOCALIZED_PROPS, [...path, prop])
  }
  check(raw, PROPS.definition!, [])
  const sections = isObject(raw) && Array.isArray(raw.sections) ? raw.sections : []
  sections.forEach((section: unknown, si) => {
    check(section, PROPS.section!, ['sections', si])
    const fields = isObject(section) && Array.isArray(section.fields) ? section.fields : []
    fields.forEach((field: unknown, fi) => {
      check(field, PROPS.field!, ['sections', si, 'fields', fi])
      const choices = isObject(field) && Array.isArray(field.choices) ? field.choices : []
      choices.forEach((choice: unknown, ci) => check(choice, PROPS.choice!, ['sections', si, 'fields', fi, 'choices', ci]))
    })
  })
  return out
}

const MAX_LISTED_ISSUES = 20

/** Zod issues of a definition as sentences: where (section 2 "branch" › field 3 "meetings" › English label) and what. */
export function describeDefinitionIssues(raw: unknown, error: ZodError, t: TFunction): string[] {
  const lines = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const where = describePath(raw, issue.path, t)
    const what = describeIssue(issue, t)
    return where ? t('errors.at', { where, what }) : what
  })
  if (error.issues.length > MAX_LISTED_ISSUES) lines.push(t('errors.more', { count: error.issues.length - MAX_LISTED_ISSUES }))
  return lines
}

function keyAt(node: unknown, index: number): string | null {
  const item = Array.isArray(node) ? (node[index] as unknown) : undefined
  const key = item && typeof item === 'object' ? (item as { key?: unknown }).key : undefined
  return typeof key === 'string' && key ? key : null
}

function describePath(raw: unknown, path: (string | number)[], t: TFunction): string {
  const parts: string[] = []
  let node: unknown = raw
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!
    const parent = typeof step === 'string' ? step : String(path[i - 1] ?? '')
    if (typeof step === 'number') {
      const key = keyAt(node, step)
      const kind = parent === 'sections' ? 'section' : parent === 'fields' ? 'field' : parent === 'choices' ? 'choice' : 'item'
      parts.push(t(`path.${kind}`, { n: step + 1 }) + (key ? ` “${key}”` : ''))
    } else if (step !== 'sections' && step !== 'fields' && step !== 'choices') {
      parts.push(t(`path.props.${step}`, { defaultValue: step }))
    } else if (i === path.length - 1) {
      parts.push(t(`path.props.${step}`, { defaultValue: step }))
    }
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined
  }
  return parts.join(' › ')
}

function describeIssue(issue: ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return t('errors.required')
      if (issue.expected === 'integer') return t('errors.notInteger')
      return t('errors.type', { expected: t(`types.${issue.expected}`, { defaultValue: issue.expected }) })
    case 'too_small':
      if (issue.type === 'string') return t('errors.empty')
      if (issue.type === 'array') return t('errors.tooFewItems', { minimum: issue.minimum })
      return t('errors.tooSmall', { minimum: issue.minimum })
    case 'too_big':
      if (issue.type === 'string') return t('errors.tooLong', { maximum: issue.maximum })
      return t('errors.tooBig', { maximum: issue.maximum })
    case 'invalid_enum_value':
      return t('errors.enum', { options: issue.options.join(', ') })
    case 'invalid_string':
      return t('errors.keyFormat')
    case 'not_finite':
      return t('errors.notFinite')
    case 'custom': {
      const duplicate = /^duplicate field key (.+)$/.exec(issue.message)
      if (duplicate) return t('errors.duplicateKey', { key: duplicate[1] })
      const section = /^duplicate section key (.+)$/.exec(issue.message)
      if (section) return t('errors.duplicateSectionKey', { key: section[1] })
      const choice = /^duplicate choice value (.+)$/.exec(issue.message)
      if (choice) return t('errors.duplicateChoice', { value: choice[1] })
      if (issue.message === 'a choice field lists its choices') return t('errors.choicesRequired')
      if (issue.message === 'min is above max') return t('errors.minAboveMax')
      return t('errors.invalid')
    }
    default:
      return t('errors.invalid')
  }
}

/** A month as the pages write it (2026年10月 / October 2026), for the errors that name one. */
export type MonthFormatter = (period: Period) => string

/**
 * Checks a new version against the county's versions and reports, exactly as saving it would, without
 * saving: the preview reports the same problems as the save. The definition comes back whenever it
 * parses, so that it can be previewed next to the other fields' errors.
 */
export async function validateNewVersion(
  tx: Tx,
  countyId: string,
  form: z.infer<typeof newVersionFormSchema>,
  today: string,
  t: TFunction,
  month: MonthFormatter,
): Promise<{ ok: true; input: NewVersionInput; version: number } | { ok: false; errors: FormErrors; definition?: TemplateDefinition }> {
  const errors: FormErrors = {}
  const validFrom = periodFromMonth(form.validFrom)
  const earliest = await earliestNewValidFrom(tx, countyId)
  const latestMonth = addMonths(periodOfDate(today), MAX_MONTHS_AHEAD)
  const versions = await storedVersions(tx, countyId)
  const latest = versions[0]
  if (!validFrom) errors.validFrom = [t('errors.validFromFormat')]
  else if (latest && validFrom <= latest.valid_from) {
    errors.validFrom = [t('errors.validFromNotAfterLatest', { version: latest.version, month: month(latest.valid_from) })]
  } else if (earliest && validFrom < earliest) {
    errors.validFrom = [t('errors.validFromHasReports', { month: month(addMonths(earliest, -1)), earliest: month(earliest) })]
  } else if (validFrom > latestMonth) {
    errors.validFrom = [t('errors.validFromTooFar', { month: month(latestMonth) })]
  }

  const dueDay = /^\d{1,2}$/.test(form.dueDay) ? Number(form.dueDay) : NaN
  if (!(dueDay >= 1 && dueDay <= 28)) errors.dueDay = [t('errors.dueDay')]

  const parsed = parseDefinitionText(form.definition, t)
  if (!parsed.ok) errors.definition = parsed.errors
  else {
    const changed = typeChanges(parsed.definition, versions)
    if (changed.length) errors.definition = changed.map((c) => t('errors.typeChanged', { ...c, was: t(`fieldTypes.${c.was}`), now: t(`fieldTypes.${c.now}`) }))
  }
  if (Object.keys(errors).length || !parsed.ok || !validFrom) return { ok: false, errors, definition: parsed.ok ? parsed.definition : undefined }
  return { ok: true, input: { validFrom, dueDay, definition: parsed.definition }, version: (latest?.version ?? 0) + 1 }
}

/**
 * Validates a new version (validateNewVersion), then inserts it as the user (RLS: only who manages
 * the county's templates may). Never touches an existing version or report.
 */
export async function createTemplateVersion(
  tx: Tx,
  userId: string,
  countyId: string,
  form: z.infer<typeof newVersionFormSchema>,
  today: string,
  t: TFunction,
  month: MonthFormatter,
): Promise<{ ok: true; id: string; version: number } | { ok: false; errors: FormErrors; definition?: TemplateDefinition }> {
  const valid = await validateNewVersion(tx, countyId, form, today, t, month)
  if (!valid.ok) return valid
  const { validFrom, dueDay, definition } = valid.input
  try {
    const { rows } = await sql<{ id: string; version: number }>`
      insert into public.report_templates (county_id, version, valid_from, due_day, definition, created_by)
      values (${countyId}, ${valid.version}, ${validFrom}::date, ${dueDay}, ${JSON.stringify(definition)}::jsonb, ${userId})
      returning id, version`.execute(tx)
    return { ok: true, ...rows[0]! }
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === '23505' || code === '23514') return { ok: false, errors: { form: [t('errors.conflict')] }, definition }
    if (code === '42501') throw new Response('Forbidden', { status: 403 })
    throw err
  }
}

/**
 * A field key means one thing across versions: the village's history, the outlier check and the
 * multi-month export compare values by key. Changing a key's type is refused; a new key is needed.
 */
function typeChanges(definition: TemplateDefinition, versions: StoredVersion[]): { key: string; version: number; was: FieldType; now: FieldType }[] {
  const known = new Map<string, { version: number; type: FieldType }>()
  for (const v of [...versions].reverse()) {
    const def = parseDefinition(v.definition)
    if (def) for (const f of fieldsOf(def)) known.set(f.key, { version: v.version, type: f.type })
  }
  return fieldsOf(definition).flatMap((f) => {
    const before = known.get(f.key)
    return before && before.type !== f.type ? [{ key: f.key, version: before.version, was: before.type, now: f.type }] : []
  })
}
