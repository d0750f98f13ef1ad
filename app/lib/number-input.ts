import { z } from 'zod'

/**
 * Numbers as people type them. A Chinese input method in full-width mode types '１２３', '－' and '．':
 * every numeric form field and spreadsheet cell reads them as the ASCII they mean (monthly reports,
 * pairing records, cadres, the village profile, the household and pair imports).
 * Explicit code points, not normalize('NFKC'): that would also turn '①' or '²' into digits.
 */

/** Full-width digits, signs, decimal point, comma, slash (dates) and the ideographic space as ASCII; anything else unchanged. */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/\uFF0E/g, '.')
    .replace(/[\uFF0D\u2212]/g, '-')
    .replace(/\uFF0B/g, '+')
    .replace(/\uFF0C/g, ',')
    .replace(/\uFF0F/g, '/')
    .replace(/\u3000/g, ' ')
}

/** A typed number ready to parse: full-width read as ASCII, spaces dropped, thousands separators dropped where they group ('1,200'). */
export function normalizeNumber(text: string): string {
  const ascii = asciiDigits(text).replace(/\s+/g, '')
  return /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(ascii) ? ascii.replace(/,/g, '') : ascii
}

/** For z.preprocess: a string form value normalised as a number, anything else as it is. */
export const numberInput = (v: unknown) => (typeof v === 'string' ? normalizeNumber(v) : v)

/** A phone number as the forms and imports take it: digits, spaces, + and -, 5 to 20 of them. */
export const PHONE_PATTERN = /^[0-9+ -]{5,20}$/

/**
 * An optional phone field of a form (village profile, cadre, user): full-width digits read as ASCII, empty
 * (or absent) as null, anything else checked against PHONE_PATTERN ('validation.phone').
 */
export const optionalPhone = z.preprocess(
  (v) => (typeof v === 'string' ? asciiDigits(v) : v),
  z
    .string()
    .trim()
    .max(20, 'validation.tooLong')
    .refine((v) => v === '' || PHONE_PATTERN.test(v), 'validation.phone')
    .optional()
    .transform((v) => v || null),
)
