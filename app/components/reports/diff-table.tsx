import { useTranslation } from 'react-i18next'
import type { FieldChange } from '~/domain/monthly-reports/diff'
import { fieldsOf, localized, type TemplateDefinition } from '~/domain/monthly-reports/template'
import { formatValue } from './format'

/**
 * A field-by-field comparison: what a resubmission changed for the reviewer, or how the stored
 * report differs from a stale form for the village.
 */
export function DiffTable({
  changes,
  definition,
  caption,
  beforeLabel,
  afterLabel,
  asText = false,
}: {
  changes: FieldChange[]
  definition: TemplateDefinition
  caption: string
  beforeLabel: string
  afterLabel: string
  /** the changes are free texts (the explanations per field), shown as written, not as the field's values */
  asText?: boolean
}) {
  const { t, i18n } = useTranslation('monthly-reports')
  const fields = new Map(fieldsOf(definition).map((f) => [f.key, f]))
  const empty = <span className="muted">{t('values.empty')}</span>
  const shown = (field: ReturnType<typeof fields.get>, value: unknown) => (asText ? (value === null || value === undefined ? '' : String(value)) : formatValue(field, value, i18n.language, t))
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table diff-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('diff.field')}</th>
            <th scope="col">{beforeLabel}</th>
            <th scope="col">{afterLabel}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => {
            const field = fields.get(c.key)
            return (
              <tr key={c.key}>
                <th scope="row">{field ? localized(field.label, i18n.language) : c.key}</th>
                <td className="diff-table__before">
                  <del>{shown(field, c.before) || null}</del>
                  {c.before === null ? empty : null}
                </td>
                <td className="diff-table__after">
                  <ins>{shown(field, c.after) || null}</ins>
                  {c.after === null ? empty : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
