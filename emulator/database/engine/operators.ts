/**
 * mingo, set up to answer as the MongoDB behind CloudBase does: mingo's own operators, overridden
 * where mingo's answer differs from MongoDB's (each override says how), plus what the emulator adds
 * (the geo query operators of query.ts). Checked against mingo 7.2.7, the newest release: none of
 * these is fixed upstream yet.
 *
 * Why a context of our own: mingo's default entry (`import { Query } from 'mingo'`) merges a caller's
 * context *under* its built-in operators, so a built-in cannot be replaced that way; here our
 * operators come first and mingo's fill in the rest (`Context.from` keeps the first definition).
 */
import { Context, evalExpr } from 'mingo/core'
import type { Iterator } from 'mingo/lazy'
import { Lazy } from 'mingo/lazy'
import * as accumulatorOps from 'mingo/operators/accumulator'
import * as expressionOps from 'mingo/operators/expression'
import * as pipelineOps from 'mingo/operators/pipeline'
import * as projectionOps from 'mingo/operators/projection'
import * as queryOps from 'mingo/operators/query'
import * as windowOps from 'mingo/operators/window'
import type { Any, AnyObject, Options } from 'mingo/types'
import { Query } from 'mingo/query'
import { compare, isEqual, isNil, isOperator, MingoError, resolve } from 'mingo/util'

type Expr = (obj: Any, expr: Any, options: Options) => Any

/** mingo's error type, so the engine reports these as it reports mingo's own (DATABASE_INVALID_OPERRATOR). */
function assert(condition: unknown, msg: string): asserts condition {
  if (!condition) throw new MingoError(msg)
}
type Stage = (coll: Iterator, expr: Any, options: Options) => Iterator

const MINGO = Context.init({
  accumulator: accumulatorOps as never,
  expression: expressionOps as never,
  pipeline: pipelineOps as never,
  projection: projectionOps as never,
  query: queryOps as never,
  window: windowOps as never,
})

// ---------------------------------------------------------------------------------------------
// pipeline stages

/** `$count` over no documents passes nothing on (mingo answers `{n: 0}`). MongoDB: "If the input dataset is empty, $count doesn't return a result." */
const $count: Stage = (coll, expr) => {
  assert(typeof expr === 'string' && expr.trim().length > 0 && !expr.includes('.') && !expr.startsWith('$'), '$count expression must evaluate to valid field name')
  const field = expr
  return coll.transform((xs) => Lazy(xs.length ? [{ [field]: xs.length }] : []))
}

/**
 * `$sample` picks distinct documents, at most as many as there are (mingo draws with replacement,
 * so it repeats documents and always returns `size` of them).
 */
const $sample: Stage = (coll, expr) => {
  const size: unknown = (expr as AnyObject)?.size
  assert(typeof size === 'number' && Number.isInteger(size) && size >= 0, '$sample size must be a non-negative integer')
  return coll.transform((xs) => {
    const pool = xs.slice()
    const n = Math.min(size, pool.length)
    // partial Fisher–Yates: the first n places end up a uniform sample without repetition
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(Math.random() * (pool.length - i))
      ;[pool[i], pool[j]] = [pool[j], pool[i]]
    }
    return Lazy(pool.slice(0, n))
  })
}

/**
 * `$bucket`: each bucket is [lower, upper) — a value equal to a boundary opens the bucket of that
 * boundary (mingo put it in the bucket below) — and only buckets holding at least one document are
 * output (mingo also output empty ones with `count: 0`).
 */
