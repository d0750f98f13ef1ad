import { describe, expect, it } from 'vitest'
import { RUYUAN_VILLAGES, WENGYUAN_VILLAGES } from '~/lib/seed-data/ruyuan'
import { villageProfileSchema } from './village-profile'

const profile = { secretaryName: '侯国强', secretaryPhone: '138-0000-0008', households: '538', population: '1859' }
const issues = (values: Record<string, string>) => villageProfileSchema.safeParse(values).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? []

describe('villageProfileSchema', () => {
  it('reads the figures, empty ones as not recorded', () => {
    expect(villageProfileSchema.parse(profile)).toEqual({ secretaryName: '侯国强', secretaryPhone: '138-0000-0008', households: 538, population: 1859 })
    expect(villageProfileSchema.parse({ ...profile, households: '', population: ' ' })).toMatchObject({ households: null, population: null })
  })

  it('refuses fewer people than households, on the population', () => {
    // QA: 户数 100 and 人口 50 was saved
    expect(issues({ ...profile, households: '100', population: '50' })).toEqual(['population:validation.populationBelowHouseholds'])
    expect(issues({ ...profile, households: '100', population: '100' })).toEqual([])
    // one of the two not recorded: nothing to compare
    expect(issues({ ...profile, households: '100', population: '' })).toEqual([])
    expect(issues({ ...profile, households: '', population: '50' })).toEqual([])
    // a field that is wrong itself is said first, without the comparison
    expect(issues({ ...profile, households: '-3', population: '1' })).toEqual(['households:validation.nonNegative'])
  })

  it('reads full-width digits in the figures and the phone, as a Chinese input method types them', () => {
    expect(villageProfileSchema.parse({ ...profile, secretaryPhone: '１３８－００００－０００８', households: '５３８', population: '１，８５９' })).toMatchObject({
      secretaryPhone: '138-0000-0008',
      households: 538,
      population: 1859,
    })
    expect(issues({ ...profile, households: '１００', population: '５０' })).toEqual(['population:validation.populationBelowHouseholds'])
  })

  it('accepts every seeded village’s profile', () => {
    for (const v of [...RUYUAN_VILLAGES, ...WENGYUAN_VILLAGES]) {
      const values = { secretaryName: v.secretaryName, secretaryPhone: v.secretaryPhone, households: String(v.households), population: String(v.population) }
      expect(issues(values), v.name).toEqual([])
    }
  })
})
