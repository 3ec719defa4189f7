import { AppError } from '../../../../domain/errors'
import { toWeekIntervals } from '../../../../domain/places/opening-hours'
import type { PlaceDoc } from '../../../../domain/entities/place'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { geoPoint, loadPlace } from '../place-store'
import { toDetail } from '../views'
import { PLACES } from '../../../../server/collections'

/** A worker edits a place of their community: only the fields sent change. */
export const update = defineAction('places', 'update', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const place = await loadPlace(ctx, input.id, { includeRetired: true })
    requireCommunityStaff(ctx, place.communityId)
    const p = input.patch
    const level = p.level === undefined ? place.level : p.level
    if ((place.kind === 'station') !== (level !== null))
      throw new AppError('VALIDATION', '驿站需要选择 A/B/C 等级，其他地点不设等级', { field: 'patch.level' })

    const _ = ctx.db.command
    const now = ctx.now()
    const data: Record<string, unknown> = { updatedAt: now }
    const next: PlaceDoc = { ...place, updatedAt: now }
    for (const key of ['name', 'address', 'level', 'amenities', 'photos', 'discount', 'description'] as const) {
      if (p[key] === undefined) continue
      data[key] = p[key]
      ;(next as unknown as Record<string, unknown>)[key] = p[key]
    }
    // objects are replaced whole (a plain object in an update would be merged field by field)
    if (p.contact) {
      data.contact = _.set(p.contact)
      next.contact = p.contact
    }
    if (p.hours) {
      data.hours = _.set(p.hours)
      data.openWeekly = toWeekIntervals(p.hours)
      next.hours = p.hours
      next.openWeekly = toWeekIntervals(p.hours)
    }
    if (p.location) {
      data.location = geoPoint(ctx, p.location.longitude, p.location.latitude)
      next.location = { type: 'Point', coordinates: [p.location.longitude, p.location.latitude] }
    }
    await ctx.db.collection(PLACES).doc(place._id).update({ data })
    return toDetail(next, now)
  },
})
