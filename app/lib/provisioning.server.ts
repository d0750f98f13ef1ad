/**
 * Creating and (de)activating users, and resetting a forgotten password. Runs on the service path:
 * callers check the actor's permission first (users:manage in the matrix, public.may_change_user_activity,
 * or the operator CLI). Users are created through the auth provider: on Supabase the Auth admin API (the
 * app cannot write auth.users there), locally the same GoTrue row shape written directly.
 * public.profiles is ours on both; it marks a password an administrator set, which the user must
 * change at the first sign-in (ADR 0018).
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { z } from 'zod'
import { createAdminClient } from './auth-supabase.server'
import type { Tx } from './db.server'
import { getEnv } from './env.server'
import { PHONE_PATTERN } from './number-input'
import { generateTemporaryPassword, hashPassword, newPasswordSchema, verifyPassword } from './password.server'
import { actAs, withService } from './service.server'
import { markTemporaryPassword, temporaryPasswordFor } from './temporary-password.server'

export const provisionUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).email(),
  displayName: z.string().trim().min(1).max(50),
  phone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  password: newPasswordSchema.optional(),
})

export type ProvisionUserInput = z.input<typeof provisionUserSchema>

export interface ProvisionedUser {
  userId: string
  created: boolean
  /** Only when this call created the user without a given password: show it once, never store it. */
  temporaryPassword?: string
}

// GoTrue's single-instance id; every row it writes carries it.
const GOTRUE_INSTANCE_ID = '00000000-0000-0000-0000-000000000000'
// Supabase's longest ban: a century.
const BAN_FOREVER = '876000h'

/**
 * Finds the user with this email (case-insensitive) or creates one; either way ensures a profile.
 * An existing user is returned as is (created: false): no password, name or phone is overwritten.
 * A created user's password, typed or generated, is the administrator's: it is marked to be changed
 * at the first sign-in.
 */
export async function provisionUser(input: ProvisionUserInput): Promise<ProvisionedUser> {
  const { email, displayName, phone, password } = provisionUserSchema.parse(input)
  const profile = { email, display_name: displayName, phone: phone ?? null }

  const existing = await withService((tx) => findUserId(tx, email))
  if (existing) {
    await withService((tx) => ensureProfile(tx, existing, profile))
    return { userId: existing, created: false }
  }

  const temporaryPassword = password ? undefined : generateTemporaryPassword()
  const secret = password ?? temporaryPassword!
  const created =
    getEnv().AUTH_PROVIDER === 'supabase'
      ? await createSupabaseUser(email, secret, displayName)
      : await createLocalUser(email, secret, displayName)
  await withService((tx) => ensureProfile(tx, created.userId, { ...profile, temporary_password_set_at: created.created ? new Date() : null }))
  return created.created ? { userId: created.userId, created: true, temporaryPassword } : { userId: created.userId, created: false }
}

/**
 * Deactivates (banned for good, every session ended) or reactivates a user, and mirrors the state
 * into profiles.is_active. Order is fail-safe: a half-done deactivation leaves the user blocked.
 * `actorId`, the administrator who did it, is what the audit log names (the profile's audit trigger
 * reads auth.uid(); this runs on the service path, which has no user of its own).
 */
export async function setUserActive(userId: string, active: boolean, actorId: string | null = null): Promise<void> {
  if (getEnv().AUTH_PROVIDER === 'supabase') {
    if (!active) await withService((tx) => setProfileActive(tx, userId, false, actorId))
    const { error } = await createAdminClient().auth.admin.updateUserById(userId, {
      ban_duration: active ? 'none' : BAN_FOREVER,
    })
    if (error) throw error
    if (active) await withService((tx) => setProfileActive(tx, userId, true, actorId))
    return
  }
  await withService(async (tx) => {
    const updated = await tx
      .updateTable('auth.users')
      .set({ banned_until: active ? null : sql<Date>`'infinity'::timestamptz`, updated_at: sql<Date>`now()` })
      .where('id', '=', userId)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw new Error(`no user ${userId}`)
    if (!active) await tx.deleteFrom('auth.sessions').where('user_id', '=', userId).execute()
    await setProfileActive(tx, userId, active, actorId)
  })
}

