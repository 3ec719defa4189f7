import type { VoucherStateDoc } from '../../../../domain/mall/model'
import type { MerchantDoc } from '../../../../domain/merchant/model'
import type { LedgerEntryDoc } from '../../../../domain/points/model'
import { AppError } from '../../../../domain/errors'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { cancelVoucherInTx } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { runTx } from '../../../../server/tx'
import { signVoucherToken } from '../../../../server/mall/voucher-token'
import { toVoucherView, voucherEntryId, voucherStatus } from '../../../../server/mall/views'
import { LEDGER, MERCHANTS, VOUCHERS } from '../../../../server/collections'

/** The caller's own voucher entry, or NOT_FOUND (also for someone else's code: no oracle). */
async function ownVoucher(ctx: ActionContext, code: string): Promise<LedgerEntryDoc> {
  const entry = await findById<LedgerEntryDoc>(ctx.db, LEDGER, voucherEntryId(code))
  if (!entry || entry.userId !== ctx.openid || !entry.voucher) throw new AppError('NOT_FOUND', '找不到这张券')
  return entry
}

/**
 * The reasons of the suspended merchants among those whose counters take these active vouchers:
 * one read, only when there are such vouchers (the counter would refuse them: server/mall/verify.ts).
 */
async function suspensionsOf(ctx: ActionContext, active: LedgerEntryDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(active.map((e) => e.voucher!.merchantId).filter((id): id is string => !!id))]
  if (!ids.length) return new Map()
  const _ = ctx.db.command
  const res = (await ctx.db.collection(MERCHANTS).where({ _id: _.in(ids), status: 'suspended' }).field({ suspension: true }).limit(ids.length).get()) as unknown as {
    data: Pick<MerchantDoc, '_id' | 'suspension'>[]
  }
  return new Map(res.data.map((m) => [m._id, m.suspension?.reason ?? '未说明原因']))
}

/** The caller's vouchers, newest first: 2 reads (redemption entries, then their state documents), a 3rd for merchants' active ones. */
export const myVouchers = defineAction('mall', 'myVouchers', {
  access: 'any',
  async handler(input, ctx) {
    const _ = ctx.db.command
    const res = (await ctx.db.collection(LEDGER).where({ userId: ctx.openid, reason: 'redemption' }).orderBy('at', 'desc').limit(100).get()) as unknown as {
      data: LedgerEntryDoc[]
    }
    const codes = res.data.map((e) => e.voucher!.code)
    const states = codes.length
      ? ((await ctx.db.collection(VOUCHERS).where({ _id: _.in(codes) }).limit(100).get()) as unknown as { data: VoucherStateDoc[] }).data
      : []
    const byCode = new Map(states.map((s) => [s._id, s]))
    const now = ctx.now()
    const active = res.data.filter((e) => voucherStatus(e, byCode.get(e.voucher!.code), now) === 'active')
    const suspended = await suspensionsOf(ctx, active)
    const views = res.data.map((e) => toVoucherView(e, byCode.get(e.voucher!.code), now, suspended.get(e.voucher!.merchantId ?? '') ?? null))
    if (input.status === 'active') return views.filter((v) => v.status === 'active')
    if (input.status === 'closed') return views.filter((v) => v.status !== 'active')
    return views
  },
})

/** A signed token (5 minutes) for the QR code of one of the caller's active vouchers. */
export const voucherToken = defineAction('mall', 'voucherToken', {
  access: 'any',
  async handler(input, ctx) {
    const entry = await ownVoucher(ctx, input.code)
    const now = ctx.now()
    const state = await findById<VoucherStateDoc>(ctx.db, VOUCHERS, input.code)
    const status = voucherStatus(entry, state, now)
    if (status === 'used') throw new AppError('CONFLICT', '这张券已使用')
    if (status === 'cancelled') throw new AppError('CONFLICT', '这张券已取消')
    if (status === 'expired') throw new AppError('EXPIRED', '这张券已过期')
    const { token, expiresAt } = signVoucherToken(input.code, now)
    return { code: input.code, token, expiresAt: expiresAt.toISOString() }
  },
})

/**
 * Cancels an unused, unexpired voucher: one transaction reads the item, the balance and the voucher's
 * state document (absent while the voucher is unused); writes the state `cancelled` (created once:
 * a second cancel or a merchant's verification finds it and stops), the stock back, the points back
 * into the lots they came from, and a refund entry whose key (`refund:<code>`) is unique.
 */
export const cancel = defineAction('mall', 'cancel', {
  access: 'any',
  async handler(input, ctx) {
    const entry = await ownVoucher(ctx, input.code)
    const v = entry.voucher!
    const now = ctx.now()
    if (new Date(v.validUntil).getTime() <= now.getTime()) throw new AppError('EXPIRED', '这张券已过期，不能取消')
    const result = await runTx(ctx.db, (t) => cancelVoucherInTx(t, entry, ctx.openid, now))
    return { voucher: toVoucherView(entry, result.closed, now), refunded: v.price, balance: result.balance }
  },
})
