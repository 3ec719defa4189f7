import type { NearbyResult } from '../../domain/places/model'
import type { VoucherView } from '../../domain/mall/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { toEjson } from '../../scripts/demo/generate-places'
import { demoMerchants } from '../../scripts/demo/points'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dataOf, docsOf, seedItem, seedRiders, type Res } from '../../scripts/testing/points-fixture'
import { seedActivity } from '../../scripts/testing/volunteer-fixture'

// Issue 14: places of merchants approved before the opaque ids are `p-m-<openid>`, and a place id
// is public. The migration (merchant timer `migratePlaceIds`) is run on a snapshot with old-style ids
// and every kind of reference to them: the merchant, check-ins, status reports, the merchant's mall
// items, an activity held there, a voucher redeemed there. One shop is untouched, one was left
// half-moved by a run cut short.
jest.setTimeout(180_000)

let cloud: TestCloud
const WORKER = 'demo-worker-chen'
const RIDER = 'o-migrate-rider'
const SHOPS = ['o-old-shop-wang', 'o-old-shop-zhao'] // zhao: a run died after steps 1–2
const OLD = (owner: string) => `p-m-${owner}`
const W = { id: '', lng: 120.16873, lat: 30.27058 } // near 延安路便利店 (p-wl-022), whose document is the template

const dump = () => {
  const snap = cloud.emulator.database.exportSnapshot() as { collections: Record<string, Record<string, unknown>[]> }
  // the rate key of a status report is never answered and void after 30 minutes (not rewritten)
  for (const r of snap.collections.placeReports ?? []) delete r.rateKey
  return JSON.stringify(snap)
}
const migrate = async () => {
  const f = await cloud.emulator.timers.fire('merchant', 'migratePlaceIds')
  expect(f).toMatchObject({ status: 'ok', result: { ok: true } })
  return (f.result as { data: { moved: { from: string; to: string }[]; remaining: number } }).data
}

