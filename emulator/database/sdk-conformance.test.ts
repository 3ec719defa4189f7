/**
 * Conformance of the database service with the real wx-server-sdk: the SDK is loaded in this test
 * process with the environment the functions runtime sets, and every call goes over HTTP to
 * `POST /admin` served by createAdminHandler — the same path cloud functions take.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createDatabaseService, type DatabaseService } from './index'
import { startAdminServer, loadSdk, type AdminServer } from './testing'

jest.setTimeout(60_000)

/* eslint-disable @typescript-eslint/no-explicit-any */
let svc: DatabaseService
let srv: AdminServer
let cloud: any
let db: any
let _: any
let tmp: string

const schema: Record<string, object> = {
  items: { name: 'items', indexes: [] },
  places: {
    name: 'places',
    indexes: [
      { name: 'location_geo', keys: { location: '2dsphere' } },
      { name: 'code_unique', keys: { code: 1 }, unique: true },
      { name: 'kind', keys: { kind: 1 } },
    ],
  },
  ledger: { name: 'ledger', indexes: [{ name: 'user_key', keys: { user: 1, key: 1 }, unique: true }] },
  counters: { name: 'counters', indexes: [] },
  plain: { name: 'plain', indexes: [] },
  orders: { name: 'orders', indexes: [] },
  many: { name: 'many', indexes: [] },
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'db-conf-'))
  const schemaDir = path.join(tmp, 'schema')
  fs.mkdirSync(schemaDir)
  for (const [n, s] of Object.entries(schema)) fs.writeFileSync(path.join(schemaDir, `${n}.json`), JSON.stringify(s))
  svc = await createDatabaseService({ dataDir: path.join(tmp, 'data'), schemaDir })
  srv = await startAdminServer(svc.handle)
  cloud = loadSdk(srv.port)
  db = cloud.database()
  _ = db.command
})

