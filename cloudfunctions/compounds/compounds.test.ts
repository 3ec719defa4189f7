import type { CompoundView, EntryResult, FlagView, ManagedCompound, NearbyCompound, SearchResult } from '../../domain/compounds/model'
import { compoundView, derivedFields, routeTo } from '../../domain/compounds/rules'
import { demoSnapshot } from '../../scripts/demo/data'
import { demoCompounds } from '../../scripts/demo/compounds'
import { toEjson } from '../../scripts/demo/generate-places'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dataOf, type Res } from '../../scripts/testing/points-fixture'

// compounds through the real wx-server-sdk, running in the emulator's function processes.
let cloud: TestCloud
const RIDER = 'demo-rider-zhang'
const RIDER2 = 'demo-rider-wang'
const WORKER = 'demo-worker-chen'
const XIXI_ONLY = 'o-worker-xixi'
const MERCHANT = 'demo-merchant-liu'
const JZ = demoCompounds[0]

const call = <T>(action: string, input: unknown, openid = RIDER) => cloud.call('compounds', { action, input }, openid) as Promise<Res<T>>
const invoke = async <T>(action: string, input: unknown, openid = RIDER) => {
  const { result, invocation } = await cloud.emulator.functions.invoke('compounds', { action, input }, { openid })
  return { r: result as Res<T>, counters: invocation.counters }
}
const errOf = (r: Res<unknown>) => (r.ok ? null : r.error)
const docs = (name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  await cloud.emulator.database.importSnapshot({
    collections: { users: [toEjson({ _id: XIXI_ONLY, nickname: '西溪小吴', roles: ['worker'], workerCommunityIds: ['c-xixi'], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })] },
  })
}, 180_000)
afterAll(() => cloud?.stop())

describe('compounds.search', () => {
  it('「金祝新村 12幢2单元」: the gate to use now, parking and the walk, in 2 reads', async () => {
    const { r, counters } = await invoke<SearchResult>('search', { q: '金祝新村 12幢2单元' })
    const s = dataOf(r)
    expect(counters).toMatchObject({ reads: 2, writes: 0 })
    expect(s.understood).toEqual({ compound: '金祝新村', building: '12', unit: 2 })
    expect(s.compound?.name).toBe('金祝新村')
    expect(s.building?.no).toBe('12')
    // what the same rules say at this instant (the gate closed at night is the demo's point)
    const expected = routeTo(compoundView(JZ, JZ.communityName, new Date()), JZ.buildings.find((b) => b.no === '12')!, 2).route!
    expect(s.route).toMatchObject({ gateId: expected.gateId, parkingId: expected.parkingId, metres: expected.metres })
    const gate = s.compound!.gates.find((g) => g.id === s.route!.gateId)!
    expect(gate.usable).toBe(true)
    expect(s.route!.summary).toContain(gate.entryLabel)
    expect(s.route!.summary).toContain('12 幢 2 单元')
    expect(s.problem).toBeNull()
  })

  it.each([
    ['金祝 12-2', '金祝新村', '12'],
    ['jzxc 12栋', '金祝新村', '12'],
    ['JZ12号楼', '金祝新村', '12'],
    ['新和平 5号', '新和平小区', '5'],
    ['xhp 20', '新和平小区', '20'],
    ['文晖新村十二幢', '文晖新村', '12'],
    ['和平小区 3', '新和平小区', '3'],
  ])('%s → %s %s 幢', async (q, compound, no) => {
    const s = dataOf(await call<SearchResult>('search', { q }, 'o-never-seen'))
    expect(s.compound?.name).toBe(compound)
    expect(s.building?.no).toBe(no)
    expect(s.route ?? s.noGateNow).toBeTruthy()
  })

  it('an unknown building: the schematic, 「没找到 13 幢」 and the nearest numbers', async () => {
    const s = dataOf(await call<SearchResult>('search', { q: '文晖新村 13幢' }))
    expect(s.compound?.name).toBe('文晖新村')
    expect(s.compound?.buildings.length).toBeGreaterThan(20)
    expect(s.problem).toBe('没找到 13 幢')
    expect(s.guesses).toEqual(['12', '14', '11'])
    expect(s.route).toBeNull()
  })

  it('a unit the building does not have, an unknown compound, no compound words', async () => {
    const s = dataOf(await call<SearchResult>('search', { q: '金祝新村 12幢9单元' }))
    expect(s.problem).toMatch(/^12 幢只有 \d 个单元$/)
    expect(s.route).not.toBeNull()
    const none = dataOf(await call<SearchResult>('search', { q: '不存在花园 3幢' }))
    expect(none).toMatchObject({ compound: null, problem: '没找到「不存在花园」这个小区' })
    expect(errOf(await call('search', { q: '12-2' }))).toMatchObject({ code: 'VALIDATION', field: 'q' })
    expect(errOf(await call('search', { q: '' }))).toMatchObject({ code: 'VALIDATION', message: '请输入小区和楼号' })
    expect(errOf(await call('search', { q: '金祝', extra: 1 }))).toMatchObject({ code: 'VALIDATION' })
  })
})