/**
 * Gives a user who forgot their password a new temporary one and returns it, to be shown once: marked
 * to be changed at the next sign-in, every session of the user ended, written to the audit log in
 * `actorId`'s name (the profile's trigger, as a deactivation). With `token` (the confirmation form's,
 * newResetToken) the password is derived from it, and the same confirmation posted again finds it set
 * already and changes nothing. The caller checks the permission first (public.may_change_user_activity).
 */
export async function resetPassword(userId: string, { actorId, token }: { actorId: string | null; token?: string }): Promise<string> {
  const password = token ? temporaryPasswordFor(userId, token) : generateTemporaryPassword()
  const supabase = getEnv().AUTH_PROVIDER === 'supabase'
  const hash = supabase ? null : await hashPassword(password)
  await withService(async (tx) => {
    // One reset of a user at a time: a twin of this confirmation waits here…
    await sql`select 1 from public.profiles where user_id = ${userId} for update`.execute(tx)
    // …then finds its password in force. A statement of its own, so that it sees what the first one wrote: a
    // locking read rereads only the rows it locks, and the hash of the same statement would be the one from
    // before the wait. auth.users is not locked: GoTrue writes it on a connection of its own while this waits.
    const { rows } = await sql<{ encrypted_password: string | null; marked: boolean }>`
      select u.encrypted_password, p.temporary_password_set_at is not null as marked
        from auth.users u join public.profiles p on p.user_id = u.id
       where u.id = ${userId}`.execute(tx)
    const current = rows[0]
    if (!current) throw new Error(`no user ${userId}`)
    if (token && current.marked && (await verifyPassword(password, current.encrypted_password))) return
    await markTemporaryPassword(tx, userId, actorId)
    if (supabase) {
      // GoTrue ends every session of the user when an administrator sets the password; if it fails, the mark rolls back
      const { error } = await createAdminClient().auth.admin.updateUserById(userId, { password })
      if (error) throw error
      return
    }
    await tx.updateTable('auth.users').set({ encrypted_password: hash, updated_at: sql<Date>`now()` }).where('id', '=', userId).execute()
    await tx.deleteFrom('auth.sessions').where('user_id', '=', userId).execute()
  })
  return password
}

async function findUserId(tx: Tx, email: string): Promise<string | null> {
  const row = await tx.selectFrom('auth.users').select('id').where('email', '=', email).executeTakeFirst()
  return row?.id ?? null
}

async function ensureProfile(tx: Tx, userId: string, profile: { email: string; display_name: string; phone: string | null; temporary_password_set_at?: Date | null }) {
  await tx
    .insertInto('profiles')
    .values({ user_id: userId, ...profile })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute()
}

async function setProfileActive(tx: Tx, userId: string, active: boolean, actorId: string | null) {
  if (actorId) await actAs(tx, actorId)
  await tx.updateTable('profiles').set({ is_active: active }).where('user_id', '=', userId).execute()
}

/** The row GoTrue would write for an email sign-up confirmed by an admin. */
async function createLocalUser(email: string, password: string, displayName: string) {
  const hash = await hashPassword(password)
  return withService(async (tx) => {
    const id = randomUUID()
    const inserted = await sql<{ id: string }>`
      insert into auth.users (
        instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
        confirmation_token, recovery_token, raw_app_meta_data, raw_user_meta_data,
        is_super_admin, created_at, updated_at, is_sso_user, is_anonymous
      ) values (
        ${GOTRUE_INSTANCE_ID}, ${id}, 'authenticated', 'authenticated', ${email}, ${hash}, now(),
        '', '', ${JSON.stringify({ provider: 'email', providers: ['email'] })}::jsonb,
        ${JSON.stringify({ display_name: displayName, email_verified: true })}::jsonb,
        false, now(), now(), false, false
      )
      on conflict (email) where is_sso_user = false do nothing
      returning id`.execute(tx)
    if (inserted.rows[0]) return { userId: inserted.rows[0].id, created: true }
    // Somebody provisioned the same email a moment ago.
    const existing = await findUserId(tx, email)
    if (!existing) throw new Error(`could not create or find user ${email}`)
    return { userId: existing, created: false }
  })
}

async function createSupabaseUser(email: string, password: string, displayName: string) {
  const { data, error } = await createAdminClient().auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: displayName },
  })
  if (data.user) return { userId: data.user.id, created: true }
  if (error?.code === 'email_exists') {
    const existing = await withService((tx) => findUserId(tx, email))
    if (existing) return { userId: existing, created: false }
  }
  throw error ?? new Error(`could not create user ${email}`)
}
