import { z } from 'zod'
import { fieldsOf, type TemplateDefinition, type TemplateField } from './template'
import type { ReportComments, ReportState, ReportValue, ReportValues } from '~/lib/db-types'
import { dateTimeFormat } from '~/lib/intl'
import { normalizeNumber } from '~/lib/number-input'

/**
 * Validation of a monthly report, generated from the template version the report was filed under.
 * The same schema runs in the browser (before a submit) and in every action (always). Messages are
 * translation keys of the monthly-reports namespace; `params` carry what they interpolate.
 */

// the states and the stored shapes are the database's (lib/db-types.ts); re-exported for the domain's users
export { REPORT_STATES, type ReportComments, type ReportState, type ReportValue, type ReportValues } from '~/lib/db-types'
/** States in which the village may still change the values (the database enforces the same list). */
export const EDITABLE_STATES: readonly ReportState[] = ['draft', 'returned', 'reopened']
export const isEditable = (state: ReportState) => EDITABLE_STATES.includes(state)
/** The town's review queue filters by one of these (default: submitted, awaiting review). */
export const QUEUE_STATES = ['submitted', 'returned', 'approved', 'reopened', 'draft', 'all'] as const
export type QueueState = (typeof QUEUE_STATES)[number]


/** Default lengths when a template does not set maxLength. */
export const TEXT_MAX = 200
export const LONGTEXT_MAX = 2000
export const COMMENT_MAX = 500
export const REASON_MAX = 1000
const DECIMAL_SCALE = 2
const MAX_MAGNITUDE = 1e12

// Section: periods and dates (Asia/Shanghai)

const PERIOD_PARAM = /^(\d{4})-(0[1-9]|1[0-2])$/

/** 'YYYY-MM' from a URL into the first day of the month ('YYYY-MM-01'), or null. */
export function parsePeriodParam(value: string | null | undefined): string | null {
  const m = value ? PERIOD_PARAM.exec(value) : null
  if (!m || Number(m[1]) < 2000) return null
  return `${m[1]}-${m[2]}-01`
}

/** 'YYYY-MM-01' (a period as stored) into the URL form 'YYYY-MM'. */
export const periodParam = (period: string) => period.slice(0, 7)

