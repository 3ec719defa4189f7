/**
 * The planner against the scan it replaces: random documents (scalars of every type, missing
 * fields, nulls, arrays, nested objects), random queries built from the operators the product uses
 * (equality, $in, ranges, $ne/$nin/$exists, null, $and — how the SDK sends `_.and` on a field —,
 * $or, `_id` $in), random orders,
 * skips and limits — the planner's answer must equal a scan of the collection followed by a stable
 * sort, document for document and in the same order; committed and inside transactions (snapshot
 * plus own writes, with commits after the snapshot). Plus the plans chosen for typical queries.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import fc from 'fast-check'
import type { CollectionSpec } from '../schema'
import { Database } from './database'
import type { Doc } from './doc'
import { committedView, compileQuery, findDocs, findDocsExplained, type DocView, type SortSpec } from './query'
import { TransactionManager } from './transactions'

const SPEC: CollectionSpec = {
  name: 'c',
  indexes: [
    { name: 'a', keys: { a: 1 } },
    { name: 'a_b', keys: { a: 1, b: -1 } },
    { name: 'b_c', keys: { b: 1, c: 1 } },
    { name: 'tags_c', keys: { tags: 1, c: -1 } },
    { name: 'nx', keys: { 'n.x': 1 } },
    { name: 'c_a_b', keys: { c: 1, a: 1, b: 1 }, unique: false },
    { name: 's', keys: { s: -1 } },
    { name: 'c_s', keys: { c: 1, s: -1 } },
  ],
}

let dir: string
let db: Database
let txm: TransactionManager
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-planner-'))
  db = await Database.open(dir, new Map([['c', SPEC]]))
  txm = new TransactionManager(db)
})
afterEach(async () => {
  txm.close()
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

// ---- generators

const scalar = fc.constantFrom<unknown>(0, 1, 2, 3, -1, 1.5, 'x', 'y', '', 'xy', null, true, false, new Date(0), new Date(1000), new Date(-5))
const value = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant({ k: 1 }) })
// a, b, n.x may hold arrays and objects (then the planner may not range over or order by them);
// c and s hold scalars only, so their ranges and orders do come from the indexes
const FIELDS = ['a', 'b', 'c', 'c', 's', 's', 'tags', 'n.x', 'd'] as const
const docArb = fc.record(
  {
    a: value,
    b: fc.oneof(fc.constantFrom<unknown>(0, 1, 2, 3, null), value),
    c: fc.constantFrom<unknown>('x', 'y', 'z', '', 1, null),
    tags: fc.array(fc.constantFrom('p', 'q', 'r'), { maxLength: 3 }),
    n: fc.oneof(fc.record({ x: value }), fc.array(fc.record({ x: scalar }), { maxLength: 2 }), fc.constant(7)),
    d: scalar,
    s: fc.constantFrom<unknown>(0, 1, 2, 2.5, 'x', 'y', new Date(0), new Date(1000), true),
  },
  { requiredKeys: [] },
)

const cond = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }),
  fc.record({ $in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
  fc.record({ $gt: scalar }),
  fc.record({ $gte: scalar, $lt: scalar }),
  fc.record({ $lte: scalar }),
  fc.record({ $ne: scalar }),
  fc.record({ $nin: fc.array(scalar, { maxLength: 2 }) }),
  fc.record({ $exists: fc.boolean() }),
)
const conj = fc.dictionary(fc.constantFrom(...FIELDS), cond, { maxKeys: 3 })
const queryArb = fc.oneof(
  { weight: 5, arbitrary: conj },
  { weight: 1, arbitrary: fc.record({ $or: fc.array(conj, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.tuple(conj, fc.array(conj, { minLength: 1, maxLength: 2 })).map(([c, or]) => ({ ...c, $or: or })) },
  { weight: 1, arbitrary: fc.tuple(conj, conj).map(([x, y]) => ({ $and: [x, y] })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }).map((ids) => ({ _id: { $in: ids.map((i) => `d${i}`) } })) },
)
const orderArb = fc.option(
  fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 's', '_id', 'n.x', 'tags'), fc.constantFrom<1 | -1>(1, -1)), { selector: (t) => t[0], maxLength: 2 }).map(
    (pairs) => Object.fromEntries(pairs) as SortSpec,
  ),
  { nil: undefined },
)
const pageArb = fc.record({ skip: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), limit: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) })

const put = (docs: Doc[]) => db.commit(docs.map((d, i) => ({ coll: 'c', key: `d${i}`, doc: { _id: `d${i}`, ...d } })))
const C = () => db.collection('c')

/** planner and scan agree on `view` */
function agree(view: DocView, query: Doc, order: SortSpec | undefined, page: { skip?: number; limit?: number }): void {
  const opts = { order, ...page }
  const planned = findDocs(view, compileQuery(structuredClone(query), C()), opts).map((h) => h.key)
  const scanned = findDocs(view, compileQuery(structuredClone(query), C()), { ...opts, force: 'scan' }).map((h) => h.key)
  expect(planned).toEqual(scanned)
}

