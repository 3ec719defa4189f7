import type { PlaceDoc } from '../../../../domain/entities/place'
import { AppError } from '../../../../domain/errors'
import { toWeekIntervals } from '../../../../domain/places/opening-hours'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { geoPoint } from '../place-store'
import { toDetail } from '../views'
import { COMMUNITIES, PLACES } from '../../../../server/collections'

const newPlaceId = () => `p-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/** A worker adds a place in one of their communities (admins: any community). */
export const create = defineAction('places', 'create', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    requireCommunityStaff(ctx, input.communityId)
    const community = await findById<{ _id: string }>(ctx.db, COMMUNITIES, input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '找不到这个社区', { field: 'communityId' })
    const now = ctx.now()
    const doc: PlaceDoc = {
      _id: newPlaceId(),
      kind: input.kind,
      name: input.name,
      address: input.address,
      communityId: input.communityId,
      location: geoPoint(ctx, input.location.longitude, input.location.latitude) as unknown as PlaceDoc['location'],
      level: input.level,
      amenities: input.amenities,
      hours: input.hours,
      openWeekly: toWeekIntervals(input.hours),
      contact: input.contact,
      photos: input.photos,
      discount: input.discount,
      description: input.description,
      status: 'active',
      closedUntil: null,
      closedReason: null,
      recentReports: { items: [], lastNegativeAt: null, lastNegativeKind: null },
      createdBy: ctx.openid,
      createdAt: now,
      updatedAt: now,
    }
    await ctx.db.collection(PLACES).add({ data: doc })
    return toDetail(
      { ...doc, location: { type: 'Point', coordinates: [input.location.longitude, input.location.latitude] } },
      now,
    )
  },
})
