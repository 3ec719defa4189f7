import type { RedemptionRow } from '../../../../domain/merchant/model'
import type { MallItemDoc, VoucherStateDoc } from '../../../../domain/mall/model'
import type { LedgerEntryDoc } from '../../../../domain/points/model'
import type { PlaceDoc } from '../../../../domain/places/model'
import { AppError } from '../../../../domain/errors'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { createItem as writeNewItem, setItemStock, toManagedViews, updateItem as writeItemUpdate } from '../../../../server/mall/item-store'
import { verifyVoucher } from '../../../../server/mall/verify'
import { voucherStatus } from '../../../../server/mall/views'
import { approvedMerchant } from '../store'
import { dayKey, shanghaiMidnight } from '../../../../domain/time'
import { LEDGER, MALL_ITEMS, PLACES, VOUCHERS } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'

/** The caller's own item (an approved merchant's), or NOT_FOUND. */
async function ownItem(ctx: ActionContext, id: string): Promise<MallItemDoc> {
  await approvedMerchant(ctx)
  const item = await findById<MallItemDoc>(ctx.db, MALL_ITEMS, id)
  if (!item || item.merchantId !== ctx.openid) throw new AppError('NOT_FOUND', '找不到这个兑换品')
  return item
}

export const myItems = defineAction('merchant', 'myItems', {
  access: 'merchant',
  async handler(_input, ctx) {
    await approvedMerchant(ctx)
    const res = (await ctx.db.collection(MALL_ITEMS).where({ merchantId: ctx.openid }).orderBy('createdAt', 'desc').limit(100).get()) as unknown as { data: MallItemDoc[] }
    return toManagedViews(res.data)
  },
})

/** Redeemed at the merchant's place on the map; supervised by the workers of its community. */
export const createItem = defineAction('merchant', 'createItem', {
  access: 'merchant',
  async handler(input, ctx) {
    const m = await approvedMerchant(ctx)
    const place = m.placeId ? await findById<PlaceDoc>(ctx.db, PLACES, m.placeId) : null
    const home = {
      merchantId: ctx.openid,
      communityId: m.communityId,
      placeId: place?._id ?? null,
      placeName: place?.name ?? m.shopName,
      location: coordsOf(place ? place.location : m.location),
    }
    return writeNewItem(ctx, input, home, false)
  },
})

export const updateItem = defineAction('merchant', 'updateItem', {
  access: 'merchant',
  async handler(input, ctx) {
    return writeItemUpdate(ctx, await ownItem(ctx, input.id), input.patch, false)
  },
})

export const setStock = defineAction('merchant', 'setStock', {
  access: 'merchant',
  async handler(input, ctx) {
    await ownItem(ctx, input.id)
    return setItemStock(ctx, input.id, input.stock)
  },
})

/** Vouchers of this merchant's items only (another merchant's code answers NOT_FOUND). */
export const verify = defineAction('merchant', 'verify', {
  access: 'merchant',
  async handler(input, ctx) {
    await approvedMerchant(ctx, { atCounter: true })
    return verifyVoucher(ctx, input, (v) => v.merchantId === ctx.openid, '券码不存在，或不是本店的券')
  },
})

/** Vouchers of this merchant redeemed today, with their state, and how many were used today. */
export const today = defineAction('merchant', 'today', {
  access: 'merchant',
  async handler(_input, ctx) {
    await approvedMerchant(ctx)
    const _ = ctx.db.command
    const now = ctx.now()
    const day = dayKey(now)
    const since = shanghaiMidnight(day)
    const [redeemed, used] = await Promise.all([
      ctx.db.collection(LEDGER).where({ reason: 'redemption', 'voucher.merchantId': ctx.openid, at: _.gte(since) }).orderBy('at', 'desc').limit(200).get() as unknown as Promise<{ data: LedgerEntryDoc[] }>,
      ctx.db.collection(VOUCHERS).where({ merchantId: ctx.openid, at: _.gte(since) }).limit(500).get() as unknown as Promise<{ data: VoucherStateDoc[] }>,
    ])
    const states = new Map(used.data.map((s) => [s._id, s]))
    const rows: RedemptionRow[] = redeemed.data.map((e) => {
      const s = states.get(e.voucher!.code)
      return {
        code: e.voucher!.code,
        itemTitle: e.voucher!.itemTitle,
        price: e.voucher!.price,
        status: voucherStatus(e, s, now),
        redeemedAt: new Date(e.at).toISOString(),
        usedAt: s?.status === 'used' ? new Date(s.at).toISOString() : null,
      }
    })
    return { day, redeemed: rows, usedCount: used.data.filter((s) => s.status === 'used').length }
  },
})
