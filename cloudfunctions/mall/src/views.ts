import type { LedgerEntryDoc } from '../../../domain/entities/points'
import { limitLabel, type MallItemDoc, type MallItemView, type VoucherStateDoc, type VoucherStatus, type VoucherView } from '../../../domain/entities/mall'

export const toItemView = (d: MallItemDoc): MallItemView => ({
  id: d._id,
  title: d.title,
  description: d.description,
  photos: d.photos,
  price: d.price,
  stock: d.stock,
  limit: d.limit,
  limitLabel: limitLabel(d.limit),
  validDays: d.validDays,
  merchantId: d.merchantId,
  placeId: d.placeId,
  placeName: d.placeName,
  location: d.location,
  status: d.status,
})

export function voucherStatus(entry: LedgerEntryDoc, state: VoucherStateDoc | null | undefined, now: Date): VoucherStatus {
  if (state) return state.status
  return entry.voucher && new Date(entry.voucher.validUntil).getTime() <= now.getTime() ? 'expired' : 'active'
}

export function toVoucherView(entry: LedgerEntryDoc, state: VoucherStateDoc | null | undefined, now: Date): VoucherView {
  const v = entry.voucher!
  return {
    code: v.code,
    itemId: v.itemId,
    itemTitle: v.itemTitle,
    price: v.price,
    placeId: v.placeId,
    placeName: v.placeName,
    status: voucherStatus(entry, state, now),
    redeemedAt: new Date(entry.at).toISOString(),
    validUntil: new Date(v.validUntil).toISOString(),
    closedAt: state ? new Date(state.at).toISOString() : null,
  }
}

/** The redemption entry of a voucher has `_id` = `v` + its 8-digit code. */
export const voucherEntryId = (code: string) => `v${code}`
