import { OPEN_STATUSES, SIMILAR_RADIUS_M, type SimilarItem, type SuggestionDoc } from '../../../../domain/entities/suggestion'
import { distanceMeters } from '../../../../domain/geo'
import { defineAction } from '../../../../server/router'
import { communities, normalise, toListItem } from '../store'
import { deriveCommunity } from './create'
import { SUGGESTIONS } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'

/**
 * Before a rider submits: open reports of the same category within 50 m (a geoNear query, nearest
 * first), so "me too" can join one instead of filing a duplicate; plus the community derived from
 * the location (the app offers the others to override it). Texts held for review are not shown.
 */
export const similar = defineAction('suggestions', 'similar', {
  access: 'rider',
  async handler(input, ctx) {
    const _ = ctx.db.command
    const now = ctx.now()
    const [res, derivedId, list] = await Promise.all([
      ctx.db
        .collection(SUGGESTIONS)
        .where({
          location: _.geoNear({ geometry: ctx.db.Geo.Point(input.longitude, input.latitude), maxDistance: SIMILAR_RADIUS_M }),
          category: input.category,
          status: _.in([...OPEN_STATUSES]),
        })
        .field({ timeline: false, photos: false, quotaKey: false, reporterName: false })
        .limit(20)
        .get() as unknown as Promise<{ data: SuggestionDoc[] }>,
      deriveCommunity(ctx, input.longitude, input.latitude),
      communities(ctx),
    ])
    const names = new Map(list.map((c) => [c.id, c.name]))
    const items: SimilarItem[] = res.data.map((raw) => {
      const d = normalise({ ...raw, timeline: [] })
      const [lng, lat] = coordsOf(d.location)
      return {
        ...toListItem(d, names, now, { showHeld: false }),
        distance: Math.round(distanceMeters(input.longitude, input.latitude, lng, lat)),
        joined: d.joiners.includes(ctx.openid),
        mine: d.reporterId === ctx.openid,
      }
    })
    const derived = derivedId ? { id: derivedId, name: names.get(derivedId) ?? derivedId } : null
    return { items, derived }
  },
})
