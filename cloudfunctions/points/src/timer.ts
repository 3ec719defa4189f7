/**
 * The function's one timer trigger (config.json `daily`, 00:10 Beijing time — a cloud function takes
 * a single trigger) runs both jobs in turn: `expirePoints` (expire lots past the end of their 12th
 * month, remind 30 days before) and then `reconcile` (log invariant violations, including any the
 * expiry run left). Each job can also be run on its own by naming it as the event's TriggerName.
 *
 * A timer event is `{ Type: 'Timer', TriggerName, Time }` and carries no OPENID. Only callers
 * without a mini-program identity can send one (the trigger itself, or an operator with the
 * environment's API keys), so the event's `Time` is trusted as the clock: that is how tests run
 * expiry with fake time, and in production it is the trigger's own schedule time.
 */
import type { BalanceDoc, ExpiryRunResult } from '../../../domain/points/model'
import { DAILY_TRIGGER } from '../../../domain/points/contract'
import { lotExpiresAt, lotsToWarn, nextExpiry, splitExpired, EXPIRY_WARNING_DAYS } from '../../../domain/points/rules'
import { getCloud, type Database } from '../../../server/cloud'
import { deliver, notice, queueInTx } from '../../../server/outbox'
import { addEntry, newEntryId, reconcile } from '../../../server/ledger'
import { runTx, txGet, withoutId } from '../../../server/tx'
import { BALANCES } from '../../../server/collections'
import type { TimerEvent } from '../../../server/router'

async function usersDue(db: Database, before: Date): Promise<string[]> {
  const _ = db.command
  const ids: string[] = []
  let last = ''
  for (;;) {
    const res = (await db
      .collection(BALANCES)
      .where({ nextExpiryAt: _.lte(before), _id: _.gt(last) })
      .orderBy('_id', 'asc')
      .field({ _id: true })
      .limit(500)
      .get()) as unknown as { data: { _id: string }[] }
    ids.push(...res.data.map((d) => d._id))
    if (res.data.length < 500) return ids
    last = res.data[res.data.length - 1]._id
  }
}

export async function runExpiry(db: Database, now: Date): Promise<ExpiryRunResult> {
  let expiredUsers = 0
  let expiredPoints = 0
  for (const userId of await usersDue(db, now)) {
    const n = await runTx(db, async (t): Promise<number> => {
      const bal = await txGet<BalanceDoc>(t, BALANCES, userId)
      if (!bal) return 0
      const { expired, kept } = splitExpired(bal.lots, now)
      const points = expired.reduce((s, l) => s + l.remaining, 0)
      if (points <= 0) {
        if (expired.length) await t.collection(BALANCES).doc(userId).update({ data: { lots: kept, nextExpiryAt: nextExpiry(kept) } })
        return 0
      }
      const next: BalanceDoc = { ...bal, balance: bal.balance - points, lots: kept, nextExpiryAt: nextExpiry(kept), updatedAt: now }
      const months = expired.map((l) => l.month).join(',')
      await addEntry(t, {
        _id: newEntryId(),
        userId,
        delta: -points,
        reason: 'expiry',
        sourceRef: months,
        // unique per balance state: points put back into an expired lot (a refund) expire again later
        idempotencyKey: `expiry:${userId}:${months}:${new Date(bal.updatedAt ?? now).getTime()}:${bal.balance}`,
        balanceAfter: next.balance,
        at: now,
        lots: expired.map((l) => ({ month: l.month, n: l.remaining })),
        note: `${months} 获得的积分已到期`,
        voucher: null,
        by: null,
      })
      await t.collection(BALANCES).doc(userId).set({ data: withoutId(next) })
      return points
    }).catch((err: unknown) => {
      // one user's failure must not stop the run; the next run retries them
      console.error(JSON.stringify({ level: 'error', where: 'points.expiry', userId, error: String((err as Error)?.message ?? err) }))
      return 0
    })
    if (n > 0) {
      expiredUsers++
      expiredPoints += n
    }
  }

  // reminders: lots expiring within 30 days, once per lot
  let warned = 0
  const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000)
  for (const userId of await usersDue(db, horizon)) {
    // the lots are marked warned with the reminder queued in the same transaction (server/outbox.ts):
    // a run that died between the mark and the send lost the reminder for good
    const queued = await runTx(db, async (t) => {
      const bal = await txGet<BalanceDoc>(t, BALANCES, userId)
      if (!bal) return []
      const due = lotsToWarn(bal.lots, now)
      if (!due.length) return []
      const months = new Set(due.map((l) => l.month))
      await t.collection(BALANCES).doc(userId).update({ data: { lots: bal.lots.map((l) => (months.has(l.month) ? { ...l, warned: true } : l)) } })
      const at = lotExpiresAt(due[0].month)
      const reminder = notice('pointsExpiry', userId, 'pages/points/index', {
        subject: '积分即将过期',
        points: due.reduce((s, l) => s + l.remaining, 0),
        date: new Date(at.getTime() - 1),
        note: '去积分商城兑换实用好物吧',
      })
      return queueInTx(t, [reminder], now)
    })
    // best effort: a user who did not subscribe is skipped by WeChat; the lot stays marked either way
    warned += await deliver(db, queued, now)
  }
  return { at: now.toISOString(), expiredUsers, expiredPoints, warned }
}

async function runReconcile(db: Database) {
  const report = await reconcile(db)
  if (!report.ok) console.error(JSON.stringify({ level: 'error', where: 'points.reconcile', problems: report.problems.slice(0, 50) }))
  return report
}

export async function runTimer(event: TimerEvent): Promise<unknown> {
  const db = getCloud().database()
  const parsed = event.Time ? new Date(event.Time) : new Date()
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed
  if (event.TriggerName === DAILY_TRIGGER) {
    const expiry = await runExpiry(db, now)
    return { ok: true, data: { expiry, reconcile: await runReconcile(db) } }
  }
  if (event.TriggerName === 'expirePoints') return { ok: true, data: await runExpiry(db, now) }
  if (event.TriggerName === 'reconcile') return { ok: true, data: await runReconcile(db) }
  return { ok: false, error: { code: 'VALIDATION', message: `未知的定时任务「${event.TriggerName}」` } }
}
