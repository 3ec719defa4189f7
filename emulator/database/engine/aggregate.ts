/**
 * database.aggregateDocuments: `stages: [{stageKey: '$match', stageValue: '<EJSON string>'}]`.
 *
 * mingo runs the pipeline ($match $group $sort $unwind $project $limit $skip $lookup $count
 * $addFields $sample $bucket $facet $replaceRoot $sortByCount …). What this module adds:
 *   - `$geoNear`, which mingo lacks: must be the first stage; served by the 2dsphere index;
 *   - a leading `$match` goes through the query planner (planner.ts), with the `$sort`, `$skip` and
 *     `$limit` right after it, so it uses the indexes and stops at the page as a query does;
 *   - `$lookup {from, localField, foreignField, as}` queries the foreign collection through the
 *     planner per local value (an index on foreignField, or `_id`), never copying the collection;
 *     the `let`/`pipeline` form is left to mingo (with a copy of the foreign collection);
 *   - stages that write ($out, $merge) are refused: CloudBase's client API has no such thing;
 *   - a pipeline without `$limit` answers at most 20 documents (AGGREGATE_DEFAULT_LIMIT).
 */
import { Aggregator } from 'mingo/aggregator'
import { ProcessingMode } from 'mingo/core'
import { ensureArray, isEqual, resolve } from 'mingo/util'
import { CloudbaseError } from '../../core/errors'
import { parseEJSON, type DecodeContext } from '../ejson'
import { pointOf } from '../geo/geometry'
import type { Collection } from './collection'
import type { Database } from './database'
import { clone, getPath, idKey, isPlainObject, setPath, type Doc } from './doc'
import { committedView, compileQuery, decodeSdkCommands, findDocsExplained, mingoOptions, requireGeoIndex, type QueryExplain, type SortSpec } from './query'

export interface StageIn {
  stageKey: string
  stageValue: unknown
}

const REFUSED = new Set(['$out', '$merge'])

export function parseStages(stages: unknown, ctx: DecodeContext): Doc[] {
  if (stages === undefined) return []
  if (!Array.isArray(stages)) throw new CloudbaseError('INVALID_PARAM', 'stages must be an array')
  return stages.map((s, i) => {
    const st = s as StageIn
    if (!st || typeof st.stageKey !== 'string' || !st.stageKey.startsWith('$'))
      throw new CloudbaseError('INVALID_PARAM', `stages[${i}].stageKey must be a stage name like "$match"`)
    if (REFUSED.has(st.stageKey)) throw new CloudbaseError('DATABASE_INVALID_OPERRATOR', `aggregation stage ${st.stageKey} is not supported`)
    if (st.stageKey === '$geoNear' && i !== 0) throw new CloudbaseError('INVALID_PARAM', '$geoNear is only valid as the first stage in a pipeline')
    return { [st.stageKey]: parseEJSON(st.stageValue, ctx) }
  })
}

