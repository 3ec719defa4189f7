/**
 * 商家管理 (issue 17): the staff of a merchant's community (admins: every community) see every
 * approved or suspended merchant with what it offers and how much it is used, and suspend or
 * reinstate it with a reason. Merchants are named by their public id (server/public-id.ts).
 */
import type { ManagedMerchantView, MerchantDoc } from '../../../../domain/merchant/model'
import type { MallItemDoc } from '../../../../domain/mall/model'
import { AppError } from '../../../../domain/errors'
import type { ActionContext } from '../../../../server/context'
import { writeAudit } from '../../../../server/audit'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { staffListFilter, STAFF_ACCESS } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { publicIdOf } from '../../../../server/public-id'
import { MALL_ITEMS, MERCHANTS, VOUCHERS } from '../../../../server/collections'
import { suspensionOf } from '../store'

const MANAGED_STATUSES = ['approved', 'suspended']
const DAY_MS = 86_400_000

async function managedMerchants(ctx: ActionContext, communityId: string | undefined): Promise<MerchantDoc[]> {
  const scope = staffListFilter(ctx, communityId)
  if (!scope) return []
  const _ = ctx.db.command
  const res = (await ctx.db
    .collection(MERCHANTS)
    .where({ status: _.in(MANAGED_STATUSES), ...scope })
    .orderBy('submittedAt', 'asc')
    .limit(1000)
    .get()) as unknown as { data: MerchantDoc[] }
  return res.data
}

/** Items and 30 days of verified vouchers of these merchants: 2 reads whatever their number. */
async function toManagedViews(ctx: ActionContext, merchants: MerchantDoc[]): Promise<ManagedMerchantView[]> {
  if (!merchants.length) return []
  const _ = ctx.db.command
  const $ = _.aggregate
  const ids = merchants.map((m) => m._id)
  const since = new Date(ctx.now().getTime() - 30 * DAY_MS)
  const [items, used] = await Promise.all([
    ctx.db.collection(MALL_ITEMS).where({ merchantId: _.in(ids) }).field({ merchantId: true, status: true, contentFlagged: true, offBySuspension: true }).limit(1000).get() as unknown as Promise<{
      data: Pick<MallItemDoc, 'merchantId' | 'status' | 'contentFlagged' | 'offBySuspension'>[]
    }>,
    ctx.db
      .collection(VOUCHERS)
      .aggregate()
      .match({ merchantId: _.in(ids), status: 'used', at: _.gte(since) })
      .group({ _id: '$merchantId', n: $.sum(1) })
      // one row per merchant; explicit because an aggregate without limit() answers a page of 20 in production
      .limit(1000)
      .end() as unknown as Promise<{ list: { _id: string; n: number }[] }>,
  ])
  const verified = new Map(used.list.map((r) => [r._id, r.n]))
  return merchants.map((m) => {
    const own = items.data.filter((i) => i.merchantId === m._id)
    return {
      id: publicIdOf(m._id),
      shopName: m.shopName,
      address: m.address,
      communityId: m.communityId,
      category: m.category,
      status: m.status,
      phone: m.phone,
      itemsOn: own.filter((i) => i.status === 'on' && !i.contentFlagged).length,
      itemsSuspended: own.filter((i) => i.offBySuspension).length,
      vouchersVerified30d: verified.get(m._id) ?? 0,
      reviewedAt: m.reviewedAt ? new Date(m.reviewedAt).toISOString() : null,
      ...suspensionOf(m),
    }
  })
}

export const merchants = defineAction('merchant', 'merchants', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    return toManagedViews(ctx, await managedMerchants(ctx, input.communityId))
  },
})

/**
 * Items follow the merchant's status: while it is suspended, every item on sale goes off marked
 * `offBySuspension`; once approved again, exactly the marked ones come back (an item the merchant
 * or a worker took off stays off). Plain conditional updates, atomic per item, not one transaction
 * with the merchant: a transaction writing the items conflicts with every redemption's stock hold
 * (server/mall/stock-hold.ts) and, tried against 12 riders redeeming one item, ran out of retries
 * every time. The merchant is read again afterwards, so a reinstatement that raced this call is
 * followed too; a call cut short is finished by the next setSuspended (same status: it only syncs).
 */
async function syncItems(ctx: ActionContext, merchantId: string): Promise<MerchantDoc> {
  for (let round = 0; ; round++) {
    const m = await findById<MerchantDoc>(ctx.db, MERCHANTS, merchantId)
    if (!m) throw new AppError('NOT_FOUND', '找不到这家商家')
    const suspended = m.status === 'suspended'
    const updatedAt = ctx.now()
    if (suspended) await ctx.db.collection(MALL_ITEMS).where({ merchantId, status: 'on' }).update({ data: { status: 'off', offBySuspension: true, updatedAt } })
    else await ctx.db.collection(MALL_ITEMS).where({ merchantId, offBySuspension: true }).update({ data: { status: 'on', offBySuspension: false, updatedAt } })
    const again = await findById<MerchantDoc>(ctx.db, MERCHANTS, merchantId)
    if ((again?.status === 'suspended') === suspended || round === 2) return again ?? m
  }
}

/**
 * Suspends or reinstates, with a reason, audited: the merchant's status and the audit entry in one
 * transaction (on the merchant only), then its items follow (syncItems). A redemption racing the
 * suspension either finds the item off (refused, its stock hold given back) or commits its voucher
 * first; such a voucher keeps the rider's points until it is used or cancelled (mall.cancel refunds
 * it in full), and the counter refuses it while the merchant is suspended (server/mall/verify.ts).
 * Asking for the status the merchant already has changes nothing and writes no audit entry.
 */
export const setSuspended = defineAction('merchant', 'setSuspended', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    // the caller's own merchants only: someone else's id is NOT_FOUND, as an unknown one is
    const target = (await managedMerchants(ctx, undefined)).find((m) => publicIdOf(m._id) === input.id)
    if (!target) throw new AppError('NOT_FOUND', '找不到这家商家，或不在你管理的社区')
    const now = ctx.now()
    await runTx(ctx.db, async (t) => {
      const m = await txGet<MerchantDoc>(t, MERCHANTS, target._id)
      if (!m || !MANAGED_STATUSES.includes(m.status)) throw new AppError('NOT_FOUND', '找不到这家商家')
      if ((m.status === 'suspended') === input.suspend) return
      const patch = input.suspend ? { status: 'suspended' as const, suspension: { reason: input.reason, at: now } } : { status: 'approved' as const, suspension: null }
      await t.collection(MERCHANTS).doc(m._id).update({ data: patch })
      await writeAudit(ctx, [{ action: input.suspend ? 'merchant.suspend' : 'merchant.reinstate', subject: m._id, communityId: m.communityId, fields: ['status'], detail: `${m.shopName}：${input.reason}` }], t)
    })
    return (await toManagedViews(ctx, [await syncItems(ctx, target._id)]))[0]
  },
})
