/** The 服务地图 page's pure logic: filter chips → nearby input, the cached last result. */
import type { Amenity, NearbyResult, PlaceKind } from '@domain/places/model'
import type { LngLat } from '@domain/geo'

export interface Filters {
  kind: PlaceKind | null
  amenities: Amenity[]
  openNow: boolean
}

export const NO_FILTERS: Filters = { kind: null, amenities: [], openNow: false }

export const KIND_CHIPS: PlaceKind[] = ['station', 'canteen', 'water', 'parking', 'charging', 'toilet', 'merchant']
export const AMENITY_CHIPS: Amenity[] = ['water', 'ebikeCharging', 'phoneCharging', 'microwave', 'toilet']

export const toggleKind = (f: Filters, kind: PlaceKind): Filters => ({ ...f, kind: f.kind === kind ? null : kind })
export const toggleAmenity = (f: Filters, a: Amenity): Filters => ({
  ...f,
  amenities: f.amenities.includes(a) ? f.amenities.filter((x) => x !== a) : [...f.amenities, a],
})
export const toggleOpenNow = (f: Filters): Filters => ({ ...f, openNow: !f.openNow })

export function nearbyInput(at: LngLat, f: Filters, radius = 5000) {
  return {
    longitude: Math.round(at.longitude * 1e6) / 1e6,
    latitude: Math.round(at.latitude * 1e6) / 1e6,
    radius,
    ...(f.kind ? { kinds: [f.kind] } : {}),
    ...(f.amenities.length ? { amenities: f.amenities } : {}),
    ...(f.openNow ? { openNow: true } : {}),
  }
}

export const CACHE_KEY = 'places.nearby.last'

export interface CachedNearby {
  key: string
  savedAt: number
  result: NearbyResult
}

export const cacheKeyOf = (input: object) => JSON.stringify(input)

/** The cached answer for the same query (whatever its age: it is shown as "上次的结果" when offline). */
export function readCache(raw: unknown, key: string): CachedNearby | null {
  const c = raw as CachedNearby | null
  if (!c || typeof c !== 'object' || c.key !== key || !c.result || !Array.isArray(c.result.items)) return null
  return c
}

export const describeAge = (savedAt: number, now = Date.now()): string => {
  const min = Math.max(0, Math.round((now - savedAt) / 60_000))
  return min < 1 ? '刚刚' : min < 60 ? `${min} 分钟前` : `${Math.round(min / 60)} 小时前`
}
