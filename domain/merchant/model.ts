/** 爱心商家: applications, their review by a community worker, and the approved profile. */
import type { OpeningHours } from '../places/opening-hours'

export const MERCHANT_CATEGORIES = ['food', 'convenience', 'repair', 'pharmacy', 'barber', 'other'] as const
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number]

export const MERCHANT_CATEGORY_LABELS: Record<MerchantCategory, string> = {
  food: '餐饮',
  convenience: '便利店',
  repair: '修车',
  pharmacy: '药房',
  barber: '理发',
  other: '其他',
}

export const MERCHANT_OFFERS = ['discount', 'water', 'phoneCharging', 'toilet', 'rest'] as const
export type MerchantOffer = (typeof MERCHANT_OFFERS)[number]

export const MERCHANT_OFFER_LABELS: Record<MerchantOffer, string> = {
  discount: '骑手优惠',
  water: '免费饮水',
  phoneCharging: '手机充电',
  toilet: '借用厕所',
  rest: '歇脚休息',
}

/** `suspended`: an approved merchant a worker paused (items off the mall, vouchers refused at the counter) */
export type MerchantStatus = 'pending' | 'approved' | 'rejected' | 'suspended'

export const MERCHANT_STATUS_LABELS: Record<MerchantStatus, string> = {
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
}

/** Why and since when a worker suspended the merchant (kept after reinstatement until the next one). */
export interface MerchantSuspension {
  reason: string
  at: Date
}

/** The `merchants` document, `_id` = the applicant's openid. */
export interface MerchantDoc {
  _id: string
  shopName: string
  address: string
  location: { type: 'Point'; coordinates: [number, number] }
  communityId: string
  category: MerchantCategory
  offers: MerchantOffer[]
  discountText: string | null
  hours: OpeningHours
  /** private cloud fileID: only staff of the community get a temporary URL */
  licencePhoto: string
  phone: string | null
  status: MerchantStatus
  /** msgSecCheck said `review`: a worker must read the text with care */
  contentFlagged: boolean
  rejectReason: string | null
  /** the `places` document of kind merchant once approved */
  placeId: string | null
  submittedAt: Date
  reviewedAt: Date | null
  reviewedBy: string | null
  /** set while `status` is `suspended` (absent on merchants never suspended) */
  suspension?: MerchantSuspension | null
  /** when one of its items was last put on sale (written so that this and a suspension conflict: server/mall/item-store.ts) */
  itemOnSaleAt?: Date
}

/** What a suspended merchant is told when their console, or an edit racing the suspension, is refused. */
export const suspendedMessage = (m: Pick<MerchantDoc, 'suspension'>): string =>
  `你的店铺已被社区暂停服务（${m.suspension?.reason ?? '未说明原因'}），暂停期间不能上架、修改或核销；如有疑问请联系社区工作人员`

export interface MerchantView {
  id: string
  shopName: string
  address: string
  location: [number, number]
  communityId: string
  category: MerchantCategory
  offers: MerchantOffer[]
  discountText: string | null
  hours: OpeningHours
  phone: string | null
  status: MerchantStatus
  contentFlagged: boolean
  rejectReason: string | null
  placeId: string | null
  submittedAt: string
  reviewedAt: string | null
  /** the worker's reason while suspended (the merchant sees it on their page) */
  suspendedReason: string | null
  suspendedAt: string | null
}

/**
 * A merchant as the staff of its community manage it (工作台 → 商家管理): named by its public id,
 * never the openid, with what it offers and how much it is used.
 */
export interface ManagedMerchantView {
  id: string
  shopName: string
  address: string
  communityId: string
  category: MerchantCategory
  status: MerchantStatus
  phone: string | null
  /** items riders can redeem now */
  itemsOn: number
  /** items the suspension took off (they come back on reinstatement) */
  itemsSuspended: number
  /** vouchers of this merchant used at its counter in the last 30 days */
  vouchersVerified30d: number
  reviewedAt: string | null
  suspendedReason: string | null
  suspendedAt: string | null
}

export interface RedemptionRow {
  code: string
  itemTitle: string
  price: number
  status: 'active' | 'used' | 'cancelled' | 'expired'
  redeemedAt: string
  usedAt: string | null
}

export interface TodayRedemptions {
  day: string
  redeemed: RedemptionRow[]
  usedCount: number
}