function geoNearInput(coll: Collection, spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw new CloudbaseError('INVALID_PARAM', '$geoNear expects an object')
  const near = pointOf(spec.near)
  if (!near) throw new CloudbaseError('INVALID_PARAM', '$geoNear.near must be a GeoJSON Point (or [lng, lat])')
  const distanceField = spec.distanceField
  if (typeof distanceField !== 'string' || !distanceField) throw new CloudbaseError('INVALID_PARAM', '$geoNear requires distanceField')
  let key = spec.key as string | undefined
  if (key === undefined) {
    const fields = [...coll.geo.keys()]
    if (fields.length !== 1)
      throw new CloudbaseError(
        'DATABASE_REQUEST_FAILED',
        fields.length
          ? `$geoNear: collection "${coll.name}" has several geo indexes (${fields.join(', ')}); pass "key"`
          : `unable to find index for $geoNear query: collection "${coll.name}" has no geo (2dsphere) index. Declare one in database/${coll.name}.json.`,
      )
    key = fields[0]
  }
  if (typeof key !== 'string') throw new CloudbaseError('INVALID_PARAM', '$geoNear.key must be a field name')
  requireGeoIndex(coll, key, '$geoNear')
  const num = (v: unknown, what: string): number | undefined => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'number' || !(v >= 0)) throw new CloudbaseError('INVALID_PARAM', `$geoNear.${what} must be a non-negative number`)
    return v
  }
  // GeoJSON near → metres (CloudBase always sends GeoJSON). A legacy pair with spherical → radians.
  const legacy = Array.isArray(spec.near)
  const scale = legacy ? 6378100 : 1
  const maxD = num(spec.maxDistance, 'maxDistance')
  const minD = num(spec.minDistance, 'minDistance')
  const multiplier = num(spec.distanceMultiplier, 'distanceMultiplier') ?? 1
  const limit = num(spec.limit ?? spec.num, 'limit')
  const cq = compileQuery(spec.query === undefined ? {} : spec.query, coll)
  if (cq.near) throw new CloudbaseError('INVALID_PARAM', '$geoNear.query must not contain another geoNear condition')
  const hits = coll.geo.get(key)!.near(near[0], near[1], {
    maxMeters: maxD === undefined ? undefined : maxD * scale,
    minMeters: minD === undefined ? undefined : minD * scale,
    limit: limit ?? Infinity,
    filter: cq.matchAll ? undefined : (k) => cq.test(coll.get(k)!),
  })
  const includeLocs = typeof spec.includeLocs === 'string' ? spec.includeLocs : undefined
  return hits.map((h) => {
    const d = clone(coll.get(h.key)!)
    setPath(d, distanceField, (legacy ? h.meters / scale : h.meters) * multiplier)
    if (includeLocs) setPath(d, includeLocs, clone(getPath(d, key!)))
    return d
  })
}

/**
 * Without a `$limit` stage CloudBase answers one page of 20 documents: the server SDK's aggregate
 * sends no limit of its own, and WeChat developers report (and measured) 20 as the default of
 * `aggregate()…end()` in cloud functions — where `get()` gives 100 — e.g.
 * https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13 and
 * https://developers.weixin.qq.com/community/develop/doc/0006ee7caecd8020df7b559b451800.
 */
export const AGGREGATE_DEFAULT_LIMIT = 20

/** What a stage's query did: the plan, the query it ran, and whether it was the $match or a $lookup. */
export type AggregateExplain = (e: QueryExplain, query: Doc, op: 'aggregate' | 'lookup', order?: SortSpec) => void

export function runAggregate(db: Database, coll: Collection, stages: Doc[], onExplain: AggregateExplain = () => undefined): Doc[] {
  const pipeline = stages.map((st) => ('$match' in st ? { $match: decodeSdkCommands(st.$match) } : st))
  if (!pipeline.some((st) => '$limit' in st)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
  let input: Doc[]
  let rest = pipeline
  const first = pipeline[0]
  if (first && '$geoNear' in first) {
    input = geoNearInput(coll, first.$geoNear)
    rest = pipeline.slice(1)
  } else if (first && '$match' in first) {
    const { order, skip, limit, used } = pushDown(pipeline)
    const cq = compileQuery(first.$match, coll)
    const r = findDocsExplained(committedView(coll), cq, { order, skip, limit })
    onExplain(r.explain, cq.query, 'aggregate', order)
    input = r.hits.map((h) => clone(h.doc))
    rest = pipeline.slice(1 + used)
  } else {
    input = [...coll.docs.values()].map(clone)
    onExplain({ collection: coll.name, plan: 'COLLSCAN', keysExamined: 0, docsExamined: coll.size, returned: coll.size, inMemorySort: false, collectionSize: coll.size }, {}, 'aggregate')
  }
  // the stages between simple $lookups run in mingo; each simple $lookup runs here
  let docs = input
  let segment: Doc[] = []
  const flush = () => {
    if (segment.length) docs = runMingo(db, segment, docs)
    segment = []
  }
  for (const st of rest) {
    if ('$lookup' in st && isSimpleLookup(st.$lookup)) {
      flush()
      docs = lookup(db, docs, st.$lookup, onExplain)
    } else segment.push(st)
  }
  flush()
  return docs
}

/** The `$sort` / `$skip` / `$limit` stages right after the leading `$match`, as one window. */
function pushDown(pipeline: Doc[]): { order?: SortSpec; skip: number; limit: number; used: number } {
  let i = 1
  let order: SortSpec | undefined
  const sort = pipeline[i]?.$sort
  if (isPlainObject(sort) && Object.keys(sort).length && Object.values(sort).every((d) => d === 1 || d === -1)) {
    order = sort as SortSpec
    i++
  }
  let skip = 0
  let limit = Infinity
  for (; i < pipeline.length; i++) {
    const st = pipeline[i]
    const n = '$skip' in st ? st.$skip : '$limit' in st ? st.$limit : undefined
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || ('$limit' in st && n === 0)) break
    if ('$skip' in st) {
      skip += n
      limit = Math.max(0, limit - n)
    } else limit = Math.min(limit, n)
  }
  return { order, skip, limit, used: i - 1 }
}

