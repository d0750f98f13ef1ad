import { describe, expect, it } from 'vitest'
import { activitySchema, cadreSchema, correctStartSchema, endSchema, latestPlannedStart, MAX_PARTICIPANTS, MAX_PEOPLE_MET, money, pairingSchema, postingSchema, visitSchema } from './schemas'
import { formatNumber } from '~/lib/intl'
import { allResources } from '~/lib/i18n.server'

const V = '11111111-1111-4111-8111-111111111111'
const U = '22222222-2222-4222-8222-222222222222'
const TODAY = '2026-11-28'

const activity = { villageId: V, unitId: '', kind: 'deliver_care', occurredOn: '2026-11-20', title: ' 慰问困难党员 ', description: '', participants: '12', funds: '3,000.50', goods: '' }

describe('activitySchema', () => {
  it('parses a form post into typed values with exact money', () => {
    const r = activitySchema(TODAY).parse(activity)
    expect(r).toMatchObject({ unitId: null, title: '慰问困难党员', description: null, participants: 12, funds: '3000.50', goods: null })
  })
  it('refuses a future date, an unknown kind, float-ish money and a missing title', () => {
    const r = activitySchema(TODAY).safeParse({ ...activity, occurredOn: '2026-11-29', kind: 'bribe', funds: '1e3', title: '' })
    expect(r.success).toBe(false)
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(fields).toEqual({ occurredOn: 'validation.future', kind: 'validation.required', funds: 'validation.money', title: 'validation.required' })
  })
  it('refuses impossible dates and more than two decimals', () => {
    const r = activitySchema(TODAY).safeParse({ ...activity, occurredOn: '2026-02-30', funds: '1.005' })
    expect(r.error!.issues.map((i) => i.message).sort()).toEqual(['validation.date', 'validation.money'])
  })
  it('takes up to a county-wide gathering as the participants, and its message says the cap', () => {
    const take = (participants: string) => activitySchema(TODAY).safeParse({ ...activity, participants })
    expect(take(String(MAX_PARTICIPANTS)).data?.participants).toBe(MAX_PARTICIPANTS)
    expect(take('10,000').data?.participants).toBe(10_000)
    expect(take(String(MAX_PARTICIPANTS + 1)).error!.issues.map((i) => `${i.path[0]}:${i.message}`)).toEqual(['participants:validation.tooManyParticipants'])
    expect(take('100000').success).toBe(false)
    for (const locale of ['zh-CN', 'en'] as const) {
      const message = (allResources[locale]!.pairing as { validation: Record<string, string> }).validation.tooManyParticipants
      expect(message).toContain(formatNumber(MAX_PARTICIPANTS, 'en'))
    }
  })
  it('reads full-width digits, as a Chinese input method types them, in the participants and the funds', () => {
    const r = activitySchema(TODAY).parse({ ...activity, participants: '１２', funds: '１２３' })
    expect(r).toMatchObject({ participants: 12, funds: '123' })
    expect(activitySchema(TODAY).parse({ ...activity, participants: '\u3000１，２００ ', funds: '３，０００．５０' })).toMatchObject({ participants: 1200, funds: '3000.50' })
    expect(activitySchema(TODAY).safeParse({ ...activity, participants: '１２．５' }).error!.issues.map((i) => i.message)).toEqual(['validation.integer'])
    expect(activitySchema(TODAY).safeParse({ ...activity, participants: '－１' }).error!.issues.map((i) => i.message)).toEqual(['validation.nonNegative'])
  })
})

