import type { ConsentDoc, ConsentStatus, ConsentView, MyDataExport } from '../../domain/user/consent'
import type { PassView } from '../../domain/identity/model'
import type { AccessLogLine, DeletionStatus, ProcessingRecords } from '../../domain/user/consent'
import { processingActivities } from '../../domain/personal-data'
import type { ActivityDetail, SignUpResult } from '../../domain/volunteer/model'
import type { MeView } from '../../domain/user/model'
import { AUDIT_RETENTION_DAYS, BEFORE_NOTICE_ACTIONS, COORDINATE_RETENTION_DAYS, PRIVACY_NOTICE } from '../../domain/privacy'
import { BADGE_RETENTION_DAYS } from '../../domain/identity/rules'
import { dayKey } from '../../domain/time'
import { demoSnapshot } from '../../scripts/demo/data'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { toEjson } from '../../scripts/demo/generate-places'
import { dataOf, docsOf, reconcileOk, seedItem, type Res } from '../../scripts/testing/points-fixture'
import { FIRST_READS } from '../../src/first-reads'

// Consent, export and 注销 through the real wx-server-sdk, in the emulator's function processes.
jest.setTimeout(120_000)
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
}, 60_000)
afterAll(() => cloud?.stop())

const status = async (openid: string) => dataOf((await cloud.call('user', { action: 'consentStatus', input: {} }, openid)) as Res<ConsentStatus>)
const consentDocs = () => cloud.emulator.database.listDocuments('consents') as ConsentDoc[]

