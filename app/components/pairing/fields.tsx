import { useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldError, type FieldErrors } from '~/components/forms'
import { OrgOptions } from '~/components/org-options'

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

/**
 * A key for a form that stays on the page after it is saved (its action redirects back to the page):
 * it changes each time a submission of this intent ends without action data, i.e. was saved. Keyed by it,
 * the form starts empty again with JavaScript, as the browser's own redirect leaves it without; its
 * typed values no longer wait there to be saved a second time. A refused one (400) keeps what was typed.
 */
export function useSavedKey(intent: string): number {
  const navigation = useNavigation()
  const actionData = useActionData()
  const submitted = useRef(false)
  const [saves, setSaves] = useState(0)
  useEffect(() => {
    if (navigation.state !== 'idle') {
      if (navigation.formData?.get('intent') === intent) submitted.current = true
    } else if (submitted.current) {
      submitted.current = false
      if (actionData === undefined) setSaves((n) => n + 1)
    }
  }, [navigation, actionData, intent])
  return saves
}

/** Errors that belong to no field (a refused write), shown above the form: the shared one, which a refused post focuses. */
export { FormError } from '~/components/forms'

interface PairedOrg {
  id: string
  name: string | null
  name_en?: string | null
}

/**
 * The "for whom" of a pairing record: a unit picks one of its actively paired villages (required);
 * a village may name one of its paired units (optional). Shared by the activity and visit forms.
 */
export function PairedOrgField({
  portal,
  villages,
  units,
  errors,
  value,
}: {
  portal: string
  villages: PairedOrg[]
  units: PairedOrg[]
  errors: FieldErrors
  value: (key: string, fallback?: string) => string
}) {
  const { t } = useTranslation('pairing')
  const [params] = useSearchParams()
  if (portal === 'unit') {
    return (
      <Field name="villageId" label={t('form.village')} errors={errors}>
        {(a) => (
          <select {...a} required defaultValue={value('villageId', params.get('village') ?? (villages.length === 1 ? villages[0]!.id : ''))}>
            <option value="">{t('form.choose')}</option>
            <OrgOptions orgs={villages} />
          </select>
        )}
      </Field>
    )
  }
  return (
    <Field name="unitId" label={t('form.unitOptional')} errors={errors}>
      {(a) => (
        <select {...a} defaultValue={value('unitId')}>
          <option value="">{t('form.noUnit')}</option>
          <OrgOptions orgs={units} />
        </select>
      )}
    </Field>
  )
}
