/** 积分商城: items offered by the district or approved merchants, redeemed for vouchers. */
import type { LimitPeriod, PerUserLimit } from '../points/rules'

export const ITEM_STATUSES = ['on', 'off'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/** The `mallItems` document. `stock` only changes inside transactions. */
export interface MallItemDoc {
  _id: string
  title: string
  description: string
  /** cloud fileIDs (public item photos) */
  photos: string[]
  price: number
  stock: number
  /** stock ever made available: stockTotal − stock = redemptions not cancelled (a reconciliation check) */
  stockTotal: number
  limit: PerUserLimit
  /** days a voucher stays valid after redemption */
  validDays: number
  /** null: offered by the district */
  merchantId: string | null
  /** where to redeem (a place on the 服务地图) */
  placeId: string | null
  placeName: string | null
  /** [longitude, latitude] of that place, for the map link */
  location: [number, number] | null
  status: ItemStatus
  createdAt: Date
  updatedAt: Date
}

/** A voucher's state change, created exactly once (`_id` = the voucher code, unique): never updated. */
export interface VoucherStateDoc {
  _id: string
  status: 'used' | 'cancelled'
  userId: string
  merchantId: string | null
  itemId: string
  itemTitle: string
  price: number
  at: Date
  /** openid of the merchant who verified it, or of the rider who cancelled */
  by: string
}

export type VoucherStatus = 'active' | 'used' | 'cancelled' | 'expired'

export const VOUCHER_STATUS_LABELS: Record<VoucherStatus, string> = {
  active: '可使用',
  used: '已使用',
  cancelled: '已取消',
  expired: '已过期',
}

// ---- views ----

export interface MallItemView {
  id: string
  title: string
  description: string
  photos: string[]
  price: number
  stock: number
  limit: PerUserLimit
  limitLabel: string
  validDays: number
  merchantId: string | null
  placeId: string | null
  placeName: string | null
  location: [number, number] | null
  status: ItemStatus
}

export interface VoucherView {
  /** the 8-digit code (only ever shown to its owner and to the merchant who verifies it) */
  code: string
  itemId: string
  itemTitle: string
  price: number
  placeId: string | null
  placeName: string | null
  status: VoucherStatus
  redeemedAt: string
  validUntil: string
  /** when it was used or cancelled */
  closedAt: string | null
}

export interface RedeemResult {
  voucher: VoucherView
  balance: number
  /** true when this idempotency key had already redeemed: the original voucher is returned */
  replay: boolean
}

export interface VoucherTokenView {
  code: string
  /** signed, short-lived: what the QR code carries */
  token: string
  expiresAt: string
}

export interface CancelResult {
  voucher: VoucherView
  refunded: number
  balance: number
}

export const limitLabel = (limit: PerUserLimit): string => {
  const words: Record<LimitPeriod, string> = { none: '不限兑换次数', day: '每人每天', week: '每人每周', month: '每人每月', once: '每人限兑' }
  return limit.period === 'none' ? words.none : `${words[limit.period]} ${limit.count} 次`
}
