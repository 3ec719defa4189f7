/**
 * Query planning and evaluation. mingo evaluates the (EJSON-decoded) query as-is; this module adds
 * what mingo lacks and what the server does before evaluation:
 *   - geo operators ($nearSphere/$near, $geoWithin, $geoIntersects) with the 2dsphere-index rule;
 *   - a plan: `_id` equality → one lookup; top-level $nearSphere → best-first search of the geo
 *     index (results in distance order); top-level $geoWithin/$geoIntersects → index box/radius
 *     candidates; otherwise the planner (planner.ts: `_id` $in, secondary indexes, or a scan).
 *   - order/skip/limit/projection with MongoDB semantics (mingo's cursor).
 */
import { Query } from 'mingo/query'
import { CloudbaseError } from '../../core/errors'
import {
  bboxOf,
  distanceMeters,
  EARTH_RADIUS_M,
  isPosition,
  parseGeometry,
  pointIntersects,
  pointOf,
  pointWithin,
  storedGeometryMatches,
  type Position,
  type QueryGeometry,
} from '../geo/geometry'
import type { Collection } from './collection'
import { clone, getPath, idKey, isPlainObject, setPath, type Doc } from './doc'
import { jsonSchemaValidator } from './json-schema'
import { engineContext } from './operators'
import { runPlanned, type DocView, type Hit, type QueryExplain, type SortSpec } from './planner'

export type { DocView, Hit, QueryExplain, SortSpec } from './planner'

// ---------------------------------------------------------------------------------------------
// geo operators as mingo query operators (per-document evaluation, valid anywhere in a query)

type ValueTest = (v: unknown) => boolean

function geoFail(msg: string): never {
  throw new CloudbaseError('INVALID_PARAM', msg)
}

/** Compiles a $geoWithin argument into a test on the field's value. */
export function compileWithin(arg: unknown): { test: ValueTest; candidates?: GeoCandidates } {
  if (!isPlainObject(arg)) return geoFail('$geoWithin expects an object')
  if (arg.$geometry !== undefined) {
    const g = parseGeometry(arg.$geometry)
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') geoFail('$geoWithin.$geometry must be a Polygon or MultiPolygon')
    return { test: areaTest(g, 'within'), candidates: { kind: 'box', bbox: bboxOf(g) } }
  }
  if (arg.$centerSphere !== undefined) {
    const cs = arg.$centerSphere
    if (!Array.isArray(cs) || cs.length !== 2 || !isPosition(cs[0]) || typeof cs[1] !== 'number' || cs[1] < 0)
      geoFail('$centerSphere expects [[lng, lat], radiusInRadians]')
    const [center, r] = cs as [Position, number]
    const meters = r * EARTH_RADIUS_M
    return {
      test: (v) => {
        const p = pointOf(v)
        return !!p && distanceMeters(center[0], center[1], p[0], p[1]) <= meters
      },
      candidates: { kind: 'circle', lng: center[0], lat: center[1], meters },
    }
  }
  if (arg.$box !== undefined) {
    const b = arg.$box
    if (!Array.isArray(b) || b.length !== 2 || !isPosition(b[0]) || !isPosition(b[1])) geoFail('$box expects [[lng, lat], [lng, lat]]')
    const [[x1, y1], [x2, y2]] = b as [Position, Position]
    const bbox: [number, number, number, number] = [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]
    return {
      test: (v) => {
        const p = pointOf(v)
        return !!p && p[0] >= bbox[0] && p[0] <= bbox[2] && p[1] >= bbox[1] && p[1] <= bbox[3]
      },
      candidates: { kind: 'box', bbox },
    }
  }
  if (arg.$polygon !== undefined) {
    const ring = arg.$polygon
    if (!Array.isArray(ring) || ring.length < 3 || !ring.every(isPosition)) geoFail('$polygon expects at least 3 [lng, lat] points')
    const r = ring as Position[]
    const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]]
    const g: QueryGeometry = { type: 'Polygon', coordinates: [closed] }
    return { test: areaTest(g, 'within'), candidates: { kind: 'box', bbox: bboxOf(g) } }
  }
  return geoFail('$geoWithin expects $geometry, $centerSphere, $box or $polygon')
}

export function compileIntersects(arg: unknown): { test: ValueTest; candidates?: GeoCandidates } {
  if (!isPlainObject(arg) || arg.$geometry === undefined) return geoFail('$geoIntersects expects {$geometry}')
  const g = parseGeometry(arg.$geometry)
  return { test: areaTest(g, 'intersects'), candidates: { kind: 'box', bbox: bboxOf(g) } }
}