describe('visitSchema', () => {
  it('needs at least one person met and some notes', () => {
    const r = visitSchema(TODAY).safeParse({ villageId: V, visitedOn: TODAY, peopleMet: '0', notes: '  ' })
    expect(r.error!.issues.map((i) => `${i.path[0]}:${i.message}`).sort()).toEqual(['notes:validation.required', 'peopleMet:validation.atLeastOne'])
  })
  it('takes up to a village meeting, not a county’s population, as the people one visit met', () => {
    const met = (peopleMet: string) => visitSchema(TODAY).safeParse({ villageId: V, visitedOn: TODAY, peopleMet, notes: '入户走访' })
    expect(met(String(MAX_PEOPLE_MET)).success).toBe(true)
    expect(met(String(MAX_PEOPLE_MET + 1)).error!.issues.map((i) => `${i.path[0]}:${i.message}`)).toEqual(['peopleMet:validation.tooManyPeopleMet'])
    expect(met('100000').success).toBe(false)
    for (const locale of ['zh-CN', 'en'] as const) {
      const message = (allResources[locale]!.pairing as { validation: Record<string, string> }).validation.tooManyPeopleMet
      expect(message).toContain(formatNumber(MAX_PEOPLE_MET, 'en'))
    }
  })
  it('says an empty count is required, and text in it is not a whole number', () => {
    const issues = (peopleMet: string | undefined) => visitSchema(TODAY).safeParse({ villageId: V, visitedOn: TODAY, peopleMet, notes: '入户走访' }).error!.issues.map((i) => i.message)
    expect(issues('')).toEqual(['validation.required'])
    expect(issues(undefined)).toEqual(['validation.required'])
    expect(issues('三')).toEqual(['validation.integer'])
    expect(issues('2.5')).toEqual(['validation.integer'])
  })
  it('reads full-width digits in the people met', () => {
    expect(visitSchema(TODAY).parse({ villageId: V, visitedOn: TODAY, peopleMet: '３', notes: '入户走访' }).peopleMet).toBe(3)
    // a full-width space is as empty as an ASCII one
    const empty = (peopleMet: string) => visitSchema(TODAY).safeParse({ villageId: V, visitedOn: TODAY, peopleMet, notes: '入户走访' }).error!.issues
    expect(empty('\u3000')).toEqual(empty(''))
  })
})

describe('cadreSchema', () => {
  it('reads a phone typed in full-width digits as ASCII', () => {
    expect(cadreSchema.parse({ intent: 'add-cadre', name: '黎志远', phone: '１３９－００００－０３０１' }).phone).toBe('139-0000-0301')
    expect(cadreSchema.parse({ intent: 'add-cadre', name: '黎志远' }).phone).toBeNull()
    expect(cadreSchema.safeParse({ intent: 'add-cadre', name: '黎志远', phone: '一三九' }).error!.issues.map((i) => i.message)).toEqual(['validation.phone'])
  })
})

describe('periods', () => {
  it('refuses an end before the start', () => {
    const r = pairingSchema(TODAY).safeParse({ intent: 'create-pairing', unitId: U, villageId: V, startsOn: '2026-11-01', endsOn: '2026-10-31' })
    expect(r.error!.issues[0]).toMatchObject({ path: ['endsOn'], message: 'validation.endBeforeStart' })
  })
  it('reads the lead checkbox and an open end', () => {
    expect(pairingSchema(TODAY).parse({ intent: 'create-pairing', unitId: U, villageId: V, startsOn: '2026-11-01', endsOn: '', isLead: 'on' })).toMatchObject({ isLead: true, endsOn: null, note: null })
    expect(postingSchema(TODAY).parse({ intent: 'post-cadre', cadreId: U, villageId: V, post: 'first_secretary', startsOn: '2026-11-01' })).toMatchObject({ endsOn: null })
  })
  it('starts a pairing or a posting at most a year from today, the start of a pairing put right too', () => {
    expect(latestPlannedStart(TODAY)).toBe('2027-11-28')
    expect(latestPlannedStart('2028-02-29')).toBe('2029-03-01')
    const pairing = (startsOn: string) => pairingSchema(TODAY).safeParse({ intent: 'create-pairing', unitId: U, villageId: V, startsOn })
    expect(pairing('2027-11-28').success).toBe(true)
    expect(pairing('2027-11-29').error!.issues).toMatchObject([{ path: ['startsOn'], message: 'validation.tooFarAhead' }])
    expect(pairing('9999-12-31').success).toBe(false)
    expect(pairing('someday').error!.issues.map((i) => i.message)).toEqual(['validation.date'])
    expect(postingSchema(TODAY).safeParse({ intent: 'post-cadre', cadreId: U, villageId: V, post: 'village_cadre', startsOn: '9999-12-31' }).error!.issues).toMatchObject([{ path: ['startsOn'], message: 'validation.tooFarAhead' }])
    expect(correctStartSchema(TODAY).safeParse({ intent: 'correct-pairing-start', id: V, startsOn: '9999-12-31' }).success).toBe(false)
    expect(correctStartSchema(TODAY).parse({ intent: 'correct-pairing-start', id: V, startsOn: '2027-01-01' })).toEqual({ intent: 'correct-pairing-start', id: V, startsOn: '2027-01-01' })
  })
  it('ends with a date', () => {
    expect(endSchema.safeParse({ intent: 'end-pairing', id: V, endsOn: '' }).success).toBe(false)
  })
})

describe('money', () => {
  it('is a decimal string or null', () => {
    expect(money.parse('')).toBeNull()
    expect(money.parse(' 12.3 ')).toBe('12.3')
    expect(money.safeParse('-1').success).toBe(false)
  })
})
