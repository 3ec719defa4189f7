/**
 * Order-preserving string encodings of field values, the keys of the secondary indexes
 * (secondary-index.ts). Two encodings compare (as JS strings) exactly as mingo's sort compares the
 * values — the order a collection scan sorts by — so walking an index in key order is the order of
 * `orderBy`. Type order is mingo's (SORT_ORDER in mingo/util: null < number < string < object <
 * array < boolean < date < regexp), MongoDB's too; a missing field sorts as null (mingo's $sort
 * groups the two together, as MongoDB does), so both get the null key.
 *
 * Only scalars get an exact place: missing, null, finite numbers, strings, booleans, valid dates.
 * Anything else (objects, regexps, nested arrays, NaN, invalid dates) is "exotic": it gets a key in
 * its type's class so the document is still found by a walk, but a field that holds one is not used
 * for ranges or ordering (the planner checks SecondaryIndex.exotic). Arrays are indexed per element
 * (MongoDB's multikey indexes); a field that holds one is not used for ordering.
 */
import type { Doc } from './doc'

/** Class letters, in mingo's type order. */
export const CLS = {
  null: 'B',
  number: 'C',
  string: 'D',
  object: 'F',
  array: 'G',
  emptyArray: 'H',
  boolean: 'I',
  date: 'J',
  other: 'K',
} as const

/** Lower than every encoding (each starts with a class letter). */
export const KEY_LOW = ''
/** Higher than every encoding. */
export const KEY_HIGH = '\uffff'

const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)

/** 16 hex digits whose string order is the numeric order of the doubles (sign flipped, negatives inverted). */
function orderedDouble(n: number): string {
  f64[0] = n === 0 ? 0 : n // -0 sorts with 0
  let hi = u32[1]
  let lo = u32[0]
  if (hi & 0x80000000) {
    hi = ~hi >>> 0
    lo = ~lo >>> 0
  } else hi = (hi | 0x80000000) >>> 0
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')
}

/** The string itself with \u0000 and \u0001 escaped, then a \u0000 terminator: prefix-free, order kept. */
function escapedString(s: string): string {
  // eslint-disable-next-line no-control-regex -- NUL and SOH are the escape alphabet of the key encoding
  return (/[\u0000\u0001]/.test(s) ? s.replace(/\u0001/g, '\u0001\u0002').replace(/\u0000/g, '\u0001\u0001') : s) + '\u0000'
}

export interface Encoded {
  key: string
  /** the value has no exact place in the order (see the header) */
  exotic: boolean
}

/** The scalar encodings; undefined for a value that has none (a query value that gives no bound). */
export function encodeScalar(v: unknown): string | undefined {
  if (v === undefined || v === null) return CLS.null
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : CLS.number + orderedDouble(v)
  if (typeof v === 'string') return CLS.string + escapedString(v)
  if (typeof v === 'boolean') return CLS.boolean + (v ? '1' : '0')
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : CLS.date + orderedDouble(v.getTime())
  return undefined
}

let exoticSeq = 0
const exoticKeys = new WeakMap<object, string>()

/** Encodes one (element) value of a document; exotic values get a stable key in their class. */
export function encodeValue(v: unknown): Encoded {
  const s = encodeScalar(v)
  if (s !== undefined) return { key: s, exotic: false }
  const cls = Array.isArray(v) ? CLS.array : v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp) ? CLS.object : CLS.other
  // their relative order does not matter (never used for ranges or ordering): one stable key per
  // object (stored documents are never mutated, so the key is found again when it is removed)
  if (typeof v !== 'object' || v === null) return { key: cls + 'p' + String(v), exotic: true }
  let id = exoticKeys.get(v)
  if (id === undefined) exoticKeys.set(v, (id = (++exoticSeq).toString(36).padStart(8, '0')))
  return { key: cls + id, exotic: true }
}

/** The class letter after `cls` (exclusive end of a class's keys). */
export const nextClass = (cls: string): string => String.fromCharCode(cls.charCodeAt(0) + 1)

export interface FieldValues {
  keys: string[]
  multikey: boolean
  exotic: boolean
}

/**
 * The index keys of one field of a document: every value a query on the path could match
 * (MongoDB's multikey rule: arrays on the way and at the end are expanded; an array inside an array
 * is kept whole and expanded once more, as mingo's equality looks one level into nested arrays).
 * A missing value is the null key; an empty array one of class "empty array".
 */
export function fieldValues(doc: Doc, path: string): FieldValues {
  const out = new Set<string>()
  let multikey = false
  let exotic = false
  const add = (v: unknown) => {
    const e = encodeValue(v)
    out.add(e.key)
    if (e.exotic) exotic = true
  }
  const leaf = (v: unknown) => {
    if (!Array.isArray(v)) return add(v)
    multikey = true
    if (v.length === 0) {
      out.add(CLS.emptyArray)
      return
    }
    for (const e of v) {
      if (Array.isArray(e)) {
        add(e)
        for (const ee of e) add(ee)
      } else add(e)
    }
  }
  const segs = path.split('.')
  const walk = (cur: unknown, i: number): void => {
    if (i === segs.length) return leaf(cur)
    if (Array.isArray(cur)) {
      multikey = true
      if (/^\d+$/.test(segs[i])) walk(cur[Number(segs[i])], i + 1)
      if (cur.length === 0) walk(undefined, i + 1)
      for (const e of cur) if (e !== null && typeof e === 'object') walk(e, i)
      return
    }
    if (cur === null || typeof cur !== 'object' || cur instanceof Date || cur instanceof RegExp) {
      leaf(undefined)
      return
    }
    walk((cur as Doc)[segs[i]], i + 1)
  }
  walk(doc, 0)
  if (!out.size) out.add(CLS.null)
  return { keys: [...out], multikey, exotic }
}
