import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldError } from '~/components/forms'
import { isOutlier } from '~/domain/monthly-reports/outliers'
import { commentInputName, LONGTEXT_MAX, TEXT_MAX, valueInputName, type ReportComments } from '~/domain/monthly-reports/schema'
import { localized, type TemplateDefinition, type TemplateField } from '~/domain/monthly-reports/template'
import { formatValue } from './format'

export type ReportFieldErrors = Record<string, string[] | undefined>

const inputId = (key: string) => `field-${key}`
const commentId = (key: string) => `comment-${key}`

/**
 * The inputs of a report, generated from its template version: one fieldset per section, labels and
 * help in the user's language, errors tied to their field. Numbers are text inputs with a numeric
 * keyboard so the server sees exactly what was typed. A field far above the village's history gets
 * a comment box (shown as the value is typed when JavaScript runs; after the server's answer otherwise).
 */
export function ReportFields({
  definition,
  values,
  comments,
  errors,
  thresholds,
}: {
  definition: TemplateDefinition
  values: Record<string, string>
  comments: Record<string, string>
  errors: ReportFieldErrors
  thresholds: Record<string, number>
}) {
  const { t, i18n } = useTranslation('monthly-reports')
  const lang = i18n.language
  const [live, setLive] = useState(values)
  return (
    <>
      {definition.sections.map((section) => (
        <fieldset className="report-section" key={section.key}>
          <legend>{localized(section.label, lang)}</legend>
          {section.fields.map((field) => {
            const valueErrors = errors[valueInputName(field.key)]
            const commentErrors = errors[commentInputName(field.key)]
            const outlier = isOutlier(live[field.key] ?? values[field.key], thresholds[field.key])
            const showComment = outlier || Boolean(comments[field.key]) || Boolean(commentErrors)
            const describedBy = [field.help ? `${inputId(field.key)}-hint` : null, valueErrors ? `${inputId(field.key)}-error` : null].filter(Boolean).join(' ') || undefined
            const onChange = thresholds[field.key] !== undefined ? (v: string) => setLive((prev) => ({ ...prev, [field.key]: v })) : undefined
            return (
              <div className="field report-field" key={field.key}>
                <FieldInput field={field} value={values[field.key] ?? ''} invalid={Boolean(valueErrors)} describedBy={describedBy} onChange={onChange} />
                <FieldError id={`${inputId(field.key)}-error`} errors={valueErrors} />
                {showComment ? (
                  <div className="report-field__comment">
                    {outlier ? (
                      <p className="warn" id={`${commentId(field.key)}-hint`}>
                        {t('form.outlierHint', { threshold: formatValue(field, thresholds[field.key], lang, t) })}
                      </p>
                    ) : null}
                    <label htmlFor={commentId(field.key)}>{t('form.comment')}</label>
                    <textarea
                      id={commentId(field.key)}
                      name={commentInputName(field.key)}
                      rows={2}
                      defaultValue={comments[field.key] ?? ''}
                      aria-invalid={commentErrors ? true : undefined}
                      aria-describedby={[outlier ? `${commentId(field.key)}-hint` : null, commentErrors ? `${commentId(field.key)}-error` : null].filter(Boolean).join(' ') || undefined}
                    />
                    <FieldError id={`${commentId(field.key)}-error`} errors={commentErrors} />
                  </div>
                ) : null}
              </div>
            )
          })}
        </fieldset>
      ))}
    </>
  )
}

function FieldLabel({ field }: { field: TemplateField }) {
  const { t, i18n } = useTranslation('monthly-reports')
  return (
    <>
      {localized(field.label, i18n.language)}
      {field.required ? (
        <abbr className="required" title={t('form.required')}>
          *
        </abbr>
      ) : null}
    </>
  )
}

function FieldInput({
  field,
  value,
  invalid,
  describedBy,
  onChange,
}: {
  field: TemplateField
  value: string
  invalid: boolean
  describedBy: string | undefined
  onChange?: (value: string) => void
}) {
  const { t, i18n } = useTranslation('monthly-reports')
  const lang = i18n.language
  const id = inputId(field.key)
  const name = valueInputName(field.key)
  const common = { id, name, 'aria-invalid': invalid ? true : undefined, 'aria-describedby': describedBy }
  const hint = field.help ? (
    <p className="field__hint" id={`${id}-hint`}>
      {localized(field.help, lang)}
    </p>
  ) : null
  const unit = localized(field.unit, lang)

  if (field.type === 'boolean') {
    return (
      <fieldset id={id} className="report-field__choices" aria-invalid={invalid ? true : undefined} aria-describedby={describedBy}>
        <legend>
          <FieldLabel field={field} />
        </legend>
        {hint}
        {(['true', 'false'] as const).map((v) => (
          <label key={v} className="report-field__radio">
            <input type="radio" name={name} value={v} defaultChecked={value === v} /> {t(v === 'true' ? 'values.yes' : 'values.no')}
          </label>
        ))}
      </fieldset>
    )
  }

  let control
  if (field.type === 'choice') {
    control = (
      <select {...common} defaultValue={value}>
        <option value="">{t('form.choose')}</option>
        {field.choices?.map((c) => (
          <option key={c.value} value={c.value}>
            {localized(c.label, lang)}
          </option>
        ))}
      </select>
    )
  } else if (field.type === 'longtext') {
    control = <textarea {...common} rows={4} defaultValue={value} maxLength={field.maxLength ?? LONGTEXT_MAX} />
  } else if (field.type === 'text') {
    control = <input {...common} type="text" defaultValue={value} maxLength={field.maxLength ?? TEXT_MAX} />
  } else {
    control = (
      <input
        {...common}
        type="text"
        inputMode={field.type === 'integer' && (field.min ?? 0) >= 0 ? 'numeric' : 'decimal'}
        autoComplete="off"
        defaultValue={value}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
      />
    )
  }
  return (
    <>
      <label htmlFor={id}>
        <FieldLabel field={field} />
      </label>
      {hint}
      <div className="report-field__control">
        {control}
        {unit ? <span className="report-field__unit">{unit}</span> : null}
      </div>
    </>
  )
}

/**
 * A report's values, read-only, section by section: each value with its unit, the village's comment,
 * and, for the reviewer, which fields are outliers and which changed since the last submission.
 */
export function ReportValuesView({
  definition,
  values,
  comments,
  thresholds = {},
  changed = [],
}: {
  definition: TemplateDefinition
  values: Record<string, unknown>
  comments: ReportComments
  thresholds?: Record<string, number>
  changed?: string[]
}) {
  const { t, i18n } = useTranslation('monthly-reports')
  const lang = i18n.language
  return (
    <>
      {definition.sections.map((section) => (
        <section className="report-values" key={section.key} aria-labelledby={`section-${section.key}`}>
          <h3 id={`section-${section.key}`}>{localized(section.label, lang)}</h3>
          <table className="table report-values__table">
            <tbody>
              {section.fields.map((field) => {
                const text = formatValue(field, values[field.key], lang, t)
                return (
                  <tr key={field.key} className={changed.includes(field.key) ? 'is-changed' : undefined}>
                    <th scope="row">{localized(field.label, lang)}</th>
                    <td>
                      <span className="report-values__value">{text || <span className="muted">{t('values.empty')}</span>}</span>
                      {changed.includes(field.key) ? <span className="flag">{t('values.changed')}</span> : null}
                      {isOutlier(values[field.key], thresholds[field.key]) ? <span className="flag flag--late">{t('values.outlier')}</span> : null}
                      {comments[field.key] ? <p className="report-values__comment">{t('values.comment', { comment: comments[field.key] })}</p> : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  )
}
