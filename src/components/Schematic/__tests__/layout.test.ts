import { dotsAlong, frameOf, offsetAt, place } from '../layout'

const v = {
  outline: [{ x: 0, y: 0 }, { x: 200, y: 0 }, { x: 200, y: 100 }, { x: 0, y: 100 }],
  gates: [],
  buildings: [],
  parking: [],
  lockers: [],
  hazards: [],
}

test('the frame holds the outline with a margin, north up', () => {
  const f = frameOf(v as never)
  expect(f).toEqual({ minX: -14, maxY: 114, w: 228, h: 128 })
  expect(place(f, { x: -14, y: 114 })).toEqual({ left: '0%', top: '0%' })
  expect(place(f, { x: 100, y: 50 })).toEqual({ left: '50%', top: '50%' })
})

test('a compound just created (no outline, gates or buildings) frames its anchor', () => {
  const f = frameOf({ ...v, outline: [] } as never)
  expect(f).toEqual({ minX: -14, maxY: 14, w: 28, h: 28 })
  expect(place(f, { x: 0, y: 0 })).toEqual({ left: '50%', top: '50%' })
})

test('dots along the walk: both ends, every corner, about one per step', () => {
  const dots = dotsAlong([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }], 10)
  expect(dots).toHaveLength(16)
  expect(dots[0]).toEqual({ x: 0, y: 0 })
  expect(dots[10]).toEqual({ x: 100, y: 0 })
  expect(dots[15]).toEqual({ x: 100, y: 50 })
})

test('a tap goes back to metres: the box corners are the frame corners', () => {
  const f = frameOf(v as never)
  const box = { left: 10, top: 100, width: 228 * 2, height: 128 * 2 }
  expect(offsetAt(f, box, 10, 100)).toEqual({ x: -14, y: 114 })
  expect(offsetAt(f, box, 10 + 114 * 2, 100 + 64 * 2)).toEqual({ x: 100, y: 50 })
})
