import type { ConsentDoc, ConsentStatus, ConsentView } from '../../domain/entities/privacy'
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
