import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useParams, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ImportPanel, type ImportResult } from '~/components/concerns/import-panel'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { importHouseholds } from '~/domain/households/households.server'
import { parseHouseholdSheet } from '~/domain/households/import'
import { householdAliases, inImportSlot, povertyLabels, readFirstSheet, readImportUpload, showErrors } from '~/domain/households/import.server'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { handingFormBack } from '~/lib/action.server'
import type { TextsHandle } from '~/lib/i18n-resources'

/** The texts its components use (see TextsHandle). */
export const handle = { i18n: ['households'] } satisfies TextsHandle

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  await withUser(claims, (tx) => requireUserCan(tx, 'households', 'manage', orgId))
  return null
}

/**
 * Dry run ('preview') or commit of a household sheet. Every row is checked first; with any error
 * nothing is written. The commit runs in one transaction: all rows or none.
 */
export const action = handingFormBack(async ({ request, params }: ActionFunctionArgs) => {
  const { claims, orgId } = await requirePortalUser(request, 'village', params.orgId)
  const t = await getFixedT(request, 'households')
  const upload = await readImportUpload(request)
  const intent = upload.intent === 'commit' ? 'commit' : 'preview'
  const fail = (message: string) => data<ImportResult>({ intent, errors: [{ row: null, column: null, message }] }, { status: 400 })
  if (upload.error) return fail(t(`import.errors.${upload.error}`))
  return inImportSlot(claims.sub, intent, t, async () => {
    const read = await readFirstSheet(upload.file!)
    if ('error' in read) return fail(t(`import.errors.${read.error}`))
    const { sheet } = read
    const parsed = parseHouseholdSheet(sheet, householdAliases(), povertyLabels())
    if (parsed.errors.length) return data<ImportResult>({ intent, errors: showErrors(parsed.errors, t) }, { status: 400 })
    const plan = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'households', 'manage', orgId)
      return importHouseholds(tx, orgId, parsed.rows, intent === 'commit')
    })
    return data<ImportResult>({ intent, plan, errors: [] })
  })
})

/** The village imports its household register from Excel. */
export default function HouseholdsImport() {
  const result = useActionData<typeof action>() as ImportResult | undefined
  const { t } = useTranslation('households')
  const { orgId } = useParams()
  return <ImportPanel templateHref={`/village/${orgId}/households/import/template.xlsx`} heading={t('import.householdsHeading')} help={t('import.householdsHelp')} result={result} />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
