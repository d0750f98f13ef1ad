/**
 * Field-by-field comparison of two value maps (two submissions of a report, or the form against the
 * stored report). Pure; nothing here knows about templates beyond the order of the keys.
 */

export type Comparable = Record<string, unknown> | null | undefined

export interface FieldChange {
  key: string
  before: unknown
  after: unknown
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

/** Equal as report values: blank equals blank, 12 equals '12.0', strings compare trimmed. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b)
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(typeof a === 'string' ? a.trim() : a)
    const y = Number(typeof b === 'string' ? b.trim() : b)
    return Number.isFinite(x) && Number.isFinite(y) && x === y
  }
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim()
  return a === b
}

/**
 * The changed fields, in the order of `keys` (the template's fields) and then any other keys either
 * side holds, alphabetically, so a value of a field no longer in the template still shows.
 */
export function diffValues(keys: readonly string[], before: Comparable, after: Comparable): FieldChange[] {
  const b = before ?? {}
  const a = after ?? {}
  const extra = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !keys.includes(k)).sort()
  return [...keys, ...extra].filter((k) => !sameValue(b[k], a[k])).map((key) => ({ key, before: b[key] ?? null, after: a[key] ?? null }))
}

/** Do two value maps hold the same values (key order and blanks aside)? */
export function sameValues(a: Comparable, b: Comparable): boolean {
  return diffValues([], a, b).length === 0
}
