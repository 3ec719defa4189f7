import type { ManagedItemView, MallItemView, RedeemResult, VerifyResult } from '../../domain/mall/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { toEjson } from '../../scripts/demo/generate-places'
import { sdkDatabase, startTestCloud, untilWrites, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dataOf, docsOf, reconcileOk, seedItem, seedRiders, type Res } from '../../scripts/testing/points-fixture'

// District items (community staff), their vouchers verified at the station, and workers'
// supervision of merchants' items — through the real wx-server-sdk in the emulator.
let cloud: TestCloud
const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>
const code = (r: Res<unknown>) => (r.ok ? 'OK' : r.error.code)
const WORKER = 'demo-worker-chen' // c-xinheping
const OTHER_WORKER = 'o-worker-xixi' // c-xixi
const ADMIN = 'demo-admin-sun'
const MERCHANT = 'demo-merchant-liu' // c-xinheping
const UNSTAFFED = (demoSnapshot().collections.places as { _id: string; kind: string; communityId: string }[]).find((p) => p.kind === 'water' && p.communityId === 'c-xinheping')!._id

const staffUser = (id: string, roles: string[], communities: string[]) =>
  toEjson({ _id: id, nickname: id, roles, workerCommunityIds: communities, verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  await cloud.emulator.database.importSnapshot({ collections: { users: [staffUser(OTHER_WORKER, ['worker'], ['c-xixi'])] } })
  await seedRiders(cloud, ['o-r-d1', 'o-r-d2'], 500)
}, 120_000)
afterAll(() => cloud?.stop())

const districtItem = (over: Record<string, unknown> = {}) => ({
  title: '电动车免费检修一次',
  description: '到骑士加油站找陈主任，检查刹车、轮胎和线路。',
  photos: [],
  price: 40,
  stock: 3,
  limit: { period: 'month', count: 1 },
  validDays: 14,
  communityId: 'c-xinheping',
  placeId: 'p-wl-003',
  ...over,
})

