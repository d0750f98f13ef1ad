import type { ReactNode } from 'react'
import { FieldError, type FieldErrors } from '~/components/forms'

interface FieldProps {
  name: string
  label: string
  errors: FieldErrors
  hint?: string
  /** Distinguishes the same field repeated on a page (one form per row). */
  idPrefix?: string
  children: (a11y: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}

/** A labelled field with its error tied to it (aria-describedby) and announced. */
export function Field({ name, label, errors, hint, idPrefix = 'f', children }: FieldProps) {
  const id = `${idPrefix}-${name}`
  const described = [errors[name] ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, name, 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': described || undefined })}
      <FieldError id={`${id}-error`} errors={errors[name]} />
    </div>
  )
}

/** Errors that belong to no field (a refused write), shown above the form. */
export function FormError({ errors }: { errors: FieldErrors }) {
  if (!errors.form?.length) return null
  return (
    <p className="form__error" role="alert">
      {errors.form.join(' ')}
    </p>
  )
}