function areaTest(g: QueryGeometry, op: 'within' | 'intersects'): ValueTest {
  return (v) => {
    const p = pointOf(v)
    if (p) return op === 'within' ? pointWithin(p, g) : pointIntersects(p, g)
    return v !== null && typeof v === 'object' ? storedGeometryMatches(v, g, op) : false
  }
}

const fieldOp =
  (compile: (arg: unknown) => { test: ValueTest }) =>
  (selector: string, value: unknown): ((o: unknown) => boolean) => {
    const { test } = compile(value)
    return (o) => test(getPath(o, selector))
  }

const nearOutsideTopLevel = (): never =>
  geoFail('geoNear ($nearSphere/$near) is only allowed at the top level of a query (not inside $or/$nor/$not/$elemMatch)')

/** The options of every mingo call: mingo's operators with our fixes (operators.ts) and geo operators. */
export const mingoOptions = {
  jsonSchemaValidator,
  context: engineContext({
    query: {
      $geoWithin: fieldOp(compileWithin),
      $geoIntersects: fieldOp(compileIntersects),
      $nearSphere: nearOutsideTopLevel,
      $near: nearOutsideTopLevel,
    },
  }),
}

// ---------------------------------------------------------------------------------------------
// planning

export type GeoCandidates =
  | { kind: 'box'; bbox: [number, number, number, number] }
  | { kind: 'circle'; lng: number; lat: number; meters: number }

export interface NearSpec {
  field: string
  lng: number
  lat: number
  minMeters?: number
  maxMeters?: number
}

export interface CompiledQuery {
  /** full-document predicate (the near condition's range is checked by the plan, not here) */
  test: (doc: Doc) => boolean
  /** `_id` equality: at most this one document */
  idKey?: string
  near?: NearSpec
  within?: { field: string; candidates: GeoCandidates }
  /** true if the query is empty (everything matches) */
  matchAll: boolean
  /** the query mingo tests (decoded, geo conditions taken out): what the planner reads bounds from */
  query: Doc
}

const GEO_OPS = new Set(['$nearSphere', '$near', '$geoWithin', '$geoIntersects', '$geoNear'])

/** Refuses geo operators on fields without a declared 2dsphere index (production does too). */
export function requireGeoIndex(coll: Collection, field: string, op: string): void {
  if (coll.geo.has(field)) return
  const declared = [...coll.geo.keys()]
  throw new CloudbaseError(
    'DATABASE_REQUEST_FAILED',
    `unable to find index for ${op} query: collection "${coll.name}" has no geo (2dsphere) index on field "${field}"` +
      (declared.length ? ` (geo indexes: ${declared.join(', ')})` : '') +
      `. Declare { "keys": { "${field}": "2dsphere" } } in database/${coll.name}.json, as the console requires in production.`,
  )
}

/** Walks the query, validating geo fields; calls onTopLevel for geo conditions in the top-level conjunction. */
function scanGeo(q: Doc, coll: Collection, top: boolean, onTop: (holder: Doc, field: string) => void): void {
  for (const k of Object.keys(q)) {
    const v = q[k]
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (Array.isArray(v)) for (const sub of v) if (isPlainObject(sub)) scanGeo(sub, coll, top && k === '$and', onTop)
      continue
    }
    if (k.startsWith('$') || !isPlainObject(v)) continue
    let hasGeo = false
    for (const op of Object.keys(v)) {
      if (GEO_OPS.has(op)) {
        requireGeoIndex(coll, k, op)
        hasGeo = true
      } else if (op === '$not' && isPlainObject(v.$not) && Object.keys(v.$not).some((o) => GEO_OPS.has(o))) {
        requireGeoIndex(coll, k, '$geoWithin')
      }
    }
    if (hasGeo && top) onTop(q, k)
  }
}

