/**
 * Pure points rules: earn rules with daily caps, monthly lots and their expiry, FIFO spending, and
 * per-user redemption limits. All calendar arithmetic is in Asia/Shanghai (UTC+8, no DST).
 */
import type { EarnReason, LimitCounter, LotShare, PointsLot } from '../entities/points'
import { addMonths, DAY_MS, dayKey, monthKey, shanghaiMidnight, weekKey } from '../time'


export interface EarnRule {
  /** points per unit (per check-in, per accepted report, per volunteer hour, per course) */
  perUnit: number
  /** at most this many points per Asia/Shanghai day for this reason */
  dailyCap: number
  /** most units one award may claim */
  maxUnits: number
}

export const EARN_RULES: Record<EarnReason, EarnRule> = {
  checkIn: { perUnit: 5, dailyCap: 20, maxUnits: 1 },
  reportAccepted: { perUnit: 10, dailyCap: 30, maxUnits: 1 },
  volunteerHours: { perUnit: 10, dailyCap: 80, maxUnits: 8 },
  course: { perUnit: 20, dailyCap: 40, maxUnits: 1 },
}

/** The largest single adjustment an admin may make (either sign). */
/**
 * No one is paid for their own handling (issue 14): a worker accepting their own report, an
 * organiser whose check-in code checks themselves out, an admin adjusting their own balance. The
 * grantor is the person whose decision releases the points; null when the earner acts alone.
 */
export const isSelfGrant = (beneficiary: string, grantor: string | null): boolean => grantor !== null && grantor === beneficiary

export const MAX_ADJUSTMENT = 10_000
/** Reminder window before a lot expires. */
export const EXPIRY_WARNING_DAYS = 30

/**
 * When the points of lot `month` (YYYY-MM) expire: the end of the 12th month after it, i.e. the
 * first instant of the 13th month, Asia/Shanghai. Earned any day of 2026-03 → expire at
 * 2027-04-01T00:00+08:00 (usable through 2027-03-31 23:59:59).
 */
export function lotExpiresAt(month: string): Date {
  return shanghaiMidnight(`${addMonths(month, 13)}-01`)
}

/** When points earned at `earnedAt` expire. */
export const expiresAtFor = (earnedAt: Date): Date => lotExpiresAt(monthKey(earnedAt))

/**
 * Points an award may credit: `units × perUnit`, cut to what is left of the day's cap for the
 * reason. `earnedToday` is what the user already got today for that reason.
 */
export function capAward(reason: EarnReason, units: number, earnedToday: number, pointsPerUnit?: number): { points: number; capped: boolean } {
  const rule = EARN_RULES[reason]
  if (!Number.isInteger(units) || units < 1) return { points: 0, capped: false }
  // a caller may ask for fewer points per unit than the rule (e.g. a water point's check-in), never more
  const perUnit = pointsPerUnit === undefined ? rule.perUnit : Math.max(0, Math.min(rule.perUnit, Math.floor(pointsPerUnit)))
  const wanted = Math.min(units, rule.maxUnits) * perUnit
  const left = Math.max(0, rule.dailyCap - Math.max(0, earnedToday))
  const points = Math.min(wanted, left)
  return { points, capped: points < units * perUnit }
}

const byMonth = (a: { month: string }, b: { month: string }) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)

/** Adds points to lots (a new lot per month, kept oldest first). */
export function creditLots(lots: readonly PointsLot[], shares: readonly LotShare[]): PointsLot[] {
  const out = lots.map((l) => ({ ...l }))
  for (const s of shares) {
    if (s.n <= 0) continue
    const lot = out.find((l) => l.month === s.month)
    if (lot) lot.remaining += s.n
    else out.push({ month: s.month, remaining: s.n, warned: false })
  }
  return out.sort(byMonth)
}

/** Takes `amount` points from the oldest lots first. Throws if the lots hold less. */
export function debitLots(lots: readonly PointsLot[], amount: number): { lots: PointsLot[]; taken: LotShare[] } {
  let left = amount
  const taken: LotShare[] = []
  const out: PointsLot[] = []
  for (const lot of [...lots].sort(byMonth)) {
    const n = Math.min(lot.remaining, left)
    if (n > 0) {
      taken.push({ month: lot.month, n })
      left -= n
    }
    if (lot.remaining - n > 0) out.push({ ...lot, remaining: lot.remaining - n })
  }
  if (left > 0) throw new RangeError(`lots hold ${amount - left} of ${amount} points`)
  return { lots: out, taken }
}

