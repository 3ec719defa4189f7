import { clusters, layout, MARKER_PCT, outerDistance, radiusPct, ringDistances, OUTER_PCT } from '../schematic'

describe('schematic map layout', () => {
  it('rounds the outer ring up and labels up to three rings', () => {
    expect(outerDistance([120, 800])).toBe(1000)
    expect(outerDistance([])).toBe(300)
    expect(outerDistance([4200])).toBe(5000)
    expect(ringDistances(2000)).toEqual([500, 1000, 2000])
    expect(radiusPct(2000, 2000)).toBeCloseTo(OUTER_PCT)
    expect(radiusPct(500, 2000)).toBeCloseTo(OUTER_PCT / 2)
  })

  it('keeps compass directions, stays in the box and keeps markers off "me" and each other', () => {
    const c = { longitude: 120.16962, latitude: 30.27489 }
    const pts = [
      { id: 'n', location: [c.longitude, c.latitude + 0.009] as [number, number] },
      { id: 'e', location: [c.longitude + 0.01, c.latitude] as [number, number] },
      { id: 'here', location: [c.longitude, c.latitude] as [number, number] },
      { id: 'here2', location: [c.longitude + 0.00001, c.latitude] as [number, number] },
    ]
    const at = Object.fromEntries(layout(c, pts, 1000).map((p) => [p.id, p]))
    expect(at.n.top).toBeLessThan(50)
    expect(Math.abs(at.n.left - 50)).toBeLessThan(1)
    expect(at.e.left).toBeGreaterThan(50)
    for (const p of Object.values(at)) {
      expect(p.left).toBeGreaterThanOrEqual(4)
      expect(p.left).toBeLessThanOrEqual(96)
      expect(Math.hypot(p.left - 50, p.top - 50)).toBeGreaterThan(5)
    }
    expect(Math.hypot(at.here.left - at.here2.left, at.here.top - at.here2.top)).toBeGreaterThan(5)
  })
})

describe('schematic map markers: one tap area each (issue 19)', () => {
  const c = { longitude: 120.16962, latitude: 30.27489 }
  /** `n` places on a spiral within ~`r` metres of the centre, nearest first */
  const crowd = (n: number, r: number) =>
    Array.from({ length: n }, (_, i) => {
      const d = (r * (i + 1)) / n
      const a = i * 2.4
      return { id: `p${i}`, location: [c.longitude + (d * Math.cos(a)) / 96_000, c.latitude + (d * Math.sin(a)) / 111_000] as [number, number] }
    })

  it('gathers places too close to tap apart into one marker, and no two tap areas overlap', () => {
    const pts = crowd(40, 600)
    const ms = clusters(c, pts, 2000)
    expect(ms.length).toBeLessThan(pts.length)
    expect(ms.length).toBeGreaterThan(3)
    // every place is on the map exactly once
    expect(ms.flatMap((m) => m.ids).sort()).toEqual(pts.map((p) => p.id).sort())
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]
      expect(m.left).toBeGreaterThanOrEqual(MARKER_PCT / 2)
      expect(m.left).toBeLessThanOrEqual(100 - MARKER_PCT / 2)
      expect(m.top).toBeGreaterThanOrEqual(MARKER_PCT / 2)
      expect(m.top).toBeLessThanOrEqual(100 - MARKER_PCT / 2)
      for (const o of ms.slice(i + 1)) expect(Math.hypot(m.left - o.left, m.top - o.top)).toBeGreaterThanOrEqual(MARKER_PCT * 0.97)
    }
    // the nearest place keeps a marker led by itself
    expect(ms.some((m) => m.ids[0] === 'p0')).toBe(true)
  })

  it('keeps places far enough apart as markers of their own', () => {
    const pts = [
      { id: 'n', location: [c.longitude, c.latitude + 0.009] as [number, number] },
      { id: 'e', location: [c.longitude + 0.01, c.latitude] as [number, number] },
      { id: 's', location: [c.longitude, c.latitude - 0.009] as [number, number] },
    ]
    expect(clusters(c, pts, 1000).map((m) => m.ids)).toEqual([['n'], ['e'], ['s']])
  })
})