function runMingo(db: Database, stages: Doc[], input: Doc[]): Doc[] {
  try {
    const agg = new Aggregator(stages, {
      ...mingoOptions,
      // inputs are already private copies; only $lookup'ed collections need copying (see resolver)
      processingMode: ProcessingMode.CLONE_OFF,
      collectionResolver: (name: string) => [...db.collection(name).docs.values()].map(clone),
    })
    return agg.run(input) as Doc[]
  } catch (e) {
    if (e instanceof CloudbaseError) throw e
    throw new CloudbaseError('DATABASE_INVALID_OPERRATOR', `aggregate failed: ${(e as Error).message}`)
  }
}

interface SimpleLookup {
  from: string
  localField: string
  foreignField: string
  as: string
}

function isSimpleLookup(spec: unknown): spec is SimpleLookup {
  if (!isPlainObject(spec)) return false
  const keys = Object.keys(spec).sort().join(',')
  return keys === 'as,foreignField,from,localField' && ['from', 'localField', 'foreignField', 'as'].every((k) => typeof spec[k] === 'string' && spec[k])
}

/**
 * `$lookup` by query: what mingo's $lookup answers (a foreign document joins when one of the values
 * of its foreignField — the value, or each element of an array; missing counts as null — equals the
 * local value, or one of the local array's elements; the joined documents in natural order, each
 * once), found with the planner instead of hashing a copy of the whole foreign collection.
 */
function lookup(db: Database, docs: Doc[], spec: SimpleLookup, onExplain: AggregateExplain): Doc[] {
  const foreign = db.collection(spec.from)
  const view = committedView(foreign)
  const joins = (v: unknown, d: Doc) => ensureArray(resolve(d, spec.foreignField) ?? null).some((x) => isEqual(x, v))
  const matches = (v: unknown): { key: string; doc: Doc }[] => {
    if (spec.foreignField === '_id' && (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      const doc = foreign.get(idKey(v))
      return doc && joins(v, doc) ? [{ key: idKey(v), doc }] : []
    }
    const cq = compileQuery({ [spec.foreignField]: v === null ? null : { $eq: v } }, foreign)
    const r = findDocsExplained(view, cq)
    onExplain(r.explain, cq.query, 'lookup')
    return r.hits.filter((h) => joins(v, h.doc))
  }
  return docs.map((d) => {
    const local = resolve(d, spec.localField) ?? null
    const found: Doc[] = []
    const seen = new Set<string>()
    for (const v of Array.isArray(local) ? local : [local])
      for (const h of matches(v)) {
        if (seen.has(h.key)) continue
        seen.add(h.key)
        found.push(clone(h.doc))
      }
    return { ...d, [spec.as]: found }
  })
}
