import type { ActivityDetail, ActivityDoc, ActivityListResult, CheckinCodeView, RosterCsv, RosterResult, ServiceRecord, SignupDoc, SignUpResult } from '../../domain/volunteer/model'
import { checkinWindowOf } from '../../domain/volunteer/rules'
import { codeFor } from './src/checkin-code'
import { demoSnapshot } from '../../scripts/demo/data'
import { pastVolunteerAwards } from '../../scripts/demo/volunteer'
import { toEjson } from '../../scripts/demo/generate-places'
import { localFunctionEnv } from '../../scripts/function-env'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { seedActivity as seedActivityBy, seedSignup } from '../../scripts/testing/volunteer-fixture'

// The volunteer function through the real wx-server-sdk, in the emulator's function processes.
// Time: activities are created or seeded relative to the real clock (no test clock in the
// function); the reminder timer takes its clock from the timer event's `Time`.
let cloud: TestCloud

type Ok<T> = { ok: true; data: T }
type Err = { ok: false; error: { code: string; message: string; field?: string } }
type Res<T> = Ok<T> | Err

const call = <T>(action: string, input: unknown, openid: string) => cloud.call('volunteer', { action, input }, openid) as Promise<Res<T>>
const data = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`)
  return r.data
}
const docs = <T = Record<string, unknown>>(name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as T[]
const signupsOf = (activityId: string) => docs<SignupDoc & { seq: number }>('signups').filter((s) => s.activityId === activityId)
const activityDoc = (id: string) => docs<ActivityDoc>('activities').find((a) => a._id === id)!
const outbox = () => cloud.emulator.openapi.outbox.list()

const MIN = 60_000
const H = 60 * MIN
const WORKER = 'demo-worker-chen' // c-xinheping, c-jinzhu
const ADMIN = 'demo-admin-sun'
const ZHANG = 'demo-rider-zhang'
const WANG = 'demo-rider-wang'
const ZHAO = 'demo-rider-zhao'
const LI = 'demo-rider-li' // unverified
const MERCHANT = 'demo-merchant-liu'
/** 新和平社区骑士加油站 */
const PLACE = { id: 'p-wl-003', lng: 120.17256, lat: 30.29312 }

const riders = Array.from({ length: 60 }, (_, i) => `vr-${String(i).padStart(2, '0')}`)

/** An activity of WORKER's at PLACE, written straight into the database. */
const seedActivity = (over: Partial<ActivityDoc> & { startAt: Date; endAt: Date }) => seedActivityBy(PLACE, WORKER, over)

async function seed(activities: ActivityDoc[], signups: SignupDoc[] = []) {
  await cloud.emulator.database.importSnapshot({ collections: { activities: activities.map(toEjson), signups: signups.map(toEjson) } })
}

/** A worker-created activity starting `inHours` from now. */
async function createActivity(over: Record<string, unknown> = {}, inHours = 48, by = WORKER): Promise<ActivityDetail> {
  const start = Date.now() + inHours * H
  return data(
    await call<ActivityDetail>(
      'create',
      {
        type: 'patrol',
        title: '平安骑士 · 网格巡逻',
        description: '沿文晖路巡查电动车违停、消防通道堵塞，随手拍上报',
        communityId: 'c-xinheping',
        where: { placeId: PLACE.id },
        startAt: start,
        endAt: start + 2 * H,
        capacity: 20,
        verifiedOnly: true,
        ...over,
      },
      by,
    ),
  )
}

const fixHere = () => ({ longitude: PLACE.lng + 0.0005, latitude: PLACE.lat, accuracy: 20, fixedAt: Date.now() })

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  const created = new Date('2026-09-01T09:00:00+08:00')
  await cloud.emulator.database.importSnapshot({
    collections: {
      users: riders.map((id, i) =>
        toEjson({ _id: id, nickname: `骑手${i}`, roles: ['rider'], workerCommunityIds: [], verification: { status: 'verified' }, createdAt: created, updatedAt: created }),
      ),
    },
  })
  // the function's check-in code key, so tests can make codes of past minutes (expired)
  process.env.CHECKIN_CODE_SIGNING_KEY = localFunctionEnv(cloud.emulator.dataDir).CHECKIN_CODE_SIGNING_KEY
}, 120_000)
afterAll(() => cloud?.stop())

describe('volunteer.signUp under concurrency', () => {
  it('50 concurrent sign-ups for 20 places: exactly 20 places, 30 waitlisted in arrival order, nobody twice', async () => {
    const act = await createActivity({ capacity: 20 })
    const fifty = riders.slice(0, 50)
    // ten of them also send a second, concurrent copy
    const requests = [...fifty, ...fifty.slice(0, 10)].map((r) => call<SignUpResult>('signUp', { activityId: act.id }, r).then((res) => ({ r, res })))
    const results = await Promise.all(requests)
    const ok = results.filter((x) => x.res.ok)
    const failed = results.filter((x) => !x.res.ok)
    expect(ok).toHaveLength(50)
    expect(failed).toHaveLength(10)
    for (const f of failed) expect((f.res as Err).error).toMatchObject({ code: 'CONFLICT' })
    expect(new Set(ok.map((x) => x.r)).size).toBe(50)

    const rows = signupsOf(act.id)
    expect(rows).toHaveLength(50)
    expect(new Set(rows.map((s) => s.userId)).size).toBe(50)
    expect(rows.map((s) => s.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    // places go to the first 20 arrivals, the waitlist keeps arrival order
    for (const s of rows) expect(s.status).toBe(s.seq <= 20 ? 'signedUp' : 'waitlisted')
    for (const x of ok) {
      const d = (x.res as Ok<SignUpResult>).data
      const row = rows.find((s) => s.userId === x.r)!
      expect(d.status).toBe(row.status)
      expect(d.waitlistPosition).toBe(row.status === 'waitlisted' ? row.seq - 20 : null)
    }
    expect(activityDoc(act.id)).toMatchObject({ seq: 50, signedUp: 20, waitlisted: 30 })

    // detail: places left and the caller's waitlist position
    const d = data(await call<ActivityDetail>('detail', { id: act.id }, rows.find((s) => s.seq === 23)!.userId))
    expect(d).toMatchObject({ placesLeft: 0, waitlisted: 30, my: { status: 'waitlisted', waitlistPosition: 3 } })

    // a cancellation promotes exactly one: the first in line, who is notified
    outboxMark = outbox().length
    const leaver = rows.find((s) => s.seq === 5)!.userId
    const c = data(await call('cancel', { activityId: act.id }, leaver))
    expect(c).toMatchObject({ status: 'cancelled', promoted: true, lateCancel: false })
    const after = signupsOf(act.id)
    const first = after.find((s) => s.seq === 21)!
    expect(first).toMatchObject({ status: 'signedUp' })
    expect(after.filter((s) => s.status === 'signedUp')).toHaveLength(20)
    expect(after.filter((s) => s.status === 'waitlisted')).toHaveLength(29)
    expect(activityDoc(act.id)).toMatchObject({ signedUp: 20, waitlisted: 29 })
    const sent = outbox().slice(outboxMark)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toEqual(
      expect.objectContaining({
        touser: first.userId,
        templateId: 'volunteer-promoted',
        page: `packages/volunteer/detail/index?id=${act.id}`,
        data: { thing1: { value: '平安骑士 · 网格巡逻' }, time2: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/) }, thing3: { value: '新和平社区骑士加油站' }, thing4: { value: '候补成功，你已获得名额，请准时参加' } },
      }),
    )

    // a waitlisted rider cancelling frees no place and promotes nobody
    const waiting = after.find((s) => s.seq === 40)!.userId
    expect(data(await call('cancel', { activityId: act.id }, waiting))).toMatchObject({ promoted: false })
    expect(activityDoc(act.id)).toMatchObject({ signedUp: 20, waitlisted: 28 })

    // three concurrent cancellations promote exactly three, in arrival order
    const three = after.filter((s) => s.seq >= 6 && s.seq <= 8).map((s) => s.userId)
    await Promise.all(three.map((r) => call('cancel', { activityId: act.id }, r).then(data)))
    const end = signupsOf(act.id)
    expect(end.filter((s) => s.status === 'signedUp').map((s) => s.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24])
    expect(activityDoc(act.id)).toMatchObject({ signedUp: 20, waitlisted: 25 })

    // the rider who left may sign up again: to the end of the waitlist
    const again = data(await call<SignUpResult>('signUp', { activityId: act.id }, leaver))
    expect(again).toMatchObject({ status: 'waitlisted', waitlistPosition: 26 })
    expect(signupsOf(act.id).find((s) => s.userId === leaver)).toMatchObject({ status: 'waitlisted', seq: 51 })
  }, 120_000)

  it('stays within 2 reads and 2 writes per sign-up', async () => {
    const act = await createActivity({ capacity: 1 })
    const first = await cloud.emulator.functions.invoke('volunteer', { action: 'signUp', input: { activityId: act.id } }, { openid: riders[50] })
    expect(first.result).toMatchObject({ ok: true, data: { status: 'signedUp' } })
    expect(first.invocation.counters.reads).toBeLessThanOrEqual(2)
    expect(first.invocation.counters.writes).toBeLessThanOrEqual(2)
    expect(first.invocation.counters.counts).toBe(0)
    const second = await cloud.emulator.functions.invoke('volunteer', { action: 'signUp', input: { activityId: act.id } }, { openid: riders[51] })
    expect(second.result).toMatchObject({ ok: true, data: { status: 'waitlisted', waitlistPosition: 1 } })
    expect(second.invocation.counters).toMatchObject({ reads: 2, writes: 2, counts: 0 })
  })
})

let outboxMark = 0

describe('volunteer.signUp refusals write nothing', () => {
  it('after the sign-up deadline, for an overlapping activity, unverified riders, cancelled activities', async () => {
    const soon = Date.now() + 30 * MIN
    const late = seedActivity({ startAt: new Date(soon), endAt: new Date(soon + H) }) // deadline 30 min ago
    const base = Date.now() + 72 * H
    const a = seedActivity({ startAt: new Date(base), endAt: new Date(base + 2 * H), title: '助老专送 · 午餐送达' })
    const b = seedActivity({ startAt: new Date(base + H), endAt: new Date(base + 3 * H), title: '文明宣传' })
    const c = seedActivity({ startAt: new Date(base + 2 * H), endAt: new Date(base + 3 * H), title: '紧接着的巡逻' })
    const off = seedActivity({ startAt: new Date(base + 10 * H), endAt: new Date(base + 11 * H), status: 'cancelled' })
    await seed([late, a, b, c, off])
    const before = docs('signups').length

    const r1 = await call('signUp', { activityId: late._id }, ZHAO)
    expect(r1).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((r1 as Err).error.message).toMatch(/^报名已于 .* 截止$/)

    data(await call('signUp', { activityId: a._id }, ZHAO))
    const r2 = await call('signUp', { activityId: b._id }, ZHAO)
    expect(r2).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((r2 as Err).error.message).toContain('与你已报名的「助老专送 · 午餐送达」')
    // back to back is fine
    data(await call('signUp', { activityId: c._id }, ZHAO))

    expect(await call('signUp', { activityId: a._id }, LI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('认证') } })
    expect(await call('signUp', { activityId: off._id }, WANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '活动已取消' } })
    expect(await call('signUp', { activityId: 'nope' }, WANG)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await call('signUp', { activityId: a._id }, ZHAO)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '你已经报名了这个活动' } })

    expect(docs('signups').length).toBe(before + 2)
    expect(activityDoc(late._id)).toMatchObject({ seq: 0, signedUp: 0, waitlisted: 0 })
    expect(activityDoc(b._id)).toMatchObject({ seq: 0, signedUp: 0, waitlisted: 0 })
    expect(activityDoc(a._id)).toMatchObject({ seq: 1, signedUp: 1 })

    // an unverified rider may join an activity open to everyone
    const open = seedActivity({ startAt: new Date(base + 20 * H), endAt: new Date(base + 21 * H), verifiedOnly: false, type: 'course', title: '骑士学院 · 电动车消防安全' })
    await seed([open])
    expect(data(await call<SignUpResult>('signUp', { activityId: open._id }, LI))).toMatchObject({ status: 'signedUp' })
  })

  it('cancelling after the cancellation deadline is recorded as late; after the start it is refused', async () => {
    const start = Date.now() + 90 * MIN
    const a = seedActivity({ startAt: new Date(start), endAt: new Date(start + H), capacity: 1, seq: 2, signedUp: 1, waitlisted: 1 })
    const running = seedActivity({ startAt: new Date(Date.now() - 10 * MIN), endAt: new Date(Date.now() + H), seq: 1, signedUp: 1 })
    await seed([a, running], [seedSignup(a, WANG, 1), seedSignup(a, ZHANG, 2, { status: 'waitlisted' }), seedSignup(running, WANG, 1)])
    const r = data(await call('cancel', { activityId: a._id }, WANG))
    expect(r).toMatchObject({ lateCancel: true, promoted: true })
    expect(signupsOf(a._id).find((s) => s.userId === WANG)).toMatchObject({ status: 'cancelled', lateCancel: true })
    expect(signupsOf(a._id).find((s) => s.userId === ZHANG)).toMatchObject({ status: 'signedUp' })
    expect(await call('cancel', { activityId: running._id }, WANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已经开始') } })
    expect(signupsOf(running._id)[0]).toMatchObject({ status: 'signedUp' })
  })
})

describe('a WeChat user who never opened 我的', () => {
  const userDocOf = (openid: string) => docs<{ _id: string; roles: string[] }>('users').find((u) => u._id === openid)

  it('browses, signs up for an open activity, cancels and sees their record: their users document is made on the way', async () => {
    const base = Date.now() + 96 * H
    const open = seedActivity({ startAt: new Date(base), endAt: new Date(base + H), verifiedOnly: false, type: 'course', title: '骑士学院 · 新人课' })
    await seed([open])
    const NEW = 'o-volunteer-first-timer'
    data(await call<ActivityListResult>('list', {}, NEW))
    data(await call<ActivityDetail>('detail', { id: open._id }, NEW))
    expect(userDocOf(NEW)).toBeUndefined()

    const { result, invocation } = await cloud.emulator.functions.invoke('volunteer', { action: 'signUp', input: { activityId: open._id } }, { openid: NEW })
    expect(data(result as Res<SignUpResult>)).toMatchObject({ status: 'signedUp' })
    // the sign-up's own 2 reads + 2 writes, plus the new document: 1 write (no extra read)
    expect(invocation.counters).toMatchObject({ reads: 2, writes: 3 })
    expect(userDocOf(NEW)).toMatchObject({ roles: ['rider'] })
    data(await call('cancel', { activityId: open._id }, NEW))

    const NEWER = 'o-volunteer-record-first'
    expect(data(await call<ServiceRecord>('myRecord', {}, NEWER))).toMatchObject({ totalHours: 0 })
    data(await call('certificate', {}, NEWER))
    expect(userDocOf(NEWER)).toMatchObject({ roles: ['rider'] })
  })

  it('a verified-only activity tells a new user to verify first', async () => {
    const base = Date.now() + 100 * H
    const a = seedActivity({ startAt: new Date(base), endAt: new Date(base + H) })
    await seed([a])
    expect(await call('signUp', { activityId: a._id }, 'o-volunteer-unverified-first')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('认证') } })
  })
})

describe('check-in and check-out', () => {
  it('refuses a far fix, a forged or expired code, a code of another activity and a closed window; writes nothing', async () => {
    const now = Date.now()
    const running = seedActivity({ startAt: new Date(now - 10 * MIN), endAt: new Date(now + 50 * MIN), seq: 2, signedUp: 1, waitlisted: 1 })
    const later = seedActivity({ startAt: new Date(now + 3 * H), endAt: new Date(now + 4 * H), seq: 1, signedUp: 1 })
    await seed([running, later], [seedSignup(running, ZHANG, 1), seedSignup(running, ZHAO, 2, { status: 'waitlisted' }), seedSignup(later, ZHANG, 1)])
    const code = data(await call<CheckinCodeView>('checkinCode', { id: running._id }, WORKER))
    expect(code.code).toMatch(/^\d{6}$/)
    expect(code.qr).toBe(`xgvol1:${running._id}:${code.code}`)
    const snapshot = JSON.stringify(docs('signups'))

    const far = { ...fixHere(), longitude: PLACE.lng + 0.01 }
    expect(await call('checkIn', { activityId: running._id, code: code.code, ...far }, ZHANG)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'longitude' } })
    const forged = code.code === '000000' ? '000001' : '000000'
    expect(await call('checkIn', { activityId: running._id, code: forged, ...fixHere() }, ZHANG)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } })
    const expired = codeFor(running._id, checkinWindowOf(new Date()) - 5)
    expect(await call('checkIn', { activityId: running._id, code: expired, ...fixHere() }, ZHANG)).toMatchObject({ ok: false, error: { code: 'EXPIRED', field: 'code' } })
    // the code of one activity does not open another
    expect(await call('checkIn', { activityId: later._id, code: code.code, ...fixHere() }, ZHANG)).toMatchObject({ ok: false })
    const laterCode = codeFor(later._id, checkinWindowOf(new Date()))
    expect(await call('checkIn', { activityId: later._id, code: laterCode, ...fixHere() }, ZHANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('签到时间为') } })
    expect(await call('checkIn', { activityId: running._id, code: code.code, ...fixHere(), fixedAt: Date.now() - 10 * MIN }, ZHANG)).toMatchObject({ ok: false, error: { field: 'fixedAt' } })
    expect(await call('checkIn', { activityId: running._id, code: code.code, ...fixHere() }, ZHAO)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('候补') } })
    expect(await call('checkIn', { activityId: running._id, code: code.code, ...fixHere() }, WANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(JSON.stringify(docs('signups'))).toBe(snapshot)

    const ok = data(await call('checkIn', { activityId: running._id, code: code.code, ...fixHere() }, ZHANG))
    expect(ok).toMatchObject({ status: 'checkedIn' })
    expect(await call('checkIn', { activityId: running._id, code: code.code, ...fixHere() }, ZHANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // checking out at once: attended far less than 60% → no hours, no points
    const out = data(await call('checkOut', { activityId: running._id, code: code.code, ...fixHere() }, ZHANG))
    expect(out).toMatchObject({ status: 'checkedOut', counted: false, hours: 0, pointsAwarded: 0 })
  })

  it('credits hours at ≥ 60% attendance and awards points once through the ledger', async () => {
    const now = Date.now()
    const a = seedActivity({ startAt: new Date(now - 55 * MIN), endAt: new Date(now + 5 * MIN), seq: 1, signedUp: 1, title: '助老专送 · 午餐送达', type: 'elderly' })
    const id = `${a._id}_${WANG}`
    await seed([a], [seedSignup(a, WANG, 1, { checkedInAt: new Date(now - 50 * MIN) })])
    const code = data(await call<CheckinCodeView>('checkinCode', { id: a._id }, ADMIN))
    const out = data(await call('checkOut', { activityId: a._id, code: code.code, ...fixHere() }, WANG))
    expect(out).toMatchObject({ status: 'checkedOut', counted: true, pointsAwarded: 10 })
    expect((out as { hours: number }).hours).toBeGreaterThanOrEqual(0.8)
    const mine = () => docs<{ userId: string; sourceRef: string; idempotencyKey: string; delta: number }>('ledger').filter((e) => e.sourceRef === id)
    expect(mine()).toEqual([expect.objectContaining({ userId: WANG, idempotencyKey: `volunteerHours:${id}`, delta: 10 })])
    expect(await call('checkOut', { activityId: a._id, code: code.code, ...fixHere() }, WANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(mine()).toHaveLength(1)

    // on top of the demo's past patrols of 王姐 (the 平安骑士 persona)
    const past = pastVolunteerAwards().filter((x) => x.userId === WANG)
    const rec = data(await call<ServiceRecord>('myRecord', {}, WANG))
    expect(rec.totalHours).toBeGreaterThanOrEqual(0.8)
    expect(rec).toMatchObject({ activities: past.length + 1, points: past.reduce((n, x) => n + x.points, 0) + 10, nickname: '王姐', lateCancels: 1 })
    expect(rec.items.find((i) => i.activityId === a._id)).toMatchObject({ counted: true, pointsAwarded: 10 })
    const cert = data(await call<{ name: string; totalHours: number; activities: unknown[]; serial: string }>('certificate', {}, WANG))
    expect(cert.name).toBe('王姐')
    expect(cert.activities).toHaveLength(past.length + 1)
    expect(cert.activities).toContainEqual(expect.objectContaining({ title: '助老专送 · 午餐送达' }))
    expect(cert.serial).toMatch(/^XGZY-\d{8}-[0-9A-F]{10}$/)
  })

  it("awards the activity's own points per hour, capped by the district's earn rule", async () => {
    const start = Date.now() + 48 * H
    const tooMany = { type: 'patrol', title: '平安骑士 · 网格巡逻', communityId: 'c-xinheping', where: { placeId: PLACE.id }, startAt: start, endAt: start + 2 * H, capacity: 5, pointsPerHour: 11 }
    expect(await call('create', tooMany, WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'pointsPerHour' } })
    const byDefault = await createActivity({}, 72)
    expect(byDefault).toMatchObject({ pointsPerHour: 10, pointsRule: expect.stringContaining('每服务 1 小时得 10 积分') })
    const now = Date.now()
    const a = seedActivity({ startAt: new Date(now - 55 * MIN), endAt: new Date(now + 5 * MIN), seq: 1, signedUp: 1, title: '文明宣传 · 路口劝导', type: 'civic', pointsPerHour: 4 })
    await seed([a], [seedSignup(a, ZHAO, 1, { checkedInAt: new Date(now - 50 * MIN) })])
    const code = data(await call<CheckinCodeView>('checkinCode', { id: a._id }, ADMIN))
    const out = data(await call('checkOut', { activityId: a._id, code: code.code, ...fixHere() }, ZHAO))
    expect(out).toMatchObject({ status: 'checkedOut', counted: true, pointsAwarded: 4 })
    expect(docs<{ sourceRef: string; delta: number }>('ledger').filter((e) => e.sourceRef === `${a._id}_${ZHAO}`)).toEqual([expect.objectContaining({ delta: 4 })])
  })
})

describe('no points for your own handling (issue 14)', () => {
  it("an organiser volunteering at their own activity gets the hours but no points; the others are paid", async () => {
    const [organiser, other] = [riders[58], riders[57]]
    const now = Date.now()
    const a = seedActivity({ startAt: new Date(now - 55 * MIN), endAt: new Date(now + 5 * MIN), seq: 2, signedUp: 2, createdBy: organiser })
    await seed([a], [seedSignup(a, organiser, 1, { checkedInAt: new Date(now - 50 * MIN) }), seedSignup(a, other, 2, { checkedInAt: new Date(now - 50 * MIN) })])
    const code = data(await call<CheckinCodeView>('checkinCode', { id: a._id }, ADMIN))
    const own = data(await call<{ pointsAwarded: number; message: string }>('checkOut', { activityId: a._id, code: code.code, ...fixHere() }, organiser))
    expect(own).toMatchObject({ status: 'checkedOut', counted: true, pointsAwarded: 0, message: expect.stringContaining('本人组织的活动不计积分') })
    expect(docs<{ userId: string }>('ledger').filter((e) => e.userId === organiser)).toEqual([])
    expect(signupsOf(a._id).find((x) => x.userId === organiser)).toMatchObject({ counted: true, pointsAwarded: 0 })
    // settled: checking out again neither pays nor changes anything
    expect(await call('checkOut', { activityId: a._id, code: code.code, ...fixHere() }, organiser)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(data(await call('checkOut', { activityId: a._id, code: code.code, ...fixHere() }, other))).toMatchObject({ counted: true, pointsAwarded: 10 })
  })
})

describe('worker side', () => {
  it('creates, edits (a bigger capacity promotes), shows the roster, exports CSV, marks no-shows, cancels with notifications', async () => {
    const act = await createActivity({ capacity: 1, title: '平安骑士 · 夜间巡逻' }, 60)
    expect(act).toMatchObject({ placeName: '新和平社区骑士加油站', capacity: 1, placesLeft: 1, signupOpen: true })
    data(await call('signUp', { activityId: act.id }, riders[52]))
    data(await call('signUp', { activityId: act.id }, riders[53]))
    data(await call('signUp', { activityId: act.id }, riders[54]))
    outboxMark = outbox().length
    const edited = data(await call<ActivityDetail>('update', { id: act.id, patch: { capacity: 2, title: '平安骑士 · 夜间巡逻（加人）' } }, WORKER))
    expect(edited).toMatchObject({ capacity: 2, placesLeft: 0, waitlisted: 1 })
    expect(outbox().slice(outboxMark)).toEqual([expect.objectContaining({ touser: riders[53], templateId: 'volunteer-promoted' })])
    expect(signupsOf(act.id).every((s) => s.title === '平安骑士 · 夜间巡逻（加人）')).toBe(true)
    expect(await call('update', { id: act.id, patch: { capacity: 1 } }, WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

    const roster = data(await call<RosterResult>('roster', { id: act.id }, WORKER))
    expect(roster.rows.map((r) => [r.nickname, r.status])).toEqual([
      ['骑手52', 'signedUp'],
      ['骑手53', 'signedUp'],
      ['骑手54', 'waitlisted'],
    ])
    expect(roster.totals).toMatchObject({ signedUp: 2, waitlisted: 1 })
    const csv = data(await call<RosterCsv>('exportRoster', { id: act.id }, WORKER))
    expect(csv.filename).toMatch(/\.csv$/)
    expect(csv.csv.trim().split('\r\n')).toHaveLength(4)
    expect(csv.csv).toContain('骑手54,候补中')

    // no-shows only after the start
    expect(await call('markNoShows', { id: act.id, signupIds: [roster.rows[0].signupId] }, WORKER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    outboxMark = outbox().length
    const c = data(await call('cancelActivity', { id: act.id, reason: '暴雨预警，改期举行' }, WORKER))
    expect(c).toMatchObject({ status: 'cancelled', notified: 3 })
    expect(outbox().slice(outboxMark).map((m) => m.touser).sort()).toEqual([riders[52], riders[53], riders[54]])
    expect(outbox().slice(outboxMark)[0]).toMatchObject({ templateId: 'volunteer-cancelled', data: { thing1: { value: '平安骑士 · 夜间巡逻（加人）' }, thing4: { value: '活动取消：暴雨预警，改期举行' } } })
    expect(signupsOf(act.id).every((s) => s.status === 'activityCancelled')).toBe(true)
    // a cancelled activity no longer blocks the riders' time
    const list = data(await call<ActivityListResult>('list', {}, riders[52]))
    expect(list.items.find((i) => i.id === act.id)).toBeUndefined()
  })

  it('marks no-shows after the start', async () => {
    const now = Date.now()
    const a = seedActivity({ startAt: new Date(now - 30 * MIN), endAt: new Date(now + 30 * MIN), seq: 2, signedUp: 2 })
    await seed([a], [seedSignup(a, riders[55], 1), seedSignup(a, riders[56], 2, { checkedInAt: new Date(now - 20 * MIN) })])
    // the roster names volunteers by opaque ids, not by sign-up ids that carry openids (issue 14)
    const rows = data(await call<RosterResult>('roster', { id: a._id }, WORKER)).rows
    expect(rows.map((x) => x.signupId).join(' ')).not.toMatch(new RegExp(`${riders[55]}|${riders[56]}`))
    expect(await call('markNoShows', { id: a._id, signupIds: [`${a._id}_${riders[55]}`] }, WORKER)).toMatchObject({ ok: true, data: { marked: 0 } })
    const r = data(await call('markNoShows', { id: a._id, signupIds: rows.map((x) => x.signupId) }, WORKER))
    expect(r).toEqual({ marked: 1 })
    expect(signupsOf(a._id).map((s) => s.status).sort()).toEqual(['noShow', 'signedUp'])
  })

  it('refuses bad activities and writes nothing', async () => {
    const before = docs('activities').length
    const start = Date.now() + 24 * H
    const base = { type: 'patrol', title: '巡逻', communityId: 'c-xinheping', where: { placeId: PLACE.id }, startAt: start, endAt: start + H, capacity: 5, verifiedOnly: true }
    for (const [input, code, field] of [
      [{ ...base, endAt: start + 5 * MIN }, 'VALIDATION', 'endAt'],
      [{ ...base, startAt: Date.now() - H, endAt: Date.now() + H }, 'VALIDATION', 'startAt'],
      [{ ...base, signupDeadline: start + MIN }, 'VALIDATION', 'signupDeadline'],
      [{ ...base, capacity: 0 }, 'VALIDATION', 'capacity'],
      [{ ...base, capacity: 2.5 }, 'VALIDATION', 'capacity'],
      [{ ...base, type: 'party' }, 'VALIDATION', 'type'],
      [{ ...base, title: '联系人身份证 110101199003077777' }, 'VALIDATION', 'title'],
      [{ ...base, $where: '1' }, 'VALIDATION', '$where'],
      [{ ...base, where: { placeId: { $gt: '' } } }, 'VALIDATION', undefined],
      [{ ...base, where: { placeId: 'p-missing' } }, 'NOT_FOUND', undefined],
      [{ ...base, startAt: Number.NaN }, 'VALIDATION', 'startAt'],
    ] as const) {
      const res = await call('create', input, WORKER)
      expect(res).toMatchObject({ ok: false, error: { code } })
      if (field) expect((res as Err).error.field).toBe(field)
    }
    expect(docs('activities').length).toBe(before)
  })
})

describe('role × action matrix', () => {
  let own: ActivityDetail
  let foreign: ActivityDetail
  beforeAll(async () => {
    own = await createActivity({ title: '矩阵·本社区' }, 100)
    foreign = await createActivity({ title: '矩阵·西溪', communityId: 'c-xixi', where: { name: '西溪社区骑士之家', address: '西湖区西溪路 88 号', longitude: 120.12905, latitude: 30.27462 } }, 100, ADMIN)
  })

  const staffActions: [string, (id: string) => unknown][] = [
    ['update', (id) => ({ id, patch: { description: '更新说明' } })],
    ['roster', (id) => ({ id })],
    ['exportRoster', (id) => ({ id })],
    ['checkinCode', (id) => ({ id })],
    ['markNoShows', (id) => ({ id, signupIds: [`${id}_x`] })],
  ]

  it('staff actions: riders and merchants are refused; workers only in their communities; admins everywhere', async () => {
    for (const [action, input] of staffActions) {
      for (const who of [ZHANG, LI, MERCHANT]) expect(await call(action, input(own.id), who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      // someone who never opened the app is a new rider: refused too, and no users document is made
      expect(await call(action, input(own.id), 'stranger')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await call(action, input(foreign.id), WORKER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能管理你所在社区的内容' } })
      const own1 = await call(action, input(own.id), WORKER)
      const admin1 = await call(action, input(foreign.id), ADMIN)
      // allowed cells pass the access check (checkinCode/markNoShows then refuse on time: CONFLICT, never FORBIDDEN)
      for (const r of [own1, admin1]) expect(r.ok || (r as Err).error.code === 'CONFLICT').toBe(true)
    }
    expect(await call('create', { type: 'civic', title: '文明宣传', communityId: 'c-xixi', where: { placeId: PLACE.id }, startAt: Date.now() + 5 * H, endAt: Date.now() + 6 * H, capacity: 3, verifiedOnly: false }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call('create', { type: 'civic', title: '文明宣传', communityId: 'c-xinheping', where: { placeId: PLACE.id }, startAt: Date.now() + 5 * H, endAt: Date.now() + 6 * H, capacity: 3, verifiedOnly: false }, ZHANG)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const managed = data(await call<{ items: { id: string }[] }>('listManaged', {}, WORKER))
    expect(managed.items.some((i) => i.id === own.id)).toBe(true)
    expect(managed.items.some((i) => i.id === foreign.id)).toBe(false)
    expect(await call('listManaged', { communityId: 'c-xixi' }, WORKER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // admins: every community, upcoming only and with the past
    for (const includePast of [false, true]) {
      const all = data(await call<{ items: { id: string }[] }>('listManaged', { includePast }, ADMIN))
      expect([own.id, foreign.id].every((id) => all.items.some((i) => i.id === id))).toBe(true)
    }
    expect(await call('cancelActivity', { id: foreign.id, reason: '测试取消' }, WORKER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('cancelActivity', { id: own.id, reason: '测试取消' }, ZHANG)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('rider actions: workers and merchants are refused', async () => {
    const fix = { code: '123456', ...fixHere() }
    for (const [action, input] of [
      ['signUp', { activityId: own.id }],
      ['cancel', { activityId: own.id }],
      ['checkIn', { activityId: own.id, ...fix }],
      ['checkOut', { activityId: own.id, ...fix }],
      ['myRecord', {}],
      ['certificate', {}],
    ] as const) {
      expect(await call(action, input, WORKER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '仅骑手可以使用此功能' } })
      expect(await call(action, input, MERCHANT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(signupsOf(own.id)).toHaveLength(0)
    // browsing needs no role
    const list = data(await call<ActivityListResult>('list', { type: 'patrol', communityId: 'c-xinheping' }, 'stranger'))
    expect(list.items.some((i) => i.id === own.id)).toBe(true)
    expect(list.items.every((i) => i.type === 'patrol' && i.communityId === 'c-xinheping')).toBe(true)
    // neither browsing nor a refused staff action makes a users document
    expect(cloud.emulator.database.listDocuments('users').some((u) => (u as { _id: string })._id === 'stranger')).toBe(false)
  })

  it('refuses injected keys and wrong types with VALIDATION', async () => {
    for (const [action, input] of [
      ['signUp', { activityId: { $ne: '' } }],
      ['signUp', { activityId: own.id, openid: ZHANG }],
      ['checkIn', { activityId: own.id, code: '12345a', ...fixHere() }],
      ['checkIn', { activityId: own.id, code: '123456', ...fixHere(), latitude: 91 }],
      ['list', { type: 'party' }],
      ['detail', { id: 'x'.repeat(65) }],
    ] as const)
      expect(await call(action, input, ZHANG)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('the day-before reminder (timer)', () => {
  it('reminds everyone signed up for tomorrow once', async () => {
    const start = new Date('2031-05-02T09:00:00+08:00')
    const a = seedActivity({ startAt: start, endAt: new Date(start.getTime() + 2 * H), seq: 3, signedUp: 2, waitlisted: 1 })
    const other = seedActivity({ startAt: new Date('2031-05-03T09:00:00+08:00'), endAt: new Date('2031-05-03T10:00:00+08:00'), seq: 1, signedUp: 1 })
    await seed([a, other], [seedSignup(a, ZHANG, 1), seedSignup(a, WANG, 2), seedSignup(a, ZHAO, 3, { status: 'waitlisted' }), seedSignup(other, ZHANG, 1)])
    outboxMark = outbox().length
    const event = { Type: 'Timer', TriggerName: 'remindTomorrow', Time: '2031-05-01T18:00:00+08:00' }
    const { result } = await cloud.emulator.functions.invoke('volunteer', event, { openid: '' })
    expect(result).toMatchObject({ ok: true, data: { activities: 1, sent: 2 } })
    expect(outbox().slice(outboxMark).map((m) => [m.touser, m.templateId]).sort()).toEqual([
      [WANG, 'volunteer-reminder'],
      [ZHANG, 'volunteer-reminder'],
    ])
    expect(outbox().slice(outboxMark)[0].data).toMatchObject({ time2: { value: '2031年5月2日 09:00' }, thing4: { value: '明天就是活动日，请准时到场签到' } })
    const again = await cloud.emulator.functions.invoke('volunteer', event, { openid: '' })
    expect(again.result).toMatchObject({ ok: true, data: { activities: 0, sent: 0 } })
    // a timer-shaped event from a mini-program user goes through the router and is refused
    expect(await cloud.call('volunteer', event, ZHANG)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})
