import { useTranslation } from 'react-i18next'
import { localized, type TemplateDefinition, type TemplateField } from '~/domain/monthly-reports/template'

/**
 * A template version rendered read-only, the way the village's form lays it out: sections, fields
 * with their labels, units, help and rules. Used by the version page and the new-version preview.
 */
export function TemplatePreview({ definition, idPrefix = 'preview' }: { definition: TemplateDefinition; idPrefix?: string }) {
  const { t, i18n } = useTranslation('templates')
  return (
    <div className="template-preview">
      {/* keyed by position: a key the definition names twice would make React keep a section that is gone (a stale preview) */}
      {definition.sections.map((section, i) => (
        <fieldset key={`${i}-${section.key}`} disabled>
          <legend>{localized(section.label, i18n.language)}</legend>
          <div className="form">
            {section.fields.map((field) => (
              <PreviewField key={field.key} field={field} id={`${idPrefix}-${field.key}`} language={i18n.language} t={t} />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  )
}

function PreviewField({ field, id, language, t }: { field: TemplateField; id: string; language: string; t: (key: string, options?: Record<string, unknown>) => string }) {
  const label = localized(field.label, language)
  const unit = localized(field.unit, language)
  const help = localized(field.help, language)
  const describedBy = `${id}-meta`
  const meta = [
    t(`fieldTypes.${field.type}`),
    field.required ? t('preview.required') : t('preview.optional'),
    unit ? t('preview.unit', { unit }) : null,
    field.min !== undefined && field.max !== undefined
      ? t('preview.range', { min: field.min, max: field.max })
      : field.min !== undefined
        ? t('preview.min', { min: field.min })
        : field.max !== undefined
          ? t('preview.max', { max: field.max })
          : null,
    field.type === 'decimal' && field.scale !== undefined ? t('preview.scale', { scale: field.scale }) : null,
    field.maxLength ? t('preview.maxLength', { max: field.maxLength }) : null,
    field.outlierCheck ? t('preview.outlierCheck') : null,
  ].filter(Boolean)
  let input
  switch (field.type) {
    case 'integer':
    case 'decimal':
      input = <input id={id} type="number" inputMode={field.type === 'integer' ? 'numeric' : 'decimal'} aria-describedby={describedBy} />
      break
    case 'boolean':
    case 'choice':
      input = (
        <select id={id} aria-describedby={describedBy} defaultValue="">
          <option value="">{t('preview.choose')}</option>
          {field.type === 'boolean' ? (
            <>
              <option value="true">{t('preview.yes')}</option>
              <option value="false">{t('preview.no')}</option>
            </>
          ) : (
            field.choices?.map((c, i) => (
              <option key={`${i}-${c.value}`} value={c.value}>
                {localized(c.label, language)}
              </option>
            ))
          )}
        </select>
      )
      break
    case 'longtext':
      input = <textarea id={id} rows={3} aria-describedby={describedBy} />
      break
    default:
      input = <input id={id} type="text" aria-describedby={describedBy} />
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {unit ? t('preview.withUnit', { unit }) : null}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {input}
      {help ? <p className="field__hint">{help}</p> : null}
      <p className="field__meta" id={describedBy}>
        <span className="mono">{field.key}</span> · {meta.join(' · ')}
      </p>
    </div>
  )
}
