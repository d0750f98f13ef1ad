import { z } from 'zod'
import { ACTIVITY_KINDS } from '~/lib/db-types'
import { asciiDigits, numberInput, optionalPhone } from '~/lib/number-input'

/**
 * Zod schemas shared by the pairing forms and their actions. Messages are translation keys of
 * the pairing namespace ('validation.*'); empty inputs mean "not recorded" (null).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/

const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v)

const isRealDate = (v: string) => {
  if (!DATE.test(v)) return false
  const d = new Date(`${v}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}

const date = z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').refine(isRealDate, 'validation.date')
const optionalDate = z.preprocess(blankToNull, z.string().trim().refine(isRealDate, 'validation.date').nullable())
const id = z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').regex(UUID, 'validation.invalid')
const optionalId = z.preprocess(blankToNull, z.string().trim().regex(UUID, 'validation.invalid').nullable())
// Postgres refuses a NUL byte in text: refuse it here as invalid input (400), not as a database error (500)
const text = (max: number) => z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').max(max, 'validation.tooLong').refine((v) => !v.includes('\u0000'), 'validation.invalid')
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .refine((v) => !v.includes('\u0000'), 'validation.invalid')
    .optional()
    .transform((v) => v || null)
// full-width digits (a Chinese input method) read as ASCII, as in every numeric field (lib/number-input);
// a field left empty is required (not "not an integer": coercing nothing gives NaN)
const count = (min: number, max = 1_000_000, tooLarge = 'validation.tooLarge') =>
  z.preprocess(
    (v) => {
      const n = numberInput(v)
      if (n === '' || n === undefined || n === null) return undefined
      return typeof n === 'string' ? Number(n) : n
    },
    z
      .number({ required_error: 'validation.required', invalid_type_error: 'validation.integer' })
      .int('validation.integer')
      .min(min, min > 0 ? 'validation.atLeastOne' : 'validation.nonNegative')
      .max(max, tooLarge),
  )

/** The people one visit meets: a household, a group of them, a village meeting; not a county's population. */
export const MAX_PEOPLE_MET = 1000

/**
 * The people taking part in one activity: a training, a village assembly, a town-wide gathering at most;
 * more is a slip of the keyboard. Its message says the figure (validation.tooManyParticipants, both languages).
 */
export const MAX_PARTICIPANTS = 10_000

/** Yuan as an exact decimal string: up to 12 digits and 2 decimals (numeric(14,2)); never a float. */
export const money = z.preprocess(
  (v) => (typeof v === 'string' ? asciiDigits(v).replace(/[,，\s]/g, '') : v),
  z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'validation.money')
    .or(z.literal(''))
    .transform((v) => (v === '' ? null : v)),
)

/** A date that is not after today (Asia/Shanghai): records are history, not plans. */
const pastDate = (today: string) => date.refine((v) => v <= today, 'validation.future')

/** A five-helps / four-deliveries activity, as a village or a unit records it. */
export function activitySchema(today: string) {
  return z.object({
    villageId: id,
    unitId: optionalId,
    kind: z.enum(ACTIVITY_KINDS, { errorMap: () => ({ message: 'validation.required' }) }),
    occurredOn: pastDate(today),
    title: text(100),
    description: optionalText(2000),
    participants: count(0, MAX_PARTICIPANTS, 'validation.tooManyParticipants'),
    funds: money.optional().transform((v) => v ?? null),
    goods: optionalText(500),
  })
}
export type ActivityInput = z.infer<ReturnType<typeof activitySchema>>

/** A visit diary (走访日记 / 村情笔记). Units never name a household: the action drops it for them. */
export function visitSchema(today: string) {
  return z.object({
    villageId: id,
    unitId: optionalId,
    cadreId: optionalId,
    householdId: optionalId,
    visitedOn: pastDate(today),
    peopleMet: count(1, MAX_PEOPLE_MET, 'validation.tooManyPeopleMet'),
    notes: text(4000),
  })
}
export type VisitInput = z.infer<ReturnType<typeof visitSchema>>

/**
 * The visit form's household search (a village with more households than the form lists): part of a
 * head name; empty lists the first households again.
 */
export const householdSearchSchema = z.object({
  householdQuery: z
    .string()
    .trim()
    .max(50, 'validation.tooLong')
    .refine((v) => !v.includes('\u0000'), 'validation.invalid')
    .default(''),
})

/** County admin: a new cadre (from a unit or, without one, from the county's own organs). */
export const cadreSchema = z.object({
  intent: z.literal('add-cadre'),
  name: text(50),
  unitId: optionalId,
  title: optionalText(50),
  phone: optionalPhone,
})

/**
 * The latest start a pairing or a posting may be given: a year from today. Pairings and postings are
 * agreed in the county's yearly plans (next year's pairs before the year begins), never further ahead; a
 * later date is a slip of the keyboard, and a pairing starting in 9999 could be neither ended nor put right.
 */
export function latestPlannedStart(today: string): string {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return d.toISOString().slice(0, 10)
}

/** A start date that is not after latestPlannedStart(today) (a date that is none says only that). */
const plannedStart = (today: string) => date.refine((v) => !isRealDate(v) || v <= latestPlannedStart(today), 'validation.tooFarAhead')

const period = <T extends z.ZodRawShape>(today: string, shape: T) =>
  z
    .object({ ...shape, startsOn: plannedStart(today), endsOn: optionalDate })
    .refine((v) => v.endsOn == null || (v.endsOn as string) >= (v.startsOn as string), { message: 'validation.endBeforeStart', path: ['endsOn'] })

/** County admin: post a cadre to a village as village-based cadre or first secretary. */
export function postingSchema(today: string) {
  return period(today, {
    intent: z.literal('post-cadre'),
    cadreId: id,
    villageId: id,
    post: z.enum(['village_cadre', 'first_secretary'], { errorMap: () => ({ message: 'validation.required' }) }),
  })
}
export type PostingInput = z.infer<ReturnType<typeof postingSchema>>

/** County admin: pair a support unit with a village for a period, optionally as the lead unit. */
export function pairingSchema(today: string) {
  return period(today, {
    intent: z.literal('create-pairing'),
    unitId: id,
    villageId: id,
    isLead: z
      .string()
      .optional()
      .transform((v) => v === 'on' || v === 'true'),
    note: optionalText(500),
  })
}
export type PairingInput = z.infer<ReturnType<typeof pairingSchema>>

/** County admin: put right the start of a pairing that has not started yet (a started one is history). */
export function correctStartSchema(today: string) {
  return z.object({
    intent: z.literal('correct-pairing-start'),
    id,
    startsOn: plannedStart(today),
  })
}
export type CorrectStartInput = z.infer<ReturnType<typeof correctStartSchema>>

/** Ends a pairing or a posting on a date; history is kept. */
export const endSchema = z.object({
  intent: z.enum(['end-pairing', 'end-posting']),
  id,
  endsOn: date,
})

export type FormValues = Record<string, string>

/** A form's entries as strings, for re-parsing and for re-filling the form after a 400. */
export function valuesOf(form: FormData): FormValues {
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']))
}