const $bucket: Stage = (coll, expr, options) => {
  const spec = expr as { groupBy: Any; boundaries: Any[]; default?: Any; output?: AnyObject }
  const bounds = spec.boundaries
  assert(Array.isArray(bounds) && bounds.length > 1, '$bucket: must specify at least two boundaries.')
  assert(
    bounds.every((b, i) => i === 0 || compare(b, bounds[i - 1]) > 0),
    '$bucket: bounds must be of same type and in ascending order',
  )
  const hasDefault = spec.default !== undefined
  const output = spec.output ?? { count: { $sum: 1 } }
  return coll.transform((xs) => {
    const groups = new Map<number, Any[]>()
    const others: Any[] = []
    for (const doc of xs) {
      const key = evalExpr(doc, spec.groupBy, options)
      let i = -1
      if (!isNil(key) && compare(key, bounds[0]) >= 0 && compare(key, bounds[bounds.length - 1]) < 0) {
        i = 0
        while (compare(key, bounds[i + 1]) >= 0) i++
      }
      if (i < 0) {
        if (!hasDefault) throw new MingoError("$bucket: the 'groupBy' value of a document is outside the boundaries and no 'default' is given")
        others.push(doc)
        continue
      }
      let g = groups.get(i)
      if (!g) groups.set(i, (g = []))
      g.push(doc)
    }
    const out: AnyObject[] = []
    bounds.forEach((b, i) => {
      const g = groups.get(i)
      if (g) out.push({ _id: b, ...(evalExpr(g, output, options) as AnyObject) })
    })
    if (others.length) out.push({ _id: spec.default, ...(evalExpr(others, output, options) as AnyObject) })
    return Lazy(out)
  })
}

// ---------------------------------------------------------------------------------------------
// expressions

/**
 * `$week`: weeks begin on Sunday; week 1 starts with the year's first Sunday, the days before it
 * are week 0 (mingo derived it from the ISO week and was one off for most dates). Computed from
 * mingo's `$dayOfYear`/`$dayOfWeek` so the `{date, timezone}` form behaves as theirs.
 */
const $week: Expr = (obj, expr, options) => {
  const doy = evalExpr(obj, { $dayOfYear: expr }, options)
  const dow = evalExpr(obj, { $dayOfWeek: expr }, options)
  if (typeof doy !== 'number' || typeof dow !== 'number') return null
  // the Sunday on or before the date is day `doy - dow + 1`; count the Sundays up to it
  return Math.floor((doy - dow + 7) / 7)
}

/**
 * `$substrBytes` / `$substr` (its deprecated alias): a negative count, or one past the end, takes the
 * rest of the string (mingo refused both). Byte offsets inside a multi-byte character fail, as in MongoDB.
 */
