/**
 * Canonical Extended JSON, the way @cloudbase/database (bson 4.x, `EJSON.stringify(x, {relaxed:false})`)
 * sends it and reads it back (`EJSON.parse(item)`, relaxed by default).
 *
 * Internally the database holds plain JS values: null, boolean, number, string, Date, RegExp, arrays
 * and plain objects. This module is the only place that knows the wire wrappers:
 *   in:  $numberInt / $numberDouble / $numberLong / $numberDecimal → number, $date → Date,
 *        $regularExpression (and legacy $regex/$options) → RegExp, $oid → hex string,
 *        $tcb_server_date {offset} → Date(server now + offset) (serverDate() in data, updates, queries)
 *   out: integer in int32 range → $numberInt, other integers in int64 range → $numberLong, the rest →
 *        $numberDouble (what bson itself emits for a JS number, so values round-trip unchanged);
 *        Date → {"$date":{"$numberLong":"ms"}}.
 * It is hand-written (not bson's EJSON) because it runs on every document of every call: a single
 * walk without intermediate wrapper classes (Int32/Double/Long) is several times cheaper.
 */
import { CloudbaseError } from '../core/errors'

export interface DecodeContext {
  /** server clock in ms, for $tcb_server_date */
  now: () => number
}

const INT32_MIN = -2147483648
const INT32_MAX = 2147483647
// 2^63 as a double; integers below it (in magnitude) are representable as int64.
const INT64_LIMIT = 9223372036854775808

const defaultCtx: DecodeContext = { now: Date.now }

function badEjson(what: string): never {
  throw new CloudbaseError('INVALID_PARAM', `invalid EJSON: ${what}`)
}

function toNumber(text: unknown, wrapper: string): number {
  if (typeof text === 'number') return text
  if (typeof text !== 'string') badEjson(`${wrapper} expects a string`)
  switch (text) {
    case 'NaN':
      return NaN
    case 'Infinity':
    case '+Infinity':
      return Infinity
    case '-Infinity':
      return -Infinity
  }
  const n = Number(text)
  if (text.trim() === '' || Number.isNaN(n)) badEjson(`${wrapper} "${text}" is not a number`)
  return n
}

function decodeDate(v: unknown, ctx: DecodeContext): Date {
  if (typeof v === 'number') return new Date(v)
  if (typeof v === 'string') {
    const d = new Date(v)
    if (Number.isNaN(d.getTime())) badEjson(`$date "${v}"`)
    return d
  }
  if (v && typeof v === 'object' && '$numberLong' in v) return new Date(toNumber((v as { $numberLong: unknown }).$numberLong, '$numberLong'))
  // @cloudbase/database's own deserialize treats {$date: {offset}} as a server date
  if (v && typeof v === 'object' && 'offset' in v) return new Date(ctx.now() + Number(decodeValue((v as { offset: unknown }).offset, ctx) ?? 0))
  return badEjson('$date')
}

function decodeRegExp(pattern: unknown, options: unknown): RegExp {
  if (typeof pattern !== 'string') badEjson('$regularExpression.pattern must be a string')
  // Mongo options imsx(l u); JS knows i m s u. 'x' (extended) has no JS equivalent: strip whitespace and comments.
  let opts = typeof options === 'string' ? options : ''
  let src = pattern
  // eslint-disable-next-line no-control-regex -- NUL stands in for an escaped # while comments are stripped
  if (opts.includes('x')) src = src.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#')
  opts = [...new Set(opts.split(''))].filter((c) => 'imsu'.includes(c)).join('')
  try {
    return new RegExp(src, opts)
  } catch (e) {
    return badEjson(`regular expression /${pattern}/: ${(e as Error).message}`)
  }
}

/** Converts one JSON.parse'd value into internal JS values (see the header). */
export function decodeValue(v: unknown, ctx: DecodeContext = defaultCtx): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    const out = new Array(v.length)
    for (let i = 0; i < v.length; i++) out[i] = decodeValue(v[i], ctx)
    return out
  }
  const o = v as Record<string, unknown>
  // Fast path: wrappers are objects with one or two keys, the first starting with '$'.
  let firstKey: string | undefined
  for (const k in o) {
    firstKey = k
    break
  }
  if (firstKey !== undefined && firstKey.charCodeAt(0) === 36 /* $ */) {
    const keys = Object.keys(o)
    if (keys.length === 1) {
      const val = o[firstKey]
      switch (firstKey) {
        case '$numberInt':
        case '$numberDouble':
        case '$numberLong':
        case '$numberDecimal':
          return toNumber(val, firstKey)
        case '$date':
          return decodeDate(val, ctx)
        case '$regularExpression': {
          const r = val as { pattern?: unknown; options?: unknown }
          if (r && typeof r === 'object') return decodeRegExp(r.pattern, r.options)
          return badEjson('$regularExpression')
        }
        case '$oid':
          if (typeof val === 'string') return val
          return badEjson('$oid')
        case '$tcb_server_date': {
          const off = val && typeof val === 'object' ? decodeValue((val as { offset?: unknown }).offset, ctx) : 0
          return new Date(ctx.now() + (typeof off === 'number' ? off : 0))
        }
        case '$undefined':
          return null
      }
    } else if (keys.length === 2 && '$regex' in o && '$options' in o && typeof o.$regex === 'string') {
      // legacy regex form; a query operator {$regex, $options} with a string pattern is equivalent
      return decodeRegExp(o.$regex, o.$options)
    }
  }
  const out: Record<string, unknown> = {}
  for (const k in o) {
    const val = o[k]
    out[k] = val === null || typeof val !== 'object' ? val : decodeValue(val, ctx)
  }
  return out
}

