import * as z from 'zod'
import { MERCHANT_CATEGORIES, MERCHANT_OFFERS, type MerchantView, type TodayRedemptions, type VerifyResult } from '../entities/merchant'
import type { MallItemView } from '../entities/mall'
import { LIMIT_PERIODS, VOUCHER_CODE, VOUCHER_TOKEN } from '../points/rules'
import { latitude, longitude, plainText } from '../schemas/common'
import { action } from './action'
import { communityId, openingHours } from './places'

const fileId = z.string().regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,240}$/, { error: '图片地址格式不正确' })
const merchantId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '商家编号格式不正确' })
const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '兑换品编号格式不正确' })
const phone = z.string().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '电话号码格式不正确' })

export const merchantApplication = z.strictObject({
  shopName: plainText(2, 40),
  address: plainText(2, 80),
  location: z.strictObject({ longitude, latitude }),
  communityId,
  category: z.enum(MERCHANT_CATEGORIES, { error: '不支持的商家类别' }),
  offers: z
    .array(z.enum(MERCHANT_OFFERS, { error: '不支持的服务' }))
    .min(1, { error: '请至少选择一项为骑手提供的服务' })
    .max(MERCHANT_OFFERS.length)
    .refine((a) => new Set(a).size === a.length, { error: '服务不能重复' }),
  discountText: plainText(2, 60).nullable().default(null),
  hours: openingHours,
  licencePhoto: fileId,
  phone: phone.nullable().default(null),
})

const itemFields = {
  title: plainText(2, 30),
  description: plainText(2, 200),
  photos: z.array(fileId).max(6),
  price: z.number().int().min(1).max(100_000),
  limit: z
    .strictObject({ period: z.enum(LIMIT_PERIODS), count: z.number().int().min(1).max(100) })
    .refine((l) => l.period !== 'once' || l.count <= 10, { error: '「每人限兑」最多 10 次', path: ['count'] }),
  validDays: z.number().int().min(1).max(365),
}

export const merchantContract = {
  /** The caller's private folder for the licence photo (checked again by `apply`). */
  uploadDir: action<{ dir: string }>()(z.strictObject({})),
  /** Anyone signed in may apply (text through msgSecCheck; the licence photo stays private). */
  apply: action<MerchantView>()(merchantApplication),
  /** The caller's own application or profile (null if none). */
  mine: action<MerchantView | null>()(z.strictObject({})),
  // ---- community workers (their communities) and admins ----
  pending: action<MerchantView[]>()(z.strictObject({ communityId: communityId.optional() })),
  /** A temporary URL of an applicant's licence photo (staff of its community only). */
  licenceUrl: action<{ url: string }>()(z.strictObject({ id: merchantId })),
  review: action<MerchantView>()(
    z
      .strictObject({ id: merchantId, approve: z.boolean(), reason: plainText(2, 100).optional() })
      .refine((r) => r.approve || !!r.reason, { error: '驳回时请填写原因', path: ['reason'] }),
  ),
  // ---- approved merchants ----
  myItems: action<MallItemView[]>()(z.strictObject({})),
  createItem: action<MallItemView>()(z.strictObject({ ...itemFields, stock: z.number().int().min(0).max(100_000) })),
  updateItem: action<MallItemView>()(
    z.strictObject({
      id: itemId,
      patch: z
        .strictObject({ ...itemFields, status: z.enum(['on', 'off']) })
        .partial()
        .refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' }),
    }),
  ),
  /** Sets the stock left (transaction on the item: never below what is already redeemed). */
  setStock: action<MallItemView>()(z.strictObject({ id: itemId, stock: z.number().int().min(0).max(100_000) })),
  /** Marks a voucher of this merchant used, exactly once: the 8-digit code or the QR token. */
  verify: action<VerifyResult>()(
    z.union([z.strictObject({ code: z.string().regex(VOUCHER_CODE, { error: '券码应为 8 位数字' }) }), z.strictObject({ token: z.string().regex(VOUCHER_TOKEN, { error: '二维码无效' }) })]),
  ),
  /** Vouchers of this merchant redeemed or used today (Asia/Shanghai). */
  today: action<TodayRedemptions>()(z.strictObject({})),
}