describe('district items', () => {
  let item: ManagedItemView

  it('a worker lists one at a station of their community; riders see it as the community’s', async () => {
    item = dataOf(await call<ManagedItemView>('mall', 'createItem', districtItem(), WORKER))
    expect(item).toMatchObject({ merchantId: null, communityId: 'c-xinheping', placeId: 'p-wl-003', placeName: '新和平社区骑士加油站', stock: 3, stockTotal: 3, redeemed: 0, contentFlagged: false })
    expect(item.location).toEqual([120.17256, 30.29312])
    const doc = docsOf(cloud, 'mallItems').find((d) => d._id === item.id)!
    expect(doc).toMatchObject({ createdBy: WORKER, status: 'on' })
    const onOffer = dataOf(await call<MallItemView[]>('mall', 'items', {}, 'anyone'))
    expect(onOffer.find((i) => i.id === item.id)).toMatchObject({ merchantId: null, placeName: '新和平社区骑士加油站' })
  })

  it('refuses other communities, unknown places, merchants’ shops and risky text — and writes nothing', async () => {
    const before = docsOf(cloud, 'mallItems').length
    expect(code(await call('mall', 'createItem', districtItem(), OTHER_WORKER))).toBe('FORBIDDEN')
    expect(await call('mall', 'createItem', districtItem({ placeId: 'p-nowhere' }), WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'placeId' } })
    expect(await call('mall', 'createItem', districtItem({ placeId: 'p-wl-021' }), WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'placeId' } })
    expect(await call('mall', 'createItem', districtItem({ placeId: UNSTAFFED }), WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'placeId', message: expect.stringContaining('有人值守') } })
    expect(await call('mall', 'createItem', districtItem({ communityId: 'c-nowhere', placeId: null }), ADMIN)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'communityId' } })
    expect(code(await call('mall', 'createItem', districtItem({ description: '专业代开发票，到站领取' }), WORKER))).toBe('CONTENT_REJECTED')
    expect(code(await call('mall', 'createItem', districtItem({ photos: ['cloud://local-dev.x/mall-items/someone-else/a.jpg'] }), WORKER))).toBe('VALIDATION')
    expect(docsOf(cloud, 'mallItems').length).toBe(before)
  })

  it('an admin may list one anywhere, with no place (the description says where)', async () => {
    const made = dataOf(await call<ManagedItemView>('mall', 'createItem', districtItem({ communityId: 'c-xixi', placeId: null, title: '骑手体检券' }), ADMIN))
    expect(made).toMatchObject({ communityId: 'c-xixi', placeId: null, placeName: null, location: null })
  })

  it('staff edit, restock and move it; a merchant item is not theirs to edit', async () => {
    const moved = dataOf(await call<ManagedItemView>('mall', 'updateItem', { id: item.id, patch: { placeId: 'p-wl-001', price: 35 } }, WORKER))
    expect(moved).toMatchObject({ placeId: 'p-wl-001', placeName: '武林广场暖新驿站', price: 35 })
    expect(dataOf(await call<ManagedItemView>('mall', 'setStock', { id: item.id, stock: 5 }, WORKER))).toMatchObject({ stock: 5, stockTotal: 5 })
    expect(code(await call('mall', 'setStock', { id: item.id, stock: 1 }, OTHER_WORKER))).toBe('NOT_FOUND')
    expect(code(await call('mall', 'updateItem', { id: 'i-demo-noodles', patch: { price: 1 } }, WORKER))).toBe('FORBIDDEN')
    expect(code(await call('merchant', 'updateItem', { id: item.id, patch: { price: 1 } }, MERCHANT))).toBe('NOT_FOUND')
  })

  it('manageItems: the community’s district and merchant items, nothing of other communities', async () => {
    const mine = dataOf(await call<ManagedItemView[]>('mall', 'manageItems', {}, WORKER))
    expect(mine.map((i) => i.id)).toEqual(expect.arrayContaining([item.id, 'i-demo-noodles', 'i-demo-raincoat']))
    expect(mine.every((i) => i.communityId === 'c-xinheping')).toBe(true)
    const theirs = dataOf(await call<ManagedItemView[]>('mall', 'manageItems', {}, OTHER_WORKER))
    expect(theirs.map((i) => i.communityId)).toEqual(['c-xixi'])
    expect(code(await call('mall', 'manageItems', { communityId: 'c-xinheping' }, OTHER_WORKER))).toBe('FORBIDDEN')
    expect(dataOf(await call<ManagedItemView[]>('mall', 'manageItems', {}, ADMIN)).length).toBeGreaterThan(mine.length)
  })

  it('a rider redeems it; staff of the community verify it once; merchants and other communities cannot', async () => {
    const r = dataOf(await call<RedeemResult>('mall', 'redeem', { itemId: item.id, key: 'k-district-1' }, 'o-r-d1'))
    const entry = docsOf(cloud, 'ledger').find((e) => e._id === `v${r.voucher.code}`)!
    expect(entry.voucher).toMatchObject({ merchantId: null, communityId: 'c-xinheping', placeName: '武林广场暖新驿站' })
    expect(code(await call('merchant', 'verify', { code: r.voucher.code }, MERCHANT))).toBe('NOT_FOUND')
    expect(code(await call('mall', 'verify', { code: r.voucher.code }, OTHER_WORKER))).toBe('NOT_FOUND')
    const both = await Promise.all([call<VerifyResult>('mall', 'verify', { code: r.voucher.code }, WORKER), call<VerifyResult>('mall', 'verify', { code: r.voucher.code }, ADMIN)])
    expect(both.map(code).sort()).toEqual(['CONFLICT', 'OK'])
    expect(dataOf(both.find((b) => b.ok)!)).toMatchObject({ code: r.voucher.code, itemTitle: '电动车免费检修一次', price: 35 })
    expect(docsOf(cloud, 'vouchers').find((v) => v._id === r.voucher.code)).toMatchObject({ status: 'used', merchantId: null })
    const again = await call('mall', 'verify', { code: r.voucher.code }, WORKER)
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('使用过') } })
    expect(dataOf(await call<ManagedItemView[]>('mall', 'manageItems', {}, WORKER)).find((i) => i.id === item.id)).toMatchObject({ stock: 4, redeemed: 1 })
    await reconcileOk(cloud)
  })

  it('staff cannot verify a merchant’s voucher (only the merchant does)', async () => {
    const r = dataOf(await call<RedeemResult>('mall', 'redeem', { itemId: 'i-demo-ginger-tea', key: 'k-district-2' }, 'o-r-d2'))
    expect(code(await call('mall', 'verify', { code: r.voucher.code }, WORKER))).toBe('NOT_FOUND')
    expect(code(await call('merchant', 'verify', { code: r.voucher.code }, MERCHANT))).toBe('OK')
  })
})

