import { z } from 'zod'

/** Empty inputs mean "not recorded" (null), never zero. */
const optionalCount = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.coerce
    .number({ invalid_type_error: 'validation.integer' })
    .int('validation.integer')
    .min(0, 'validation.nonNegative')
    .max(1_000_000, 'validation.tooLarge')
    .nullable(),
)

/** The village profile a secretary keeps; shared by the form and the action. */
export const villageProfileSchema = z.object({
  secretaryName: z
    .string()
    .trim()
    .max(50, 'validation.tooLong')
    // Postgres refuses a NUL byte in text: invalid input (400), not a database error (500)
    .refine((v) => !v.includes('\u0000'), 'validation.invalid')
    .transform((v) => v || null),
  secretaryPhone: z
    .string()
    .trim()
    .max(20, 'validation.tooLong')
    .refine((v) => v === '' || /^[0-9+ -]{5,20}$/.test(v), 'validation.phone')
    .transform((v) => v || null),
  households: optionalCount,
  population: optionalCount,
})

export type VillageProfileInput = z.infer<typeof villageProfileSchema>
