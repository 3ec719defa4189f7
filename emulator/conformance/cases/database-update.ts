/**
 * Writes: add, update (operators), doc.set, remove and what they report — node-sdk's production-run
 * advanced-operator, document, collection, date and index tests (their write cases), and the
 * Document/Collection and update-Command reference pages.
 */
import { defineArea, type ConformanceCase } from '../case'
import { upstream, wxDoc } from './sources'

const ADV = 'unit/advanced-operator.test.ts'
const LIFE = { category: 'Life', tags: ['Go', 'Python', 'JavaScript'], index: 2, tags2: [1, 2, 3] }

/** One update of a fresh `{...LIFE}` document by where({category: 'Life'}); answers `stats.updated` and the document after. */
function updateCase(p: { id: string; title: string; source: string; doc?: Record<string, unknown>; data: (_: any) => Record<string, unknown>; expect: Record<string, unknown> }): ConformanceCase {
  return {
    id: p.id,
    title: p.title,
    source: p.source,
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([p.doc ?? LIFE, { category: 'Web', tags: ['JavaScript', 'C#'], index: 0, tags2: [1, 2, 3] }])
      const { stats } = await db.collection(name).where({ category: p.doc?.category ?? 'Life' }).update({ data: p.data(_) })
      const { _id, ...after } = (await db.collection(name).where({ _id: _.exists(true) }).limit(1).get()).data[0]
      return { updated: stats.updated, after }
    },
    check(r, expect) {
      expect(r).toEqual({ updated: 1, after: p.expect })
    },
  }
}

