import fc from 'fast-check'
import { decodeValue, encodeValue, parseEJSON, stringifyEJSON } from './ejson'

// the bson the SDK itself uses (wx-server-sdk → @cloudbase/database → bson 4.7)
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own nested bson, not a dependency of ours
const { EJSON } = require('bson') as { EJSON: { stringify(v: unknown, o?: object): string; parse(s: string, o?: object): unknown } }

describe('EJSON codec', () => {
  test('numbers go out as bson would send them', () => {
    expect(encodeValue(1)).toEqual({ $numberInt: '1' })
    expect(encodeValue(-2147483648)).toEqual({ $numberInt: '-2147483648' })
    expect(encodeValue(2147483648)).toEqual({ $numberLong: '2147483648' })
    expect(encodeValue(1.5)).toEqual({ $numberDouble: '1.5' })
    expect(encodeValue(NaN)).toEqual({ $numberDouble: 'NaN' })
    expect(encodeValue(-Infinity)).toEqual({ $numberDouble: '-Infinity' })
    expect(encodeValue(new Date(5))).toEqual({ $date: { $numberLong: '5' } })
    expect(encodeValue(/a.b/gi)).toEqual({ $regularExpression: { pattern: 'a.b', options: 'i' } })
    expect(encodeValue({ a: undefined, b: [undefined] })).toEqual({ b: [null] })
  })

  test('wrappers in are native values; server dates resolve to now + offset', () => {
    const now = () => 1_000_000
    const v = parseEJSON(
      JSON.stringify({
        i: { $numberInt: '3' },
        l: { $numberLong: '1700000000000' },
        d: { $numberDouble: '2.5' },
        t: { $date: { $numberLong: '42' } },
        iso: { $date: '2024-01-01T00:00:00Z' },
        r: { $regularExpression: { pattern: '^x', options: 'i' } },
        s: { $tcb_server_date: { offset: { $numberInt: '1000' } } },
        q: { n: { $gt: { $numberInt: '1' } } },
      }),
      { now },
    ) as Record<string, unknown>
    expect(v.i).toBe(3)
    expect(v.l).toBe(1700000000000)
    expect(v.d).toBe(2.5)
    expect(v.t).toEqual(new Date(42))
    expect(v.iso).toEqual(new Date('2024-01-01T00:00:00Z'))
    expect(v.r).toEqual(/^x/i)
    expect(v.s).toEqual(new Date(1_001_000))
    expect(v.q).toEqual({ n: { $gt: 1 } })
  })

  test('invalid EJSON is INVALID_PARAM', () => {
    expect(() => parseEJSON('{')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }))
    expect(() => parseEJSON('{"a":{"$numberInt":"x"}}')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }))
  })

  // JSON-like values (no -0, which JSON cannot carry either)
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ min: new Date(-1e12), max: new Date(4e12), noInvalidDate: true }),
    ),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string().filter((k) => !k.startsWith('$') && k !== '__proto__'), tie('node'), { maxKeys: 4 })),
  })).node

  test('property: our canonical output parses in bson to the same value, and bson output parses in ours', () => {
    fc.assert(
      fc.property(value, (v) => {
        const ours = stringifyEJSON(v)
        expect(EJSON.parse(ours)).toEqual(v)
        expect(parseEJSON(EJSON.stringify(v, { relaxed: false }))).toEqual(v)
        expect(JSON.parse(ours)).toEqual(JSON.parse(EJSON.stringify(v, { relaxed: false })))
        expect(decodeValue(encodeValue(v, { relaxed: true }))).toEqual(v)
      }),
      { numRuns: 300 },
    )
  })
})
