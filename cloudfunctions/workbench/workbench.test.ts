import fc from 'fast-check'
import type { FiguresView, StatsDailyDoc, TodoView } from '../../domain/workbench/model'
import { SUGGESTION_CATEGORIES } from '../../domain/suggestions/model'
import { REPORT_KINDS, NEGATIVE_REPORTS } from '../../domain/places/model'
import { addDays, dayKey, shanghai, shanghaiAt, shanghaiMidnight } from '../../domain/time'
import { toEjson } from '../../scripts/demo/generate-places'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dataOf, docsOf, type Res } from '../../scripts/testing/points-fixture'
import { localFunctionEnv } from '../../scripts/function-env'
import { publicIdOf } from '../../server/public-id'

// 工作台 (issue 17) through the real wx-server-sdk in the emulator's function processes, against
// documents this suite writes: the to-do's counts per role and scope, and the daily roll-ups
// against a recount of every event.
let cloud: TestCloud
const WORKER_A = 'o-wb-worker-a'
const WORKER_AB = 'o-wb-worker-ab'
const ADMIN = 'o-wb-admin'
const RIDER = 'o-wb-rider'
const HOUR = 3_600_000
const now = new Date()

const call = <T>(action: string, input: unknown, openid: string) => cloud.call('workbench', { action, input }, openid) as Promise<Res<T>>
const insert = (collections: Record<string, unknown[]>) => cloud.emulator.database.importSnapshot({ collections: Object.fromEntries(Object.entries(collections).map(([k, v]) => [k, v.map(toEjson)])) })