const operators = [
  updateCase({
    id: 'update.addToSet',
    title: 'addToSet adds a missing value',
    source: upstream(ADV, 'operator › addToSet'),
    data: (_) => ({ tags: _.addToSet('Java') }),
    expect: { ...LIFE, tags: ['Go', 'Python', 'JavaScript', 'Java'] },
  }),
  updateCase({
    id: 'update.pullAll',
    title: 'pullAll removes every listed value',
    source: upstream(ADV, 'operator › pullAll'),
    data: (_) => ({ tags: _.pullAll(['Go']) }),
    expect: { ...LIFE, tags: ['Python', 'JavaScript'] },
  }),
  updateCase({
    id: 'update.pull-value',
    title: 'pull a value',
    source: upstream(ADV, 'pull › pull'),
    data: (_) => ({ tags: _.pull('Go') }),
    expect: { ...LIFE, tags: ['Python', 'JavaScript'] },
  }),
  updateCase({
    id: 'update.pull-in',
    title: 'pull with in(), on two fields at once',
    source: upstream(ADV, 'pull › pull with _.in') + ' and › pull多个字段',
    data: (_) => ({ tags: _.pull(_.in(['Go', 'Python'])), tags2: _.pull(1) }),
    expect: { ...LIFE, tags: ['JavaScript'], tags2: [2, 3] },
  }),
  updateCase({
    id: 'update.pull-gte',
    title: 'pull with gte()',
    source: upstream(ADV, 'pull › pull with _.gte'),
    doc: { category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    data: (_) => ({ tags: _.pull(_.gte(5)) }),
    expect: { category: 'number', tags: [1, 2, 3, 4] },
  }),
  updateCase({
    id: 'update.rename',
    title: 'rename a field',
    source: upstream(ADV, 'rename › rename'),
    data: (_) => ({ category: _.rename('cat') }),
    expect: { tags: LIFE.tags, index: 2, tags2: [1, 2, 3], cat: 'Life' },
  }),
  updateCase({
    id: 'update.max',
    title: 'max(100) raises the value',
    source: upstream(ADV, 'max › max'),
    data: (_) => ({ index: _.max(100) }),
    expect: { ...LIFE, index: 100 },
  }),
  updateCase({
    id: 'update.min',
    title: 'min(0) lowers the value',
    source: upstream(ADV, 'max › min'),
    data: (_) => ({ index: _.min(0) }),
    expect: { ...LIFE, index: 0 },
  }),
  updateCase({
    id: 'update.push-array',
    title: 'push an array appends its elements',
    source: upstream(ADV, 'push › push array'),
    data: (_) => ({ tags2: _.push([1, 2, 3]) }),
    expect: { ...LIFE, tags2: [1, 2, 3, 1, 2, 3] },
  }),
  updateCase({
    id: 'update.push-one',
    title: 'push a single value',
    source: upstream(ADV, 'push › push single item'),
    data: (_) => ({ tags2: _.push(1) }),
    expect: { ...LIFE, tags2: [1, 2, 3, 1] },
  }),
  updateCase({
    id: 'update.push-many',
    title: 'push several values given as arguments',
    source: upstream(ADV, 'push › push multiple item'),
    data: (_) => ({ tags2: _.push(1, 2, 3) }),
    expect: { ...LIFE, tags2: [1, 2, 3, 1, 2, 3] },
  }),
  updateCase({
    id: 'update.push-options',
    title: 'push with each, sort and slice',
    source: upstream(ADV, 'push › push with options'),
    data: (_) => ({ tags2: _.push({ each: [4, 5, 6], sort: -1, slice: 3 }) }),
    expect: { ...LIFE, tags2: [6, 5, 4] },
  }),
  updateCase({
    id: 'update.inc-float',
    title: 'inc by a float',
    source: upstream(ADV, '浮点数inc › 浮点数inc'),
    doc: { category: 'float', index: 0.2 },
    data: (_) => ({ index: _.inc(-0.05) }),
    expect: { category: 'float', index: 0.2 - 0.05 },
  }),
  updateCase({
    id: 'update.remove-in-array',
    title: 'remove() of an array element’s field, and of an element (left null)',
    source: upstream(ADV, 'remove数组内 › 浮点数inc'),
    doc: { category: 'float', arr: [{ name: 'A', subObj: {} }, { name: 'B', subObj: {} }, { name: 'C', subObj: {} }] },
    data: (_) => ({ arr: { [0]: { subObj: _.remove() }, [1]: _.remove() } }),
    expect: { category: 'float', arr: [{ name: 'A' }, null, { name: 'C', subObj: {} }] },
  }),
]

const updateReference: ConformanceCase[] = [
  {
    id: 'update.operators-reference',
    title: 'set (plain fields become paths), inc, mul, remove, rename, min/max, nested objects, _.set replacing an object',
    source: wxDoc('command/Command.set') + ' (and Command.inc/mul/remove/rename/min/max)',
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([{ _id: 'u', n: 10, f: 2, obj: { x: 1, y: 2 }, lo: 5, hi: 5, old: 'o' }])
      const doc = db.collection(name).doc('u')
      const r = await doc.update({ data: { n: _.inc(5), f: _.mul(3), 'obj.y': _.remove(), obj: { z: 9 }, old: _.rename('renamed'), lo: _.min(1), hi: _.max(9), deep: { a: { b: 1 } } } })
      const first = (await doc.get()).data
      await doc.update({ data: { obj: _.set({ only: true }) } })
      const second = (await doc.get()).data.obj
      return { updated: r.stats.updated, first, second }
    },
    check(r, expect) {
      expect(r).toEqual({
        updated: 1,
        first: { _id: 'u', n: 15, f: 6, obj: { x: 1, z: 9 }, lo: 1, hi: 9, renamed: 'o', deep: { a: { b: 1 } } },
        second: { only: true },
      })
    },
  },
  {
    id: 'update.array-operators-reference',
    title: 'push / pull / pullAll / addToSet / unshift / shift / pop / push at a position',
    source: wxDoc('command/Command.push') + ' (and Command.pull/pullAll/addToSet/unshift/shift/pop)',
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([{ _id: 'u', arr: [1, 2, 3, 2], tags: ['a'] }])
      const doc = db.collection(name).doc('u')
      const seen: unknown[] = []
      const step = async (data: unknown, field: string) => {
        await doc.update({ data })
        seen.push((await doc.get()).data[field])
      }
      await step({ arr: _.push([4, 5]) }, 'arr')
      await step({ arr: _.pull(2) }, 'arr')
      await step({ arr: _.pull(_.gte(4)) }, 'arr')
      await step({ arr: _.pullAll([1]) }, 'arr')
      await step({ tags: _.addToSet('a') }, 'tags')
      await step({ tags: _.addToSet('b') }, 'tags')
      await step({ tags: _.unshift(['z', 'y']) }, 'tags')
      await step({ tags: _.shift() }, 'tags')
      await step({ tags: _.pop() }, 'tags')
      await step({ tags: _.push({ each: ['q', 'r'], position: 1 }) }, 'tags')
      return seen
    },
    check(r, expect) {
      expect(r).toEqual([[1, 2, 3, 2, 4, 5], [1, 3, 4, 5], [1, 3], [3], ['a'], ['a', 'b'], ['z', 'y', 'a', 'b'], ['y', 'a', 'b'], ['y', 'a'], ['y', 'q', 'r', 'a']])
    },
  },
  {
    id: 'update.where-multi-and-stats',
    title: 'where().update() changes every match and reports how many; no match reports 0',
    source: wxDoc('collection/Collection.update') + ' (stats.updated; 0 when nothing matched)',
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([
        { st: 'new', q: 1 },
        { st: 'new', q: 2 },
        { st: 'done', q: 3 },
      ])
      const c = db.collection(name)
      const r = await c.where({ st: 'new' }).update({ data: { st: 'paid', q: _.inc(10) } })
      const none = await c.where({ st: 'nothing' }).update({ data: { q: 1 } })
      const qs = (await c.where({ st: 'paid' }).get()).data.map((d: any) => d.q)
      return { updated: r.stats.updated, none: none.stats.updated, qs }
    },
    check: (r, expect) => expect(r).toEqual({ updated: 2, none: 0, qs: [11, 12] }),
  },
  {
    id: 'update.conditional-inc-concurrent',
    title: 'concurrent where({ stock: _.gt(0) }).update({ stock: _.inc(-1) }) on one document: exactly `stock` of them report updated 1, stock ends at 0, never below; a path condition (_.exists(false)) and a nested _.set/_.remove take part',
    source:
      wxDoc('command/Command.inc') +
      ' (原子自增：多个用户同时写…不会有后来者覆写前者的情况) + ' +
      wxDoc('collection/Collection.update') +
      ' (stats.updated) + ' +
      ' https://www.mongodb.com/docs/manual/core/write-operations-atomicity/' +
      ' (a write is atomic on the level of a single document)',
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([{ _id: 'hot', stock: 3 }])
      const c = db.collection(name)
      const results = await Promise.all(
        Array.from({ length: 8 }, (_x, i) => c.where({ _id: 'hot', stock: _.gt(0), [`holds.h${i}`]: _.exists(false) }).update({ data: { stock: _.inc(-1), [`holds.h${i}`]: _.set({ token: `t${i}` }) } })),
      )
      const taken = results.map((r: any) => r.stats.updated).reduce((a: number, b: number) => a + b, 0)
      const mid = (await c.doc('hot').get()).data
      const holders = Object.keys(mid.holds).sort()
      // give one back, twice: the second finds no hold with that token and changes nothing
      const back = async () => (await c.where({ _id: 'hot', [`holds.${holders[0]}.token`]: mid.holds[holders[0]].token }).update({ data: { stock: _.inc(1), [`holds.${holders[0]}`]: _.remove() } })).stats.updated
      const first = await back()
      const second = await back()
      const end = (await c.doc('hot').get()).data
      return { taken, stockAfterTaking: mid.stock, holders: holders.length, first, second, stock: end.stock, left: Object.keys(end.holds).length }
    },
    check: (r, expect) => expect(r).toEqual({ taken: 3, stockAfterTaking: 0, holders: 3, first: 1, second: 0, stock: 1, left: 2 }),
  },
  {
    id: 'update.collection-add-update-remove',
    title: 'add, where(eq).update reports updated > 0, where(eq).remove reports deleted > 0',
    source: upstream('unit/collection.test.ts', 'API - add one doc, update and remove'),
    async run({ db, _, freshCollection }) {
      const name = await freshCollection()
      const c = db.collection(name)
      const added = await c.add({ data: { name: 'huming' } })
      const updated = (await c.where({ name: _.eq('huming') }).update({ data: { age: 18 } })).stats.updated
      const removed = (await c.where({ name: _.eq('huming') }).remove()).stats.removed
      return { id: typeof added._id, updated, removed }
    },
    check: (r, expect) => expect(r).toEqual({ id: 'string', updated: 1, removed: 1 }),
  },
  {
    id: 'update.remove-ignores-skip',
    title: 'where().orderBy().skip(3).remove() removes every match (skip does not apply to remove)',
    source: upstream('unit/collection.test.ts', 'API - add and remove with skip'),
    async run({ db, freshCollection }) {
      const text = 'test for add and remove with skip'
      const name = await freshCollection(Array.from({ length: 10 }, () => ({ text })))
      const c = db.collection(name)
      await c.where({ text }).orderBy('text', 'asc').skip(3).remove()
      return (await c.where({ text }).count()).total
    },
    check: (r, expect) => expect(r).toBe(0),
  },
]