describe('consent', () => {
  const WHO = 'o-consent-1'

  it('a new user is asked, gets the one notice, and nothing is created by asking', async () => {
    const s = await status(WHO)
    expect(s).toMatchObject({ needsConsent: true, current: null, notice: { version: PRIVACY_NOTICE.version } })
    expect(s.notice.collections.map((c) => c.collection)).toContain('users')
    expect(consentDocs().some((d) => d._id === WHO)).toBe(false)
    expect((cloud.emulator.database.listDocuments('users') as { _id: string }[]).some((d) => d._id === WHO)).toBe(false)
  })

  it('records location / phone / photos separately and stops asking; each agreement is kept', async () => {
    const v = dataOf((await cloud.call('user', { action: 'consent', input: { version: PRIVACY_NOTICE.version, location: true, phone: false, photos: true } }, WHO)) as Res<ConsentView>)
    expect(v).toMatchObject({ version: PRIVACY_NOTICE.version, location: true, phone: false, photos: true })
    expect(await status(WHO)).toMatchObject({ needsConsent: false, current: { location: true, phone: false, photos: true } })
    dataOf((await cloud.call('user', { action: 'consent', input: { version: PRIVACY_NOTICE.version, location: true, phone: true, photos: true } }, WHO)) as Res<ConsentView>)
    const doc = consentDocs().find((d) => d._id === WHO)!
    expect(doc.history.map((h) => h.phone)).toEqual([false, true])
    expect(doc.current.phone).toBe(true)
  })

  it('refuses an agreement to another version than the current notice, and writes nothing', async () => {
    const res = await cloud.call('user', { action: 'consent', input: { version: '2020-01-01', location: true, phone: true, photos: true } }, 'o-consent-old')
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'version' } })
    expect(consentDocs().some((d) => d._id === 'o-consent-old')).toBe(false)
  })

  it('asks again when the stored agreement is to an older version', async () => {
    const old = { version: '2025-01-01', location: true, phone: true, photos: true, at: new Date('2025-01-01T00:00:00Z') }
    await cloud.emulator.database.importSnapshot({ collections: { consents: [toEjson({ _id: 'o-consent-stale', current: old, history: [old], updatedAt: old.at })] } })
    expect(await status('o-consent-stale')).toMatchObject({ needsConsent: true, current: { version: '2025-01-01' } })
  })

  it('refuses extra keys (no one consents for somebody else)', async () => {
    const res = await cloud.call('user', { action: 'consent', input: { version: PRIVACY_NOTICE.version, location: true, phone: true, photos: true, openid: 'o-x' } }, WHO)
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('what the app may call before the notice is accepted stores nothing about the caller', async () => {
    const NEW = 'o-before-notice'
    const inputs: Record<(typeof BEFORE_NOTICE_ACTIONS)[number], unknown> = {
      'user.consentStatus': {},
      'user.settings': {},
      'places.nearby': { longitude: 120.16422, latitude: 30.27408, radius: 5000 },
      'places.detail': { id: 'p-wl-001' },
    }
    const before = JSON.stringify(cloud.emulator.database.exportSnapshot())
    for (const name of BEFORE_NOTICE_ACTIONS) {
      const [fn, action] = name.split('.')
      expect({ name, res: await cloud.call(fn, { action, input: inputs[name] }, NEW) }).toMatchObject({ name, res: { ok: true } })
    }
    const after = JSON.stringify(cloud.emulator.database.exportSnapshot())
    expect(after.includes(NEW)).toBe(false)
    expect(after).toBe(before)
  })
  it('a personal first read sent beside the question (ifConsented) is refused until accepted, and creates nothing', async () => {
    const NEWCOMER = 'o-first-read-newcomer'
    const personal = Object.values(FIRST_READS).flat().filter((r) => !r.beforeNotice)
    expect(personal.map((r) => `${r.fn}.${r.action}`)).toEqual(expect.arrayContaining(['points.balance', 'points.history', 'suggestions.mine', 'mall.items']))
    const before = JSON.stringify(cloud.emulator.database.exportSnapshot())
    for (const r of personal) {
      const res = await cloud.call(r.fn, { action: r.action, input: r.input, ifConsented: true }, NEWCOMER)
      expect({ read: `${r.fn}.${r.action}`, res }).toMatchObject({ read: `${r.fn}.${r.action}`, res: { ok: false, error: { code: 'NOTICE_REQUIRED' } } })
    }
    expect(JSON.stringify(cloud.emulator.database.exportSnapshot())).toBe(before)
    // someone who accepted an older notice is asked again too
    const old = { version: '2025-01-01', location: true, phone: true, photos: true, at: new Date('2025-01-01T00:00:00Z') }
    await cloud.emulator.database.importSnapshot({ collections: { consents: [toEjson({ _id: 'o-first-read-stale', current: old, history: [old], updatedAt: old.at })] } })
    expect(await cloud.call('points', { action: 'balance', input: {}, ifConsented: true }, 'o-first-read-stale')).toMatchObject({ ok: false, error: { code: 'NOTICE_REQUIRED' } })
    // accepted: the same reads answer
    dataOf((await cloud.call('user', { action: 'consent', input: { version: PRIVACY_NOTICE.version, location: false, phone: false, photos: false } }, NEWCOMER)) as Res<ConsentView>)
    for (const r of personal) {
      expect({ read: `${r.fn}.${r.action}`, res: await cloud.call(r.fn, { action: r.action, input: r.input, ifConsented: true }, NEWCOMER) }).toMatchObject({ read: `${r.fn}.${r.action}`, res: { ok: true } })
    }
  })
})

// ---- export ----

const RIDER = 'demo-rider-zhao'
const MERCHANT = 'demo-merchant-liu'
const WORKER = 'demo-worker-chen'

const snapshot = () => cloud.emulator.database.exportSnapshot().collections
const userIds = () => (snapshot().users as { _id: string }[]).map((u) => u._id)
const riderIdOf = (openid: string) => (snapshot().users as { _id: string; verification: { riderId?: string } }[]).find((u) => u._id === openid)?.verification.riderId

/** Per collection, how many documents mention any of the needles anywhere (ids, keys, references). */
function mentions(needles: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [c, docs] of Object.entries(snapshot())) {
    const n = docs.filter((d) => needles.some((x) => JSON.stringify(d).includes(x))).length
    if (n) out[c] = n
  }
  return out
}

const exportOf = async (openid: string) => dataOf((await cloud.call('user', { action: 'exportMine', input: {} }, openid)) as Res<MyDataExport>)