/** Lots expired at `now`, and the lots kept. */
export function splitExpired(lots: readonly PointsLot[], now: Date): { expired: PointsLot[]; kept: PointsLot[] } {
  const expired: PointsLot[] = []
  const kept: PointsLot[] = []
  for (const l of lots) (lotExpiresAt(l.month).getTime() <= now.getTime() ? expired : kept).push(l)
  return { expired, kept }
}

/** Earliest expiry among lots holding points. */
export function nextExpiry(lots: readonly PointsLot[]): Date | null {
  const months = lots.filter((l) => l.remaining > 0).map((l) => l.month).sort()
  return months.length ? lotExpiresAt(months[0]) : null
}

/** Lots that expire within the warning window and have not been warned about. */
export function lotsToWarn(lots: readonly PointsLot[], now: Date): PointsLot[] {
  const horizon = now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS
  return lots.filter((l) => !l.warned && l.remaining > 0 && lotExpiresAt(l.month).getTime() <= horizon && lotExpiresAt(l.month).getTime() > now.getTime())
}

// ---- per-user redemption limits ----

export const LIMIT_PERIODS = ['none', 'day', 'week', 'month', 'once'] as const
export type LimitPeriod = (typeof LIMIT_PERIODS)[number]

export const LIMIT_PERIOD_LABELS: Record<LimitPeriod, string> = {
  none: '不限',
  day: '每天',
  week: '每周',
  month: '每月',
  once: '每人限兑',
}

export interface PerUserLimit {
  period: LimitPeriod
  /** redemptions allowed per period (for `once`: in total) */
  count: number
}

export const emptyCounter = (): LimitCounter => ({ total: 0, day: '', dayN: 0, week: '', weekN: 0, month: '', monthN: 0 })

/** Redemptions already made in the period that contains `now`. */
export function usedInPeriod(c: LimitCounter | undefined, period: LimitPeriod, now: Date): number {
  if (!c) return 0
  switch (period) {
    case 'none':
      return 0
    case 'once':
      return c.total
    case 'day':
      return c.day === dayKey(now) ? c.dayN : 0
    case 'week':
      return c.week === weekKey(now) ? c.weekN : 0
    case 'month':
      return c.month === monthKey(now) ? c.monthN : 0
  }
}

export const limitReached = (c: LimitCounter | undefined, limit: PerUserLimit, now: Date): boolean =>
  limit.period !== 'none' && usedInPeriod(c, limit.period, now) >= limit.count

/** Counters after one more redemption at `now`. */
export function countRedemption(c: LimitCounter | undefined, now: Date): LimitCounter {
  const cur = c ?? emptyCounter()
  const d = dayKey(now)
  const w = weekKey(now)
  const m = monthKey(now)
  return {
    total: cur.total + 1,
    day: d,
    dayN: (cur.day === d ? cur.dayN : 0) + 1,
    week: w,
    weekN: (cur.week === w ? cur.weekN : 0) + 1,
    month: m,
    monthN: (cur.month === m ? cur.monthN : 0) + 1,
  }
}

/** Counters after cancelling a redemption made at `redeemedAt` (only its own periods give one back). */
export function uncountRedemption(c: LimitCounter | undefined, redeemedAt: Date): LimitCounter {
  const cur = c ?? emptyCounter()
  return {
    total: Math.max(0, cur.total - 1),
    day: cur.day,
    dayN: cur.day === dayKey(redeemedAt) ? Math.max(0, cur.dayN - 1) : cur.dayN,
    week: cur.week,
    weekN: cur.week === weekKey(redeemedAt) ? Math.max(0, cur.weekN - 1) : cur.weekN,
    month: cur.month,
    monthN: cur.month === monthKey(redeemedAt) ? Math.max(0, cur.monthN - 1) : cur.monthN,
  }
}

// ---- voucher codes ----

/** The 8-digit fallback code a rider reads out or a merchant types. */
export const VOUCHER_CODE = /^\d{8}$/
/** How long a displayed (QR) voucher token stays valid. */
export const VOUCHER_TOKEN_TTL_MS = 5 * 60 * 1000
/** Signed display token: `v1.<code>.<expiry ms base36>.<nonce>.<hmac base64url>`. */
export const VOUCHER_TOKEN = /^v1\.\d{8}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{6,16}\.[A-Za-z0-9_-]{43}$/
