import { useNavigation } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useEffect, useRef } from 'react'
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

/**
 * After a post made with JavaScript comes back refused, focus moves to the first invalid field of the
 * form that was submitted (what the form marked aria-invalid), so keyboard and screen-reader users land
 * on it; the server-rendered page does the same without JavaScript (lib/autofocus.server.ts). A page
 * that moved focus itself meanwhile (the report form, to its error summary) keeps it; page loads and
 * answers without errors leave focus alone. Used once, by the root.
 */
export function useFocusFirstInvalid() {
  const { state } = useNavigation()
  const submitted = useRef<{ form: HTMLFormElement; focused: Element | null } | null>(null)
  const posting = useRef(false)
  useEffect(() => {
    const remember = (event: SubmitEvent) => {
      if (event.target instanceof HTMLFormElement) submitted.current = { form: event.target, focused: document.activeElement }
    }
    document.addEventListener('submit', remember, true)
    return () => document.removeEventListener('submit', remember, true)
  }, [])
  useEffect(() => {
    // only a post ('submitting'), once its answer is in
    if (state === 'submitting') posting.current = true
    if (state !== 'idle' || !posting.current) return
    posting.current = false
    const last = submitted.current
    submitted.current = null
    if (!last?.form.isConnected) return
    const active = document.activeElement
    if (active && active !== document.body && active !== last.focused) return
    const invalid = last.form.querySelector<HTMLElement>('[aria-invalid="true"]')
    // a group marked as a whole (a fieldset of choices): its first control
    const target = invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('input, select, textarea') : invalid
    target?.focus()
  }, [state])
}