function extractNear(holder: Doc, field: string): NearSpec | undefined {
  const cond = holder[field] as Doc
  const op = '$nearSphere' in cond ? '$nearSphere' : '$near' in cond ? '$near' : undefined
  if (!op) return undefined
  const arg = cond[op]
  let lng: number
  let lat: number
  let minMeters: number | undefined
  let maxMeters: number | undefined
  const num = (x: unknown, what: string): number | undefined => {
    if (x === undefined || x === null) return undefined
    if (typeof x !== 'number' || !(x >= 0)) geoFail(`${what} must be a non-negative number`)
    return x as number
  }
  if (isPlainObject(arg) && arg.$geometry !== undefined) {
    const g = parseGeometry(arg.$geometry)
    if (g.type !== 'Point') geoFail(`${op}.$geometry must be a Point`)
    ;[lng, lat] = g.coordinates as Position
    maxMeters = num(arg.$maxDistance ?? cond.$maxDistance, '$maxDistance')
    minMeters = num(arg.$minDistance ?? cond.$minDistance, '$minDistance')
  } else {
    const p = pointOf(arg)
    if (!p) return geoFail(`${op} expects {$geometry: Point, $maxDistance?, $minDistance?}`)
    ;[lng, lat] = p
    // legacy coordinate pair: $nearSphere distances are in radians
    const isLegacyPair = Array.isArray(arg)
    const scale = isLegacyPair ? EARTH_RADIUS_M : 1
    const mx = num(cond.$maxDistance, '$maxDistance')
    const mn = num(cond.$minDistance, '$minDistance')
    maxMeters = mx === undefined ? undefined : mx * scale
    minMeters = mn === undefined ? undefined : mn * scale
  }
  const rest: Doc = { ...cond }
  delete rest[op]
  delete rest.$maxDistance
  delete rest.$minDistance
  if (Object.keys(rest).length) holder[field] = rest
  else delete holder[field]
  return { field, lng, lat, minMeters, maxMeters }
}

const SDK_UNARY_OPS: Record<string, string> = {
  eq: '$eq',
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  exists: '$exists',
  size: '$size',
  mod: '$mod',
  elemMatch: '$elemMatch',
}
const SDK_LIST_OPS: Record<string, string> = { in: '$in', nin: '$nin', all: '$all' }

/**
 * wx-server-sdk 4 does not encode a command nested inside another command's operand list: in
 * `_.all([_.elemMatch({ area: _.gt(100) })])` the inner `_.gt(100)` reaches the server as the raw
 * object `{operator: 'gt', operands: [100], fieldName: {}}`. The documented example of Command.all
 * (示例代码 2, elemMatch conditions with operators inside `_.all`) finds documents, so the server
 * reads such objects as the operators they stand for; so does the emulator (field-level
 * comparison and element commands, and `and` of them; anything else stays a literal value).
 */
export function decodeSdkCommands(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeSdkCommands)
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (typeof v.operator === 'string' && Array.isArray(v.operands) && keys.every((k) => k === 'operator' || k === 'operands' || k === 'fieldName')) {
    const ops = v.operands.map(decodeSdkCommands)
    if (SDK_UNARY_OPS[v.operator]) return { [SDK_UNARY_OPS[v.operator]]: ops[0] }
    if (SDK_LIST_OPS[v.operator]) return { [SDK_LIST_OPS[v.operator]]: ops }
    if (v.operator === 'and' && ops.every((o) => isPlainObject(o) && Object.keys(o).every((k) => k.startsWith('$')))) return Object.assign({}, ...ops)
    return v
  }
  const out: Doc = {}
  for (const k of keys) out[k] = decodeSdkCommands(v[k])
  return out
}

/** Compiles a decoded query for a collection (validating geo use). Mutates `query` (a fresh decode). */
export function compileQuery(query: unknown, coll: Collection): CompiledQuery {
  const q: Doc = query === undefined || query === null ? {} : (decodeSdkCommands(query) as Doc)
  if (!isPlainObject(q)) throw new CloudbaseError('INVALID_PARAM', 'query must be an object')
  let near: NearSpec | undefined
  let within: CompiledQuery['within']
  const tops: [Doc, string][] = []
  scanGeo(q, coll, true, (holder, field) => tops.push([holder, field]))
  for (const [holder, field] of tops) {
    const cond = holder[field] as Doc
    if ('$nearSphere' in cond || '$near' in cond) {
      if (near) geoFail('only one geoNear ($nearSphere) condition is allowed in a query')
      near = extractNear(holder, field)
    } else if (!within) {
      if ('$geoWithin' in cond) within = { field, candidates: compileWithin(cond.$geoWithin).candidates! }
      else if ('$geoIntersects' in cond) within = { field, candidates: compileIntersects(cond.$geoIntersects).candidates! }
    }
  }
  // an $and left empty by extracting the near condition is dropped
  if (Array.isArray(q.$and)) {
    q.$and = (q.$and as unknown[]).filter((s) => !(isPlainObject(s) && Object.keys(s).length === 0))
    if (!(q.$and as unknown[]).length) delete q.$and
  }
  const matchAll = Object.keys(q).length === 0
  let test: (doc: Doc) => boolean = () => true
  if (!matchAll) {
    let mq: Query
    try {
      mq = new Query(q, mingoOptions)
    } catch (e) {
      if (e instanceof CloudbaseError) throw e
      throw new CloudbaseError('DATABASE_INVALID_OPERRATOR', `invalid query: ${(e as Error).message}`)
    }
    test = (doc) => mq.test(doc)
  }
  let id: string | undefined
  const idv = q._id
  if (typeof idv === 'string' || typeof idv === 'number') id = idKey(idv)
  else if (isPlainObject(idv) && Object.keys(idv).length === 1 && (typeof idv.$eq === 'string' || typeof idv.$eq === 'number')) id = idKey(idv.$eq)
  return { test, idKey: id, near, within, matchAll, query: q }
}