const DOC = 'unit/document.test.ts'
const documents: ConformanceCase[] = [
  {
    id: 'set.creates-missing',
    title: 'doc(id).set() on a missing id creates it: _id returned, stats {updated: 0, created: 1}',
    source: upstream(DOC, 'API - set data in empty document') + '; ' + wxDoc('document/Document.set'),
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      const r = await db.collection(name).doc('123123123').set({ data: { name: 'jude' } })
      return { _id: r._id, stats: r.stats, doc: (await db.collection(name).doc('123123123').get()).data }
    },
    check: (r, expect) => expect(r).toEqual({ _id: '123123123', stats: { updated: 0, created: 1 }, doc: { _id: '123123123', name: 'jude' } }),
  },
  {
    id: 'set.replaces-existing',
    title: 'doc(id).set() on an existing id replaces the document (keeping _id) and reports updated: 1, twice; then update with operators on nested fields reports 1',
    source: upstream(DOC, 'API - set data in document existed'),
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([{ _id: 'd', category: 'Web', tags: ['JavaScript', 'C#'] }])
      const doc = db.collection(name).doc('d')
      const a = await doc.set({ data: { data: { type: 'set' } } })
      const afterA = (await doc.get()).data
      const b = await doc.set({ data: { data: { arr: [1, 2, 3], foo: 123 }, array: [0, 0, 0] } })
      const c = await doc.update({ data: { data: { arr: _.push([4, 5, 6]), foo: _.inc(1) }, array: _.pop() } })
      return { a: a.stats, afterA, b: b.stats, c: c.stats.updated, final: (await doc.get()).data }
    },
    check(r, expect) {
      expect(r).toEqual({
        a: { updated: 1, created: 0 },
        afterA: { _id: 'd', data: { type: 'set' } },
        b: { updated: 1, created: 0 },
        c: 1,
        final: { _id: 'd', data: { arr: [1, 2, 3, 4, 5, 6], foo: 124 }, array: [0, 0] },
      })
    },
  },
  {
    id: 'set.unchanged-still-updated-1',
    title: 'doc(id).set() with the document’s current content still reports updated: 1',
    source: wxDoc('document/Document.set') + ' (updated: 若指定的 _id 已存在则为 1); ' + upstream('unit/geo.test.ts', 'GEO类型 › GEO Point - CRUD'),
    async run({ db, freshCollection }) {
      const name = await freshCollection([{ _id: 's', a: 1, b: { c: [1, 2] } }])
      return (await db.collection(name).doc('s').set({ data: { a: 1, b: { c: [1, 2] } } })).stats
    },
    check: (r, expect) => expect(r).toEqual({ updated: 1, created: 0 }),
  },
  {
    id: 'remove.doc-counts',
    title: 'doc(id).remove() reports removed 1, and 0 for a missing id',
    source: upstream(DOC, 'API - remove document should success') + ' and › API - remove document that not exist',
    async run({ db, freshCollection }) {
      const name = await freshCollection([{ _id: 'r', a: 1 }])
      return [(await db.collection(name).doc('r').remove()).stats.removed, (await db.collection(name).doc('r').remove()).stats.removed]
    },
    check: (r, expect) => expect(r).toEqual([1, 0]),
  },
]