const user = (id: string, patch: Record<string, unknown>) => ({ _id: id, nickname: id, roles: ['rider'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: now, updatedAt: now, ...patch })
const community = (id: string) => ({ _id: id, name: `${id} 社区`, street: '文晖街道', district: '拱墅区', createdAt: new Date(now.getTime() - 1000) })
const suggestion = (id: string, communityId: string, status: string, dueAt: Date, extra: Record<string, unknown> = {}) => ({
  _id: id, communityId, status, dueAt, category: 'safety', createdAt: new Date(dueAt.getTime() - 72 * HOUR), acceptedAt: null, firstResponseAt: null, resolvedAt: null, joiners: [], reporterId: RIDER, quotaKey: id, ...extra,
})

beforeAll(async () => {
  cloud = await startTestCloud()
  const pending = (id: string, c: string, hoursAgo: number) => user(id, { verification: { status: 'pending', communityId: c, riderId: `rid${hoursAgo}`, submittedAt: new Date(now.getTime() - hoursAgo * HOUR) } })
  const endOfToday = shanghaiMidnight(addDays(dayKey(now), 1))
  const laterToday = new Date(Math.min(now.getTime() + HOUR, endOfToday.getTime() - 60_000))
  await insert({
    communities: [community('c-wa'), community('c-wb')],
    users: [
      user(WORKER_A, { roles: ['worker'], workerCommunityIds: ['c-wa'] }),
      user(WORKER_AB, { roles: ['worker'], workerCommunityIds: ['c-wa', 'c-wb'] }),
      user(ADMIN, { roles: ['admin'] }),
      user(RIDER, { verification: { status: 'verified', communityId: 'c-wa' } }),
      pending('o-wb-p1', 'c-wa', 50),
      pending('o-wb-p2', 'c-wa', 3),
      pending('o-wb-p3', 'c-wa', 20),
      pending('o-wb-p4', 'c-wb', 100),
    ],
    suggestions: [
      suggestion('s-wb-1', 'c-wa', 'submitted', new Date(now.getTime() - HOUR)), // overdue, unaccepted
      suggestion('s-wb-2', 'c-wa', 'accepted', new Date(now.getTime() - 2 * HOUR)), // overdue
      ...(laterToday.getTime() > now.getTime() ? [suggestion('s-wb-3', 'c-wa', 'inProgress', laterToday)] : []), // due today
      suggestion('s-wb-4', 'c-wa', 'submitted', new Date(now.getTime() + 5 * 24 * HOUR)), // unaccepted
      suggestion('s-wb-5', 'c-wa', 'resolved', new Date(now.getTime() - HOUR)), // settled: nothing to do
      suggestion('s-wb-6', 'c-wb', 'submitted', new Date(now.getTime() - HOUR)), // the other community
    ],
    merchants: [
      { _id: 'o-wb-m1', communityId: 'c-wa', status: 'pending', submittedAt: now },
      { _id: 'o-wb-m2', communityId: 'c-wa', status: 'approved', submittedAt: now },
      { _id: 'o-wb-m3', communityId: 'c-wb', status: 'pending', submittedAt: now },
    ],
    mallItems: [
      { _id: 'i-wb-1', communityId: 'c-wa', contentFlagged: true, status: 'on', createdAt: now },
      { _id: 'i-wb-2', communityId: 'c-wa', contentFlagged: false, status: 'on', createdAt: now },
      { _id: 'i-wb-3', communityId: 'c-wb', contentFlagged: true, status: 'on', createdAt: now },
    ],
    activities: [
      { _id: 'a-wb-1', title: '平安骑士路口值守', communityId: 'c-wa', status: 'open', startAt: new Date(now.getTime() + 48 * HOUR), capacity: 10, signedUp: 4 },
      { _id: 'a-wb-2', title: '满员的活动', communityId: 'c-wa', status: 'open', startAt: new Date(now.getTime() + 24 * HOUR), capacity: 3, signedUp: 3 },
      { _id: 'a-wb-3', title: '下个月的活动', communityId: 'c-wa', status: 'open', startAt: new Date(now.getTime() + 20 * 24 * HOUR), capacity: 10, signedUp: 0 },
      { _id: 'a-wb-4', title: '已取消', communityId: 'c-wa', status: 'cancelled', startAt: new Date(now.getTime() + 24 * HOUR), capacity: 10, signedUp: 0 },
      { _id: 'a-wb-5', title: '隔壁社区的活动', communityId: 'c-wb', status: 'open', startAt: new Date(now.getTime() + 24 * HOUR), capacity: 10, signedUp: 1 },
    ],
    compoundFlags: [
      { _id: 'f-wb-1', compoundId: 'cp-1', compoundName: '金祝新村', communityId: 'c-wa', target: 'gate', targetId: 'g1', targetLabel: '1 号门', kind: 'closed', note: null, status: 'open', userId: RIDER, at: now, handledAt: null, handledBy: null, rateKey: 'f-wb-1' },
      { _id: 'f-wb-2', compoundId: 'cp-1', compoundName: '金祝新村', communityId: 'c-wa', target: 'gate', targetId: 'g1', targetLabel: '1 号门', kind: 'closed', note: null, status: 'fixed', userId: RIDER, at: now, handledAt: now, handledBy: WORKER_A, rateKey: 'f-wb-2' },
      { _id: 'f-wb-3', compoundId: 'cp-2', compoundName: '别的小区', communityId: 'c-wb', target: 'gate', targetId: 'g1', targetLabel: '1 号门', kind: 'closed', note: null, status: 'open', userId: RIDER, at: now, handledAt: null, handledBy: null, rateKey: 'f-wb-3' },
    ],
    places: [
      { _id: 'p-wb-1', communityId: 'c-wa', status: 'active', name: '驿站一', recentReports: { items: [], lastNegativeAt: new Date(now.getTime() - HOUR), lastNegativeKind: 'closed' } },
      { _id: 'p-wb-2', communityId: 'c-wa', status: 'active', name: '驿站二', recentReports: { items: [], lastNegativeAt: new Date(now.getTime() - 5 * HOUR), lastNegativeKind: 'full' } },
      { _id: 'p-wb-3', communityId: 'c-wa', status: 'active', name: '驿站三', recentReports: { items: [], lastNegativeAt: null, lastNegativeKind: null } },
      { _id: 'p-wb-4', communityId: 'c-wb', status: 'active', name: '驿站四', recentReports: { items: [], lastNegativeAt: new Date(now.getTime() - HOUR), lastNegativeKind: 'chargerBroken' } },
    ],
  })
}, 120_000)
afterAll(() => cloud?.stop())

describe('workbench.todo', () => {
  it('counts what waits in a worker’s community, oldest verification first, and nothing of another community', async () => {
    const r = await cloud.emulator.functions.invoke('workbench', { action: 'todo', input: {} }, { openid: WORKER_A })
    const t = dataOf(r.result as Res<TodoView>)
    const dueToday = t.suggestions.dueToday
    expect(t).toMatchObject({
      communityIds: ['c-wa'],
      verifications: { count: 3 },
      suggestions: { overdue: 2, unaccepted: 2 },
      merchants: { applications: 1, heldItems: 1 },
      activities: { count: 1, items: [expect.objectContaining({ id: 'a-wb-1', capacity: 10, signedUp: 4 })] },
      places: { flagged: 1 },
      compounds: { flagged: 1 },
    })
    expect([0, 1]).toContain(dueToday)
    expect(t.verifications.oldest.map((v) => v.riderId)).toEqual(['rid50', 'rid20', 'rid3'])
    expect(t.verifications.oldest[0].ageHours).toBe(50)
    expect(JSON.stringify(t)).not.toContain('o-wb-p1"')
    // counts, not scans: every figure but the two short lists is a count()
    expect(r.invocation.counters).toMatchObject({ counts: 8, aggregates: 0 })
  })

  it('answers a worker of two communities for both, or for one asked for', async () => {
    const both = dataOf(await call<TodoView>('todo', {}, WORKER_AB))
    expect(both).toMatchObject({ verifications: { count: 4 }, merchants: { applications: 2, heldItems: 2 }, places: { flagged: 2 }, activities: { count: 2 }, compounds: { flagged: 2 } })
    const b = dataOf(await call<TodoView>('todo', { communityId: 'c-wb' }, WORKER_AB))
    expect(b).toMatchObject({ communityIds: ['c-wb'], verifications: { count: 1 }, suggestions: { overdue: 1, unaccepted: 1 }, places: { flagged: 1 } })
  })

  it('refuses a community the worker does not serve, a rider, and a malformed input', async () => {
    expect(await call('todo', { communityId: 'c-wb' }, WORKER_A)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('todo', {}, RIDER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('todo', { communityId: '../x' }, WORKER_A)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await call('todo', { extra: 1 }, WORKER_A)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('gives an admin the whole district, or any one community', async () => {
    const all = dataOf(await call<TodoView>('todo', {}, ADMIN))
    expect(all.communityIds).toBeNull()
    expect(all.verifications.count).toBeGreaterThanOrEqual(4)
    expect(all.merchants.applications).toBeGreaterThanOrEqual(2)
    const b = dataOf(await call<TodoView>('todo', { communityId: 'c-wb' }, ADMIN))
    expect(b).toMatchObject({ verifications: { count: 1 }, merchants: { applications: 1, heldItems: 1 }, places: { flagged: 1 } })
  })
})

// ---- roll-ups ----

const CS = ['c-ra', 'c-rb', 'c-rc']
const TODAY = dayKey(now)
const DAYS = Array.from({ length: 6 }, (_, i) => addDays(TODAY, -(6 - i))) // the six days before today
const at = (day: number, minute: number) => new Date(shanghaiMidnight(DAYS[day]).getTime() + minute * 60_000)

/** Items of the mall with their community and merchant (null: a district item); seeded before the runs. */
const ITEMS = [
  { _id: 'i-rx-0', communityId: 'c-ra', merchantId: 'o-rx-m1', title: '姜茶' },
  { _id: 'i-rx-1', communityId: 'c-rb', merchantId: 'o-rx-m2', title: '面' },
  { _id: 'i-rx-2', communityId: 'c-ra', merchantId: 'o-rx-m2', title: '水' },
  { _id: 'i-rx-3', communityId: 'c-rc', merchantId: null, title: '充电' },
]
const POINT_RIDERS = Object.fromEntries([...CS, 'none'].map((c) => [c, `o-rx-points-${c}`]))
const instant = fc.record({ day: fc.integer({ min: 0, max: DAYS.length - 1 }), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
const later = fc.option(fc.integer({ min: 1, max: 4 * 24 * 60 }), { nil: null })
const event = fc.oneof(
  fc.record({ t: fc.constant('verified' as const), c: fc.constantFrom(...CS), at: instant }),
  // weighted so that every counter of the six days sees a few dozen events over the runs
  { weight: 4, arbitrary: fc.record({
    t: fc.constant('suggestion' as const),
    c: fc.constantFrom(...CS),
    at: instant,
    category: fc.constantFrom(...SUGGESTION_CATEGORIES),
    accept: later,
    respond: later,
    resolve: later,
    dueIn: fc.integer({ min: 60, max: 7 * 24 * 60 }),
    // the reporter's confirmation (within half a day of the answer, so that most fall on the six days), with or without a rating
    close: fc.option(fc.integer({ min: 1, max: 12 * 60 }), { nil: null }),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  }) },
  // a ledger entry of a rider of community c (or of a rider without one); a redemption of item `item`
  { weight: 2, arbitrary: fc.record({
    t: fc.constant('points' as const),
    c: fc.option(fc.constantFrom(...CS), { nil: null }),
    at: instant,
    reason: fc.constantFrom('checkIn', 'reportAccepted', 'volunteerHours', 'course', 'adjustment', 'redemption', 'refund', 'expiry'),
    n: fc.integer({ min: 1, max: 80 }),
    negative: fc.boolean(),
    item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
    lastUnit: fc.boolean(),
  }) },
  // a voucher of item `item` used at a counter (a merchant's, or a station's for a district item)
  { weight: 2, arbitrary: fc.record({ t: fc.constant('used' as const), at: instant, item: fc.integer({ min: 0, max: ITEMS.length - 1 }) }) },
  fc.record({ t: fc.constant('checkin' as const), c: fc.constantFrom(...CS), at: instant }),
  fc.record({ t: fc.constant('report' as const), c: fc.constantFrom(...CS), at: instant, kind: fc.constantFrom(...REPORT_KINDS) }),
  fc.record({ t: fc.constant('signup' as const), c: fc.constantFrom(...CS), at: instant, out: later, minutes: fc.integer({ min: 0, max: 240 }) }),
)
type Ev = typeof event extends fc.Arbitrary<infer T> ? T : never

let seq = 0
/** The documents the actions would have written for these events (only the fields the roll-up reads). */
function documentsOf(events: Ev[]): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = { users: [], suggestions: [], checkins: [], placeReports: [], signups: [], ledger: [], vouchers: [] }
  for (const e of events) {
    const id = `rx-${++seq}`
    const t0 = at(e.at.day, e.at.minute)
    const plus = (m: number | null) => (m === null ? null : new Date(t0.getTime() + m * 60_000))
    if (e.t === 'verified') out.users.push(user(id, { verification: { status: 'verified', communityId: e.c, reviewedAt: t0 } }))
    if (e.t === 'suggestion') {
      const resolvedAt = plus(e.resolve)
      const closedAt = resolvedAt && e.close !== null ? new Date(resolvedAt.getTime() + e.close * 60_000) : null
      out.suggestions.push({
        _id: id,
        communityId: e.c,
        category: e.category,
        status: closedAt ? 'closed' : resolvedAt ? 'resolved' : 'accepted',
        createdAt: t0,
        dueAt: plus(e.dueIn),
        acceptedAt: plus(e.accept),
        firstResponseAt: plus(e.respond),
        resolvedAt,
        closedAt,
        rating: closedAt ? e.rating : null,
        joiners: [],
        quotaKey: id,
      })
    }
    if (e.t === 'points') {
      const item = ITEMS[e.item]
      const sign = { redemption: -1, expiry: -1, refund: 1, adjustment: e.negative ? -1 : 1 }[e.reason as string] ?? 1
      const voucher = e.reason === 'redemption' ? { code: id, itemId: item._id, itemTitle: item.title, price: e.n, merchantId: item.merchantId, communityId: item.communityId, placeId: null, placeName: null, validUntil: t0, ...(e.lastUnit ? { lastUnit: true } : {}) } : null
      out.ledger.push({ _id: id, userId: POINT_RIDERS[e.c ?? 'none'], delta: sign * e.n, reason: e.reason, sourceRef: id, idempotencyKey: id, balanceAfter: 0, at: t0, lots: [], note: null, voucher, by: null })
    }
    if (e.t === 'used') {
      const item = ITEMS[e.item]
      out.vouchers.push({ _id: id, status: 'used', userId: 'o-rx-user', merchantId: item.merchantId, itemId: item._id, itemTitle: item.title, price: 10, at: t0, by: item.merchantId ?? 'o-rx-staff' })
    }
    if (e.t === 'checkin') out.checkins.push({ _id: id, userId: id, placeId: `p-${e.c}`, communityId: e.c, day: dayKey(t0), at: t0 })
    if (e.t === 'report') out.placeReports.push({ _id: id, placeId: `p-${e.c}`, communityId: e.c, userId: id, kind: e.kind, at: t0, rateKey: id })
    if (e.t === 'signup') {
      const out_ = plus(e.out)
      out.signups.push({ _id: id, activityId: id, userId: id, communityId: e.c, signedUpAt: t0, checkedOutAt: out_, counted: !!out_ && e.minutes >= 60, serviceMinutes: out_ && e.minutes >= 60 ? e.minutes : 0, status: out_ ? 'checkedOut' : 'signedUp' })
    }
  }
  return out
}

/** A recount of one community and day straight from every event document (independent of the fold). */
function recount(all: Record<string, Record<string, unknown>[]>, c: string, day: string) {
  const on = (v: unknown) => !!v && dayKey(v as Date) === day
  const sug = all.suggestions.filter((s) => s.communityId === c)
  const resolved = sug.filter((s) => on(s.resolvedAt))
  const minutes = (a: unknown, b: unknown) => Math.round(((a as Date).getTime() - (b as Date).getTime()) / 60_000)
  const checkins = all.checkins.filter((x) => x.communityId === c && x.day === day)
  const byHour = Array.from({ length: 24 }, (_, h) => checkins.filter((x) => shanghai(x.at as Date).hour() === h).length)
  const outs = all.signups.filter((s) => s.communityId === c && on(s.checkedOutAt))
  const byCategory: Record<string, number> = {}
  for (const s of sug.filter((s) => on(s.createdAt))) byCategory[s.category as string] = (byCategory[s.category as string] ?? 0) + 1
  const rated = sug.filter((s) => on(s.closedAt) && s.rating)
  // a flag is cleared by the first check-in at its place within the 3 h after it
  const flags = all.placeReports.filter((r) => r.communityId === c && on(r.at) && NEGATIVE_REPORTS.includes(r.kind as never))
  const clears = flags.map((r) => {
    const t0 = (r.at as Date).getTime()
    const after = all.checkins.map((x) => (x.at as Date).getTime()).filter((t, i) => all.checkins[i].placeId === r.placeId && t > t0 && t <= t0 + 3 * HOUR)
    return after.length ? Math.round((Math.min(...after) - t0) / 60_000) : null
  })
  const today = all.ledger.filter((l) => on(l.at))
  const mine = today.filter((l) => l.userId === POINT_RIDERS[c])
  const itemRedemptions: Record<string, { title: string; n: number; soldOut: number }> = {}
  for (const l of today) {
    const v = l.voucher as { itemId: string; itemTitle: string; communityId: string; lastUnit?: boolean } | null
    if (l.reason !== 'redemption' || !v || v.communityId !== c) continue
    const it = (itemRedemptions[v.itemId] ??= { title: v.itemTitle, n: 0, soldOut: 0 })
    it.n++
    if (v.lastUnit) it.soldOut++
  }
  const used = all.vouchers.filter((v) => on(v.at) && ITEMS.find((i) => i._id === v.itemId)!.communityId === c)
  const merchantVerifications: Record<string, number> = {}
  for (const v of used) if (v.merchantId) merchantVerifications[publicIdOf(v.merchantId as string, env())] = (merchantVerifications[publicIdOf(v.merchantId as string, env())] ?? 0) + 1
  return {
    verified: all.users.filter((u) => (u.verification as { communityId: string }).communityId === c && on((u.verification as { reviewedAt: Date }).reviewedAt)).length,
    sugReceived: sug.filter((s) => on(s.createdAt)).length,
    sugByCategory: byCategory,
    sugAccepted: sug.filter((s) => on(s.acceptedAt)).length,
    sugFirstResponses: sug.filter((s) => on(s.firstResponseAt)).length,
    sugFirstResponseMinutes: sug.filter((s) => on(s.firstResponseAt)).reduce((n, s) => n + minutes(s.firstResponseAt, s.createdAt), 0),
    sugResolved: resolved.length,
    sugResolvedOnTime: resolved.filter((s) => (s.resolvedAt as Date) <= (s.dueAt as Date)).length,
    sugResolveMinutes: resolved.reduce((n, s) => n + minutes(s.resolvedAt, s.createdAt), 0),
    checkins: checkins.length,
    checkinsByHour: byHour,
    flags: flags.length,
    flagsCleared: clears.filter((m) => m !== null).length,
    flagClearMinutes: clears.reduce((n: number, m) => n + (m ?? 0), 0),
    signups: all.signups.filter((s) => s.communityId === c && on(s.signedUpAt)).length,
    checkouts: outs.length,
    attended: outs.filter((s) => s.counted).length,
    serviceMinutes: outs.reduce((n, s) => n + (s.serviceMinutes as number), 0),
    sugRated: rated.length,
    sugRatingSum: rated.reduce((n, s) => n + (s.rating as number), 0),
    sugSatisfied: rated.filter((s) => (s.rating as number) >= 4).length,
    pointsIssued: mine.filter((l) => (l.delta as number) > 0 && ['checkIn', 'reportAccepted', 'volunteerHours', 'course', 'adjustment'].includes(l.reason as string)).reduce((n, l) => n + (l.delta as number), 0),
    pointsRedeemed: mine.filter((l) => l.reason === 'redemption').reduce((n, l) => n - (l.delta as number), 0),
    pointsRefunded: mine.filter((l) => l.reason === 'refund').reduce((n, l) => n + (l.delta as number), 0),
    pointsExpired: mine.filter((l) => l.reason === 'expiry').reduce((n, l) => n - (l.delta as number), 0),
    itemRedemptions,
    vouchersVerified: used.length,
    merchantVerifications,
  }
}

const env = () => localFunctionEnv(cloud.emulator.dataDir)

const runTimerAt = async (time: Date) => {
  const { result } = await cloud.emulator.functions.invoke('workbench', { Type: 'Timer', TriggerName: 'rollup', Time: time.toISOString() }, { openid: '', appid: '', source: 'wx_trigger' })
  expect(result).toMatchObject({ ok: true })
}
/** The trigger of each day after DAYS[0]: each recomputes the two days before it. */
const rollUpEveryDay = async () => {
  for (let i = 1; i <= DAYS.length; i++) await runTimerAt(shanghaiAt(addDays(DAYS[0], i), '00:30'))
}

describe('daily roll-ups', () => {
  it('equal a full recount after random histories, also after more events arrive and the timer runs again', async () => {
    const history: Record<string, Record<string, unknown>[]> = { users: [], suggestions: [], checkins: [], placeReports: [], signups: [], ledger: [], vouchers: [] }
    // the riders whose points are counted (verified long before these days) and the items
    const longAgo = new Date(shanghaiMidnight(DAYS[0]).getTime() - 30 * 86_400_000)
    await insert({
      users: Object.entries(POINT_RIDERS).map(([c, id]) => user(id, c === 'none' ? {} : { verification: { status: 'verified', communityId: c, reviewedAt: longAgo } })),
      mallItems: ITEMS.map((i) => ({ ...i, status: 'on', stock: 1, stockTotal: 1, createdAt: longAgo })),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 20, maxLength: 60 }), async (events) => {
        const docs = documentsOf(events)
        for (const k of Object.keys(docs)) history[k].push(...docs[k])
        await insert(docs)
        await rollUpEveryDay()
        const stats = docsOf(cloud, 'statsDaily') as unknown as StatsDailyDoc[]
        for (const c of CS)
          for (const day of DAYS) {
            const doc = stats.find((s) => s._id === `${c}|${day}`)
            const want = recount(history, c, day)
            const { _id, communityId, day: d, computedAt, ...got } = doc ?? ({ _id: '', communityId: c, day, computedAt: null, ...emptyLike(want) } as never)
            expect({ c, day, ...got }).toEqual({ c, day, ...want })
          }
      }),
      // the history grows over the runs, so shrinking would only pile up events: stop at the first failure
      { numRuns: 6, seed: 1717, endOnFailure: true },
    )
  }, 300_000)

  it('feeds figures that sum the roll-ups of the period, per community and in all', async () => {
    const all = docsOf(cloud, 'statsDaily') as unknown as StatsDailyDoc[]
    const ours = all.filter((s) => CS.includes(s.communityId))
    await insert({ communities: CS.map(community), users: [user('o-wb-admin2', { roles: ['admin'] }), user('o-wb-worker-r', { roles: ['worker'], workerCommunityIds: ['c-ra'] })] })
    const f = dataOf(await call<FiguresView>('figures', { days: 7 }, 'o-wb-worker-r'))
    const sum = (k: 'checkins' | 'sugReceived' | 'signups', c?: string) => ours.filter((s) => (!c || s.communityId === c) && s.day >= f.from).reduce((n, s) => n + s[k], 0)
    expect(f).toMatchObject({ days: 7, to: addDays(TODAY, -1), communityId: null })
    expect(f.series).toHaveLength(7)
    expect(f.totals.checkins).toBe(sum('checkins', 'c-ra'))
    expect(f.series.reduce((n, d) => n + d.sugReceived, 0)).toBe(sum('sugReceived', 'c-ra'))
    expect(f.communities.map((c) => c.communityId)).toEqual(['c-ra'])
    expect(f.checkinsByHour.reduce((a, b) => a + b, 0)).toBe(f.totals.checkins)
    // O(days × communities): the worker's documents of 7 days and the community list
    expect(f.docsRead).toBeLessThanOrEqual(7 + all.length + 10)
    const admin = dataOf(await call<FiguresView>('figures', { days: 30 }, 'o-wb-admin2'))
    for (const c of CS) expect(admin.communities.find((x) => x.communityId === c)?.checkins).toBe(sum('checkins', c))
    expect(await call('figures', { days: 7, communityId: 'c-rb' }, 'o-wb-worker-r')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('figures', { days: 14 }, 'o-wb-worker-r')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await call('figures', { days: 7 }, RIDER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

function emptyLike(want: ReturnType<typeof recount>) {
  return { ...want, ...Object.fromEntries(Object.entries(want).map(([k, v]) => [k, Array.isArray(v) ? v.map(() => 0) : typeof v === 'number' ? 0 : {}])) }
}
