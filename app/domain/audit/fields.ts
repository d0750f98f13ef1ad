import type { i18n as I18n } from 'i18next'
import { reportMissingTranslation } from '~/lib/i18n'
import { tableKey } from './audit'

/** The audit texts that may label a column, first found wins: the table's own, then the one shared by all tables. */
export function fieldLabelKeys(table: string, column: string): [string, string] {
  return [`fields.${tableKey(table)}.${column}`, `commonFields.${column}`]
}

/**
 * A column's label in the language of `i18n`. A column without one shows its own name, so the page
 * still reads, and the missing text is reported like any other (tests/integration/audit-fields.test.ts
 * fails on it first).
 */
export function fieldLabel(i18n: I18n, table: string, column: string): string {
  const keys = fieldLabelKeys(table, column)
  const key = keys.find((k) => i18n.exists(k, { ns: 'audit' }))
  if (key) return i18n.t(key, { ns: 'audit' })
  reportMissingTranslation(i18n.language, 'audit', keys[0])
  return column
}

/** An entry's changed fields as the audit page lists them. */
export const changedFieldsText = (i18n: I18n, table: string, columns: readonly string[]) =>
  columns.map((column) => fieldLabel(i18n, table, column)).join(i18n.t('fieldSeparator', { ns: 'audit' }))
