import { useTranslation } from 'react-i18next'
import { FloorTable } from '~/components/floor-table'

/**
 * A benchmark reference (docs/benchmarks.md), in each portal: the floor's 50 static rows inside the
 * portal's layout, so behind what every portal page does before its own work (the session check, the
 * portal check in the user's RLS transaction, the portal's shell and navigation) and nothing else. Its
 * ratio to the floor bounds every page of that portal. No loader of its own; no nav entry links here.
 */
export default function PortalFloor() {
  const { t } = useTranslation()
  return (
    <>
      <h2>{t('floor.heading')}</h2>
      <FloorTable />
    </>
  )
}
