import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { monthOf, type MonthRange, type Period } from '~/domain/monthly-reports/completeness'
import { formatMonth } from './format'

/** The month range of the completeness page, as a GET form: works without JavaScript, the URL is shareable. */
export function RangeFilter({ range, months }: { range: MonthRange; months: Period[] }) {
  const { t } = useTranslation('completeness')
  const select = (name: 'from' | 'to', value: Period) => (
    <div className="field field--inline">
      <label htmlFor={`range-${name}`}>{t(`range.${name}`)}</label>
      <select id={`range-${name}`} name={name} defaultValue={monthOf(value)}>
        {months.map((p) => (
          <option key={p} value={monthOf(p)}>
            {formatMonth(p, t)}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <Form method="get" className="filters" aria-label={t('range.label')}>
      {select('from', range.from)}
      {select('to', range.to)}
      <button type="submit" className="button">
        {t('range.apply')}
      </button>
    </Form>
  )
}
