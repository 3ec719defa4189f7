import type { MallItemDoc, VoucherStateDoc } from '../../../../domain/entities/mall'
import type { BalanceDoc, LedgerEntryDoc } from '../../../../domain/entities/points'
import { AppError } from '../../../../domain/errors'
import { countRedemption, debitLots, limitReached, nextExpiry } from '../../../../domain/points/rules'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { addEntry, findEntryByKey, isDuplicateOf } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { runTx, txGet, withoutId } from '../../../../server/tx'
import { newVoucherCode } from '../../../../server/mall/voucher-token'
import { isOnOffer, toVoucherView, voucherEntryId } from '../../../../server/mall/views'
import { BALANCES, MALL_ITEMS, VOUCHERS } from '../../../../server/collections'

const DAY_MS = 86_400_000

/** The answer for a key that already redeemed: the original voucher, or CONFLICT for another item. */
async function replay(ctx: ActionContext, idempotencyKey: string, itemId: string) {
  const original = await findEntryByKey(ctx.db, idempotencyKey)
  if (!original || !original.voucher) return null
  if (original.voucher.itemId !== itemId) throw new AppError('CONFLICT', '这个请求标识已用于兑换另一件物品，请刷新后重试')
  const state = await findById<VoucherStateDoc>(ctx.db, VOUCHERS, original.voucher.code)
  const balance = await findById<BalanceDoc>(ctx.db, BALANCES, ctx.openid)
  return { voucher: toVoucherView(original, state, ctx.now()), balance: balance?.balance ?? 0, replay: true }
}

/**
 * Redeems one item for a voucher, verified riders only. ONE transaction of single-document
 * operations: read the item and the caller's balance (2 reads); update the item's stock, insert the
 * redemption's ledger entry (which carries the voucher: code, item, place, validity) and replace the
 * balance (3 writes). The per-user limit counters live in the balance document, so no count query
 * is needed. The ledger entry's `idempotencyKey` (`redeem:<openid>:<client key>`) is unique: a
 * replay fails the commit with a duplicate and answers the original voucher instead.
 */
export const redeem = defineAction('mall', 'redeem', {
  // Not 'rider': the router's users read would be a third read. Verification is checked on the
  // balance document's `verified` mirror (written by identity with the status) inside the transaction.
  access: 'any',
  async handler(input, ctx) {
    const idempotencyKey = `redeem:${ctx.openid}:${input.key}`
    const now = ctx.now()
    for (let attempt = 0; attempt < 4; attempt++) {
      const code = newVoucherCode()
      try {
        const result = await runTx(ctx.db, async (t) => {
          const item = await txGet<MallItemDoc>(t, MALL_ITEMS, input.itemId)
          if (!isOnOffer(item)) throw new AppError('NOT_FOUND', '这个兑换品已下架或不存在')
          const bal = await txGet<BalanceDoc>(t, BALANCES, ctx.openid)
          if (!bal?.verified) throw new AppError('FORBIDDEN', '完成骑手认证后才能兑换')
          if (item.stock <= 0) throw new AppError('SOLD_OUT', `「${item.title}」已兑完，下次早点来`)
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
            },
            by: null,
          }
          await t.collection(MALL_ITEMS).doc(item._id).update({ data: { stock: item.stock - 1, updatedAt: now } })
          await addEntry(t, entry)
          await t.collection(BALANCES).doc(ctx.openid).set({ data: withoutId(next) })
          return { voucher: toVoucherView(entry, null, now), balance: next.balance, replay: false }
        })
        return result
      } catch (err) {
        if (isDuplicateOf(err, 'idempotencyKey')) {
          const r = await replay(ctx, idempotencyKey, input.itemId)
          if (r) return r
          throw err
        }
        // a business refusal may be the replay of a redemption that already went through
        if (err instanceof AppError && ['SOLD_OUT', 'INSUFFICIENT_POINTS', 'LIMIT_REACHED', 'NOT_FOUND'].includes(err.code)) {
          const r = await replay(ctx, idempotencyKey, input.itemId)
          if (r) return r
          throw err
        }
        // two live vouchers drew the same 8-digit code: draw again
        if (isDuplicateWrite(err)) continue
        throw err
      }
    }
    throw new AppError('CONFLICT', '兑换繁忙，请稍后重试')
  },
})

function limitMessage(item: MallItemDoc): string {
  const { period, count } = item.limit
  if (period === 'once') return `每人限兑 ${count} 次，你已兑过`
  const word = { day: '今天', week: '本周', month: '本月', none: '' }[period]
  return `每人${word.replace('今天', '每天').replace('本周', '每周').replace('本月', '每月')}限兑 ${count} 次，你${word}已兑满`
}
