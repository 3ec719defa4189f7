/**
 * Community staff and the 积分商城: district items (offered by the community, redeemed at one of
 * its stations), supervision of merchants' items in their communities, and verifying district
 * vouchers at the station. Workers act inside their communities; admins everywhere.
 */
import { DISTRICT_REDEMPTION_KINDS, type MallItemDoc } from '../../../../domain/entities/mall'
import type { PlaceDoc } from '../../../../domain/entities/place'
import { ROLES } from '../../../../domain/entities/user'
import { AppError } from '../../../../domain/errors'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { isStaffOf, requireCommunityStaff, staffListFilter, STAFF_ACCESS } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { createItem as writeNewItem, itemPhotoDir, setItemStock, toManagedView, toManagedViews, updateItem as writeItemUpdate, type ItemHome } from '../../../../server/mall/item-store'
import { verifyVoucher } from '../../../../server/mall/verify'
import { COMMUNITIES, MALL_ITEMS, PLACES } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'

/** Any signed-in user who may offer items gets a folder; the router's role check keeps riders out. */
export const photoDir = defineAction('mall', 'photoDir', {
  access: ROLES.filter((r) => r !== 'rider'),
  async handler(_input, ctx) {
    return { dir: itemPhotoDir(ctx.openid) }
  },
})

/** An item of the caller's communities, or NOT_FOUND (also outside them: no oracle). */
async function itemInScope(ctx: ActionContext, id: string): Promise<MallItemDoc> {
  const item = await findById<MallItemDoc>(ctx.db, MALL_ITEMS, id)
  if (!item || !isStaffOf(ctx.user, item.communityId)) throw new AppError('NOT_FOUND', '找不到这个兑换品')
  return item
}

async function districtItem(ctx: ActionContext, id: string): Promise<MallItemDoc> {
  const item = await itemInScope(ctx, id)
  if (item.merchantId) throw new AppError('FORBIDDEN', '爱心商家的兑换品由商家自己维护；如有问题可下架')
  return item
}

/** Where a district item is redeemed: a staffed place of the community (a station or a canteen). */
async function homeOf(ctx: ActionContext, communityId: string, placeId: string | null): Promise<ItemHome> {
  if (!placeId) {
    const community = await findById<{ _id: string }>(ctx.db, COMMUNITIES, communityId)
    if (!community) throw new AppError('NOT_FOUND', '找不到这个社区', { field: 'communityId' })
    return { merchantId: null, communityId, placeId: null, placeName: null, location: null }
  }
  const place = await findById<PlaceDoc>(ctx.db, PLACES, placeId)
  if (!place || place.communityId !== communityId) throw new AppError('VALIDATION', '领取地点须是本社区的驿站或服务点', { field: 'placeId' })
  if (place.kind === 'merchant') throw new AppError('VALIDATION', '爱心商家的兑换品请由商家在自己的后台上架', { field: 'placeId' })
  if (!DISTRICT_REDEMPTION_KINDS.includes(place.kind)) throw new AppError('VALIDATION', '领取地点须是有人值守的驿站或优惠食堂', { field: 'placeId' })
  return { merchantId: null, communityId, placeId: place._id, placeName: place.name, location: coordsOf(place.location) }
}

export const manageItems = defineAction('mall', 'manageItems', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const scope = staffListFilter(ctx, input.communityId)
    if (!scope) return []
    const res = (await ctx.db.collection(MALL_ITEMS).where(scope).orderBy('createdAt', 'desc').limit(200).get()) as unknown as { data: MallItemDoc[] }
    return toManagedViews(res.data)
  },
})

export const createItem = defineAction('mall', 'createItem', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    requireCommunityStaff(ctx, input.communityId)
    const { communityId, placeId, ...fields } = input
    return writeNewItem(ctx, fields, await homeOf(ctx, communityId, placeId), true)
  },
})

export const updateItem = defineAction('mall', 'updateItem', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const item = await districtItem(ctx, input.id)
    const { placeId, ...patch } = input.patch
    const home = placeId !== undefined ? await homeOf(ctx, item.communityId, placeId) : null
    const where = home ? { placeId: home.placeId, placeName: home.placeName, location: home.location } : {}
    return writeItemUpdate(ctx, item, { ...patch, ...where }, true)
  },
})

export const setStock = defineAction('mall', 'setStock', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    await districtItem(ctx, input.id)
    return setItemStock(ctx, input.id, input.stock)
  },
})

/**
 * A merchant's item in the caller's community: `approve` releases text the content check held;
 * otherwise the item goes off sale with the reason, which the merchant sees.
 */
export const reviewItem = defineAction('mall', 'reviewItem', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const item = await itemInScope(ctx, input.id)
    if (!item.merchantId) throw new AppError('VALIDATION', '社区自己的兑换品可直接编辑或下架')
    const now = ctx.now()
    const data = input.approve
      ? { contentFlagged: false, takenDownReason: null, updatedAt: now }
      : { status: 'off' as const, contentFlagged: false, takenDownReason: input.reason ?? null, updatedAt: now }
    // A transaction on the item that the decision was made on: a plain update would wait for a
    // merchant's edit in progress (merchant.updateItem) and then release text the worker never saw.
    const after = await runTx(ctx.db, async (t) => {
      const current = await txGet<MallItemDoc>(t, MALL_ITEMS, item._id)
      if (!current) throw new AppError('NOT_FOUND', '找不到这个兑换品')
      if (current.title !== item.title || current.description !== item.description) throw new AppError('CONFLICT', '商家刚刚修改了这件兑换品，请刷新后再处理')
      await t.collection(MALL_ITEMS).doc(item._id).update({ data })
      return { ...current, ...data }
    })
    return toManagedView(after)
  },
})

/** District vouchers of the caller's communities (a merchant's vouchers only the merchant verifies). */
export const verify = defineAction('mall', 'verify', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    return verifyVoucher(ctx, input, (v) => v.merchantId === null && isStaffOf(ctx.user, v.communityId), '券码不存在，或不是本社区驿站的兑换券')
  },
})
