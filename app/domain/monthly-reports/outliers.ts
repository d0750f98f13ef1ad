import { fieldsOf, type TemplateDefinition } from './template'

/**
 * Soft data-quality warnings: a value far above the village's own history needs a comment before the
 * report is submitted (a draft may be saved without one). "Far above" is measured against the median
 * of the field's last submitted values: more than three times it and more than ten above it, so that
 * small counts (0, 1, 2 meetings) do not raise alarms.
 */

/** How many of the latest submitted values make the history. */
export const OUTLIER_HISTORY = 6
/** Fewer values than this say nothing about the village yet: no warning. */
export const OUTLIER_MIN_HISTORY = 3
const FACTOR = 3
const MARGIN = 10

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** The value above which a field is an outlier, given its history (newest first); null without enough history. */
export function outlierThreshold(history: readonly number[]): number | null {
  const recent = history.slice(0, OUTLIER_HISTORY)
  if (recent.length < OUTLIER_MIN_HISTORY) return null
  const m = median(recent)
  return Math.max(FACTOR * m, m + MARGIN)
}

/**
 * Thresholds for the template's numeric fields marked outlierCheck, from the values of the village's
 * earlier submitted or approved reports (newest first). Fields without enough history are left out.
 */
export function outlierThresholds(definition: TemplateDefinition, history: readonly Record<string, unknown>[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const field of fieldsOf(definition)) {
    if (!field.outlierCheck || (field.type !== 'integer' && field.type !== 'decimal')) continue
    const values = history.map((h) => toNumber(h[field.key])).filter((v): v is number => v !== null)
    const threshold = outlierThreshold(values)
    if (threshold !== null) out[field.key] = threshold
  }
  return out
}

/** A stored or typed number (decimals are stored as exact strings); null for anything else. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string' || !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return null
  return Number(value)
}

/** Is this value (stored, or as the form holds it) above the field's threshold? */
export function isOutlier(value: unknown, threshold: number | undefined): boolean {
  const n = toNumber(value)
  return threshold !== undefined && n !== null && n > threshold
}

/** The keys whose values are outliers. */
export function outlierKeys(values: Record<string, unknown>, thresholds: Record<string, number>): string[] {
  return Object.keys(thresholds).filter((k) => isOutlier(values[k], thresholds[k]))
}
