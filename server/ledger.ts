/**
 * The points ledger as a library: other functions award points by calling `awardInTx()` inside the
 * transaction of what earned them, in their own invocation (no function-to-function call). Every change of a balance happens in the same
 * transaction as the ledger entry that explains it; entries are never updated or removed.
 */
import type { AwardResult, BalanceDoc, BalanceView, EarnReason, LedgerEntryDoc, LedgerEntryView, ReconciliationReport } from '../domain/points/model'
import { LEDGER_REASON_LABELS } from '../domain/points/model'
import type { MallItemDoc, VoucherStateDoc } from '../domain/mall/model'
import { AppError } from '../domain/errors'
import { capAward, creditLots, debitLots, EXPIRY_WARNING_DAYS, isSelfGrant, lotExpiresAt, nextExpiry, uncountRedemption } from '../domain/points/rules'
import type { Database } from './cloud'
import { isDuplicateWrite } from './db-errors'
import { runTx, txGet, withoutId, type Tx } from './tx'
import { dayKey, monthKey } from '../domain/time'
import { BALANCES, LEDGER, MALL_ITEMS, VOUCHERS } from './collections'


export const emptyBalance = (userId: string, now: Date): BalanceDoc => ({
  _id: userId,
  balance: 0,
  lots: [],
  nextExpiryAt: null,
  earnedDay: dayKey(now),
  earnedToday: {},
  limits: {},
  updatedAt: now,
})

/**
 * Inside a transaction of identity's: mirrors the rider's verification onto their balance document
 * (creating it for a newly verified rider), so redemptions need not read the users document.
 */
export async function mirrorVerifiedInTx(t: Tx, userId: string, verified: boolean, now: Date): Promise<void> {
  const bal = await txGet<BalanceDoc>(t, BALANCES, userId)
  if (!bal) {
    if (verified) await t.collection(BALANCES).doc(userId).set({ data: withoutId({ ...emptyBalance(userId, now), verified }) })
    return
  }
  if (!!bal.verified !== verified) await t.collection(BALANCES).doc(userId).update({ data: { verified, updatedAt: now } })
}

/** A unique-index violation on one field (the emulator and CloudBase name the key in the message). */
export const isDuplicateOf = (err: unknown, field: string): boolean => {
  if (!isDuplicateWrite(err)) return false
  const e = err as { message?: unknown; errMsg?: unknown }
  return [e.message, e.errMsg].some((v) => typeof v === 'string' && v.includes(field))
}

export async function findEntryByKey(db: Database, idempotencyKey: string): Promise<LedgerEntryDoc | null> {
  const res = (await db.collection(LEDGER).where({ idempotencyKey }).limit(1).get()) as unknown as { data: LedgerEntryDoc[] }
  return res.data[0] ?? null
}

export interface AwardInput {
  userId: string
  reason: EarnReason
  /** check-ins, accepted reports, volunteer hours, courses: points come from the reason's earn rule */
  units: number
  /** points per unit when less than the rule's (e.g. by place kind); never more */
  pointsPerUnit?: number
  /** what earned it (check-in id, report id, …) */
  sourceRef: string
  /** unique per source, e.g. the check-in id: replaying it credits nothing new */
  key: string
  note?: string | null
  /**
   * Whose handling grants it (the worker accepting a report, the activity's organiser whose code
   * checks volunteers in and out), or null for what the earner does alone (a location-checked
   * check-in). The ledger pays no one for their own handling (domain/points/rules.ts isSelfGrant).
   */
  grantedBy: string | null
}

/** The ledger's refusal of points for one's own handling (issue 14: a worker accepting their own report). */
export class SelfAwardError extends AppError {
  constructor(message = '不能为自己经手处理的事项获得积分') {
    super('FORBIDDEN', message)
  }
}

/**
 * Inside the caller's transaction: credits points by the earn rule of `reason`, cut to the day's
 * cap (read the balance; write the entry and the balance). Doing the award in the same
 * transaction as what earned it is what keeps a crash between the two from losing it. A repeated
 * key fails the transaction with a duplicate on `idempotencyKey`: the caller answers the original
 * (findEntryByKey), as the callers' own records of the award (report, sign-up) normally prevent.
 */