const $substrBytes: Expr = (obj, expr, options) => {
  assert(Array.isArray(expr) && expr.length === 3, '$substrBytes expects array(3)')
  const [s, index, count] = evalExpr(obj, expr, options) as unknown[]
  if (isNil(s)) return ''
  assert(typeof s === 'string', '$substrBytes: the first argument must be a string')
  assert(typeof index === 'number' && Number.isInteger(index) && index >= 0, '$substrBytes: starting index must be a non-negative integer')
  assert(typeof count === 'number' && Number.isInteger(count), '$substrBytes: length must be an integer')
  const bytes = Buffer.from(s, 'utf8')
  if (index >= bytes.length) return ''
  const end = count < 0 ? bytes.length : Math.min(bytes.length, index + count)
  const continuation = (i: number) => i < bytes.length && (bytes[i] & 0xc0) === 0x80
  assert(!continuation(index), '$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  assert(!continuation(end), '$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  return bytes.subarray(index, end).toString('utf8')
}

/** The arguments of `$indexOfCP`/`$indexOfBytes`: [string, substring, start?, end?]; null when the string is null/missing. */
function indexOfArgs(name: string, obj: Any, expr: Any, options: Options): { s: string; sub: string; from: number; until: number } | null {
  assert(Array.isArray(expr) && expr.length >= 2 && expr.length <= 4, `${name} expects 2 to 4 arguments`)
  const [s, sub, start, end] = evalExpr(obj, expr, options) as unknown[]
  if (isNil(s)) return null
  assert(typeof s === 'string', `${name} requires a string as the first argument`)
  assert(typeof sub === 'string', `${name} requires a string as the second argument`)
  const from = isNil(start) ? 0 : start
  const until = isNil(end) ? Infinity : end
  assert(typeof from === 'number' && Number.isInteger(from) && from >= 0, `${name}: starting index must be a non-negative integer`)
  assert(typeof until === 'number' && (until === Infinity || (Number.isInteger(until) && until >= 0)), `${name}: ending index must be a non-negative integer`)
  return { s, sub, from, until }
}

/** `$indexOfCP` (missing in mingo): the code-point index of the first occurrence, or -1; null for a null/missing string. */
const $indexOfCP: Expr = (obj, expr, options) => {
  const a = indexOfArgs('$indexOfCP', obj, expr, options)
  if (!a) return null
  const cps = Array.from(a.s)
  const subCps = Array.from(a.sub)
  const to = Math.min(a.until, cps.length)
  for (let i = a.from; i + subCps.length <= to; i++) {
    let hit = true
    for (let k = 0; k < subCps.length && hit; k++) hit = cps[i + k] === subCps[k]
    if (hit) return i
  }
  return -1
}

/**
 * BSON comparison order (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/):
 * missing < null < numbers < strings < objects < arrays < booleans < dates < regular expressions;
 * arrays and objects compare element by element in order. Aggregation comparisons use it as is —
 * `{$gt: ['abc', 1]}` is true — where mingo answered false for any two types that differ, and
 * compared arrays as sorted sets (so `{$eq: [[2, 1], [1, 2]]}` was true).
 */
const TYPE_RANK = (v: unknown): number =>
  v === undefined ? 0 : v === null ? 1 : typeof v === 'number' ? 2 : typeof v === 'string' ? 3 : typeof v === 'boolean' ? 6 : v instanceof Date ? 7 : v instanceof RegExp ? 8 : Array.isArray(v) ? 5 : 4

export function bsonCompare(a: unknown, b: unknown): number {
  const ra = TYPE_RANK(a)
  const rb = TYPE_RANK(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  const cmp = (x: number | string | boolean, y: number | string | boolean) => (x < y ? -1 : x > y ? 1 : 0)
  switch (ra) {
    case 0:
    case 1:
      return 0
    case 2:
    case 3:
    case 6:
      return cmp(a as number, b as number)
    case 7:
      return cmp((a as Date).getTime(), (b as Date).getTime())
    case 8:
      return cmp(String(a), String(b))
    case 5: {
      const xs = a as unknown[]
      const ys = b as unknown[]
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = bsonCompare(xs[i], ys[i])
        if (c) return c
      }
      return cmp(xs.length, ys.length)
    }
    default: {
      const xs = Object.entries(a as AnyObject)
      const ys = Object.entries(b as AnyObject)
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = TYPE_RANK(xs[i][1]) - TYPE_RANK(ys[i][1]) || cmp(xs[i][0], ys[i][0]) || bsonCompare(xs[i][1], ys[i][1])
        if (c) return Math.sign(c)
      }
      return cmp(xs.length, ys.length)
    }
  }
}

const comparison =
  (name: string, test: (c: number) => boolean | number): Expr =>
  (obj, expr, options) => {
    assert(Array.isArray(expr) && expr.length === 2, `${name} expects array(2)`)
    const [a, b] = evalExpr(obj, expr, options) as unknown[]
    return test(bsonCompare(a, b))
  }

/**
 * `$sum` `$avg` `$max` `$min` in $project/$addFields: one operand that is an array is traversed
 * (`{$sum: '$scores'}` sums the array; mingo refused anything but a list); with a list of operands
 * arrays are not traversed; non-numbers are ignored by $sum/$avg; $max/$min skip null/missing.
 * mingo looks an operator up among expressions before accumulators, so these also receive the
 * documents of a $group/$bucket (an array) and hand them to mingo's accumulator.
 */
const numericReduction =
  (name: '$sum' | '$avg' | '$max' | '$min', reduce: (vs: unknown[]) => unknown): Expr =>
  (obj, expr, options) => {
    if (Array.isArray(obj)) return accumulatorOps[name](obj as AnyObject[], expr, options)
    const v = evalExpr(obj, expr, options)
    const values = Array.isArray(expr) ? (v as unknown[]) : Array.isArray(v) ? v : [v]
    return reduce(values)
  }
