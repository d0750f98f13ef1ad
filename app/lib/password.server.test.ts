import { describe, expect, it } from 'vitest'
import { generateTemporaryPassword, hashPassword, needsRehash, newPasswordSchema, verifyPassword } from './password.server'

describe('newPasswordSchema', () => {
  it.each(['Ruyuan#2026', 'abcdefghi1', '乳源县组织部2026年'])('accepts %s', (pw) => {
    expect(newPasswordSchema.safeParse(pw).success).toBe(true)
  })

  it.each([
    ['too short', 'abc123', 'validation.passwordTooShort'],
    ['no digit', 'abcdefghijk', 'validation.passwordNeedsDigit'],
    ['no letter', '1234567890', 'validation.passwordNeedsLetter'],
    ['over 72 bytes', '组'.repeat(24) + 'a1', 'validation.passwordTooLong'],
  ])('rejects %s', (_label, pw, message) => {
    const result = newPasswordSchema.safeParse(pw)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message)).toContain(message)
  })
})

describe('hashing', () => {
  it('hashes with cost 10 and verifies', async () => {
    const hash = await hashPassword('Ruyuan#2026')
    expect(hash).toMatch(/^\$2b\$10\$/)
    expect(await verifyPassword('Ruyuan#2026', hash)).toBe(true)
    expect(await verifyPassword('ruyuan#2026', hash)).toBe(false)
    expect(needsRehash(hash)).toBe(false)
  })

  it('verifies the $2a$ hashes pgcrypto and GoTrue write', async () => {
    // crypt('Ruyuan#2026', gen_salt('bf', 4)) style: only the prefix differs
    const hash = (await hashPassword('Ruyuan#2026')).replace(/^\$2b\$/, '$2a$')
    expect(await verifyPassword('Ruyuan#2026', hash)).toBe(true)
  })

  it('never matches without a usable hash, but still spends the time', async () => {
    for (const hash of [null, undefined, '', 'plain text']) {
      const start = performance.now()
      expect(await verifyPassword('anything', hash)).toBe(false)
      expect(performance.now() - start).toBeGreaterThan(5)
    }
  })

  it('asks for a rehash of cheaper hashes', async () => {
    const bcrypt = await import('bcryptjs')
    expect(needsRehash(bcrypt.hashSync('x', 4))).toBe(true)
    expect(needsRehash('garbage')).toBe(true)
  })
})

describe('generateTemporaryPassword', () => {
  it('meets the policy and does not repeat', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const pw = generateTemporaryPassword()
      expect(pw).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/)
      expect(newPasswordSchema.safeParse(pw).success).toBe(true)
      seen.add(pw)
    }
    expect(seen.size).toBe(200)
  })
})
