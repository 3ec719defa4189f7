import type { CompoundView, Offset } from '@domain/compounds/model'

/** Where the schematic puts things: percent of its box, y up (north at the top). */
export interface Frame {
  minX: number
  maxY: number
  w: number
  h: number
}

const MARGIN_M = 14

export function frameOf(v: Pick<CompoundView, 'outline' | 'gates' | 'buildings' | 'parking' | 'lockers' | 'hazards'>): Frame {
  // the anchor too: a compound just created has no outline, gates or buildings yet
  const pts: Offset[] = [{ x: 0, y: 0 }, ...v.outline, ...[...v.gates, ...v.buildings, ...v.parking, ...v.lockers, ...v.hazards].map((p) => p.at)]
  const xs = pts.map((p) => p.x)
  const ys = pts.map((p) => p.y)
  const minX = Math.min(...xs) - MARGIN_M
  const maxX = Math.max(...xs) + MARGIN_M
  const minY = Math.min(...ys) - MARGIN_M
  const maxY = Math.max(...ys) + MARGIN_M
  return { minX, maxY, w: Math.max(1, maxX - minX), h: Math.max(1, maxY - minY) }
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`

/** CSS position of an offset inside the frame. */
export const place = (f: Frame, p: Offset) => ({ left: pct((p.x - f.minX) / f.w), top: pct((f.maxY - p.y) / f.h) })

/** Dots along the walk, about every `step` metres (the route is drawn with Views, not a canvas). */
export function dotsAlong(points: readonly Offset[], step: number): Offset[] {
  const out: Offset[] = []
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]
    const b = points[i]
    const len = Math.hypot(b.x - a.x, b.y - a.y)
    const n = Math.max(1, Math.round(len / step))
    for (let k = i === 1 ? 0 : 1; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n })
  }
  return out
}

/** The offset under a tap: the tap's viewport point inside the schematic's viewport box, back to metres (whole). */
export function offsetAt(f: Frame, box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): Offset {
  const fx = (clientX - box.left) / box.width
  const fy = (clientY - box.top) / box.height
  return { x: Math.round(f.minX + fx * f.w), y: Math.round(f.maxY - fy * f.h) }
}