afterAll(async () => {
  await srv?.close()
  await svc?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const names = (r: { data: { name: string }[] }) => r.data.map((d) => d.name).sort()

describe('add / get', () => {
  test('add one and many, server-generated 32-hex ids, get by doc', async () => {
    const one = await db.collection('items').add({ data: { name: 'one', n: 1 } })
    expect(one._id).toMatch(/^[0-9a-f]{32}$/)
    const many = await db.collection('items').add({ data: [{ name: 'two', n: 2 }, { name: 'three', n: 3 }] })
    expect(many._ids).toHaveLength(2)
    const got = await db.collection('items').doc(one._id).get()
    expect(got.data).toEqual({ _id: one._id, name: 'one', n: 1 })
    const custom = await db.collection('items').add({ data: { _id: 'my-id', name: 'custom' } })
    expect(custom._id).toBe('my-id')
    await expect(db.collection('items').add({ data: { _id: 'my-id', name: 'again' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('DATABASE_DUPLICATE_WRITE') })
    await expect(db.collection('items').doc('missing').get()).rejects.toBeTruthy() // the SDK rejects an empty doc.get
  })

  test('numeric _id via doc(123)', async () => {
    await db.collection('items').add({ data: { _id: 123, name: 'numeric' } })
    const got = await db.collection('items').doc(123).get()
    expect(got.data._id).toBe(123)
    expect((await db.collection('items').doc('123').get().catch(() => ({ data: null }))).data).toBeNull()
  })
})

describe('where with command operators', () => {
  beforeAll(async () => {
    await db.collection('plain').add({
      data: [
        { name: 'a', n: 1, tags: ['x', 'y'], sub: { a: 1, b: 'p' }, items: [{ k: 1, v: 'one' }, { k: 2, v: 'two' }], s: 'Hello' },
        { name: 'b', n: 2, tags: ['y'], sub: { a: 2, b: 'q' }, items: [{ k: 3, v: 'three' }], s: 'world' },
        { name: 'c', n: 3, tags: [], sub: { a: 3, b: 'p' }, items: [], s: 'HELLO there', opt: null },
        { name: 'd', n: 4, tags: ['x', 'y', 'z'], sub: { a: 1, b: 'r' }, extra: true, s: 'bye' },
        { name: 'e', n: 5.5, tags: ['z'], sub: { a: 5, b: 'p' }, s: 'hello' },
      ],
    })
  })
  const w = async (q: object) => names(await db.collection('plain').where(q).get())

  test('comparison', async () => {
    expect(await w({ n: _.eq(1) })).toEqual(['a'])
    expect(await w({ n: _.neq(1) })).toEqual(['b', 'c', 'd', 'e'])
    expect(await w({ n: _.gt(3) })).toEqual(['d', 'e'])
    expect(await w({ n: _.gte(3) })).toEqual(['c', 'd', 'e'])
    expect(await w({ n: _.lt(2) })).toEqual(['a'])
    expect(await w({ n: _.lte(2) })).toEqual(['a', 'b'])
    expect(await w({ n: _.in([1, 3, 99]) })).toEqual(['a', 'c'])
    expect(await w({ n: _.nin([1, 3]) })).toEqual(['b', 'd', 'e'])
    expect(await w({ n: 5.5 })).toEqual(['e'])
  })

  test('logical', async () => {
    expect(await w({ n: _.gt(1).and(_.lt(4)) })).toEqual(['b', 'c'])
    expect(await w({ n: _.lt(2).or(_.gt(4)) })).toEqual(['a', 'e'])
    expect(await w(_.and([{ n: _.gt(1) }, { 'sub.b': 'p' }]))).toEqual(['c', 'e'])
    expect(await w(_.or([{ name: 'a' }, { n: _.gte(5) }]))).toEqual(['a', 'e'])
    expect(await w(_.nor([{ name: 'a' }, { n: _.gte(4) }]))).toEqual(['b', 'c'])
    expect(await w({ n: _.not(_.gt(2)) })).toEqual(['a', 'b'])
    expect(await w({ n: _.and(_.gt(1), _.lt(3)) })).toEqual(['b'])
  })

  test('element and array', async () => {
    expect(await w({ extra: _.exists(true) })).toEqual(['d'])
    expect(await w({ opt: _.exists(true) })).toEqual(['c'])
    expect(await w({ extra: _.exists(false) })).toEqual(['a', 'b', 'c', 'e'])
    expect(await w({ tags: _.size(2) })).toEqual(['a'])
    expect(await w({ tags: _.all(['x', 'y']) })).toEqual(['a', 'd'])
    expect(await w({ tags: 'z' })).toEqual(['d', 'e'])
    expect(await w({ items: _.elemMatch({ k: _.gte(2), v: 'two' }) })).toEqual(['a'])
    expect(await w({ n: _.mod([2, 0]) })).toEqual(['b', 'd'])
  })

  test('regex via db.RegExp and JS RegExp', async () => {
    expect(await w({ s: db.RegExp({ regexp: '^hello', options: 'i' }) })).toEqual(['a', 'c', 'e'])
    expect(await w({ s: /^hello$/ })).toEqual(['e'])
    expect(await w({ s: /o/i })).toEqual(['a', 'b', 'c', 'e'])
    expect(await w({ s: _.not(/hello/i) })).toEqual(['b', 'd'])
  })

  test('nested objects are flattened to dotted paths; dotted keys work', async () => {
    expect(await w({ sub: { a: 1 } })).toEqual(['a', 'd'])
    expect(await w({ sub: { a: 1, b: 'r' } })).toEqual(['d'])
    expect(await w({ 'sub.b': 'q' })).toEqual(['b'])
    expect(await w({ sub: { a: _.gt(2) } })).toEqual(['c', 'e'])
    expect(await w({ 'items.k': 3 })).toEqual(['b'])
  })

  test('count with and without where', async () => {
    expect((await db.collection('plain').count()).total).toBe(5)
    expect((await db.collection('plain').where({ 'sub.b': 'p' }).count()).total).toBe(3)
  })

  test('orderBy / skip / limit / field', async () => {
    const r = await db.collection('plain').orderBy('sub.b', 'asc').orderBy('n', 'desc').skip(1).limit(3).field({ name: true, n: true }).get()
    expect(r.data.map((d: any) => d.name)).toEqual(['c', 'a', 'b'])
    expect(Object.keys(r.data[0]).sort()).toEqual(['_id', 'n', 'name'])
    const ex = await db.collection('plain').where({ name: 'a' }).field({ items: false, tags: false, sub: false }).get()
    expect(ex.data[0]).toEqual({ _id: expect.any(String), name: 'a', n: 1, s: 'Hello' })
    const sl = await db.collection('plain').where({ name: 'd' }).field({ tags: _.project.slice(2) }).get()
    expect(sl.data[0].tags).toEqual(['x', 'y'])
    const byDoc = await db.collection('plain').where({ name: 'b' }).get()
    const one = await db.collection('plain').doc(byDoc.data[0]._id).field({ n: true }).get()
    expect(one.data).toEqual({ _id: byDoc.data[0]._id, n: 2 })
  })
})

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_x, i) => ({ i }))
    for (let k = 0; k < docs.length; k += 500) await db.collection('many').add({ data: docs.slice(k, k + 500) })
  })
  test('default limit 100 for the server SDK; 1000 cap', async () => {
    expect((await db.collection('many').get()).data).toHaveLength(100)
    expect((await db.collection('many').limit(1000).get()).data).toHaveLength(1000)
    expect((await db.collection('many').limit(5000).get()).data).toHaveLength(1000)
    expect((await db.collection('many').skip(1050).limit(1000).get()).data).toHaveLength(50)
    // a raw request over the cap is capped by the server too
    const raw = (await svc.handle({ action: 'database.getDocument', body: { collectionName: 'many', queryType: 'WHERE', limit: 5000 }, env: '', rawBody: Buffer.alloc(0), contentType: '' })) as any
    expect(raw.data.list).toHaveLength(1000)
    expect((await db.collection('many').count()).total).toBe(1100)
  })
})

