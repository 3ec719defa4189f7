import type { MerchantDoc, MerchantView } from '../../../domain/entities/merchant'
import { AppError } from '../../../domain/errors'
import type { ActionContext } from '../../../server/context'
import { findById } from '../../../server/db'
import { MERCHANTS } from '../../../server/collections'
import { coordsOf } from '../../../server/geo'

export const toMerchantView = (d: MerchantDoc): MerchantView => ({
  id: d._id,
  shopName: d.shopName,
  address: d.address,
  location: coordsOf(d.location),
  communityId: d.communityId,
  category: d.category,
  offers: d.offers,
  discountText: d.discountText,
  hours: d.hours,
  phone: d.phone,
  status: d.status,
  contentFlagged: d.contentFlagged,
  rejectReason: d.rejectReason,
  placeId: d.placeId,
  submittedAt: new Date(d.submittedAt).toISOString(),
  reviewedAt: d.reviewedAt ? new Date(d.reviewedAt).toISOString() : null,
})

/** The caller's approved merchant profile (the merchant role alone is not enough: it must be approved). */
export async function approvedMerchant(ctx: ActionContext): Promise<MerchantDoc> {
  const m = await findById<MerchantDoc>(ctx.db, MERCHANTS, ctx.openid)
  if (!m || m.status !== 'approved') throw new AppError('FORBIDDEN', '仅已通过审核的爱心商家可以进行此操作')
  return m
}

/** The place on the 服务地图 of an approved merchant. */
export const merchantPlaceId = (openid: string) => `p-m-${openid}`.slice(0, 64)