export async function awardInTx(t: Tx, input: AwardInput, now: Date): Promise<AwardResult> {
  if (isSelfGrant(input.userId, input.grantedBy)) throw new SelfAwardError()
  const bal = (await txGet<BalanceDoc>(t, BALANCES, input.userId)) ?? emptyBalance(input.userId, now)
  const today = dayKey(now)
  const earnedToday = bal.earnedDay === today ? bal.earnedToday : {}
  const { points, capped } = capAward(input.reason, input.units, earnedToday[input.reason] ?? 0, input.pointsPerUnit)
  if (points === 0) return { awarded: 0, capped, balance: bal.balance, replay: false }
  const lots = creditLots(bal.lots, [{ month: monthKey(now), n: points }])
  const next: BalanceDoc = {
    ...bal,
    balance: bal.balance + points,
    lots,
    nextExpiryAt: nextExpiry(lots),
    earnedDay: today,
    earnedToday: { ...earnedToday, [input.reason]: (earnedToday[input.reason] ?? 0) + points },
    updatedAt: now,
  }
  await addEntry(t, {
    userId: input.userId,
    delta: points,
    reason: input.reason,
    sourceRef: input.sourceRef,
    idempotencyKey: awardKey(input),
    balanceAfter: next.balance,
    at: now,
    lots: [{ month: monthKey(now), n: points }],
    note: input.note ?? null,
    voucher: null,
    by: input.grantedBy,
  })
  await t.collection(BALANCES).doc(input.userId).set({ data: withoutId(next) })
  return { awarded: points, capped, balance: next.balance, replay: false }
}

const awardKey = (input: Pick<AwardInput, 'reason' | 'key'>) => `${input.reason}:${input.key}`