const SHANGHAI_DAY: Intl.DateTimeFormatOptions = Object.freeze({ timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar date in Shanghai of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date | string = new Date()): string {
  return dateTimeFormat('en-CA', SHANGHAI_DAY).format(new Date(instant))
}

/** The month now running in Shanghai, as a period ('YYYY-MM-01'). */
export const currentPeriod = (now: Date = new Date()) => `${shanghaiDate(now).slice(0, 7)}-01`

/** A period moved by n months. */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** The due date of a period under a template's due day: that day of the following month. */
export const dueOn = (period: string, dueDay: number) => `${addMonths(period, 1).slice(0, 8)}${String(dueDay).padStart(2, '0')}`

/** Late: first submitted after the due date. Overdue: still not submitted and the due date has passed. */
export function timeliness(r: { due_on: string; first_submitted_at: Date | string | null }, today = shanghaiDate()) {
  const firstDate = r.first_submitted_at ? shanghaiDate(r.first_submitted_at) : null
  return { late: firstDate !== null && firstDate > r.due_on, overdue: firstDate === null && today > r.due_on }
}

// Section: field values

/** A decimal as an exact string with `scale` places (money is never a float): '12000.5' → '12000.50'. */
function exactDecimal(text: string, scale: number): string {
  const negative = text.startsWith('-')
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.')
  const digits = whole.replace(/^0+(?=\d)/, '') || '0'
  const out = scale > 0 ? `${digits}.${fraction.replace(/0+$/, '').padEnd(scale, '0')}` : digits
  return negative && /[1-9]/.test(out) ? `-${out}` : out
}

type Issue = { message: string; params?: Record<string, string | number> }

function checkRange(field: TemplateField, n: number): Issue | null {
  if (Math.abs(n) >= MAX_MAGNITUDE) return { message: 'validation.tooLarge' }
  if (field.min !== undefined && n < field.min) return { message: 'validation.min', params: { min: field.min } }
  if (field.max !== undefined && n > field.max) return { message: 'validation.max', params: { max: field.max } }
  return null
}

/** One value from the form (or storage) into its typed form; null means not filled in. */
export function parseFieldValue(field: TemplateField, raw: unknown): { value: ReportValue | null } | { issue: Issue } {
  if (raw === undefined || raw === null) return { value: null }
  if (typeof raw === 'boolean') return field.type === 'boolean' ? { value: raw } : { issue: { message: 'validation.invalid' } }
  const text = String(raw).trim()
  if (text === '') return { value: null }
  switch (field.type) {
    case 'integer': {
      const t = normalizeNumber(text)
      if (!/^[+-]?\d+$/.test(t)) return { issue: { message: 'validation.integer' } }
      const n = Number(t)
      const range = Number.isSafeInteger(n) ? checkRange(field, n) : { message: 'validation.tooLarge' }
      return range ? { issue: range } : { value: n }
    }
    case 'decimal': {
      const t = normalizeNumber(text)
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { issue: { message: 'validation.decimal' } }
      const scale = field.scale ?? DECIMAL_SCALE
      const decimals = (t.split('.')[1] ?? '').replace(/0+$/, '').length
      if (decimals > scale) return { issue: scale === 0 ? { message: 'validation.integer' } : { message: 'validation.scale', params: { scale } } }
      const range = checkRange(field, Number(t))
      return range ? { issue: range } : { value: exactDecimal(t, scale) }
    }
    case 'boolean':
      if (['true', 'yes', '1'].includes(text)) return { value: true }
      if (['false', 'no', '0'].includes(text)) return { value: false }
      return { issue: { message: 'validation.invalid' } }
    case 'choice':
      return field.choices?.some((c) => c.value === text) ? { value: text } : { issue: { message: 'validation.choice' } }
    case 'text':
    case 'longtext': {
      const max = field.maxLength ?? (field.type === 'text' ? TEXT_MAX : LONGTEXT_MAX)
      // Postgres refuses a NUL byte in jsonb text: invalid input (400), not a database error (500)
      if (text.includes('\u0000')) return { issue: { message: 'validation.invalid' } }
      return [...text].length > max ? { issue: { message: 'validation.maxLength', params: { max } } } : { value: text }
    }
  }
}

// Section: the generated schema

export interface ReportSchemaOptions {
  /** 'draft' accepts missing required values (a draft may be incomplete); 'submit' does not. */
  mode: 'draft' | 'submit'
  /** Per field key, the value above which submitting needs a comment (see outliers.ts). */
  outlierThresholds?: Record<string, number>
}

export interface ReportInput {
  values: ReportValues
  comments: ReportComments
}

/**
 * The schema of a report's values and comments under one template version. Input is what the form
 * posts (strings keyed by field) or what is stored; output keeps only filled-in values, typed.
 * Keys the template does not know are dropped.
 */
export function reportSchema(definition: TemplateDefinition, options: ReportSchemaOptions): z.ZodType<ReportInput, z.ZodTypeDef, unknown> {
  const fields = fieldsOf(definition)
  const keys = new Set(fields.map((f) => f.key))
  return z
    .object({
      values: z.record(z.string(), z.unknown()).default({}),
      comments: z.record(z.string(), z.unknown()).default({}),
    })
    .transform((input, ctx) => {
      const values: ReportValues = {}
      for (const field of fields) {
        const parsed = parseFieldValue(field, input.values[field.key])
        if ('issue' in parsed) {
          ctx.addIssue({ code: 'custom', path: ['values', field.key], message: parsed.issue.message, params: parsed.issue.params })
        } else if (parsed.value !== null) {
          values[field.key] = parsed.value
        } else if (options.mode === 'submit' && field.required) {
          ctx.addIssue({ code: 'custom', path: ['values', field.key], message: 'validation.required' })
        }
      }
      const comments: ReportComments = {}
      for (const [key, raw] of Object.entries(input.comments)) {
        if (!keys.has(key) || typeof raw !== 'string') continue
        const text = raw.trim()
        if (text.includes('\u0000')) {
          ctx.addIssue({ code: 'custom', path: ['comments', key], message: 'validation.invalid' })
        } else if ([...text].length > COMMENT_MAX) {
          ctx.addIssue({ code: 'custom', path: ['comments', key], message: 'validation.maxLength', params: { max: COMMENT_MAX } })
        } else if (text) {
          comments[key] = text
        }
      }
      if (options.mode === 'submit') {
        for (const [key, threshold] of Object.entries(options.outlierThresholds ?? {})) {
          const v = values[key]
          if (typeof v === 'number' && v > threshold && !comments[key]) {
            ctx.addIssue({ code: 'custom', path: ['comments', key], message: 'validation.outlierComment' })
          }
        }
      }
      return { values, comments }
    })
}

/** Form field names: `values.<key>` and `comments.<key>`. */
export const valueInputName = (key: string) => `values.${key}`
export const commentInputName = (key: string) => `comments.${key}`

/** What a report form posted, as the schema's input; also everything else it posted (intent, revision). */
export function reportFormInput(form: FormData | URLSearchParams) {
  const values: Record<string, string> = {}
  const comments: Record<string, string> = {}
  const other: Record<string, string> = {}
  for (const [name, v] of form.entries()) {
    if (typeof v !== 'string') continue
    if (name.startsWith('values.')) values[name.slice(7)] = v
    else if (name.startsWith('comments.')) comments[name.slice(9)] = v
    else other[name] = v
  }
  return { values, comments, other }
}

/** Stored values as the strings a form shows. */
export function formValuesOf(values: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === null || v === undefined) continue
    out[k] = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v)
  }
  return out
}

// Section: the other forms of the workflow

/** What the village report form posts besides the values. */
export const villageIntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.enum(['save', 'submit']), revision: z.coerce.number({ invalid_type_error: 'validation.invalid' }).int().positive().max(2_147_483_647) }), // an integer column: larger is a 500
])

/** A town reviewer's decision; returning and reopening need a reason. */
export const reviewSchema = z
  .object({
    intent: z.enum(['approve', 'return', 'reopen'], { errorMap: () => ({ message: 'validation.invalid' }) }),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX, 'validation.reasonTooLong')
      // Postgres refuses a NUL byte in text: invalid input (400), not a database error (500)
      .refine((v) => !v.includes('\u0000'), 'validation.invalid')
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((d, ctx) => {
    if (d.intent !== 'approve' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.reasonRequired' })
  })
export type ReviewInput = z.infer<typeof reviewSchema>

/** Zod issues as field errors in the user's language (keys: 'values.<key>', 'comments.<key>', 'reason', 'form'). */
export function reportErrorsFrom(error: z.ZodError, t: (key: string, params?: Record<string, unknown>) => string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form'
    const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined
    const message = issue.message.startsWith('validation.') ? t(issue.message, params) : t('validation.invalid')
    ;(out[field] ??= []).push(message)
  }
  return out
}
