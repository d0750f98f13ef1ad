import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MAX_RANGE_MONTHS, monthOf, monthsBetween, type MonthRange, type Period } from '~/domain/monthly-reports/completeness'
import { formatMonth, formatRange } from './format'

/**
 * The month range of the completeness page, as a GET form: works without JavaScript, the URL is shareable.
 * `cut` is the range asked for when it was too long (chooseRange): the page says which months it shows instead.
 */
export function RangeFilter({ range, months, cut = null }: { range: MonthRange; months: Period[]; cut?: MonthRange | null }) {
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
    <>
      <Form method="get" className="filters" aria-label={t('range.label')}>
        {select('from', range.from)}
        {select('to', range.to)}
        <button type="submit" className="button">
          {t('range.apply')}
        </button>
      </Form>
      {cut ? <RangeCutNotice range={range} cut={cut} /> : null}
    </>
  )
}

/** Why the page shows fewer months than were asked for: a page holds at most MAX_RANGE_MONTHS. */
export function RangeCutNotice({ range, cut }: { range: MonthRange; cut: MonthRange }) {
  const { t } = useTranslation('completeness')
  return (
    <p className="notice notice--warn" id="range-cut">
      {t('range.cut', { asked: formatRange(cut, t), months: monthsBetween(cut.from, cut.to).length, max: MAX_RANGE_MONTHS, shown: formatRange(range, t) })}
    </p>
  )
}
