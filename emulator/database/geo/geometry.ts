/**
 * Spherical distance and the few GeoJSON predicates the CloudBase geo commands need
 * (geoNear / geoWithin / geoIntersects over stored Points).
 *
 * Distances use MongoDB's earth radius (6378.1 km) so $maxDistance/$minDistance in metres and
 * $centerSphere radii in radians mean exactly what they mean on the server. Polygon edges are taken
 * as straight lines in lng/lat (planar), not great-circle arcs; for city-sized polygons the
 * difference is centimetres, for continent-sized ones it is not — documented in emulator/README.md.
 */
import { CloudbaseError } from '../../core/errors'

export const EARTH_RADIUS_M = 6378100
const RAD = Math.PI / 180

export type Position = [number, number]

export interface GeoPoint {
  type: 'Point'
  coordinates: Position
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLng = (lng2 - lng1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

export function isPosition(v: unknown): v is Position {
  return Array.isArray(v) && v.length >= 2 && isNum(v[0]) && isNum(v[1]) && Math.abs(v[0]) <= 180 && Math.abs(v[1]) <= 90
}

/**
 * The point a stored field value stands for: a GeoJSON Point, or a legacy [lng, lat] pair (which a
 * 2dsphere index also accepts). Anything else is not indexed as a point.
 */
export function pointOf(v: unknown): Position | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const g = v as { type?: unknown; coordinates?: unknown }
    if (g.type === 'Point' && isPosition(g.coordinates)) return [g.coordinates[0], g.coordinates[1]]
    return undefined
  }
  return isPosition(v) ? [v[0], v[1]] : undefined
}

/** Ray casting; points on an edge count as inside (GeoJSON boundaries are inclusive for $geoWithin). */
function inRing(lng: number, lat: number, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (onSegment(lng, lat, xi, yi, xj, yj)) return true
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
  if (Math.abs(cross) > 1e-12) return false
  return px >= Math.min(ax, bx) - 1e-12 && px <= Math.max(ax, bx) + 1e-12 && py >= Math.min(ay, by) - 1e-12 && py <= Math.max(ay, by) + 1e-12
}

function inPolygon(lng: number, lat: number, rings: Position[][]): boolean {
  if (!rings.length || !inRing(lng, lat, rings[0])) return false
  for (let h = 1; h < rings.length; h++) {
    // inside a hole (but not on its edge) is outside the polygon
    const hole = rings[h]
    if (inRing(lng, lat, hole) && !hole.some((_, i) => i > 0 && onSegment(lng, lat, hole[i - 1][0], hole[i - 1][1], hole[i][0], hole[i][1])))
      return false
  }
  return true
}

export type QueryGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

const invalid = (msg: string): never => {
  throw new CloudbaseError('INVALID_PARAM', `invalid GeoJSON: ${msg}`)
}

/** Validates a query geometry ($geometry) and returns it typed. */
export function parseGeometry(v: unknown): QueryGeometry {
  if (!v || typeof v !== 'object') return invalid('$geometry must be an object')
  const g = v as { type?: unknown; coordinates?: unknown }
  const c = g.coordinates
  const ring = (r: unknown): Position[] => {
    if (!Array.isArray(r) || r.length < 4 || !r.every(isPosition)) return invalid('a polygon ring needs at least 4 [lng, lat] positions')
    const a = r[0] as Position
    const b = r[r.length - 1] as Position
    if (a[0] !== b[0] || a[1] !== b[1]) invalid('a polygon ring must be closed (first position = last)')
    return r as Position[]
  }
  const line = (l: unknown): Position[] => {
    if (!Array.isArray(l) || l.length < 2 || !l.every(isPosition)) return invalid('a line needs at least 2 [lng, lat] positions')
    return l as Position[]
  }
  switch (g.type) {
    case 'Point':
      if (!isPosition(c)) invalid('Point coordinates must be [lng, lat]')
      return { type: 'Point', coordinates: c as Position }
    case 'MultiPoint':
      if (!Array.isArray(c) || !c.every(isPosition)) invalid('MultiPoint coordinates must be [[lng, lat], …]')
      return { type: 'MultiPoint', coordinates: c as Position[] }
    case 'LineString':
      return { type: 'LineString', coordinates: line(c) }
    case 'MultiLineString':
      if (!Array.isArray(c)) invalid('MultiLineString coordinates must be an array of lines')
      return { type: 'MultiLineString', coordinates: (c as unknown[]).map(line) }
    case 'Polygon':
      if (!Array.isArray(c) || !c.length) invalid('Polygon coordinates must be an array of rings')
      return { type: 'Polygon', coordinates: (c as unknown[]).map(ring) }
    case 'MultiPolygon':
      if (!Array.isArray(c) || !c.length) invalid('MultiPolygon coordinates must be an array of polygons')
      return {
        type: 'MultiPolygon',
        coordinates: (c as unknown[]).map((p) => {
          if (!Array.isArray(p) || !p.length) invalid('each polygon of a MultiPolygon must be an array of rings')
          return (p as unknown[]).map(ring)
        }),
      }
  }
  return invalid(`unsupported geometry type ${JSON.stringify(g.type)}`)
}

