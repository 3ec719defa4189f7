/**
 * The aggregate stages served by the planner: `$lookup` by query (against mingo's own $lookup over
 * a copy of the foreign collection, on random data) and the leading `$match` with the `$sort` /
 * `$skip` / `$limit` after it (against the same pipeline run by mingo alone).
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import fc from 'fast-check'
import { Aggregator } from 'mingo/aggregator'
import { runAggregate } from './aggregate'
import { Database } from './database'
import { clone, type Doc } from './doc'
import { mingoOptions, type QueryExplain } from './query'

let dir: string
let db: Database
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-agg-'))
  db = await Database.open(
    dir,
    new Map([
      ['local', { name: 'local', indexes: [{ name: 'k_n', keys: { k: 1, n: -1 } }] }],
      ['foreign', { name: 'foreign', indexes: [{ name: 'ref', keys: { ref: 1 } }] }],
    ]),
  )
})
afterEach(async () => {
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const v = fc.constantFrom<unknown>(1, 2, 'a', 'b', null, 2.5)
const val = fc.oneof({ weight: 4, arbitrary: v }, { weight: 1, arbitrary: fc.array(v, { maxLength: 3 }) })
const rec = fc.record({ k: val, n: fc.integer({ min: 0, max: 5 }), ref: val }, { requiredKeys: ['n'] })

async function load(name: string, docs: Doc[]): Promise<void> {
  await db.commit(docs.map((d, i) => ({ coll: name, key: `${name[0]}${i}`, doc: { _id: `${name[0]}${i}`, ...d } })))
}

/** mingo alone, with every collection copied in: the reference */
function byMingo(stages: Doc[]): Doc[] {
  const all = (name: string) => [...db.collection(name).docs.values()].map(clone)
  return new Aggregator(stages, { ...mingoOptions, collectionResolver: all }).run(all('local')) as Doc[]
}

test('$lookup by query answers what mingo’s $lookup answers', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(rec, { maxLength: 12 }), fc.array(rec, { maxLength: 20 }), fc.constantFrom('ref', '_id', 'k'), async (locals, foreigns, foreignField) => {
      await db.reset()
      await load('local', locals)
      await load('foreign', foreigns)
      const stages = [{ $lookup: { from: 'foreign', localField: 'k', foreignField, as: 'joined' } }, { $limit: 100 }]
      // mingo 7.2.7 puts `undefined` in `as` for an element of a local array that joins nothing, and
      // a foreign document twice when its array holds the local value twice; MongoDB joins each
      // document once, and so does the emulator
      const once = (xs: unknown[]) => xs.filter((x, i) => x !== undefined && xs.findIndex((y) => (y as Doc)?._id === (x as Doc)._id) === i)
      const reference = byMingo(stages).map((d) => ({ ...d, joined: once(d.joined as unknown[]) }))
      expect(runAggregate(db, db.collection('local'), stages)).toEqual(reference)
    }),
    { numRuns: 200 },
  )
})

test('a leading $match with $sort/$skip/$limit answers what mingo answers', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(rec, { maxLength: 30 }), v, fc.constantFrom<1 | -1>(1, -1), fc.nat(3), fc.integer({ min: 1, max: 5 }), async (locals, k, dir, skip, limit) => {
      await db.reset()
      await load('local', locals)
      const stages = [{ $match: { k } }, { $sort: { n: dir } }, { $skip: skip }, { $limit: limit }, { $project: { n: 1 } }]
      expect(runAggregate(db, db.collection('local'), stages)).toEqual(byMingo(stages))
    }),
    { numRuns: 200 },
  )
})

test('the index serves both: the $match walks k_n and stops at the page, the $lookup reads only joined documents', async () => {
  await load('local', Array.from({ length: 300 }, (_, i) => ({ k: i % 3, n: i, ref: null })))
  await load('foreign', Array.from({ length: 1000 }, (_, i) => ({ ref: i % 100, n: 0 })))
  const seen: QueryExplain[] = []
  const out = runAggregate(
    db,
    db.collection('local'),
    [{ $match: { k: 1 } }, { $sort: { n: -1 } }, { $limit: 2 }, { $lookup: { from: 'foreign', localField: 'n', foreignField: 'ref', as: 'f' } }],
    (e) => seen.push(e),
  )
  expect(out.map((d) => [d.n, (d.f as Doc[]).length])).toEqual([
    [298, 0],
    [295, 0],
  ])
  expect(seen[0]).toMatchObject({ collection: 'local', plan: 'IXSCAN', index: 'k_n', docsExamined: 2 })
  expect(seen.slice(1).every((e) => e.collection === 'foreign' && e.plan === 'IXSCAN' && e.docsExamined === 0)).toBe(true)
})