describe('exportMine', () => {
  beforeAll(async () => {
    // more of what people do, through the real functions: consent, a live-status report, a pass the
    // merchant checks, the worker's review queue (audited)
    for (const who of [RIDER, MERCHANT, WORKER]) {
      dataOf((await cloud.call('user', { action: 'consent', input: { version: PRIVACY_NOTICE.version, location: true, phone: true, photos: true } }, who)) as Res<ConsentView>)
    }
    dataOf((await cloud.call('places', { action: 'reportStatus', input: { placeId: 'p-wl-030', kind: 'full' } }, RIDER)) as Res<unknown>)
    const pass = dataOf((await cloud.call('identity', { action: 'issuePass', input: {} }, RIDER)) as Res<PassView>)
    dataOf((await cloud.call('identity', { action: 'verifyPass', input: { token: pass.token } }, MERCHANT)) as Res<unknown>)
    dataOf((await cloud.call('identity', { action: 'queue', input: {} }, WORKER)) as Res<unknown>)
  })

  it.each([
    ['a rider', RIDER],
    ['a merchant', MERCHANT],
    ['a worker', WORKER],
  ])('%s gets every document of every collection that references them, and nobody else’s id', async (_who, openid) => {
    const needles = [openid, riderIdOf(openid)].filter((x): x is string => !!x)
    const expected = mentions(needles)
    const out = await exportOf(openid)
    const got = Object.fromEntries(out.sections.map((s) => [s.collection, s.count]))
    expect(got).toEqual(expected)
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(4)
    const text = JSON.stringify(out)
    const others = userIds().filter((u) => u !== openid && !needles.some((n) => n.includes(u)))
    expect(others.filter((u) => text.includes(u))).toEqual([])
  })

  it('shows the verification as staff see it: name and phone masked', async () => {
    const out = await exportOf(RIDER)
    expect(out.verification).toMatchObject({ status: 'verified', realNameMasked: '*志强', phoneMasked: '186****3340' })
    expect(JSON.stringify(out)).not.toContain('赵志强')
  })

  it('creates nothing for someone never seen and answers an empty export', async () => {
    const out = await exportOf('o-export-nobody')
    expect(out.sections).toEqual([])
    expect(userIds()).not.toContain('o-export-nobody')
  })
})

// ---- retention ----

describe('retention, by the daily job', () => {
  it('deletes badge photos, check-in fixes, precise report spots and old audit entries on schedule, and nothing younger', async () => {
    const now = Date.now()
    const oldBadge = cloud.emulator.storage.put('badges/o-ret-old/b.png', PNG, { contentType: 'image/png', uploader: 'o-ret-old' })
    const newBadge = cloud.emulator.storage.put('badges/o-ret-new/b.png', PNG, { contentType: 'image/png', uploader: 'o-ret-new' })
    const rider = (id: string, reviewedAt: number, badgePhoto: string) =>
      toEjson({ _id: id, nickname: id, roles: ['rider'], workerCommunityIds: [], verification: { status: 'verified', badgePhoto, reviewedAt: new Date(reviewedAt), communityId: 'c-xixi' }, createdAt: new Date(now), updatedAt: new Date(now) })
    const checkin = (id: string, daysAgo: number) =>
      toEjson({ _id: id, userId: id, placeId: 'p-wl-003', communityId: 'c-xinheping', day: dayKey(new Date(now - daysAgo * DAY)), at: new Date(now - daysAgo * DAY), placeLocation: { type: 'Point', coordinates: [120.1, 30.2] }, distance: 37, accuracy: 12, pointsAwarded: 5, pendingPoints: 0 })
    const template = docsOf(cloud, 'suggestions')[0]
    const report = (id: string, daysAgo: number, coordinates: [number, number]) =>
      toEjson({ ...template, _id: id, quotaKey: `ret|${id}`, status: 'resolved', createdAt: new Date(now - daysAgo * DAY), location: { type: 'Point', coordinates } })
    const audit = (id: string, daysAgo: number) => toEjson({ _id: id, at: new Date(now - daysAgo * DAY), actor: 'demo-worker-chen', actorRoles: ['worker'], action: 'identity.badgeUrl', subject: 'o-ret-old', fields: ['badgePhoto'], requestId: id })
    await cloud.emulator.database.importSnapshot({
      collections: {
        users: [rider('o-ret-old', now - (BADGE_RETENTION_DAYS + 1) * DAY, oldBadge.fileID), rider('o-ret-new', now - 5 * DAY, newBadge.fileID)],
        checkins: [checkin('ck-ret-old', COORDINATE_RETENTION_DAYS + 2), checkin('ck-ret-new', 1)],
        suggestions: [report('sg-ret-old', COORDINATE_RETENTION_DAYS + 2, [120.123456, 30.234567]), report('sg-ret-new', 3, [120.654321, 30.765432])],
        auditLog: [audit('au-ret-old', AUDIT_RETENTION_DAYS + 1), audit('au-ret-new', 10)],
      },
    })

    const fired = await cloud.emulator.timers.fire('user', 'privacyDaily')
    expect(fired).toMatchObject({ status: 'ok', result: { ok: true } })

    // storage: the old badge's bytes are gone, the recent one is still there
    const paths = cloud.emulator.storage.list().map((f) => f.fileID)
    expect(paths).not.toContain(oldBadge.fileID)
    expect(paths).toContain(newBadge.fileID)
    // database export: none of the expired values is anywhere
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw stored documents, read field by field
    const byId = (c: string, id: string) => docsOf(cloud, c).find((d) => d._id === id) as Record<string, any>
    expect(byId('users', 'o-ret-old').verification.badgePhoto).toBeNull()
    expect(byId('users', 'o-ret-new').verification.badgePhoto).toBe(newBadge.fileID)
    expect(byId('checkins', 'ck-ret-old')).toMatchObject({ distance: null, accuracy: null, pointsAwarded: 5 })
    expect(byId('checkins', 'ck-ret-new')).toMatchObject({ distance: 37, accuracy: 12 })
    expect(byId('suggestions', 'sg-ret-old').location.coordinates).toEqual([120.12, 30.23])
    expect(byId('suggestions', 'sg-ret-new').location.coordinates).toEqual([120.654321, 30.765432])
    expect(byId('auditLog', 'au-ret-old')).toBeUndefined()
    expect(byId('auditLog', 'au-ret-new')).toBeDefined()
    const text = JSON.stringify(cloud.emulator.database.exportSnapshot())
    expect(text).not.toContain('120.123456')
    expect(text).not.toContain(oldBadge.fileID)
  })
})

