import type { AppSettings } from '../../domain/user/settings'
import { SUBSCRIPTION_KINDS } from '../../domain/user/settings'
import { demoSnapshot } from '../../scripts/demo/data'
import { defaultNickname } from '../../server/caller'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'

// user.me through the real wx-server-sdk, running in the emulator's function processes.
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
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

describe('user.settings', () => {
  it("answers the district's communities (oldest first), the map's centre and presets, and every configured template; 1 read, no users document", async () => {
    const { result, invocation } = await cloud.emulator.functions.invoke('user', { action: 'settings', input: {} }, { openid: 'o-settings-first' })
    const s = (result as { ok: true; data: AppSettings }).data
    expect(s.communities.map((c) => c.name)).toEqual(['新和平社区', '金祝社区', '西溪社区'])
    expect(s.map.centre).toEqual({ longitude: 120.16962, latitude: 30.27489, label: '新和平社区' })
    expect(s.map.presets.map((p) => p.label)).toEqual(['新和平社区', '金祝社区', '西溪社区'])
    // the local settings (scripts/function-env.ts) configure every message
    expect(Object.keys(s.subscriptions).sort()).toEqual([...SUBSCRIPTION_KINDS].sort())
    expect(s.subscriptions.suggestionStatus).toBe('suggestion-status')
    expect(invocation.counters).toMatchObject({ reads: 1, writes: 0 })
    expect((cloud.emulator.database.listDocuments('users') as { _id: string }[]).some((d) => d._id === 'o-settings-first')).toBe(false)
  })
})

describe("a new user's first calls, to several functions at once", () => {
  it('make exactly one users document (the unique key is _id = openid) and all succeed', async () => {
    const NEW = 'o-opens-three-tabs'
    const firstCalls = (openid: (i: number) => string) => [
      ...Array.from({ length: 3 }, (_, i) => cloud.call('suggestions', { action: 'mine', input: {} }, openid(i))),
      ...Array.from({ length: 3 }, (_, i) => cloud.call('volunteer', { action: 'myRecord', input: {} }, openid(3 + i))),
      ...Array.from({ length: 2 }, (_, i) => cloud.call('identity', { action: 'myStatus', input: {} }, openid(6 + i))),
    ]
    // warm instances first (other new users), so the eight calls below really run at the same time
    await Promise.all(firstCalls((i) => `o-warm-up-${i}`))
    const calls = firstCalls(() => NEW)
    const results = (await Promise.all(calls)) as { ok: boolean }[]
    expect(results.map((r) => r.ok)).toEqual(Array(8).fill(true))
    const docs = cloud.emulator.database.listDocuments('users') as { _id: string; roles: string[] }[]
    expect(docs.filter((d) => d._id === NEW)).toEqual([expect.objectContaining({ roles: ['rider'] })])
    // and 我的 then sees a known user
    expect(await cloud.call('user', { action: 'me' }, NEW)).toMatchObject({ ok: true, data: { isNew: false, nickname: defaultNickname(NEW) } })
  }, 90_000) // three functions' instances start cold
})
