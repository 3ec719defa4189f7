/**
 * Engine tests of the database service, driven by the real wx-server-sdk loaded in this test process
 * (with the environment the functions runtime sets; every call goes over HTTP to `POST /admin`). They
 * cover what is the emulator's own — generated ids, numeric ids, the server-side cap on raw requests,
 * EJSON numbers, index maintenance, protocol-level codes, per-invocation counters, export/import,
 * the transaction engine. Documented CloudBase behaviour is asserted by the conformance suite
 * (emulator/conformance/), from inside a cloud function, with its sources.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createDatabaseService, type DatabaseService } from './index'
import { startAdminServer, loadSdk, type AdminServer } from './testing'

jest.setTimeout(60_000)

/* eslint-disable @typescript-eslint/no-explicit-any -- drives the untyped wx-server-sdk */
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


describe('add / get', () => {
  test('add one and many: server-generated ids are 32 hex characters; a given _id is kept', async () => {
    const one = await db.collection('items').add({ data: { name: 'one', n: 1 } })
    expect(one._id).toMatch(/^[0-9a-f]{32}$/)
    const many = await db.collection('items').add({ data: [{ name: 'two', n: 2 }, { name: 'three', n: 3 }] })
    expect(many._ids).toHaveLength(2)
    const got = await db.collection('items').doc(one._id).get()
    expect(got.data).toEqual({ _id: one._id, name: 'one', n: 1 })
    const custom = await db.collection('items').add({ data: { _id: 'my-id', name: 'custom' } })
    expect(custom._id).toBe('my-id')
  })

  test('numeric _id via doc(123)', async () => {
    await db.collection('items').add({ data: { _id: 123, name: 'numeric' } })
    const got = await db.collection('items').doc(123).get()
    expect(got.data._id).toBe(123)
    expect((await db.collection('items').doc('123').get().catch(() => ({ data: null }))).data).toBeNull()
  })
})

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_x, i) => ({ i }))
    for (let k = 0; k < docs.length; k += 500) await db.collection('many').add({ data: docs.slice(k, k + 500) })
  })
  test('the server caps a raw request over 1000 (the SDK caps its own limit() too)', async () => {
    const raw = (await svc.handle({ action: 'database.getDocument', body: { collectionName: 'many', queryType: 'WHERE', limit: 5000 }, env: '', rawBody: Buffer.alloc(0), contentType: '' })) as any
    expect(raw.data.list).toHaveLength(1000)
    expect((await db.collection('many').count()).total).toBe(1100)
  })
})

describe('modifyAndReturnDoc (node-sdk updateAndReturn; wx-server-sdk 4 has no such call)', () => {
  test('answers the document and counts the match, also when nothing changes', async () => {
    // node-sdk's production-run index.test "验证findAndModify 更新相同值" expects updated 1
    await db.collection('orders').add({ data: { _id: 'far-1', a: 1 } })
    const call = (data: object) =>
      svc.handle({ action: 'database.modifyAndReturnDoc', body: { collectionName: 'orders', query: '{"_id":"far-1"}', data: JSON.stringify(data) }, env: '', rawBody: Buffer.alloc(0), contentType: '' }) as Promise<any>
    const same = await call({ $set: { a: 1 } })
    expect(same.data.updated).toBe(1)
    const changed = await call({ $set: { a: { $numberInt: '2' } } })
    expect(changed.data.updated).toBe(1)
    expect(JSON.parse(changed.data.doc)).toEqual({ _id: 'far-1', a: { $numberInt: '2' } })
  })
})

describe('EJSON numbers', () => {
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

  test('$lookup reads copies: the joined collection is untouched', async () => {
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
  test('a batch add with an internal duplicate inserts nothing; the protocol-level code is DATABASE_DUPLICATE_WRITE', async () => {
    await db.collection('ledger').add({ data: { user: 'u1', key: 'k1', points: 5 } })
    // all-or-nothing is the emulator's choice: production may keep the documents before the duplicate
    await expect(db.collection('ledger').add({ data: [{ user: 'u9', key: 'x' }, { user: 'u9', key: 'x' }] })).rejects.toBeTruthy()
    expect((await db.collection('ledger').where({ user: 'u9' }).count()).total).toBe(0)
    const raw = await svc
      .handle({ action: 'database.insertDocument', body: { collectionName: 'ledger', data: ['{"user":"u1","key":"k1"}'] }, env: '', rawBody: Buffer.alloc(0), contentType: '' })
      .catch((e) => e)
    expect(raw.code).toBe('DATABASE_DUPLICATE_WRITE')
  })
})

describe('collections', () => {
  test('createCollection makes a collection that listCollections reports', async () => {
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
    expect(inv.counters).toMatchObject({ reads: 3, counts: 1, aggregates: 1, writes: 3 })
    // and what the queries examined (the bench reports it per action)
    expect(inv.counters.docsExamined).toBeGreaterThan(0)
  })
})

describe('export / import / reset', () => {
  test('export is EJSON-safe plain JSON and imports back', async () => {
    await db.collection('items').add({ data: { name: 'dated', d: new Date('2024-01-02T03:04:05.678Z') } })
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
