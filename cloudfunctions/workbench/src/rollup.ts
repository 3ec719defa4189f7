/**
 * Timer `rollup` (config.json, daily 00:30 Beijing): recomputes the `statsDaily` documents of the
 * two days before the trigger's time from the events of those days. The day before yesterday too,
 * because a write committed just after midnight may carry an event time of the day before. A day's
 * documents are set whole (a re-run gives the same documents), and a community whose events of the
 * day are gone (a report reopened) gets zeros rather than a stale count.
 */
import type { DayEvents } from '../../../domain/workbench/rollup'
import { foldDay, rollupId, emptyCounters } from '../../../domain/workbench/rollup'
import type { StatsDailyDoc } from '../../../domain/workbench/model'
import { addDays, dayKey, nextDay, shanghaiMidnight } from '../../../domain/time'
import type { Database } from '../../../server/cloud'
import { CHECKINS, LEDGER, MALL_ITEMS, PLACE_REPORTS, SIGNUPS, STATS_DAILY, SUGGESTIONS, USERS, VOUCHERS } from '../../../server/collections'
import { publicIdOf } from '../../../server/public-id'
import { REPORT_SINK_MS } from '../../../domain/places/model'
import type { TimerEvent } from '../../../server/router'
import { readAll } from './read-all'

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string))

/** The events of `day` as the fold needs them (each list read by an indexed range on its event time). */
async function eventsOf(db: Database, day: string): Promise<DayEvents> {
  const _ = db.command
  const range = _.and(_.gte(shanghaiMidnight(day)), _.lt(shanghaiMidnight(nextDay(day))))
  const SUG_FIELDS = { communityId: true, category: true, createdAt: true, dueAt: true, acceptedAt: true, firstResponseAt: true, resolvedAt: true, closedAt: true, rating: true }
  const SIGNUP_FIELDS = { communityId: true, signedUpAt: true, checkedOutAt: true, counted: true, serviceMinutes: true }
  type Raw = Record<string, unknown> & { _id: string }
  const clearingRange = _.and(_.gt(shanghaiMidnight(day)), _.lte(new Date(shanghaiMidnight(nextDay(day)).getTime() + REPORT_SINK_MS)))
  const [verified, created, accepted, answered, settled, closed, checkins, reports, signedUp, checkedOut, ledger, used, clearing] = await Promise.all([
    readAll<{ verification: { communityId?: string } }>(db, USERS, { 'verification.status': 'verified', 'verification.reviewedAt': range }, 'verification.reviewedAt', { 'verification.communityId': true }),
    readAll<Raw>(db, SUGGESTIONS, { createdAt: range }, 'createdAt', SUG_FIELDS),
    readAll<Raw>(db, SUGGESTIONS, { acceptedAt: range }, 'acceptedAt', SUG_FIELDS),
    readAll<Raw>(db, SUGGESTIONS, { firstResponseAt: range }, 'firstResponseAt', SUG_FIELDS),
    readAll<Raw>(db, SUGGESTIONS, { resolvedAt: range }, 'resolvedAt', SUG_FIELDS),
    readAll<Raw>(db, SUGGESTIONS, { closedAt: range }, 'closedAt', SUG_FIELDS),
    readAll<Raw>(db, CHECKINS, { day }, 'at', { communityId: true, at: true }),
    readAll<Raw>(db, PLACE_REPORTS, { at: range }, 'at', { communityId: true, placeId: true, kind: true, at: true }),
    readAll<Raw>(db, SIGNUPS, { signedUpAt: range }, 'signedUpAt', SIGNUP_FIELDS),
    readAll<Raw>(db, SIGNUPS, { checkedOutAt: range }, 'checkedOutAt', SIGNUP_FIELDS),
    readAll<Raw>(db, LEDGER, { at: range }, 'at', { userId: true, reason: true, delta: true, at: true, voucher: true }),
    readAll<Raw>(db, VOUCHERS, { status: 'used', at: range }, 'at', { itemId: true, merchantId: true, at: true }),
    // what clears the day's flags: check-ins up to 3 h after its end (index day_at)
    readAll<Raw>(db, CHECKINS, { day: _.in([day, nextDay(day)]), at: clearingRange }, 'at', { placeId: true, at: true }),
  ])
  // the riders' communities and the used vouchers' items: batches by id, bounded by the day's events
  const riders = await byIds<{ verification?: { communityId?: string } }>(db, USERS, ledger.map((l) => String(l.userId)), { 'verification.communityId': true })
  const items = await byIds<{ communityId: string }>(db, MALL_ITEMS, used.map((u) => String(u.itemId)), { communityId: true })
  const unique = (lists: Raw[][]) => [...new Map(lists.flat().map((d) => [d._id, d])).values()]
  return {
    verified: verified.map((u) => ({ communityId: u.verification?.communityId })),
    suggestions: unique([created, accepted, answered, settled, closed]).map((s) => ({
      _id: s._id,
      communityId: String(s.communityId),
      category: s.category as DayEvents['suggestions'][number]['category'],
      createdAt: toDate(s.createdAt)!,
      dueAt: toDate(s.dueAt)!,
      acceptedAt: toDate(s.acceptedAt),
      firstResponseAt: toDate(s.firstResponseAt),
      resolvedAt: toDate(s.resolvedAt),
      closedAt: toDate(s.closedAt),
      rating: typeof s.rating === 'number' ? s.rating : null,
    })),
    checkins: checkins.map((c) => ({ communityId: String(c.communityId), at: toDate(c.at)! })),
    reports: reports.map((r) => ({ communityId: String(r.communityId), placeId: String(r.placeId), kind: r.kind as DayEvents['reports'][number]['kind'], at: toDate(r.at)! })),
    clearingCheckins: clearing.map((c) => ({ placeId: String(c.placeId), at: toDate(c.at)! })),
    signups: unique([signedUp, checkedOut]).map((s) => ({
      _id: s._id,
      communityId: String(s.communityId),
      signedUpAt: toDate(s.signedUpAt)!,
      checkedOutAt: toDate(s.checkedOutAt),
      counted: !!s.counted,
      serviceMinutes: Number(s.serviceMinutes ?? 0),
    })),
    ledger: ledger.map((l) => ({
      reason: l.reason as DayEvents['ledger'][number]['reason'],
      delta: Number(l.delta),
      at: toDate(l.at)!,
      riderCommunityId: riders.get(String(l.userId))?.verification?.communityId ?? null,
      voucher: (l.voucher as DayEvents['ledger'][number]['voucher']) ?? null,
    })),
    // a voucher whose item is gone has no community left to count it in
    used: used.flatMap((u) => {
      const item = items.get(String(u.itemId))
      return item ? [{ at: toDate(u.at)!, communityId: item.communityId, merchant: u.merchantId ? publicIdOf(String(u.merchantId)) : null }] : []
    }),
  }
}

