import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { monthOf, type MonthRange, type Period } from '~/domain/monthly-reports/completeness'
import { formatMonth } from './format'

/** The month range of the completeness page, as a GET form: works without JavaScript, the URL is shareable. */
export function RangeFilter({ range, months }: { range: MonthRange; months: Period[] }) {
  const { t } = useTranslation('completeness')
  // both lists offer the same months (the last 25): name each once
  const options = months.map((p) => ({ value: monthOf(p), label: formatMonth(p, t) }))
  const select = (name: 'from' | 'to', value: Period) => (
    <div className="field field--inline">
      <label htmlFor={`range-${name}`}>{t(`range.${name}`)}</label>
      <select id={`range-${name}`} name={name} defaultValue={monthOf(value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
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