// ---------------------------------------------------------------------------------------------
// evaluation

export const committedView = (coll: Collection): DocView => ({
  coll,
  get: (k) => coll.get(k),
  entries: () => coll.docs.entries(),
  overlaid: false,
  rank: (k) => coll.ordinal(k),
})

export interface FindOptions {
  order?: SortSpec
  skip?: number
  limit?: number
  /** 'scan': use no index (the reference the planner is tested against) */
  force?: 'scan'
}

/** Runs a compiled query: matching documents in plan order (distance for near), sorted/skipped/limited. */
export function findDocs(view: DocView, cq: CompiledQuery, opts: FindOptions = {}): Hit[] {
  return findDocsExplained(view, cq, opts).hits
}

/** findDocs, with what the plan did (planner.ts QueryExplain). */
export function findDocsExplained(view: DocView, cq: CompiledQuery, opts: FindOptions = {}): { hits: Hit[]; explain: QueryExplain } {
  const skip = Math.max(0, opts.skip ?? 0)
  const limit = opts.limit ?? Infinity
  const hasOrder = !!opts.order && Object.keys(opts.order).length > 0
  if (cq.idKey === undefined && !cq.near && !(cq.within && !view.overlaid)) {
    return runPlanned(view, cq, { order: opts.order, skip, limit, sort: sortHits, force: opts.force })
  }
  // without an explicit order we can stop as soon as skip+limit documents matched
  const want = hasOrder ? Infinity : skip + limit
  let hits: Hit[] = []
  let docsExamined = 0
  let plan: QueryExplain['plan'] = 'GEO'

  if (cq.idKey !== undefined) {
    plan = 'IDHACK'
    const doc = view.get(cq.idKey)
    if (doc) docsExamined++
    if (doc && cq.test(doc) && nearOk(cq.near, doc)) hits.push({ key: cq.idKey, doc, meters: nearMeters(cq.near, doc) })
  } else if (cq.near) {
    plan = 'GEO_NEAR'
    const n = cq.near
    const gi = view.coll.geo.get(n.field)!
    if (!view.overlaid && gi.nonPoints.size === 0) {
      for (const h of gi.near(n.lng, n.lat, {
        minMeters: n.minMeters,
        maxMeters: n.maxMeters,
        limit: want,
        filter: (k) => (docsExamined++, cq.test(view.get(k)!)),
      }))
        hits.push({ key: h.key, doc: view.get(h.key)!, meters: h.meters })
    } else {
      // transaction overlay (or non-point geometries): evaluate every document, then sort by distance
      for (const [key, doc] of view.entries()) {
        docsExamined++
        if (!nearOk(n, doc) || !cq.test(doc)) continue
        hits.push({ key, doc, meters: nearMeters(n, doc) })
      }
      hits.sort((a, b) => a.meters! - b.meters!)
      if (hits.length > want) hits.length = want
    }
  } else if (cq.within) {
    const gi = view.coll.geo.get(cq.within.field)!
    const c = cq.within.candidates
    const keys = c.kind === 'box' ? gi.inBox(...c.bbox) : gi.near(c.lng, c.lat, { maxMeters: c.meters }).map((h) => h.key)
    const seen = new Set<string>()
    for (const key of [...keys, ...gi.nonPoints]) {
      if (seen.has(key)) continue
      seen.add(key)
      const doc = view.get(key)
      if (doc) docsExamined++
      if (doc && cq.test(doc)) hits.push({ key, doc })
    }
    // candidates come in index order; present them in natural (insertion) order like a scan would
    if (hits.length > 1) hits.sort((a, b) => view.rank(a.key) - view.rank(b.key))
    if (hits.length > want) hits.length = want
  }

  if (hasOrder) hits = sortHits(hits, opts.order!)
  if (skip || Number.isFinite(limit)) hits = hits.slice(skip, Number.isFinite(limit) ? skip + limit : undefined)
  const coll = view.coll
  return {
    hits,
    explain: { collection: coll.name, plan, index: cq.near || cq.within ? (cq.near ?? cq.within)!.field : '_id_', keysExamined: docsExamined, docsExamined, returned: hits.length, inMemorySort: hasOrder, collectionSize: coll.size },
  }
}