/** Documents by id, 100 ids a query (a `_.in` of a day's ids, deduplicated). */
async function byIds<T>(db: Database, collection: string, ids: string[], field: Record<string, boolean>): Promise<Map<string, T>> {
  const unique = [...new Set(ids)]
  const out = new Map<string, T>()
  for (let i = 0; i < unique.length; i += 100) {
    const page = await readAll<T & { _id: string }>(db, collection, { _id: db.command.in(unique.slice(i, i + 100)) }, '_id', field)
    for (const d of page) out.set(d._id, d)
  }
  return out
}

export interface RollupRunResult {
  days: string[]
  documents: number
}

/** Recomputes the roll-ups of one day: one `set` per community that has (or had) any count. */
export async function recomputeDay(db: Database, day: string, now: Date): Promise<number> {
  const counters = foldDay(day, await eventsOf(db, day))
  const before = await readAll<{ communityId: string }>(db, STATS_DAILY, { day }, 'communityId', { communityId: true })
  for (const b of before) if (!counters.has(b.communityId)) counters.set(b.communityId, emptyCounters())
  for (const [communityId, c] of counters) {
    const doc: Omit<StatsDailyDoc, '_id'> = { communityId, day, ...c, computedAt: now }
    await db.collection(STATS_DAILY).doc(rollupId(communityId, day)).set({ data: doc })
  }
  return counters.size
}

export async function runRollup(db: Database, now: Date, days = 2): Promise<RollupRunResult> {
  const today = dayKey(now)
  const list = Array.from({ length: days }, (_, i) => addDays(today, -(i + 1)))
  let documents = 0
  for (const day of list) documents += await recomputeDay(db, day, now)
  return { days: list, documents }
}

export async function runTimer(event: TimerEvent, db: Database): Promise<unknown> {
  const parsed = event.Time ? new Date(event.Time) : new Date()
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed
  if (event.TriggerName === 'rollup') return { ok: true, data: await runRollup(db, now) }
  return { ok: false, error: { code: 'VALIDATION', message: `未知的定时任务「${event.TriggerName}」` } }
}
