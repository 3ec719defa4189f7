import * as z from 'zod/mini'
import { MERCHANT_CATEGORIES, MERCHANT_OFFERS, type ManagedMerchantView, type MerchantView, type TodayRedemptions } from './model'
import type { ManagedItemView, VerifyResult } from '../mall/model'
import { communityId, latitude, longitude, plainText } from '../schemas'
import { openingHours } from '../places/hours-schema'
import { action } from '../action'
import { fileId, itemFields, itemId, itemPatch, stock, verifyInput } from '../mall/contract'

/** a merchant's public id (server/public-id.ts), never its openid */
const merchantPublicId = z.string().check(z.regex(/^u[A-Za-z0-9_-]{22}$/, { error: '商家编号格式不正确' }))
const phone = z.string().check(z.regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '电话号码格式不正确' }))

export const merchantApplication = z.strictObject({
  shopName: plainText(2, 40).check(z.describe('店铺名称')),
  address: plainText(2, 80).check(z.describe('地址')),
  location: z.strictObject({ longitude, latitude }).check(z.describe('店铺位置')),
  communityId: communityId.check(z.describe('所在社区')),
  category: z.enum(MERCHANT_CATEGORIES, { error: '不支持的商家类别' }).check(z.describe('商家类别')),
  offers: z.array(z.enum(MERCHANT_OFFERS, { error: '不支持的服务' })).check(z.minLength(1, { error: '请至少选择一项为骑手提供的服务' }), z.maxLength(MERCHANT_OFFERS.length), z.refine((a) => new Set(a).size === a.length, { error: '服务不能重复' }), z.describe('为骑手提供')),
  discountText: z._default(z.nullable(plainText(2, 60)), null).check(z.describe('优惠说明')),
  hours: openingHours.check(z.describe('营业时间')),
  licencePhoto: fileId.check(z.describe('营业执照照片')),
  phone: z._default(z.nullable(phone), null).check(z.describe('联系电话')),
})

export const merchantContract = {
  /** The caller's private folder for the licence photo (checked again by `apply`). */
  uploadDir: action<{ dir: string }>()(z.strictObject({})),
  /** Anyone signed in may apply (text through msgSecCheck; the licence photo stays private). */
  apply: action<MerchantView>()(merchantApplication),
  /** The caller's own application or profile (null if none). */
  mine: action<MerchantView | null>()(z.strictObject({})),
  // ---- community workers (their communities) and admins ----
  pending: action<MerchantView[]>()(z.strictObject({ communityId: z.optional(communityId) })),
  /** A temporary URL of an applicant's licence photo (staff of its community only). */
  licenceUrl: action<{ url: string }>()(z.strictObject({ id: merchantPublicId })),
  review: action<MerchantView>()(
    z.strictObject({ id: merchantPublicId, approve: z.boolean(), reason: z.optional(plainText(2, 100)) }).check(z.refine((r) => r.approve || !!r.reason, { error: '驳回时请填写原因', path: ['reason'] })),
  ),
  /** 商家管理: every approved or suspended merchant of the caller's communities (or one of them). */
  merchants: action<ManagedMerchantView[]>()(z.strictObject({ communityId: z.optional(communityId) })),
  /** Suspends (items off the mall, vouchers refused at the counter) or reinstates; audited. */
  setSuspended: action<ManagedMerchantView>()(
    z.strictObject({ id: merchantPublicId, suspend: z.boolean(), reason: plainText(2, 100).check(z.describe('原因')) }),
  ),
  // ---- approved merchants ----
  myItems: action<ManagedItemView[]>()(z.strictObject({})),
  createItem: action<ManagedItemView>()(z.strictObject({ ...itemFields, stock })),
  updateItem: action<ManagedItemView>()(z.strictObject({ id: itemId, patch: itemPatch({}) })),
  /** Sets the stock left (transaction on the item: never below what is already redeemed). */
  setStock: action<ManagedItemView>()(z.strictObject({ id: itemId, stock })),
  /** Marks a voucher of this merchant used, exactly once: the 8-digit code or the QR token. */
  verify: action<VerifyResult>()(verifyInput),
  /** Vouchers of this merchant redeemed or used today (Asia/Shanghai). */
  today: action<TodayRedemptions>()(z.strictObject({})),
}
