/**
 * The audit page (操作日志) names changed fields in words. Every column of every audited table, read from
 * the migrated schema, that the page can list has a label in both languages (its table's own, or the
 * shared one); labels name real columns; and the county administrator's pages of the seeded log show no
 * raw column name and report no missing text.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import zhAudit from '../../locales/zh-CN/audit.json'
import enAudit from '../../locales/en/audit.json'
import { AUDITED_TABLES, isListedColumn, tableKey, UNLISTED_COLUMNS, UNLISTED_EVERYWHERE } from '../../app/domain/audit/audit'
import { changedFieldsText } from '../../app/domain/audit/fields'
import { closeDb, type Db } from '../../app/lib/db.server'
import { i18nInstance, LOCALES, MISSING_TRANSLATION } from '../../app/lib/i18n'
import { allResources } from '../../app/lib/i18n.server'
import { loader } from '../../app/routes/county/audit'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'
import { createTestDb } from '../support/test-db'

type Labels = { commonFields: Record<string, string>; fields: Record<string, Record<string, string> | undefined> }
const LABELS: Record<(typeof LOCALES)[number], Labels> = { 'zh-CN': zhAudit, en: enAudit }
const HAN = /[\u4e00-\u9fff]/

let db: Db
/** Column names per audited table, in column order, from the catalog (the tables the audit triggers are on). */
let columns: Map<string, string[]>
beforeAll(async () => {
  db = await createTestDb()
  const { rows } = await sql<{ table_name: string; columns: string[] }>`
    select n.nspname || '.' || c.relname as table_name, array_agg(a.attname::text order by a.attnum) as columns
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where exists (select 1 from pg_catalog.pg_trigger t join pg_catalog.pg_proc p on p.oid = t.tgfoid
                    where t.tgrelid = c.oid and not t.tgisinternal and p.proname in ('audit_row', 'audit_profile'))
     group by 1`.execute(db)
  columns = new Map(rows.map((r) => [r.table_name, r.columns]))
})
afterAll(closeDb)

describe('the labels of changed fields', () => {
  it('cover every column the page can list, of every audited table, in both languages', () => {
    expect([...columns.keys()].sort()).toEqual([...AUDITED_TABLES].sort())
    const missing: string[] = []
    for (const [table, names] of columns) {
      // audit_row drops encrypted_password before writing: it can never be listed
      for (const column of names.filter((c) => c !== 'encrypted_password' && isListedColumn(table, c))) {
        for (const locale of LOCALES) {
          const label = LABELS[locale].fields[tableKey(table)]?.[column] ?? LABELS[locale].commonFields[column]
          if (!label?.trim()) missing.push(`${locale} ${table}.${column}`)
          else if (HAN.test(label) !== (locale === 'zh-CN')) missing.push(`${locale} ${table}.${column}: “${label}” is not in ${locale}`)
        }
      }
    }
    // add fields.<table>.<column> (or commonFields.<column>) to locales/*/audit.json, or list the column in UNLISTED_COLUMNS
    expect(missing).toEqual([])
  })

  it('name real columns the page lists, and leave out only columns that exist', () => {
    const stale: string[] = []
    for (const locale of LOCALES) {
      for (const [key, labels] of Object.entries(LABELS[locale].fields)) {
        const names = columns.get(`public.${key}`)
        if (!names) stale.push(`${locale} fields.${key}: no such audited table`)
        for (const column of Object.keys(labels ?? {})) {
          if (!names?.includes(column) || !isListedColumn(`public.${key}`, column)) stale.push(`${locale} fields.${key}.${column}`)
        }
      }
      for (const column of Object.keys(LABELS[locale].commonFields)) {
        if (![...columns].some(([table, names]) => names.includes(column) && isListedColumn(table, column))) stale.push(`${locale} commonFields.${column}`)
      }
    }
    expect(stale).toEqual([])
    const all = [...columns.values()].flat()
    for (const column of UNLISTED_EVERYWHERE) expect(all, column).toContain(column)
    for (const [table, names] of Object.entries(UNLISTED_COLUMNS)) for (const column of names) expect(columns.get(table), `${table}.${column}`).toContain(column)
  })
})

describe('the county administrator’s audit page', () => {
  it('lists the changed fields of the seeded log in words, in both languages', async () => {
    const county = orgIdOf('county.admin@ruyuan.demo')
    const cookie = await cookieFor('county.admin@ruyuan.demo')
    const warn = vi.spyOn(console, 'warn')
    try {
      let listed = 0
      for (const table of AUDITED_TABLES) {
        const request = new Request(`${BASE}/county/${county}/audit?table=${table}`, { headers: { Cookie: cookie } })
        const page = (await loader({ request, params: { orgId: county }, context: {} } as LoaderFunctionArgs)) as unknown as {
          entries: { table_name: string; changed: string[] }[]
        }
        for (const e of page.entries) {
          for (const locale of LOCALES) {
            const text = changedFieldsText(i18nInstance(locale, allResources), e.table_name, e.changed)
            for (const column of e.changed) expect(text.split(/、|, /), `${locale} ${e.table_name}: ${text}`).not.toContain(column)
          }
          listed += e.changed.length
        }
      }
      expect(listed).toBeGreaterThan(0)
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith(MISSING_TRANSLATION))).toEqual([])
    } finally {
      warn.mockRestore()
    }
  })
})
