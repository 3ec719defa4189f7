/**
 * Daily roll-ups (pure): the counters of one community and day from the documents whose events fall
 * on that day, and the figures of a period from the roll-ups. The workbench timer feeds `foldDay`
 * what it read for the day; the dashboard feeds `figuresOf` the roll-up documents only.
 */
import { SUGGESTION_CATEGORIES, type SuggestionCategory } from '../suggestions/model'
import { NEGATIVE_REPORTS, REPORT_SINK_MS, type ReportKind } from '../places/model'
import { addDays, dayKey, shanghai, shanghaiMidnight, weekKey } from '../time'
import { TOP_ITEMS, type CommunityTotals, type FigureDay, type FiguresView, type RollupCounters, type StatsDailyDoc, type SuggestionWeek, type TopItem } from './model'
import type { LedgerReason } from '../points/model'

export const rollupId = (communityId: string, day: string): string => `${communityId}|${day}`

export const emptyCounters = (): RollupCounters => ({
  verified: 0,
  sugReceived: 0,
  sugByCategory: {},
  sugAccepted: 0,
  sugFirstResponses: 0,
  sugFirstResponseMinutes: 0,
  sugResolved: 0,
  sugResolvedOnTime: 0,
  sugResolveMinutes: 0,
  checkins: 0,
  checkinsByHour: Array.from({ length: 24 }, () => 0),
  flags: 0,
  flagsCleared: 0,
  flagClearMinutes: 0,
  signups: 0,
  checkouts: 0,
  attended: 0,
  serviceMinutes: 0,
  sugRated: 0,
  sugRatingSum: 0,
  sugSatisfied: 0,
  pointsIssued: 0,
  pointsRedeemed: 0,
  pointsRefunded: 0,
  pointsExpired: 0,
  itemRedemptions: {},
  vouchersVerified: 0,
  merchantVerifications: {},
})

/** A rating of 4 or 5 counts as satisfied (as 微事我言's own statistics, domain/suggestions/stats.ts). */
export const SATISFIED_RATING = 4
/** Ledger reasons whose positive entries count as points issued. */
const ISSUING: readonly LedgerReason[] = ['checkIn', 'reportAccepted', 'volunteerHours', 'course', 'adjustment']

/** What the timer reads for one day: each list holds the documents with an event on that day. */
export interface DayEvents {
  /** verification approved that day (reviewedAt), status still verified */
  verified: { communityId: string | null | undefined }[]
  /** suggestions created, accepted, first answered or settled that day (one list, deduplicated by id) */
  suggestions: {
    _id: string
    communityId: string
    category: SuggestionCategory
    createdAt: Date
    dueAt: Date
    acceptedAt: Date | null
    firstResponseAt: Date | null
    resolvedAt: Date | null
    /** when the reporter confirmed it (with `rating`) */
    closedAt?: Date | null
    rating?: number | null
  }[]
  checkins: { communityId: string; at: Date }[]
  reports: { communityId: string; placeId?: string; kind: ReportKind; at: Date }[]
  /** check-ins from the day's start to 3 h after its end, at any place (`clearedAt` looks for the first after a flag) */
  clearingCheckins?: { placeId: string; at: Date }[]
  /** sign-ups made or checked out that day (deduplicated by id) */
  signups: { _id: string; communityId: string; signedUpAt: Date; checkedOutAt: Date | null; counted: boolean; serviceMinutes: number }[]
  /** ledger entries of the day; `riderCommunityId`: the verification community of the entry's rider (null: none) */
  ledger: { reason: LedgerReason; delta: number; at: Date; riderCommunityId: string | null; voucher: { itemId: string; itemTitle: string; communityId: string; lastUnit?: boolean } | null }[]
  /** vouchers used that day, with their item's community and the merchant's public id (null: a district item) */
  used: { at: Date; communityId: string; merchant: string | null }[]
}

const MINUTE = 60_000
const onDay = (at: Date | null | undefined, day: string): at is Date => !!at && dayKey(at) === day

