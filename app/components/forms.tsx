import type { TFunction } from 'i18next'
import type { ZodError } from 'zod'

export type FieldErrors = Record<string, string[] | undefined>

/**
 * Zod issues carry translation keys as messages ('validation.required'); this turns them into
 * field errors in the user's language, keyed by field name.
 */
export function fieldErrorsFrom(error: ZodError, t: TFunction): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form'
    const message = issue.message.startsWith('validation.') ? t(issue.message) : t('validation.invalid')
    ;(out[field] ??= []).push(message)
  }
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
