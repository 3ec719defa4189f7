/**
 * The query planner for everything that is not a geo query: which documents to examine, in which
 * order, and when to stop. Results are always exactly those of a scan of the collection in natural
 * order followed by a stable sort (the reference implementation, kept as the COLLSCAN plan); every
 * candidate is tested against the whole query, so an index only narrows what is examined.
 *
 * Plans, as MongoDB names them:
 *   - IDHACK: `_id` equality → one lookup; `_id` $in → one lookup per id (plan IDS).
 *   - IXSCAN: a declared index (or the implicit `_id_`) whose leading fields are bound by the
 *     query's equality / $in conditions, then optionally a range on the next field; the
 *     combinations of $in values are walked as separate ranges. When the fields after the bound
 *     ones give `orderBy` (same directions, or all reversed), the ranges are walked in that order
 *     and merged, and the walk stops once skip + limit documents matched. Otherwise the candidates
 *     of the ranges are collected, then put in natural order (and sorted, if asked).
 *   - OR: a top-level $or whose every branch (with the conditions beside the $or) has a bound index:
 *     the union of the branches' candidates.
 *   - COLLSCAN: everything else — in natural order, stopping early when no sort is asked for.
 * Choice between indexes: the most bound leading fields (a range counts half), then one that gives
 * the sort, then the shorter index.
 *
 * Inside a transaction whose snapshot differs from the committed state, an index still narrows the
 * candidates: its entries (committed state) plus every document committed after the snapshot or
 * written by the transaction, each read as the transaction sees it.
 */
import { idKey, isPlainObject, type Doc } from './doc'
import { encodeScalar, KEY_HIGH, KEY_LOW, nextClass } from './index-key'
import type { IndexEntry, SecondaryIndex } from './secondary-index'
import type { Collection } from './collection'

export type SortSpec = Record<string, 1 | -1>

/** What a query reads: the committed collection, or (in a transaction) that overlaid with its writes. */
export interface DocView {
  coll: Collection
  get(key: string): Doc | undefined
  entries(): Iterable<[string, Doc]>
  /** true when the view differs from the committed collection */
  overlaid: boolean
  /** keys where the view may differ from the committed collection (only read when overlaid) */
  changed?(): Iterable<string>
  /** a key's place in the order entries() yields */
  rank(key: string): number
}

export interface Hit {
  key: string
  doc: Doc
  /** distance in metres from the near point, when the query had one */
  meters?: number
}

/** What the planner did for one query: for tests, the bench, the recorder and the scan warning. */
export interface QueryExplain {
  collection: string
  plan: 'IDHACK' | 'IDS' | 'IXSCAN' | 'OR' | 'GEO_NEAR' | 'GEO' | 'COLLSCAN'
  /** the index used (OR: the branches' indexes joined with " | ") */
  index?: string
  /** index entries visited */
  keysExamined: number
  /** documents fetched and tested against the query */
  docsExamined: number
  returned: number
  /** the matches were sorted in memory (the index did not give the order) */
  inMemorySort: boolean
  /** documents in the collection when the query ran */
  collectionSize: number
}

// ---------------------------------------------------------------------------------------------
// the query's conditions, as bounds

type FieldCond =
  | { kind: 'points'; keys: string[] }
  | { kind: 'range'; cls: string; lo?: string; loInc: boolean; hi?: string; hiInc: boolean }

const isOperatorObject = (v: unknown): v is Doc => isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))

/** Points of an equality with a value (null: also a missing field, same key); none for non-scalars. */
function eqPoints(v: unknown): string[] | undefined {
  if (v === undefined) return undefined
  return encodeScalar(v) === undefined ? undefined : [encodeScalar(v)!]
}