const numbers = (vs: unknown[]) => vs.filter((x): x is number => typeof x === 'number')
const present = (vs: unknown[]) => vs.filter((x) => !isNil(x))
const $sumExpr = numericReduction('$sum', (vs) => numbers(vs).reduce((s, x) => s + x, 0))
const $avgExpr = numericReduction('$avg', (vs) => {
  const ns = numbers(vs)
  return ns.length ? ns.reduce((s, x) => s + x, 0) / ns.length : null
})
const $maxExpr = numericReduction('$max', (vs) => present(vs).reduce((m: unknown, x) => (m === undefined || bsonCompare(x, m) > 0 ? x : m), undefined) ?? null)
const $minExpr = numericReduction('$min', (vs) => present(vs).reduce((m: unknown, x) => (m === undefined || bsonCompare(x, m) < 0 ? x : m), undefined) ?? null)

/** `$toLower`/`$toUpper` of null or a missing field is "" (mingo: null). */
const caseOf =
  (name: string, f: (s: string) => string): Expr =>
  (obj, expr, options) => {
    const v = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options)
    if (isNil(v)) return ''
    assert(typeof v === 'string' || typeof v === 'number' || v instanceof Date, `${name} requires a string argument`)
    return f(typeof v === 'string' ? v : String(v))
  }

/** `$trunc`: `<number>` or `[<number>, <place>]` (mingo accepted only the list). */
const $trunc: Expr = (obj, expr, options) => {
  const [n, place] = (Array.isArray(expr) ? evalExpr(obj, expr, options) : [evalExpr(obj, expr, options), 0]) as unknown[]
  if (isNil(n)) return null
  assert(typeof n === 'number', '$trunc only supports numeric types')
  const p = isNil(place) ? 0 : place
  assert(typeof p === 'number' && Number.isInteger(p) && p >= -20 && p <= 100, '$trunc: place must be an integer in [-20, 100]')
  if (!Number.isFinite(n)) return n
  const f = Math.pow(10, p)
  return Math.trunc(n * f) / f
}

/** `$indexOfBytes` counts UTF-8 bytes (mingo counted UTF-16 code units: '心谭' → '谭' at 1, not 3). */
const $indexOfBytes: Expr = (obj, expr, options) => {
  const a = indexOfArgs('$indexOfBytes', obj, expr, options)
  if (!a) return null
  const bytes = Buffer.from(a.s, 'utf8')
  return bytes.subarray(0, Math.min(a.until, bytes.length)).indexOf(Buffer.from(a.sub, 'utf8'), a.from)
}

/** `$size` of anything but an array fails the request, as MongoDB does (mingo: null for a missing field). */
const $size: Expr = (obj, expr, options) => {
  const v = evalExpr(obj, Array.isArray(expr) ? expr[0] : expr, options)
  assert(Array.isArray(v), `The argument to $size must be an array. Type of the argument was: ${v === undefined ? 'missing' : v === null ? 'null' : typeof v}`)
  return v.length
}

/** `$setUnion`/`$setIntersection`/`$setDifference` answer null when an argument is null or missing (mingo failed). */
const nullableSetOp =
  (op: Expr): Expr =>
  (obj, expr, options) => {
    const args = evalExpr(obj, expr, options)
    if (Array.isArray(args) && args.some(isNil)) return null
    return op(obj, Array.isArray(args) ? args.map((a) => ({ $literal: a })) : expr, options)
  }

