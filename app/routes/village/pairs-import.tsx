import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useParams, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ImportPanel, type ImportResult } from '~/components/concerns/import-panel'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { importPairs } from '~/domain/households/households.server'
import { parsePairSheet } from '~/domain/households/import'
import { inImportSlot, pairAliases, readFirstSheet, readImportUpload, showErrors } from '~/domain/households/import.server'
import { withUser } from '~/lib/db.server'
import { getFixedT } from '~/lib/i18n.server'
import { requireUserCan } from '~/lib/permissions.server'
import { requirePortalUser } from '~/lib/portal-shell.server'
import { todayInShanghai } from '~/domain/pairing/kinds'
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
 * Dry run or commit of a cadre ↔ household pairs sheet: rows are checked, then cadres and
 * households resolved; with any error nothing is written; the commit is one transaction.
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
    const parsed = parsePairSheet(sheet, pairAliases(), todayInShanghai())
    if (!parsed.rows.length) return data<ImportResult>({ intent, errors: showErrors(parsed.errors, t) }, { status: 400 })
    // the rows that read well are resolved even when others did not, so that one round lists every
    // error (a wrong date in one row, an unknown cadre in another); nothing is written unless all are good
    const { plan, errors } = await withUser(claims, async (tx) => {
      await requireUserCan(tx, 'households', 'manage', orgId)
      return importPairs(tx, orgId, parsed.rows, intent === 'commit' && !parsed.errors.length)
    })
    const all = [...parsed.errors, ...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    if (all.length) return data<ImportResult>({ intent, errors: showErrors(all, t) }, { status: 400 })
    return data<ImportResult>({ intent, plan, errors: [] })
  })
})

/** The village imports which cadre is paired with which of its households, from Excel. */
export default function PairsImport() {
  const result = useActionData<typeof action>() as ImportResult | undefined
  const { t } = useTranslation('households')
  const { orgId } = useParams()
  return <ImportPanel templateHref={`/village/${orgId}/households/pairs-import/template.xlsx`} heading={t('import.pairsHeading')} help={t('import.pairsHelp')} result={result} />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
