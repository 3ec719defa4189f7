/**
 * Geo helpers shared by the app and the functions. Distances on a sphere of radius 6,378.1 km, the
 * radius MongoDB (and so CloudBase and the local emulator) uses for 2dsphere distances, so a
 * distance computed here equals the one the database sorts by.
 */
export const EARTH_RADIUS_M = 6378100
const RAD = Math.PI / 180

/** Great-circle (haversine) distance in metres. */
export function distanceMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLng = (lng2 - lng1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

export interface LngLat {
  longitude: number
  latitude: number
}

export const distanceBetween = (a: LngLat, b: LngLat): number => distanceMeters(a.longitude, a.latitude, b.longitude, b.latitude)

/** A box containing every point within `meters` of the centre: [minLng, minLat, maxLng, maxLat]. */
export function boundingBox(lng: number, lat: number, meters: number): [number, number, number, number] {
  const dLat = meters / EARTH_RADIUS_M / RAD
  const cos = Math.cos(lat * RAD)
  const dLng = cos < 1e-9 ? 180 : Math.min(180, meters / (EARTH_RADIUS_M * cos) / RAD)
  return [Math.max(-180, lng - dLng), Math.max(-90, lat - dLat), Math.min(180, lng + dLng), Math.min(90, lat + dLat)]
}

/** Offset of `p` from `origin` in metres east (x) and north (y), a local flat approximation for drawing. */
export function offsetMeters(origin: LngLat, p: LngLat): { x: number; y: number } {
  const y = (p.latitude - origin.latitude) * RAD * EARTH_RADIUS_M
  const x = (p.longitude - origin.longitude) * RAD * EARTH_RADIUS_M * Math.cos(origin.latitude * RAD)
  return { x, y }
}

/** 「350 米」「1.2 公里」 */
export const formatDistance = (m: number): string => (m < 1000 ? `${Math.max(1, Math.round(m))} 米` : `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} 公里`)

/** Speed in km/h needed to cover `meters` in `ms` milliseconds. */
export const speedKmh = (meters: number, ms: number): number => (ms <= 0 ? Infinity : meters / 1000 / (ms / 3_600_000))
