/**
 * The index rule of the coverage check (query-shapes.ts): MongoDB's prefix rule with sort
 * directions and equality before range, on shapes taken from real queries.
 */
import { servingIndex, shapeOf, type OrderShape } from './query-shapes'
import type { IndexSpec } from './schema'

const ix = (name: string, keys: IndexSpec['keys']): IndexSpec => ({ name, keys })
const served = (indexes: IndexSpec[], q: Record<string, unknown>, order: OrderShape = []) => servingIndex(indexes, shapeOf(q), order)

test('shapes: equality, $in, ranges, others; $and flattened; $or kept as branches', () => {
  expect(shapeOf({ a: 1, b: { $in: [1] }, c: { $gte: 1, $lt: 2 }, d: { $ne: 1 }, $and: [{ e: null }], $or: [{ f: 1 }, { g: /x/ }] })).toEqual({
    eq: ['a', 'e'],
    in: ['b'],
    range: ['c'],
    geo: [],
    other: ['d'],
    or: [
      { eq: ['f'], in: [], range: [], geo: [], other: [] },
      { eq: [], in: [], range: [], geo: [], other: ['g'] },
    ],
  })
})

test('equality fields bind a prefix; a field after a gap does not', () => {
  const a_b = [ix('a_b', { a: 1, b: 1 })]
  expect(served(a_b, { a: 1 })).toBe('a_b')
  expect(served(a_b, { a: 1, b: { $in: [1, 2] } })).toBe('a_b')
  expect(served(a_b, { b: 1 })).toBeUndefined()
})

test('equality before range: a range serves only on the first unbound field', () => {
  const a_b = [ix('a_b', { a: 1, b: 1 })]
  expect(served(a_b, { b: { $gt: 1 } })).toBeUndefined()
  expect(served([ix('b', { b: -1 })], { b: { $gt: 1 } })).toBe('b')
  expect(served([ix('b_a', { b: 1, a: 1 })], { a: 1, b: { $gt: 1 } })).toBe('b_a') // b's range is the first field
})

test('the order: right after the bound fields, in the index’s directions or all reversed', () => {
  const user_at_id = [ix('user_at_id', { user: 1, at: -1, _id: -1 })]
  expect(served(user_at_id, { user: 'u' }, [['at', -1], ['_id', -1]])).toBe('user_at_id')
  expect(served(user_at_id, { user: 'u' }, [['at', 1], ['_id', 1]])).toBe('user_at_id')
  expect(served(user_at_id, { user: 'u' }, [['at', -1], ['_id', 1]])).toBeUndefined() // mixed
  expect(served([ix('user_at', { user: 1, at: -1 })], { user: 'u' }, [['at', -1], ['_id', -1]])).toBeUndefined() // tiebreak missing
  // a field between the bound ones and the order breaks it
  expect(served([ix('a_s_seq', { a: 1, s: 1, seq: 1 })], { a: 1 }, [['seq', 1]])).toBeUndefined()
  // an equality field may be left out of the order, an $in field may lead it
  expect(served([ix('c_n', { c: 1, n: 1 })], { c: { $in: ['x', 'y'] } }, [['c', 1], ['n', 1]])).toBe('c_n')
  expect(served([ix('s_n', { s: 1, n: 1 })], { s: 'x' }, [['s', -1], ['n', 1]])).toBe('s_n')
})

test('an order with nothing bound: served without equality conditions only', () => {
  const created = [ix('created', { createdAt: -1 })]
  expect(served(created, {}, [['createdAt', -1]])).toBe('created')
  expect(served(created, { endAt: { $gt: 1 } }, [['createdAt', -1]])).toBe('created')
  expect(served(created, { c: { $in: ['a'] } }, [['createdAt', -1]])).toBeUndefined()
  expect(served(created, { $or: [{ a: 1 }, { b: 1 }] }, [['createdAt', -1]])).toBeUndefined()
})

test('_id, geo, $or by branches, and a bare page', () => {
  expect(served([], { _id: { $in: ['a'] }, x: 1 })).toBe('_id_')
  expect(served([], { _id: { $gt: 'a' } }, [['_id', 1]])).toBe('_id_')
  expect(served([ix('loc', { location: '2dsphere' })], { location: { $nearSphere: {} }, status: 'x' })).toBe('loc')
  const rep = [ix('r', { reporter: 1, at: -1 }), ix('j', { joiners: 1, at: -1 })]
  expect(served(rep, { $or: [{ reporter: 'u' }, { joiners: 'u' }] }, [['at', -1]])).toBe('OR')
  expect(served(rep.slice(0, 1), { $or: [{ reporter: 'u' }, { joiners: 'u' }] }, [['at', -1]])).toBeUndefined()
  expect(served([], {})).toBe('(natural order)')
  expect(served([], { a: 1 })).toBeUndefined()
})
