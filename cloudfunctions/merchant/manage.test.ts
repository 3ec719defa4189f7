import type { CancelResult, MallItemView, RedeemResult, VerifyResult, VoucherView } from '../../domain/mall/model'
import type { ManagedMerchantView, MerchantView } from '../../domain/merchant/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { toEjson } from '../../scripts/demo/generate-places'
import { sdkDatabase, startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { HOLD_TTL_MS, settleItemHolds } from '../../server/mall/stock-hold'
import { dataOf, docsOf, reconcileOk, seedItem, seedRiders, type Res } from '../../scripts/testing/points-fixture'

// 商家管理 (issue 17): suspend / reinstate through the real wx-server-sdk in the emulator's function processes.
let cloud: TestCloud
const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>
const errOf = (r: Res<unknown>) => (r.ok ? 'OK' : r.error.code)
const WORKER = 'demo-worker-chen'
const key = (s: string) => `k-${s}`.padEnd(8, '0')

function merchantDoc(id: string, shopName: string) {
  const m = JSON.parse(JSON.stringify((demoSnapshot().collections.merchants as Record<string, unknown>[])[0])) as Record<string, unknown>
  return { ...m, _id: id, shopName, placeId: null, status: 'approved', communityId: 'c-xinheping' }
}
const user = (id: string, roles: string[], workerCommunityIds: string[] = []) =>
  toEjson({ _id: id, nickname: id, roles, workerCommunityIds, verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })

async function seedMerchant(id: string, shopName: string) {
  await cloud.emulator.database.importSnapshot({ collections: { users: [user(id, ['rider', 'merchant'])], merchants: [toEjson(merchantDoc(id, shopName))] } })
}

const listAs = async (openid: string) => dataOf(await call<ManagedMerchantView[]>('merchant', 'merchants', {}, openid))
const rowOf = async (shopName: string, openid = WORKER) => (await listAs(openid)).find((m) => m.shopName === shopName)!
const itemDoc = (id: string) => docsOf(cloud, 'mallItems').find((d) => d._id === id)!

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  await cloud.emulator.database.importSnapshot({ collections: { users: [user('o-worker-xixi', ['worker'], ['c-xixi']), user('o-admin-m', ['admin'])] } })
}, 120_000)
afterAll(() => cloud?.stop())

describe('merchant.merchants', () => {
  it('lists the merchants of my communities by public id, with items on sale and vouchers verified in 30 days', async () => {
    await seedMerchant('o-shop-list', '列表测试店')
    await seedItem(cloud, 'i-list-on', { merchantId: 'o-shop-list' })
    await seedItem(cloud, 'i-list-off', { merchantId: 'o-shop-list', status: 'off' })
    await seedItem(cloud, 'i-list-held', { merchantId: 'o-shop-list', contentFlagged: true })
    await seedRiders(cloud, ['o-r-list'], 100)
    const v = dataOf(await call<RedeemResult>('mall', 'redeem', { itemId: 'i-list-on', key: key('list') }, 'o-r-list')).voucher
    dataOf(await call<VerifyResult>('merchant', 'verify', { code: v.code }, 'o-shop-list'))
    const { result, invocation } = await cloud.emulator.functions.invoke('merchant', { action: 'merchants', input: {} }, { openid: WORKER })
    const rows = dataOf(result as Res<ManagedMerchantView[]>)
    expect(rows.find((m) => m.shopName === '列表测试店')).toMatchObject({ status: 'approved', itemsOn: 1, itemsSuspended: 0, vouchersVerified30d: 1, suspendedReason: null })
    expect(rows.every((m) => /^u[A-Za-z0-9_-]{22}$/.test(m.id))).toBe(true)
    expect(JSON.stringify(rows)).not.toMatch(/o-shop-list|demo-merchant/)
    // the caller, the merchants, their items and one aggregate of the vouchers: never one read per merchant
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(invocation.counters).toMatchObject({ reads: 4, aggregates: 1 })
    // another community's worker sees none of them; an admin sees all; a rider nothing
    expect((await listAs('o-worker-xixi')).some((m) => m.shopName === '列表测试店')).toBe(false)
    expect((await listAs('o-admin-m')).some((m) => m.shopName === '列表测试店')).toBe(true)
    expect(errOf(await call('merchant', 'merchants', {}, 'demo-rider-zhang'))).toBe('FORBIDDEN')
    expect(errOf(await call('merchant', 'merchants', { communityId: 'c-xixi' }, WORKER))).toBe('FORBIDDEN')
  })
})

