/**
 * The one way a new `places` document is built, whether a worker adds a place (`places.create`) or
 * approving a merchant puts the shop on the 服务地图 (`merchant.review`): every field a place query or
 * view relies on (`openWeekly`, an empty report summary, no closure) is set here.
 */
import type { PlaceDoc } from '../domain/entities/place'
import { toWeekIntervals } from '../domain/places/opening-hours'
import type { Database } from './cloud'

export type NewPlaceFields = Pick<PlaceDoc, 'kind' | 'name' | 'address' | 'communityId' | 'level' | 'amenities' | 'hours' | 'contact' | 'photos' | 'discount' | 'description'> & {
  longitude: number
  latitude: number
}

/** An active place, its location written through the SDK's Geo type so CloudBase indexes it. */
export function newPlaceDoc(db: Pick<Database, 'Geo'>, f: NewPlaceFields, createdBy: string, now: Date): Omit<PlaceDoc, '_id'> {
  const { longitude, latitude, ...fields } = f
  return {
    ...fields,
    location: db.Geo.Point(longitude, latitude) as unknown as PlaceDoc['location'],
    openWeekly: toWeekIntervals(f.hours),
    status: 'active',
    closedUntil: null,
    closedReason: null,
    recentReports: { items: [], lastNegativeAt: null, lastNegativeKind: null },
    createdBy,
    createdAt: now,
    updatedAt: now,
  }
}
