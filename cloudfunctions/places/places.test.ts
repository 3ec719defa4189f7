import { distanceMeters } from '../../domain/geo'
import { isOpenAt } from '../../domain/places/opening-hours'
import type { NearbyResult, PlaceDetail, PlaceDoc, PlaceListItem } from '../../domain/places/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { demoPlaces } from '../../scripts/demo/places'
import { generatePlaces, rng, toEjson } from '../../scripts/demo/generate-places'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'

// places through the real wx-server-sdk, running in the emulator's function processes.
let cloud: TestCloud

/** Random places shifted east by one degree (away from the demo data), for reference checks. */
const SHIFT = 1
const generated: PlaceDoc[] = generatePlaces(3000, 7).map((p) => ({
  ...p,
  location: { type: 'Point', coordinates: [p.location.coordinates[0] + SHIFT, p.location.coordinates[1]] },
}))

type Ok<T> = { ok: true; data: T }
type Err = { ok: false; error: { code: string; message: string; field?: string } }
type Res<T> = Ok<T> | Err

const call = <T>(action: string, input: unknown, openid = 'demo-rider-zhang') => cloud.call('places', { action, input }, openid) as Promise<Res<T>>
const data = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`)
  return r.data
}
const docs = (name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  await cloud.emulator.database.importSnapshot({
    collections: {
      places: generated.map(toEjson),
      users: [toEjson({ _id: 'o-admin-only', nickname: '管理员', roles: ['admin'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })],
    },
  })
}, 120_000)
afterAll(() => cloud?.stop())

/** Brute force over the generated places: filters, then sort by distance. */
function reference(q: { lng: number; lat: number; radius: number; kinds?: string[]; amenities?: string[]; openNow?: boolean }, at: Date): { id: string; d: number }[] {
  return generated
    .filter((p) => !q.kinds || q.kinds.includes(p.kind))
    .filter((p) => !q.amenities || q.amenities.every((a) => p.amenities.includes(a as never)))
    .filter((p) => !q.openNow || (isOpenAt(p.openWeekly, at) && !(p.closedUntil && p.closedUntil.getTime() > at.getTime())))
    .map((p) => ({ id: p._id, d: distanceMeters(q.lng, q.lat, p.location.coordinates[0], p.location.coordinates[1]) }))
    .filter((x) => x.d <= q.radius)
    .sort((a, b) => a.d - b.d)
}

const randomQuery = (rand: () => number) => ({
  lng: 120.02 + SHIFT + rand() * 0.2,
  lat: 30.22 + rand() * 0.11,
})

describe('places.nearby', () => {
  it('matches a brute-force reference (order, distance, filters) on random data', async () => {
    const rand = rng(99)
    const kindSets = [undefined, ['station'], ['water', 'canteen'], ['charging']]
    const amenitySets = [undefined, ['water'], ['microwave', 'toilet'], ['ebikeCharging']]
    for (let i = 0; i < 24; i++) {
      const { lng, lat } = randomQuery(rand)
      const q = {
        lng,
        lat,
        radius: [500, 1500, 3000, 20000][i % 4],
        kinds: kindSets[i % 4],
        amenities: amenitySets[Math.floor(i / 4) % 4],
        openNow: i % 3 === 0 ? true : undefined,
      }
      const res = data(
        await call<NearbyResult>('nearby', { longitude: lng, latitude: lat, radius: q.radius, kinds: q.kinds, amenities: q.amenities, openNow: q.openNow }),
      )
      const ref = reference(q, new Date(res.at)).slice(0, 20)
      expect(res.items.map((x) => x.id)).toEqual(ref.map((x) => x.id))
      res.items.forEach((item, k) => expect(Math.abs(item.distance - ref[k].d)).toBeLessThanOrEqual(0.5))
      if (q.openNow) expect(res.items.every((x) => x.openNow)).toBe(true)
    }
  })

  it('makes exactly one database read per call, whatever the filters and page', async () => {
    // "open now" depends on the hour in Shanghai, so it is asked on its own; the paging call uses
    // filters that match more than a page at any hour.
    const base = { longitude: 121.1, latitude: 30.28, radius: 5000, kinds: ['station', 'water'], amenities: ['water'], limit: 20 }
    const openNow = await cloud.emulator.functions.invoke('places', { action: 'nearby', input: { ...base, openNow: true } }, { openid: 'demo-rider-zhang' })
    expect(openNow.invocation.counters).toMatchObject({ reads: 1, writes: 0 })
    const first = await cloud.emulator.functions.invoke('places', { action: 'nearby', input: base }, { openid: 'demo-rider-zhang' })
    expect(first.invocation.counters).toMatchObject({ reads: 1, writes: 0 })
    const next = (first.result as Ok<NearbyResult>).data.next
    expect(next).not.toBeNull()
    const second = await cloud.emulator.functions.invoke('places', { action: 'nearby', input: { ...base, after: next } }, { openid: 'anonymous-visitor' })
    expect(second.invocation.counters).toMatchObject({ reads: 1, writes: 0 })
  })

  it("without a position looks around the district's home, the map centre user.settings answers (2 reads)", async () => {
    const settings = (await cloud.call('user', { action: 'settings', input: {} }, 'demo-rider-zhang')) as Ok<{ map: { centre: { longitude: number; latitude: number } } }>
    const home = settings.data.map.centre
    const around = await cloud.emulator.functions.invoke('places', { action: 'nearby', input: { radius: 3000 } }, { openid: 'demo-rider-zhang' })
    expect(around.invocation.counters).toMatchObject({ reads: 2, writes: 0 })
    const got = (around.result as Ok<NearbyResult>).data
    expect(got.centre).toEqual({ longitude: home.longitude, latitude: home.latitude })
    const same = data(await call<NearbyResult>('nearby', { longitude: home.longitude, latitude: home.latitude, radius: 3000 }))
    expect(got.items.length).toBeGreaterThan(0)
    expect(got.items).toEqual(same.items)
    expect(same.centre).toEqual({ longitude: home.longitude, latitude: home.latitude })
  })

  it('answers within 10 KB for a full page of the longest demo rows', async () => {
    const res = await call<NearbyResult>('nearby', { longitude: 120.1696, latitude: 30.2749, radius: 20000 })
    expect(data(res).items).toHaveLength(20)
    expect(Buffer.byteLength(JSON.stringify(res), 'utf8')).toBeLessThanOrEqual(10 * 1024)
  })

  it('pages by distance: every place once, in distance order', async () => {
    const q = { lng: 121.12, lat: 30.27, radius: 2500 }
    const ref = reference(q, new Date())
    expect(ref.length).toBeGreaterThan(45)
    const seen: PlaceListItem[] = []
    let after: NearbyResult['next'] | undefined
    for (let page = 0; page < 20; page++) {
      const res = data(await call<NearbyResult>('nearby', { longitude: q.lng, latitude: q.lat, radius: q.radius, limit: 20, ...(after ? { after } : {}) }))
      seen.push(...res.items)
      if (!res.next) break
      after = res.next
    }
    expect(seen.map((x) => x.id)).toEqual(ref.map((x) => x.id))
    expect(new Set(seen.map((x) => x.id)).size).toBe(seen.length)
  })

  it('refuses bad input with VALIDATION', async () => {
    const base = { longitude: 120.17, latitude: 30.27 }
    for (const [input, field] of [
      [{ ...base, latitude: 91 }, 'latitude'],
      [{ ...base, longitude: -181 }, 'longitude'],
      [{ ...base, radius: 20001 }, 'radius'],
      [{ ...base, amenities: ['sauna'] }, 'amenities.0'],
      [{ ...base, kinds: ['casino'] }, 'kinds.0'],
      [{ ...base, $where: '1' }, '$where'],
      [{ ...base, longitude: '120' }, 'longitude'],
      [{ ...base, after: { distance: 10, ids: [{ $gt: '' }] } }, 'after.ids.0'],
      [{ longitude: 120.17 }, 'latitude'],
    ] as const) {
      const res = await call('nearby', input)
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field } })
    }
  })
})

describe('places.detail', () => {
  it('answers a place with hours and contact; unknown ids are NOT_FOUND', async () => {
    const d = data(await call<PlaceDetail>('detail', { id: 'p-wl-003' }, 'someone'))
    expect(d).toMatchObject({ name: '新和平社区骑士加油站', kind: 'station', level: 'B', communityId: 'c-xinheping', pendingPoints: 5 })
    expect(d.hoursLabel).toMatch(/营业至|开门/)
    expect(await call('detail', { id: 'p-missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('places.checkIn', () => {
  const wl1 = demoPlaces.find((p) => p._id === 'p-wl-021')! // 刘记面馆, 文晖路
  const [lng, lat] = wl1.location.coordinates
  const fix = (extra: Record<string, unknown> = {}) => ({ placeId: wl1._id, longitude: lng + 0.0005, latitude: lat, accuracy: 25, fixedAt: Date.now(), ...extra })
  const checkinsOf = (userId: string) => docs('checkins').filter((c) => c.userId === userId)
  const usersNamed = (openid: string) => docs('users').filter((u) => u._id === openid)
  // the riders below never open 我的: their first check-in (or refused check-in) makes their users document

  it('refuses a far, stale, future or inaccurate fix and writes nothing', async () => {
    const rider = 'o-ci-a'
    expect(await call('checkIn', fix({ longitude: lng + 0.01 }), rider)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('200 米') } })
    expect(await call('checkIn', fix({ fixedAt: Date.now() - 3 * 60_000 }), rider)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fixedAt' } })
    expect(await call('checkIn', fix({ fixedAt: Date.now() + 60_000 }), rider)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fixedAt' } })
    expect(await call('checkIn', fix({ accuracy: 150 }), rider)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accuracy' } })
    expect(await call('checkIn', fix({ latitude: 95 }), rider)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'latitude' } })
    expect(await call('checkIn', fix({ openid: 'someone-else' }), rider)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'openid' } })
    expect(checkinsOf(rider)).toHaveLength(0)
  })

  it('checks in once a day, records pending points, and refuses the second time', async () => {
    const rider = 'o-ci-a'
    const ok = data(await call<{ pendingPoints: number; pointsAwarded: number; day: string }>('checkIn', fix(), rider))
    expect(ok).toMatchObject({ pointsAwarded: 2, pendingPoints: 0 })
    // credited through the points ledger (key = check-in id)
    expect(docs('ledger').filter((e) => e.userId === rider && e.reason === 'checkIn')).toMatchObject([{ delta: 2, sourceRef: (ok as unknown as { id: string }).id }])
    expect(await call('checkIn', fix(), rider)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const rows = checkinsOf(rider)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ placeId: wl1._id, pointsAwarded: 0, pendingPoints: 2, day: ok.day })
    // the rider's own coordinates are not stored
    expect(JSON.stringify(rows[0])).not.toContain(String(lng + 0.0005))
  })

  it('a merchant who is also a rider earns nothing for checking in at their own shop (the ledger refuses a self-grant)', async () => {
    const liu = docs('users').find((u) => u._id === 'demo-merchant-liu')!
    await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson({ ...liu, roles: ['merchant', 'rider'] })] } })
    const own = data(await call<{ pointsAwarded: number; message: string }>('checkIn', fix(), 'demo-merchant-liu')) // 刘记面馆 is his
    expect(own).toMatchObject({ pointsAwarded: 0, message: expect.stringContaining('自己的店') })
    expect(checkinsOf('demo-merchant-liu')).toHaveLength(1)
    expect(docs('ledger').filter((e) => e.userId === 'demo-merchant-liu' && e.reason === 'checkIn')).toHaveLength(0)
  })

  it('refuses an implausible speed since the last check-in', async () => {
    // 西溪 is ~7 km from 文晖路: a minute later is far above 120 km/h
    const far = demoPlaces.find((p) => p._id === 'p-xx-001')!
    const res = await call('checkIn', { placeId: far._id, longitude: far.location.coordinates[0], latitude: far.location.coordinates[1], accuracy: 10, fixedAt: Date.now() }, 'o-ci-a')
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('速度') } })
    expect(checkinsOf('o-ci-a')).toHaveLength(1)
    // a nearby place (a few hundred metres) is fine
    const near = demoPlaces.find((p) => p._id === 'p-wl-009')!
    const ok = await call('checkIn', { placeId: near._id, longitude: near.location.coordinates[0], latitude: near.location.coordinates[1], accuracy: 10, fixedAt: Date.now() }, 'o-ci-a')
    expect(ok.ok).toBe(true)
  })

  it('counts concurrent double check-ins once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => call('checkIn', fix(), 'o-ci-b')))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => (r as Err).error.code === 'CONFLICT')).toBe(true)
    expect(checkinsOf('o-ci-b')).toHaveLength(1)
    // six first calls racing made one users document
    expect(usersNamed('o-ci-b')).toHaveLength(1)
  })

  it("a user's first call: nearby reads and writes no users document; a check-in makes it (1 write more, once)", async () => {
    const NEW = 'o-never-opened-the-app'
    const near = await cloud.emulator.functions.invoke('places', { action: 'nearby', input: { longitude: lng, latitude: lat, radius: 1000 } }, { openid: NEW })
    expect(near.invocation.counters).toMatchObject({ reads: 1, writes: 0 })
    expect(usersNamed(NEW)).toHaveLength(0)
    const first = await cloud.emulator.functions.invoke('places', { action: 'checkIn', input: fix() }, { openid: NEW })
    expect(first.result).toMatchObject({ ok: true, data: { pointsAwarded: 2 } })
    // 4 reads + 3 writes of a check-in (see check-in.ts) + the new users document
    expect(first.invocation.counters).toMatchObject({ reads: 4, writes: 4 })
    expect(usersNamed(NEW)).toEqual([expect.objectContaining({ roles: ['rider'], verification: { status: 'unverified' } })])
    const report = await cloud.emulator.functions.invoke('places', { action: 'reportStatus', input: { placeId: 'p-wl-030', kind: 'full' } }, { openid: 'o-first-report-status' })
    expect(report.result).toMatchObject({ ok: true })
    expect(usersNamed('o-first-report-status')).toHaveLength(1)
  })
})

describe('places.reportStatus', () => {
  it('records a report, flags the place, sinks it within its page, and rate-limits the rider', async () => {
    const target = 'p-wl-013' // 武林广场地铁站饮水点, second nearest to 武林广场暖新驿站
    const at = { longitude: 120.16962, latitude: 30.27489, radius: 1000, kinds: ['water', 'station'] }
    const before = data(await call<NearbyResult>('nearby', at))
    expect(before.items[1].id).toBe(target)

    const rep = data(await call<{ recentReports: { kind: string }[] }>('reportStatus', { placeId: target, kind: 'closed' }, 'demo-rider-wang'))
    expect(rep.recentReports[0]).toMatchObject({ kind: 'closed', label: '到了却关门' })

    const after = data(await call<NearbyResult>('nearby', at))
    expect(after.items.map((x) => x.id).sort()).toEqual(before.items.map((x) => x.id).sort())
    expect(after.items[after.items.length - 1]).toMatchObject({ id: target, alert: 'closed' })

    const d = data(await call<PlaceDetail>('detail', { id: target }))
    expect(d.alert).toBe('closed')
    expect(d.recentReports[0].kind).toBe('closed')

    expect(await call('reportStatus', { placeId: target, kind: 'full' }, 'demo-rider-wang')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(docs('placeReports').filter((r) => r.userId === 'demo-rider-wang')).toHaveLength(1)
  })

  it('counts concurrent taps once and refuses unknown kinds or places', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => call('reportStatus', { placeId: 'p-wl-030', kind: 'chargerBroken' }, 'demo-rider-zhao')))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => (r as Err).error.code === 'RATE_LIMITED')).toBe(true)
    expect(await call('reportStatus', { placeId: 'p-wl-030', kind: 'exploded' }, 'demo-rider-li')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await call('reportStatus', { placeId: 'p-wl-030', kind: 'other' }, 'demo-rider-li')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'note' } })
    expect(await call('reportStatus', { placeId: 'p-nope', kind: 'full' }, 'demo-rider-li')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(docs('placeReports').filter((r) => r.userId === 'demo-rider-li')).toHaveLength(0)
  })
})

describe('places management', () => {
  const newPlace = (communityId: string, extra: Record<string, unknown> = {}) => ({
    communityId,
    kind: 'water',
    name: '新设饮水点',
    address: '文晖路 200 号',
    location: { longitude: 120.1731, latitude: 30.2925 },
    amenities: ['water'],
    hours: { always: false, week: Array.from({ length: 7 }, () => [{ open: '22:00', close: '06:00' }]) },
    ...extra,
  })
  const count = () => docs('places').length

  it('lets workers create only in their communities and admins anywhere', async () => {
    const n = count()
    expect(await call('create', newPlace('c-xinheping'), 'demo-rider-zhang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('create', newPlace('c-xixi'), 'demo-worker-chen')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(count()).toBe(n)
    const made = data(await call<PlaceDetail>('create', newPlace('c-xinheping'), 'demo-worker-chen'))
    expect(made).toMatchObject({ communityId: 'c-xinheping', name: '新设饮水点' })
    expect(data(await call<PlaceDetail>('create', newPlace('c-xixi'), 'demo-admin-sun')).communityId).toBe('c-xixi')
    expect(data(await call<PlaceDetail>('create', newPlace('c-xixi'), 'o-admin-only')).communityId).toBe('c-xixi')
    expect(count()).toBe(n + 3)
    // the new place is found by nearby at once
    const near = data(await call<NearbyResult>('nearby', { longitude: 120.1731, latitude: 30.2925, radius: 100 }))
    expect(near.items.map((x) => x.id)).toContain(made.id)
  })

  it('refuses bad places and writes nothing', async () => {
    const n = count()
    for (const [extra, field] of [
      [{ amenities: ['sauna'] }, 'amenities.0'],
      [{ location: { longitude: 200, latitude: 30 } }, 'location.longitude'],
      [{ kind: 'station' }, 'level'],
      [{ level: 'A' }, 'level'],
      [{ hours: { always: false, week: [[]] } }, 'hours'],
      [{ name: '身份证 330102199001011234' }, 'name'],
      [{ role: 'admin' }, 'role'],
    ] as const) {
      const res = await call('create', newPlace('c-xinheping', extra), 'demo-worker-chen')
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect((res as Err).error.field ?? '').toContain(field.split('.')[0])
    }
    expect(count()).toBe(n)
  })

  it('updates and closes temporarily inside the community only', async () => {
    expect(await call('update', { id: 'p-xx-003', patch: { name: '改个名字' } }, 'demo-worker-chen')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const up = data(await call<PlaceDetail>('update', { id: 'p-wl-006', patch: { name: '凤起路物业驿站（新）', hours: { always: true } } }, 'demo-worker-chen'))
    expect(up).toMatchObject({ name: '凤起路物业驿站（新）', openNow: true, hoursLabel: '24 小时营业' })
    expect(docs('places').find((p) => p._id === 'p-wl-006')).toMatchObject({ openWeekly: [{ s: 0, e: 10080 }] })

    expect(await call('setTemporarilyClosed', { id: 'p-wl-006', closed: true, reason: '内部装修', until: '2099-01-01' }, 'demo-worker-chen')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'until' },
    })
    const inAWeek = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
    const closed = data(await call<PlaceDetail>('setTemporarilyClosed', { id: 'p-wl-006', closed: true, reason: '内部装修', until: inAWeek }, 'demo-worker-chen'))
    expect(closed).toMatchObject({ openNow: false, closedReason: '内部装修' })
    const inRange = await call('setTemporarilyClosed', { id: 'p-wl-006', closed: true, reason: '内部装修' }, 'demo-worker-chen')
    expect(inRange).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('temporary closure hides the place from "open now" and reopening restores it', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
    const d = data(await call<PlaceDetail>('setTemporarilyClosed', { id: 'p-wl-016', closed: true, reason: '水管维修', until: tomorrow }, 'demo-admin-sun'))
    expect(d).toMatchObject({ openNow: false, closedReason: '水管维修', hoursLabel: expect.stringContaining('暂停营业至') })
    const q = { longitude: 120.16861, latitude: 30.26702, radius: 100 }
    expect(data(await call<NearbyResult>('nearby', { ...q, openNow: true })).items.map((x) => x.id)).not.toContain('p-wl-016')
    expect(data(await call<NearbyResult>('nearby', q)).items.find((x) => x.id === 'p-wl-016')).toMatchObject({ openNow: false })
    expect(await call('checkIn', { placeId: 'p-wl-016', longitude: 120.16861, latitude: 30.26702, accuracy: 5, fixedAt: Date.now() }, 'demo-rider-li')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    data(await call('setTemporarilyClosed', { id: 'p-wl-016', closed: false }, 'demo-worker-chen'))
    expect(data(await call<NearbyResult>('nearby', { ...q, openNow: true })).items.map((x) => x.id)).toContain('p-wl-016')
  })

  it('lists the community places with check-in counts and reports, for staff only', async () => {
    expect(await call('listMine', {}, 'demo-rider-zhang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('listMine', { communityId: 'c-xixi' }, 'demo-worker-chen')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const mine = data(await call<{ items: { id: string; communityId: string; checkins7d: number }[]; totals: { checkins7d: number } }>('listMine', {}, 'demo-worker-chen'))
    expect(new Set(mine.items.map((i) => i.communityId))).toEqual(new Set(['c-xinheping', 'c-jinzhu']))
    expect((mine as unknown as { communities: unknown }).communities).toEqual([
      { id: 'c-xinheping', name: '新和平社区' },
      { id: 'c-jinzhu', name: '金祝社区' },
    ])
    expect(mine.items.find((i) => i.id === 'p-wl-021')!.checkins7d).toBe(4) // o-ci-a, o-ci-b, o-never-opened-the-app and 刘老板 at his own shop
    expect(mine.totals.checkins7d).toBeGreaterThanOrEqual(3)
    // an admin: every community — all of them offered, any one of them listed (the unfiltered list
    // is capped at 200 and ordered by community, so generated places of earlier tests can fill it)
    const all = data(await call<{ items: { communityId: string }[]; communities: { id: string }[] }>('listMine', {}, 'demo-admin-sun'))
    expect(all.communities.length).toBeGreaterThanOrEqual(3)
    expect(all.items.length).toBeGreaterThan(0)
    const xixi = data(await call<{ items: { communityId: string }[] }>('listMine', { communityId: 'c-xixi' }, 'demo-admin-sun'))
    expect(xixi.items.length).toBeGreaterThan(0)
    expect(new Set(xixi.items.map((i) => i.communityId))).toEqual(new Set(['c-xixi']))
    const reps = data(await call<{ kind: string }[]>('reports', { placeId: 'p-wl-013' }, 'demo-worker-chen'))
    expect(reps[0].kind).toBe('closed')
    expect(await call('reports', { placeId: 'p-xx-001' }, 'demo-worker-chen')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