describe('update operators', () => {
  let id: string
  const get = async () => (await db.collection('items').doc(id).get()).data
  beforeEach(async () => {
    const r = await db.collection('items').add({
      data: { name: 'u', n: 10, f: 2, arr: [1, 2, 3, 2], tags: ['a'], obj: { x: 1, y: 2 }, lo: 5, hi: 5, old: 'o' },
    })
    id = r._id
  })

  test('set / inc / mul / remove / rename / min / max with dotted paths', async () => {
    const r = await db
      .collection('items')
      .doc(id)
      .update({ data: { n: _.inc(5), f: _.mul(3), 'obj.y': _.remove(), obj: { z: 9 }, old: _.rename('renamed'), lo: _.min(1), hi: _.max(9), deep: { a: { b: 1 } } } })
    expect(r.stats.updated).toBe(1)
    const d = await get()
    expect(d).toMatchObject({ n: 15, f: 6, lo: 1, hi: 9, renamed: 'o', deep: { a: { b: 1 } } })
    expect(d.obj).toEqual({ x: 1, z: 9 })
    expect(d.old).toBeUndefined()
    await db.collection('items').doc(id).update({ data: { obj: _.set({ only: true }) } })
    expect((await get()).obj).toEqual({ only: true })
    await db.collection('items').doc(id).update({ data: { lo: _.min(3), hi: _.max(2) } })
    expect(await get()).toMatchObject({ lo: 1, hi: 9 })
  })

  test('array operators: push / pull / pullAll / addToSet / unshift / shift / pop', async () => {
    await db.collection('items').doc(id).update({ data: { arr: _.push([4, 5]) } })
    expect((await get()).arr).toEqual([1, 2, 3, 2, 4, 5])
    await db.collection('items').doc(id).update({ data: { arr: _.pull(2) } })
    expect((await get()).arr).toEqual([1, 3, 4, 5])
    await db.collection('items').doc(id).update({ data: { arr: _.pull(_.gte(4)) } })
    expect((await get()).arr).toEqual([1, 3])
    await db.collection('items').doc(id).update({ data: { arr: _.pullAll([1]) } })
    expect((await get()).arr).toEqual([3])
    await db.collection('items').doc(id).update({ data: { tags: _.addToSet('a') } })
    await db.collection('items').doc(id).update({ data: { tags: _.addToSet('b') } })
    expect((await get()).tags).toEqual(['a', 'b'])
    await db.collection('items').doc(id).update({ data: { tags: _.unshift(['z', 'y']) } })
    expect((await get()).tags).toEqual(['z', 'y', 'a', 'b'])
    await db.collection('items').doc(id).update({ data: { tags: _.shift() } })
    expect((await get()).tags).toEqual(['y', 'a', 'b'])
    await db.collection('items').doc(id).update({ data: { tags: _.pop() } })
    expect((await get()).tags).toEqual(['y', 'a'])
    await db.collection('items').doc(id).update({ data: { tags: _.push({ each: ['q', 'r'], position: 1 }) } })
    expect((await get()).tags).toEqual(['y', 'q', 'r', 'a'])
  })

  test('where().update is multi; updated counts modified documents; $inc on a string is refused', async () => {
    await db.collection('orders').add({ data: [{ st: 'new', q: 1 }, { st: 'new', q: 2 }, { st: 'done', q: 3 }] })
    const r = await db.collection('orders').where({ st: 'new' }).update({ data: { st: 'paid', q: _.inc(10) } })
    expect(r.stats.updated).toBe(2)
    expect((await db.collection('orders').where({ st: 'paid' }).get()).data.map((d: any) => d.q).sort()).toEqual([11, 12])
    const none = await db.collection('orders').where({ st: 'nothing' }).update({ data: { q: 1 } })
    expect(none.stats.updated).toBe(0)
    await expect(db.collection('items').doc(id).update({ data: { name: _.inc(1) } })).rejects.toMatchObject({ errMsg: expect.stringContaining('non-numeric') })
  })

  test('doc.set replaces the whole document keeping _id; upserts when missing', async () => {
    const r = await db.collection('items').doc(id).set({ data: { only: 1 } })
    expect(r.stats.updated).toBe(1)
    expect(await get()).toEqual({ _id: id, only: 1 })
    const created = await db.collection('items').doc('set-created').set({ data: { fresh: true } })
    expect(created._id).toBe('set-created')
    expect(created.stats).toMatchObject({ updated: 0, created: 1 })
    expect((await db.collection('items').doc('set-created').get()).data).toEqual({ _id: 'set-created', fresh: true })
  })

  test('remove one and many', async () => {
    expect((await db.collection('items').doc(id).remove()).stats.removed).toBe(1)
    expect((await db.collection('items').doc(id).remove()).stats.removed).toBe(0)
    await db.collection('orders').add({ data: [{ st: 'gone' }, { st: 'gone' }] })
    expect((await db.collection('orders').where({ st: 'gone' }).remove()).stats.removed).toBe(2)
    expect((await db.collection('orders').where({ st: 'gone' }).count()).total).toBe(0)
  })
})

