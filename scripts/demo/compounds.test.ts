import { createCompoundInput } from '../../domain/compounds/contract'
import { compoundView, routeTo, toLngLat } from '../../domain/compounds/rules'
import { distanceMeters } from '../../domain/geo'
import { parseOrThrow } from '../../domain/validation'
import { demoCompounds } from './compounds'
import { demoPlaces } from './places'

const lngLat = (id: string) => demoPlaces.find((p) => p._id === id)!.location.coordinates

describe('demo compounds', () => {
  it.each(demoCompounds.map((c) => [c.name, c] as const))('%s passes the worker’s own validation and is real-shaped', (_n, c) => {
    const { _id, searchKeys, nameLength, location, recentFlags, status, createdAt, updatedAt, updatedBy, communityName, ...fields } = c
    expect(() => parseOrThrow(createCompoundInput, fields)).not.toThrow()
    expect(c.buildings.length).toBeGreaterThanOrEqual(20)
    expect(c.gates.length).toBeGreaterThanOrEqual(2)
    expect(c.gates.length).toBeLessThanOrEqual(4)
    expect(c.parking.length).toBeGreaterThan(0)
  })
  it('one gate closes at night', () => {
    expect(demoCompounds.some((c) => c.gates.some((g) => !g.hours.always))).toBe(true)
  })
  it('agrees with the demo places: 金祝新村 12 幢 is the station, its 3 号门 the charging shed; 新和平小区’s 专停泊位 is inside its 2 号门', () => {
    const [jz, xhp] = demoCompounds
    const near = (o: { x: number; y: number }, anchor: { longitude: number; latitude: number }, id: string) => {
      const p = toLngLat(anchor, o)
      const [lng, lat] = lngLat(id)
      return distanceMeters(p.longitude, p.latitude, lng, lat)
    }
    expect(near(jz.buildings.find((b) => b.no === '12')!.at, jz.anchor, 'p-bs-001')).toBeLessThan(2)
    expect(near(jz.gates.find((g) => g.id === 'g3')!.at, jz.anchor, 'p-bs-008')).toBeLessThan(5)
    expect(near(xhp.parking[0].at, xhp.anchor, 'p-wl-020')).toBeLessThan(2)
  })
  it('every building of every demo compound has a way in at noon', () => {
    const noon = new Date('2026-12-03T12:00:00+08:00')
    for (const c of demoCompounds) {
      const v = compoundView(c, c.communityName, noon)
      for (const b of v.buildings) expect(routeTo(v, b, null).route).not.toBeNull()
    }
  })
})
