import type { TFunction } from 'i18next'
import { sql } from 'kysely'
import type { Cell, Row, SheetData } from 'write-excel-file/node'
import type { Tx } from '~/lib/db.server'
import { dateCell, nameOf, sheetName, type Workbook } from '~/lib/download.server'
import type { ReportState } from '~/lib/db-types'
import { classifyCell, monthOf, type Period } from './completeness'
import { countyOf, loadHeatmap, todayInShanghai, type OrgName } from './completeness.server'
import { fieldsOf, localized, templateDefinitionSchema, type TemplateDefinition, type TemplateField } from './template'

/**
 * XLSX exports of monthly reports: one month of a town or the county (a row per village), and one
 * village across months (a row per month). Columns are the template's fields in the user's
 * language; every row says which version it was filed under. Runs as the user: RLS decides the rows.
 * The writer (write-excel-file) is loaded on first use, on the server only.
 */

interface StoredTemplate {
  id: string
  version: number
  valid_from: Period
  definition: TemplateDefinition | null
}

interface ExportReport {
  id: string
  village_id: string
  period: Period
  state: ReportState
  template_id: string
  values: Record<string, unknown>
  due_on: string
  first_submitted_on: string | null
  first_submitted_at: string | null
  submitted_at: string | null
  approved_at: string | null
}

async function countyTemplates(tx: Tx, countyId: string): Promise<StoredTemplate[]> {
  const { rows } = await sql<{ id: string; version: number; valid_from: Period; definition: unknown }>`
    select id, version, valid_from, definition from public.report_templates
     where county_id = ${countyId} order by version desc`.execute(tx)
  return rows.map((r) => {
    const parsed = templateDefinitionSchema.safeParse(r.definition)
    return { ...r, definition: parsed.success ? parsed.data : null }
  })
}

const reportColumns = sql`
  r.id, r.village_id, r.period, r.state, r.template_id, r.values, r.due_on,
  (r.first_submitted_at at time zone 'Asia/Shanghai')::date as first_submitted_on,
  to_char(r.first_submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as first_submitted_at,
  to_char(r.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as submitted_at,
  case when r.state = 'approved' then to_char(r.reviewed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') end as approved_at`

/**
 * The union of the fields of the versions in use, newest version first: a key keeps the label of
 * the newest version that has it; fields only older versions had come after.
 */
export function exportFields(templates: StoredTemplate[], usedTemplateIds: Set<string>): TemplateField[] {
  const seen = new Map<string, TemplateField>()
  for (const t of templates) {
    if (!usedTemplateIds.has(t.id) || !t.definition) continue
    for (const f of fieldsOf(t.definition)) if (!seen.has(f.key)) seen.set(f.key, f)
  }
  return [...seen.values()]
}

