/**
 * database.aggregateDocuments: `stages: [{stageKey: '$match', stageValue: '<EJSON string>'}]`.
 *
 * mingo runs the pipeline ($match $group $sort $unwind $project $limit $skip $lookup $count
 * $addFields $sample $bucket $facet $replaceRoot $sortByCount …). What this module adds:
 *   - `$geoNear`, which mingo lacks: must be the first stage; served by the 2dsphere index;
 *   - a leading `$match` goes through our planner (so `_id` and geo conditions use the indexes);
 *   - `$lookup` resolves other collections (copies, so the pipeline can never touch stored data);
 *   - stages that write ($out, $merge) are refused: CloudBase's client API has no such thing;
 *   - a pipeline without `$limit` answers at most 20 documents (AGGREGATE_DEFAULT_LIMIT).
 */
import { Aggregator } from 'mingo/aggregator'
import { ProcessingMode } from 'mingo/core'
import { CloudbaseError } from '../../core/errors'
import { parseEJSON, type DecodeContext } from '../ejson'
import { pointOf } from '../geo/geometry'
import type { Collection } from './collection'
import type { Database } from './database'
import { clone, getPath, isPlainObject, setPath, type Doc } from './doc'
import { committedView, compileQuery, decodeSdkCommands, findDocs, mingoOptions, requireGeoIndex } from './query'

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

export function runAggregate(db: Database, coll: Collection, stages: Doc[]): Doc[] {
  const pipeline = stages.map((st) => ('$match' in st ? { $match: decodeSdkCommands(st.$match) } : st))
  if (!pipeline.some((st) => '$limit' in st)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
  let input: Doc[]
  let rest = pipeline
  const first = pipeline[0]
  if (first && '$geoNear' in first) {
    input = geoNearInput(coll, first.$geoNear)
    rest = pipeline.slice(1)
  } else if (first && '$match' in first) {
    input = findDocs(committedView(coll), compileQuery(first.$match, coll)).map((h) => clone(h.doc))
    rest = pipeline.slice(1)
  } else {
    input = [...coll.docs.values()].map(clone)
  }
  if (!rest.length) return input
  try {
    const agg = new Aggregator(rest, {
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
