/**
 * [lng, lat] of a location as read back through wx-server-sdk: the SDK turns stored GeoJSON into
 * its Geo.Point (longitude/latitude); seeds and the emulator's admin API hand over the GeoJSON.
 */
export function coordsOf(loc: unknown): [number, number] {
  const l = loc as { coordinates?: [number, number]; longitude?: number; latitude?: number } | null
  if (l && Array.isArray(l.coordinates)) return [l.coordinates[0], l.coordinates[1]]
  if (l && typeof l.longitude === 'number' && typeof l.latitude === 'number') return [l.longitude, l.latitude]
  throw new Error('a document without a location')
}
