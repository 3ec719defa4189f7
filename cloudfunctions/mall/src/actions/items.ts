import type { MallItemDoc } from '../../../../domain/entities/mall'
import { AppError } from '../../../../domain/errors'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { isOnOffer, publicItemViews, publicPhotoUrls, toItemView } from '../../../../server/mall/views'
import { MALL_ITEMS } from '../../../../server/collections'

export const items = defineAction('mall', 'items', {
  access: 'any',
  async handler(input, ctx) {
    const where: Record<string, unknown> = { status: 'on', contentFlagged: false }
    if (input.merchantId) where.merchantId = input.merchantId
    const res = (await ctx.db.collection(MALL_ITEMS).where(where).orderBy('createdAt', 'desc').limit(100).get()) as unknown as { data: MallItemDoc[] }
    return publicItemViews(res.data)
  },
})

export const detail = defineAction('mall', 'detail', {
  access: 'any',
  async handler(input, ctx) {
    const item = await findById<MallItemDoc>(ctx.db, MALL_ITEMS, input.id)
    if (!isOnOffer(item)) throw new AppError('NOT_FOUND', '这个兑换品已下架或不存在')
    const photoUrls = await publicPhotoUrls(item)
    return { ...toItemView(item, photoUrls[0] ?? null), photoUrls }
  },
})
