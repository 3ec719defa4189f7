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

/** Positions of points around `centre`; markers closer than `minGap` % are pushed apart a little. */
export function layout(centre: LngLat, points: { id: string; location: [number, number] }[], outer: number, minGap = 7): Placed[] {
  const placed = points.map((p) => {
    const o = offsetMeters(centre, { longitude: p.location[0], latitude: p.location[1] })
    const d = Math.hypot(o.x, o.y)
    const r = radiusPct(d, outer)
    const ux = d > 0 ? o.x / d : 0
    const uy = d > 0 ? o.y / d : 0
    return { id: p.id, left: 50 + ux * r, top: 50 - uy * r }
  })
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
  const clamp = (v: number) => Math.min(96, Math.max(4, v))
  return placed.map((p) => ({ ...p, left: clamp(p.left), top: clamp(p.top) }))
}
