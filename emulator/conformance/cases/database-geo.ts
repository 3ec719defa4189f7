/**
 * Geo: node-sdk's production-run geo.test.ts and geo-advanced.test.ts, and the geo Command pages
 * (geoNear, geoWithin, geoIntersects) and the geoNear aggregation stage. Geo queries need a 2dsphere
 * index in production too, so these use the schema collections `conf_geo` (index on `location`) and
 * `conf_geo_point` (on `point`), each case under its own `tag`.
 */
import { defineArea, type ConformanceCase } from '../case'
import { upstream, wxDoc } from './sources'

const tagOf = (id: string) => `${id}-${Date.now()}-${Math.random().toString(36).slice(2)}`
const ADV = 'unit/geo-advanced.test.ts'

// the 回-shaped polygon of geo-advanced.test: an outer ring (±2°) with a hole (±1°)
function shapes(Geo: any) {
  const { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon } = Geo
  const [p1, p2, p3, p4] = [Point(-2, -2), Point(2, -2), Point(2, 2), Point(-2, 2)]
  const [p5, p6, p7, p8] = [Point(-1, -1), Point(1, -1), Point(1, 1), Point(-1, 1)]
  return {
    outer: Polygon([LineString([p1, p2, p3, p4, p1])]),
    polygon: Polygon([LineString([p1, p2, p3, p4, p1]), LineString([p5, p6, p7, p8, p5])]),
    line: LineString([Point(10, 10), Point(20, 20)]),
    multiPoint: MultiPoint([Point(1, 1), Point(2, 2), Point(3, 3)]),
    multiLineString: MultiLineString([LineString([Point(1, 1), Point(2, 2)]), LineString([Point(3, 3), Point(4, 4)])]),
    multiPolygon: MultiPolygon([Polygon([LineString([p1, p2, p3, p4, p1])]), Polygon([LineString([p5, p6, p7, p8, p5])])]),
  }
}