describe('dates', () => {
  test('serverDate (with offset) and Date round-trips, in data, updates and queries', async () => {
    const before = Date.now()
    const r = await db.collection('items').add({ data: { name: 'dated', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }), d: new Date('2024-01-02T03:04:05.678Z') } })
    const after = Date.now()
    const d = (await db.collection('items').doc(r._id).get()).data
    expect(d.at).toBeInstanceOf(Date)
    expect(d.at.getTime()).toBeGreaterThanOrEqual(before)
    expect(d.at.getTime()).toBeLessThanOrEqual(after)
    expect(d.later.getTime() - d.at.getTime()).toBeGreaterThanOrEqual(59_000)
    expect(d.d.toISOString()).toBe('2024-01-02T03:04:05.678Z')
    expect(names(await db.collection('items').where({ name: 'dated', d: _.lt(new Date('2025-01-01')) }).get())).toEqual(['dated'])
    expect(names(await db.collection('items').where({ name: 'dated', at: _.lte(db.serverDate()) }).get())).toEqual(['dated'])
    await db.collection('items').doc(r._id).update({ data: { touched: db.serverDate() } })
    expect((await db.collection('items').doc(r._id).get()).data.touched.getTime()).toBeGreaterThanOrEqual(before)
  })

  test('numbers: int32, int64-range integers and doubles round-trip', async () => {
    const r = await db.collection('items').add({ data: { i: 7, neg: -2147483648, big: 1700000000123, f: 0.1, e: 1e300 } })
    const d = (await db.collection('items').doc(r._id).get()).data
    expect(d).toMatchObject({ i: 7, neg: -2147483648, big: 1700000000123, f: 0.1, e: 1e300 })
  })
})