function nearMeters(n: NearSpec | undefined, doc: Doc): number | undefined {
  if (!n) return undefined
  const p = pointOf(getPath(doc, n.field))
  return p ? distanceMeters(n.lng, n.lat, p[0], p[1]) : undefined
}

function nearOk(n: NearSpec | undefined, doc: Doc): boolean {
  if (!n) return true
  const m = nearMeters(n, doc)
  if (m === undefined) return false
  return !(n.maxMeters !== undefined && m > n.maxMeters) && !(n.minMeters !== undefined && m < n.minMeters)
}

/** Stable sort with MongoDB's cross-type ordering (via mingo). */
function sortHits(hits: Hit[], order: SortSpec): Hit[] {
  // mingo sorts documents; sort wrappers carrying the document's fields at the top level
  const wrapped = hits.map((h, i) => ({ ...h.doc, __hit_index__: i }))
  const sorted = new Query({}, mingoOptions).find(wrapped).sort({ ...order, __hit_index__: 1 }).all() as { __hit_index__: number }[]
  return sorted.map((w) => hits[w.__hit_index__])
}

/** Applies a projection (mingo: inclusion/exclusion, $slice, $elemMatch …). Returns new objects. */
export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  const entries = Object.entries(projection)
  const isSlice = (v: unknown) => isPlainObject(v) && Object.keys(v).length === 1 && '$slice' in v
  // MongoDB keeps every other field when the projection holds only $slice (and exclusions);
  // mingo counts $slice as an inclusion and drops them, so those projections are applied here
  if (entries.some(([, v]) => isSlice(v)) && entries.every(([, v]) => isSlice(v) || v === 0 || v === false)) {
    const exclusions = Object.fromEntries(entries.filter(([, v]) => !isSlice(v)))
    const base = Object.keys(exclusions).length ? project(docs, exclusions) : docs.map(clone)
    for (const d of base)
      for (const [path, v] of entries) {
        if (!isSlice(v)) continue
        const arr = getPath(d, path)
        if (Array.isArray(arr)) setPath(d, path, sliceArray(arr, (v as Doc).$slice))
      }
    return base
  }
  try {
    return new Query({}, mingoOptions).find(docs, projection).all() as Doc[]
  } catch (e) {
    throw new CloudbaseError('INVALID_PARAM', `invalid projection: ${(e as Error).message}`)
  }
}

/** The `$slice` projection: n (first n), -n (last n) or [skip, limit] (skip < 0 counts from the end). */
function sliceArray(arr: unknown[], spec: unknown): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? arr.slice(0, spec) : arr.slice(Math.max(0, arr.length + spec))
  if (Array.isArray(spec) && spec.length === 2 && typeof spec[0] === 'number' && typeof spec[1] === 'number' && spec[1] > 0) {
    const start = spec[0] < 0 ? Math.max(0, arr.length + spec[0]) : spec[0]
    return arr.slice(start, start + spec[1])
  }
  throw new CloudbaseError('INVALID_PARAM', `invalid projection: $slice expects a number or [skip, limit] with limit > 0`)
}

/** Normalises the SDK's `order` (an object {field: 1|-1}, or a list of {field, direction}). */
export function parseOrder(order: unknown): SortSpec | undefined {
  if (order === undefined || order === null || order === '') return undefined
  const out: SortSpec = {}
  const put = (field: unknown, dir: unknown) => {
    if (typeof field !== 'string' || !field) throw new CloudbaseError('INVALID_PARAM', 'order: field must be a non-empty string')
    out[field] = dir === -1 || dir === 'desc' || dir === '-1' ? -1 : 1
  }
  if (Array.isArray(order)) for (const o of order) put((o as Doc)?.field, (o as Doc)?.direction)
  else if (isPlainObject(order)) for (const [f, d] of Object.entries(order)) put(f, d)
  else throw new CloudbaseError('INVALID_PARAM', 'order must be an object')
  return out
}