function fieldConds(v: unknown): FieldCond[] {
  if (!isOperatorObject(v)) {
    const p = eqPoints(v)
    return p ? [{ kind: 'points', keys: p }] : []
  }
  const out: FieldCond[] = []
  let range: Extract<FieldCond, { kind: 'range' }> | undefined
  const bound = (op: string, arg: unknown) => {
    if (arg === null || arg === undefined) return
    const key = encodeScalar(arg)
    if (key === undefined) return
    const cls = key[0]
    range ??= { kind: 'range', cls, loInc: true, hiInc: true }
    if (range.cls !== cls) return // another type never matches both; the test decides
    if (op === '$gt' || op === '$gte') {
      if (range.lo === undefined || key > range.lo || (key === range.lo && op === '$gt')) [range.lo, range.loInc] = [key, op === '$gte']
    } else if (range.hi === undefined || key < range.hi || (key === range.hi && op === '$lt')) [range.hi, range.hiInc] = [key, op === '$lte']
  }
  for (const [op, arg] of Object.entries(v)) {
    if (op === '$eq') {
      const p = eqPoints(arg)
      if (p) out.push({ kind: 'points', keys: p })
    } else if (op === '$in') {
      if (!Array.isArray(arg)) continue
      const keys = new Set<string>()
      let ok = true
      for (const x of arg) {
        const p = eqPoints(x)
        if (!p) ok = false
        else for (const k of p) keys.add(k)
      }
      if (ok) out.push({ kind: 'points', keys: [...keys].sort() })
    } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') bound(op, arg)
    else if (op === '$and' && Array.isArray(arg)) for (const sub of arg) out.push(...fieldConds(sub))
  }
  if (range) out.push(range)
  return out
}

/** The conditions of the top-level conjunction (the query's fields and its $and members), by field. */
function conditionsOf(q: Doc, into = new Map<string, FieldCond[]>()): Map<string, FieldCond[]> {
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) conditionsOf(sub, into)
      continue
    }
    if (k.startsWith('$')) continue
    const cs = fieldConds(v)
    if (cs.length) into.set(k, [...(into.get(k) ?? []), ...cs])
  }
  return into
}

/** One condition per field: the fewest points, else a range. */
function bestCond(cs: FieldCond[] | undefined): FieldCond | undefined {
  if (!cs?.length) return undefined
  const points = cs.filter((c): c is Extract<FieldCond, { kind: 'points' }> => c.kind === 'points')
  if (points.length) return points.reduce((a, b) => (b.keys.length < a.keys.length ? b : a))
  return cs[0]
}

// ---------------------------------------------------------------------------------------------
// choosing an index

/** Combinations of $in values walked as separate ranges, at most (MongoDB explodes up to 200). */
const MAX_COMBINATIONS = 200

interface IndexPlan {
  ix: SecondaryIndex
  /** per bound leading field, its keys */
  prefix: string[][]
  range?: Extract<FieldCond, { kind: 'range' }>
  /** the walk gives the requested order (reverse: walk the index backwards) */
  sorted: boolean
  reverse: boolean
  /** positions in the index entry of the order's fields, with the requested directions */
  sortKey: { pos: number; dir: 1 | -1 }[]
  score: number
}

function planIndex(ix: SecondaryIndex, conds: Map<string, FieldCond[]>, order: SortSpec | undefined): IndexPlan {
  const n = ix.fields.length
  const prefix: string[][] = []
  let combos = 1
  let i = 0
  for (; i < n; i++) {
    const c = bestCond(conds.get(ix.fields[i]))
    if (!c || c.kind !== 'points' || combos * c.keys.length > MAX_COMBINATIONS) break
    prefix.push(c.keys)
    combos *= c.keys.length
  }
  let range: IndexPlan['range']
  // not over an array field: {$gte: 1.5, $lt: 1.5} matches [1, 2] (each bound by another element,
  // MongoDB's multikey rule), which the intersected range of its index entries would miss
  if (i < n && ix.exotic[i] === 0 && ix.multikey[i] === 0) {
    const c = bestCond(conds.get(ix.fields[i]))
    if (c?.kind === 'range') range = c
  }
  let sorted = false
  let reverse = false
  const sortKey: IndexPlan['sortKey'] = []
  const orderFields = order ? Object.entries(order) : []
  if (orderFields.length) {
    sorted = true
    let j = i
    let rel: 1 | -1 | undefined
    for (const [f, d] of orderFields) {
      const pos = ix.fields.indexOf(f)
      if (pos < 0 || ix.multikey[pos] || ix.exotic[pos]) {
        sorted = false
        break
      }
      sortKey.push({ pos, dir: d })
      if (pos < i) continue // a bound field: constant within each range; the merge orders the ranges
      if (pos !== j) {
        sorted = false
        break
      }
      const r: 1 | -1 = d === ix.dirs[pos] ? 1 : -1
      if (rel !== undefined && rel !== r) {
        sorted = false
        break
      }
      rel = r
      j++
    }
    reverse = rel === -1
  }
  return { ix, prefix, range, sorted, reverse, sortKey, score: i + (range ? 0.5 : 0) }
}