describe('aggregate', () => {
  beforeAll(async () => {
    await db.collection('orders').add({
      data: [
        { _id: 'o1', user: 'u1', amount: 10, tags: ['a', 'b'] },
        { _id: 'o2', user: 'u1', amount: 5, tags: ['b'] },
        { _id: 'o3', user: 'u2', amount: 7, tags: [] },
      ],
    })
    await db.collection('counters').add({ data: [{ _id: 'u1', name: 'Alice' }, { _id: 'u2', name: 'Bob' }] })
  })

  test('$match $group $sort $project $limit $skip $count $unwind $addFields $sample', async () => {
    const $ = db.command.aggregate
    const g = await db
      .collection('orders')
      .aggregate()
      .match({ user: _.exists(true) })
      .group({ _id: '$user', total: $.sum('$amount'), n: $.sum(1) })
      .sort({ total: -1 })
      .end()
    expect(g.list).toEqual([
      { _id: 'u1', total: 15, n: 2 },
      { _id: 'u2', total: 7, n: 1 },
    ])
    const u = await db.collection('orders').aggregate().match({ user: 'u1' }).unwind('$tags').project({ _id: 0, tags: 1 }).sort({ tags: 1 }).skip(1).limit(5).end()
    expect(u.list).toEqual([{ tags: 'b' }, { tags: 'b' }])
    const c = await db.collection('orders').aggregate().match({ amount: _.gt(6) }).count('n').end()
    expect(c.list).toEqual([{ n: 2 }])
    const a = await db.collection('orders').aggregate().match({ _id: 'o3' }).addFields({ double: $.multiply(['$amount', 2]) }).end()
    expect(a.list[0].double).toBe(14)
    const s = await db.collection('orders').aggregate().match({ user: _.exists(true) }).sample({ size: 2 }).end()
    expect(s.list).toHaveLength(2)
  })

  test('$lookup joins another collection', async () => {
    const r = await db.collection('orders').aggregate().match({ _id: 'o2' }).lookup({ from: 'counters', localField: 'user', foreignField: '_id', as: 'who' }).end()
    expect(r.list[0].who).toEqual([{ _id: 'u1', name: 'Alice' }])
    // the joined collection is untouched
    expect((await db.collection('counters').doc('u1').get()).data).toEqual({ _id: 'u1', name: 'Alice' })
  })
})

