import { layout, outerDistance, radiusPct, ringDistances, OUTER_PCT } from '../schematic'

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