function better(a: IndexPlan, b: IndexPlan | undefined): boolean {
  if (!b) return true
  if (a.score !== b.score) return a.score > b.score
  if (a.sorted !== b.sorted) return a.sorted
  return a.ix.fields.length < b.ix.fields.length
}

function chooseIndex(coll: Collection, conds: Map<string, FieldCond[]>, order: SortSpec | undefined, needBound: boolean): IndexPlan | undefined {
  let best: IndexPlan | undefined
  const firstOrder = order ? Object.keys(order)[0] : undefined
  for (const ix of coll.indexes) {
    // only indexes that could serve are built (their multikey/exotic counts are needed)
    if (!conds.has(ix.fields[0]) && !(firstOrder && !needBound && ix.fields.includes(firstOrder))) continue
    const p = planIndex(coll.index(ix), conds, order)
    if (p.score === 0 && (needBound || !p.sorted)) continue
    if (better(p, best)) best = p
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// walking an index

interface Range {
  low: IndexEntry
  high: IndexEntry
}

function rangesOf(p: IndexPlan): Range[] {
  const { ix, prefix, range } = p
  const n = ix.fields.length
  let combos: string[][] = [[]]
  for (const keys of prefix) combos = combos.flatMap((c) => keys.map((k) => [...c, k]))
  return combos.map((c) => {
    const low: IndexEntry = [...c]
    const high: IndexEntry = [...c]
    for (let pos = c.length; pos < n; pos++) {
      const asc = ix.dirs[pos] === 1
      let lo = KEY_LOW
      let hi = KEY_HIGH
      if (pos === c.length && range) {
        lo = range.lo ?? range.cls
        hi = range.hi ?? nextClass(range.cls)
      }
      low.push(asc ? lo : hi)
      high.push(asc ? hi : lo)
    }
    low.push(-Infinity)
    high.push(Infinity)
    return { low, high }
  })
}

/** Whether the entry's value of the range field is inside the range (the walk's ends are loose). */
function inRange(p: IndexPlan, e: IndexEntry): boolean {
  const r = p.range
  if (!r) return true
  const v = e[p.prefix.length] as string
  if (v[0] !== r.cls) return false
  if (r.lo !== undefined && (r.loInc ? v < r.lo : v <= r.lo)) return false
  if (r.hi !== undefined && (r.hiInc ? v > r.hi : v >= r.hi)) return false
  return true
}

interface Counter {
  keys: number
  docs: number
}

/** Every document key in the plan's ranges (each once). */
function collectKeys(coll: Collection, p: IndexPlan, count: Counter, into = new Set<string>()): Set<string> {
  const ix = coll.index(p.ix)
  for (const r of rangesOf(p)) {
    for (const [e, key] of ix.walk(r.low, r.high, false)) {
      count.keys++
      if (inRange(p, e)) into.add(key)
    }
  }
  return into
}

/**
 * The plan's ranges walked in the requested order and merged: within a range, entries with equal
 * sort values come in natural order (the index's last key part is the ordinal; a reverse walk
 * reverses it, so ties are regrouped), across ranges the smaller sort values first.
 */
/** A key from an ordered walk, with the encoded values of the order's fields and its ordinal. */
interface OrderedKey {
  key: string
  sort: string[]
  ordinal: number
}

function* orderedKeys(coll: Collection, p: IndexPlan, count: Counter): Generator<OrderedKey> {
  const ix = coll.index(p.ix)
  const n = ix.fields.length
  const sameSort = (a: IndexEntry, b: IndexEntry) => p.sortKey.every(({ pos }) => a[pos] === b[pos])
  const byOrdinal = (g: [IndexEntry, string][]) => (g.length > 1 ? g.sort((a, b) => (a[0][n] as number) - (b[0][n] as number)) : g)
  function* grouped(r: Range): Generator<[IndexEntry, string]> {
    let group: [IndexEntry, string][] = []
    for (const pair of ix.walk(r.low, r.high, p.reverse)) {
      count.keys++
      if (!inRange(p, pair[0])) continue
      if (group.length && !sameSort(group[0][0], pair[0])) {
        yield* byOrdinal(group)
        group = []
      }
      group.push(pair)
    }
    yield* byOrdinal(group)
  }
  const cmp = (a: IndexEntry, b: IndexEntry) => {
    for (const { pos, dir } of p.sortKey) {
      const x = a[pos] as string
      const y = b[pos] as string
      if (x !== y) return x < y ? -dir : dir
    }
    return (a[n] as number) - (b[n] as number)
  }
  const streams = rangesOf(p).map((r) => grouped(r))
  const heads = streams.map((s) => s.next())
  const seen = p.ix.multikey.some((m) => m > 0) ? new Set<string>() : undefined
  for (;;) {
    let best = -1
    for (let s = 0; s < heads.length; s++) {
      const h = heads[s]
      if (h.done) continue
      if (best < 0 || cmp(h.value[0], (heads[best] as IteratorYieldResult<[IndexEntry, string]>).value[0]) < 0) best = s
    }
    if (best < 0) return
    const [entry, key] = (heads[best] as IteratorYieldResult<[IndexEntry, string]>).value
    heads[best] = streams[best].next()
    if (seen) {
      if (seen.has(key)) continue
      seen.add(key)
    }
    yield { key, sort: p.sortKey.map(({ pos }) => entry[pos] as string), ordinal: entry[n] as number }
  }
}

/** Ordered walks of several plans (an $or's branches) merged into one order, each key once. */
function* mergedKeys(coll: Collection, plans: IndexPlan[], order: SortSpec, count: Counter): Generator<string> {
  const dirs = Object.values(order)
  const streams = plans.map((p) => orderedKeys(coll, p, count))
  const heads = streams.map((s) => s.next())
  const cmp = (a: OrderedKey, b: OrderedKey) => {
    for (let i = 0; i < dirs.length; i++) if (a.sort[i] !== b.sort[i]) return a.sort[i] < b.sort[i] ? -dirs[i] : dirs[i]
    return a.ordinal - b.ordinal
  }
  const seen = new Set<string>()
  for (;;) {
    let best = -1
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]
      if (!h.done && (best < 0 || cmp(h.value, (heads[best] as IteratorYieldResult<OrderedKey>).value) < 0)) best = i
    }
    if (best < 0) return
    const { key } = (heads[best] as IteratorYieldResult<OrderedKey>).value
    heads[best] = streams[best].next()
    if (seen.has(key)) continue
    seen.add(key)
    yield key
  }
}

