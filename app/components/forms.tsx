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
 * An error that marks no field (a refused write, "cannot deactivate your own account"): announced, and
 * focusable by script (tabIndex -1), so that a refused post that marks no field focuses it (ADR 0015).
 */
export function FormError({ errors }: { errors: FieldErrors }) {
  if (!errors.form?.length) return null
  return (
    <p className="form__error" role="alert" tabIndex={-1}>
      {errors.form.join(' ')}
    </p>
  )
}

/** A form-level error as every page renders it (FormError, or its markup by hand): what takes the focus when no field is invalid. */
const FORM_ERROR = '.form__error[role="alert"][tabindex="-1"]'

/**
 * After a post made with JavaScript comes back refused, focus moves to the first invalid field of the
 * form that was submitted (what the form marked aria-invalid), so keyboard and screen-reader users land
 * on it; when the refusal marks no field, to its form-level error (FORM_ERROR: the form's own, else the
 * page's first, which may stand outside the form or outlive it). The server-rendered page does the same
 * without JavaScript (lib/autofocus.server.ts). A page that moved focus itself meanwhile (the report
 * form, to its error summary) keeps it; page loads and answers without errors leave focus alone. Used
 * once, by the root.
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
    if (!last) return
    const active = document.activeElement
    if (active && active !== document.body && active !== last.focused) return
    focusTargetAfterPost(last.form.isConnected ? last.form : null, document)?.focus()
  }, [state])
}

/**
 * What a refused post focuses (useFocusFirstInvalid): the first invalid field of the submitted form (a
 * group marked as a whole, a fieldset of choices: its first control); if it marks none, its form-level
 * error, else the page's first (the form may be gone, or its error stand outside it); else nothing.
 */
export function focusTargetAfterPost(form: ParentNode | null, page: ParentNode): HTMLElement | null {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]')
  if (invalid) return invalid.matches('fieldset') ? invalid.querySelector<HTMLElement>('input, select, textarea') : invalid
  return form?.querySelector<HTMLElement>(FORM_ERROR) ?? page.querySelector<HTMLElement>(FORM_ERROR)
}
