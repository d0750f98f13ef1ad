import type { MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'

/**
 * The benchmark's floor (docs/benchmarks.md): the cheapest page this production server can render,
 * 50 table rows in the app's own layout with no loader and no database access. `npm run bench`
 * measures every real page against it side by side, so that the noise of a shared machine cancels
 * out of the ratios. Nothing links here; it shows no data.
 */
export const meta: MetaFunction = () => [{ name: 'robots', content: 'noindex' }]

const ROWS = Array.from({ length: 50 }, (_, i) => i + 1)

export default function Floor() {
  const { t } = useTranslation()
  return (
    <main className="page">
      <h1>{t('floor.heading')}</h1>
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
    </main>
  )
}
