import type { PlaceDoc } from '../../../../domain/entities/place'
import { AppError } from '../../../../domain/errors'
import { findById } from '../../../../server/db'
import { newPlaceDoc } from '../../../../server/places'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
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
      ...newPlaceDoc(
        ctx.db,
        {
          kind: input.kind,
          name: input.name,
          address: input.address,
          communityId: input.communityId,
          longitude: input.location.longitude,
          latitude: input.location.latitude,
          level: input.level,
          amenities: input.amenities,
          hours: input.hours,
          contact: input.contact,
          photos: input.photos,
          discount: input.discount,
          description: input.description,
        },
        ctx.openid,
        now,
      ),
    }
    await ctx.db.collection(PLACES).add({ data: doc })
    return toDetail(
      { ...doc, location: { type: 'Point', coordinates: [input.location.longitude, input.location.latitude] } },
      now,
    )
  },
})
