import type { MallItemDoc, VoucherStateDoc } from '../../../../domain/mall/model'
import type { BalanceDoc, LedgerEntryDoc } from '../../../../domain/points/model'
import { AppError } from '../../../../domain/errors'
import { countRedemption, debitLots, limitReached, nextExpiry } from '../../../../domain/points/rules'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { isDuplicateWrite, isTransactionConflict } from '../../../../server/db-errors'
import { addEntry, findEntryByKey, isDuplicateOf } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { runTx, txGet, withoutId } from '../../../../server/tx'
import { newVoucherCode } from '../../../../server/mall/voucher-token'
import { completeHold, releaseHold, settleStaleHolds, takeHold } from '../../../../server/mall/stock-hold'
import { isOnOffer, toVoucherView, voucherEntryId } from '../../../../server/mall/views'
import { BALANCES, MALL_ITEMS, VOUCHERS } from '../../../../server/collections'

const DAY_MS = 86_400_000

/**
 * The answer for a key that already redeemed: the original voucher, or CONFLICT for another item.
 * The hold this call holds goes back — unless the original used it (it crashed before completing
 * it), then it is completed.
 */
async function replay(ctx: ActionContext, idempotencyKey: string, itemId: string, held?: { token: string }) {
  const original = await findEntryByKey(ctx.db, idempotencyKey)
  if (held) {
    const settle = original?.voucher?.hold === held.token ? completeHold : releaseHold
    await settle(ctx.db, itemId, idempotencyKey, held.token).catch(() => undefined)
  }
  if (!original || !original.voucher) return null
  if (original.voucher.itemId !== itemId) throw new AppError('CONFLICT', '这个请求标识已用于兑换另一件物品，请刷新后重试')
  const state = await findById<VoucherStateDoc>(ctx.db, VOUCHERS, original.voucher.code)
  const balance = await findById<BalanceDoc>(ctx.db, BALANCES, ctx.openid)
  return { voucher: toVoucherView(original, state, ctx.now()), balance: balance?.balance ?? 0, replay: true }
}

/**
 * Redeems one item for a voucher, verified riders only. Two steps (issue 14, one popular item):
 *
 * 1. takeHold: one unit of the item's stock, by an atomic conditional update outside any
 *    transaction (server/mall/stock-hold.ts explains why and what it relies on). Concurrent
 *    redemptions of one item queue there for a moment instead of conflicting and retrying.
 * 2. ONE transaction of single-document operations on the caller's own documents: read the item
 *    (a snapshot, no lock) and the balance (2 reads); insert the redemption's ledger entry, which
 *    carries the voucher (code, item, place, validity, the hold's token) and replace the balance
 *    (2 writes). The per-user limit counters live in the balance document. Only this rider's
 *    other calls can conflict with it.
 *
 * Then the hold is completed (1 write). Refused, busy or replayed: the hold this call took is
 * released. A crash between the steps leaves a hold that the same key's retry takes over, or that
 * the next redemption of the item settles by the ledger once it is stale: stock is never below 0
 * and never lost, points never spent twice. The ledger entry's `idempotencyKey`
 * (`redeem:<openid>:<client key>`) is unique: a replay fails the commit with a duplicate and
 * answers the original voucher instead.
 */
