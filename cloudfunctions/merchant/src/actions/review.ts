import type { MerchantDoc, MerchantOffer } from '../../../../domain/merchant/model'
import type { Amenity } from '../../../../domain/places/model'
import { AppError } from '../../../../domain/errors'
import { tempUrls } from '../../../../server/files'
import { newPlaceDoc } from '../../../../server/places'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, staffListFilter, STAFF_ACCESS } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { merchantPlaceId, toMerchantView } from '../store'
import { MERCHANTS, PLACES, USERS } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'
import { publicIdOf } from '../../../../server/public-id'

const OFFER_AMENITIES: Partial<Record<MerchantOffer, Amenity>> = { water: 'water', phoneCharging: 'phoneCharging', toilet: 'toilet', rest: 'seats' }

export const pending = defineAction('merchant', 'pending', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const scope = staffListFilter(ctx, input.communityId)
    if (!scope) return []
    const where: Record<string, unknown> = { status: 'pending', ...scope }
    const res = (await ctx.db.collection(MERCHANTS).where(where).orderBy('submittedAt', 'asc').limit(100).get()) as unknown as { data: MerchantDoc[] }
    return res.data.map(toMerchantView)
  },
})

/**
 * The application staff name by its public id (the applicant's openid is its document id and never
 * leaves the function, issue 14), found among the waiting applications — the only ones staff act
 * on; then the caller must be staff of its community.
 */
async function applicationInScope(ctx: Parameters<typeof requireCommunityStaff>[0] & { db: import('../../../../server/cloud').Database }, id: string) {
  const res = (await ctx.db.collection(MERCHANTS).where({ status: 'pending' }).orderBy('submittedAt', 'asc').limit(1000).get()) as unknown as { data: MerchantDoc[] }
  const m = res.data.find((d) => publicIdOf(d._id) === id)
  if (!m) throw new AppError('NOT_FOUND', '找不到这份待审核的申请，可能已经审核过了')
  requireCommunityStaff(ctx, m.communityId)
  return m
}

/** A 10-minute URL of the private licence photo, for staff of the applicant's community. */
export const licenceUrl = defineAction('merchant', 'licenceUrl', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const m = await applicationInScope(ctx, input.id)
    const url = (await tempUrls([m.licencePhoto], 600)).get(m.licencePhoto)
    if (!url) throw new AppError('NOT_FOUND', '营业执照照片不存在')
    return { url }
  },
})

/**
 * A worker of the applicant's community approves (→ merchant role, a `places` document of kind
 * merchant on the 服务地图) or rejects with a reason. One transaction over the application, the place
 * and the users document, so a double tap or two workers at once decide once.
 */
export const review = defineAction('merchant', 'review', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const applicant = (await applicationInScope(ctx, input.id))._id
    const now = ctx.now()
    const _ = ctx.db.command
    const doc = await runTx(ctx.db, async (t) => {
      const m = await txGet<MerchantDoc>(t, MERCHANTS, applicant)
      if (!m) throw new AppError('NOT_FOUND', '找不到这份申请')
      if (m.status !== 'pending') throw new AppError('CONFLICT', `这份申请已${m.status === 'approved' ? '通过' : '驳回'}，无需重复审核`)
      if (!input.approve) {
        const patch = { status: 'rejected' as const, rejectReason: input.reason!, reviewedAt: now, reviewedBy: ctx.openid }
        await t.collection(MERCHANTS).doc(m._id).update({ data: patch })
        return { ...m, ...patch }
      }
      const placeId = merchantPlaceId(m)
      const [lng, lat] = coordsOf(m.location)
      const place = newPlaceDoc(
        ctx.db,
        {
          kind: 'merchant',
          name: m.shopName,
          address: m.address,
          communityId: m.communityId,
          longitude: lng,
          latitude: lat,
          level: null,
          amenities: [...new Set(m.offers.map((o) => OFFER_AMENITIES[o]).filter((a): a is Amenity => !!a))],
          hours: m.hours,
          contact: m.phone ? { phone: m.phone } : {},
          photos: [],
          discount: m.discountText,
          description: null,
        },
        ctx.openid,
        now,
      )
      await t.collection(PLACES).doc(placeId).set({ data: place as unknown as Record<string, unknown> })
      await t.collection(USERS).doc(m._id).update({ data: { roles: _.addToSet('merchant'), updatedAt: now } })
      const patch = { status: 'approved' as const, rejectReason: null, placeId, reviewedAt: now, reviewedBy: ctx.openid }
      await t.collection(MERCHANTS).doc(m._id).update({ data: patch })
      return { ...m, ...patch }
    })
    return toMerchantView(doc)
  },
})
