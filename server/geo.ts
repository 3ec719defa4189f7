/** Locations as the SDK hands them back, for every function that reads a stored GeoJSON point. */

/** wx-server-sdk hands GeoJSON back as its own Point objects ({longitude, latitude}) or as plain GeoJSON. */
export function coordsOf(loc: unknown): [number, number] {
  const l = loc as { coordinates?: [number, number]; longitude?: number; latitude?: number } | null
  if (l && Array.isArray(l.coordinates)) return [l.coordinates[0], l.coordinates[1]]
  if (l && typeof l.longitude === 'number' && typeof l.latitude === 'number') return [l.longitude, l.latitude]
  throw new Error('document without a location')
}