/** The counters per community of `day`, for every community with at least one event (others: none). */
export function foldDay(day: string, e: DayEvents): Map<string, RollupCounters> {
  const out = new Map<string, RollupCounters>()
  const of = (c: string) => {
    let x = out.get(c)
    if (!x) out.set(c, (x = emptyCounters()))
    return x
  }
  for (const u of e.verified) if (u.communityId) of(u.communityId).verified++
  for (const s of e.suggestions) {
    const x = of(s.communityId)
    if (onDay(s.createdAt, day)) {
      x.sugReceived++
      x.sugByCategory[s.category] = (x.sugByCategory[s.category] ?? 0) + 1
    }
    if (onDay(s.acceptedAt, day)) x.sugAccepted++
    if (onDay(s.firstResponseAt, day)) {
      x.sugFirstResponses++
      x.sugFirstResponseMinutes += Math.round((s.firstResponseAt.getTime() - s.createdAt.getTime()) / MINUTE)
    }
    if (onDay(s.resolvedAt, day)) {
      x.sugResolved++
      if (s.resolvedAt.getTime() <= s.dueAt.getTime()) x.sugResolvedOnTime++
      x.sugResolveMinutes += Math.round((s.resolvedAt.getTime() - s.createdAt.getTime()) / MINUTE)
    }
  }
  for (const c of e.checkins) {
    if (!onDay(c.at, day)) continue
    const x = of(c.communityId)
    x.checkins++
    x.checkinsByHour[shanghai(c.at).hour()]++
  }
  for (const r of e.reports) {
    if (!onDay(r.at, day) || !NEGATIVE_REPORTS.includes(r.kind)) continue
    const x = of(r.communityId)
    x.flags++
    const t0 = r.at.getTime()
    const first = Math.min(...(e.clearingCheckins ?? []).filter((c) => c.placeId === r.placeId && c.at.getTime() > t0 && c.at.getTime() <= t0 + REPORT_SINK_MS).map((c) => c.at.getTime()))
    if (Number.isFinite(first)) {
      x.flagsCleared++
      x.flagClearMinutes += Math.round((first - t0) / MINUTE)
    }
  }
  for (const s of e.suggestions) {
    if (!onDay(s.closedAt, day) || !s.rating) continue
    const x = of(s.communityId)
    x.sugRated++
    x.sugRatingSum += s.rating
    if (s.rating >= SATISFIED_RATING) x.sugSatisfied++
  }
  for (const l of e.ledger) {
    if (!onDay(l.at, day)) continue
    if (l.riderCommunityId) {
      const x = of(l.riderCommunityId)
      if (l.delta > 0 && ISSUING.includes(l.reason)) x.pointsIssued += l.delta
      if (l.reason === 'redemption') x.pointsRedeemed -= l.delta
      if (l.reason === 'refund') x.pointsRefunded += l.delta
      if (l.reason === 'expiry') x.pointsExpired -= l.delta
    }
    if (l.reason === 'redemption' && l.voucher) {
      const items = of(l.voucher.communityId).itemRedemptions
      const it = (items[l.voucher.itemId] ??= { title: l.voucher.itemTitle, n: 0, soldOut: 0 })
      it.n++
      if (l.voucher.lastUnit) it.soldOut++
    }
  }
  for (const u of e.used) {
    if (!onDay(u.at, day)) continue
    const x = of(u.communityId)
    x.vouchersVerified++
    if (u.merchant) x.merchantVerifications[u.merchant] = (x.merchantVerifications[u.merchant] ?? 0) + 1
  }
  for (const s of e.signups) {
    const x = of(s.communityId)
    if (onDay(s.signedUpAt, day)) x.signups++
    if (onDay(s.checkedOutAt, day)) {
      x.checkouts++
      if (s.counted) x.attended++
      x.serviceMinutes += s.serviceMinutes
    }
  }
  return out
}

/** Adds `b` into `a` (counters only). */
export function addCounters(a: RollupCounters, b: RollupCounters): RollupCounters {
  for (const k of Object.keys(a) as (keyof RollupCounters)[]) {
    if (k === 'sugByCategory') {
      for (const c of SUGGESTION_CATEGORIES) if (b.sugByCategory[c]) a.sugByCategory[c] = (a.sugByCategory[c] ?? 0) + (b.sugByCategory[c] ?? 0)
    } else if (k === 'checkinsByHour') {
      b.checkinsByHour.forEach((n, h) => (a.checkinsByHour[h] += n))
    } else if (k === 'itemRedemptions') {
      for (const [id, it] of Object.entries(b.itemRedemptions ?? {})) {
        const into = (a.itemRedemptions[id] ??= { title: it.title, n: 0, soldOut: 0 })
        into.n += it.n
        into.soldOut += it.soldOut
      }
    } else if (k === 'merchantVerifications') {
      for (const [m, n] of Object.entries(b.merchantVerifications ?? {})) a.merchantVerifications[m] = (a.merchantVerifications[m] ?? 0) + n
    } else {
      // roll-ups written before a counter existed lack it: zero
      const sum = (a[k] as number) + ((b[k] as number | undefined) ?? 0)
      ;(a as unknown as Record<string, number>)[k] = sum
    }
  }
  return a
}

/** The days `from`…`to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

const ratio = (a: number, b: number, digits = 2): number | null => (b ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null)

/**
 * The figures of the days `from`…`to` from roll-up documents (any community set): a series per day
 * (missing days are zeros), weeks of 微事我言, check-ins by hour, totals and one row per community.
 */
