import { z } from 'zod'
import { numberInput, optionalPhone } from '~/lib/number-input'

/** Empty inputs mean "not recorded" (null), never zero; full-width digits read as ASCII (lib/number-input). */
const optionalCount = z.preprocess(
  (v) => {
    const n = numberInput(v)
    return n === '' ? null : n
  },
  z.coerce
    .number({ invalid_type_error: 'validation.integer' })
    .int('validation.integer')
    .min(0, 'validation.nonNegative')
    .max(1_000_000, 'validation.tooLarge')
    .nullable(),
)

/** The village profile a secretary keeps; shared by the form and the action. */
export const villageProfileSchema = z
  .object({
    secretaryName: z
      .string()
      .trim()
      .max(50, 'validation.tooLong')
      // Postgres refuses a NUL byte in text: invalid input (400), not a database error (500)
      .refine((v) => !v.includes('\u0000'), 'validation.invalid')
      .transform((v) => v || null),
    secretaryPhone: optionalPhone,
    households: optionalCount,
    population: optionalCount,
  })
  // every household has at least one member: fewer people than households is a slip of the keyboard
  .refine((v) => v.households == null || v.population == null || v.population >= v.households, { message: 'validation.populationBelowHouseholds', path: ['population'] })

export type VillageProfileInput = z.infer<typeof villageProfileSchema>