describe('merchant.setSuspended', () => {
  const shop = 'o-shop-s'
  let id: string
  let code: string
  beforeAll(async () => {
    await seedMerchant(shop, '暂停测试店')
    await seedItem(cloud, 'i-s-a', { merchantId: shop, price: 20 })
    await seedItem(cloud, 'i-s-b', { merchantId: shop, price: 20 })
    // taken off by the merchant before: suspension must not bring it back later
    await seedItem(cloud, 'i-s-own-off', { merchantId: shop, status: 'off' })
    await seedRiders(cloud, ['o-r-s'], 200)
    code = dataOf(await call<RedeemResult>('mall', 'redeem', { itemId: 'i-s-a', key: key('s-before') }, 'o-r-s')).voucher.code
    id = (await rowOf('暂停测试店')).id
  })

  it('needs a reason, staff of the merchant’s community, and a public id', async () => {
    expect(await call('merchant', 'setSuspended', { id, suspend: true }, WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    expect(await call('merchant', 'setSuspended', { id, suspend: true, reason: ' ' }, WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    expect(errOf(await call('merchant', 'setSuspended', { id: shop, suspend: true, reason: '投诉较多' }, WORKER))).toBe('VALIDATION')
    expect(errOf(await call('merchant', 'setSuspended', { id, suspend: true, reason: '投诉较多' }, 'o-worker-xixi'))).toBe('NOT_FOUND')
    expect(errOf(await call('merchant', 'setSuspended', { id, suspend: true, reason: '投诉较多' }, 'demo-rider-zhang'))).toBe('FORBIDDEN')
    // reinstating a merchant that is not suspended changes nothing
    expect(dataOf(await call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: false, reason: '整改完成' }, WORKER))).toMatchObject({ status: 'approved', itemsOn: 2 })
    expect(itemDoc('i-s-a')).toMatchObject({ status: 'on' })
    expect(docsOf(cloud, 'auditLog').filter((a) => a.subject === shop)).toEqual([])
  })

  it('suspends: items leave the mall, the counter refuses with the reason, the merchant sees why, audited; the rider can take the points back', async () => {
    const row = dataOf(await call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: true, reason: '多次被骑手投诉拒绝兑换' }, WORKER))
    expect(row).toMatchObject({ status: 'suspended', itemsOn: 0, itemsSuspended: 2, suspendedReason: '多次被骑手投诉拒绝兑换' })
    expect(itemDoc('i-s-a')).toMatchObject({ status: 'off', offBySuspension: true })
    expect(itemDoc('i-s-own-off')).toMatchObject({ status: 'off' })
    expect(itemDoc('i-s-own-off').offBySuspension).toBeFalsy()
    const items = dataOf(await call<MallItemView[]>('mall', 'items', {}, 'o-r-s'))
    expect(items.map((i) => i.id)).not.toContain('i-s-b')
    expect(errOf(await call('mall', 'redeem', { itemId: 'i-s-b', key: key('s-during') }, 'o-r-s'))).toBe('NOT_FOUND')
    // twice (a double tap, a retry) keeps the first reason and writes no second audit entry
    expect(dataOf(await call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: true, reason: '再次暂停' }, WORKER))).toMatchObject({ status: 'suspended', suspendedReason: '多次被骑手投诉拒绝兑换' })
    const audit = docsOf(cloud, 'auditLog').filter((a) => a.subject === shop)
    expect(audit).toEqual([expect.objectContaining({ action: 'merchant.suspend', actor: WORKER, communityId: 'c-xinheping', detail: expect.stringContaining('多次被骑手投诉拒绝兑换') })])
    // the merchant: their page says why; their console is closed with the reason
    expect(dataOf(await call<MerchantView>('merchant', 'mine', {}, shop))).toMatchObject({ status: 'suspended', suspendedReason: '多次被骑手投诉拒绝兑换' })
    expect(await call('merchant', 'myItems', {}, shop)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('多次被骑手投诉拒绝兑换') } })
    expect(await call('merchant', 'updateItem', { id: 'i-s-a', patch: { status: 'on' } }, shop)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('merchant', 'verify', { code }, shop)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/暂停.*多次被骑手投诉拒绝兑换.*仍然有效/) } })
    expect(docsOf(cloud, 'vouchers').some((v) => v._id === code)).toBe(false)
    // the rider's 我的兑换券 says why the counter will refuse it (one more read, for merchants' active vouchers)
    const mine = await cloud.emulator.functions.invoke('mall', { action: 'myVouchers', input: {} }, { openid: 'o-r-s' })
    expect(dataOf(mine.result as Res<VoucherView[]>).find((v) => v.code === code)).toMatchObject({ status: 'active', shopSuspendedReason: '多次被骑手投诉拒绝兑换' })
    expect(mine.invocation.counters).toMatchObject({ reads: 3 })
  })

  it('reinstates: exactly the items suspension took down come back; an old voucher is valid again', async () => {
    const row = dataOf(await call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: false, reason: '已整改，恢复服务' }, WORKER))
    expect(row).toMatchObject({ status: 'approved', itemsOn: 2, itemsSuspended: 0, suspendedReason: null })
    expect(itemDoc('i-s-b')).toMatchObject({ status: 'on', offBySuspension: false })
    expect(itemDoc('i-s-own-off')).toMatchObject({ status: 'off' })
    expect(dataOf(await call<MerchantView>('merchant', 'mine', {}, shop))).toMatchObject({ status: 'approved', suspendedReason: null })
    expect(dataOf(await call<VoucherView[]>('mall', 'myVouchers', {}, 'o-r-s')).find((v) => v.code === code)).toMatchObject({ status: 'active', shopSuspendedReason: null })
    expect(dataOf(await call<VerifyResult>('merchant', 'verify', { code }, shop))).toMatchObject({ price: 20 })
    expect(docsOf(cloud, 'auditLog').filter((a) => a.subject === shop).map((a) => a.action)).toEqual(['merchant.suspend', 'merchant.reinstate'])
    await reconcileOk(cloud)
  })

  it('suspending while 12 riders redeem: no voucher of an item that is off leaves points taken without a way back', async () => {
    const riders = Array.from({ length: 12 }, (_, i) => `o-r-race-${i}`)
    await seedRiders(cloud, riders, 100)
    await seedItem(cloud, 'i-s-race', { merchantId: shop, price: 30, stock: 8 })
    const redemptions = riders.map((r, i) => call<RedeemResult>('mall', 'redeem', { itemId: 'i-s-race', key: key(`race${i}`) }, r))
    const suspension = call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: true, reason: '临时停业检查' }, WORKER)
    const results = await Promise.all(redemptions.map((p) => p.catch((e: Error) => ({ ok: false as const, error: { code: 'THROWN', message: e.message } }))))
    const s = await suspension.catch((e: Error) => ({ ok: false as const, error: { code: 'THROWN', message: e.message } }))
    expect(s.ok).toBe(true)
    // refused plainly (off, sold out, busy) — or, on a loaded machine, a call the emulator cut at
    // the function's timeout, which may or may not have committed: the ledger says which
    const refused = results.filter((r) => !r.ok).map(errOf)
    expect(refused.filter((c) => !['NOT_FOUND', 'SOLD_OUT', 'CONFLICT', 'THROWN'].includes(c))).toEqual([])
    // a call cut short leaves its stock hold to the next redemption, as in production; settle it as that would
    if (refused.includes('THROWN')) await settleItemHolds(sdkDatabase(cloud.emulator), 'i-s-race', new Date(Date.now() + HOLD_TTL_MS + 1000))
    const vouchers = docsOf(cloud, 'ledger')
      .filter((e) => e.reason === 'redemption' && (e.voucher as { itemId: string }).itemId === 'i-s-race')
      .map((e) => ({ code: (e.voucher as { code: string }).code, owner: e.userId as string }))
    expect(vouchers.length).toBeGreaterThanOrEqual(results.filter((r) => r.ok).length)
    const item = itemDoc('i-s-race')
    expect(item).toMatchObject({ status: 'off', offBySuspension: true, holds: {} })
    // every unit is either in stock or behind one live voucher
    expect(item.stock).toBe(8 - vouchers.length)
    // each voucher committed before the suspension is refused at the counter and refunds in full
    for (const v of vouchers) {
      expect(errOf(await call('merchant', 'verify', { code: v.code }, shop))).toBe('FORBIDDEN')
      expect(dataOf(await call<CancelResult>('mall', 'cancel', { code: v.code }, v.owner))).toMatchObject({ refunded: 30, balance: 100 })
    }
    for (const r of riders) expect(docsOf(cloud, 'balances').find((b) => b._id === r)).toMatchObject({ balance: 100 })
    expect(itemDoc('i-s-race')).toMatchObject({ stock: 8 })
    await reconcileOk(cloud)
  }, 120_000)

  it('putting an item back on sale as the suspension lands: the item ends off, every time (rounds at staggered offsets)', async () => {
    await seedItem(cloud, 'i-s-edit', { merchantId: shop, status: 'off' })
    for (let round = 0; round < 24; round++) {
      dataOf(await call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: false, reason: '恢复服务' }, WORKER))
      // the edit starts from 40 ms before to 52 ms after the suspension: some rounds read the
      // merchant before the suspension's transaction and write the item after its take-down
      const offset = (round % 24) * 4 - 40
      const later = () => new Promise((r) => setTimeout(r, Math.abs(offset)))
      const suspend = () => call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: true, reason: '抽查' }, WORKER)
      const editOn = () => call<unknown>('merchant', 'updateItem', { id: 'i-s-edit', patch: { status: 'on' } }, shop)
      const [suspension, edit] = offset < 0 ? await Promise.all([later().then(suspend), editOn()]) : await Promise.all([suspend(), later().then(editOn)])
      expect(suspension.ok).toBe(true)
      expect(['OK', 'FORBIDDEN', 'CONFLICT']).toContain(errOf(edit))
      expect(itemDoc('i-s-edit')).toMatchObject({ status: 'off' })
      // reinstatement brings it back only if the edit was accepted (it is the merchant's wish)
      dataOf(await call<ManagedMerchantView>('merchant', 'setSuspended', { id, suspend: false, reason: '恢复服务' }, WORKER))
      expect(itemDoc('i-s-edit').status).toBe(errOf(edit) === 'OK' ? 'on' : 'off')
      if (itemDoc('i-s-edit').status === 'on') dataOf(await call<unknown>('merchant', 'updateItem', { id: 'i-s-edit', patch: { status: 'off' } }, shop))
    }
  }, 120_000)
})
