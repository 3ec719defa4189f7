import type { RedemptionRow } from '../../../../domain/entities/merchant'
import type { MallItemDoc, VoucherStateDoc } from '../../../../domain/entities/mall'
import type { LedgerEntryDoc } from '../../../../domain/entities/points'
import type { PlaceDoc } from '../../../../domain/entities/place'
import { AppError } from '../../../../domain/errors'
import { dayKey } from '../../../../domain/points/rules'
import { shanghaiMidnight } from '../../../../domain/places/opening-hours'
import { findById } from '../../../../server/db'
import { ITEMS, LEDGER, VOUCHERS } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { runTx, txGet } from '../../../../server/tx'
import { checkVoucherToken } from '../../../../server/voucher-token'
import { toItemView, voucherStatus } from '../../../mall/src/views'
import { coordsOf } from '../../../places/src/views'
import { approvedMerchant } from '../store'

const newItemId = () => `i-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

async function ownItem(ctx: Parameters<typeof approvedMerchant>[0], id: string): Promise<MallItemDoc> {
  const item = await findById<MallItemDoc>(ctx.db, ITEMS, id)
  if (!item || item.merchantId !== ctx.openid) throw new AppError('NOT_FOUND', '找不到这个兑换品')
  return item
}

export const myItems = defineAction('merchant', 'myItems', {
  access: 'merchant',
  async handler(_input, ctx) {
    await approvedMerchant(ctx)
    const res = (await ctx.db.collection(ITEMS).where({ merchantId: ctx.openid }).orderBy('createdAt', 'desc').limit(100).get()) as unknown as { data: MallItemDoc[] }
    return res.data.map(toItemView)
  },
})

export const createItem = defineAction('merchant', 'createItem', {
  access: 'merchant',
  async handler(input, ctx) {
    const m = await approvedMerchant(ctx)
    const place = m.placeId ? await findById<PlaceDoc>(ctx.db, 'places', m.placeId) : null
    const now = ctx.now()
    const doc: MallItemDoc = {
      _id: newItemId(),
      title: input.title,
      description: input.description,
      photos: input.photos,
      price: input.price,
      stock: input.stock,
      stockTotal: input.stock,
      limit: input.limit,
      validDays: input.validDays,
      merchantId: ctx.openid,
      placeId: place?._id ?? null,
      placeName: place?.name ?? m.shopName,
      location: coordsOf(place ? place.location : m.location),
      status: 'on',
      createdAt: now,
      updatedAt: now,
    }
    await ctx.db.collection(ITEMS).add({ data: doc as unknown as Record<string, unknown> })
    return toItemView(doc)
  },
})

export const updateItem = defineAction('merchant', 'updateItem', {
  access: 'merchant',
  async handler(input, ctx) {
    await approvedMerchant(ctx)
    const item = await ownItem(ctx, input.id)
    const patch = { ...input.patch, updatedAt: ctx.now() }
    await ctx.db.collection(ITEMS).doc(item._id).update({ data: patch })
    return toItemView({ ...item, ...patch })
  },
})

/** Sets the stock left; stockTotal moves by the same amount (transaction on the item only). */
export const setStock = defineAction('merchant', 'setStock', {
  access: 'merchant',
  async handler(input, ctx) {
    await approvedMerchant(ctx)
    await ownItem(ctx, input.id)
    const now = ctx.now()
    const doc = await runTx(ctx.db, async (t) => {
      const item = await txGet<MallItemDoc>(t, ITEMS, input.id)
      if (!item) throw new AppError('NOT_FOUND', '找不到这个兑换品')
      const stockTotal = item.stockTotal + (input.stock - item.stock)
      await t.collection(ITEMS).doc(item._id).update({ data: { stock: input.stock, stockTotal, updatedAt: now } })
      return { ...item, stock: input.stock, stockTotal }
    })
    return toItemView(doc)
  },
})

/**
 * Marks a voucher used, exactly once. The voucher's state document (`vouchers/<code>`) is created
 * inside a transaction that first reads it: two concurrent verifications serialize, the second
 * finds it and says "already used". Only the merchant who offers the item can verify; another
 * merchant's code answers NOT_FOUND (so codes cannot be probed).
 */
export const verify = defineAction('merchant', 'verify', {
  access: 'merchant',
  async handler(input, ctx) {
    const now = ctx.now()
    let code: string
    if ('token' in input) {
      const check = checkVoucherToken(input.token, now)
      if (!check.ok) throw new AppError(check.reason === 'expired' ? 'EXPIRED' : 'VALIDATION', check.reason === 'expired' ? '二维码已过期，请让骑手刷新后再扫' : '二维码无效')
      code = check.code
    } else code = input.code
    await approvedMerchant(ctx)
    const entry = await findById<LedgerEntryDoc>(ctx.db, LEDGER, `v${code}`)
    if (!entry || !entry.voucher || entry.voucher.merchantId !== ctx.openid) throw new AppError('NOT_FOUND', '券码不存在，或不是本店的券')
    const v = entry.voucher
    const state = await runTx(ctx.db, async (t) => {
      const existing = await txGet<VoucherStateDoc>(t, VOUCHERS, code)
      if (existing?.status === 'used') throw new AppError('CONFLICT', `这张券已于 ${fmt(existing.at)} 使用过`)
      if (existing?.status === 'cancelled') throw new AppError('CONFLICT', '这张券已被骑手取消')
      if (new Date(v.validUntil).getTime() <= now.getTime()) throw new AppError('EXPIRED', `这张券已于 ${fmt(v.validUntil)} 过期`)
      const doc: VoucherStateDoc = { _id: code, status: 'used', userId: entry.userId, merchantId: ctx.openid, itemId: v.itemId, itemTitle: v.itemTitle, price: v.price, at: now, by: ctx.openid }
      await t.collection(VOUCHERS).add({ data: doc as unknown as Record<string, unknown> })
      return doc
    })
    return { code, itemTitle: v.itemTitle, price: v.price, usedAt: new Date(state.at).toISOString() }
  },
})

const fmt = (d: Date | string) => {
  const t = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString()
  return `${t.slice(5, 10)} ${t.slice(11, 16)}`
}

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