/** A report value as a spreadsheet cell: numbers stay numbers, yes/no and choices in words. */
export function valueCell(field: TemplateField, value: unknown, language: string, t: TFunction): Cell {
  if (value === null || value === undefined || value === '') return null
  switch (field.type) {
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n)) return String(value)
      return field.type === 'decimal' ? { value: n, type: Number, format: field.scale ? `0.${'0'.repeat(field.scale)}` : undefined } : n
    }
    case 'boolean':
      return value === true || value === 'true' ? t('export.yes') : value === false || value === 'false' ? t('export.no') : String(value)
    case 'choice': {
      const choice = field.choices?.find((c) => c.value === value)
      return choice ? localized(choice.label, language) : String(value)
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

const header = (text: string): Cell => ({ value: text, fontWeight: 'bold', wrap: true, alignVertical: 'top' })

function fieldHeader(field: TemplateField, language: string, t: TFunction): Cell {
  const label = localized(field.label, language)
  const unit = localized(field.unit, language)
  return header(unit ? t('export.withUnit', { label, unit }) : label)
}

async function write(data: SheetData, sheet: string, fixedColumns: number, widths: number[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node')
  return writeXlsxFile(data, {
    sheet: sheetName(sheet),
    stickyRowsCount: 1,
    stickyColumnsCount: fixedColumns,
    columns: widths.map((width) => ({ width })),
  }).toBuffer()
}

/**
 * One month of a county or a town: a row per village expected that month (or with a report),
 * in division-code order, with its state, dates, the version it was filed under and its values.
 */
export async function monthWorkbook(tx: Tx, scope: OrgName, period: Period, language: string, t: TFunction): Promise<Workbook> {
  const today = await todayInShanghai(tx)
  const range = { from: period, to: period }
  const { rows: heat } = await loadHeatmap(tx, scope.id, range, today)
  const countyId = await countyOf(tx, scope.id)
  const templates = countyId ? await countyTemplates(tx, countyId) : []
  const { rows: reports } = await sql<ExportReport>`
    select ${reportColumns} from public.monthly_reports r
     where r.period = ${period}::date
       and r.village_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = ${scope.id})`.execute(tx)
  const byVillage = new Map(reports.map((r) => [r.village_id, r]))
  const fields = exportFields(templates, new Set(reports.map((r) => r.template_id)))
  const versionOf = new Map(templates.map((tpl) => [tpl.id, tpl.version]))

  const fixed = [t('export.town'), t('export.village'), t('export.code'), t('export.secretary'), t('export.phone'), t('export.state'), t('export.dueOn'), t('export.firstSubmitted'), t('export.lastSubmitted'), t('export.approved'), t('export.daysLate'), t('export.version')]
  const data: Row[] = [[...fixed.map(header), ...fields.map((f) => fieldHeader(f, language, t))]]
  for (const { village, cells } of heat) {
    const cell = cells[0]!
    const report = byVillage.get(village.id)
    if (cell.kind === 'inactive' && !report) continue
    data.push([
      village.town ? nameOf(village.town, language) : null,
      nameOf(village, language),
      village.code,
      village.secretary_name,
      village.secretary_phone,
      t(`cell.kinds.${cell.kind}`),
      dateCell(cell.due_on),
      dateCell(report?.first_submitted_at),
      dateCell(report?.submitted_at),
      dateCell(report?.approved_at),
      cell.late ? cell.days : null,
      report ? (versionOf.get(report.template_id) ?? null) : null,
      ...fields.map((f) => (report ? valueCell(f, report.values[f.key], language, t) : null)),
    ])
  }
  const month = monthOf(period)
  const name = nameOf(scope, language)
  const buffer = await write(data, month, 2, [...[10, 14, 14, 10, 14, 12, 11, 16, 16, 16, 8, 6], ...fields.map(() => 14)])
  return {
    buffer,
    filename: t('export.monthFilename', { org: name, month }),
    asciiFilename: `${scope.code ?? 'reports'}-monthly-reports-${month}.xlsx`,
    rows: data.length - 1,
  }
}

/** One village across months: a row per report it has filed or started, oldest first. */
export async function villageWorkbook(tx: Tx, village: OrgName, language: string, t: TFunction): Promise<Workbook> {
  const today = await todayInShanghai(tx)
  const countyId = await countyOf(tx, village.id)
  const templates = countyId ? await countyTemplates(tx, countyId) : []
  const { rows: reports } = await sql<ExportReport>`
    select ${reportColumns} from public.monthly_reports r
     where r.village_id = ${village.id}
     order by r.period`.execute(tx)
  const fields = exportFields(templates, new Set(reports.map((r) => r.template_id)))
  const versionOf = new Map(templates.map((tpl) => [tpl.id, tpl.version]))

  const fixed = [t('export.month'), t('export.state'), t('export.dueOn'), t('export.firstSubmitted'), t('export.lastSubmitted'), t('export.approved'), t('export.daysLate'), t('export.version')]
  const data: Row[] = [[...fixed.map(header), ...fields.map((f) => fieldHeader(f, language, t))]]
  for (const report of reports) {
    const cell = classifyCell({ expected: true, report, dueOn: report.due_on, today })
    data.push([
      monthOf(report.period),
      t(`cell.kinds.${cell.kind}`),
      dateCell(report.due_on),
      dateCell(report.first_submitted_at),
      dateCell(report.submitted_at),
      dateCell(report.approved_at),
      cell.late ? cell.days : null,
      versionOf.get(report.template_id) ?? null,
      ...fields.map((f) => valueCell(f, report.values[f.key], language, t)),
    ])
  }
  const name = nameOf(village, language)
  const buffer = await write(data, name, 1, [...[9, 12, 11, 16, 16, 16, 8, 6], ...fields.map(() => 14)])
  return {
    buffer,
    filename: t('export.villageFilename', { org: name }),
    asciiFilename: `${village.code ?? 'village'}-monthly-reports.xlsx`,
    rows: data.length - 1,
  }
}