describe('geo', () => {
  // points east of (120, 30) at ~0.96 km per 0.01° of longitude
  const P = (lng: number, lat: number) => db.Geo.Point(lng, lat)
  beforeAll(async () => {
    await db.collection('places').add({
      data: [
        { code: 1, name: 'p0', kind: 'station', location: P(120.0, 30.0) },
        { code: 2, name: 'p1', kind: 'canteen', location: P(120.01, 30.0) },
        { code: 3, name: 'p2', kind: 'station', location: P(120.02, 30.0) },
        { code: 4, name: 'p5', kind: 'station', location: P(120.05, 30.0) },
        { code: 5, name: 'far', kind: 'station', location: P(121.0, 31.0) },
      ],
    })
  })

  test('geoNear: sorted by distance, max/min distance in metres, combined with other conditions', async () => {
    const near = await db.collection('places').where({ location: _.geoNear({ geometry: P(120.021, 30.0), maxDistance: 2500 }) }).get()
    expect(near.data.map((d: any) => d.name)).toEqual(['p2', 'p1', 'p0'])
    expect(near.data[0].location.constructor.name).toBe('Point')
    expect([near.data[0].location.longitude, near.data[0].location.latitude]).toEqual([120.02, 30])
    const ring = await db.collection('places').where({ location: _.geoNear({ geometry: P(120.0, 30.0), minDistance: 1500, maxDistance: 10000 }) }).get()
    expect(ring.data.map((d: any) => d.name)).toEqual(['p2', 'p5'])
    const stations = await db.collection('places').where({ kind: 'station', location: _.geoNear({ geometry: P(120.011, 30.0) }) }).limit(2).get()
    expect(stations.data.map((d: any) => d.name)).toEqual(['p2', 'p0'])
  })

  test('geoWithin: Polygon, MultiPolygon and centerSphere', async () => {
    const poly = db.Geo.Polygon([db.Geo.LineString([P(119.99, 29.99), P(120.015, 29.99), P(120.015, 30.01), P(119.99, 30.01), P(119.99, 29.99)])])
    expect(names(await db.collection('places').where({ location: _.geoWithin({ geometry: poly }) }).get())).toEqual(['p0', 'p1'])
    const poly2 = db.Geo.Polygon([db.Geo.LineString([P(120.04, 29.99), P(120.06, 29.99), P(120.06, 30.01), P(120.04, 29.99)])])
    const multi = db.Geo.MultiPolygon([poly, poly2])
    expect(names(await db.collection('places').where({ location: _.geoWithin({ geometry: multi }) }).get())).toEqual(['p0', 'p1', 'p5'])
    // 2.5 km around p0, radius in radians
    expect(names(await db.collection('places').where({ location: _.geoWithin({ centerSphere: [P(120.0, 30.0), 2500 / 6378100] }) }).get())).toEqual(['p0', 'p1', 'p2'])
  })

  test('geoIntersects with a polygon and a point', async () => {
    const poly = db.Geo.Polygon([db.Geo.LineString([P(120.005, 29.99), P(120.03, 29.99), P(120.03, 30.01), P(120.005, 30.01), P(120.005, 29.99)])])
    expect(names(await db.collection('places').where({ location: _.geoIntersects({ geometry: poly }) }).get())).toEqual(['p1', 'p2'])
    expect(names(await db.collection('places').where({ location: _.geoIntersects({ geometry: P(121.0, 31.0) }) }).get())).toEqual(['far'])
  })

  test('aggregate geoNear stage: distanceField, query, maxDistance, distanceMultiplier, includeLocs', async () => {
    const r = await db
      .collection('places')
      .aggregate()
      .geoNear({ near: P(120.0, 30.0), spherical: true, distanceField: 'dist', maxDistance: 4000, query: { kind: 'station' }, distanceMultiplier: 0.001, includeLocs: 'loc' })
      .project({ _id: 0, name: 1, dist: 1, loc: 1 })
      .end()
    expect(r.list.map((d: any) => d.name)).toEqual(['p0', 'p2'])
    expect(r.list[0].dist).toBe(0)
    expect(r.list[1].dist).toBeCloseTo(1.927, 2) // km
    expect(r.list[1].loc).toEqual({ type: 'Point', coordinates: [120.02, 30.0] })
    const k = await db.collection('places').aggregate().geoNear({ near: P(121, 31), distanceField: 'd', key: 'location', minDistance: 1 }).limit(1).end()
    expect(k.list[0].name).toBe('p5')
  })

  test('geo queries need a 2dsphere index', async () => {
    await db.collection('plain').add({ data: { name: 'nogeo', location: P(120, 30) } })
    const err = await db.collection('plain').where({ location: _.geoNear({ geometry: P(120, 30) }) }).get().catch((e: any) => e)
    expect(err.errMsg).toMatch(/unable to find index for \$nearSphere query.*2dsphere/)
    expect(err.errCode).toBe(-502001)
    await expect(db.collection('plain').where({ location: _.geoWithin({ centerSphere: [P(120, 30), 0.01] }) }).get()).rejects.toMatchObject({ errMsg: expect.stringMatching(/2dsphere/) })
    await expect(db.collection('plain').aggregate().geoNear({ near: P(120, 30), distanceField: 'd' }).end()).rejects.toMatchObject({ errMsg: expect.stringMatching(/2dsphere/) })
  })

  test('the geo index follows updates and removals', async () => {
    const r = await db.collection('places').add({ data: { code: 99, name: 'mover', location: P(100, 10) } })
    const nearest = async (lng: number, lat: number) => (await db.collection('places').where({ location: _.geoNear({ geometry: P(lng, lat) }) }).limit(1).get()).data[0]?.name
    expect(await nearest(100, 10)).toBe('mover')
    await db.collection('places').doc(r._id).update({ data: { location: P(-80, -10) } })
    expect(await nearest(100, 10)).not.toBe('mover')
    expect(await nearest(-80, -10)).toBe('mover')
    await db.collection('places').doc(r._id).remove()
    expect(await nearest(-80, -10)).not.toBe('mover')
  })
})