const upstreamCases: ConformanceCase[] = [
  {
    id: 'geo.point-crud',
    title: 'a Point (and Points in arrays and objects) round-trips; set with the same data reports updated 1; remove by _id reports 1',
    source: upstream('unit/geo.test.ts', 'GEO类型 › GEO Point - CRUD'),
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      const c = db.collection(name)
      const point = new db.Geo.Point(-180, 20)
      const data = {
        point,
        pointArr: [point, point, point],
        due: new Date('2018-09-01'),
        int: 100,
        geo: new db.Geo.Point(90, 23),
        array: [
          { string: '99999999', due: new Date('2018-09-01'), geo: new db.Geo.Point(90, 23) },
          { string: '0000000', geo: new db.Geo.Point(90, 23), null: null },
        ],
      }
      const r = await c.add({ data })
      const set = await c.doc(r._id).set({ data })
      const d = (await c.where({ _id: r._id }).get()).data[0]
      return {
        updated: set.stats.updated,
        point: { longitude: d.point.longitude, latitude: d.point.latitude, isPoint: d.point.constructor.name === 'Point' },
        nested: d.array[0].geo.constructor.name === 'Point' && d.pointArr[2].constructor.name === 'Point',
        deleted: (await c.where({ _id: r._id }).remove()).stats.removed,
      }
    },
    check: (r, expect) => expect(r).toEqual({ updated: 1, point: { longitude: -180, latitude: 20, isPoint: true }, nested: true, deleted: 1 }),
  },
  {
    id: 'geo.advanced-crud',
    title: 'LineString, Polygon (with a hole), MultiPoint, MultiLineString, MultiPolygon come back as their Geo classes, equal; set reports updated 1',
    source: upstream(ADV, 'GEO高级功能 › GEO Advanced - CRUD'),
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      const c = db.collection(name)
      const s = shapes(db.Geo)
      const data = { point: db.Geo.Point(12, 34), line: s.line, polygon: s.polygon, multiPoint: s.multiPoint, multiLineString: s.multiLineString, multiPolygon: s.multiPolygon }
      const r = await c.add({ data })
      const d = (await c.where({ _id: r._id }).get()).data[0]
      // wx-server-sdk's db.Geo.X are factories, so the classes are told apart by name
      const kinds = ['point', 'line', 'polygon', 'multiPoint', 'multiLineString', 'multiPolygon'].map((k) => d[k].constructor.name)
      const same = ['point', 'line', 'polygon', 'multiPoint', 'multiLineString', 'multiPolygon'].every((k) => JSON.stringify(d[k]) === JSON.stringify((data as any)[k]))
      const set = await c.doc(r._id).set({ data })
      return { kinds, same, updated: set.stats.updated }
    },
    check: (r, expect) => expect(r).toEqual({ kinds: ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'], same: true, updated: 1 }),
  },
  {
    id: 'geo.geoNear-distances',
    title: 'geoNear with maxDistance 1 / minDistance 0 finds the exact point; without distances too',
    source: upstream(ADV, 'GEO高级功能 › GEO - geoNear'),
    async run({ db, _ }) {
      const tag = tagOf('geoNear')
      const geoPoint = db.Geo.Point(22, 33)
      await db.collection('conf_geo_point').add({ data: [{ tag, point: db.Geo.Point(22.5, 33) }, { tag, point: geoPoint }] })
      const first = async (q: any) => {
        const d = (await db.collection('conf_geo_point').where({ tag, point: q }).get()).data[0]
        return [d.point.longitude, d.point.latitude]
      }
      return [await first(_.geoNear({ geometry: geoPoint, maxDistance: 1, minDistance: 0 })), await first(_.geoNear({ geometry: geoPoint }))]
    },
    check: (r, expect) =>
      expect(r).toEqual([
        [22, 33],
        [22, 33],
      ]),
  },
  {
    id: 'geo.geoWithin-polygon-and-remove',
    title: 'geoWithin a polygon finds the point inside; remove by the same condition deletes it',
    source: upstream(ADV, 'GEO高级功能 › GEO - geoWithin geometry'),
    async run({ db, _ }) {
      const tag = tagOf('within')
      const { outer } = shapes(db.Geo)
      await db.collection('conf_geo_point').add({ data: [{ tag, point: db.Geo.Point(0, 0) }, { tag, point: db.Geo.Point(5, 5) }] })
      const q = { tag, point: _.geoWithin({ geometry: outer }) }
      const found = (await db.collection('conf_geo_point').where(q).get()).data.map((d: any) => [d.point.longitude, d.point.latitude])
      const deleted = (await db.collection('conf_geo_point').where(q).remove()).stats.removed
      return { found, deleted }
    },
    check: (r, expect) => expect(r).toEqual({ found: [[0, 0]], deleted: 1 }),
  },
  {
    id: 'geo.geoWithin-centerSphere',
    title: 'geoWithin centerSphere (radians) with a Point or a [lng, lat] centre',
    source: upstream(ADV, 'GEO高级功能 › GEO - geoWithin centerSphere') + '; ' + wxDoc('command/Command.geoWithin'),
    async run({ db, _ }) {
      const tag = tagOf('centerSphere')
      await db.collection('conf_geo_point').add({ data: [{ tag, point: db.Geo.Point(-88, 30.001) }, { tag, point: db.Geo.Point(-88, 31) }] })
      const lat = async (centre: unknown) => (await db.collection('conf_geo_point').where({ tag, point: _.geoWithin({ centerSphere: [centre, 10 / 6378.1] }) }).get()).data.map((d: any) => d.point.latitude)
      return [await lat(db.Geo.Point(-88, 30)), await lat([-88, 30])]
    },
    check: (r, expect) => expect(r).toEqual([[30.001], [30.001]]),
  },
]

// the geo Command pages (these were the in-process suite's geo tests)
const PLACES = (P: any) => [
  { code: 1, name: 'p0', kind: 'station', location: P(120.0, 30.0) },
  { code: 2, name: 'p1', kind: 'canteen', location: P(120.01, 30.0) },
  { code: 3, name: 'p2', kind: 'station', location: P(120.02, 30.0) },
  { code: 4, name: 'p5', kind: 'station', location: P(120.05, 30.0) },
  { code: 5, name: 'far', kind: 'station', location: P(121.0, 31.0) },
]
/** PLACES under a fresh tag in `conf_geo` (2dsphere on `location`); answers the tag and a Point maker. */
async function seedPlaces(db: any, id: string) {
  const tag = tagOf(id)
  const P = (lng: number, lat: number) => db.Geo.Point(lng, lat)
  await db.collection('conf_geo').add({ data: PLACES(P).map((d) => ({ ...d, tag })) })
  return { tag, P }
}