export const redeem = defineAction('mall', 'redeem', {
  // Not 'rider': the router's users read would be a third read. Verification is checked on the
  // balance document's `verified` mirror (written by identity with the status) inside the transaction.
  access: 'any',
  async handler(input, ctx) {
    const idempotencyKey = `redeem:${ctx.openid}:${input.key}`
    const now = ctx.now()
    const held = await takeHold(ctx.db, input.itemId, idempotencyKey, now)
    if (!held.ok) {
      // a refusal may be the replay of a redemption that already went through
      const r = await replay(ctx, idempotencyKey, input.itemId)
      if (r) return r
      if (!isOnOffer(held.item)) throw new AppError('NOT_FOUND', '这个兑换品已下架或不存在')
      throw new AppError('SOLD_OUT', `「${held.item.title}」已兑完，下次早点来`)
    }
    /** the unit goes back unless this call's transaction may have committed with it */
    const giveBack = () => (held.mine ? releaseHold(ctx.db, input.itemId, idempotencyKey, held.token).catch(() => undefined) : undefined)
    for (let attempt = 0; attempt < 4; attempt++) {
      const code = newVoucherCode()
      try {
        const { result, item } = await runTx(ctx.db, async (t) => {
          const item = await txGet<MallItemDoc>(t, MALL_ITEMS, input.itemId)
          if (!isOnOffer(item)) throw new AppError('NOT_FOUND', '这个兑换品已下架或不存在')
          const bal = await txGet<BalanceDoc>(t, BALANCES, ctx.openid)
          if (!bal?.verified) throw new AppError('FORBIDDEN', '完成骑手认证后才能兑换')
          if (limitReached(bal?.limits?.[item._id], item.limit, now)) throw new AppError('LIMIT_REACHED', `「${item.title}」${limitMessage(item)}`)
          if (!bal || bal.balance < item.price) throw new AppError('INSUFFICIENT_POINTS', `积分不足：需要 ${item.price} 分，你有 ${bal?.balance ?? 0} 分`)
          const { lots, taken } = debitLots(bal.lots, item.price)
          const next: BalanceDoc = {
            ...bal,
            balance: bal.balance - item.price,
            lots,
            nextExpiryAt: nextExpiry(lots),
            limits: { ...bal.limits, [item._id]: countRedemption(bal.limits?.[item._id], now) },
            updatedAt: now,
          }
          const entry: LedgerEntryDoc = {
            _id: voucherEntryId(code),
            userId: ctx.openid,
            delta: -item.price,
            reason: 'redemption',
            sourceRef: code,
            idempotencyKey,
            balanceAfter: next.balance,
            at: now,
            lots: taken,
            note: item.title,
            voucher: {
              code,
              itemId: item._id,
              itemTitle: item.title,
              price: item.price,
              merchantId: item.merchantId,
              communityId: item.communityId,
              placeId: item.placeId,
              placeName: item.placeName,
              validUntil: new Date(now.getTime() + item.validDays * DAY_MS),
              hold: held.token,
              // the item as read here already lacks this call's unit (its hold): 0 left means it took the last one
              ...(item.stock === 0 ? { lastUnit: true } : {}),
            },
            by: null,
          }
          await addEntry(t, entry)
          await t.collection(BALANCES).doc(ctx.openid).set({ data: withoutId(next) })
          return { result: { voucher: toVoucherView(entry, null, now), balance: next.balance, replay: false }, item }
        })
        // committed: the hold is used; a failure here leaves it to the retry or the next redemption
        await completeHold(ctx.db, input.itemId, idempotencyKey, held.token).catch(() => undefined)
        await settleStaleHolds(ctx.db, item, now).catch(() => undefined)
        return result
      } catch (err) {
        if (isDuplicateOf(err, 'idempotencyKey')) {
          const r = await replay(ctx, idempotencyKey, input.itemId, held)
          if (r) return r
          throw err
        }
        // the transaction did not commit: refused (may be a replay), busy, or a failed read
        if (err instanceof AppError || isTransactionConflict(err)) {
          await giveBack()
          if (['INSUFFICIENT_POINTS', 'LIMIT_REACHED', 'NOT_FOUND'].includes((err as AppError).code)) {
            const r = await replay(ctx, idempotencyKey, input.itemId)
            if (r) return r
          }
          throw err
        }
        // two live vouchers drew the same 8-digit code: draw again
        if (isDuplicateWrite(err)) continue
        throw err
      }
    }
    await giveBack()
    throw new AppError('CONFLICT', '兑换繁忙，请稍后重试')
  },
})

function limitMessage(item: MallItemDoc): string {
  const { period, count } = item.limit
  if (period === 'once') return `每人限兑 ${count} 次，你已兑过`
  const word = { day: '今天', week: '本周', month: '本月', none: '' }[period]
  return `每人${word.replace('今天', '每天').replace('本周', '每周').replace('本月', '每月')}限兑 ${count} 次，你${word}已兑满`
}
