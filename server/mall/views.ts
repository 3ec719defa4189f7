import type { LedgerEntryDoc } from '../../domain/points/model'
import { limitLabel, type MallItemDoc, type MallItemView, type VoucherStateDoc, type VoucherStatus, type VoucherView } from '../../domain/mall/model'
import { tempUrls } from '../files'
import { publicIdOf } from '../public-id'

/** Riders' pages keep photo URLs for an hour. */
const PUBLIC_URL_SECONDS = 3600

/** The photos riders may see: those whose image check passed. */
export const passedPhotos = (d: MallItemDoc): string[] => d.photos.filter((p) => p.check === 'pass').map((p) => p.fileID)

export const toItemView = (d: MallItemDoc, coverUrl: string | null = null): MallItemView => ({
  id: d._id,
  title: d.title,
  description: d.description,
  coverUrl,
  price: d.price,
  stock: d.stock,
  limit: d.limit,
  limitLabel: limitLabel(d.limit),
  validDays: d.validDays,
  // who offers it, as an opaque id: the merchant's openid stays out of public answers (issue 14)
  merchantId: d.merchantId ? publicIdOf(d.merchantId) : null,
  communityId: d.communityId,
  placeId: d.placeId,
  placeName: d.placeName,
  location: d.location,
  status: d.status,
})

/** Items as riders see them, each with its cover photo (one storage call for the page). */
export async function publicItemViews(docs: MallItemDoc[]): Promise<MallItemView[]> {
  const covers = docs.map((d) => passedPhotos(d)[0]).filter((id): id is string => !!id)
  const urls = await tempUrls(covers, PUBLIC_URL_SECONDS)
  return docs.map((d) => toItemView(d, urls.get(passedPhotos(d)[0] ?? '') || null))
}

/** Every passed photo of one item as a URL (those that are gone are left out). */
export async function publicPhotoUrls(d: MallItemDoc): Promise<string[]> {
  const ids = passedPhotos(d)
  const urls = await tempUrls(ids, PUBLIC_URL_SECONDS)
  return ids.map((id) => urls.get(id) ?? '').filter(Boolean)
}

/** On sale and not held by the content check: what riders can see and redeem. */
export const isOnOffer = (d: MallItemDoc | null): d is MallItemDoc => !!d && d.status === 'on' && !d.contentFlagged

export function voucherStatus(entry: LedgerEntryDoc, state: VoucherStateDoc | null | undefined, now: Date): VoucherStatus {
  if (state) return state.status
  return entry.voucher && new Date(entry.voucher.validUntil).getTime() <= now.getTime() ? 'expired' : 'active'
}

export function toVoucherView(entry: LedgerEntryDoc, state: VoucherStateDoc | null | undefined, now: Date, shopSuspendedReason: string | null = null): VoucherView {
  const v = entry.voucher!
  const status = voucherStatus(entry, state, now)
  return {
    code: v.code,
    itemId: v.itemId,
    itemTitle: v.itemTitle,
    price: v.price,
    placeId: v.placeId,
    placeName: v.placeName,
    status,
    redeemedAt: new Date(entry.at).toISOString(),
    validUntil: new Date(v.validUntil).toISOString(),
    closedAt: state ? new Date(state.at).toISOString() : null,
    shopSuspendedReason: status === 'active' ? shopSuspendedReason : null,
  }
}

/** The redemption entry of a voucher has `_id` = `v` + its 8-digit code. */
export const voucherEntryId = (code: string) => `v${code}`