const reference: ConformanceCase[] = [
  {
    id: 'geo.geoNear-reference',
    title: 'geoNear sorts by distance, honours max/min distance in metres and other conditions, and returns Points',
    source: wxDoc('command/Command.geoNear'),
    async run({ db, _ }) {
      const { tag, P } = await seedPlaces(db, 'near')
      const names = async (q: any, limit = 100) => (await db.collection('conf_geo').where({ tag, ...q }).limit(limit).get()).data.map((d: any) => d.name)
      const near = (await db.collection('conf_geo').where({ tag, location: _.geoNear({ geometry: P(120.021, 30.0), maxDistance: 2500 }) }).get()).data
      return {
        near: near.map((d: any) => d.name),
        isPoint: near[0].location.constructor.name === 'Point',
        ring: await names({ location: _.geoNear({ geometry: P(120.0, 30.0), minDistance: 1500, maxDistance: 10000 }) }),
        stations: await names({ kind: 'station', location: _.geoNear({ geometry: P(120.011, 30.0) }) }, 2),
      }
    },
    check: (r, expect) => expect(r).toEqual({ near: ['p2', 'p1', 'p0'], isPoint: true, ring: ['p2', 'p5'], stations: ['p2', 'p0'] }),
  },
  {
    id: 'geo.geoWithin-reference',
    title: 'geoWithin a Polygon, a MultiPolygon and a centerSphere',
    source: wxDoc('command/Command.geoWithin'),
    async run({ db, _ }) {
      const { tag, P } = await seedPlaces(db, 'within-ref')
      const { Polygon, LineString, MultiPolygon } = db.Geo
      const poly = Polygon([LineString([P(119.99, 29.99), P(120.015, 29.99), P(120.015, 30.01), P(119.99, 30.01), P(119.99, 29.99)])])
      const poly2 = Polygon([LineString([P(120.04, 29.99), P(120.06, 29.99), P(120.06, 30.01), P(120.04, 29.99)])])
      const names = async (geo: any) => (await db.collection('conf_geo').where({ tag, location: _.geoWithin(geo) }).get()).data.map((d: any) => d.name).sort()
      return [await names({ geometry: poly }), await names({ geometry: MultiPolygon([poly, poly2]) }), await names({ centerSphere: [P(120.0, 30.0), 2500 / 6378100] })]
    },
    check: (r, expect) => expect(r).toEqual([['p0', 'p1'], ['p0', 'p1', 'p5'], ['p0', 'p1', 'p2']]),
  },
  {
    id: 'geo.geoIntersects-reference',
    title: 'geoIntersects a Polygon and a Point',
    source: wxDoc('command/Command.geoIntersects'),
    async run({ db, _ }) {
      const { tag, P } = await seedPlaces(db, 'intersects')
      const { Polygon, LineString } = db.Geo
      const poly = Polygon([LineString([P(120.005, 29.99), P(120.03, 29.99), P(120.03, 30.01), P(120.005, 30.01), P(120.005, 29.99)])])
      const names = async (geometry: any) => (await db.collection('conf_geo').where({ tag, location: _.geoIntersects({ geometry }) }).get()).data.map((d: any) => d.name).sort()
      return [await names(poly), await names(P(121.0, 31.0))]
    },
    check: (r, expect) => expect(r).toEqual([['p1', 'p2'], ['far']]),
  },
  {
    id: 'geo.geoNear-stage-reference',
    title: 'the geoNear stage: distanceField, query, maxDistance, distanceMultiplier, includeLocs; minDistance with key',
    source: wxDoc('aggregate/Aggregate.geoNear'),
    async run({ db }) {
      const { tag, P } = await seedPlaces(db, 'stage')
      const r = await db
        .collection('conf_geo')
        .aggregate()
        .geoNear({ near: P(120.0, 30.0), spherical: true, distanceField: 'dist', maxDistance: 4000, query: { tag, kind: 'station' }, distanceMultiplier: 0.001, includeLocs: 'loc' })
        .project({ _id: 0, name: 1, dist: 1, loc: 1 })
        .end()
      const k = await db.collection('conf_geo').aggregate().geoNear({ near: P(121, 31), distanceField: 'd', key: 'location', minDistance: 1, query: { tag } }).limit(1).end()
      return { list: r.list, nextAfterFar: k.list[0].name }
    },
    check(r: any, expect) {
      expect(r.list.map((d: any) => d.name)).toEqual(['p0', 'p2'])
      expect(r.list[0].dist).toBe(0)
      expect(r.list[1].dist).toBeCloseTo(1.927, 2)
      expect(r.list[1].loc).toEqual({ type: 'Point', coordinates: [120.02, 30.0] })
      expect(r.nextAfterFar).toBe('p5')
    },
  },
]

export default defineArea('database: geo', [...upstreamCases, ...reference])
