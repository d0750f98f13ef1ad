/** The server's side of a pending submission (pending-submission.ts): reading one back from a sign-in. */
import { z } from 'zod'
import { MAX_CARRIED_LENGTH, type PendingSubmission } from './pending-submission'

const pendingSubmissionSchema = z.object({
  action: z.string().min(1).max(2048),
  fields: z.array(z.tuple([z.string().max(256), z.string()])).max(5000),
  files: z.array(z.string().max(256)).max(50),
})

/** A `resume` field back into a pending submission; null if it is not one (absent, cut, edited). */
export function parsePending(serialized: unknown): PendingSubmission | null {
  if (typeof serialized !== 'string' || serialized.length === 0 || serialized.length > MAX_CARRIED_LENGTH) return null
  let value: unknown
  try {
    value = JSON.parse(serialized)
  } catch {
    return null
  }
  const parsed = pendingSubmissionSchema.safeParse(value)
  if (!parsed.success) return null
  const { action } = parsed.data
  if (!action.startsWith('/') || action.startsWith('//') || /[\\\p{Cc}\p{Zl}\p{Zp}]/u.test(action)) return null
  return parsed.data
}