export const newEntryId = () => `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

/** Inserts a ledger entry inside a transaction (the `_id` is given, or a fresh one). */
export async function addEntry(t: Tx, entry: Omit<LedgerEntryDoc, '_id'> & { _id?: string }): Promise<void> {
  await t.collection(LEDGER).add({ data: { _id: entry._id ?? newEntryId(), ...entry } as unknown as Record<string, unknown> })
}

/**
 * A correcting entry by an admin: credits go to the current month's lot, debits take the oldest
 * points first; never below zero.
 */
export async function adjust(db: Database, input: { userId: string; delta: number; note: string; key: string; by: string }, now: Date): Promise<LedgerEntryDoc> {
  const idempotencyKey = `adjustment:${input.by}:${input.key}`
  if (isSelfGrant(input.userId, input.by)) throw new SelfAwardError('不能调整自己的积分，请由另一位管理员操作')
  try {
    return await runTx(db, async (t) => {
      const bal = (await txGet<BalanceDoc>(t, BALANCES, input.userId)) ?? emptyBalance(input.userId, now)
      let lots = bal.lots
      let shares = [{ month: monthKey(now), n: input.delta }]
      if (input.delta > 0) lots = creditLots(bal.lots, shares)
      else {
        if (bal.balance < -input.delta) throw new AppError('INSUFFICIENT_POINTS', `该用户只有 ${bal.balance} 积分，不能扣减 ${-input.delta}`)
        const d = debitLots(bal.lots, -input.delta)
        lots = d.lots
        shares = d.taken
      }
      const next: BalanceDoc = { ...bal, balance: bal.balance + input.delta, lots, nextExpiryAt: nextExpiry(lots), updatedAt: now }
      const entry: LedgerEntryDoc = {
        _id: newEntryId(),
        userId: input.userId,
        delta: input.delta,
        reason: 'adjustment',
        sourceRef: input.key,
        idempotencyKey,
        balanceAfter: next.balance,
        at: now,
        lots: shares,
        note: input.note,
        voucher: null,
        by: input.by,
      }
      await addEntry(t, entry)
      await t.collection(BALANCES).doc(input.userId).set({ data: withoutId(next) })
      return entry
    })
  } catch (err) {
    if (!isDuplicateOf(err, 'idempotencyKey')) throw err
    const original = await findEntryByKey(db, idempotencyKey)
    if (!original) throw err
    if (original.userId !== input.userId || original.delta !== input.delta) throw new AppError('CONFLICT', '这个请求标识已用于另一笔调整')
    return original
  }
}

// ---- views ----

export function toBalanceView(bal: BalanceDoc | null, now: Date): BalanceView {
  if (!bal) return { balance: 0, expiringSoon: null, lots: [], earnedToday: {} }
  const lots = bal.lots.filter((l) => l.remaining > 0).map((l) => ({ month: l.month, points: l.remaining, expiresAt: lotExpiresAt(l.month).toISOString() }))
  const horizon = now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000
  const soon = lots.filter((l) => new Date(l.expiresAt).getTime() <= horizon)
  return {
    balance: bal.balance,
    expiringSoon: soon.length ? { points: soon.reduce((s, l) => s + l.points, 0), at: soon[0].expiresAt } : null,
    lots,
    earnedToday: bal.earnedDay === dayKey(now) ? bal.earnedToday : {},
  }
}

export function toEntryView(e: LedgerEntryDoc): LedgerEntryView {
  const label = e.reason === 'redemption' || e.reason === 'refund' ? `${LEDGER_REASON_LABELS[e.reason]}：${e.voucher?.itemTitle ?? e.note ?? ''}` : LEDGER_REASON_LABELS[e.reason]
  return { id: e._id, delta: e.delta, reason: e.reason, label, note: e.note, balanceAfter: e.balanceAfter, at: new Date(e.at).toISOString() }
}

// ---- reconciliation ----

/** Reads a whole collection in pages of 1,000 by `_id` (no skip). For timers and tests, not hot paths. */
export async function readAll<T extends { _id: string }>(db: Database, collection: string): Promise<T[]> {
  const _ = db.command
  const out: T[] = []
  let last: string | null = null
  for (;;) {
    const q = last === null ? db.collection(collection) : db.collection(collection).where({ _id: _.gt(last) })
    const res = (await q.orderBy('_id', 'asc').limit(1000).get()) as unknown as { data: T[] }
    out.push(...res.data)
    if (res.data.length < 1000) return out
    last = res.data[res.data.length - 1]._id
  }
}

/**
 * Checks the ledger's invariants: each balance equals the sum of its user's entries and of its
 * lots; issued − spent = sum of balances; no balance, lot or stock negative; every item's
 * redeemed-and-not-cancelled count plus its units held by unfinished redemptions equals
 * stockTotal − stock; every cancelled voucher refunded once,
 * no used voucher refunded.
 */
export async function reconcile(db: Database): Promise<ReconciliationReport> {
  const [balances, entries, items, states] = await Promise.all([
    readAll<BalanceDoc>(db, BALANCES),
    readAll<LedgerEntryDoc>(db, LEDGER),
    readAll<MallItemDoc>(db, MALL_ITEMS),
    readAll<VoucherStateDoc>(db, VOUCHERS),
  ])
  const problems: string[] = []
  const sums = new Map<string, number>()
  let issued = 0
  let spent = 0
  for (const e of entries) {
    sums.set(e.userId, (sums.get(e.userId) ?? 0) + e.delta)
    if (e.delta > 0) issued += e.delta
    else spent -= e.delta
    if (e.balanceAfter < 0) problems.push(`entry ${e._id}: balanceAfter ${e.balanceAfter} < 0`)
  }
  let sumOfBalances = 0
  const seen = new Set<string>()
  for (const b of balances) {
    seen.add(b._id)
    sumOfBalances += b.balance
    const sum = sums.get(b._id) ?? 0
    if (b.balance !== sum) problems.push(`balance ${b._id}: ${b.balance} ≠ sum of entries ${sum}`)
    if (b.balance < 0) problems.push(`balance ${b._id} is negative`)
    const lotSum = b.lots.reduce((s, l) => s + l.remaining, 0)
    if (lotSum !== b.balance) problems.push(`balance ${b._id}: lots hold ${lotSum}, balance ${b.balance}`)
    if (b.lots.some((l) => l.remaining < 0)) problems.push(`balance ${b._id}: a negative lot`)
  }
  for (const [u, s] of sums) if (!seen.has(u) && s !== 0) problems.push(`user ${u} has entries summing to ${s} but no balance`)
  if (issued - spent !== sumOfBalances) problems.push(`issued ${issued} − spent ${spent} ≠ sum of balances ${sumOfBalances}`)

  const redeemed = new Map<string, number>()
  const refunds = new Map<string, number>()
  const usedHolds = new Set<string>()
  for (const e of entries) {
    if (e.reason === 'redemption' && e.voucher) redeemed.set(e.voucher.itemId, (redeemed.get(e.voucher.itemId) ?? 0) + 1)
    if (e.voucher?.hold) usedHolds.add(e.voucher.hold)
    if (e.reason === 'refund') refunds.set(e.sourceRef, (refunds.get(e.sourceRef) ?? 0) + 1)
  }
  const cancelledPerItem = new Map<string, number>()
  for (const s of states) {
    const n = refunds.get(s._id) ?? 0
    if (s.status === 'cancelled') {
      cancelledPerItem.set(s.itemId, (cancelledPerItem.get(s.itemId) ?? 0) + 1)
      if (n !== 1) problems.push(`voucher ${s._id} cancelled with ${n} refunds`)
    } else if (n !== 0) problems.push(`voucher ${s._id} used but refunded ${n} times`)
  }
  for (const [code, n] of refunds) if (!states.some((s) => s._id === code)) problems.push(`refund of ${code} (${n}) without a cancelled voucher`)
  for (const it of items) {
    if (it.stock < 0) problems.push(`item ${it._id}: stock ${it.stock} < 0`)
    const live = (redeemed.get(it._id) ?? 0) - (cancelledPerItem.get(it._id) ?? 0)
    // units held by redemptions not (yet) committed are taken too (server/mall/stock-hold.ts)
    const held = Object.values(it.holds ?? {}).filter((h) => !usedHolds.has(h.token)).length
    if (it.stockTotal - it.stock !== live + held) problems.push(`item ${it._id}: stockTotal ${it.stockTotal} − stock ${it.stock} ≠ ${live} live vouchers + ${held} held`)
  }
  return { ok: problems.length === 0, users: balances.length, entries: entries.length, issued, spent, sumOfBalances, problems }
}

/**
 * Inside a transaction: cancels an unused voucher — the state `cancelled` (created once: a second
 * cancel or a merchant's verification finds it and stops), the stock back, the points back into the
 * lots they came from, and a refund entry whose key (`refund:<code>`) is unique. Used by the rider's
 * cancel (mall) and by 注销, which voids the person's unused vouchers the same way (user).
 */
export async function cancelVoucherInTx(t: Tx, entry: LedgerEntryDoc, by: string, now: Date): Promise<{ closed: VoucherStateDoc; balance: number }> {
  const v = entry.voucher!
  const userId = entry.userId
  const item = await txGet<MallItemDoc>(t, MALL_ITEMS, v.itemId)
  const bal = (await txGet<BalanceDoc>(t, BALANCES, userId)) ?? emptyBalance(userId, now)
  const state = await txGet<VoucherStateDoc>(t, VOUCHERS, v.code)
  if (state?.status === 'used') throw new AppError('CONFLICT', '这张券已使用，不能取消')
  if (state?.status === 'cancelled') throw new AppError('CONFLICT', '这张券已取消过了')
  const lots = creditLots(bal.lots, entry.lots)
  const next: BalanceDoc = {
    ...bal,
    balance: bal.balance + v.price,
    lots,
    nextExpiryAt: nextExpiry(lots),
    limits: { ...bal.limits, [v.itemId]: uncountRedemption(bal.limits?.[v.itemId], new Date(entry.at)) },
    updatedAt: now,
  }
  const closed: VoucherStateDoc = {
    _id: v.code,
    status: 'cancelled',
    userId,
    merchantId: v.merchantId,
    itemId: v.itemId,
    itemTitle: v.itemTitle,
    price: v.price,
    at: now,
    by,
  }
  if (item) await t.collection(MALL_ITEMS).doc(item._id).update({ data: { stock: item.stock + 1, updatedAt: now } })
  await t.collection(VOUCHERS).add({ data: closed as unknown as Record<string, unknown> })
  await addEntry(t, {
    userId,
    delta: v.price,
    reason: 'refund',
    sourceRef: v.code,
    idempotencyKey: `refund:${v.code}`,
    balanceAfter: next.balance,
    at: now,
    lots: entry.lots,
    note: v.itemTitle,
    voucher: null,
    by: null,
  })
  await t.collection(BALANCES).doc(userId).set({ data: withoutId(next) })
  return { closed, balance: next.balance }
}