describe('workers supervise merchants’ items', () => {
  it('text the content check holds stays hidden until a worker of the community releases it', async () => {
    const held = dataOf(
      await call<ManagedItemView>('merchant', 'createItem', { title: '豆浆一杯', description: '到店出示券码，有事加微信问', photos: [], price: 5, stock: 10, limit: { period: 'day', count: 1 }, validDays: 3 }, MERCHANT),
    )
    expect(held).toMatchObject({ contentFlagged: true, communityId: 'c-xinheping' })
    expect(dataOf(await call<MallItemView[]>('mall', 'items', {}, 'anyone')).some((i) => i.id === held.id)).toBe(false)
    expect(code(await call('mall', 'detail', { id: held.id }, 'anyone'))).toBe('NOT_FOUND')
    expect(code(await call('mall', 'redeem', { itemId: held.id, key: 'k-held-001' }, 'o-r-d1'))).toBe('NOT_FOUND')
    expect(code(await call('mall', 'reviewItem', { id: held.id, approve: true }, OTHER_WORKER))).toBe('NOT_FOUND')
    expect(dataOf(await call<ManagedItemView>('mall', 'reviewItem', { id: held.id, approve: true }, WORKER))).toMatchObject({ contentFlagged: false })
    expect(dataOf(await call<MallItemView[]>('mall', 'items', {}, 'anyone')).some((i) => i.id === held.id)).toBe(true)
  })

  it('a take-down has a reason the merchant sees; re-listing needs new text', async () => {
    await seedItem(cloud, 'i-takedown', { title: '过期面包', description: '到店领取' })
    expect(await call('mall', 'reviewItem', { id: 'i-takedown', approve: false }, WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    const down = dataOf(await call<ManagedItemView>('mall', 'reviewItem', { id: 'i-takedown', approve: false, reason: '食品已过保质期' }, WORKER))
    expect(down).toMatchObject({ status: 'off', takenDownReason: '食品已过保质期' })
    const mine = dataOf(await call<ManagedItemView[]>('merchant', 'myItems', {}, MERCHANT)).find((i) => i.id === 'i-takedown')
    expect(mine).toMatchObject({ status: 'off', takenDownReason: '食品已过保质期' })
    expect(await call('merchant', 'updateItem', { id: 'i-takedown', patch: { status: 'on' } }, MERCHANT)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('食品已过保质期') } })
    const fixed = dataOf(await call<ManagedItemView>('merchant', 'updateItem', { id: 'i-takedown', patch: { title: '当日新鲜面包', status: 'on' } }, MERCHANT))
    expect(fixed).toMatchObject({ status: 'on', takenDownReason: null, contentFlagged: false })
    expect(code(await call('mall', 'reviewItem', { id: (await seedItem(cloud, 'i-district-x', { merchantId: null }))._id, approve: true }, WORKER))).toBe('VALIDATION')
  })

  it('a release racing the merchant’s edit of the text does not release text the worker never saw', async () => {
    await seedItem(cloud, 'i-race-review', { title: '豆浆', description: '有事加微信', contentFlagged: true })
    // the merchant's edit, in progress: its transaction holds the item
    const edit = await sdkDatabase(cloud.emulator).startTransaction()
    await edit.collection('mallItems').doc('i-race-review').update({ data: { description: '有事加微信 abc123', contentFlagged: true } })
    const release = call('mall', 'reviewItem', { id: 'i-race-review', approve: true }, WORKER)
    await untilWrites(cloud.emulator, 'mall', 1) // the release has read the item and tried to write it
    await edit.commit()
    expect(await release).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(docsOf(cloud, 'mallItems').find((d) => d._id === 'i-race-review')).toMatchObject({ description: '有事加微信 abc123', contentFlagged: true })
  })
})

