import { MAX_RADIUS_M } from '../../../../domain/places/contract'
import { distanceMeters } from '../../../../domain/geo'
import type { NearbyCursor } from '../../../../domain/places/model'
import { defineAction } from '../../../../server/router'
import { LIST_PROJECTION, sinkReported, toListItem, type ListFields } from '../views'
import { weekMinuteOf } from '../../../../domain/time'
import { PLACES } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'
import { allCommunities, districtHome } from '../../../../server/communities'

/**
 * Distances of the database and of this function may differ in the last digits (production
 * computes its own); the next page starts this far before the last shown distance and excludes
 * the places already shown in that band, so nothing is skipped or repeated.
 */
const BOUNDARY_BAND_M = 1

/**
 * Nearest places: ONE database read — a geoNear query with every filter (kind, amenities, open now,
 * the page boundary) pushed into it, projected to the list fields, limited to one page + 1 (to know
 * whether there is a next page). "Open now" is decided in the query from `openWeekly` (week-minute
 * intervals precomputed on write) and `closedUntil`; the labels are computed here. Places with a
 * recent negative live report move to the end of their page (from the `recentReports` summary on
 * the place document, so still one read).
 */
export const nearby = defineAction('places', 'nearby', {
  access: 'any',
  async handler(input, ctx) {
    const now = ctx.now()
    const _ = ctx.db.command
    const centre =
      input.longitude !== undefined && input.latitude !== undefined
        ? { longitude: input.longitude, latitude: input.latitude }
        : districtHome(await allCommunities(ctx.db))
    if (!centre) return { items: [], next: null, centre: null, at: now.toISOString() }
    const minDistance = input.after ? Math.max(0, input.after.distance - BOUNDARY_BAND_M) : 0
    const where: Record<string, unknown> = {
      location: _.geoNear({
        geometry: ctx.db.Geo.Point(centre.longitude, centre.latitude),
        maxDistance: Math.min(input.radius, MAX_RADIUS_M),
        ...(minDistance > 0 ? { minDistance } : {}),
      }),
      status: 'active',
    }
    if (input.kinds?.length) where.kind = _.in([...new Set(input.kinds)])
    if (input.amenities?.length) where.amenities = _.all([...new Set(input.amenities)])
    if (input.openNow) {
      const m = weekMinuteOf(now)
      where.openWeekly = _.elemMatch({ s: _.lte(m), e: _.gt(m) })
      where.closedUntil = _.not(_.gt(now))
    }
    if (input.after?.ids.length) where._id = _.nin(input.after.ids)

    const res = (await ctx.db
      .collection(PLACES)
      .where(where)
      .field(LIST_PROJECTION)
      .limit(input.limit + 1)
      .get()) as unknown as { data: ListFields[] }

    const page = res.data.slice(0, input.limit).map((p) => {
      const [lng, lat] = coordsOf(p.location)
      const raw = distanceMeters(centre.longitude, centre.latitude, lng, lat)
      return { raw, item: toListItem(p, raw, now) }
    })
    let next: NearbyCursor | null = null
    if (res.data.length > input.limit && page.length) {
      const last = Math.max(...page.map((p) => p.raw))
      next = { distance: last, ids: page.filter((p) => p.raw >= last - BOUNDARY_BAND_M).map((p) => p.item.id) }
    }
    return { items: sinkReported(page.map((p) => p.item)), next, centre, at: now.toISOString() }
  },
})
