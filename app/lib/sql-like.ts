/**
 * `%text%` for LIKE / ILIKE, with the text's own `%`, `_` and `\` taken literally (backslash is
 * Postgres's default LIKE escape): a search for "10%" finds "10%", not everything starting with "10".
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}
