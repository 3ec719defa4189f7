/**
 * Update semantics of database.modifyDocument, on top of mingo's update operators:
 *   merge:true  → operator update ($set $inc $mul $unset $push{$each,$position,$slice,$sort} $pull
 *                 $pullAll $addToSet $pop $min $max $rename …; plain top-level fields become $set);
 *   merge:false → whole-document replacement keeping `_id` (doc.set);
 *   upsert      → a new document from the query's equality fields plus the update.
 * Stored documents are never mutated: updates work on a deep copy.
 */
import { update as mingoUpdate } from 'mingo/updater'
import { CloudbaseError } from '../../core/errors'
import { assertStorableFields, clone, getPath, isPlainObject, setPath, type Doc } from './doc'
import { mingoOptions } from './query'

const KNOWN_OPS = new Set(['$set', '$inc', '$mul', '$unset', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$min', '$max', '$rename', '$currentDate', '$bit', '$setOnInsert'])

/** Splits an update into operator form, validating it. */
export function normaliseUpdate(data: unknown): Doc {
  if (!isPlainObject(data)) throw new CloudbaseError('INVALID_PARAM', 'update data must be an object')
  const out: Doc = {}
  const plainSet: Doc = {}
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) {
      if (!KNOWN_OPS.has(k)) throw new CloudbaseError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${k}`)
      if (!isPlainObject(v)) throw new CloudbaseError('INVALID_PARAM', `${k} expects an object of fields`)
      out[k] = { ...(out[k] as Doc | undefined), ...v }
    } else plainSet[k] = v
  }
  if (Object.keys(plainSet).length) out.$set = { ...(out.$set as Doc | undefined), ...plainSet }
  for (const [op, fields] of Object.entries(out)) {
    for (const f of Object.keys(fields as Doc)) {
      if (f === '_id' || f.startsWith('_id.')) throw new CloudbaseError('INVALID_PARAM', `不能更新_id的值 (${op} on the immutable field '_id')`)
      if (op === '$rename' && ((fields as Doc)[f] === '_id')) throw new CloudbaseError('INVALID_PARAM', `不能更新_id的值 ($rename to '_id')`)
    }
    if (op === '$set' || op === '$setOnInsert' || op === '$push' || op === '$addToSet') {
      // keys are (dotted) paths; the values are stored and must not contain operators
      for (const [path, v] of Object.entries(fields as Doc)) {
        if (path.split('.').some((seg) => seg.startsWith('$') && seg !== '$' && !/^\$\[\w*\]$/.test(seg)))
          throw new CloudbaseError('DATABASE_INVALID_OPERRATOR', `${op}: invalid field path "${path}"`)
        if (op === '$set' || op === '$setOnInsert') assertStorableFields(v, op)
      }
    }
  }
  return out
}

/**
 * Applies an operator update to a copy of `doc`. `condition` (the query) enables the positional `$`.
 * Returns the new document and whether anything changed.
 */
export function applyUpdate(doc: Doc, upd: Doc, condition?: Doc, opts: { inserting?: boolean } = {}): { doc: Doc; modified: boolean } {
  const next = clone(doc)
  // mingo silently ignores $inc/$mul on non-numbers; MongoDB refuses them, null included ("Use of the
  // $inc operator on a field with a null value will generate an error"); a missing field is created
  for (const op of ['$inc', '$mul'] as const) {
    const fields = upd[op] as Doc | undefined
    if (!fields) continue
    for (const [f, by] of Object.entries(fields)) {
      if (typeof by !== 'number') throw new CloudbaseError('INVALID_PARAM', `Cannot ${op} with a non-numeric argument: {${f}: ${JSON.stringify(by)}}`)
      const cur = f.includes('$') ? undefined : getPath(next, f)
      if (cur !== undefined && typeof cur !== 'number')
        throw new CloudbaseError('INVALID_PARAM', `Cannot apply ${op} to a value of non-numeric type: field '${f}' holds ${cur === null ? 'null' : Array.isArray(cur) ? 'an array' : typeof cur}`)
    }
  }
  const { $setOnInsert, ...rest } = upd
  const modifier = opts.inserting && $setOnInsert ? { ...rest, $set: { ...(rest.$set as Doc | undefined), ...($setOnInsert as Doc) } } : rest
  let changed: string[] = []
  if (Object.keys(modifier).length) {
    try {
      changed = mingoUpdate(next, modifier as never, undefined, condition && Object.keys(condition).length ? condition : undefined, {
        cloneMode: 'deep',
        queryOptions: mingoOptions,
      })
    } catch (e) {
      if (e instanceof CloudbaseError) throw e
      throw new CloudbaseError('DATABASE_INVALID_OPERRATOR', `invalid update: ${(e as Error).message}`)
    }
  }
  return { doc: next, modified: changed.length > 0 }
}

/** doc.set: the new document is `data` with the existing `_id`. */
export function replacement(id: unknown, data: unknown): Doc {
  if (!isPlainObject(data)) throw new CloudbaseError('INVALID_PARAM', 'set data must be an object')
  if ('_id' in data && data._id !== id) throw new CloudbaseError('INVALID_PARAM', '不能更新_id的值')
  assertStorableFields(data, 'set')
  return { _id: id, ...clone(data) }
}

/** The document an upsert starts from: the query's equality conditions (MongoDB's rule). */
export function upsertSeed(query: Doc): Doc {
  const seed: Doc = {}
  const take = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const s of v) if (isPlainObject(s)) take(s)
        continue
      }
      if (k.startsWith('$')) continue
      if (isPlainObject(v)) {
        const keys = Object.keys(v)
        if (keys.length && keys.every((x) => x.startsWith('$'))) {
          if (keys.length === 1 && '$eq' in v) setPath(seed, k, clone(v.$eq))
          continue
        }
      }
      if (v instanceof RegExp) continue
      setPath(seed, k, clone(v))
    }
  }
  take(query)
  return seed
}

/** Structural equality of two stored values (to tell whether a replacement changed anything). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source && a.flags === b.flags
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]))
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
}
