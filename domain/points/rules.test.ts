import * as fc from 'fast-check'
import {
  capAward,
  isSelfGrant,
  countRedemption,
  creditLots,
  debitLots,
  EARN_RULES,
  expiresAtFor,
  limitReached,
  lotExpiresAt,
  lotsToWarn,
  nextExpiry,
  splitExpired,
  uncountRedemption,
} from './rules'
import { dayKey, monthKey, weekKey } from '../time'

const sh = (s: string) => new Date(`${s}+08:00`)

describe('calendar keys (Asia/Shanghai)', () => {
  it('uses the Shanghai day, not UTC', () => {
    expect(dayKey(sh('2026-03-01T00:00:00'))).toBe('2026-03-01')
    expect(dayKey(sh('2026-02-28T23:59:59'))).toBe('2026-02-28')
    expect(monthKey(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03')
  })
  it('numbers ISO weeks (Monday first, week 1 holds Jan 4)', () => {
    expect(weekKey(sh('2026-01-01T12:00:00'))).toBe('2026-W01')
    expect(weekKey(sh('2025-12-29T00:00:00'))).toBe('2026-W01')
    expect(weekKey(sh('2025-12-28T23:59:00'))).toBe('2025-W52')
    expect(weekKey(sh('2027-01-01T08:00:00'))).toBe('2026-W53')
    expect(weekKey(sh('2026-11-22T23:59:59'))).not.toBe(weekKey(sh('2026-11-23T00:00:00')))
  })
})

describe('expiry: end of the 12th month after earning', () => {
  it('expires at the first instant of the 13th month, Shanghai time', () => {
    expect(expiresAtFor(sh('2026-03-15T10:00:00')).toISOString()).toBe(sh('2027-04-01T00:00:00').toISOString())
    expect(expiresAtFor(sh('2026-03-01T00:00:00')).toISOString()).toBe(sh('2027-04-01T00:00:00').toISOString())
    expect(expiresAtFor(sh('2026-03-31T23:59:59')).toISOString()).toBe(sh('2027-04-01T00:00:00').toISOString())
    expect(lotExpiresAt('2026-12').toISOString()).toBe(sh('2028-01-01T00:00:00').toISOString())
  })
  it('splits lots exactly at the boundary', () => {
    const lots = [{ month: '2026-03', remaining: 5, warned: false }, { month: '2026-04', remaining: 7, warned: false }]
    expect(splitExpired(lots, new Date(sh('2027-04-01T00:00:00').getTime() - 1)).expired).toHaveLength(0)
    expect(splitExpired(lots, sh('2027-04-01T00:00:00')).expired.map((l) => l.month)).toEqual(['2026-03'])
    expect(nextExpiry(lots)?.toISOString()).toBe(sh('2027-04-01T00:00:00').toISOString())
    expect(nextExpiry([])).toBeNull()
  })
  it('warns within 30 days before, once', () => {
    const lots = [{ month: '2026-03', remaining: 5, warned: false }]
    expect(lotsToWarn(lots, sh('2027-03-01T23:59:59'))).toHaveLength(0)
    expect(lotsToWarn(lots, sh('2027-03-02T00:00:00'))).toHaveLength(1)
    expect(lotsToWarn([{ ...lots[0], warned: true }], sh('2027-03-15T00:00:00'))).toHaveLength(0)
    expect(lotsToWarn(lots, sh('2027-04-01T00:00:00'))).toHaveLength(0)
  })
})

describe('earn rules with daily caps', () => {
  it('gives the rule points up to the cap, then a cut, then nothing', () => {
    const cap = EARN_RULES.checkIn.dailyCap
    expect(capAward('checkIn', 1, 0)).toEqual({ points: 5, capped: false })
    expect(capAward('checkIn', 1, cap - 5)).toEqual({ points: 5, capped: false })
    expect(capAward('checkIn', 1, cap - 3)).toEqual({ points: 3, capped: true })
    expect(capAward('checkIn', 1, cap)).toEqual({ points: 0, capped: true })
    expect(capAward('checkIn', 1, cap + 10)).toEqual({ points: 0, capped: true })
  })
  it('limits units per award and refuses non-positive units', () => {
    expect(capAward('volunteerHours', 8, 0)).toEqual({ points: 80, capped: false })
    expect(capAward('volunteerHours', 9, 0)).toEqual({ points: 80, capped: true })
    expect(capAward('volunteerHours', 0, 0).points).toBe(0)
    expect(capAward('volunteerHours', 1.5, 0).points).toBe(0)
    // fewer points per unit than the rule (a water point's check-in), never more
    expect(capAward('checkIn', 1, 0, 2)).toEqual({ points: 2, capped: false })
    expect(capAward('checkIn', 1, 0, 50)).toEqual({ points: 5, capped: false })
  })
  it('never exceeds the cap over any sequence of awards in a day', () => {
    fc.assert(
      fc.property(fc.constantFrom('checkIn', 'reportAccepted', 'volunteerHours', 'course' as const), fc.array(fc.integer({ min: -2, max: 12 }), { maxLength: 30 }), (reason, units) => {
        let earned = 0
        for (const u of units) {
          const { points } = capAward(reason, u, earned)
          expect(points).toBeGreaterThanOrEqual(0)
          earned += points
        }
        expect(earned).toBeLessThanOrEqual(EARN_RULES[reason].dailyCap)
      }),
    )
  })
})

describe('lots: FIFO spending', () => {
  it('takes the oldest points first and refuses to overdraw', () => {
    const lots = creditLots([], [{ month: '2026-05', n: 10 }, { month: '2026-03', n: 4 }])
    expect(lots.map((l) => l.month)).toEqual(['2026-03', '2026-05'])
    const { lots: left, taken } = debitLots(lots, 6)
    expect(taken).toEqual([{ month: '2026-03', n: 4 }, { month: '2026-05', n: 2 }])
    expect(left).toEqual([{ month: '2026-05', remaining: 8, warned: false }])
    expect(() => debitLots(left, 9)).toThrow(RangeError)
    // a refund gives the points back to the lots they came from
    expect(creditLots(left, taken)).toEqual(lots)
  })
})

describe('per-user limits', () => {
  const now = sh('2026-11-23T10:00:00')
  it('counts per day / week / month / once and resets with the period', () => {
    const c = countRedemption(undefined, now)
    expect(limitReached(c, { period: 'day', count: 1 }, now)).toBe(true)
    expect(limitReached(c, { period: 'day', count: 1 }, sh('2026-11-24T00:00:00'))).toBe(false)
    expect(limitReached(c, { period: 'week', count: 1 }, sh('2026-11-29T23:59:59'))).toBe(true)
    expect(limitReached(c, { period: 'week', count: 1 }, sh('2026-11-30T00:00:00'))).toBe(false)
    expect(limitReached(c, { period: 'month', count: 2 }, now)).toBe(false)
    expect(limitReached(countRedemption(c, now), { period: 'month', count: 2 }, now)).toBe(true)
    expect(limitReached(c, { period: 'once', count: 1 }, sh('2030-01-01T00:00:00'))).toBe(true)
    expect(limitReached(c, { period: 'none', count: 1 }, now)).toBe(false)
  })
  it('a cancellation gives back the redemption in its own periods only', () => {
    const c = countRedemption(undefined, now)
    const back = uncountRedemption(c, now)
    expect(back).toMatchObject({ total: 0, dayN: 0, weekN: 0, monthN: 0 })
    const later = countRedemption(c, sh('2026-11-24T10:00:00'))
    const afterCancelOfFirst = uncountRedemption(later, now)
    expect(afterCancelOfFirst).toMatchObject({ total: 1, dayN: 1, weekN: 1, monthN: 1 })
  })
})

describe('isSelfGrant (issue 14: no points for your own handling)', () => {
  it('is true only when the grantor is the beneficiary', () => {
    expect(isSelfGrant('o-a', 'o-a')).toBe(true)
    expect(isSelfGrant('o-a', 'o-b')).toBe(false)
    // earned alone (a location-checked check-in): no grantor, nothing to refuse
    expect(isSelfGrant('o-a', null)).toBe(false)
  })
})
