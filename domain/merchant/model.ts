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

export type MerchantStatus = 'pending' | 'approved' | 'rejected'

export const MERCHANT_STATUS_LABELS: Record<MerchantStatus, string> = {
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
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
}

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
