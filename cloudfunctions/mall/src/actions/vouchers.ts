import type { MallItemDoc, VoucherStateDoc } from '../../../../domain/entities/mall'
import type { BalanceDoc, LedgerEntryDoc } from '../../../../domain/entities/points'
import { AppError } from '../../../../domain/errors'
import { creditLots, nextExpiry, uncountRedemption } from '../../../../domain/points/rules'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { addEntry, emptyBalance } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { runTx, txGet, withoutId } from '../../../../server/tx'
import { signVoucherToken } from '../../../../server/mall/voucher-token'
import { toVoucherView, voucherEntryId, voucherStatus } from '../../../../server/mall/views'
import { BALANCES, LEDGER, MALL_ITEMS, VOUCHERS } from '../../../../server/collections'

/** The caller's own voucher entry, or NOT_FOUND (also for someone else's code: no oracle). */
async function ownVoucher(ctx: ActionContext, code: string): Promise<LedgerEntryDoc> {
  const entry = await findById<LedgerEntryDoc>(ctx.db, LEDGER, voucherEntryId(code))
  if (!entry || entry.userId !== ctx.openid || !entry.voucher) throw new AppError('NOT_FOUND', '找不到这张券')
  return entry
}

/** The caller's vouchers, newest first: 2 reads (redemption entries, then their state documents). */
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
    const views = res.data.map((e) => toVoucherView(e, byCode.get(e.voucher!.code), now))
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
    const result = await runTx(ctx.db, async (t) => {
      const item = await txGet<MallItemDoc>(t, MALL_ITEMS, v.itemId)
      const bal = (await txGet<BalanceDoc>(t, BALANCES, ctx.openid)) ?? emptyBalance(ctx.openid, now)
      const state = await txGet<VoucherStateDoc>(t, VOUCHERS, v.code)
      if (state?.status === 'used') throw new AppError('CONFLICT', '这张券已使用，不能取消')
      if (state?.status === 'cancelled') throw new AppError('CONFLICT', '这张券已取消过了')
      const lots = creditLots(bal.lots, entry.lots)
      const next: BalanceDoc = {
        ...bal,
        balance: bal.balance + v.price,
        lots,
        nextExpiryAt: nextExpiry(lots),
        limits: { ...bal.limits, [v.itemId]: uncountRedemption(bal.limits?.[v.itemId], new Date(entry.at)) },
        updatedAt: now,
      }
      const closed: VoucherStateDoc = {
        _id: v.code,
        status: 'cancelled',
        userId: ctx.openid,
        merchantId: v.merchantId,
        itemId: v.itemId,
        itemTitle: v.itemTitle,
        price: v.price,
        at: now,
        by: ctx.openid,
      }
      if (item) await t.collection(MALL_ITEMS).doc(item._id).update({ data: { stock: item.stock + 1, updatedAt: now } })
      await t.collection(VOUCHERS).add({ data: closed as unknown as Record<string, unknown> })
      await addEntry(t, {
        userId: ctx.openid,
        delta: v.price,
        reason: 'refund',
        sourceRef: v.code,
        idempotencyKey: `refund:${v.code}`,
        balanceAfter: next.balance,
        at: now,
        lots: entry.lots,
        note: v.itemTitle,
        voucher: null,
        by: null,
      })
      await t.collection(BALANCES).doc(ctx.openid).set({ data: withoutId(next) })
      return { closed, balance: next.balance }
    })
    return { voucher: toVoucherView(entry, result.closed, now), refunded: v.price, balance: result.balance }
  },
})
