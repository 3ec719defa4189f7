import * as z from 'zod'
import type { CancelResult, MallItemView, RedeemResult, VoucherTokenView, VoucherView } from '../entities/mall'
import { VOUCHER_CODE } from '../points/rules'
import { idempotencyKey } from '../schemas/common'
import { action } from './action'

export const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '兑换品编号格式不正确' })
export const voucherCode = z.string().regex(VOUCHER_CODE, { error: '券码应为 8 位数字' })

export const mallContract = {
  /** Items on offer (on sale, newest first). */
  items: action<MallItemView[]>()(z.strictObject({ merchantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() })),
  detail: action<MallItemView>()(z.strictObject({ id: itemId })),
  /** Verified riders: one transaction (item + balance read; item, balance, ledger written). */
  redeem: action<RedeemResult>()(z.strictObject({ itemId, key: idempotencyKey })),
  myVouchers: action<VoucherView[]>()(z.strictObject({ status: z.enum(['active', 'closed']).optional() })),
  /** A signed, short-lived token for the QR code of one of the caller's active vouchers. */
  voucherToken: action<VoucherTokenView>()(z.strictObject({ code: voucherCode })),
  /** Cancel before use: points and stock come back, once. */
  cancel: action<CancelResult>()(z.strictObject({ code: voucherCode })),
}
