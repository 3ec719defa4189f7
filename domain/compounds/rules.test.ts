import { daily } from '../places/opening-hours'
import type { Building, CompoundDoc, Gate } from './model'
import { compoundView, derivedFields, gateFor, matchScore, nearestNumbers, parseAddress, routeTo, searchKeysOf, lookupKey, targetLabel, withoutFlagsOn, isFlagged } from './rules'

describe('parseAddress reads addresses as riders type them', () => {
  test.each([
    ['金祝新村 12幢2单元', '金祝新村', '12', 2],
    ['金祝新村12幢2单元', '金祝新村', '12', 2],
    ['金祝 12-2', '金祝', '12', 2],
    ['金祝新村 12栋', '金祝新村', '12', null],
    ['金祝新村12号楼2单元', '金祝新村', '12', 2],
    ['金祝新村12号', '金祝新村', '12', null],
    ['金祝新村 12', '金祝新村', '12', null],
    ['金祝新村', '金祝新村', null, null],
    ['金祝新村 12幢2单元301', '金祝新村', '12', 2],
    ['金祝新村12-2-301', '金祝新村', '12', 2],
    ['金祝新村 12幢 301室', '金祝新村', '12', null],
    ['jzxc 12-2', 'jzxc', '12', 2],
    ['JZXC12栋', 'jzxc', '12', null],
    ['jz12#2', 'jz', '12', 2],
    ['金祝新村十二幢二单元', '金祝新村', '12', 2],
    ['新和平小区 二十幢', '新和平小区', '20', null],
    ['朝晖九区 3幢', '朝晖九区', '3', null],
    ['朝晖九区', '朝晖九区', null, null],
    ['金祝新村３Ａ幢', '金祝新村', '3A', null],
    ['金祝新村 3a-1', '金祝新村', '3A', 1],
    ['  新和平  5 号楼  1 单元 ', '新和平', '5', 1],
    ['新和平 5 1', '新和平', '5', 1],
    ['新和平5座', '新和平', '5', null],
    ['新和平小区5#', '新和平小区', '5', null],
    ['德胜新村 7幢', '德胜新村', '7', null],
    ['金祝新村12幢0单元', '金祝新村', '12', null],
  ])('%s', (text, compound, building, unit) => {
    expect(parseAddress(text)).toEqual({ compound, building, unit })
  })
})

describe('search keys', () => {
  const keys = searchKeysOf('金祝新村', ['金祝北苑'])
  test.each(['金', '金祝', '金祝新村', '金祝北苑', 'jz', 'jzxc', 'jzby', '新村', '祝新', '祝北苑'])('%s finds 金祝新村', (words) => {
    expect(keys).toContain(lookupKey(words))
  })
  // one character only as the first (「村」 would answer half the district); initials only as prefixes
  test.each(['j', '村', '新', 'xc', '金祝新村东', '新金祝'])('%s does not', (words) => {
    expect(keys).not.toContain(lookupKey(words))
  })
  it('the shortest name (normalised) is what search reads candidates by; the anchor is the geo point', () => {
    const d = derivedFields({ name: '金祝新村（东区）', aliases: ['金 祝', '金祝北苑'], anchor: { longitude: 120.15, latitude: 30.29 } })
    expect(d.nameLength).toBe(2)
    expect(d.searchKeys).toEqual(searchKeysOf('金祝新村（东区）', ['金 祝', '金祝北苑']))
    expect(d.location).toEqual({ type: 'Point', coordinates: [120.15, 30.29] })
    expect(derivedFields({ name: '𠀀花园', aliases: [], anchor: { longitude: 0, latitude: 0 } }).nameLength).toBe(3)
  })
  it('「和平小区」 finds 新和平小区 without an alias, ranked below a compound it begins', () => {
    expect(searchKeysOf('新和平小区', [])).toContain(lookupKey('和平小区'))
    const inside = matchScore({ name: '新和平小区', aliases: [] }, '和平小区')
    expect(inside).toBeGreaterThan(0.5)
    expect(inside).toBeLessThan(1)
    expect(matchScore({ name: '和平新苑', aliases: [] }, '和平')).toBeGreaterThan(matchScore({ name: '新和平小区', aliases: [] }, '和平'))
  })
  it('a 12-character name and 8 such aliases stay small: 67 keys each, under 10 KB', () => {
    const name = '杭州市西湖区某某街道金祝新村'
    const many = searchKeysOf(name, Array.from({ length: 8 }, (_, i) => `${i}号${name}`))
    expect(searchKeysOf(name, []).filter((k) => !/^[a-z]/.test(k))).toHaveLength(67)
    expect(Buffer.byteLength(JSON.stringify(many), 'utf8')).toBeLessThan(10 * 1024)
  })
  it('ranks the exact name above an alias above a prefix', () => {
    const a = { name: '金祝新村', aliases: ['金祝'] }
    const b = { name: '金祝北苑', aliases: [] }
    expect(matchScore(a, '金祝新村')).toBe(3)
    expect(matchScore(a, '金祝')).toBe(2)
    expect(matchScore(b, '金祝')).toBeGreaterThan(1)
    expect(matchScore(b, '金祝')).toBeLessThan(2)
    expect(matchScore(b, 'jzb')).toBeGreaterThan(matchScore(b, 'jz'))
    expect(matchScore(b, '新和平')).toBe(0)
  })
})

