import { z } from 'zod'
import { CASE_STATES, type CaseState } from '~/lib/db-types'

/**
 * People's concern files (民情档案), opinions (意见建议) and cases (群众事务): the forms' schemas and
 * the case lifecycle, shared by the forms, the actions and the tests. Messages are translation keys
 * ('validation.*' in common, 'errors.*' in concerns).
 */

export const CONCERN_KINDS = ['file', 'opinion', 'case'] as const
export type ConcernKind = (typeof CONCERN_KINDS)[number]

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** A calendar day that exists ('2026-13-01' and '2026-02-30' match DAY, and Postgres refuses them with a 500). */
const isRealDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
// Postgres refuses a NUL byte in text: invalid input (400), not a database error (500)
const text = (max: number) => z.string().trim().max(max, 'validation.tooLong').refine((v) => !v.includes('\u0000'), 'validation.invalid').default('')
const optional = (max: number) => text(max).transform((v) => v || null)
const uuid = z.string().uuid('validation.required')

/**
 * A new concern file, opinion or case; the fields the kind does not use are ignored. A file or an
 * opinion is dated by the user, not after `today` (YYYY-MM-DD in Asia/Shanghai, as the database's check
 * counts it); a case is dated by its registration, so its form's date is ignored.
 */
export function concernNewSchema(today: string) {
  return z
    .object({
      kind: z.enum(CONCERN_KINDS, { errorMap: () => ({ message: 'validation.required' }) }),
      villageId: uuid,
      on: z.string().trim().default(''),
      personName: text(50),
      summary: text(2000),
      content: text(2000),
      title: text(100),
      description: text(2000),
      isPrivate: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    })
    .superRefine((v, ctx) => {
      const need = (field: 'personName' | 'content' | 'title') => {
        if (!v[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.required' })
      }
      if (v.kind === 'file') need('personName')
      if (v.kind === 'opinion') need('content')
      if (v.kind === 'case') need('title')
      if (v.kind !== 'case') {
        if (!v.on) ctx.addIssue({ code: 'custom', path: ['on'], message: 'validation.required' })
        else if (!isRealDay(v.on)) ctx.addIssue({ code: 'custom', path: ['on'], message: 'validation.invalid' })
        else if (v.on > today) ctx.addIssue({ code: 'custom', path: ['on'], message: 'validation.future' })
      }
    })
}
export type ConcernNew = z.infer<ReturnType<typeof concernNewSchema>>

/** The lifecycle moves a case may make, by intent; the database function decides again. */
export const CASE_INTENTS = ['assign', 'handle', 'confirm', 'close', 'reassign'] as const
export type CaseIntent = (typeof CASE_INTENTS)[number]

export const INTENT_TARGET: Record<CaseIntent, CaseState> = {
  assign: 'assigned',
  handle: 'handled',
  confirm: 'confirmed',
  close: 'closed',
  reassign: 'assigned',
}

const FROM: Record<CaseIntent, CaseState[]> = {
  assign: ['open'],
  handle: ['assigned'],
  confirm: ['handled'],
  close: ['open', 'assigned', 'handled'],
  reassign: ['handled'],
}

/** The intents offered for a case in this state (the lifecycle of public.advance_concern_case). */
export function intentsFor(state: CaseState): CaseIntent[] {
  return CASE_INTENTS.filter((i) => FROM[i].includes(state))
}

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value)
}

/**
 * One lifecycle action: assign needs an owner; handle, close and reassign need a note (resolution,
 * reason, why not satisfied). A deadline given is not before `today` (YYYY-MM-DD, Asia/Shanghai): the
 * case is handed over now.
 */
export function caseActionSchema(today: string) {
  return z
    .object({
      intent: z.enum(CASE_INTENTS, { errorMap: () => ({ message: 'validation.invalid' }) }),
      ownerName: optional(50),
      dueOn: z
        .string()
        .trim()
        .default('')
        .refine((v) => v === '' || isRealDay(v), 'validation.invalid')
        .refine((v) => v === '' || !isRealDay(v) || v >= today, 'validation.past')
        .transform((v) => v || null),
      note: optional(2000),
    })
    .superRefine((v, ctx) => {
      if (v.intent === 'assign' && !v.ownerName) ctx.addIssue({ code: 'custom', path: ['ownerName'], message: 'validation.required' })
      if ((v.intent === 'handle' || v.intent === 'close' || v.intent === 'reassign') && !v.note) {
        ctx.addIssue({ code: 'custom', path: ['note'], message: 'validation.required' })
      }
    })
}
export type CaseAction = z.infer<ReturnType<typeof caseActionSchema>>

/** The register's filters, read from the URL; unknown values are ignored. */
export interface ConcernFilter {
  tab: ConcernKind
  state?: CaseState
  private?: boolean
  unitId?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function concernFilterFrom(url: URL): ConcernFilter {
  const p = url.searchParams
  const tab = p.get('tab')
  const state = p.get('state')
  const priv = p.get('private')
  const unit = p.get('unit') ?? ''
  return {
    tab: (CONCERN_KINDS as readonly string[]).includes(tab ?? '') ? (tab as ConcernKind) : 'case',
    state: isCaseState(state) ? state : undefined,
    private: priv === 'yes' ? true : priv === 'no' ? false : undefined,
    unitId: UUID.test(unit) ? unit : undefined,
  }
}