// ---------------------------------------------------------------------------------------------
// running a query

export interface PlanInput {
  /** the (decoded, geo-free) query mingo tests */
  query: Doc
  test: (doc: Doc) => boolean
  matchAll: boolean
}

export interface PlanOptions {
  order?: SortSpec
  skip: number
  limit: number
  /** stable sort of matches with mingo's ordering (the scan's sort) */
  sort: (hits: Hit[], order: SortSpec) => Hit[]
  /** 'scan': no index (the reference the planner's results must equal; tests) */
  force?: 'scan'
}

const idValues = (q: Doc): string[] | undefined => {
  const v = q._id
  if (!isOperatorObject(v) || Object.keys(v).length !== 1 || !Array.isArray(v.$in)) return undefined
  const ids = v.$in as unknown[]
  if (!ids.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)))) return undefined
  return [...new Set(ids.map(idKey))]
}

/** Runs a non-geo query (the `_id` equality lookup is query.ts's): see the header. */
export function runPlanned(view: DocView, cq: PlanInput, o: PlanOptions): { hits: Hit[]; explain: QueryExplain } {
  const coll = view.coll
  const hasOrder = !!o.order && Object.keys(o.order).length > 0
  const want = o.skip + o.limit
  const count: Counter = { keys: 0, docs: 0 }
  const explain = (plan: QueryExplain['plan'], hits: Hit[], inMemorySort: boolean, index?: string): { hits: Hit[]; explain: QueryExplain } => {
    const out = finish(hits, inMemorySort)
    return {
      hits: out,
      explain: { collection: coll.name, plan, index, keysExamined: count.keys, docsExamined: count.docs, returned: out.length, inMemorySort, collectionSize: coll.size },
    }
  }
  const finish = (hits: Hit[], sortNeeded: boolean): Hit[] => {
    const sorted = sortNeeded ? o.sort(hits, o.order!) : hits
    return o.skip || Number.isFinite(o.limit) ? sorted.slice(o.skip, Number.isFinite(o.limit) ? want : undefined) : sorted
  }
  /** candidates → tested hits in the view's natural order */
  const fromKeys = (keys: Iterable<string>): Hit[] => {
    const hits: Hit[] = []
    for (const key of keys) {
      const doc = view.get(key)
      if (!doc) continue
      count.docs++
      if (cq.test(doc)) hits.push({ key, doc })
    }
    return hits.sort((a, b) => view.rank(a.key) - view.rank(b.key))
  }
  const withChanges = (keys: Set<string>): Set<string> => {
    if (view.overlaid && view.changed) for (const k of view.changed()) keys.add(k)
    return keys
  }

  if (o.force === 'scan') {
    // the reference: COLLSCAN below
  } else if (!cq.matchAll) {
    const ids = idValues(cq.query)
    if (ids) return explain('IDS', fromKeys(ids), hasOrder, '_id_')

    const conds = conditionsOf(cq.query)
    const p = chooseIndex(coll, conds, hasOrder ? o.order : undefined, view.overlaid)
    const walk = (keys: Iterable<string>, index: string) => {
      const hits: Hit[] = []
      for (const key of keys) {
        const doc = coll.get(key)!
        count.docs++
        if (cq.test(doc)) hits.push({ key, doc })
        if (hits.length >= want) break
      }
      return explain(index.includes(' | ') ? 'OR' : 'IXSCAN', hits, false, index)
    }
    const keysOf = function* (plan: IndexPlan) {
      for (const k of orderedKeys(coll, plan, count)) yield k.key
    }
    if (p && p.score > 0 && p.sorted && hasOrder && !view.overlaid) return walk(keysOf(p), p.ix.name)

    // a top-level $or whose every branch is bound: the union of the branches (before an unbound
    // walk in order, which would filter the whole collection)
    const or = Array.isArray(cq.query.$or) ? (cq.query.$or as unknown[]) : undefined
    if (or && or.length && or.every(isPlainObject) && !(p && p.score > 0)) {
      const { $or: _, ...rest } = cq.query
      const branchConds = (or as Doc[]).map((branch) => conditionsOf(branch, conditionsOf(rest)))
      // with an order: each branch walked in it on an index that gives it, merged, up to the page
      if (hasOrder && !view.overlaid) {
        const sortedPlans = branchConds.map((c) => chooseIndex(coll, c, o.order, true))
        if (sortedPlans.every((b) => b && b.score > 0 && b.sorted))
          return walk(mergedKeys(coll, sortedPlans as IndexPlan[], o.order!, count), sortedPlans.map((b) => b!.ix.name).join(' | '))
      }
      const plans = branchConds.map((c) => chooseIndex(coll, c, undefined, true))
      if (plans.every((b) => b && b.score > 0)) {
        const keys = new Set<string>()
        for (const b of plans) collectKeys(coll, b!, count, keys)
        return explain('OR', fromKeys(withChanges(keys)), hasOrder, plans.map((b) => b!.ix.name).join(' | '))
      }
    }
    if (p && p.sorted && hasOrder && !view.overlaid) return walk(keysOf(p), p.ix.name)
    if (p && p.score > 0) return explain('IXSCAN', fromKeys(withChanges(collectKeys(coll, p, count))), hasOrder, p.ix.name)
  } else if (hasOrder && !view.overlaid) {
    // no condition, an order: an index that gives it is walked (and stops at the page)
    const p = chooseIndex(coll, new Map(), o.order, false)
    if (p?.sorted) {
      const hits: Hit[] = []
      for (const { key } of orderedKeys(coll, p, count)) {
        count.docs++
        hits.push({ key, doc: coll.get(key)! })
        if (hits.length >= want) break
      }
      return explain('IXSCAN', hits, false, p.ix.name)
    }
  }

  // COLLSCAN: natural order; without a sort it stops once skip+limit matched
  const stopAt = hasOrder ? Infinity : want
  const hits: Hit[] = []
  for (const [key, doc] of view.entries()) {
    count.docs++
    if (cq.matchAll || cq.test(doc)) {
      hits.push({ key, doc })
      if (hits.length >= stopAt) break
    }
  }
  return explain('COLLSCAN', hits, hasOrder)
}