describe('unique indexes', () => {
  test('insert, update, set and compound indexes raise DATABASE_DUPLICATE_WRITE', async () => {
    await db.collection('ledger').add({ data: { user: 'u1', key: 'k1', points: 5 } })
    await db.collection('ledger').add({ data: { user: 'u2', key: 'k1', points: 5 } }) // different tuple: fine
    const dup = await db.collection('ledger').add({ data: { user: 'u1', key: 'k1', points: 7 } }).catch((e: any) => e)
    expect(dup.errMsg).toContain('DATABASE_DUPLICATE_WRITE')
    expect(dup.errMsg).toContain('user_key')
    const r = await db.collection('ledger').add({ data: { user: 'u1', key: 'k2' } })
    await expect(db.collection('ledger').doc(r._id).update({ data: { key: 'k1' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('DATABASE_DUPLICATE_WRITE') })
    await expect(db.collection('ledger').doc(r._id).set({ data: { user: 'u2', key: 'k1' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('DATABASE_DUPLICATE_WRITE') })
    // a batch insert with an internal duplicate inserts nothing
    await expect(db.collection('ledger').add({ data: [{ user: 'u9', key: 'x' }, { user: 'u9', key: 'x' }] })).rejects.toBeTruthy()
    expect((await db.collection('ledger').where({ user: 'u9' }).count()).total).toBe(0)
    // the protocol-level code, as the SDK receives it
    const raw = await svc
      .handle({ action: 'database.insertDocument', body: { collectionName: 'ledger', data: ['{"user":"u1","key":"k1"}'] }, env: '', rawBody: Buffer.alloc(0), contentType: '' })
      .catch((e) => e)
    expect(raw.code).toBe('DATABASE_DUPLICATE_WRITE')
  })
})

describe('collections', () => {
  test('unknown collection → DATABASE_COLLECTION_NOT_EXIST; createCollection makes it', async () => {
    const err = await db.collection('nope').add({ data: { a: 1 } }).catch((e: any) => e)
    expect(err.errCode).toBe(-502005)
    await expect(db.collection('nope').where({}).get()).rejects.toMatchObject({ errCode: -502005 })
    await db.createCollection('nope')
    await db.collection('nope').add({ data: { a: 1 } })
    expect((await db.collection('nope').count()).total).toBe(1)
    expect(svc.listCollections().find((c) => c.name === 'nope')).toEqual({ name: 'nope', count: 1 })
  })
})

describe('transactions', () => {
  beforeAll(async () => {
    await db.collection('counters').add({ data: [{ _id: 'c1', n: 0 }, { _id: 'c2', n: 0 }, { _id: 'acct-a', bal: 100 }, { _id: 'acct-b', bal: 0 }] })
  })
  const val = async (id: string, f = 'n') => (await db.collection('counters').doc(id).get()).data[f]

  test('runTransaction commits all writes and returns the callback result', async () => {
    const res = await db.runTransaction(async (t: any) => {
      const a = (await t.collection('counters').doc('acct-a').get()).data
      await t.collection('counters').doc('acct-a').update({ data: { bal: a.bal - 30 } })
      await t.collection('counters').doc('acct-b').update({ data: { bal: _.inc(30) } })
      await t.collection('counters').add({ data: { _id: 'receipt-1', amount: 30 } })
      // reads inside see the transaction's own writes
      expect((await t.collection('counters').doc('acct-a').get()).data.bal).toBe(70)
      // …and nothing is visible outside yet
      expect(await val('acct-a', 'bal')).toBe(100)
      return 'done'
    })
    expect(res).toBe('done')
    expect(await val('acct-a', 'bal')).toBe(70)
    expect(await val('acct-b', 'bal')).toBe(30)
    expect((await db.collection('counters').doc('receipt-1').get()).data.amount).toBe(30)
  })

  test('rollback(reason) rejects runTransaction with the reason and applies nothing', async () => {
    const p = db.runTransaction(async (t: any) => {
      await t.collection('counters').doc('acct-a').update({ data: { bal: 0 } })
      await t.rollback({ why: 'insufficient' })
    })
    await expect(p).rejects.toEqual({ why: 'insufficient' })
    expect(await val('acct-a', 'bal')).toBe(70)
  })

  test('a thrown error aborts the transaction', async () => {
    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection('counters').doc('acct-a').update({ data: { bal: 1 } })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await val('acct-a', 'bal')).toBe(70)
  })

  test('startTransaction API: get / set / update / remove / commit, and rollback', async () => {
    const t = await db.startTransaction()
    expect((await t.collection('counters').doc('c2').get()).data.n).toBe(0)
    await t.collection('counters').doc('c2').update({ data: { n: _.inc(5) } })
    await t.collection('counters').doc('tx-set').set({ data: { made: true } })
    await t.collection('counters').doc('receipt-1').remove()
    await t.commit()
    expect(await val('c2')).toBe(5)
    expect((await db.collection('counters').doc('tx-set').get()).data.made).toBe(true)
    expect((await db.collection('counters').where({ _id: 'receipt-1' }).count()).total).toBe(0)

    const t2 = await db.startTransaction()
    await t2.collection('counters').doc('c2').update({ data: { n: 999 } })
    await t2.rollback()
    expect(await val('c2')).toBe(5)
  })

  // The conflict cases themselves (冲突检测, 读偏, write-write, locks…) are conformance cases run in
  // a function: emulator/conformance/cases/database-transactions.ts.
  test('a write outside the transaction to a document it read → its later write of it fails at once (no code through wx-server-sdk); nothing of it is applied', async () => {
    const t = await db.startTransaction()
    const n = (await t.collection('counters').doc('c2').get()).data.n
    await db.collection('counters').doc('c2').update({ data: { n: _.inc(100) } }) // not in the transaction: no wait
    const err = await t.collection('counters').doc('c2').update({ data: { n: n + 1 } }).catch((e: any) => e)
    expect(err).toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('TransactionConflict') })
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    expect(await val('c2')).toBe(105)
  })

  test('concurrent read-modify-write transactions on one counter: every commit is applied exactly once, the others conflict', async () => {
    const start = await val('c1')
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        db
          .runTransaction(async (t: any) => {
            const cur = (await t.collection('counters').doc('c1').get()).data.n
            await t.collection('counters').doc('c1').update({ data: { n: cur + 1 } })
          })
          .then(
            () => 'ok',
            (e: any) => (String(e?.errMsg ?? e?.message).includes('TransactionConflict') ? 'conflict' : `other: ${e?.errMsg ?? e}`),
          ),
      ),
    )
    const ok = outcomes.filter((o) => o === 'ok').length
    expect(outcomes.every((o) => o === 'ok' || o === 'conflict')).toBe(true)
    expect(ok).toBeGreaterThanOrEqual(1)
    expect(await val('c1')).toBe(start + ok)
  })

  test('a unique violation inside a transaction fails it with DATABASE_DUPLICATE_WRITE and applies nothing', async () => {
    const p = db.runTransaction(async (t: any) => {
      await t.collection('counters').doc('c1').update({ data: { marker: 'tx' } })
      await t.collection('ledger').add({ data: { user: 'u1', key: 'k1' } })
    })
    const err = await p.catch((e: any) => e)
    expect(JSON.stringify(err) + String(err?.errMsg ?? err?.message)).toContain('DATABASE_DUPLICATE_WRITE')
    expect(await val('c1', 'marker')).toBeUndefined()
  })
})