// ---- 注销 ----

const DAY = 86_400_000
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const deletion = async (action: string, openid: string, input: unknown = {}) => dataOf((await cloud.call('user', { action, input }, openid)) as Res<DeletionStatus>)

describe('staff tools: 代为注销 and the record of processing activities', () => {
  const WANG = 'demo-rider-wang' // 金祝社区: one of 陈主任's
  const asStaff = (openid: string, input: unknown) => cloud.call('user', { action: 'requestDeletionFor', input }, openid)
  const auditFor = (openid: string) => docsOf(cloud, 'auditLog').filter((e) => e.action === 'user.requestDeletionFor' && e.subject === openid)

  it('a worker of the rider’s community files it for them, audited; the rider sees it and can withdraw it', async () => {
    expect(await asStaff(WORKER, { riderId: riderIdOf(WANG), confirm: true })).toMatchObject({ ok: true, data: { status: 'pending', coolingOffDays: 7 } })
    expect(await deletion('deletionStatus', WANG)).toMatchObject({ status: 'pending' })
    const entries = auditFor(WANG)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actor: WORKER, actorRoles: ['worker'], riderId: riderIdOf(WANG), communityId: 'c-jinzhu' })
    const log = dataOf((await cloud.call('user', { action: 'accessLog', input: {} }, WANG)) as Res<AccessLogLine[]>)
    expect(log[0]).toMatchObject({ action: 'user.requestDeletionFor', roles: ['社区工作者'], what: '代你提交了注销申请' })
    expect(JSON.stringify(log)).not.toContain(WORKER)
    // the admins' list shows it as staff-filed, without the person's openid
    const records = dataOf((await cloud.call('user', { action: 'processingRecords', input: {} }, 'demo-admin-sun')) as Res<ProcessingRecords>)
    expect(records.deletions).toContainEqual(expect.objectContaining({ id: '（处理中）', status: 'pending', requestedBy: 'staff', communityId: 'c-jinzhu' }))
    expect(JSON.stringify(records)).not.toContain(WANG)
    expect(await deletion('cancelDeletion', WANG)).toMatchObject({ status: 'none' })
  })

  it('refuses a worker of another community, riders and merchants, an unknown rider and a missing confirmation, writing nothing', async () => {
    const before = JSON.stringify([snapshot().deletions ?? [], snapshot().auditLog ?? []])
    // 赵师傅 is in 西溪社区, not one of 陈主任's
    expect(await asStaff(WORKER, { riderId: riderIdOf(RIDER), confirm: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await asStaff('demo-rider-zhang', { riderId: riderIdOf(WANG), confirm: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await asStaff(MERCHANT, { riderId: riderIdOf(WANG), confirm: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await asStaff(WORKER, { riderId: 'rNoSuchRider1', confirm: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await asStaff(WORKER, { riderId: riderIdOf(WANG) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.stringify([snapshot().deletions ?? [], snapshot().auditLog ?? []])).toBe(before)
  })

  it('an admin (any community) may file it too', async () => {
    expect(await asStaff('demo-admin-sun', { riderId: riderIdOf(RIDER), confirm: true })).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(auditFor(RIDER)).toEqual([expect.objectContaining({ actor: 'demo-admin-sun', communityId: 'c-xixi' })])
    expect(await deletion('cancelDeletion', RIDER)).toMatchObject({ status: 'none' })
  })

  it('the record of processing activities is the personal-data table, for admins only', async () => {
    const records = dataOf((await cloud.call('user', { action: 'processingRecords', input: {} }, 'demo-admin-sun')) as Res<ProcessingRecords>)
    expect(records.collections).toEqual(processingActivities())
    expect(records).toMatchObject({ noticeVersion: PRIVACY_NOTICE.version, periods: PRIVACY_NOTICE.periods })
    for (const who of [WORKER, 'demo-rider-zhang', MERCHANT]) {
      expect(await cloud.call('user', { action: 'processingRecords', input: {} }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})

describe('注销 then the daily job', () => {
  const WAITING = 'o-del-waiting'
  const needles: string[] = []
  const files: string[] = []
  let activityId = ''
  let reported = 0

  beforeAll(async () => {
    reported = docsOf(cloud, 'suggestions').filter((sg) => sg.reporterId === RIDER).length
    for (const who of [RIDER, MERCHANT, WORKER]) needles.push(who, ...[riderIdOf(who)].filter((x): x is string => !!x))
    // a badge photo and a reported photo in storage, referenced as the functions reference them
    const badge = cloud.emulator.storage.put(`badges/${RIDER}/badge.png`, PNG, { contentType: 'image/png', uploader: RIDER })
    const itemPhoto = cloud.emulator.storage.put(`mall-items/${MERCHANT}/soup.png`, PNG, { contentType: 'image/png', uploader: MERCHANT })
    files.push(badge.fileID, itemPhoto.fileID)
    const users = snapshot().users as { _id: string; verification: Record<string, unknown> }[]
    const zhao = users.find((u) => u._id === RIDER)!
    await cloud.emulator.database.importSnapshot({ collections: { users: [{ ...zhao, verification: { ...zhao.verification, badgePhoto: badge.fileID } }] } })
    // a voucher of the merchant's item, unused
    await seedItem(cloud, 'i-del-soup', { price: 1, validDays: 30, photos: [{ fileID: itemPhoto.fileID, check: 'pass' }] })
    dataOf((await cloud.call('mall', { action: 'redeem', input: { itemId: 'i-del-soup', key: 'del-redeem-1' } }, RIDER)) as Res<unknown>)
    // an activity in ten days with one place: the rider has it, another rider waits
    const startAt = Date.now() + 10 * DAY
    const act = dataOf(
      (await cloud.call(
        'volunteer',
        {
          action: 'create',
          input: { type: 'patrol', title: '注销测试巡逻', description: '验证注销时取消报名并递补候补', communityId: 'c-xinheping', where: { placeId: 'p-wl-003' }, startAt, endAt: startAt + 2 * 3_600_000, capacity: 1, verifiedOnly: false },
        },
        WORKER,
      )) as Res<ActivityDetail>,
    )
    activityId = act.id
    dataOf((await cloud.call('volunteer', { action: 'signUp', input: { activityId } }, RIDER)) as Res<SignUpResult>)
    dataOf((await cloud.call('volunteer', { action: 'signUp', input: { activityId } }, WAITING)) as Res<SignUpResult>)
  })

  it('a request waits out the cooling-off period and can be withdrawn and made again', async () => {
    const first = await deletion('requestDeletion', RIDER, { confirm: true })
    expect(first).toMatchObject({ status: 'pending', coolingOffDays: 7 })
    expect(new Date(first.dueAt!).getTime() - new Date(first.requestedAt!).getTime()).toBe(7 * DAY)
    expect(await deletion('cancelDeletion', RIDER)).toMatchObject({ status: 'none' })
    expect(await deletion('deletionStatus', RIDER)).toMatchObject({ status: 'none' })
    expect(await deletion('requestDeletion', RIDER, { confirm: true })).toMatchObject({ status: 'pending' })
    expect(await deletion('requestDeletion', MERCHANT, { confirm: true })).toMatchObject({ status: 'pending' })
    expect(await deletion('requestDeletion', WORKER, { confirm: true })).toMatchObject({ status: 'pending' })
    expect(await cloud.call('user', { action: 'requestDeletion', input: {} }, 'o-x')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('the daily job does nothing before the period ends', async () => {
    await cloud.emulator.timers.set(new Date(Date.now() + 2 * DAY))
    const fired = await cloud.emulator.timers.advance(DAY)
    expect(fired.find((f) => f.functionName === 'user')).toMatchObject({ status: 'ok', result: { ok: true, data: { deletions: { done: 0, failed: 0 } } } })
    expect(snapshot().users.some((u) => (u as { _id: string })._id === RIDER)).toBe(true)
  })

  it('after it, neither the database nor storage holds anything that links to the rider, the merchant or the worker', async () => {
    await cloud.emulator.timers.set(new Date(Date.now() + 7 * DAY))
    const fired = await cloud.emulator.timers.advance(DAY)
    expect(fired.find((f) => f.functionName === 'user')).toMatchObject({ status: 'ok', result: { ok: true, data: { deletions: { done: 3, failed: 0 } } } })

    const text = JSON.stringify(snapshot())
    expect(needles.filter((n) => text.includes(n))).toEqual([])
    const stored = cloud.emulator.storage.list()
    expect(stored.filter((f) => files.includes(f.fileID) || needles.some((n) => f.path.includes(n)))).toEqual([])

    // the ledger keeps its sums; the voucher is void (stock and points back); the waitlist moved up
    await reconcileOk(cloud)
    expect(docsOf(cloud, 'mallItems').find((i) => i._id === 'i-del-soup')).toMatchObject({ stock: 10, merchantId: null, photos: [] })
    const signups = docsOf(cloud, 'signups').filter((sg) => sg.activityId === activityId)
    expect(signups).toEqual([expect.objectContaining({ userId: WAITING, status: 'signedUp' })])
    // …and hears of it as from any promotion
    expect(cloud.emulator.openapi.outbox.list().filter((m) => m.touser === WAITING)).toEqual([expect.objectContaining({ templateId: 'volunteer-promoted', page: `packages/volunteer/detail/index?id=${activityId}` })])
    // public posts stay, as 已注销用户's
    expect(reported).toBeGreaterThan(0)
    const kept = docsOf(cloud, 'suggestions').filter((sg) => sg.reporterName === '已注销用户')
    expect(kept).toHaveLength(reported)
    // still GeoJSON: the map's geo queries keep finding them
    expect(kept.map((sg) => (sg.location as { type: string }).type)).toEqual(kept.map(() => 'Point'))
    // the requests became processing records that name nobody
    const records = dataOf((await cloud.call('user', { action: 'processingRecords', input: {} }, 'demo-admin-sun')) as Res<ProcessingRecords>)
    expect(records.deletions.filter((r) => r.status === 'done')).toHaveLength(3)
  })

  it('a lookup by the old openid finds nothing, and signing in again starts a fresh account', async () => {
    expect((await exportOf(RIDER)).sections).toEqual([])
    expect(await deletion('deletionStatus', RIDER)).toMatchObject({ status: 'none' })
    const me = dataOf((await cloud.call('user', { action: 'me', input: {} }, RIDER)) as Res<MeView>)
    expect(me).toMatchObject({ isNew: true, roles: ['rider'], verification: { status: 'unverified' } })
  })

  it('running the job again changes nothing', async () => {
    const before = JSON.stringify(snapshot().deletions)
    const fired = await cloud.emulator.timers.advance(DAY)
    expect(fired.find((f) => f.functionName === 'user')).toMatchObject({ result: { data: { deletions: { done: 0, failed: 0 } } } })
    expect(JSON.stringify(snapshot().deletions)).toBe(before)
  })
})
