import { FRIENDLY_ITEM_LABELS, type CompoundDoc, type NearbyCompound } from '../../../../domain/compounds/model'
import { distanceMeters } from '../../../../domain/geo'
import { gateView } from '../../../../domain/compounds/rules'
import { defineAction } from '../../../../server/router'
import { coordsOf } from '../../../../server/geo'
import { COMPOUNDS } from '../../../../server/collections'

/** Compounds near a point for the 服务地图, nearest first: one geo read, projected without buildings. */
export const nearby = defineAction('compounds', 'nearby', {
  access: 'any',
  async handler(input, ctx) {
    const now = ctx.now()
    const _ = ctx.db.command
    const res = (await ctx.db
      .collection(COMPOUNDS)
      .where({ location: _.geoNear({ geometry: ctx.db.Geo.Point(input.longitude, input.latitude), maxDistance: input.radius }), status: 'active' })
      .field({ name: true, location: true, friendly: true, gates: true, recentFlags: true })
      .limit(input.limit)
      .get()) as unknown as { data: Pick<CompoundDoc, '_id' | 'name' | 'location' | 'friendly' | 'gates' | 'recentFlags'>[] }
    return res.data.map((c): NearbyCompound => {
      const [lng, lat] = coordsOf(c.location)
      return {
        id: c._id,
        name: c.name,
        location: { longitude: lng, latitude: lat },
        distance: Math.round(distanceMeters(input.longitude, input.latitude, lng, lat)),
        friendly: !!c.friendly,
        friendlyLabels: c.friendly ? c.friendly.items.map((i) => FRIENDLY_ITEM_LABELS[i]) : [],
        gatesOpenNow: c.gates.filter((g) => gateView(g, c.recentFlags ?? [], now).usable).length,
      }
    })
  },
})