/**
 * decodeValue for a value fresh from JSON.parse that nobody else holds: wrappers are replaced where
 * they sit and every other object is kept, so loading a snapshot allocates each document once
 * (decodeValue would build a copy of every object: twice the garbage at start-up).
 */
export function decodeParsed(v: unknown, ctx: DecodeContext = defaultCtx): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i]
      if (e !== null && typeof e === 'object') v[i] = decodeParsed(e, ctx)
    }
    return v
  }
  const o = v as Record<string, unknown>
  for (const k in o) {
    if (k.charCodeAt(0) === 36 /* $ */) return decodeValue(o, ctx) // a wrapper (or a $-field, refused there)
    break
  }
  for (const k in o) {
    const val = o[k]
    if (val !== null && typeof val === 'object') o[k] = decodeParsed(val, ctx)
  }
  return o
}

/** Parses an EJSON string (as the SDK sends in `data`, `query`, `order`, stage values …). */
export function parseEJSON(text: unknown, ctx: DecodeContext = defaultCtx): unknown {
  if (typeof text !== 'string') return decodeValue(text, ctx) // some callers already hold objects
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return badEjson(`not JSON: ${text.slice(0, 80)}`)
  }
  return decodeValue(raw, ctx)
}

export interface EncodeOptions {
  /** relaxed: numbers as plain JSON numbers (non-finite ones still wrapped); dates stay wrapped */
  relaxed?: boolean
}

function encodeNumber(n: number, relaxed: boolean): unknown {
  if (relaxed && Number.isFinite(n) && !Object.is(n, -0)) return n
  if (Number.isInteger(n) && !Object.is(n, -0)) {
    if (n >= INT32_MIN && n <= INT32_MAX) return { $numberInt: String(n) }
    if (n > -INT64_LIMIT && n < INT64_LIMIT) return { $numberLong: String(n) } // bson prints the JS number, not its exact decimal expansion
  }
  if (Object.is(n, -0)) return { $numberDouble: '-0.0' }
  if (Number.isNaN(n)) return { $numberDouble: 'NaN' }
  if (n === Infinity) return { $numberDouble: 'Infinity' }
  if (n === -Infinity) return { $numberDouble: '-Infinity' }
  // bson prints integral doubles as "1e+21" / "2.0"-style; any Number()-parsable text is accepted by it.
  return { $numberDouble: String(n) }
}

/** Converts an internal value to a JSON-able EJSON value (canonical unless opts.relaxed). */
export function encodeValue(v: unknown, opts: EncodeOptions = {}): unknown {
  const relaxed = !!opts.relaxed
  const walk = (x: unknown): unknown => {
    if (x === null || x === undefined) return null
    switch (typeof x) {
      case 'number':
        return encodeNumber(x, relaxed)
      case 'string':
      case 'boolean':
        return x
      case 'bigint':
        return { $numberLong: x.toString() }
      case 'object':
        break
      default:
        return null // functions/symbols have no JSON form
    }
    if (Array.isArray(x)) return x.map((e) => (e === undefined ? null : walk(e)))
    if (x instanceof Date) {
      const t = x.getTime()
      return { $date: { $numberLong: String(Number.isNaN(t) ? 0 : t) } }
    }
    if (x instanceof RegExp) return { $regularExpression: { pattern: x.source, options: mongoFlags(x.flags) } }
    const out: Record<string, unknown> = {}
    for (const k in x as Record<string, unknown>) {
      const val = (x as Record<string, unknown>)[k]
      if (val === undefined) continue // like JSON and bson: undefined fields are dropped
      out[k] = walk(val)
    }
    return out
  }
  return walk(v)
}

/** Mongo stores regex options sorted alphabetically and without JS-only flags (g, y, d). */
function mongoFlags(flags: string): string {
  return flags
    .split('')
    .filter((c) => 'imsux'.includes(c))
    .sort()
    .join('')
}

export function stringifyEJSON(v: unknown, opts: EncodeOptions = {}): string {
  return JSON.stringify(encodeValue(v, opts))
}