describe('operation counters', () => {
  test('calls made with an invocation token are counted against it', async () => {
    const inv = srv.invocations.begin('counterTest', 'o-counter')
    const prev = process.env.WX_API_TOKEN
    process.env.WX_API_TOKEN = inv.apiToken
    try {
      await db.collection('plain').where({ n: 1 }).get()
      await db.collection('plain').count()
      await db.collection('plain').aggregate().match({ n: 1 }).end()
      await db.collection('plain').add({ data: { name: 'counted' } })
      await db.collection('plain').where({ name: 'counted' }).update({ data: { n: 0 } })
      await db.collection('plain').where({ name: 'counted' }).remove()
    } finally {
      process.env.WX_API_TOKEN = prev
      srv.invocations.end(inv)
    }
    expect(inv.counters).toEqual({ reads: 3, counts: 1, aggregates: 1, writes: 3 })
  })
})

describe('export / import / reset', () => {
  test('export is EJSON-safe plain JSON and imports back', async () => {
    const snap = svc.exportSnapshot()
    const json = JSON.parse(JSON.stringify(snap))
    const dated = json.collections.items.find((d: any) => d.name === 'dated')
    expect(dated.d).toEqual({ $date: { $numberLong: String(Date.parse('2024-01-02T03:04:05.678Z')) } })
    await svc.reset()
    expect((await db.collection('items').count()).total).toBe(0)
    await expect(db.collection('nope').count()).rejects.toMatchObject({ errCode: -502005 })
    await svc.importSnapshot(json, { replace: true })
    const back = (await db.collection('items').where({ name: 'dated' }).get()).data[0]
    expect(back.d.toISOString()).toBe('2024-01-02T03:04:05.678Z')
    expect(svc.listDocuments('places', { limit: 2 })).toHaveLength(2)
  })
})
