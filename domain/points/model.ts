/**
 * Points: an append-only `ledger` of entries and one `balances` document per user, changed only in
 * the same transaction as the entry that explains the change. Points are kept in monthly lots
 * (the Asia/Shanghai month they were earned in) because a lot expires as a whole at the end of the
 * 12th month after it.
 */

export const LEDGER_REASONS = ['checkIn', 'reportAccepted', 'volunteerHours', 'course', 'redemption', 'refund', 'expiry', 'adjustment'] as const
export type LedgerReason = (typeof LEDGER_REASONS)[number]

export const LEDGER_REASON_LABELS: Record<LedgerReason, string> = {
  checkIn: '驿站打卡',
  reportAccepted: '反馈被采纳',
  volunteerHours: '志愿服务',
  course: '学习课程',
  redemption: '积分兑换',
  refund: '兑换取消退回',
  expiry: '积分过期',
  adjustment: '人工调整',
}

/** Reasons that earn points (positive entries governed by an earn rule with a daily cap). */
export const EARN_REASONS = ['checkIn', 'reportAccepted', 'volunteerHours', 'course'] as const
export type EarnReason = (typeof EARN_REASONS)[number]

/** Points earned in one Asia/Shanghai month (`YYYY-MM`) and not yet spent or expired. */
export interface PointsLot {
  month: string
  remaining: number
  /** the 30-days-before-expiry reminder was sent */
  warned: boolean
}

/** Points taken from (or given back to) a lot by one entry. */
export interface LotShare {
  month: string
  n: number
}

/** Per-user redemption counters of one item, for the item's per-user limit. */
export interface LimitCounter {
  /** all-time redemptions not cancelled */
  total: number
  /** period key (YYYY-MM-DD, ISO week YYYY-Www, YYYY-MM) → count in that period */
  day: string
  dayN: number
  week: string
  weekN: number
  month: string
  monthN: number
}

/** The `balances` document, `_id` = openid. */
export interface BalanceDoc {
  _id: string
  balance: number
  lots: PointsLot[]
  /** earliest instant a lot expires (null: no points); what the expiry timer queries */
  nextExpiryAt: Date | null
  /** earn caps: Asia/Shanghai day and points earned that day per reason */
  earnedDay: string
  earnedToday: Partial<Record<EarnReason, number>>
  /** itemId → counters (kept here so a redemption reads only the item and this document) */
  limits: Record<string, LimitCounter>
  /** mirror of `users.verification.status === 'verified'`, written by identity in the same
   * transactions as the status, so that a redemption reads only the item and this document */
  verified?: boolean
  updatedAt: Date
}

/** Issue data of a voucher, carried by its redemption entry (immutable). */
export interface VoucherIssue {
  code: string
  itemId: string
  itemTitle: string
  price: number
  /** null for district items */
  merchantId: string | null
  /** the item's community: its staff verify district vouchers */
  communityId: string
  placeId: string | null
  placeName: string | null
  validUntil: Date
  /** the item's stock hold this redemption used (server/mall/stock-hold.ts); absent before issue 14 */
  hold?: string
  /** this redemption took the item's last unit (the workbench counts stock-outs by it); absent before issue 17 */
  lastUnit?: boolean
}

/** The `ledger` document. Never updated or removed; corrections are reversing entries. */
export interface LedgerEntryDoc {
  _id: string
  userId: string
  delta: number
  reason: LedgerReason
  /** what the entry is about: check-in id, voucher code, expired month, … */
  sourceRef: string
  /** unique: `<reason>:<scope>:<key>`; replaying it returns the original result */
  idempotencyKey: string
  balanceAfter: number
  at: Date
  /** lots the entry took points from (debits) or gave them to (credits) */
  lots: LotShare[]
  note: string | null
  /** redemptions only */
  voucher: VoucherIssue | null
  /** adjustments: who made them; awards: whose handling granted them (null: earned alone) */
  by: string | null
}

// ---- views ----

export interface BalanceView {
  balance: number
  /** points that expire within 30 days, and when the first of them do */
  expiringSoon: { points: number; at: string } | null
  lots: { month: string; points: number; expiresAt: string }[]
  earnedToday: Partial<Record<EarnReason, number>>
}

export interface LedgerEntryView {
  id: string
  delta: number
  reason: LedgerReason
  label: string
  note: string | null
  balanceAfter: number
  at: string
}

export interface HistoryPage {
  items: LedgerEntryView[]
  /** pass as `before` for the next page; null when there is no more */
  next: string | null
}

export interface AwardResult {
  /** points actually credited (0 when the daily cap is used up) */
  awarded: number
  capped: boolean
  balance: number
  /** true when this idempotency key had been used before (nothing new was credited) */
  replay: boolean
}

export interface ReconciliationReport {
  ok: boolean
  users: number
  entries: number
  issued: number
  spent: number
  sumOfBalances: number
  problems: string[]
}

export interface ExpiryRunResult {
  at: string
  expiredUsers: number
  expiredPoints: number
  warned: number
}
