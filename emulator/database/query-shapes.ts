/**
 * Query shapes: what a query asks of a collection with the values taken out (which fields are
 * compared for equality, with $in, with a range, or otherwise; $or branches; the order), and the
 * rule that says whether a declared index serves a shape. The database service reports every
 * function query's shape (DatabaseServiceOptions.onQuery); the test fixture records them while the
 * integration suites run and scripts/testing/index-coverage.after-integration.test.ts fails when
 * database/*.json has no index for one — so production, which has only the declared indexes, never
 * scans a collection for a query the product makes.
 *
 * The rule is MongoDB's index prefix rule (CloudBase's console states it for compound indexes:
 * "组合索引 … 支持前缀匹配查询", https://docs.cloudbase.net/database/data-index):
 *   - the index's leading fields are bound by equality or $in conditions (any number, ≥ 0), and
 *   - an `orderBy` is given by the fields right after them, in order, all in the index's directions
 *     or all reversed (fields bound by equality may be left out of the order; fields bound by $in
 *     may appear in it), and then a query with equality conditions (or an $or) must bind at least
 *     one field;
 *   - without an order, the index binds at least one leading field, or its first unbound field
 *     carries a range (equality before range).
 * `_id` equality or $in is served by the `_id` index; a geo condition by a 2dsphere index on its
 * field; an $or when every branch is; a query without conditions and order is one page in natural
 * order.
 */
import { isPlainObject, type Doc } from './engine/doc'
import type { IndexSpec } from './schema'

export interface QueryShape {
  eq: string[]
  in: string[]
  range: string[]
  geo: string[]
  /** fields with other conditions ($ne, $nin, $exists, $elemMatch, $all, regex …): not bounds */
  other: string[]
  or?: QueryShape[]
}

export type OrderShape = [string, 1 | -1][]

export interface ShapeRecord {
  collection: string
  op: 'get' | 'count' | 'update' | 'remove' | 'aggregate' | 'lookup'
  shape: QueryShape
  order?: OrderShape
  /** the function that issued it */
  fn?: string
}

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte'])
const GEO = new Set(['$nearSphere', '$near', '$geoWithin', '$geoIntersects'])

const isOperatorObject = (v: unknown): v is Doc => isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))

function add(list: string[], f: string): void {
  if (!list.includes(f)) list.push(f)
}

/** The shape of a (decoded) query. */
export function shapeOf(q: Doc, into: QueryShape = { eq: [], in: [], range: [], geo: [], other: [] }): QueryShape {
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) shapeOf(sub, into)
    } else if (k === '$or' && Array.isArray(v)) {
      into.or = v.filter(isPlainObject).map((b) => shapeOf(b))
    } else if (k.startsWith('$')) {
      add(into.other, k)
    } else if (!isOperatorObject(v)) {
      add(v instanceof RegExp ? into.other : into.eq, k)
    } else {
      for (const op of Object.keys(v)) {
        if (op === '$eq') add(into.eq, k)
        else if (op === '$in') add(into.in, k)
        else if (RANGE.has(op)) add(into.range, k)
        else if (GEO.has(op)) add(into.geo, k)
        else add(into.other, k)
      }
    }
  }
  for (const list of [into.eq, into.in, into.range, into.geo, into.other]) list.sort()
  return into
}

/** A shape as one line, for messages and de-duplication. */
export function describeShape(r: Pick<ShapeRecord, 'collection' | 'shape' | 'order'>): string {
  const part = (s: QueryShape): string => {
    const bits = [
      ...s.eq.map((f) => `${f}=`),
      ...s.in.map((f) => `${f} in`),
      ...s.range.map((f) => `${f} range`),
      ...s.geo.map((f) => `${f} geo`),
      ...s.other.map((f) => `${f} other`),
    ]
    if (s.or) bits.push(`$or[${s.or.map(part).join(' | ')}]`)
    return `{${bits.join(', ')}}`
  }
  const order = r.order?.length ? ` orderBy ${r.order.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}` : ''
  return `${r.collection} ${part(r.shape)}${order}`
}

/** Whether one index serves the shape (see the header). */
function servedBy(ix: IndexSpec, s: QueryShape, order: OrderShape): boolean {
  const fields = Object.keys(ix.keys)
  if (Object.values(ix.keys).includes('2dsphere')) return false
  const bound = new Set([...s.eq, ...s.in])
  let k = 0
  while (k < fields.length && bound.has(fields[k])) k++
  const sort = order.filter(([f]) => !s.eq.includes(f))
  if (sort.length) {
    let j = k
    let rel: number | undefined
    for (const [f, d] of sort) {
      const pos = fields.indexOf(f)
      if (pos < 0) return false
      if (pos < k) continue
      if (pos !== j) return false
      const r = d === ix.keys[f] ? 1 : -1
      if (rel !== undefined && r !== rel) return false
      rel = r
      j++
    }
    // an unbound walk in order serves a query without equality conditions (an $or needs its branches served)
    return k > 0 || (bound.size === 0 && !s.or?.length)
  }
  return k > 0 || (k < fields.length && s.range.includes(fields[k]))
}

/**
 * The name of an index that serves the shape ('_id_' for `_id`, a geo index's name, 'OR' when
 * every branch is served), or undefined.
 */
export function servingIndex(indexes: IndexSpec[], s: QueryShape, order: OrderShape = []): string | undefined {
  if (s.eq.includes('_id') || s.in.includes('_id')) return '_id_'
  for (const f of s.geo) {
    const g = indexes.find((ix) => ix.keys[f] === '2dsphere')
    if (g) return g.name
  }
  const all: IndexSpec[] = [...indexes, { name: '_id_', keys: { _id: 1 } }]
  for (const ix of all) if (servedBy(ix, s, order)) return ix.name
  if (s.or?.length) {
    const rest: QueryShape = { ...s, or: undefined }
    const merged = (b: QueryShape): QueryShape => ({
      eq: [...rest.eq, ...b.eq],
      in: [...rest.in, ...b.in],
      range: [...rest.range, ...b.range],
      geo: [...rest.geo, ...b.geo],
      other: [...rest.other, ...b.other],
      or: b.or,
    })
    // the union of the branches is sorted in memory: each branch needs only bounds
    if (s.or.every((b) => servingIndex(indexes, merged(b)) !== undefined)) return 'OR'
  }
  const empty = !s.eq.length && !s.in.length && !s.range.length && !s.geo.length && !s.other.length && !s.or?.length
  if (empty && !order.length) return '(natural order)'
  return undefined
}
