import { distanceMeters } from '@domain/geo'
import { gcj02ToWgs84, wgs84ToGcj02 } from '../coords'

describe('WGS-84 ⇄ GCJ-02', () => {
  it('shifts Hangzhou by a few hundred metres, and the inverse returns to within a metre', () => {
    const wgs = { longitude: 120.1648, latitude: 30.2774 }
    const g = wgs84ToGcj02(wgs.longitude, wgs.latitude)
    const shift = distanceMeters(wgs.longitude, wgs.latitude, g.longitude, g.latitude)
    expect(shift).toBeGreaterThan(300)
    expect(shift).toBeLessThan(700)
    expect(g.longitude).toBeGreaterThan(wgs.longitude) // GCJ-02 lies east of GPS in Hangzhou
    const back = gcj02ToWgs84(g.longitude, g.latitude)
    expect(distanceMeters(back.longitude, back.latitude, wgs.longitude, wgs.latitude)).toBeLessThan(1)
  })

  it('leaves coordinates outside China alone', () => {
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual({ longitude: 2.35, latitude: 48.85 })
  })
})