describe('nearest building numbers', () => {
  const bs = ['1', '2', '3', '10', '11', '13', '14', '3A'].map((no) => ({ no }))
  it('guesses the neighbours of an unknown number', () => {
    expect(nearestNumbers(bs, '12')).toEqual(['11', '13', '10'])
    expect(nearestNumbers(bs, '3')).toEqual(['3', '3A', '2'])
  })
})

const ALWAYS = { always: true } as const
const gate = (id: string, x: number, y: number, patch: Partial<Gate> = {}): Gate => ({ id, name: `${id} 号门`, at: { x, y }, riderAllowed: true, hours: ALWAYS, entry: 'scanPass', note: null, ...patch })
const building = (id: string, no: string, x: number, y: number, gateId: string): Building => ({ id, no, units: 3, at: { x, y }, gateId, path: [{ x, y: 0 }], lift: false, floors: 6 })
const doc = (gates: Gate[], flags: CompoundDoc['recentFlags'] = []): CompoundDoc => ({
  _id: 'cp-1',
  name: '金祝新村',
  aliases: [],
  searchKeys: [],
  nameLength: 4,
  communityId: 'c-jinzhu',
  communityName: '金祝社区',
  address: '',
  anchor: { longitude: 120.14, latitude: 30.27 },
  location: { type: 'Point', coordinates: [120.14, 30.27] },
  outline: [],
  gates,
  buildings: [building('b12', '12', 100, 50, 'g1')],
  parking: [
    { id: 'p1', name: '东门外泊位', at: { x: 10, y: 0 }, capacity: 20, note: null },
    { id: 'p2', name: '北门内泊位', at: { x: 100, y: 190 }, capacity: 10, note: null },
  ],
  lockers: [],
  hazards: [],
  friendly: null,
  recentFlags: flags,
  status: 'active',
  createdAt: new Date(),
  updatedAt: new Date(),
  updatedBy: 'x',
})
const NOON = new Date('2026-12-03T12:00:00+08:00')
const NIGHT = new Date('2026-12-03T23:30:00+08:00')