test('a two-sided range over an array field: each bound may be met by another element (the counterexample fast-check found)', async () => {
  await db.reset()
  await put([{ b: 0 }, { b: [1, 2] }, { b: 1.5 }])
  for (const q of [{ b: { $gte: 1.5, $lt: 1.5 } }, { b: { $gt: 1.2, $lt: 1.8 } }]) agree(committedView(C()), q, undefined, {})
  expect(findDocs(committedView(C()), compileQuery({ b: { $gte: 1.5, $lt: 1.5 } }, C()), {}).map((h) => h.key)).toEqual(['d1'])
})

test('planner = scan, on the committed collection', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(docArb, { maxLength: 40 }), fc.array(fc.tuple(queryArb, orderArb, pageArb), { minLength: 1, maxLength: 15 }), async (docs, queries) => {
      await db.reset()
      await put(docs)
      // updates and deletes after the indexes were built keep them current
      for (const [q, order, page] of queries.slice(0, 1)) agree(committedView(C()), q, order, page)
      await db.commit([
        { coll: 'c', key: 'd1', doc: { _id: 'd1', a: 2, b: [1, 2], c: 'x', tags: ['q'] } },
        { coll: 'c', key: 'd3', doc: null },
        { coll: 'c', key: 'new', doc: { _id: 'new', a: 'x', c: 'y', n: { x: 1 } } },
        { coll: 'c', key: 'd3', doc: { _id: 'd3', a: 1 } },
      ])
      for (const [q, order, page] of queries) agree(committedView(C()), q, order, page)
    }),
    { numRuns: Number(process.env.PLANNER_RUNS ?? 150) },
  )
})

test('planner = scan, for an $or walked branch by branch in order and merged', async () => {
  const branch = fc.oneof(fc.record({ c: scalar }), fc.record({ s: scalar }), fc.record({ c: scalar, a: scalar }), fc.record({ s: fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }) }))
  const orArb = fc.array(branch, { minLength: 1, maxLength: 3 }).map(($or) => ({ $or }))
  await fc.assert(
    fc.asyncProperty(fc.array(docArb, { maxLength: 40 }), fc.array(fc.tuple(orArb, fc.constantFrom<1 | -1>(1, -1), pageArb), { minLength: 1, maxLength: 8 }), async (docs, queries) => {
      await db.reset()
      await put(docs)
      for (const [q, dir, page] of queries) agree(committedView(C()), q, { s: dir }, page)
    }),
    { numRuns: Number(process.env.PLANNER_RUNS ?? 100) },
  )
  // the plan: every branch on an index that gives the order, merged up to the page
  await db.reset()
  await put(Array.from({ length: 300 }, (_, i) => ({ c: i % 3 ? 'x' : 'y', s: i % 5 })))
  const e = findDocsExplained(committedView(C()), compileQuery({ $or: [{ c: 'y' }, { s: 1 }] }, C()), { order: { s: -1 }, limit: 5 }).explain
  expect(e).toMatchObject({ plan: 'OR', index: 'c_s | s', inMemorySort: false })
  expect(e.docsExamined).toBeLessThan(20)
})

