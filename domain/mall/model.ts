/** 积分商城: items offered by the district or approved merchants, redeemed for vouchers. */
import type { PlaceKind } from '../places/model'
import type { LimitPeriod, PerUserLimit } from '../points/rules'

export const ITEM_STATUSES = ['on', 'off'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/**
 * An item photo and its image check (security.mediaCheckAsync): riders see it only once the
 * verdict is `pass`; `rejected` covers risky, needs-a-person and files that could not be checked.
 */
export const PHOTO_CHECKS = ['pending', 'pass', 'rejected'] as const
export type PhotoCheck = (typeof PHOTO_CHECKS)[number]

export interface ItemPhoto {
  /** cloud fileID, under the uploader's `mall-items/<openid>/` folder */
  fileID: string
  check: PhotoCheck
}

/** The `mallItems` document. `stock` only changes inside transactions. */
export interface MallItemDoc {
  _id: string
  title: string
  description: string
  /** in the order the owner set; riders see only those whose check passed */
  photos: ItemPhoto[]
  price: number
  stock: number
  /** stock ever made available: stockTotal − stock = redemptions not cancelled (a reconciliation check) */
  stockTotal: number
  limit: PerUserLimit
  /** days a voucher stays valid after redemption */
  validDays: number
  /** null: offered by the district (a station of a community), managed by that community's staff */
  merchantId: string | null
  /** the community whose staff supervise the item (the merchant's, or the station's) */
  communityId: string
  /** where to redeem (a place on the 服务地图) */
  placeId: string | null
  placeName: string | null
  /** [longitude, latitude] of that place, for the map link */
  location: [number, number] | null
  status: ItemStatus
  /** msgSecCheck said `review` for a merchant's text: hidden until a worker of the community releases it */
  contentFlagged: boolean
  /** why a worker took the item off sale (the merchant sees it; editing the text clears it) */
  takenDownReason: string | null
  /** off because its merchant was suspended (not by the merchant or a worker): reinstatement puts exactly these back on */
  offBySuspension?: boolean
  /** openid of whoever created it (merchant or staff) */
  createdBy: string
  createdAt: Date
  updatedAt: Date
  /** units taken by redemptions in progress (server/mall/stock-hold.ts), by hash of their key; never shown */
  holds?: Record<string, StockHold>
}

/** One unit of stock taken for a redemption whose transaction has not (yet) been seen to commit. */
export interface StockHold {
  /** the redemption's idempotency key (`redeem:<openid>:<client key>`) */
  key: string
  /** written into the voucher by the redemption that used this hold */
  token: string
  at: Date
}

/**
 * Where a district item can be redeemed: places with people who can verify the voucher (a
 * merchant's shop is the merchant's, a water point or a toilet has nobody at the counter).
 */
export const DISTRICT_REDEMPTION_KINDS: readonly PlaceKind[] = ['station', 'canteen']

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

/** Bounds of an item's fields: the contract's schema and the app's form both use these. */
export const ITEM_BOUNDS = {
  title: { min: 2, max: 30 },
  description: { min: 2, max: 200 },
  photos: 6,
  price: { min: 1, max: 100_000 },
  stock: { min: 0, max: 100_000 },
  count: { min: 1, max: 100 },
  /** a "once" limit allows at most this many redemptions per rider */
  onceCount: 10,
  validDays: { min: 1, max: 365 },
} as const

/** What the offering side (a merchant, or a community's staff) fills in for an item. */
export interface ItemValues {
  title: string
  description: string
  /** fileIDs in the order to show */
  photos: string[]
  price: number
  limit: PerUserLimit
  validDays: number
}

/** What riders see of an item. */
export interface MallItemView {
  id: string
  title: string
  description: string
  /** a short-lived URL of the first photo that passed its check */
  coverUrl: string | null
  price: number
  stock: number
  limit: PerUserLimit
  limitLabel: string
  validDays: number
  merchantId: string | null
  communityId: string
  placeId: string | null
  placeName: string | null
  location: [number, number] | null
  status: ItemStatus
}

/** One item for a rider's item page: every photo that passed, as short-lived URLs. */
export interface MallItemDetail extends MallItemView {
  photoUrls: string[]
}

/** A photo as its owner and the community's staff see it: with its check state. */
export interface ManagedPhoto {
  fileID: string
  check: PhotoCheck
  /** short-lived URL ('' if the file is gone) */
  url: string
}

/** An item as the merchant who offers it, or the staff of its community, manage it. */
export interface ManagedItemView extends MallItemView {
  photos: ManagedPhoto[]
  stockTotal: number
  /** vouchers redeemed and not cancelled: stockTotal − stock */
  redeemed: number
  contentFlagged: boolean
  takenDownReason: string | null
}

/** A voucher just marked used at the counter (by the merchant, or by station staff for district items). */
export interface VerifyResult {
  code: string
  itemTitle: string
  price: number
  usedAt: string
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
  /**
   * set while the 爱心商家 whose counter takes this active voucher is suspended (the reason the
   * community gave): the counter refuses it meanwhile; the rider may wait or cancel it for a refund
   */
  shopSuspendedReason: string | null
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
