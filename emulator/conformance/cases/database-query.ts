/**
 * Queries: where() with the query commands, orderBy/skip/limit/field, count — node-sdk's production-run
 * advanced-operator, logic-operators, collection, order, projection, query-date, query.limit and
 * regex-query tests (their query cases), index.test's query cases, and the Command reference pages.
 */
import { defineArea, type ConformanceCase } from '../case'
import { mongoDoc, upstream, wxDoc } from './sources'

const ADV = 'unit/advanced-operator.test.ts'
const ADVANCED = [
  { category: 'Web', tags: ['JavaScript', 'C#'], index: 0, tags2: [1, 2, 3] },
  { category: 'Web', tags: ['Go', 'C#'], index: 1, tags2: [1, 2, 3] },
  { category: 'luke', tags: ['Go'] },
  { category: 'Life', tags: ['Go', 'Python', 'JavaScript'], index: 2, tags2: [1, 2, 3] },
  { category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 3, tags2: [1, 2, 3] },
  { category: 'embedded', tags: [{ value: 1 }, { value: 7 }], index: 4, tags2: [1, 2, 3] },
  { category: 'float', tags: ['Go', 'Python', 'JavaScript'], index: 0.2, arr: [{ name: 'A', subObj: {} }, { name: 'B', subObj: {} }, { name: 'C', subObj: {} }] },
]
// the Command reference's own kind of data: names make the answers readable
const PEOPLE = [
  { name: 'a', n: 1, tags: ['x', 'y'], sub: { a: 1, b: 'p' }, items: [{ k: 1, v: 'one' }, { k: 2, v: 'two' }], s: 'Hello' },
  { name: 'b', n: 2, tags: ['y'], sub: { a: 2, b: 'q' }, items: [{ k: 3, v: 'three' }], s: 'world' },
  { name: 'c', n: 3, tags: [], sub: { a: 3, b: 'p' }, items: [], s: 'HELLO there', opt: null },
  { name: 'd', n: 4, tags: ['x', 'y', 'z'], sub: { a: 1, b: 'r' }, extra: true, s: 'bye' },
  { name: 'e', n: 5.5, tags: ['z'], sub: { a: 5, b: 'p' }, s: 'hello' },
]

/** where(q).get() over a fresh collection of `docs`, answered as the list of `key` values, in order. */
function whereCase(p: { id: string; title: string; source: string; docs: Record<string, unknown>[]; key: string; queries: (db: any, _: any) => unknown[]; expect: unknown[][] }): ConformanceCase<unknown[][]> {
  return {
    id: p.id,
    title: p.title,
    source: p.source,
    async run({ db, _, freshCollection }) {
      const name = await freshCollection(p.docs)
      const out: unknown[][] = []
      for (const q of p.queries(db, _)) out.push((await db.collection(name).where(q).get()).data.map((d: any) => d[p.key] ?? null))
      return out
    },
    check(r, expect) {
      expect(r).toEqual(p.expect)
    },
  }
}

