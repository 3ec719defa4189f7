/**
 * Layout of the h5 schematic map (pure, tested): "me" in the centre of a square, each place in its
 * true compass direction, distances on a square-root scale (so the near cluster spreads out and the
 * far ones still fit) with labelled rings at round distances; overlapping markers nudged apart.
 */
import { offsetMeters, type LngLat } from '@domain/geo'

/** radius of the outer ring, in % of the square's side */
export const OUTER_PCT = 44
const STEPS = [100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000]

/** The outer ring: the smallest round distance ≥ the farthest place (at least 300 m). */
export function outerDistance(distances: number[]): number {
  const far = Math.max(300, ...distances)
  return STEPS.find((s) => s >= far) ?? Math.ceil(far / 1000) * 1000
}

/** Ring distances: up to three round distances inside the outer one, plus the outer one. */
export function ringDistances(outer: number): number[] {
  const inner = STEPS.filter((s) => s < outer && s >= outer / 12).slice(-2)
  return [...inner, outer]
}

/** Distance → radius in % of the side (square-root scale). */
export const radiusPct = (meters: number, outer: number): number => Math.sqrt(Math.max(0, meters) / outer) * OUTER_PCT

export interface Placed {
  id: string
  /** % of the side, from the left / top */
  left: number
  top: number
}

/**
 * A marker's tap area in % of the map's side: 88 design px (44 px on a 375-px phone, the tap-target
 * minimum of issue 19) on a map 702 design px wide (the page less its padding), with a little air.
 */
export const MARKER_PCT = 13

type Point = { id: string; location: [number, number] }

/** A point's place on the map before any nudging: its compass direction, distance on the square-root scale. */
function project(centre: LngLat, p: Point, outer: number): Placed {
  const o = offsetMeters(centre, { longitude: p.location[0], latitude: p.location[1] })
  const d = Math.hypot(o.x, o.y)
  const r = radiusPct(d, outer)
  const ux = d > 0 ? o.x / d : 0
  const uy = d > 0 ? o.y / d : 0
  return { id: p.id, left: 50 + ux * r, top: 50 - uy * r }
}

/**
 * Pushes markers closer than `minGap` % apart, and off "me" in the centre, a little at a time; then
 * keeps each whole marker (`inset` % from its centre to its edge) inside the box.
 */
function spread<T extends Placed>(placed: T[], minGap: number, inset: number): T[] {
  for (let round = 0; round < 12; round++) {
    let moved = false
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]
        const b = placed[j]
        let dx = b.left - a.left
        let dy = b.top - a.top
        let d = Math.hypot(dx, dy)
        if (d >= minGap) continue
        if (d < 0.01) {
          // same spot: split them along a fixed diagonal
          dx = 1
          dy = 1
          d = Math.SQRT2
        }
        const push = (minGap - d) / 2
        a.left -= (dx / d) * push
        a.top -= (dy / d) * push
        b.left += (dx / d) * push
        b.top += (dy / d) * push
        moved = true
      }
    }
    // keep clear of "me" in the centre (fixed): push outward along the marker's own direction
    for (const a of placed) {
      const dx = a.left - 50
      const dy = a.top - 50
      const d = Math.hypot(dx, dy)
      if (d >= minGap) continue
      const ux = d > 0.01 ? dx / d : 0
      const uy = d > 0.01 ? dy / d : -1
      a.left = 50 + ux * minGap
      a.top = 50 + uy * minGap
      moved = true
    }
    if (!moved) break
  }
  const clamp = (v: number) => Math.min(100 - inset, Math.max(inset, v))
  return placed.map((p) => ({ ...p, left: clamp(p.left), top: clamp(p.top) }))
}

/** Positions of points around `centre`; markers closer than `minGap` % are pushed apart a little. */
export function layout(centre: LngLat, points: Point[], outer: number, minGap = 7): Placed[] {
  return spread(
    points.map((p) => project(centre, p, outer)),
    minGap,
    4,
  )
}

/** One marker of the map: a place, or several places too close together to tap apart. */
export interface Cluster extends Placed {
  /** the places it stands for, nearest first (the first one's id is the cluster's id) */
  ids: string[]
}

/**
 * Markers a finger can tell apart: places nearer than one tap area (`gap` %) on the map join one
 * marker (nearest place first, so the closest stays a marker of its own); the markers are then
 * spread so that no two tap areas overlap and none leaves the box — where spreading cannot make room
 * (a crowded edge), the two markers still too close become one. `points` come nearest first.
 */
export function clusters(centre: LngLat, points: Point[], outer: number, gap = MARKER_PCT): Cluster[] {
  let groups: Cluster[] = []
  for (const p of points) {
    const at = project(centre, p, outer)
    const near = groups.find((g) => Math.hypot(g.left - at.left, g.top - at.top) < gap)
    if (near) near.ids.push(p.id)
    else groups.push({ ...at, ids: [p.id] })
  }
  for (;;) {
    const placed = spread(groups.map((g) => ({ ...g })), gap, gap / 2)
    const pair = closePair(placed, gap * 0.97)
    if (!pair) return placed
    const [i, j] = pair
    groups = groups.filter((_, k) => k !== j).map((g, k) => (k === i ? { ...g, ids: [...g.ids, ...groups[j].ids] } : g))
  }
}

/** The first two markers nearer than `min` % (i < j), if any. */
function closePair(placed: Placed[], min: number): [number, number] | null {
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) if (Math.hypot(placed[i].left - placed[j].left, placed[i].top - placed[j].top) < min) return [i, j]
  return null
}
