import { defaultNickname } from '../../server/caller'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'

// user.me through the real wx-server-sdk, running in the emulator's function processes.
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
}, 60_000)
afterAll(() => cloud?.stop())

describe('user.me', () => {
  it('creates the users document on the first call and returns it afterwards', async () => {
    const first = await cloud.call('user', { action: 'me', input: {} }, 'o-first-call')
    expect(first).toMatchObject({
      ok: true,
      data: { nickname: '小哥CALL', roles: ['rider'], verification: { status: 'unverified' }, isNew: true },
    })
    const second = await cloud.call('user', { action: 'me' }, 'o-first-call')
    expect(second).toMatchObject({ ok: true, data: { nickname: '小哥CALL', isNew: false } })
    const docs = cloud.emulator.database.listDocuments('users') as { _id: string }[]
    expect(docs.filter((d) => d._id === 'o-first-call')).toHaveLength(1)
  })

  it('creates exactly one document when first calls race', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => cloud.call('user', { action: 'me' }, 'o-racer')))
    expect(results.every((r) => (r as { ok: boolean }).ok)).toBe(true)
    expect(results.filter((r) => (r as { data: { isNew: boolean } }).data.isNew)).toHaveLength(1)
    const docs = cloud.emulator.database.listDocuments('users') as { _id: string }[]
    expect(docs.filter((d) => d._id === 'o-racer')).toHaveLength(1)
  })

  it('answers each caller with their own profile under concurrency', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `o-concurrent-${i}`)
    const results = (await Promise.all(ids.map((id) => cloud.call('user', { action: 'me' }, id)))) as { data: { nickname: string } }[]
    results.forEach((r, i) => expect(r.data.nickname).toBe(defaultNickname(ids[i])))
  })

  it('refuses input with extra keys and writes nothing', async () => {
    const res = await cloud.call('user', { action: 'me', input: { roles: ['admin'] } }, 'o-attacker')
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'roles' } })
    const docs = cloud.emulator.database.listDocuments('users') as { _id: string }[]
    expect(docs.some((d) => d._id === 'o-attacker')).toBe(false)
  })

  it('refuses an unknown action naming it', async () => {
    const res = await cloud.call('user', { action: 'promote', input: {} }, 'o-x')
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('promote') } })
  })
})
