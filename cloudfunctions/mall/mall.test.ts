import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CancelResult, MallItemView, RedeemResult, VerifyResult, VoucherTokenView, VoucherView } from '../../domain/mall/model'
import type { MerchantView, TodayRedemptions } from '../../domain/merchant/model'
import type { BalanceView, HistoryPage } from '../../domain/points/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { toEjson } from '../../scripts/demo/generate-places'
import { localFunctionEnv } from '../../scripts/function-env'
import { sdkDatabase, startTestCloud, untilWrites, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { uploadAs } from '../../scripts/testing/uploads'
import { dataOf, docsOf, reconcileOk, seedItem, seedRiders, type Err, type Res } from '../../scripts/testing/points-fixture'
import { DAILY_TRIGGER } from '../../domain/points/contract'

// 积分商城 / 爱心商家 / points through the real wx-server-sdk in the emulator's function processes.
let cloud: TestCloud
const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>
const redeem = (openid: string, itemId: string, key: string) => call<RedeemResult>('mall', 'redeem', { itemId, key }, openid)
const errCode = (r: Res<unknown>) => (r.ok ? 'OK' : r.error.code)
const key = (s: string) => `k-${s}`.padEnd(8, '0')

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  // another approved merchant (B)
  await cloud.emulator.database.importSnapshot({
    collections: {
      users: [toEjson({ _id: 'o-merchant-b', nickname: 'B', roles: ['merchant'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })],
      merchants: [toEjson({ ...demoSnapshotMerchant(), _id: 'o-merchant-b', shopName: '店 B', placeId: null })],
    },
  })
}, 120_000)
afterAll(() => cloud?.stop())

function demoSnapshotMerchant(): Record<string, unknown> {
  const m = (demoSnapshot().collections.merchants as Record<string, unknown>[])[0]
  return JSON.parse(JSON.stringify(m))
}

describe('demo data', () => {
  it('reconciles, and the demo riders have points and items to spend them on', async () => {
    await reconcileOk(cloud)
    const bal = dataOf(await call<BalanceView>('points', 'balance', {}, 'demo-rider-zhang'))
    expect(bal.balance).toBe(160)
    const items = dataOf(await call<MallItemView[]>('mall', 'items', {}, 'anyone'))
    expect(items.length).toBeGreaterThanOrEqual(5)
  })
})

