/**
 * Migration of approved merchants' places from `p-m-<openid>` (before issue 14) to the opaque
 * `p-m-<public id>` (merchantPlaceId): a place id is public (places.nearby), so the old ids gave every
 * rider the merchant's openid. Run by the merchant function's timer `migratePlaceIds` (daily, and
 * by hand after deploying: README › Deploy); idempotent, and safe to cut short at any step (the
 * function's 5 s timeout, a crash): the old place is removed last, so a run that finds it again
 * redoes the steps, each of which is a no-op once done.
 *
 * A place is old-style when its id is `p-m-` + the `_id` (openid) of a merchants document. Per place:
 * 1. the new place = a copy of the old one (only if it does not exist yet: a copy made by an earlier
 *    run may have changed since);
 * 2. the merchant's `placeId` → the new id (from here on the shop's own actions use it);
 * 3. every reference to the old id → the new one: check-ins, status reports, the merchant's mall
 *    items, volunteer activities held there, and the issue data of vouchers redeemed there (the one
 *    ledger field ever rewritten: it is no amount, and riders see it in their vouchers);
 * 4. the old place goes.
 * Not rewritten: `placeReports.rateKey` (`rider|place|30-minute window`, a uniqueness key never
 * answered, void 30 minutes after it was written).
 */
import type { MerchantDoc } from '../../../domain/merchant/model'
import type { PlaceDoc } from '../../../domain/places/model'
import type { Database } from '../../../server/cloud'
import { ACTIVITIES, CHECKINS, LEDGER, MALL_ITEMS, MERCHANTS, PLACE_REPORTS, PLACES } from '../../../server/collections'
import { findById } from '../../../server/db'
import { withoutId } from '../../../server/tx'
import { merchantPlaceId } from './store'

/** Places one run moves (each takes about ten requests; the function has 5 s). */
export const MIGRATE_BATCH = 10

export interface PlaceIdMigration {
  /** old-style places moved by this run */
  moved: { from: string; to: string }[]
  /** old-style places left for the next run */
  remaining: number
}

const OLD_PREFIX = 'p-m-'

export async function migratePlaceIds(db: Database): Promise<PlaceIdMigration> {
  const places = (await db.collection(PLACES).where({ kind: 'merchant' }).limit(1000).get()) as unknown as { data: PlaceDoc[] }
  const old: { place: PlaceDoc; merchant: MerchantDoc }[] = []
  for (const p of places.data) {
    if (!p._id.startsWith(OLD_PREFIX)) continue
    const merchant = await findById<MerchantDoc>(db, MERCHANTS, p._id.slice(OLD_PREFIX.length))
    if (merchant) old.push({ place: p, merchant })
  }
  const moved: PlaceIdMigration['moved'] = []
  for (const { place, merchant } of old.slice(0, MIGRATE_BATCH)) {
    const from = place._id
    const to = merchantPlaceId({ _id: merchant._id, placeId: null })
    if (!(await findById<PlaceDoc>(db, PLACES, to))) await db.collection(PLACES).doc(to).set({ data: withoutId(place) as unknown as Record<string, unknown> })
    if (merchant.placeId === from) await db.collection(MERCHANTS).doc(merchant._id).update({ data: { placeId: to } })
    await db.collection(CHECKINS).where({ placeId: from }).update({ data: { placeId: to } })
    await db.collection(PLACE_REPORTS).where({ placeId: from }).update({ data: { placeId: to } })
    await db.collection(MALL_ITEMS).where({ merchantId: merchant._id, placeId: from }).update({ data: { placeId: to } })
    await db.collection(ACTIVITIES).where({ placeId: from }).update({ data: { placeId: to } })
    await db.collection(LEDGER).where({ 'voucher.merchantId': merchant._id, 'voucher.placeId': from }).update({ data: { 'voucher.placeId': to } })
    await db.collection(PLACES).doc(from).remove()
    moved.push({ from, to })
  }
  return { moved, remaining: old.length - moved.length }
}