test('planner = scan, inside a transaction (its snapshot and own writes, commits after the snapshot)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(docArb, { minLength: 1, maxLength: 30 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 35 }), fc.option(docArb, { nil: null })), { maxLength: 6 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 35 }), fc.option(docArb, { nil: null })), { maxLength: 6 }),
      fc.array(fc.tuple(queryArb, orderArb, pageArb), { minLength: 1, maxLength: 10 }),
      async (docs, later, own, queries) => {
        await db.reset()
        await put(docs)
        // the indexes exist before the transaction starts
        findDocs(committedView(C()), compileQuery({ a: 1 }, C()))
        const t = txm.start()
        await db.commit(later.map(([i, d]) => ({ coll: 'c', key: `d${i}`, doc: d && { _id: `d${i}`, ...d } })))
        for (const [i, d] of own) {
          const key = `d${i}`
          if (t.writes.has(`c\u0001${key}`) || C().version(key) <= t.snap) txm.writeDoc(t, C(), key, d && { _id: key, ...d })
        }
        for (const [q, order, page] of queries) agree(txm.view(t, C()), q, order, page)
        txm.abort(t.id)
      },
    ),
    { numRuns: Number(process.env.PLANNER_RUNS ?? 100) },
  )
})

describe('plans', () => {
  beforeEach(async () => {
    const docs: Doc[] = []
    for (let i = 0; i < 500; i++) docs.push({ a: i % 10, b: i, c: i % 2 ? 'x' : 'y', tags: [`t${i % 7}`] })
    await put(docs)
  })
  const explain = (q: Doc, o: { order?: SortSpec; limit?: number } = {}) => findDocsExplained(committedView(C()), compileQuery(q, C()), o).explain

  test('equality on a leading field: the index, every examined document a match', () => {
    expect(explain({ a: 3 })).toMatchObject({ plan: 'IXSCAN', index: 'a', docsExamined: 50, returned: 50, inMemorySort: false })
  })

  test('equality then the order of the next field: walks the index in order and stops at the page', () => {
    expect(explain({ a: 3 }, { order: { b: -1 }, limit: 5 })).toMatchObject({ plan: 'IXSCAN', index: 'a_b', docsExamined: 5, returned: 5, inMemorySort: false })
    // the reverse direction walks the same index backwards
    expect(explain({ a: 3 }, { order: { b: 1 }, limit: 5 })).toMatchObject({ plan: 'IXSCAN', index: 'a_b', docsExamined: 5, inMemorySort: false })
  })

  test('$in on the leading field and the order of the next: the ranges are merged', () => {
    const e = explain({ a: { $in: [1, 2] } }, { order: { b: -1 }, limit: 3 })
    expect(e).toMatchObject({ plan: 'IXSCAN', index: 'a_b', docsExamined: 3, inMemorySort: false })
    const keys = findDocs(committedView(C()), compileQuery({ a: { $in: [1, 2] } }, C()), { order: { b: -1 }, limit: 3 }).map((h) => h.doc.b)
    expect(keys).toEqual([492, 491, 482])
  })

  test('a range after the equality prefix bounds the walk', () => {
    expect(explain({ b: { $gte: 10, $lt: 20 } })).toMatchObject({ plan: 'IXSCAN', index: 'b_c', docsExamined: 10, returned: 10 })
  })

  test('an order only: the index that gives it, stopping at the page', () => {
    expect(explain({}, { order: { _id: -1 }, limit: 4 })).toMatchObject({ plan: 'IXSCAN', index: '_id_', docsExamined: 4 })
  })

  test('_id $in: one lookup per id', () => {
    expect(explain({ _id: { $in: ['d1', 'd2', 'nope'] } })).toMatchObject({ plan: 'IDS', docsExamined: 2, returned: 2 })
  })

  test('$or with an index per branch: the union of their candidates', () => {
    expect(explain({ $or: [{ a: 1 }, { tags: 't3' }] })).toMatchObject({ plan: 'OR', index: 'a | tags_c' })
  })

  test('no usable index: a scan, reported with the collection size', () => {
    expect(explain({ d: 1 })).toMatchObject({ plan: 'COLLSCAN', docsExamined: 500, collectionSize: 500 })
  })
})