/** Polygons of an area geometry (for $geoWithin), or undefined for non-areas. */
export function polygonsOf(g: QueryGeometry): Position[][][] | undefined {
  if (g.type === 'Polygon') return [g.coordinates]
  if (g.type === 'MultiPolygon') return g.coordinates
  return undefined
}

export function bboxOf(g: QueryGeometry): [number, number, number, number] {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const visit = (x: unknown): void => {
    if (isPosition(x)) {
      minX = Math.min(minX, x[0])
      minY = Math.min(minY, x[1])
      maxX = Math.max(maxX, x[0])
      maxY = Math.max(maxY, x[1])
    } else if (Array.isArray(x)) x.forEach(visit)
  }
  visit(g.coordinates)
  return [minX, minY, maxX, maxY]
}

/** Is the stored point inside (or on the boundary of) the area geometry? */
export function pointWithin(p: Position, g: QueryGeometry): boolean {
  const polys = polygonsOf(g)
  if (!polys) return false
  return polys.some((rings) => inPolygon(p[0], p[1], rings))
}

/** Does the stored point intersect the query geometry? */
export function pointIntersects(p: Position, g: QueryGeometry): boolean {
  switch (g.type) {
    case 'Point':
      return g.coordinates[0] === p[0] && g.coordinates[1] === p[1]
    case 'MultiPoint':
      return g.coordinates.some((c) => c[0] === p[0] && c[1] === p[1])
    case 'LineString':
      return g.coordinates.some((c, i) => i > 0 && onSegment(p[0], p[1], g.coordinates[i - 1][0], g.coordinates[i - 1][1], c[0], c[1]))
    case 'MultiLineString':
      return g.coordinates.some((l) => l.some((c, i) => i > 0 && onSegment(p[0], p[1], l[i - 1][0], l[i - 1][1], c[0], c[1])))
    default:
      return pointWithin(p, g)
  }
}

/**
 * A stored non-point geometry (a Polygon, a LineString …) against a query geometry. Approximation:
 * "within" = every vertex within; "intersects" = some vertex of either lies in/on the other. Enough
 * for the local emulator (the app stores Points); stated in the README.
 */
export function storedGeometryMatches(stored: unknown, g: QueryGeometry, op: 'within' | 'intersects'): boolean {
  let sg: QueryGeometry
  try {
    sg = parseGeometry(stored)
  } catch {
    return false
  }
  const verts: Position[] = []
  const collect = (x: unknown): void => {
    if (isPosition(x)) verts.push(x)
    else if (Array.isArray(x)) x.forEach(collect)
  }
  collect(sg.coordinates)
  if (op === 'within') return verts.length > 0 && verts.every((v) => pointWithin(v, g))
  if (verts.some((v) => pointIntersects(v, g))) return true
  const qv: Position[] = []
  const collectQ = (x: unknown): void => {
    if (isPosition(x)) qv.push(x)
    else if (Array.isArray(x)) x.forEach(collectQ)
  }
  collectQ(g.coordinates)
  return qv.some((v) => pointIntersects(v, sg))
}
