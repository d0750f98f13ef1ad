import { useTranslation } from 'react-i18next'

const ROWS = Array.from({ length: 50 }, (_, i) => i + 1)

/**
 * The benchmark floors' content (docs/benchmarks.md): 50 static table rows, the same on every floor, so
 * that two floors differ only in what their routes do before rendering them.
 */
export function FloorTable() {
  const { t } = useTranslation()
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('floor.columns.row')}</th>
          <th scope="col">{t('floor.columns.label')}</th>
          <th scope="col">{t('floor.columns.value')}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((n) => (
          <tr key={n}>
            <th scope="row">{n}</th>
            <td>{t('floor.row', { n })}</td>
            <td>{(n * 37) % 101}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
