import type { ParsedInputOf } from '../../domain/contract'
import type { VerifyResult, VoucherStateDoc } from '../../domain/entities/mall'
import type { LedgerEntryDoc, VoucherIssue } from '../../domain/entities/points'
import { AppError } from '../../domain/errors'
import { formatShortDateTime } from '../../domain/time'
import type { ActionContext } from '../context'
import { findById } from '../db'
import { runTx, txGet } from '../tx'
import { checkVoucherToken } from './voucher-token'
import { voucherEntryId } from './views'
import { LEDGER, VOUCHERS } from '../collections'

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
    const doc: VoucherStateDoc = { _id: code, status: 'used', userId: entry.userId, merchantId: v.merchantId, itemId: v.itemId, itemTitle: v.itemTitle, price: v.price, at: now, by: ctx.openid }
    await t.collection(VOUCHERS).add({ data: doc as unknown as Record<string, unknown> })
    return doc
  })
  return { code, itemTitle: v.itemTitle, price: v.price, usedAt: new Date(state.at).toISOString() }
}
