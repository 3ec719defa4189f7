/**
 * Errors: what a failing database call looks like to function code (wx-server-sdk keeps `errCode`
 * and `errMsg`; see case.ts). Codes: https://docs.cloudbase.net/error-code/basic and the SDK's own
 * map (DATABASE_REQUEST_FAILED -502001, DATABASE_INVALID_OPERRATOR -502002, DATABASE_COLLECTION_NOT_EXIST
 * -502005; codes it does not know, like DATABASE_DUPLICATE_WRITE, become -501001 with the server's message).
 */
import { defineArea, type ConformanceCase } from '../case'
import { mongoDoc, upstream, wxDoc } from './sources'

const DUPLICATE = /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i

const cases: ConformanceCase[] = [
  {
    id: 'error.dollar-field-name',
    title: 'adding a document with a "$"-prefixed field name fails with DATABASE_REQUEST_FAILED',
    source: upstream('index.test.ts', 'test/index.test.ts › 验证throwOnCode'),
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection()
      const top = await failure(db.collection(name).add({ data: { $_key: 1 } }))
      const count = (await db.collection(name).count()).total
      return { errCode: top?.errCode, count }
    },
    check: (r, expect) => expect(r).toEqual({ errCode: -502001, count: 0 }),
  },
  {
    id: 'error.collection-not-exist',
    title: 'get, count, add, update, remove and aggregate on a missing collection fail with DATABASE_COLLECTION_NOT_EXIST',
    source: 'TencentCloudBase/node-sdk test/common/index.ts › safeCollection (a get on a missing collection fails with code DATABASE_COLLECTION_NOT_EXIST); https://docs.cloudbase.net/error-code/basic',
    async run({ db, failure }) {
      const c = db.collection(`conf_missing_${Date.now()}`)
      const codes = async (...ps: Promise<unknown>[]) => {
        const out = []
        for (const p of ps) out.push((await failure(p))?.errCode)
        return out
      }
      const codesOf = await codes(c.get(), c.count(), c.add({ data: { a: 1 } }), c.where({ a: 1 }).update({ data: { a: 2 } }), c.where({ a: 1 }).remove(), c.doc('x').get())
      // aggregate errors reach function code through another SDK path (errCode -1, the server's text in errMsg)
      const agg = await failure(c.aggregate().match({ a: 1 }).end())
      return { codesOf, aggregate: agg?.errMsg ?? null }
    },
    check(r: any, expect) {
      expect(r.codesOf).toEqual([-502005, -502005, -502005, -502005, -502005, -502005])
      expect(r.aggregate).toMatch(/DATABASE_COLLECTION_NOT_EXIST|not exist/)
    },
  },
  {
    id: 'error.duplicate-id',
    title: 'adding a document whose _id exists fails with DATABASE_DUPLICATE_WRITE (the message carries it)',
    source: 'https://docs.cloudbase.net/en/error-code/DATABASE_DUPLICATE_WRITE (inserting data with same _id)',
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection([{ _id: 'my-id', name: 'custom' }])
      const f = await failure(db.collection(name).add({ data: { _id: 'my-id', name: 'again' } }))
      return { message: f?.errMsg ?? null, kept: (await db.collection(name).doc('my-id').get()).data.name }
    },
    check(r: any, expect) {
      expect(r.message).toMatch(DUPLICATE)
      expect(r.kept).toBe('custom')
    },
  },
  {
    id: 'error.unique-index',
    title: 'a unique index (also compound) refuses duplicates on add, update and set with DATABASE_DUPLICATE_WRITE',
    source: 'https://docs.cloudbase.net/en/error-code/DATABASE_DUPLICATE_WRITE (check if unique index fields have duplicate values)',
    async run({ db, failure }) {
      const c = db.collection('conf_unique')
      const key = `k-${Date.now()}-${Math.random()}`
      await c.add({ data: { key } })
      const other = await c.add({ data: { key: `${key}-2` } })
      const msg = async (p: Promise<unknown>) => (await failure(p))?.errMsg ?? null
      return {
        add: await msg(c.add({ data: { key } })),
        update: await msg(c.doc(other._id).update({ data: { key } })),
        set: await msg(c.doc(other._id).set({ data: { key } })),
        count: (await c.where({ key }).count()).total,
      }
    },
    check(r: any, expect) {
      for (const k of ['add', 'update', 'set']) expect(r[k]).toMatch(DUPLICATE)
      expect(r.count).toBe(1)
    },
  },
  {
    id: 'error.geo-needs-index',
    title: 'geoNear, geoWithin and the geoNear stage on a field without a 2dsphere index fail',
    source: wxDoc('command/Command.geoNear') + ' (索引要求：需对查询字段建立地理位置索引)',
    async run({ db, _, freshCollection, failure }) {
      const P = (lng: number, lat: number) => db.Geo.Point(lng, lat)
      const name = await freshCollection([{ location: P(120, 30) }])
      const c = db.collection(name)
      const fails = async (p: Promise<unknown>) => (await failure(p)) !== null
      return [
        await fails(c.where({ location: _.geoNear({ geometry: P(120, 30) }) }).get()),
        await fails(c.where({ location: _.geoWithin({ centerSphere: [P(120, 30), 0.01] }) }).get()),
        await fails(c.aggregate().geoNear({ near: P(120, 30), distanceField: 'd' }).end()),
      ]
    },
    check: (r, expect) => expect(r).toEqual([true, true, true]),
  },
  {
    id: 'error.inc-non-number',
    title: 'inc on a string or a null field fails and changes nothing; on a missing field it creates it',
    source: mongoDoc('operator/update/inc') + ' (use on a field with a null value generates an error; a missing field is created)',
    async run({ db, _, freshCollection, failure }) {
      const name = await freshCollection([{ _id: 'x', name: 'u', n: 1, z: null }])
      const doc = db.collection(name).doc('x')
      const onString = await failure(doc.update({ data: { name: _.inc(1), n: _.inc(1) } }))
      const onNull = await failure(doc.update({ data: { z: _.inc(1), n: _.inc(1) } }))
      await doc.update({ data: { fresh: _.inc(2) } })
      return { failed: [onString !== null, onNull !== null], doc: (await doc.get()).data }
    },
    check: (r, expect) => expect(r).toEqual({ failed: [true, true], doc: { _id: 'x', name: 'u', n: 1, z: null, fresh: 2 } }),
  },
]

export default defineArea('database: errors', cases)
