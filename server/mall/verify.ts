import type { ParsedInputOf } from '../../domain/contract'
import type { VerifyResult, VoucherStateDoc } from '../../domain/mall/model'
import type { LedgerEntryDoc, VoucherIssue } from '../../domain/points/model'
import type { MerchantDoc } from '../../domain/merchant/model'
import { AppError } from '../../domain/errors'
import { formatShortDateTime } from '../../domain/time'
import type { ActionContext } from '../context'
import { findById } from '../db'
import { runTx, txGet } from '../tx'
import { checkVoucherToken } from './voucher-token'
import { voucherEntryId } from './views'
import { LEDGER, MERCHANTS, VOUCHERS } from '../collections'

/** The counter's input (the `verify` action of mall and of merchant share one schema). */
export type VerifyInput = ParsedInputOf<'mall', 'verify'>


/** The 8-digit code typed in, or the one inside a valid, unexpired QR token. */
function codeOf(input: VerifyInput, now: Date): string {
  if (!('token' in input)) return input.code
  const check = checkVoucherToken(input.token, now)
  if (!check.ok) throw new AppError(check.reason === 'expired' ? 'EXPIRED' : 'VALIDATION', check.reason === 'expired' ? '二维码已过期，请让骑手刷新后再扫' : '二维码无效')
  return check.code
}

/**
 * Marks a voucher used, exactly once. The voucher's state document (`vouchers/<code>`) is created
 * inside a transaction that first reads it: two concurrent verifications serialize, the second
 * finds it and says "already used". A voucher the caller may not verify (`mayVerify`: the merchant
 * who offers the item, or staff of a district item's community) answers NOT_FOUND, so codes
 * cannot be probed.
 *
 * A merchant's voucher is refused while a worker has the merchant suspended. The merchant is read
 * inside the same transaction, so a suspension committed before the voucher is marked used stops it.
 * The voucher itself stays as it was: usable again after reinstatement, or cancelled by the rider
 * for their points (mall.cancel) — suspension never takes a rider's points.
 */
export async function verifyVoucher(ctx: ActionContext, input: VerifyInput, mayVerify: (v: VoucherIssue) => boolean, notYours: string): Promise<VerifyResult> {
  const now = ctx.now()
  const code = codeOf(input, now)
  const entry = await findById<LedgerEntryDoc>(ctx.db, LEDGER, voucherEntryId(code))
  if (!entry || !entry.voucher || !mayVerify(entry.voucher)) throw new AppError('NOT_FOUND', notYours)
  const v = entry.voucher
  const state = await runTx(ctx.db, async (t) => {
    const existing = await txGet<VoucherStateDoc>(t, VOUCHERS, code)
    if (existing?.status === 'used') throw new AppError('CONFLICT', `这张券已于 ${formatShortDateTime(existing.at)} 使用过`)
    if (existing?.status === 'cancelled') throw new AppError('CONFLICT', '这张券已被骑手取消')
    if (new Date(v.validUntil).getTime() <= now.getTime()) throw new AppError('EXPIRED', `这张券已于 ${formatShortDateTime(v.validUntil)} 过期`)
    const merchant = v.merchantId ? await txGet<MerchantDoc>(t, MERCHANTS, v.merchantId) : null
    if (merchant?.status === 'suspended') {
      throw new AppError('FORBIDDEN', `本店已被社区暂停服务（${merchant.suspension?.reason ?? '未说明原因'}），暂停期间不能核销。这张券仍然有效：恢复服务后可用，骑手也可在「我的兑换券」中取消并退回积分`)
    }
    const doc: VoucherStateDoc = { _id: code, status: 'used', userId: entry.userId, merchantId: v.merchantId, itemId: v.itemId, itemTitle: v.itemTitle, price: v.price, at: now, by: ctx.openid }
    await t.collection(VOUCHERS).add({ data: doc as unknown as Record<string, unknown> })
    return doc
  })
  return { code, itemTitle: v.itemTitle, price: v.price, usedAt: new Date(state.at).toISOString() }
}