const advanced = [
  whereCase({
    id: 'query.all',
    title: 'all(["Go"]) matches the arrays containing "Go"',
    source: upstream(ADV, 'all › all'),
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [{ tags: _.all(['Go']) }],
    expect: [['Web', 'luke', 'Life', 'float']],
  }),
  whereCase({
    id: 'query.elemMatch-operators',
    title: 'elemMatch with a command, with neq, and over embedded documents',
    source: upstream(ADV, 'elemMatch › Element Match') + ', › Element Match neq, › Array of Embedded Documents',
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [{ tags: _.elemMatch(_.gt(2)) }, { tags: _.elemMatch(_.neq('Go')) }, { tags: _.elemMatch({ value: _.gt(0) }) }],
    expect: [['number'], ['Web', 'Web', 'Life', 'number', 'embedded', 'float'], ['embedded']],
  }),
  whereCase({
    id: 'query.size',
    title: 'size(2)',
    source: upstream(ADV, 'size › size'),
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [{ tags: _.size(2) }],
    expect: [['Web', 'Web', 'embedded']],
  }),
  whereCase({
    id: 'query.exists',
    title: 'exists(true), and exists inside elemMatch',
    source: upstream(ADV, 'exists › exists') + ' and › Array of Embedded Documents',
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [{ tags: _.exists(true) }, { tags: _.elemMatch({ value: _.exists(true) }) }],
    expect: [ADVANCED.map((d) => d.category), ['embedded']],
  }),
  whereCase({
    id: 'query.mod',
    title: 'mod([4, 3]) and the mini-program form mod(4, 3) inside elemMatch',
    source: upstream(ADV, 'mod › Array of Embedded Documents') + ' and mod - mp compatibility',
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [{ tags: _.elemMatch({ value: _.mod([4, 3]) }) }, { tags: _.elemMatch({ value: _.mod(4, 3) }) }],
    expect: [['embedded'], ['embedded']],
  }),
  whereCase({
    id: 'query.not',
    title: 'not(gt(1)) also matches documents without the field',
    source: upstream(ADV, 'not › match with gt'),
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [{ index: _.not(_.gt(1)) }],
    expect: [['Web', 'Web', 'luke', 'float']],
  }),
  whereCase({
    id: 'query.expr',
    title: 'expr with an aggregation comparison',
    source: upstream(ADV, 'expr › with gte'),
    docs: ADVANCED,
    key: 'category',
    queries: (db, _) => [_.expr(db.command.aggregate.gte(['$index', 3]))],
    expect: [['number', 'embedded']],
  }),
  whereCase({
    id: 'query.jsonSchema',
    title: 'jsonSchema required, and nor of it',
    source: upstream(ADV, 'jsonSchema › where') + ' and › nor',
    docs: ADVANCED,
    key: 'category',
    queries: (_db, _) => [_.jsonSchema({ required: ['category'] }), _.nor([_.jsonSchema({ required: ['category'] })])],
    expect: [ADVANCED.map((d) => d.category), []],
  }),
]