/** The calendar date and time of a date expression (`<date>` or `{date, timezone}`) in its timezone, as a UTC Date. */
function localDate(obj: Any, expr: Any, options: Options): Date | null {
  const spec = expr !== null && typeof expr === 'object' && !Array.isArray(expr) && 'date' in (expr as AnyObject) ? expr : { date: expr }
  const p = evalExpr(obj, { $dateToParts: spec }, options) as AnyObject | null
  if (!p) return null
  return new Date(Date.UTC(p.year as number, (p.month as number) - 1, p.day as number, p.hour as number, p.minute as number, p.second as number, p.millisecond as number))
}
const isoDow = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1
/** The ISO week-numbering year: the year of the Thursday of the date's week (mingo took the calendar year). */
function isoWeekYearOf(d: Date): number {
  const thursday = new Date(d.getTime() + (4 - isoDow(d)) * 86_400_000)
  return thursday.getUTCFullYear()
}
const $isoWeekYear: Expr = (obj, expr, options) => {
  const d = localDate(obj, expr, options)
  return d ? isoWeekYearOf(d) : null
}

/**
 * `$dateToString`: `%w` is the day of week 1 (Sunday)–7, `%U` the week of year as `$week`, `%G` the
 * ISO week-numbering year (mingo: 0–6, the ISO-derived week, the calendar year); the rest is mingo's.
 */
const $dateToString: Expr = (obj, expr, options) => {
  const spec = expr as AnyObject
  const format = spec?.format
  if (typeof format !== 'string' || !/%[wUG]/.test(format)) return expressionOps.$dateToString(obj as AnyObject, expr, options)
  const dateSpec = { date: spec.date, ...(spec.timezone !== undefined ? { timezone: spec.timezone } : {}) }
  const d = localDate(obj, dateSpec, options)
  if (!d) return expressionOps.$dateToString(obj as AnyObject, expr, options)
  const pad = (n: number) => String(n).padStart(2, '0')
  const fixed = format.replace(/%([%wUG])/g, (m, c: string) =>
    c === 'w' ? String(d.getUTCDay() + 1) : c === 'U' ? pad(Number($week(obj, dateSpec, options))) : c === 'G' ? String(isoWeekYearOf(d)) : m,
  )
  return expressionOps.$dateToString(obj as AnyObject, { ...spec, format: fixed }, options)
}

/** `$dateFromParts` with ISO fields (isoWeekYear, isoWeek, isoDayOfWeek): mingo returned year 9999. */
const $dateFromParts: Expr = (obj, expr, options) => {
  const spec = expr as AnyObject
  if (!spec || spec.isoWeekYear === undefined) return expressionOps.$dateFromParts(obj as AnyObject, expr, options)
  const { isoWeekYear, isoWeek, isoDayOfWeek, ...rest } = spec
  const [y, w, dow] = evalExpr(obj, [isoWeekYear, isoWeek ?? 1, isoDayOfWeek ?? 1], options) as unknown[]
  if (isNil(y)) return null
  assert(typeof y === 'number' && typeof w === 'number' && typeof dow === 'number', '$dateFromParts: iso fields must be numbers')
  const jan4 = new Date(Date.UTC(y, 0, 4))
  const day = new Date(jan4.getTime() + ((w - 1) * 7 + (dow - 1) - (isoDow(jan4) - 1)) * 86_400_000)
  return expressionOps.$dateFromParts(obj as AnyObject, { ...rest, year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, options)
}

// ---------------------------------------------------------------------------------------------
// accumulators

/** `$push`/`$addToSet` in $group skip documents where the expression is missing (mingo pushed null). */
const skippingMissing =
  (name: string, unique: boolean) =>
  (coll: AnyObject[], expr: Any, options: Options): Any[] => {
    const values = accumulatorOps.$push(coll, expr, options)
    const types = accumulatorOps.$push(coll, { $type: expr }, options)
    const out: Any[] = []
    values.forEach((v, i) => {
      if (types[i] === 'missing') return
      if (unique && out.some((o) => isEqual(o, v))) return
      out.push(v)
    })
    return out
  }

// ---------------------------------------------------------------------------------------------
// query operators

/**
 * The element test of `$elemMatch` (also inside `$all`). With field conditions (`{value: {$gt: 0}}`)
 * only embedded documents can match — mingo also matched numbers and strings (so
 * `{tags: {$elemMatch: {value: {$exists: true}}}}` matched `tags: [1, 2]`); with operators only
 * (`{$gt: 2}`) each element is the value tested.
 */
function elementTest(criteria: AnyObject, options: Options): (v: unknown) => boolean {
  const keys = Object.keys(criteria)
  const isDoc = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)
  if (!keys.length) return isDoc
  if (keys.every((k) => isOperator(k) && k !== '$and' && k !== '$or' && k !== '$nor')) {
    const q = new Query({ field: criteria }, options)
    return (v) => q.test({ field: v })
  }
  const q = new Query(criteria, options)
  return (v) => isDoc(v) && q.test(v as AnyObject)
}