beforeAll(async () => {
  cloud = await startTestCloud()
  const snap = demoSnapshot()
  await cloud.emulator.database.importSnapshot(snap)
  const template = JSON.parse(JSON.stringify(snap.collections.places.find((p) => (p as { _id: string })._id === 'p-wl-022')))
  const now = new Date()
  for (const [n, owner] of SHOPS.entries()) {
    const place = { ...template, _id: OLD(owner), name: n ? '赵记烧饼' : '王记包子' }
    const merchant = { ...JSON.parse(JSON.stringify(demoMerchants[0])), _id: owner, shopName: place.name, status: 'approved', placeId: OLD(owner) }
    await cloud.emulator.database.importSnapshot({
      collections: {
        places: [place],
        merchants: [toEjson({ ...merchant, submittedAt: now, reviewedAt: now })],
        users: [toEjson({ _id: owner, nickname: place.name, roles: ['rider', 'merchant'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: now, updatedAt: now })],
        checkins: [toEjson({ _id: `ck-old-${n}`, userId: RIDER, placeId: OLD(owner), communityId: 'c-xinheping', day: '2026-12-01', at: now, placeLocation: { type: 'Point', coordinates: [W.lng, W.lat] }, distance: 12, accuracy: 20, pointsAwarded: 5, pendingPoints: 0 })],
        placeReports: [toEjson({ _id: `pr-old-${n}`, placeId: OLD(owner), communityId: 'c-xinheping', userId: RIDER, kind: 'closed', note: null, at: now, rateKey: `${RIDER}|${OLD(owner)}|1` })],
        activities: [toEjson(seedActivity({ ...W, id: OLD(owner) }, WORKER, { startAt: new Date(now.getTime() + 86_400_000), endAt: new Date(now.getTime() + 90_000_000) }))],
      },
    })
    await seedItem(cloud, `i-old-${n}`, { merchantId: owner, createdBy: owner, placeId: OLD(owner), placeName: place.name, location: [W.lng, W.lat] })
  }
  await seedRiders(cloud, [RIDER], 100)
  for (const n of [0, 1]) dataOf((await cloud.call('mall', { action: 'redeem', input: { itemId: `i-old-${n}`, key: `migrate-${n}` } }, RIDER)) as Res<unknown>)
  // zhao's move was cut short after the copy and the merchant's pointer (steps 1–2)
  const zhao = SHOPS[1]
  const first = await migrateOne(zhao)
  expect(first).toBeTruthy()
})
afterAll(() => cloud?.stop())

/** Steps 1–2 only, as a run that died there leaves them: the new place and the merchant's pointer. */
async function migrateOne(owner: string): Promise<string> {
  const place = docsOf(cloud, 'places').find((p) => p._id === OLD(owner))!
  const mine = dataOf((await cloud.call('merchant', { action: 'mine', input: {} }, owner)) as Res<{ id: string }>)
  const to = `p-m-${mine.id}` // the merchant's public id, as merchantPlaceId makes it
  const { _id, ...rest } = place
  void _id
  await cloud.emulator.database.importSnapshot({ collections: { places: [{ _id: to, ...rest }] } })
  await cloud.emulator.database.importSnapshot({ collections: { merchants: [{ ...docsOf(cloud, 'merchants').find((m) => m._id === owner)!, placeId: to }] } })
  return to
}

test('before: the old ids are public — the map and a rider’s vouchers carry the merchants’ openids', async () => {
  const near = dataOf((await cloud.call('places', { action: 'nearby', input: { longitude: W.lng, latitude: W.lat, radius: 500, kinds: ['merchant'] } }, 'o-anyone')) as Res<NearbyResult>)
  expect(near.items.map((p) => p.id)).toContain(OLD(SHOPS[0]))
  const vouchers = dataOf((await cloud.call('mall', { action: 'myVouchers', input: {} }, RIDER)) as Res<VoucherView[]>)
  expect(vouchers.map((v) => v.placeId)).toEqual(expect.arrayContaining(SHOPS.map(OLD)))
})

test('the migration moves every place and every reference to it; nothing names the old ids; a second run does nothing', async () => {
  const out = await migrate()
  expect(out.remaining).toBe(0)
  expect(out.moved.map((m) => m.from).sort()).toEqual(SHOPS.map(OLD).sort())
  for (const m of out.moved) expect(m.to).toMatch(/^p-m-u[\w-]{22}$/)
  const text = dump()
  for (const owner of SHOPS) expect(text.includes(OLD(owner))).toBe(false)

  for (const [n, owner] of SHOPS.entries()) {
    const to = out.moved.find((m) => m.from === OLD(owner))!.to
    expect(docsOf(cloud, 'places').filter((p) => p._id === to)).toEqual([expect.objectContaining({ kind: 'merchant', name: n ? '赵记烧饼' : '王记包子' })])
    expect(docsOf(cloud, 'merchants').find((m) => m._id === owner)).toMatchObject({ placeId: to })
    expect(docsOf(cloud, 'checkins').find((c) => c._id === `ck-old-${n}`)).toMatchObject({ placeId: to })
    expect(docsOf(cloud, 'placeReports').find((c) => c._id === `pr-old-${n}`)).toMatchObject({ placeId: to })
    expect(docsOf(cloud, 'mallItems').find((c) => c._id === `i-old-${n}`)).toMatchObject({ placeId: to })
    expect(docsOf(cloud, 'activities').filter((a) => a.placeId === to)).toHaveLength(1)
    expect(docsOf(cloud, 'ledger').filter((e) => (e.voucher as { placeId?: string } | undefined)?.placeId === to)).toHaveLength(1)
  }
  // what riders see now
  const near = dataOf((await cloud.call('places', { action: 'nearby', input: { longitude: W.lng, latitude: W.lat, radius: 500, kinds: ['merchant'] } }, 'o-anyone')) as Res<NearbyResult>)
  expect(near.items.map((p) => p.id)).toEqual(expect.arrayContaining(out.moved.map((m) => m.to)))
  expect(JSON.stringify(near).includes('o-old-shop')).toBe(false)
  const vouchers = dataOf((await cloud.call('mall', { action: 'myVouchers', input: {} }, RIDER)) as Res<VoucherView[]>)
  expect(JSON.stringify(vouchers).includes('o-old-shop')).toBe(false)

  const before = dump()
  expect(await migrate()).toEqual({ moved: [], remaining: 0 })
  expect(dump()).toBe(before)
})