describe('mall.redeem', () => {
  it('redeems in 2 reads + 4 writes, one transaction on the rider\'s own documents (budget: ≤ 2 reads + 4 writes, 1 transaction)', async () => {
    await seedRiders(cloud, ['o-r-count'], 100)
    await seedItem(cloud, 'i-count', { price: 30, stock: 5 })
    const { result, invocation } = await cloud.emulator.functions.invoke('mall', { action: 'redeem', input: { itemId: 'i-count', key: key('count1') } }, { openid: 'o-r-count' })
    const r = dataOf(result as Res<RedeemResult>)
    expect(r).toMatchObject({ balance: 70, replay: false, voucher: { status: 'active', itemId: 'i-count', price: 30 } })
    expect(r.voucher.code).toMatch(/^\d{8}$/)
    // the stock held (server/mall/stock-hold.ts); in the transaction: item + balance (which carries
    // the verification mirror) read, ledger entry + balance written; the hold completed
    expect(invocation.counters).toMatchObject({ reads: 2, writes: 4, counts: 0, aggregates: 0, transactions: 1 })
    expect(docsOf(cloud, 'mallItems').find((d) => d._id === 'i-count')).toMatchObject({ stock: 4, holds: {} })
    const hist = dataOf(await call<HistoryPage>('points', 'history', {}, 'o-r-count'))
    expect(hist.items[0]).toMatchObject({ delta: -30, reason: 'redemption', balanceAfter: 70 })
  })

  it('the redemption that takes the last unit says so on its voucher (the workbench counts stock-outs by it)', async () => {
    await seedRiders(cloud, ['o-r-last'], 100)
    await seedItem(cloud, 'i-last', { price: 10, stock: 2 })
    const codes = [dataOf(await redeem('o-r-last', 'i-last', key('last1'))).voucher.code, dataOf(await redeem('o-r-last', 'i-last', key('last2'))).voucher.code]
    const vouchers = codes.map((c) => (docsOf(cloud, 'ledger').find((e) => e._id === `v${c}`)!.voucher as { lastUnit?: boolean }).lastUnit ?? false)
    expect(vouchers).toEqual([false, true])
  })

  it('100 concurrent redemptions of stock 10: exactly 10 vouchers, 90 SOLD_OUT, stock 0, reconciliation clean', async () => {
    const riders = Array.from({ length: 100 }, (_, i) => `o-r-crowd-${i}`)
    await seedRiders(cloud, riders, 50)
    await seedItem(cloud, 'i-crowd', { price: 20, stock: 10 })
    const results = await Promise.all(riders.map((id, i) => redeem(id, 'i-crowd', key(`crowd${i}`))))
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    const failures = results.filter((r) => !r.ok) as Err[]
    expect(failures).toHaveLength(90)
    expect(failures.every((f) => f.error.code === 'SOLD_OUT' && f.error.message.includes('已兑完'))).toBe(true)
    expect(docsOf(cloud, 'mallItems').find((d) => d._id === 'i-crowd')).toMatchObject({ stock: 0, stockTotal: 10 })
    const debits = docsOf(cloud, 'ledger').filter((e) => e.reason === 'redemption' && (e.voucher as { itemId: string }).itemId === 'i-crowd')
    expect(debits).toHaveLength(10)
    expect(new Set(debits.map((d) => d.userId)).size).toBe(10)
    await reconcileOk(cloud)
  }, 120_000)

  it('one rider with points for one item, 20 concurrent requests: exactly 1', async () => {
    await seedRiders(cloud, ['o-r-greedy'], 25)
    await seedItem(cloud, 'i-greedy', { price: 20, stock: 50 })
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem('o-r-greedy', 'i-greedy', key(`greedy${i}`))))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect((results.filter((r) => !r.ok) as Err[]).every((f) => f.error.code === 'INSUFFICIENT_POINTS')).toBe(true)
    expect(docsOf(cloud, 'balances').find((b) => b._id === 'o-r-greedy')).toMatchObject({ balance: 5 })
    await reconcileOk(cloud)
  }, 60_000)

  it('the same request 5 times concurrently: 1 debit, 5 identical answers; the key for another item is a CONFLICT', async () => {
    await seedRiders(cloud, ['o-r-retry'], 100)
    await seedItem(cloud, 'i-retry', { price: 40, stock: 5 })
    await seedItem(cloud, 'i-retry-other', { price: 10, stock: 5 })
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem('o-r-retry', 'i-retry', key('same-key'))))
    const vouchers = results.map((r) => dataOf(r).voucher)
    expect(new Set(vouchers.map((v) => JSON.stringify(v))).size).toBe(1)
    expect(results.map((r) => dataOf(r).balance)).toEqual([60, 60, 60, 60, 60])
    expect(results.filter((r) => dataOf(r).replay)).toHaveLength(4)
    expect(docsOf(cloud, 'ledger').filter((e) => e.userId === 'o-r-retry' && e.reason === 'redemption')).toHaveLength(1)
    expect(await redeem('o-r-retry', 'i-retry-other', key('same-key'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // another rider using the same client key gets their own redemption, never this rider's voucher
    await seedRiders(cloud, ['o-r-retry-2'], 100)
    const other = dataOf(await redeem('o-r-retry-2', 'i-retry', key('same-key')))
    expect(other.voucher.code).not.toBe(vouchers[0].code)
    await reconcileOk(cloud)
  }, 60_000)

  it('says so clearly: limit reached, not enough points, unverified, unknown item', async () => {
    await seedRiders(cloud, ['o-r-limit'], 100)
    await seedItem(cloud, 'i-limit', { price: 10, stock: 10, limit: { period: 'day', count: 1 } })
    expect((await redeem('o-r-limit', 'i-limit', key('lim1'))).ok).toBe(true)
    expect(await redeem('o-r-limit', 'i-limit', key('lim2'))).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED', message: expect.stringContaining('每天') } })
    await seedItem(cloud, 'i-pricey', { price: 10_000 })
    expect(await redeem('o-r-limit', 'i-pricey', key('lim3'))).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS', message: expect.stringContaining('10000') } })
    await seedRiders(cloud, ['o-r-unverified'], 100, { verified: false })
    expect(await redeem('o-r-unverified', 'i-limit', key('unv1'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('认证') } })
    expect(await redeem('o-r-limit', 'i-nope', key('lim4'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('vouchers: cancel and verify', () => {
  let code: string
  beforeAll(async () => {
    await seedRiders(cloud, ['o-r-v'], 500)
    await seedItem(cloud, 'i-v', { price: 50, stock: 10, limit: { period: 'once', count: 3 } })
  })

  it('cancel before use refunds points and stock exactly once (3 concurrent cancels)', async () => {
    const r = dataOf(await redeem('o-r-v', 'i-v', key('v-cancel')))
    const results = await Promise.all([1, 2, 3].map(() => call<CancelResult>('mall', 'cancel', { code: r.voucher.code }, 'o-r-v')))
    expect(results.filter((x) => x.ok)).toHaveLength(1)
    expect(dataOf(results.find((x) => x.ok)!)).toMatchObject({ refunded: 50, balance: 500, voucher: { status: 'cancelled' } })
    expect(docsOf(cloud, 'mallItems').find((d) => d._id === 'i-v')).toMatchObject({ stock: 10 })
    expect(docsOf(cloud, 'ledger').filter((e) => e.reason === 'refund' && e.sourceRef === r.voucher.code)).toHaveLength(1)
    // a cancelled voucher can't be used
    expect(await call('merchant', 'verify', { code: r.voucher.code }, 'demo-merchant-liu')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('取消') } })
    // someone else can't cancel it (and learns nothing)
    expect(await call('mall', 'cancel', { code: r.voucher.code }, 'demo-rider-zhang')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    await reconcileOk(cloud)
  })

  it('two verifications at once: exactly one succeeds; merchant B cannot verify A’s voucher; used says so', async () => {
    code = dataOf(await redeem('o-r-v', 'i-v', key('v-use'))).voucher.code
    expect(await call('merchant', 'verify', { code }, 'o-merchant-b')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const both = await Promise.all([call<VerifyResult>('merchant', 'verify', { code }, 'demo-merchant-liu'), call<VerifyResult>('merchant', 'verify', { code }, 'demo-merchant-liu')])
    expect(both.filter((x) => x.ok)).toHaveLength(1)
    expect(both.find((x) => !x.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('使用过') } })
    expect(await call('merchant', 'verify', { code }, 'demo-merchant-liu')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('使用过') } })
    expect(await call('mall', 'cancel', { code }, 'o-r-v')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已使用') } })
    const mine = dataOf(await call<VoucherView[]>('mall', 'myVouchers', {}, 'o-r-v'))
    expect(mine.find((v) => v.code === code)).toMatchObject({ status: 'used' })
    const today = dataOf(await call<TodayRedemptions>('merchant', 'today', {}, 'demo-merchant-liu'))
    expect(today.redeemed.find((x) => x.code === code)).toMatchObject({ status: 'used' })
    expect(today.usedCount).toBeGreaterThanOrEqual(1)
    await reconcileOk(cloud)
  })

  it('merchants A and B verifying one voucher at once: only its merchant succeeds', async () => {
    const c = dataOf(await redeem('o-r-v', 'i-v', key('v-ab'))).voucher.code
    const [a, b] = await Promise.all([call('merchant', 'verify', { code: c }, 'demo-merchant-liu'), call('merchant', 'verify', { code: c }, 'o-merchant-b')])
    expect(a.ok).toBe(true)
    expect(errCode(b)).toBe('NOT_FOUND')
  })

  it('QR tokens: signed and short-lived; tampered or expired ones are refused', async () => {
    await seedItem(cloud, 'i-qr', { price: 5, stock: 10 })
    const v = dataOf(await redeem('o-r-v', 'i-qr', key('v-qr'))).voucher
    const t = dataOf(await call<VoucherTokenView>('mall', 'voucherToken', { code: v.code }, 'o-r-v'))
    expect(new Date(t.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000)
    expect(await call('mall', 'voucherToken', { code: v.code }, 'demo-rider-zhang')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const parts = t.token.split('.')
    const tampered = [parts[0], '00000000', ...parts.slice(2)].join('.')
    expect(await call('merchant', 'verify', { token: tampered }, 'demo-merchant-liu')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // an expired token signed with the real key
    const secret = localFunctionEnv(cloud.emulator.dataDir).VOUCHER_SIGNING_KEY
    const payload = `v1.${v.code}.${(Date.now() - 1000).toString(36)}.abcdefgh`
    const expired = `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`
    expect(await call('merchant', 'verify', { token: expired }, 'demo-merchant-liu')).toMatchObject({ ok: false, error: { code: 'EXPIRED' } })
    expect(dataOf(await call<VerifyResult>('merchant', 'verify', { token: t.token }, 'demo-merchant-liu'))).toMatchObject({ code: v.code })
  })

  it('an expired voucher says so (and cannot be cancelled)', async () => {
    const v = dataOf(await redeem('o-r-v', 'i-qr', key('v-exp'))).voucher
    const entry = docsOf(cloud, 'ledger').find((e) => e._id === `v${v.code}`)!
    const voucher = entry.voucher as Record<string, unknown>
    await cloud.emulator.database.importSnapshot({ collections: { ledger: [{ ...entry, voucher: { ...voucher, validUntil: { $date: new Date(Date.now() - 60_000).toISOString() } } }] } })
    expect(await call('merchant', 'verify', { code: v.code }, 'demo-merchant-liu')).toMatchObject({ ok: false, error: { code: 'EXPIRED', message: expect.stringContaining('过期') } })
    expect(await call('mall', 'cancel', { code: v.code }, 'o-r-v')).toMatchObject({ ok: false, error: { code: 'EXPIRED' } })
    const mine = dataOf(await call<VoucherView[]>('mall', 'myVouchers', {}, 'o-r-v'))
    expect(mine.find((x) => x.code === v.code)).toMatchObject({ status: 'expired' })
  })
})

describe('points.adjust: no one adjusts their own balance (issue 14)', () => {
  it('an admin adjusting their own balance is refused and nothing is written; another admin may', async () => {
    const SUN = 'demo-admin-sun'
    const before = docsOf(cloud, 'ledger').length
    expect(await call('points', 'adjust', { userId: SUN, delta: 500, note: '给自己加分', key: key('self-adj') }, SUN)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('不能调整自己的积分') },
    })
    expect(docsOf(cloud, 'ledger')).toHaveLength(before)
    await cloud.emulator.database.importSnapshot({
      collections: { users: [toEjson({ _id: 'o-admin-two', nickname: '另一位管理员', roles: ['admin'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })] },
    })
    dataOf(await call('points', 'adjust', { userId: SUN, delta: 5, note: '活动补发', key: key('other-adj') }, 'o-admin-two'))
    expect(docsOf(cloud, 'ledger').filter((e) => e.userId === SUN)).toEqual([expect.objectContaining({ delta: 5, by: 'o-admin-two' })])
  })
})

describe('points expiry timer (fake time through the timer event)', () => {
  const timer = (time: string) => cloud.emulator.functions.invoke('points', { Type: 'Timer', TriggerName: 'expirePoints', Time: time }, { openid: '', source: 'timer' })

  it('warns 30 days before, expires at the end of the 12th month, once', async () => {
    await seedRiders(cloud, ['o-r-exp'], 70, { at: new Date('2026-01-15T10:00:00+08:00') })
    cloud.emulator.openapi.outbox.clear()
    // 2027-01-10: nothing due yet (expires 2027-02-01 00:00 Shanghai); within 30 days → a reminder
    const warn = (await timer('2027-01-10T00:00:00+08:00')).result as Res<{ expiredPoints: number; warned: number }>
    expect(dataOf(warn).expiredPoints).toBe(0)
    expect(cloud.emulator.openapi.outbox.list().filter((m: { touser?: string }) => m.touser === 'o-r-exp')).toEqual([
      expect.objectContaining({
        templateId: 'points-expiry-reminder',
        page: 'pages/points/index',
        functionName: 'points',
        // the last day the points can be used: 31 January (they expire at 1 February 00:00 Shanghai)
        data: { thing1: { value: '积分即将过期' }, number2: { value: '70' }, date3: { value: '2027年1月31日' }, thing4: { value: '去积分商城兑换实用好物吧' } },
      }),
    ])
    await timer('2027-01-11T00:00:00+08:00')
    expect(cloud.emulator.openapi.outbox.list().filter((m: { touser?: string }) => m.touser === 'o-r-exp')).toHaveLength(1)
    // one millisecond before the end of January 2027: still there
    await timer('2027-01-31T23:59:59.999+08:00')
    expect(docsOf(cloud, 'balances').find((b) => b._id === 'o-r-exp')).toMatchObject({ balance: 70 })
    await timer('2027-02-01T00:00:00+08:00')
    expect(docsOf(cloud, 'balances').find((b) => b._id === 'o-r-exp')).toMatchObject({ balance: 0, lots: [] })
    await timer('2027-02-02T00:00:00+08:00')
    const entries = docsOf(cloud, 'ledger').filter((e) => e.userId === 'o-r-exp' && e.reason === 'expiry')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ delta: -70, balanceAfter: 0 })
    await reconcileOk(cloud)
  })

  it('the one trigger config.json declares runs the expiry and then the reconciliation', async () => {
    const triggers = (JSON.parse(readFileSync(join(__dirname, '..', 'points', 'config.json'), 'utf8')) as { triggers: { name: string }[] }).triggers
    expect(triggers.map((t) => t.name)).toEqual([DAILY_TRIGGER])
    await seedRiders(cloud, ['o-r-daily'], 40, { at: new Date('2026-01-15T10:00:00+08:00') })
    const r = (await cloud.emulator.functions.invoke('points', { Type: 'Timer', TriggerName: DAILY_TRIGGER, Time: '2027-02-01T00:10:00+08:00' }, { openid: '', source: 'timer' }))
      .result as Res<{ expiry: { expiredPoints: number }; reconcile: { ok: boolean } }>
    expect(dataOf(r).expiry.expiredPoints).toBeGreaterThanOrEqual(40)
    expect(dataOf(r).reconcile).toMatchObject({ ok: true })
    expect(docsOf(cloud, 'balances').find((b) => b._id === 'o-r-daily')).toMatchObject({ balance: 0 })
  })

  it('a timer event from a mini-program caller is not a timer (no fake time for clients)', async () => {
    const r = await cloud.call('points', { Type: 'Timer', TriggerName: 'expirePoints', Time: '2099-01-01T00:00:00Z' }, 'demo-rider-zhang')
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('爱心商家 onboarding → item → redemption → verification → history', () => {
  const applicant = 'o-shop-new'
  let licence: string
  beforeAll(async () => {
    await seedRiders(cloud, [applicant], 0)
    await seedRiders(cloud, ['o-r-journey'], 300)
    licence = uploadAs(cloud, 'merchant-licences', applicant, 'licence.jpg')
  })
  const application = () => ({
    shopName: '阿强水果店',
    address: '拱墅区文晖路 88 号',
    location: { longitude: 120.1731, latitude: 30.2921 },
    communityId: 'c-xinheping',
    category: 'convenience',
    offers: ['water', 'phoneCharging', 'discount'],
    discountText: '骑手买水果 9 折',
    hours: { always: true },
    licencePhoto: licence,
  })

  it('refuses risky text, another user’s licence file, ID numbers; flags review words', async () => {
    expect(await call('merchant', 'apply', { ...application(), discountText: '代开发票 9 折' }, applicant)).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(await call('merchant', 'apply', { ...application(), licencePhoto: 'cloud://x/merchant-licences/someone-else/a.jpg' }, applicant)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'licencePhoto' } })
    // in the caller's own folder but never uploaded (issue 14)
    expect(await call('merchant', 'apply', { ...application(), licencePhoto: licence.replace('licence.jpg', 'ghost.jpg') }, applicant)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'licencePhoto' } })
    expect(await call('merchant', 'apply', { ...application(), address: '330106199001011234' }, applicant)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'address' } })
    expect(dataOf(await call<MerchantView>('merchant', 'apply', { ...application(), discountText: '加微信 9 折' }, applicant))).toMatchObject({ status: 'pending', contentFlagged: true })
  })

  it('a worker of the community approves: merchant role, a place of kind merchant on the map', async () => {
    expect(dataOf(await call<MerchantView>('merchant', 'apply', application(), applicant))).toMatchObject({ status: 'pending', contentFlagged: false })
    const pending = dataOf(await call<MerchantView[]>('merchant', 'pending', {}, 'demo-worker-chen'))
    // staff name the application by the applicant's public id, never by the openid (issue 14)
    const id = pending.find((p) => p.shopName === application().shopName)!.id
    expect(id).toMatch(/^u[\w-]{22}$/)
    expect(JSON.stringify(pending)).not.toContain(applicant)
    const url = dataOf(await call<{ url: string }>('merchant', 'licenceUrl', { id }, 'demo-worker-chen')).url
    expect(url).toContain('merchant-licences')
    expect(await call('merchant', 'licenceUrl', { id }, 'demo-rider-zhang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // a worker of other communities only
    await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson({ _id: 'o-worker-xixi', nickname: 'x', roles: ['worker'], workerCommunityIds: ['c-xixi'], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })] } })
    expect(await call('merchant', 'review', { id, approve: true }, 'o-worker-xixi')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const both = await Promise.all([call<MerchantView>('merchant', 'review', { id, approve: true }, 'demo-worker-chen'), call<MerchantView>('merchant', 'review', { id, approve: true }, 'demo-worker-chen')])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    const approved = dataOf(both.find((r) => r.ok)!)
    expect(approved).toMatchObject({ status: 'approved', placeId: expect.stringMatching(/^p-m-/) })
    expect(docsOf(cloud, 'users').find((u) => u._id === applicant)!.roles).toEqual(['rider', 'merchant'])
    const place = docsOf(cloud, 'places').find((p) => p._id === approved.placeId)!
    expect(place).toMatchObject({ kind: 'merchant', name: '阿强水果店', status: 'active', discount: '骑手买水果 9 折' })
    const near = dataOf(await call<{ items: { id: string }[] }>('places', 'nearby', { longitude: 120.1731, latitude: 30.2921, radius: 500, kinds: ['merchant'] }, 'anyone'))
    expect(near.items.map((i) => i.id)).toContain(approved.placeId)
  })

  it('a re-application racing the approval cannot put the approved shop back to pending', async () => {
    const racer = 'o-shop-race'
    await seedRiders(cloud, [racer], 0)
    const photo = uploadAs(cloud, 'merchant-licences', racer, 'licence.jpg')
    expect(dataOf(await call<MerchantView>('merchant', 'apply', { ...application(), licencePhoto: photo }, racer))).toMatchObject({ status: 'pending' })
    // a worker's approval, in progress: its transaction holds the application
    const review = await sdkDatabase(cloud.emulator).startTransaction()
    await review.collection('merchants').doc(racer).update({ data: { status: 'approved', reviewedBy: 'demo-worker-chen' } })
    const again = call('merchant', 'apply', { ...application(), shopName: '阿强水果店（改）', licencePhoto: photo }, racer)
    await untilWrites(cloud.emulator, 'merchant', 1) // the re-application has tried to write
    await review.commit()
    expect(await again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(docsOf(cloud, 'merchants').find((m) => m._id === racer)).toMatchObject({ status: 'approved', shopName: '阿强水果店' })
  })

  it('lists an item, a rider redeems it, the merchant verifies it, the rider’s history shows it', async () => {
    const item = dataOf(
      await call<MallItemView>('merchant', 'createItem', { title: '时令水果一份', description: '到店领取', photos: [], price: 30, stock: 5, limit: { period: 'week', count: 1 }, validDays: 7 }, applicant),
    )
    // the merchant by an opaque id, not their openid (issue 14)
    expect(item).toMatchObject({ merchantId: expect.stringMatching(/^u[A-Za-z0-9_-]{22}$/), placeName: '阿强水果店', stock: 5 })
    expect(await call('merchant', 'setStock', { id: item.id, stock: 3 }, 'demo-merchant-liu')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(dataOf(await call<MallItemView>('merchant', 'setStock', { id: item.id, stock: 8 }, applicant))).toMatchObject({ stock: 8 })
    const r = dataOf(await redeem('o-r-journey', item.id, key('journey')))
    expect(dataOf(await call<VerifyResult>('merchant', 'verify', { code: r.voucher.code }, applicant))).toMatchObject({ itemTitle: '时令水果一份', price: 30 })
    const hist = dataOf(await call<HistoryPage>('points', 'history', { limit: 5 }, 'o-r-journey'))
    expect(hist.items[0]).toMatchObject({ delta: -30, label: '积分兑换：时令水果一份', balanceAfter: 270 })
    expect(docsOf(cloud, 'mallItems').find((d) => d._id === item.id)).toMatchObject({ stock: 7, stockTotal: 8 })
    await reconcileOk(cloud)
  })
})

describe('role matrix: every action × rider / unverified rider / worker / merchant / admin', () => {
  // what the caller may reach past the role check; anything else must be FORBIDDEN (or UNAUTHENTICATED)
  type Who = 'rider' | 'unverified' | 'worker' | 'merchant' | 'admin'
  const who: Record<Who, string> = { rider: 'demo-rider-zhang', unverified: 'demo-rider-li', worker: 'demo-worker-chen', merchant: 'demo-merchant-liu', admin: 'o-admin-only' }
  const all: Who[] = ['rider', 'unverified', 'worker', 'merchant', 'admin']
  const cells: [string, string, unknown, Who[]][] = [
    ['points', 'balance', {}, all],
    ['points', 'history', {}, all],
    ['points', 'adjust', { userId: 'demo-rider-zhao', delta: 1, note: '测试调整', key: 'matrix-adjust' }, ['admin']],
    ['points', 'reconcile', {}, ['admin']],
    ['mall', 'items', {}, all],
    ['mall', 'detail', { id: 'i-demo-charge' }, all],
    ['mall', 'redeem', { itemId: 'i-demo-ginger-tea', key: 'matrix-redeem' }, ['rider']],
    ['mall', 'myVouchers', {}, all],
    ['mall', 'voucherToken', { code: '00000000' }, all],
    ['mall', 'cancel', { code: '00000000' }, all],
    ['merchant', 'apply', { shopName: 'x' }, all],
    ['merchant', 'mine', {}, all],
    ['merchant', 'pending', {}, ['worker', 'admin']],
    ['merchant', 'licenceUrl', { id: 'uMatrixNobodyAAAAAAAAAA' }, ['worker', 'admin']],
    ['merchant', 'review', { id: 'uMatrixNobodyAAAAAAAAAA', approve: true }, ['worker', 'admin']],
    ['merchant', 'merchants', {}, ['worker', 'admin']],
    ['merchant', 'setSuspended', { id: 'u0000000000000000000000', suspend: true, reason: '矩阵测试' }, ['worker', 'admin']],
    ['merchant', 'myItems', {}, ['merchant']],
    ['merchant', 'createItem', { title: '矩阵测试', description: '矩阵测试', photos: [], price: 1, stock: 0, limit: { period: 'none', count: 1 }, validDays: 1 }, ['merchant']],
    ['merchant', 'updateItem', { id: 'i-demo-noodles', patch: { status: 'on' } }, ['merchant']],
    ['merchant', 'setStock', { id: 'i-demo-noodles', stock: 20 }, ['merchant']],
    ['merchant', 'verify', { code: '00000000' }, ['merchant']],
    ['merchant', 'today', {}, ['merchant']],
  ]
  beforeAll(async () => {
    await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson({ _id: 'o-admin-only', nickname: 'a', roles: ['admin'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })] } })
  })
  it.each(cells)('%s.%s', async (fn, action, input, allowed) => {
    for (const w of all) {
      const r = await call(fn, action, input, who[w])
      const denied = !r.ok && (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED') && !/营业执照|已通过审核|社区/.test(r.error.message)
      // for mall.redeem an unverified rider passes the role check but not verification
      if (allowed.includes(w)) expect({ w, denied }).toEqual({ w, denied: false })
      else expect({ w, r: r.ok ? 'OK' : r.error.code }).toEqual({ w, r: 'FORBIDDEN' })
    }
  })
  it('an unverified rider is refused at redemption', async () => {
    expect(await redeem('demo-rider-li', 'i-demo-ginger-tea', 'matrix-unverified')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('input validation (fuzz): never a crash, never a write', () => {
  it('answers VALIDATION for hostile inputs', async () => {
    const before = docsOf(cloud, 'ledger').length
    const bad: [string, string, unknown][] = [
      ['mall', 'redeem', { itemId: { $gt: '' }, key: 'abcdefgh' }],
      ['mall', 'redeem', { itemId: 'i-demo-charge', key: 'short' }],
      ['mall', 'redeem', { itemId: 'i-demo-charge', key: 'abcdefgh', openid: 'demo-rider-wang' }],
      ['mall', 'redeem', { itemId: 'i-demo-charge', key: 'abcdefgh', points: 99999 }],
      ['mall', 'redeem', { itemId: 'x'.repeat(10_000), key: 'abcdefgh' }],
      ['mall', 'cancel', { code: '1234567' }],
      ['mall', 'cancel', { code: 12345678 }],
      ['points', 'adjust', { userId: 'demo-rider-zhang', delta: Number.NaN, note: '测试调整', key: 'abcdefgh' }],
      ['points', 'adjust', { userId: 'demo-rider-zhang', delta: 1.5, note: '测试调整', key: 'abcdefgh' }],
      ['merchant', 'verify', { code: '12345678', token: 'v1.x' }],
      ['merchant', 'setStock', { id: 'i-demo-noodles', stock: -1 }],
      ['points', 'history', { before: { $ne: null } }],
    ]
    for (const [fn, action, input] of bad) {
      const openid = action === 'adjust' ? 'o-admin-only' : action === 'setStock' || action === 'verify' ? 'demo-merchant-liu' : 'demo-rider-zhang'
      expect({ fn, action, code: errCode(await call(fn, action, input, openid)) }).toEqual({ fn, action, code: 'VALIDATION' })
    }
    expect(docsOf(cloud, 'ledger').length).toBe(before)
  })
})