describe('the way in', () => {
  const gates = [gate('g1', 0, 0, { hours: daily('06:00', '22:00') }), gate('g2', 100, 200)]
  it('uses the building’s own gate while it is open, with its waypoints and the nearest parking', () => {
    const v = compoundView(doc(gates), '金祝社区', NOON)
    const { route } = routeTo(v, v.buildings[0], 2)
    expect(route).toMatchObject({ gateId: 'g1', parkingId: 'p1', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }], metres: 150 })
    expect(route!.summary).toBe('从g1 号门进，扫小哥码；车停东门外泊位；步行约 150 米到 12 幢 2 单元')
  })
  it('at night takes the other gate, straight, and parks near it', () => {
    const v = compoundView(doc(gates), '金祝社区', NIGHT)
    expect(v.gates[0]).toMatchObject({ openNow: false, usable: false, hoursLabel: '明天 06:00 开门' })
    const { route } = routeTo(v, v.buildings[0], null)
    expect(route).toMatchObject({ gateId: 'g2', parkingId: 'p2', metres: 150 })
  })
  it('a gate riders may not use, or marked 不可进入, is never chosen', () => {
    const v = compoundView(doc([gate('g1', 0, 0, { riderAllowed: false }), gate('g2', 100, 200, { entry: 'noEntry' }), gate('g3', 300, 0)]), '金祝社区', NOON)
    expect(gateFor(v, v.buildings[0])?.id).toBe('g3')
  })
  it('no usable gate: no route, and when one opens', () => {
    const v = compoundView(doc([gate('g1', 0, 0, { hours: daily('06:00', '22:00') })]), '金祝社区', NIGHT)
    expect(routeTo(v, v.buildings[0], null)).toEqual({ route: null, noGateNow: '现在没有可进的门：g1 号门 明天 06:00 开门' })
  })
  it('a rider’s 「这个门关了」 steers riders to another gate for six hours, until a worker handles it', () => {
    const flags = [{ target: 'gate' as const, targetId: 'g1', kind: 'gateClosed' as const, at: new Date(NOON.getTime() - 60_000) }]
    const v = compoundView(doc(gates, flags), '金祝社区', NOON)
    expect(v.gates[0]).toMatchObject({ flaggedClosed: true, usable: false })
    expect(routeTo(v, v.buildings[0], null).route?.gateId).toBe('g2')
    const later = new Date(NOON.getTime() + 7 * 3600_000)
    expect(isFlagged(flags, 'gate', 'g1', 'gateClosed', later)).toBe(false)
    expect(withoutFlagsOn(flags, [{ target: 'gate', targetId: 'g1' }])).toEqual([])
  })
  it('「柜子满了/坏了」 and 「坡道积水/施工」 mark the locker and the hazard for six hours', () => {
    const d = { ...doc(gates, [
      { target: 'locker' as const, targetId: 'k1', kind: 'lockerUnusable' as const, at: NOON },
      { target: 'hazard' as const, targetId: 'h1', kind: 'hazardNow' as const, at: NOON },
    ]), lockers: [{ id: 'k1', name: '丰巢快递柜', at: { x: 5, y: 5 } }, { id: 'k2', name: '外卖柜', at: { x: 9, y: 9 } }], hazards: [{ id: 'h1', text: '地库坡道', at: { x: 1, y: 1 } }] }
    const v = compoundView(d, '金祝社区', NOON)
    expect(v.lockers.map((k) => k.flaggedUnusable)).toEqual([true, false])
    expect(v.hazards[0].flaggedNow).toBe(true)
    expect(compoundView(d, '金祝社区', new Date(NOON.getTime() + 7 * 3600_000)).hazards[0].flaggedNow).toBe(false)
    expect(targetLabel(d, 'locker', 'k2')).toBe('外卖柜')
    expect(targetLabel(d, 'hazard', 'h1')).toBe('地库坡道')
    expect(targetLabel(d, 'building', 'b12')).toBe('12 幢')
    expect(targetLabel(d, 'locker', 'k9')).toBeUndefined()
  })
  it('a spot flagged 车停不了 yields to the next nearest', () => {
    const flags = [{ target: 'parking' as const, targetId: 'p1', kind: 'cannotPark' as const, at: NOON }]
    const v = compoundView(doc(gates, flags), '金祝社区', NOON)
    expect(routeTo(v, v.buildings[0], null).route?.parkingId).toBe('p2')
  })
})

test('a building without compound words leaves the compound empty', () => {
  expect(parseAddress('12-2')).toEqual({ compound: '', building: '12', unit: 2 })
  expect(parseAddress('12幢')).toEqual({ compound: '', building: '12', unit: null })
})
