import type { MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { FloorTable } from '~/components/floor-table'

/**
 * The benchmark's floor (docs/benchmarks.md): the cheapest page this production server can render,
 * 50 table rows in the app's own layout with no loader and no database access. `npm run bench`
 * measures every real page against it side by side, so that the noise of a shared machine cancels
 * out of the ratios. Nothing links here; it shows no data.
 */
export const meta: MetaFunction = () => [{ name: 'robots', content: 'noindex' }]

export default function Floor() {
  const { t } = useTranslation()
  return (
    <main className="page">
      <h1>{t('floor.heading')}</h1>
      <FloorTable />
    </main>
  )
}
