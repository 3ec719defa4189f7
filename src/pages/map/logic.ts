/** The 服务地图 page's pure logic: filter chips → nearby input, the cached last result. */
import type { Amenity, NearbyResult, PlaceKind, PlaceListItem, StationLevel } from '@domain/places/model'
import type { LngLat } from '@domain/geo'

export interface Filters {
  kind: PlaceKind | null
  amenities: Amenity[]
  openNow: boolean
  /** station levels (A/B/C); any level implies the 驿站 kind */
  levels: StationLevel[]
}

export const NO_FILTERS: Filters = { kind: null, amenities: [], openNow: false, levels: [] }

/**
 * Three labelled groups without near-duplicates: water points, toilets and charging points carry
 * their amenity (demo data and worker form alike), so 设施 finds them and 类型 does not repeat them.
 */
export const KIND_CHIPS: PlaceKind[] = ['station', 'canteen', 'parking', 'merchant']
export const AMENITY_CHIPS: Amenity[] = ['water', 'toilet', 'ebikeCharging', 'phoneCharging', 'microwave']

export const toggleLevel = (f: Filters, level: StationLevel): Filters => {
  const levels = f.levels.includes(level) ? f.levels.filter((x) => x !== level) : [...f.levels, level]
  return { ...f, levels, kind: levels.length ? 'station' : f.kind }
}
/** how many filters are on (shown on the one 筛选 control) */
export const activeCount = (f: Filters) => (f.kind && !f.levels.length ? 1 : 0) + f.amenities.length + (f.openNow ? 1 : 0) + f.levels.length
/** the level filter is applied to the answer (the nearby query has no level parameter) */
export const byLevel = (items: PlaceListItem[], f: Filters) => (f.levels.length ? items.filter((p) => p.level && f.levels.includes(p.level)) : items)
/** the nearest open station of an answer (items come nearest first) */
export const nearestOpenStation = (items: PlaceListItem[]) => items.find((p) => p.kind === 'station' && p.openNow) ?? null

export const toggleKind = (f: Filters, kind: PlaceKind): Filters => ({ ...f, kind: f.kind === kind ? null : kind, levels: kind === 'station' && f.kind !== kind ? f.levels : [] })
export const toggleAmenity = (f: Filters, a: Amenity): Filters => ({
  ...f,
  amenities: f.amenities.includes(a) ? f.amenities.filter((x) => x !== a) : [...f.amenities, a],
})
export const toggleOpenNow = (f: Filters): Filters => ({ ...f, openNow: !f.openNow })

/** `at` null: around the district's home, which the server knows (the app asks it before the settings arrive) */
export function nearbyInput(at: LngLat | null, f: Filters, radius = 5000) {
  return {
    ...(at ? { longitude: Math.round(at.longitude * 1e6) / 1e6, latitude: Math.round(at.latitude * 1e6) / 1e6 } : {}),
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
