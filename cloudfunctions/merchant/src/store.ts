import { suspendedMessage, type MerchantDoc, type MerchantView } from '../../../domain/merchant/model'
import { AppError } from '../../../domain/errors'
import type { ActionContext } from '../../../server/context'
import { findById } from '../../../server/db'
import { MERCHANTS } from '../../../server/collections'
import { coordsOf } from '../../../server/geo'
import { publicIdOf } from '../../../server/public-id'

/** `id` is the applicant's public id: the one staff review by (server/public-id.ts). */
export const toMerchantView = (d: MerchantDoc): MerchantView => ({
  id: publicIdOf(d._id),
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
  ...suspensionOf(d),
})

export const suspensionOf = (d: MerchantDoc): { suspendedReason: string | null; suspendedAt: string | null } =>
  d.status === 'suspended' && d.suspension
    ? { suspendedReason: d.suspension.reason, suspendedAt: new Date(d.suspension.at).toISOString() }
    : { suspendedReason: null, suspendedAt: null }

/**
 * The caller's approved merchant profile (the merchant role alone is not enough: it must be
 * approved). A suspended merchant is told why; `atCounter` lets them through to the counter, where
 * server/mall/verify.ts refuses their vouchers with the reason (so the refusal and a suspension
 * racing it are decided in one transaction).
 */
export async function approvedMerchant(ctx: ActionContext, opts: { atCounter?: boolean } = {}): Promise<MerchantDoc> {
  const m = await findById<MerchantDoc>(ctx.db, MERCHANTS, ctx.openid)
  if (m?.status === 'suspended' && !opts.atCounter) throw new AppError('FORBIDDEN', suspendedMessage(m))
  if (!m || (m.status !== 'approved' && m.status !== 'suspended')) throw new AppError('FORBIDDEN', '仅已通过审核的爱心商家可以进行此操作')
  return m
}

/**
 * The place on the 服务地图 of an approved merchant. Its id is public (places.nearby), so it is made
 * from the merchant's opaque id, not their openid (issue 14). Places approved before keep the id
 * recorded on the merchant (`placeId`), so a re-approval updates the same place.
 */
export const merchantPlaceId = (m: Pick<MerchantDoc, '_id' | 'placeId'>) => m.placeId ?? `p-m-${publicIdOf(m._id)}`
