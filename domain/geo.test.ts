import { boundingBox, distanceMeters, formatDistance, offsetMeters, speedKmh } from './geo'

describe('geo', () => {
  it('measures great-circle distances in metres', () => {
    expect(distanceMeters(120.1696, 30.2749, 120.1696, 30.2749)).toBe(0)
    // one degree of latitude ≈ 111.3 km on a 6378.1 km sphere
    expect(distanceMeters(120, 30, 120, 31)).toBeCloseTo(111_318, -1)
    // 武林广场 → 西溪 (文二西路) is about 6.5 km
    const d = distanceMeters(120.16962, 30.27489, 120.10412, 30.28398)
    expect(d).toBeGreaterThan(6000)
    expect(d).toBeLessThan(7000)
  })
  it('bounds a radius with a box', () => {
    const [minLng, minLat, maxLng, maxLat] = boundingBox(120.17, 30.27, 1000)
    expect(distanceMeters(120.17, 30.27, 120.17, maxLat)).toBeCloseTo(1000, 0)
    expect(distanceMeters(120.17, 30.27, maxLng, 30.27)).toBeCloseTo(1000, 0)
    expect(minLng).toBeLessThan(120.17)
    expect(minLat).toBeLessThan(30.27)
  })
  it('offsets, formats and computes speed', () => {
    const o = offsetMeters({ longitude: 120, latitude: 30 }, { longitude: 120.01, latitude: 30.01 })
    expect(o.x).toBeGreaterThan(900)
    expect(o.y).toBeCloseTo(1113, -1)
    expect(formatDistance(350.4)).toBe('350 米')
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(speedKmh(10_000, 60_000)).toBeCloseTo(600)
    expect(speedKmh(1, 0)).toBe(Infinity)
  })
})
