import type { ConsentDoc, ConsentStatus, ConsentView, MyDataExport } from '../../domain/entities/privacy'
import type { PassView } from '../../domain/entities/identity'
import type { DeletionStatus, ProcessingRecord } from '../../domain/entities/privacy'
import type { ActivityDetail, SignUpResult } from '../../domain/entities/volunteer'
import type { MeView } from '../../domain/entities/user'
import { PRIVACY_NOTICE } from '../../domain/privacy'
import { demoSnapshot } from '../../scripts/demo/data'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { toEjson } from '../../scripts/demo/generate-places'
import { dataOf, docsOf, reconcileOk, seedItem, type Res } from '../../scripts/testing/points-fixture'

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

// ---- 注销 ----

const DAY = 86_400_000
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const deletion = async (action: string, openid: string, input: unknown = {}) => dataOf((await cloud.call('user', { action, input }, openid)) as Res<DeletionStatus>)

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
    // public posts stay, as 已注销用户's
    expect(reported).toBeGreaterThan(0)
    expect(docsOf(cloud, 'suggestions').filter((sg) => sg.reporterName === '已注销用户')).toHaveLength(reported)
    // the requests became processing records that name nobody
    const records = dataOf((await cloud.call('user', { action: 'processingRecords', input: {} }, 'demo-admin-sun')) as Res<ProcessingRecord[]>)
    expect(records.filter((r) => r.status === 'done')).toHaveLength(3)
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
