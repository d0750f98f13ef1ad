import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldErrorsFrom } from './forms'

const t = ((key: string) => `«${key}»`) as unknown as TFunction

describe('fieldErrorsFrom', () => {
  const schema = z.object({
    villageId: z.string().min(1, 'validation.required').regex(/^[0-9a-f-]{36}$/, 'validation.invalid'),
    password: z.string().min(1, 'validation.required').min(10, 'validation.passwordTooShort').regex(/\d/, 'validation.passwordNeedsDigit'),
    note: z.string().max(3, 'validation.tooLong').max(3, 'validation.tooLong'),
  })

  it('says only "required" of a field left empty', () => {
    const result = schema.safeParse({ villageId: '', password: '', note: '' })
    expect(fieldErrorsFrom(result.error!, t)).toEqual({ villageId: ['«validation.required»'], password: ['«validation.required»'] })
  })

  it('says every rule a filled field breaks, each once', () => {
    const result = schema.safeParse({ villageId: 'x', password: 'short', note: 'too long' })
    expect(fieldErrorsFrom(result.error!, t)).toEqual({
      villageId: ['«validation.invalid»'],
      password: ['«validation.passwordTooShort»', '«validation.passwordNeedsDigit»'],
      note: ['«validation.tooLong»'],
    })
  })

  it('puts an issue of no field under "form", and a message that is no key as "invalid"', () => {
    const result = z.string().refine(() => false, 'boom').safeParse('')
    expect(fieldErrorsFrom(result.error!, t)).toEqual({ form: ['«validation.invalid»'] })
  })
})