describe('compounds.nearby and detail', () => {
  it('nearby compounds with their 小哥友好 mark, one read', async () => {
    const { r, counters } = await invoke<NearbyCompound[]>('nearby', { longitude: JZ.anchor.longitude, latitude: JZ.anchor.latitude, radius: 1000 })
    expect(counters).toMatchObject({ reads: 1, writes: 0 })
    const list = dataOf(r)
    expect(list[0]).toMatchObject({ id: JZ._id, name: '金祝新村', friendly: true, friendlyLabels: ['专用通道', '专用停车', '专送路线', '专属歇脚点'] })
    expect(list[0].gatesOpenNow).toBeGreaterThanOrEqual(2)
  })
  it('detail answers the schematic; an unknown id is NOT_FOUND', async () => {
    const v = dataOf(await call<CompoundView>('detail', { id: 'cp-xinheping' }))
    expect(v).toMatchObject({ name: '新和平小区', communityName: '新和平社区' })
    expect(v.outline.length).toBeGreaterThanOrEqual(3)
    expect(errOf(await call('detail', { id: 'cp-nope' }))).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('flags, the worker’s queue and edits', () => {
  it('a rider flags the gate in use; riders are steered elsewhere; the worker fixes the gate; the next search reflects it; all audited', async () => {
    const q = { q: '金祝新村 12幢' }
    const before = dataOf(await call<SearchResult>('search', q))
    const gateId = before.route!.gateId
    const flagged = dataOf(await call<CompoundView>('flag', { compoundId: JZ._id, target: 'gate', targetId: gateId, kind: 'gateClosed', note: '铁门锁了' }))
    expect(flagged.gates.find((g) => g.id === gateId)).toMatchObject({ flaggedClosed: true, usable: false })
    expect(errOf(await call('flag', { compoundId: JZ._id, target: 'gate', targetId: gateId, kind: 'gateClosed' }))).toMatchObject({ code: 'RATE_LIMITED' })

    const during = dataOf(await call<SearchResult>('search', q, RIDER2))
    expect(during.route?.gateId).not.toBe(gateId)

    const queue = dataOf(await call<FlagView[]>('flags', { communityId: 'c-jinzhu' }, WORKER))
    const mine = queue.find((f) => f.compoundId === JZ._id && f.targetId === gateId)!
    expect(mine).toMatchObject({ kind: 'gateClosed', label: '这个门关了', status: 'open', note: '铁门锁了' })
    expect(JSON.stringify(queue)).not.toContain(RIDER)
    expect(dataOf(await call<FlagView[]>('flags', {}, XIXI_ONLY))).toEqual([])
    expect(errOf(await call('flags', { communityId: 'c-jinzhu' }, XIXI_ONLY))).toMatchObject({ code: 'FORBIDDEN' })
    expect(dataOf(await call<ManagedCompound[]>('listMine', { communityId: 'c-jinzhu' }, WORKER))[0]).toMatchObject({ id: JZ._id, openFlags: 1 })

    // the worker closes that gate to riders and resolves the flag with the edit
    const gates = JZ.gates.map((g) => (g.id === gateId ? { ...g, riderAllowed: false, entry: 'noEntry' as const, note: '改建中，暂不通行' } : g))
    const edited = dataOf(await call<CompoundView>('update', { id: JZ._id, patch: { gates }, resolve: [mine.id] }, WORKER))
    expect(edited.gates.find((g) => g.id === gateId)).toMatchObject({ riderAllowed: false, flaggedClosed: false, entryLabel: '不可进入' })
    expect(dataOf(await call<FlagView[]>('flags', { communityId: 'c-jinzhu', status: 'fixed' }, WORKER)).map((f) => f.id)).toContain(mine.id)
    const audit = docs('auditLog').filter((a) => a.action === 'compounds.update')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: WORKER, communityId: 'c-jinzhu', fields: ['gates'] })
    expect(String(audit[0].detail)).toContain(`gates: ${gateId} 改`)
    expect(String(audit[0].detail)).toContain('处理反馈 1 条')

    const after = dataOf(await call<SearchResult>('search', q, RIDER2))
    expect(after.route?.gateId).not.toBe(gateId)
    expect(after.compound!.gates.find((g) => g.id === gateId)).toMatchObject({ riderAllowed: false, note: '改建中，暂不通行' })
  })

  it('「楼号不对」 and 「车停不了」; a dismissed flag stops steering', async () => {
    const b = JZ.buildings[0]
    const v = dataOf(await call<CompoundView>('flag', { compoundId: JZ._id, target: 'building', targetId: b.id, kind: 'wrongNumber' }, RIDER2))
    expect(v.buildings[0].flaggedWrong).toBe(true)
    const p = dataOf(await call<CompoundView>('flag', { compoundId: JZ._id, target: 'parking', targetId: 'p1', kind: 'cannotPark' }, RIDER2))
    expect(p.parking.find((x) => x.id === 'p1')?.flaggedFull).toBe(true)
    const f = dataOf(await call<FlagView[]>('flags', { communityId: 'c-jinzhu' }, WORKER)).find((x) => x.target === 'parking')!
    expect(dataOf(await call<FlagView>('dismissFlag', { id: f.id }, WORKER))).toMatchObject({ status: 'dismissed' })
    expect(errOf(await call('dismissFlag', { id: f.id }, WORKER))).toMatchObject({ code: 'CONFLICT' })
    const again = dataOf(await call<CompoundView>('detail', { id: JZ._id }))
    expect(again.parking.find((x) => x.id === 'p1')?.flaggedFull).toBe(false)
    expect(again.buildings[0].flaggedWrong).toBe(true)
  })

  it('「柜子满了/坏了」 and 「坡道积水/施工」 fold into the live status and the queue; the worker handles them like the others', async () => {
    const k = dataOf(await call<CompoundView>('flag', { compoundId: JZ._id, target: 'locker', targetId: 'k1', kind: 'lockerUnusable' }, RIDER2))
    expect(k.lockers.find((x) => x.id === 'k1')).toMatchObject({ name: '丰巢快递柜', flaggedUnusable: true })
    const h = dataOf(await call<CompoundView>('flag', { compoundId: JZ._id, target: 'hazard', targetId: 'h1', kind: 'hazardNow', note: '坡道积水' }, RIDER2))
    expect(h.hazards[0]).toMatchObject({ id: 'h1', flaggedNow: true })
    expect(dataOf(await call<SearchResult>('search', { q: '金祝新村 12幢' })).compound!.hazards[0].flaggedNow).toBe(true)
    const queue = dataOf(await call<FlagView[]>('flags', { communityId: 'c-jinzhu' }, WORKER))
    const lockerFlag = queue.find((f) => f.target === 'locker')!
    const hazardFlag = queue.find((f) => f.target === 'hazard')!
    expect(lockerFlag).toMatchObject({ targetLabel: '丰巢快递柜', label: '柜子满了/坏了' })
    expect(hazardFlag).toMatchObject({ targetLabel: '地库坡道，雨天湿滑', label: '坡道积水/施工', note: '坡道积水' })
    // the worker moves the locker (fixed) and dismisses the hazard: both leave the live status
    const lockers = JZ.lockers.map((x) => (x.id === 'k1' ? { ...x, name: '丰巢快递柜（新）', at: { x: 200, y: 100 } } : x))
    const edited = dataOf(await call<CompoundView>('update', { id: JZ._id, patch: { lockers }, resolve: [lockerFlag.id] }, WORKER))
    expect(edited.lockers.find((x) => x.id === 'k1')).toMatchObject({ name: '丰巢快递柜（新）', flaggedUnusable: false })
    dataOf(await call('dismissFlag', { id: hazardFlag.id }, WORKER))
    expect(dataOf(await call<CompoundView>('detail', { id: JZ._id })).hazards[0].flaggedNow).toBe(false)
    expect(String(docs('auditLog').find((a) => a.action === 'compounds.update' && String(a.detail).includes('lockers'))?.detail)).toContain('lockers: k1 改')
    expect(errOf(await call('flag', { compoundId: JZ._id, target: 'locker', targetId: 'k1', kind: 'hazardNow' }))).toMatchObject({ code: 'VALIDATION', field: 'kind' })
  })

  it('refuses a flag whose kind does not fit its target, or on a target the compound lacks', async () => {
    expect(errOf(await call('flag', { compoundId: JZ._id, target: 'gate', targetId: 'g1', kind: 'cannotPark' }))).toMatchObject({ code: 'VALIDATION', field: 'kind' })
    expect(errOf(await call('flag', { compoundId: JZ._id, target: 'gate', targetId: 'g9', kind: 'gateClosed' }))).toMatchObject({ code: 'NOT_FOUND', field: 'targetId' })
  })

  it('malformed geometry is refused with a message naming the field', async () => {
    const bad = async (patch: unknown) => errOf(await call('update', { id: JZ._id, patch }, WORKER))
    const audited = () => docs('auditLog').filter((a) => a.action === 'compounds.update').length
    const before = audited()
    expect(await bad({ buildings: [{ ...JZ.buildings[0], at: { x: 5000, y: 0 } }] })).toMatchObject({ code: 'VALIDATION', field: 'patch.buildings.0.at.x', message: expect.stringContaining('东西向位置 x超出小区范围') })
    expect(await bad({ buildings: [{ ...JZ.buildings[0], gateId: 'g9' }] })).toMatchObject({ field: 'patch.buildings.0.gateId', message: '1 幢的最近的门「g9」不存在' })
    expect(await bad({ buildings: [JZ.buildings[0], { ...JZ.buildings[1], no: '1' }] })).toMatchObject({ field: 'patch.buildings.1.no', message: '楼号「1」重复' })
    expect(await bad({ outline: [{ x: 0, y: 0 }] })).toMatchObject({ field: 'patch.outline', message: '小区轮廓至少需要 3 个点（不画轮廓可留空）' })
    expect(await bad({ gates: [JZ.gates[0]] })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('不存在') })
    expect(await bad({ gates: [{ ...JZ.gates[0], at: { x: 'east', y: 0 } }] })).toMatchObject({ field: 'patch.gates.0.at.x', message: '东西向位置 x应为数字（米）' })
    expect(audited()).toBe(before)
  })

  it('role checks: riders and other communities’ workers cannot edit; merchants cannot see the queue', async () => {
    expect(errOf(await call('update', { id: JZ._id, patch: { name: '金祝新村' } }, RIDER))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errOf(await call('update', { id: JZ._id, patch: { name: '金祝新村' } }, XIXI_ONLY))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errOf(await call('flags', {}, MERCHANT))).toMatchObject({ code: 'FORBIDDEN' })
    expect(errOf(await call('recordEntry', { compoundId: JZ._id, gateId: 'g1' }, RIDER))).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('a common substring still reaches the closest name: 30 longer names contain 「桂花」, 桂花苑 is found first', async () => {
    const [{ _id, ...base }] = demoCompounds
    // ids that sort before 桂花苑's: read in id order, the first 20 candidates would all be these
    const longer = Array.from({ length: 30 }, (_, i) => ({ ...base, _id: `cp-a-${String(i).padStart(2, '0')}`, name: `东城桂花家园${i + 1}期`, aliases: [], buildings: [] }))
    const target = { ...base, _id: 'cp-z-guihuayuan', name: '桂花苑', aliases: [] }
    const docs = [...longer, target].map((c) => toEjson({ ...c, ...derivedFields(c) }))
    await cloud.emulator.database.importSnapshot({ collections: { compounds: docs } })
    const { r, counters } = await invoke<SearchResult>('search', { q: '桂花 12幢' })
    expect(counters).toMatchObject({ reads: 2 })
    expect(dataOf(r).compound?.name).toBe('桂花苑')
    expect(dataOf(r).others.map((o) => o.name)).toEqual(['东城桂花家园1期', '东城桂花家园2期', '东城桂花家园3期', '东城桂花家园4期', '东城桂花家园5期'])
  })

  it('a worker creates a bare compound (name and place), adds a gate and two buildings; a rider finds the building with that gate', async () => {
    const made = dataOf(await call<CompoundView>('create', { communityId: 'c-jinzhu', name: '金祝花园', address: '金祝北路 8 号', anchor: { longitude: 120.151, latitude: 30.291 } }, WORKER))
    expect(made).toMatchObject({ name: '金祝花园', outline: [], gates: [], buildings: [], lockers: [], hazards: [], friendly: null })
    const bare = dataOf(await call<SearchResult>('search', { q: '金祝花园 1幢' }))
    expect(bare).toMatchObject({ problem: '没找到 1 幢', route: null })
    const gate = { id: 'g1', name: '1 号门（南门）', at: { x: 0, y: -20 }, riderAllowed: true, hours: { always: true }, entry: 'scanPass', note: null }
    const b = (id: string, no: string, x: number) => ({ id, no, units: 2, at: { x, y: 40 }, gateId: 'g1', path: [], lift: true, floors: 11 })
    // one request: the buildings point at the gate sent with them
    const edited = dataOf(await call<CompoundView>('update', { id: made.id, patch: { gates: [gate], buildings: [b('b1', '1', -30), b('b2', '2', 30)] } }, WORKER))
    expect(edited.buildings.map((x) => x.no)).toEqual(['1', '2'])
    const { r, counters } = await invoke<SearchResult>('search', { q: '花园 2-1' })
    expect(counters).toMatchObject({ reads: 2, writes: 0 })
    expect(dataOf(r)).toMatchObject({ compound: { id: made.id }, building: { no: '2' }, route: { gateId: 'g1' } })
    expect(dataOf(r).route!.summary).toContain('从1 号门（南门）进，扫小哥码')
  })

  it('renaming re-keys the search; creating a compound makes it searchable', async () => {
    dataOf(await call('update', { id: 'cp-wenhui-xincun', patch: { aliases: ['文晖', '文晖苑'] } }, WORKER))
    expect(dataOf(await call<SearchResult>('search', { q: '文晖苑 3幢' })).compound?.name).toBe('文晖新村')
    const { _id, searchKeys, nameLength, location, recentFlags, status, createdAt, updatedAt, updatedBy, communityName, ...fields } = demoCompounds[2]
    const made = dataOf(await call<CompoundView>('create', { ...fields, name: '德胜新村', aliases: [] }, WORKER))
    expect(made).toMatchObject({ name: '德胜新村', communityName: '新和平社区' })
    expect(dataOf(await call<SearchResult>('search', { q: 'dsxc 5' })).compound?.id).toBe(made.id)
    expect(docs('auditLog').some((a) => a.action === 'compounds.create')).toBe(true)
  })
})

describe('compounds.recordEntry', () => {
  it('counts entries per gate per day only, atomically under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => call<EntryResult>('recordEntry', { compoundId: 'cp-xinheping', gateId: 'g1' }, WORKER)))
    const counts = results.map((r) => dataOf(r).count).sort((a, b) => a - b)
    expect(counts[counts.length - 1]).toBe(8)
    const rows = docs('gateEntries')
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]).sort()).toEqual(['_id', 'communityId', 'compoundId', 'count', 'day', 'gateId', 'updatedAt'])
    expect(rows[0]).toMatchObject({ count: 8 })
    expect(errOf(await call('recordEntry', { compoundId: 'cp-xinheping', gateId: 'g9' }, WORKER))).toMatchObject({ code: 'NOT_FOUND', field: 'gateId' })
    expect(errOf(await call('recordEntry', { compoundId: 'cp-xinheping', gateId: 'g1' }, XIXI_ONLY))).toMatchObject({ code: 'FORBIDDEN' })
  })
  it('listMine gives the guard each gate’s rule', async () => {
    const list = dataOf(await call<ManagedCompound[]>('listMine', { communityId: 'c-xinheping' }, WORKER))
    expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(['新和平小区', '文晖新村']))
    expect(list.find((c) => c.id === 'cp-xinheping')!.gates[1]).toMatchObject({ entry: 'register', entryLabel: '登记', guide: '核验小哥码后请骑手登记平台与楼号' })
  })
})
