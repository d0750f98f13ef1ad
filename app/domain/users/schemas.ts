import { z } from 'zod'
import { APP_ROLES, type AppRole, type OrgKind } from '~/lib/db-types'
import { optionalPhone } from '~/lib/number-input'

export const USERS_PAGE_SIZE = 50

/** Which org kinds a role can be held in (the database enforces the same rule). */
export const ROLE_ORG_KINDS: Record<AppRole, OrgKind[]> = {
  county_admin: ['county'],
  county_staff: ['county'],
  town_admin: ['town'],
  town_staff: ['town'],
  village_secretary: ['village', 'community'],
  village_clerk: ['village', 'community'],
  unit_liaison: ['unit'],
}

export function rolesForKind(kind: OrgKind): AppRole[] {
  return APP_ROLES.filter((r) => ROLE_ORG_KINDS[r].includes(kind))
}

const uuid = z.string().uuid('validation.required')
const role = z.enum(APP_ROLES, { errorMap: () => ({ message: 'validation.required' }) })

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'),
  // Postgres refuses a NUL byte in text (and in jsonb): invalid input, not a database error
  displayName: z.string().trim().min(1, 'validation.required').max(50, 'validation.tooLong').refine((v) => !v.includes('\u0000'), 'validation.invalid'),
  phone: optionalPhone,
  orgId: uuid,
  role,
})

export const grantSchema = z.object({ intent: z.literal('grant'), orgId: uuid, role })
export const revokeSchema = z.object({ intent: z.literal('revoke'), membershipId: uuid })
export const activeSchema = z.object({ intent: z.enum(['deactivate', 'activate']) })
/** A reset's confirmation token (newResetToken, lib/temporary-password.server.ts): the same token gives the same password. */
export const RESET_TOKEN = /^[A-Za-z0-9_-]{22}$/
export const resetPasswordSchema = z.object({ intent: z.literal('resetPassword'), resetToken: z.string().regex(RESET_TOKEN, 'validation.invalid') })
export const userActionSchema = z.discriminatedUnion('intent', [grantSchema, revokeSchema, activeSchema, resetPasswordSchema])