const DATES = 'unit/date.test.ts'
const dates: ConformanceCase[] = [
  {
    id: 'date.serverDate-long-offset',
    title: 'serverDate({offset: one year}) is a year after now',
    source: upstream(DATES, 'Date类型 › 验证 long 值offset'),
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      const r = await db.collection(name).add({ data: { name: 'longOffsetTest', serverDate1: db.serverDate({ offset: 31536000000 }) } })
      const got = (await db.collection(name).where({ _id: r._id }).get()).data[0].serverDate1
      return { isDate: got instanceof Date, years: (got.getTime() - Date.now()) / 31536000000 }
    },
    check(r: any, expect) {
      expect(r.isDate).toBe(true)
      expect(r.years).toBeGreaterThan(0.99)
      expect(r.years).toBeLessThan(1.01)
    },
  },
  {
    id: 'date.crud',
    title: 'dates and serverDates (in objects and arrays) round-trip; offset exact; empty array/object kept; update with serverDate and push(serverDate)',
    source: upstream(DATES, 'Date类型 › Document - CRUD'),
    async run({ db, _, freshCollection }) {
      const name = await freshCollection()
      const c = db.collection(name)
      const date = new Date()
      const offset = 60 * 1000
      const r = await c.add({
        data: {
          name: 'test',
          date,
          serverDate1: db.serverDate(),
          serverDate2: db.serverDate({ offset }),
          innerServerDate: [db.serverDate({ offset })],
          emptyArray: [],
          emptyObject: {},
          foo: { bar: db.serverDate({ offset }) },
        },
      })
      const d = (await c.where({ _id: r._id }).get()).data[0]
      const byEq = (await c.where({ date: _.eq(date) }).get()).data.length
      const upd = await c.where({ date: _.lte(date).and(_.gte(date)) }).update({
        data: { date: new Date(date.getTime() + 5), serverDate2: db.serverDate({ offset: 3600000 }), innerServerDate: _.push(db.serverDate({ offset })) },
      })
      const after = (await c.where({ _id: r._id }).get()).data[0]
      return {
        sameDate: d.date.getTime() === date.getTime(),
        barIsDate: d.foo.bar instanceof Date,
        innerIsDate: d.innerServerDate[0] instanceof Date,
        offsetExact: d.serverDate2.getTime() - d.serverDate1.getTime(),
        empties: [d.emptyArray, d.emptyObject],
        byEq,
        updated: upd.stats.updated,
        newDate: after.date.getTime() - date.getTime(),
        hourLater: after.serverDate2.getTime() - after.serverDate1.getTime() > 3600000,
        inner: after.innerServerDate.length,
        removed: (await c.doc(r._id).remove()).stats.removed,
      }
    },
    check: (r, expect) =>
      expect(r).toEqual({
        sameDate: true,
        barIsDate: true,
        innerIsDate: true,
        offsetExact: 60000,
        empties: [[], {}],
        byEq: 1,
        updated: 1,
        newDate: 5,
        hourLater: true,
        inner: 2,
        removed: 1,
      }),
  },
]