type QueryOp = (selector: string, value: Any, options: Options) => (doc: AnyObject) => boolean
const arrayAt = (doc: AnyObject, selector: string) => resolve(doc, selector, { unwrapArray: true })

const $elemMatch: QueryOp = (selector, criteria, options) => {
  const test = elementTest(criteria as AnyObject, options)
  return (doc) => {
    const a = arrayAt(doc, selector)
    return Array.isArray(a) && a.some(test)
  }
}

/** `$all`, with its `$elemMatch` members tested as `$elemMatch` is (above). */
const $all: QueryOp = (selector, rhs, options) => {
  assert(Array.isArray(rhs), '$all needs an array')
  const tests = rhs.map((expr): ((values: unknown[]) => boolean) => {
    if (expr !== null && typeof expr === 'object' && !Array.isArray(expr) && Object.keys(expr)[0] === '$elemMatch') {
      const t = elementTest((expr as AnyObject).$elemMatch as AnyObject, options)
      return (values) => values.some(t)
    }
    if (expr instanceof RegExp) return (values) => values.some((s) => typeof s === 'string' && expr.test(s))
    return (values) => values.some((v) => isEqual(expr, v))
  })
  return (doc) => {
    const a = arrayAt(doc, selector)
    // a scalar field matches as a one-element array (MongoDB: {f: {$all: [v]}} is {$and: [{f: v}]})
    const values = Array.isArray(a) ? a : a === undefined ? [] : [a]
    return values.length > 0 && tests.length > 0 && tests.every((t) => t(values))
  }
}

const FIXES = {
  pipeline: { $count, $sample, $bucket },
  expression: {
    $week,
    $substrBytes,
    $substr: $substrBytes,
    $indexOfCP,
    $indexOfBytes,
    $cmp: comparison('$cmp', (c) => c),
    $eq: comparison('$eq', (c) => c === 0),
    $ne: comparison('$ne', (c) => c !== 0),
    $gt: comparison('$gt', (c) => c > 0),
    $gte: comparison('$gte', (c) => c >= 0),
    $lt: comparison('$lt', (c) => c < 0),
    $lte: comparison('$lte', (c) => c <= 0),
    $sum: $sumExpr,
    $avg: $avgExpr,
    $max: $maxExpr,
    $min: $minExpr,
    $toLower: caseOf('$toLower', (x) => x.toLowerCase()),
    $toUpper: caseOf('$toUpper', (x) => x.toUpperCase()),
    $trunc,
    $size,
    $setUnion: nullableSetOp(expressionOps.$setUnion as Expr),
    $setIntersection: nullableSetOp(expressionOps.$setIntersection as Expr),
    $setDifference: nullableSetOp(expressionOps.$setDifference as Expr),
    $isoWeekYear,
    $dateToString,
    $dateFromParts,
  },
  accumulator: { $push: skippingMissing('$push', false), $addToSet: skippingMissing('$addToSet', true) },
  query: { $elemMatch, $all },
}

/** The context every mingo call of the engine uses: the fixes above and `extra`, then mingo's operators. */
export function engineContext(extra: { query?: Record<string, unknown> } = {}): Context {
  const ours = Context.init({
    pipeline: FIXES.pipeline as never,
    expression: FIXES.expression as never,
    accumulator: FIXES.accumulator as never,
    query: { ...FIXES.query, ...extra.query } as never,
  })
  return Context.from(ours, MINGO)
}
