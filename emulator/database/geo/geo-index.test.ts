import fc from 'fast-check'
import { distanceMeters, parseGeometry, pointWithin } from './geometry'
import { GeoIndex } from './geo-index'

const loc = (d: Record<string, unknown>) => d.location
const pt = (lng: number, lat: number) => ({ location: { type: 'Point', coordinates: [lng, lat] } })

/** brute force reference */
function bruteNear(points: Map<string, [number, number]>, lng: number, lat: number, k: number, max = Infinity, min = 0) {
  return [...points]
    .map(([key, [x, y]]) => ({ key, meters: distanceMeters(lng, lat, x, y) }))
    .filter((h) => h.meters <= max && h.meters >= min)
    .sort((a, b) => a.meters - b.meters)
    .slice(0, k)
}

test('distance uses MongoDB’s earth radius', () => {
  // one degree of latitude = 2πR/360 with R = 6378.1 km
  expect(distanceMeters(120, 30, 120, 31)).toBeCloseTo((2 * Math.PI * 6378100) / 360, 3)
})

test('polygon containment includes the boundary and excludes holes', () => {
  const g = parseGeometry({
    type: 'Polygon',
    coordinates: [
      [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
      [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
  })
  expect(pointWithin([1, 1], g)).toBe(true)
  expect(pointWithin([10, 5], g)).toBe(true)
  expect(pointWithin([5, 5], g)).toBe(false)
  expect(pointWithin([11, 5], g)).toBe(false)
  expect(() => parseGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] })).toThrow(/at least 4/)
})

test('property: nearest-k with writes, deletes and rebuilds equals brute force', () => {
  const coord = fc.tuple(fc.double({ min: 119, max: 121, noNaN: true }), fc.double({ min: 29, max: 31, noNaN: true }))
  const op = fc.oneof(
    fc.record({ t: fc.constant('put' as const), key: fc.integer({ min: 0, max: 300 }), at: coord }),
    fc.record({ t: fc.constant('del' as const), key: fc.integer({ min: 0, max: 300 }) }),
    fc.record({ t: fc.constant('rebuild' as const) }),
  )
  fc.assert(
    fc.property(fc.array(op, { maxLength: 400 }), coord, fc.integer({ min: 1, max: 30 }), fc.option(fc.integer({ min: 100, max: 100_000 })), (ops, [qx, qy], k, max) => {
      const gi = new GeoIndex('location', loc)
      const ref = new Map<string, [number, number]>()
      for (const o of ops) {
        if (o.t === 'put') {
          gi.set(String(o.key), pt(o.at[0], o.at[1]))
          ref.set(String(o.key), o.at)
        } else if (o.t === 'del') {
          gi.remove(String(o.key))
          ref.delete(String(o.key))
        } else gi.rebuild()
      }
      const got = gi.near(qx, qy, { limit: k, maxMeters: max ?? undefined })
      const want = bruteNear(ref, qx, qy, k, max ?? Infinity)
      expect(got.map((h) => h.meters)).toEqual(want.map((h) => h.meters))
      expect(gi.size).toBe(ref.size)
    }),
    { numRuns: 150 },
  )
})

test('min distance, filter, box queries; non-point values are not indexed as points', () => {
  const gi = new GeoIndex('location', loc)
  for (let i = 0; i < 2000; i++) gi.set(`k${i}`, pt(120 + (i % 50) * 0.001, 30 + Math.floor(i / 50) * 0.001))
  gi.set('poly', { location: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } })
  gi.set('none', { other: 1 })
  expect(gi.size).toBe(2000)
  expect([...gi.nonPoints]).toEqual(['poly'])
  const hits = gi.near(120, 30, { limit: 5, minMeters: 150, filter: (k) => Number(k.slice(1)) % 2 === 0 })
  expect(hits).toHaveLength(5)
  for (const h of hits) {
    expect(h.meters).toBeGreaterThanOrEqual(150)
    expect(Number(h.key.slice(1)) % 2).toBe(0)
  }
  expect(hits.map((h) => h.meters)).toEqual([...hits.map((h) => h.meters)].sort((a, b) => a - b))
  expect(gi.inBox(120, 30, 120.0015, 30.0015).sort()).toEqual(['k0', 'k1', 'k50', 'k51'])
})

test('nearest-20 among 100,000 points is well under 10 ms (index, not a scan)', () => {
  const gi = new GeoIndex('location', loc)
  let seed = 42
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
  for (let i = 0; i < 100_000; i++) gi.set(String(i), pt(119.9 + rnd() * 0.6, 30.1 + rnd() * 0.3))
  gi.near(120.2, 30.25, { limit: 20 }) // builds the tree
  const t0 = performance.now()
  for (let i = 0; i < 1000; i++) gi.near(119.9 + rnd() * 0.6, 30.1 + rnd() * 0.3, { limit: 20 })
  const perQuery = (performance.now() - t0) / 1000
  expect(perQuery).toBeLessThan(2)
})

test('given the documents, the index is built from them on first use and kept current after', () => {
  const docs = new Map<string, Record<string, unknown>>()
  const gi = new GeoIndex('location', loc, () => docs)
  const put = (k: string, d: Record<string, unknown>) => {
    docs.set(k, d)
    gi.set(k, d)
  }
  put('a', pt(120, 30))
  put('b', pt(120.01, 30))
  put('poly', { location: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } })
  put('none', { name: 'no location' })
  docs.delete('b')
  gi.remove('b')
  expect(gi.near(120, 30).map((h) => h.key)).toEqual(['a'])
  expect([...gi.nonPoints]).toEqual(['poly'])
  put('c', pt(120.001, 30))
  put('a', pt(121, 30))
  expect(gi.near(120, 30).map((h) => h.key)).toEqual(['c', 'a'])
  expect(gi.size).toBe(2)
  expect(gi.pointOfKey('a')).toEqual([121, 30])
})