export function figuresOf(
  docs: Pick<StatsDailyDoc, 'communityId' | 'day' | keyof RollupCounters>[],
  range: { from: string; to: string; communityId: string | null },
  communities: { id: string; name: string }[],
): Omit<FiguresView, 'docsRead'> {
  const days = daysBetween(range.from, range.to)
  const byDay = new Map(days.map((d) => [d, emptyCounters()]))
  const byCommunity = new Map(communities.map((c) => [c.id, emptyCounters()]))
  const all = emptyCounters()
  for (const d of docs) {
    const slot = byDay.get(d.day)
    if (!slot) continue
    addCounters(slot, d)
    addCounters(all, d)
    const c = byCommunity.get(d.communityId)
    if (c) addCounters(c, d)
  }
  const series: FigureDay[] = days.map((day) => {
    const x = byDay.get(day)!
    return {
      day,
      verified: x.verified,
      sugReceived: x.sugReceived,
      sugAccepted: x.sugAccepted,
      sugResolved: x.sugResolved,
      checkins: x.checkins,
      flags: x.flags,
      signups: x.signups,
      attended: x.attended,
      serviceMinutes: x.serviceMinutes,
      pointsIssued: x.pointsIssued,
      pointsRedeemed: x.pointsRedeemed,
      pointsExpired: x.pointsExpired,
      vouchersVerified: x.vouchersVerified,
      sugRated: x.sugRated,
      sugSatisfied: x.sugSatisfied,
    }
  })
  const weeks = new Map<string, SuggestionWeek>()
  for (const day of days) {
    const x = byDay.get(day)!
    const key = weekKey(shanghaiMidnight(day))
    const w = weeks.get(key) ?? { week: key, received: 0, accepted: 0, resolved: 0, byCategory: {} }
    w.received += x.sugReceived
    w.accepted += x.sugAccepted
    w.resolved += x.sugResolved
    for (const c of SUGGESTION_CATEGORIES) if (x.sugByCategory[c]) w.byCategory[c] = (w.byCategory[c] ?? 0) + (x.sugByCategory[c] ?? 0)
    weeks.set(key, w)
  }
  const rows: CommunityTotals[] = communities.map((c) => {
    const x = byCommunity.get(c.id)!
    return {
      communityId: c.id,
      name: c.name,
      verified: x.verified,
      sugReceived: x.sugReceived,
      sugResolved: x.sugResolved,
      checkins: x.checkins,
      flags: x.flags,
      signups: x.signups,
      serviceMinutes: x.serviceMinutes,
      pointsIssued: x.pointsIssued,
      vouchersVerified: x.vouchersVerified,
      merchantsActive: Object.keys(x.merchantVerifications).length,
    }
  })
  const topItems: TopItem[] = Object.entries(all.itemRedemptions)
    .map(([itemId, it]) => ({ itemId, title: it.title, redeemed: it.n, soldOut: it.soldOut }))
    .sort((a, b) => b.redeemed - a.redeemed || a.title.localeCompare(b.title))
    .slice(0, TOP_ITEMS)
  return {
    from: range.from,
    to: range.to,
    days: days.length,
    communityId: range.communityId,
    series,
    weeks: [...weeks.values()],
    checkinsByHour: all.checkinsByHour,
    totals: {
      verified: all.verified,
      sugReceived: all.sugReceived,
      sugAccepted: all.sugAccepted,
      sugResolved: all.sugResolved,
      avgFirstResponseMinutes: all.sugFirstResponses ? Math.round(all.sugFirstResponseMinutes / all.sugFirstResponses) : null,
      avgResolveMinutes: all.sugResolved ? Math.round(all.sugResolveMinutes / all.sugResolved) : null,
      onTimeRate: ratio(all.sugResolvedOnTime, all.sugResolved),
      checkins: all.checkins,
      flags: all.flags,
      flagsCleared: all.flagsCleared,
      avgFlagClearMinutes: all.flagsCleared ? Math.round(all.flagClearMinutes / all.flagsCleared) : null,
      signups: all.signups,
      checkouts: all.checkouts,
      attendanceRate: ratio(all.attended, all.checkouts),
      serviceHours: Math.round((all.serviceMinutes / 60) * 10) / 10,
      pointsIssued: all.pointsIssued,
      pointsRedeemed: all.pointsRedeemed,
      pointsRefunded: all.pointsRefunded,
      pointsExpired: all.pointsExpired,
      vouchersVerified: all.vouchersVerified,
      merchantsActive: Object.keys(all.merchantVerifications).length,
      stockOuts: Object.values(all.itemRedemptions).reduce((n, it) => n + it.soldOut, 0),
      ratings: all.sugRated,
      avgRating: all.sugRated ? Math.round((all.sugRatingSum / all.sugRated) * 10) / 10 : null,
      satisfiedShare: ratio(all.sugSatisfied, all.sugRated),
    },
    topItems,
    communities: rows,
  }
}
