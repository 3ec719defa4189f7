import * as z from 'zod/mini'
import { ITEM_BOUNDS, type CancelResult, type ManagedItemView, type MallItemDetail, type MallItemView, type RedeemResult, type VerifyResult, type VoucherTokenView, type VoucherView } from './model'
import { LIMIT_PERIODS, VOUCHER_CODE, VOUCHER_TOKEN } from '../points/rules'
import { communityId, docId, idempotencyKey, placeId, plainText } from '../schemas'
import { action } from '../action'

export const itemId = docId('兑换品')
export const voucherCode = z.string().check(z.regex(VOUCHER_CODE, { error: '券码应为 8 位数字' }))
export const fileId = z.string().check(z.regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,240}$/, { error: '图片地址格式不正确' }))

const B = ITEM_BOUNDS
const intIn = (b: { min: number; max: number }) => z.int().check(z.gte(b.min), z.lte(b.max))

/** What the offering side (a merchant, or a community's staff) fills in for an item. */
export const itemFields = {
  title: plainText(B.title.min, B.title.max).check(z.describe('名称')),
  description: plainText(B.description.min, B.description.max).check(z.describe('说明')),
  photos: z.array(fileId).check(z.maxLength(B.photos, { error: `最多 ${B.photos} 张图片` }), z.refine((a) => new Set(a).size === a.length, { error: '图片不能重复' }), z.describe('图片')),
  price: intIn(B.price).check(z.describe('所需积分')),
  limit: z.strictObject({ period: z.enum(LIMIT_PERIODS).check(z.describe('限兑周期')), count: intIn(B.count).check(z.describe('每人限兑次数')) }).check(z.refine((l) => l.period !== 'once' || l.count <= B.onceCount, { error: `「每人限兑」最多 ${B.onceCount} 次`, path: ['count'] })),
  validDays: intIn(B.validDays).check(z.describe('兑换券有效天数')),
}
export const stock = intIn(B.stock).check(z.describe('库存'))
const itemStatus = z.enum(['on', 'off'])

/** A partial change of an item's fields (at least one). */
export const itemPatch = <S extends z.core.$ZodShape>(extra: S) =>
  z.partial(z.strictObject({ ...itemFields, status: itemStatus, ...extra })).check(z.refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' }))

/** At the counter: the 8-digit code typed in, or the QR token scanned. */
export const verifyInput = z.union([
  z.strictObject({ code: voucherCode }),
  z.strictObject({ token: z.string().check(z.regex(VOUCHER_TOKEN, { error: '二维码无效' })) }),
])

export const mallContract = {
  /** Items on offer (on sale, newest first). No filter by merchant: it took an openid, and no page used it (issue 14). */
  items: action<MallItemView[]>()(z.strictObject({})),
  detail: action<MallItemDetail>()(z.strictObject({ id: itemId })),
  /** Verified riders: one transaction (item + balance read; item, balance, ledger written). */
  redeem: action<RedeemResult>()(z.strictObject({ itemId, key: idempotencyKey })),
  myVouchers: action<VoucherView[]>()(z.strictObject({ status: z.optional(z.enum(['active', 'closed'])) })),
  /** A signed, short-lived token for the QR code of one of the caller's active vouchers. */
  voucherToken: action<VoucherTokenView>()(z.strictObject({ code: voucherCode })),
  /** Cancel before use: points and stock come back, once. */
  cancel: action<CancelResult>()(z.strictObject({ code: voucherCode })),
  // ---- whoever offers items: approved merchants, community staff ----
  /** The caller's folder for item photos (checked again when an item is saved). */
  photoDir: action<{ dir: string }>()(z.strictObject({})),
  // ---- community workers (their communities) and admins: district items, supervision ----
  /** Every item of the caller's communities: the district's (editable) and merchants' (supervised). */
  manageItems: action<ManagedItemView[]>()(z.strictObject({ communityId: z.optional(communityId) })),
  /** A district item, redeemed at a place of the community (or as its description says). */
  createItem: action<ManagedItemView>()(z.strictObject({ ...itemFields, stock, communityId, placeId: z._default(z.nullable(placeId), null) })),
  updateItem: action<ManagedItemView>()(z.strictObject({ id: itemId, patch: itemPatch({ placeId: z.nullable(placeId) }) })),
  /** Sets the stock left (transaction on the item: stockTotal moves by the same amount). */
  setStock: action<ManagedItemView>()(z.strictObject({ id: itemId, stock })),
  /** A merchant's item: release text held by the content check, or take it off sale with a reason. */
  reviewItem: action<ManagedItemView>()(
    z.strictObject({ id: itemId, approve: z.boolean(), reason: z.optional(plainText(2, 100)).check(z.describe('原因')) }).check(z.refine((r) => r.approve || !!r.reason, { error: '下架时请填写原因', path: ['reason'] })),
  ),
  /** Marks a voucher of a district item of the caller's communities used, exactly once. */
  verify: action<VerifyResult>()(verifyInput),
}