const INDEX = 'index.test.ts'
const indexTest: ConformanceCase[] = [
  {
    id: 'write.index-test',
    title: 'a field set to null and to []; ten documents added at once (ids) and removed by where (deleted 10); a field name with a "." is stored by add',
    source: upstream(INDEX, 'test/index.test.ts › 更新字段为空数组') + ', › mock 插入多条, › 清楚mock数据, › Document - CRUD',
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      const c = db.collection(name)
      const one = await c.add({ data: { a: 1 } })
      await c.where({ _id: one._id }).update({ data: { a: [], b: null } })
      const cleared = (await c.doc(one._id).get()).data
      const many = await c.add({ data: Array.from({ length: 10 }, () => ({ string: 'a', int: -1 })) })
      const deleted = (await c.where({ int: -1 }).remove()).stats.removed
      const dotted = await c.add({ data: { 'key.': '1' } })
      const crud = await c.where({ _id: dotted._id }).update({ data: { data: { a: null, b: null, c: null } } })
      const back = (await c.where({ _id: dotted._id }).get()).data[0]
      return { cleared: { a: cleared.a, b: cleared.b }, ids: many._ids.length, deleted, dotted: typeof dotted._id, crud: crud.stats.updated, back: back.data }
    },
    check: (r, expect) =>
      expect(r).toEqual({ cleared: { a: [], b: null }, ids: 10, deleted: 10, dotted: 'string', crud: 1, back: { a: null, b: null, c: null } }),
  },
]

export default defineArea('database: writes', [...operators, ...updateReference, ...documents, ...dates, ...indexTest])