const LOGIC = 'unit/logic-operators.test.ts'
const logic: ConformanceCase[] = [
  {
    id: 'query.or-nor-dates',
    title: 'or of two documents (one a date equality), field-level nor, field-level or of dates',
    source: upstream(LOGIC, '逻辑操作符 › 验证多字段or') + ', › nor, › or date',
    async run({ db, _, freshCollection }) {
      const date = new Date('2020-06-01T00:00:00Z')
      const name = await freshCollection([
        { category: 'Web', tags: ['JavaScript', 'C#'], date },
        { category: 'Web', tags: ['Go', 'C#'] },
        { category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
      ])
      const cats = async (q: unknown) => (await db.collection(name).where(q).get()).data.map((d: any) => d.category)
      return {
        or: await cats(_.or({ category: 'Life' }, { date })),
        nor: await cats({ category: _.nor(_.eq('Life'), _.eq('Web')) }),
        orDate: await cats({ date: _.or(date, new Date(date.getTime() + 10000)) }),
      }
    },
    check: (r, expect) => expect(r).toEqual({ or: ['Web', 'Life'], nor: [], orDate: ['Web'] }),
  },
]

// Command reference pages, one case per family (these were the in-process suite's where() tests)
const commands = [
  whereCase({
    id: 'query.comparison',
    title: 'eq neq gt gte lt lte in nin, and a plain value',
    source: wxDoc('command/Command.eq') + ' (and Command.neq/gt/gte/lt/lte/in/nin)',
    docs: PEOPLE,
    key: 'name',
    queries: (_db, _) => [
      { n: _.eq(1) },
      { n: _.neq(1) },
      { n: _.gt(3) },
      { n: _.gte(3) },
      { n: _.lt(2) },
      { n: _.lte(2) },
      { n: _.in([1, 3, 99]) },
      { n: _.nin([1, 3]) },
      { n: 5.5 },
    ],
    expect: [['a'], ['b', 'c', 'd', 'e'], ['d', 'e'], ['c', 'd', 'e'], ['a'], ['a', 'b'], ['a', 'c'], ['b', 'd', 'e'], ['e']],
  }),
  whereCase({
    id: 'query.logical',
    title: 'and / or / nor / not, chained and top-level',
    source: wxDoc('command/Command.and') + ' (and Command.or/nor/not)',
    docs: PEOPLE,
    key: 'name',
    queries: (_db, _) => [
      { n: _.gt(1).and(_.lt(4)) },
      { n: _.lt(2).or(_.gt(4)) },
      _.and([{ n: _.gt(1) }, { 'sub.b': 'p' }]),
      _.or([{ name: 'a' }, { n: _.gte(5) }]),
      _.nor([{ name: 'a' }, { n: _.gte(4) }]),
      { n: _.not(_.gt(2)) },
      { n: _.and(_.gt(1), _.lt(3)) },
    ],
    expect: [['b', 'c'], ['a', 'e'], ['c', 'e'], ['a', 'e'], ['b', 'c'], ['a', 'b'], ['b']],
  }),
  whereCase({
    id: 'query.element-array',
    title: 'exists (null counts as existing), size, all, array contains, elemMatch, mod',
    source: wxDoc('command/Command.exists') + ' (and Command.size/all/elemMatch/mod)',
    docs: PEOPLE,
    key: 'name',
    queries: (_db, _) => [
      { extra: _.exists(true) },
      { opt: _.exists(true) },
      { extra: _.exists(false) },
      { tags: _.size(2) },
      { tags: _.all(['x', 'y']) },
      { tags: 'z' },
      { items: _.elemMatch({ k: _.gte(2), v: 'two' }) },
      { n: _.mod([2, 0]) },
    ],
    expect: [['d'], ['c'], ['a', 'b', 'c', 'e'], ['a'], ['a', 'd'], ['d', 'e'], ['a'], ['b', 'd']],
  }),
  whereCase({
    id: 'query.regexp',
    title: 'db.RegExp with options, JS RegExp, and not(RegExp)',
    source: wxDoc('Database.RegExp'),
    docs: PEOPLE,
    key: 'name',
    queries: (db, _) => [{ s: db.RegExp({ regexp: '^hello', options: 'i' }) }, { s: /^hello$/ }, { s: /o/i }, { s: _.not(/hello/i) }],
    expect: [['a', 'c', 'e'], ['e'], ['a', 'b', 'c', 'e'], ['b', 'd']],
  }),
  whereCase({
    id: 'query.nested-objects',
    title: 'nested objects in where() match as dotted paths; dotted keys; a path into an array of objects',
    source: wxDoc('collection/Collection.where'),
    docs: PEOPLE,
    key: 'name',
    queries: (_db, _) => [{ sub: { a: 1 } }, { sub: { a: 1, b: 'r' } }, { 'sub.b': 'q' }, { sub: { a: _.gt(2) } }, { 'items.k': 3 }],
    expect: [['a', 'd'], ['d'], ['b'], ['c', 'e'], ['b']],
  }),
  whereCase({
    id: 'query.all-elemMatch-with-commands',
    title: 'all([elemMatch({...commands}), ...]) finds arrays holding an element for each condition',
    source: wxDoc('command/Command.all') + ' (示例代码 2：对象数组)',
    docs: [
      { city: 'x0', places: [{ type: 'garden', area: 300, age: 1 }, { type: 'mall', area: 50, age: 15 }] },
      { city: 'x1', places: [{ type: 'garden', area: 300, age: 1 }, { type: 'theatre', area: 50, age: 15 }] },
      { city: 'x2', places: [{ type: 'mall', area: 200, age: 1 }] },
    ],
    key: 'city',
    queries: (_db, _) => [{ places: _.all([_.elemMatch({ area: _.gt(100), age: _.lt(2) }), _.elemMatch({ type: 'mall', age: _.gt(5) })]) }],
    expect: [['x0']],
  }),
]

const reads: ConformanceCase[] = [
  {
    id: 'query.order-skip-limit-field',
    title: 'orderBy on two keys, skip, limit, field inclusion/exclusion, field on doc().get()',
    source: wxDoc('collection/Collection.orderBy') + ' (and Collection.skip/limit/field)',
    async run({ db, _, freshCollection }) {
      const name = await freshCollection(PEOPLE)
      const c = db.collection(name)
      const paged = (await c.orderBy('sub.b', 'asc').orderBy('n', 'desc').skip(1).limit(3).field({ name: true, n: true }).get()).data
      const excluded = (await c.where({ name: 'a' }).field({ items: false, tags: false, sub: false }).get()).data[0]
      const b = (await c.where({ name: 'b' }).get()).data[0]
      const one = (await c.doc(b._id).field({ n: true }).get()).data
      return {
        paged: paged.map((d: any) => [d.name, Object.keys(d).sort()]),
        excluded: { ...excluded, _id: typeof excluded._id },
        one: { ...one, _id: one._id === b._id },
      }
    },
    check(r, expect) {
      expect(r).toEqual({
        paged: [
          ['c', ['_id', 'n', 'name']],
          ['a', ['_id', 'n', 'name']],
          ['b', ['_id', 'n', 'name']],
        ],
        excluded: { _id: 'string', name: 'a', n: 1, s: 'Hello' },
        one: { _id: true, n: 2 },
      })
    },
  },
  {
    id: 'query.projection-slice-keeps-other-fields',
    title: 'field({ tags: _.project.slice(n) }) slices the array and keeps every other field',
    source: mongoDoc('operator/projection/slice') + ' ($slice projection by itself is treated as an exclusion); ' + upstream('unit/projection.test.ts', 'projection › slice'),
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([
        { category: 'Web', tags: ['JavaScript', 'C#'] },
        { category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
      ])
      const strip = (ds: any[]) => ds.map(({ _id, ...d }) => d)
      return {
        first: strip((await db.collection(name).field({ tags: _.project.slice(1) }).get()).data),
        last: strip((await db.collection(name).field({ tags: _.project.slice(-1) }).get()).data),
        window: strip((await db.collection(name).field({ tags: _.project.slice([1, 1]) }).get()).data),
      }
    },
    check(r, expect) {
      expect(r).toEqual({
        first: [
          { category: 'Web', tags: ['JavaScript'] },
          { category: 'Life', tags: ['Go'] },
        ],
        last: [
          { category: 'Web', tags: ['C#'] },
          { category: 'Life', tags: ['JavaScript'] },
        ],
        window: [
          { category: 'Web', tags: ['C#'] },
          { category: 'Life', tags: ['Python'] },
        ],
      })
    },
  },
  {
    id: 'query.projection-true-false',
    title: 'field({category: true}) keeps it; field({category: 0}) drops it',
    source: upstream('unit/projection.test.ts', 'projection › projection true false') + ' and › projection 1 0',
    async run({ db, freshCollection }) {
      const name = await freshCollection([{ category: 'Web', tags: ['a'] }])
      const kept = (await db.collection(name).field({ category: true }).get()).data[0]
      const dropped = (await db.collection(name).field({ category: 0 }).get()).data[0]
      return { kept: Object.keys(kept).sort(), dropped: Object.keys(dropped).sort() }
    },
    check: (r, expect) => expect(r).toEqual({ kept: ['_id', 'category'], dropped: ['_id', 'tags'] }),
  },
  {
    id: 'query.limits',
    title: 'limit(1000) → 1000, limit(1001) → 1000 (server cap), limit(101) → 101, no limit → 100',
    source: upstream('unit/query.limit.test.ts', 'query with limit 1000') + ' (and > 1000, < 1000, default 100)',
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      await db.collection(name).add({ data: Array.from({ length: 1001 }, () => ({ luke: 'luke-limit-test' })) })
      const n = async (q: any) => (await q.get()).data.length
      const c = db.collection(name)
      return [await n(c.where({}).limit(1000)), await n(c.where({}).limit(1001)), await n(c.where({}).limit(101)), await n(c.where({})), await n(c.skip(1000).limit(1000))]
    },
    check: (r, expect) => expect(r).toEqual([1000, 1000, 101, 100, 1]),
  },
  {
    id: 'query.count',
    title: 'count() with and without where',
    source: wxDoc('collection/Collection.count'),
    async run({ db, freshCollection }) {
      const name = await freshCollection(PEOPLE)
      return [(await db.collection(name).count()).total, (await db.collection(name).where({ 'sub.b': 'p' }).count()).total]
    },
    check: (r, expect) => expect(r).toEqual([5, 3]),
  },
  {
    id: 'query.dates',
    title: 'a Date matches by equality, eq, lte, and lte().and(gte())',
    source: upstream('unit/query-date.test.ts', 'query date › 直接匹配') + ', › eq, › gte; ' + upstream('unit/date.test.ts', 'Date类型 › Document - CRUD'),
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([{ date: new Date(1565314149491) }, { date: new Date(1565314249491) }, { date: new Date(1565314349491) }, { date: db.serverDate() }])
      const n = async (q: unknown) => (await db.collection(name).where(q).get()).data.length
      const d = new Date(1565314249491)
      return [await n({ date: new Date(1565314149491) }), await n({ date: _.eq(new Date(1565314149491)) }), await n({ date: _.lte(new Date(1565314349491)) }), await n({ date: _.lte(d).and(_.gte(d)) })]
    },
    check: (r, expect) => expect(r).toEqual([1, 1, 3, 1]),
  },
  {
    id: 'query.regex-forms',
    title: 'regex queries: JS RegExp, new db.RegExp, db.RegExp, with another field, inside or (top level and field level); update and remove by them',
    source: upstream('unit/regex-query.test.ts', '正则表达式查询 › Document - CRUD'),
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([{ name: 'AbCdEfxxxxxxxxxxxxxx1234结尾', name2: 'fffffffffffffffffff' }, { name: 'other', name2: 'x' }])
      const n = async (q: unknown) => (await db.collection(name).where(q).get()).data.length
      const re = () => db.RegExp({ regexp: '^abcdef.*\\d+结尾$', options: 'i' })
      return [
        await n({ name: /^abcdef.*\d+结尾$/i }),
        await n({ name: new db.RegExp({ regexp: '^abcdef.*\\d+结尾$', options: 'i' }) }),
        await n({ name: re() }),
        await n({ name: re(), name2: /fff/ }),
        await n(_.or({ name: re(), name2: db.RegExp({ regexp: 'fffffff', options: 'i' }) })),
        await n({ name: _.or(re(), db.RegExp({ regexp: '^fffffff$', options: 'i' })) }),
        (await db.collection(name).where({ name: _.or(re(), db.RegExp({ regexp: '^fffffff$', options: 'i' })) }).update({ data: { name: 'ABCDEFxxxx5678结尾' } })).stats.updated,
        (await db.collection(name).where({ name: re() }).remove()).stats.removed,
      ]
    },
    check: (r, expect) => expect(r).toEqual([1, 1, 1, 1, 1, 1, 1, 1]),
  },
  {
    id: 'query.orderBy-chinese',
    title: 'orderBy a Chinese string field ascending (after a regex where)',
    source: upstream('unit/order.test.ts', '正则表达式查询 › Document - OrderBy'),
    async run({ db, freshCollection }) {
      const name = await freshCollection([
        { category: '类别B', value: 0.5 },
        { category: '类别C', value: 0.2 },
        { category: '类别A', value: 0.9 },
        { category: '其他', value: 1 },
      ])
      return (await db.collection(name).where({ category: /^类别/i }).orderBy('category', 'asc').get()).data.map((d: any) => d.category)
    },
    check: (r, expect) => expect(r).toEqual(['类别A', '类别B', '类别C']),
  },
  {
    id: 'query.index-test-reads',
    title: 'or of and-ranges; compound and on two fields; a 24-hex string _id; a null field; count without where',
    source: upstream('index.test.ts', 'Document - query') + ', › 复合and, › 验证插入24位可转objid 的id, › 插入字段null, › 验证 无 query count',
    async run({ db, _, freshCollection }) {
      const name = await freshCollection([
        { a: 1, b: 100 },
        { a: 10, b: 1 },
        { a: 5, b: 50 },
        { date: 20190415, hour: 10 },
      ])
      const c = db.collection(name)
      const ranges = (await c.where(_.or({ b: _.and(_.gte(1), _.lte(10)) }, { b: _.and(_.gt(99), _.lte(101)) })).get()).data.map((d: any) => d.a)
      const compound = (await c.where({ date: _.gt(20190401).and(_.lte(20190430)), hour: _.gt(8).and(_.lte(12)) }).get()).data.length
      await c.add({ data: { a: 'test', _id: '5e7b474a5e54c773b58d7b39' } })
      const byId = (await c.where({ _id: '5e7b474a5e54c773b58d7b39' }).get()).data.length
      const nul = await c.add({ data: { name: null } })
      const withNull = (await c.where({ _id: nul._id }).get()).data[0]
      return { ranges, compound, byId, withNull: { name: withNull.name }, total: (await c.count()).total }
    },
    check: (r, expect) => expect(r).toEqual({ ranges: [1, 10], compound: 1, byId: 1, withNull: { name: null }, total: 6 }),
  },
  {
    id: 'query.collection-basics',
    title: 'get() of a collection, orderBy, limit(1), skip, where({})',
    source: upstream('unit/collection.test.ts', 'API - get all data') + ', › use orderBy, › use limit, › use offset, › use where',
    async run({ db, freshCollection }) {
      const name = await freshCollection([{ name: 'B' }, { name: 'A' }, { name: 'C' }])
      const c = db.collection(name)
      const names = (r: any) => r.data.map((d: any) => d.name)
      return [names(await c.get()), names(await c.orderBy('name', 'asc').get()), names(await c.limit(1).get()), names(await c.skip(2).get()), names(await c.where({}).get())]
    },
    check: (r, expect) =>
      expect(r).toEqual([
        ['B', 'A', 'C'],
        ['A', 'B', 'C'],
        ['B'],
        ['C'],
        ['B', 'A', 'C'],
      ]),
  },
]

export default defineArea('database: queries', [...advanced, ...logic, ...commands, ...reads])