describe('role matrix of the staff actions', () => {
  type Who = 'rider' | 'worker' | 'merchant' | 'admin'
  const who: Record<Who, string> = { rider: 'demo-rider-zhang', worker: WORKER, merchant: MERCHANT, admin: ADMIN }
  const cells: [string, unknown, Who[]][] = [
    ['photoDir', {}, ['worker', 'merchant', 'admin']],
    ['manageItems', {}, ['worker', 'admin']],
    ['createItem', districtItem({ title: '矩阵测试' }), ['worker', 'admin']],
    ['updateItem', { id: 'i-demo-raincoat', patch: { validDays: 30 } }, ['worker', 'admin']],
    ['setStock', { id: 'i-demo-raincoat', stock: 30 }, ['worker', 'admin']],
    ['reviewItem', { id: 'i-demo-noodles', approve: true }, ['worker', 'admin']],
    ['verify', { code: '00000000' }, ['worker', 'admin']],
  ]
  it.each(cells)('mall.%s', async (action, input, allowed) => {
    for (const w of Object.keys(who) as Who[]) {
      const c = code(await call('mall', action, input, who[w]))
      if (allowed.includes(w)) expect({ w, c }).not.toEqual({ w, c: 'FORBIDDEN' })
      else expect({ w, c }).toEqual({ w, c: 'FORBIDDEN' })
    }
  })
  it('photoDir names the caller’s own folder', async () => {
    // named by an opaque id: item photo URLs are public (issue 14)
    expect(dataOf(await call<{ dir: string }>('mall', 'photoDir', {}, WORKER)).dir).toMatch(/^mall-items\/u[A-Za-z0-9_-]{22}$/)
  })
})

describe('input validation of the staff actions (fuzz): never a crash, never a write', () => {
  it('answers VALIDATION', async () => {
    const before = docsOf(cloud, 'mallItems').length
    const bad: [string, unknown][] = [
      ['createItem', districtItem({ communityId: { $ne: '' } })],
      ['createItem', districtItem({ stock: -1 })],
      ['createItem', districtItem({ price: 1.5 })],
      ['createItem', districtItem({ photos: Array.from({ length: 7 }, (_, i) => `cloud://x/mall-items/${WORKER}/${i}.jpg`) })],
      ['createItem', districtItem({ photos: ['cloud://x/a.jpg', 'cloud://x/a.jpg'] })],
      ['createItem', districtItem({ merchantId: 'demo-merchant-liu' })],
      ['createItem', districtItem({ title: '330106199001011234' })],
      ['updateItem', { id: 'i-demo-raincoat', patch: {} }],
      ['updateItem', { id: 'i-demo-raincoat', patch: { communityId: 'c-xixi' } }],
      ['setStock', { id: 'i-demo-raincoat', stock: Number.NaN }],
      ['reviewItem', { id: 'i-demo-noodles', approve: 'yes' }],
      ['verify', { code: '1234' }],
      ['manageItems', { communityId: ['c-xinheping'] }],
    ]
    for (const [action, input] of bad) expect({ action, c: code(await call('mall', action, input, ADMIN)) }).toEqual({ action, c: 'VALIDATION' })
    expect(docsOf(cloud, 'mallItems').length).toBe(before)
  })
})
