import { useTranslation } from 'react-i18next'
import type { CaseState } from '~/lib/db-types'

/** A case's state in words (never colour alone). */
export function CaseStateBadge({ state }: { state: CaseState }) {
  const { t } = useTranslation('concerns')
  return <span className={`badge badge--case-${state}`}>{t(`states.${state}`)}</span>
}
