import type { TFunction } from 'i18next'
import type { ZodError } from 'zod'

export type FieldErrors = Record<string, string[] | undefined>

/**
 * Zod issues carry translation keys as messages ('validation.required'); this turns them into
 * field errors in the user's language, keyed by field name. A field left empty says only that it is
 * required (not also "invalid", "too short" and the like, which its emptiness also breaks); a
 * message is said once per field.
 */
export function fieldErrorsFrom(error: ZodError, t: TFunction): FieldErrors {
  const keys = new Map<string, string[]>()
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form'
    const key = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid'
    const list = keys.get(field) ?? []
    if (!list.includes(key)) list.push(key)
    keys.set(field, list)
  }
  const out: FieldErrors = {}
  for (const [field, list] of keys) out[field] = (list.includes('validation.required') ? ['validation.required'] : list).map((key) => t(key))
  return out
}

/** The error text of one field, tied to it by id (aria-describedby) and announced. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <p id={id} className="field__error" role="alert">
      {errors.join(' ')}
    </p>
  )
}
