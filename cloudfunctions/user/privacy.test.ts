import type { ConsentDoc, ConsentStatus, ConsentView, MyDataExport } from '../../domain/entities/privacy'
import type { PassView } from '../../domain/entities/identity'
import { PRIVACY_NOTICE } from '../../domain/privacy'
import { demoSnapshot } from '../../scripts/demo/data'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { toEjson } from '../../scripts/demo/generate-places'
import { dataOf, type Res } from '../../scripts/testing/points-fixture'

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
