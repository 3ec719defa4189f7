import type { ListResult, SimilarResult, SuggestionStats, SuggestionView } from '../../domain/suggestions/model'
import { EARTH_RADIUS_M } from '../../domain/geo'
import { demoSnapshot } from '../../scripts/demo/data'
import { toEjson } from '../../scripts/demo/generate-places'
import { uploadDirOf } from './src/upload'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dayKey as shanghaiDay } from '../../domain/time'

// 微事我言 through the real wx-server-sdk, running in the emulator's function processes.
let cloud: TestCloud

type Ok<T> = { ok: true; data: T }
type Err = { ok: false; error: { code: string; message: string; field?: string } }
type Res<T> = Ok<T> | Err

const ZHANG = 'demo-rider-zhang'
const WANG = 'demo-rider-wang'
const ZHAO = 'demo-rider-zhao'
const LI = 'demo-rider-li' // not verified
const CHEN = 'demo-worker-chen' // c-xinheping, c-jinzhu
const SUN = 'demo-admin-sun' // admin
const LIU = 'demo-merchant-liu'
const XIXI_WORKER = 'o-worker-xixi'
const QUOTA_RIDER = 'o-rider-quota'
const RACE_RIDER = 'o-rider-race'
const STRANGER = 'o-no-users-doc'
const LOOP = 'o-rider-loop'
const ABUSE = 'o-rider-abuse'
const SELF_WORKER = 'o-worker-rider-self' // a worker of 新和平 who is also a verified rider

const call = <T>(action: string, input: unknown, openid: string) => cloud.call('suggestions', { action, input }, openid) as Promise<Res<T>>
const data = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`)
  return r.data
}
const docs = (name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]
const outbox = () => cloud.emulator.openapi.outbox.list()

/** 文晖路 45 号 (刘记面馆), in 新和平社区. */
const WENHUI = { longitude: 120.17231, latitude: 30.29175 }
const M_PER_DEG_LAT = (EARTH_RADIUS_M * Math.PI) / 180
/** `m` metres north of `p`. */
const north = (p: { longitude: number; latitude: number }, m: number) => ({ longitude: p.longitude, latitude: p.latitude + m / M_PER_DEG_LAT })
/** `m` metres east of `p`. */
const east = (p: { longitude: number; latitude: number }, m: number) => ({ longitude: p.longitude + m / (M_PER_DEG_LAT * Math.cos((p.latitude * Math.PI) / 180)), latitude: p.latitude })
/** a fresh spot (a 60 m grid around 文晖路) for each report, so tests do not see each other's reports as similar */
let spot = 0
const freshSpot = () => {
  const k = spot++
  return east(north(WENHUI, 60 * (k % 25) - 700), 60 * Math.floor(k / 25) + 100)
}

const photoOf = (openid: string, name: string) => cloud.emulator.storage.put(`${uploadDirOf(openid, shanghaiDay(new Date()))}/${name}`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), { contentType: 'image/jpeg', uploader: openid }).fileID

const report = (over: Record<string, unknown> = {}, openid = ZHANG) =>
  call<SuggestionView>('create', { category: 'traffic', text: '文晖路口非机动车道被施工围挡占了，骑手只能走机动车道', location: freshSpot(), ...over }, openid)

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  const u = (_id: string, roles: string[], status: string, workerCommunityIds: string[] = [], nickname = _id) =>
    toEjson({ _id, nickname, roles, workerCommunityIds, verification: { status }, createdAt: new Date(), updatedAt: new Date() })
  await cloud.emulator.database.importSnapshot({
    collections: {
      users: [u(XIXI_WORKER, ['worker'], 'unverified', ['c-xixi']), u(QUOTA_RIDER, ['rider'], 'verified'), u(RACE_RIDER, ['rider'], 'verified'), u(LOOP, ['rider'], 'verified', [], '周师傅'), u(ABUSE, ['rider'], 'verified'), u(SELF_WORKER, ['rider', 'worker'], 'verified', ['c-xinheping'], '吴师傅')],
    },
  })
}, 120_000)
afterAll(() => cloud?.stop())

describe('suggestions.create', () => {
  it('a verified rider reports with photos: one write, community derived from the nearest place, anonymous by default', async () => {
    const photo = photoOf(ZHANG, 'a.jpg')
    const before = docs('suggestions').length
    const { result, invocation } = await cloud.emulator.functions.invoke(
      'suggestions',
      { action: 'create', input: { category: 'safety', text: '文晖路 45 号门口井盖松动，电动车压上去会翘起', photos: [photo], location: freshSpot() } },
      { openid: ZHANG },
    )
    const v = data(result as Res<SuggestionView>)
    expect(invocation.counters).toMatchObject({ writes: 1 })
    expect(v).toMatchObject({ status: 'submitted', communityId: 'c-xinheping', communityName: '新和平社区', categoryLabel: '安全隐患', viewer: 'reporter', textHeld: false })
    expect(v.photoUrls).toHaveLength(1)
    expect(v.photoUrls[0]).not.toBe('')
    // 安全隐患: 48 hours
    expect(new Date(v.dueAt).getTime() - new Date(v.createdAt).getTime()).toBe(48 * 3_600_000)
    expect(docs('suggestions')).toHaveLength(before + 1)
    expect(docs('suggestions').find((d) => d._id === v.id)).toMatchObject({ anonymous: true, reporterId: ZHANG, photosReviewed: false })
  })

  it('takes an overriding community and refuses an unknown one', async () => {
    expect(data(await report({ communityId: 'c-jinzhu' }))).toMatchObject({ communityId: 'c-jinzhu' })
    expect(await report({ communityId: 'c-nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'communityId' } })
  })

  it('needs a verified rider', async () => {
    expect(await report({}, LI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('认证') } })
    expect(await report({}, CHEN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // someone who never opened the app is a new, unverified rider
    expect(await report({}, 'o-first-report')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('认证') } })
  })

  it('refuses bad input with VALIDATION naming the field, and writes nothing', async () => {
    const before = docs('suggestions').length
    const other = photoOf(WANG, 'w.jpg')
    for (const [over, field] of [
      [{ text: 'x'.repeat(501) }, 'text'],
      [{ text: '短' }, 'text'],
      [{ text: '我的身份证号 330102199001011234 请联系' }, 'text'],
      [{ category: 'ufo' }, 'category'],
      [{ photos: Array.from({ length: 7 }, (_, i) => `cloud://env.bucket/suggestions/${ZHANG}/${i}.jpg`) }, 'photos'],
      [{ photos: [other] }, 'photos.0'],
      [{ location: { longitude: 120, latitude: 91 } }, 'location.latitude'],
      [{ location: { longitude: '120', latitude: 30 } }, 'location.longitude'],
      [{ $where: '1' }, '$where'],
      [{ reporterId: WANG }, 'reporterId'],
      [{ status: 'resolved' }, 'status'],
      [{ anonymous: 'no' }, 'anonymous'],
    ] as const) {
      expect(await report(over as Record<string, unknown>)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field } })
    }
    expect(docs('suggestions')).toHaveLength(before)
  })
})

describe('a WeChat user who opens 微事我言 first', () => {
  it('sees 我的反映 (empty), the board, similar reports and gets an upload folder; the first call makes their users document once', async () => {
    const NEW = 'o-suggestions-first-tab'
    const users = () => docs('users').filter((u) => u._id === NEW)
    const first = await cloud.emulator.functions.invoke('suggestions', { action: 'mine', input: {} }, { openid: NEW })
    expect(data(first.result as Res<ListResult>).items).toEqual([])
    // the router's users read, the insert, then the action's own query
    expect(first.invocation.counters).toMatchObject({ reads: 2, writes: 1 })
    expect(users()).toEqual([expect.objectContaining({ roles: ['rider'], verification: { status: 'unverified' } })])

    const again = await cloud.emulator.functions.invoke('suggestions', { action: 'mine', input: {} }, { openid: NEW })
    expect(again.invocation.counters).toMatchObject({ reads: 2, writes: 0 })
    data(await call('board', { communityId: 'c-xinheping' }, NEW))
    data(await call<SimilarResult>('similar', { category: 'traffic', ...WENHUI }, NEW))
    data(await call<{ dir: string }>('uploadDir', {}, NEW))
    expect(users()).toHaveLength(1)
  })
})

describe('content check (msgSecCheck v2, decided by result.suggest)', () => {
  it('the local model answers risky words with errcode 0 and suggest risky', () => {
    const answer = cloud.emulator.openapi.call('security.msgSecCheck', { content: '代开发票 risky-test-word', version: 2, scene: 2, openid: ZHANG })
    expect(answer).toMatchObject({ errcode: 0, result: { suggest: 'risky' } })
  })

  it('risky (errcode 0): CONTENT_REJECTED, nothing written', async () => {
    const before = docs('suggestions').length
    expect(await report({ text: '路口有人发小广告，代开发票，联系电话见传单' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(await report({ text: '这里的问题 risky-test-word 请处理' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(docs('suggestions')).toHaveLength(before)
  })

  it('review: stored but held — the public and joiners do not see the text until a worker accepts', async () => {
    const v = data(await report({ text: '小区门口有人招兼职日结，拉骑手刷单，请社区注意' }))
    expect(v).toMatchObject({ textHeld: true, text: expect.stringContaining('兼职日结') })
    const at = v.location
    const sim = data(await call<SimilarResult>('similar', { category: 'traffic', longitude: at[0], latitude: at[1] }, WANG))
    expect(sim.items.find((i) => i.id === v.id)).toMatchObject({ excerpt: null })
    data(await call('meToo', { id: v.id }, WANG))
    expect(data(await call<SuggestionView>('detail', { id: v.id }, WANG))).toMatchObject({ viewer: 'joiner', text: null, textHeld: true, photoUrls: [] })
    expect(data(await call<SuggestionView>('detail', { id: v.id }, CHEN))).toMatchObject({ viewer: 'staff', text: expect.stringContaining('兼职日结') })
    data(await call('accept', { id: v.id }, CHEN))
    expect(data(await call<SuggestionView>('detail', { id: v.id }, WANG))).toMatchObject({ textHeld: false, text: expect.stringContaining('兼职日结') })
  })

  it('a worker reply with a review word is held from riders; release makes it visible; risky replies are refused', async () => {
    const v = data(await report())
    data(await call('accept', { id: v.id }, CHEN))
    const replied = data(await call<SuggestionView>('reply', { id: v.id, text: '已联系施工方 review-test-word' }, CHEN))
    const ev = replied.timeline.find((e) => e.type === 'replied')!
    expect(ev.held).toBe(true)
    expect(data(await call<SuggestionView>('detail', { id: v.id }, ZHANG)).timeline.some((e) => e.type === 'replied')).toBe(false)
    expect(await call('reply', { id: v.id, text: '傻逼' }, CHEN)).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    data(await call('release', { id: v.id, eventId: ev.id }, CHEN))
    expect(data(await call<SuggestionView>('detail', { id: v.id }, ZHANG)).timeline.find((e) => e.type === 'replied')).toMatchObject({ note: expect.stringContaining('施工方') })
  })
})

describe('similar reports and me too', () => {
  it('finds open reports of the same category within 50 m: 49 m yes, 51 m no', async () => {
    const at = north(WENHUI, -3000) // 3 km south: nobody else reports here
    const v = data(await report({ category: 'parking', location: at, text: '中山北路专停泊位被汽车占用，骑手没处停车' }))
    const near = data(await call<SimilarResult>('similar', { category: 'parking', ...north(at, 49) }, WANG))
    expect(near.items.map((i) => i.id)).toEqual([v.id])
    expect(near.items[0]).toMatchObject({ distance: 49, joined: false, mine: false })
    const far = data(await call<SimilarResult>('similar', { category: 'parking', ...north(at, 51) }, WANG))
    expect(far.items).toEqual([])
    const otherCategory = data(await call<SimilarResult>('similar', { category: 'safety', ...north(at, 10) }, WANG))
    expect(otherCategory.items).toEqual([])
  })

  it('answers the community derived from the location', async () => {
    const r = data(await call<SimilarResult>('similar', { category: 'other', ...WENHUI }, ZHANG))
    expect(r.derived).toEqual({ id: 'c-xinheping', name: '新和平社区' })
    const nowhere = data(await call<SimilarResult>('similar', { category: 'other', longitude: 121.5, latitude: 31.2 }, ZHANG))
    expect(nowhere.derived).toBeNull()
  })

  it('me too: joins once; the reporter and every joiner get each status change, the acting worker does not', async () => {
    const v = data(await report())
    expect(await call('meToo', { id: v.id }, ZHANG)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(data(await call('meToo', { id: v.id }, WANG))).toEqual({ joinCount: 1 })
    expect(data(await call('meToo', { id: v.id }, WANG))).toEqual({ joinCount: 1 })
    expect(data(await call('meToo', { id: v.id }, ZHAO))).toEqual({ joinCount: 2 })
    expect(await call('meToo', { id: v.id }, LI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    cloud.emulator.openapi.outbox.clear()
    data(await call('accept', { id: v.id, note: '已受理，明天联系施工单位' }, CHEN))
    const sent = outbox()
    expect(sent.map((m) => m.touser).sort()).toEqual([WANG, ZHANG, ZHAO].sort())
    expect(sent.every((m) => m.templateId === 'suggestion-status' && m.page === `packages/suggestions/detail/index?id=${v.id}`)).toBe(true)
    // the template's four keys, each within its rule (thing ≤ 20 characters, phrase ≤ 5 Chinese characters)
    expect(sent[0].data).toEqual({
      thing1: { value: '交通秩序：文晖路口非机动车道被施工围挡…' },
      phrase2: { value: '已受理' },
      thing3: { value: '已受理，明天联系施工单位' },
      time4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/) },
    })

    cloud.emulator.openapi.outbox.clear()
    data(await call('start', { id: v.id }, CHEN))
    expect(outbox()).toHaveLength(3)
    // joiners see it in 我的反映
    expect(data(await call<ListResult>('mine', {}, ZHAO)).items.find((i) => i.id === v.id)).toMatchObject({ relation: 'joined', status: 'inProgress' })
  })
})

describe('no points for your own handling (issue 14)', () => {
  it('a worker who accepts their own report is paid nothing; the acceptance stands', async () => {
    const v = data(await report({ category: 'safety', text: '文晖路 45 号门口的路灯坏了，晚上送餐看不清台阶' }, SELF_WORKER))
    const accepted = data(await call<SuggestionView>('accept', { id: v.id }, SELF_WORKER))
    expect(accepted).toMatchObject({ status: 'accepted', pointsAwarded: 0, pendingPoints: 0 })
    expect(docs('ledger').filter((e) => e.userId === SELF_WORKER)).toEqual([])
    expect(docs('balances').find((b) => b._id === SELF_WORKER)?.balance ?? 0).toBe(0)
    // settled at 0 on the report: a later acceptance (reopened, transferred) pays nothing either
    expect(docs('suggestions').find((d) => d._id === v.id)).toMatchObject({ status: 'accepted', points: { awarded: 0 } })
  })

  it("another worker's acceptance of that worker's report pays them, once", async () => {
    const v = data(await report({ category: 'safety', text: '新和平路与文晖路交叉口的红绿灯时间太短，电动车过不去' }, SELF_WORKER))
    expect(data(await call<SuggestionView>('accept', { id: v.id }, CHEN))).toMatchObject({ status: 'accepted', pointsAwarded: 10 })
    expect(docs('ledger').filter((e) => e.userId === SELF_WORKER)).toEqual([expect.objectContaining({ reason: 'reportAccepted', sourceRef: v.id, delta: 10, by: CHEN })])
  })
})

describe('the public board', () => {
  it('lists the newest report first, whichever was handled last (each row shows when it was reported)', async () => {
    const older = data(await report({ text: '新和平路口红绿灯太短，电动车过不去一半就变灯' }, ZHAO))
    await new Promise((r) => setTimeout(r, 20))
    const newer = data(await report({ text: '新和平菜场门口骑手临停的地方被三轮车占满了' }, ZHAO))
    data(await call('accept', { id: newer.id }, CHEN))
    data(await call('accept', { id: older.id }, CHEN))
    // handling the older one last makes it the most recently updated
    data(await call('reply', { id: older.id, text: '已联系交警评估延长绿灯时间' }, CHEN))
    const board = data(await call<ListResult>('board', { communityId: 'c-xinheping' }, STRANGER))
    const ids = board.items.map((i) => i.id)
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0)
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id))
    const times = board.items.map((i) => i.createdAt)
    expect(times).toEqual([...times].sort().reverse())
  })
})

describe('the closed loop', () => {
  it('report → accept (points once) → reply → resolve with photo → confirm and rate → public board', async () => {
    const photo = photoOf(LOOP, 'loop.jpg')
    const v = data(await report({ category: 'access', text: '新和平小区 2 号门门禁不认骑手码，每单要等保安开门', photos: [photo] }, LOOP))
    // private photos: the public sees nothing before review
    expect(await call('detail', { id: v.id }, STRANGER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const accepted = data(await call<SuggestionView>('accept', { id: v.id }, CHEN))
    expect(accepted).toMatchObject({ status: 'accepted', pointsAwarded: 10, reporterName: '周师傅' })
    const ledger = docs('ledger').filter((e) => e.idempotencyKey === `reportAccepted:${v.id}`)
    expect(ledger).toMatchObject([{ userId: LOOP, delta: 10, sourceRef: v.id }])

    data(await call('reply', { id: v.id, text: '已与物业沟通，本周内为骑手码开通门禁' }, CHEN))
    expect(await call('resolve', { id: v.id, text: '门禁已升级' }, CHEN)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'photos' } })
    const fix = photoOf(CHEN, 'fixed.jpg')
    const resolved = data(await call<SuggestionView>('resolve', { id: v.id, text: '门禁已升级，骑手码可直接开门', photos: [fix] }, CHEN))
    expect(resolved).toMatchObject({ status: 'resolved' })

    const mineView = data(await call<SuggestionView>('detail', { id: v.id }, LOOP))
    expect(mineView).toMatchObject({ viewer: 'reporter', canConfirm: true, canReopen: true, status: 'resolved' })
    expect(mineView.timeline.map((e) => e.type)).toEqual(['submitted', 'accepted', 'replied', 'resolved'])
    expect(mineView.timeline.find((e) => e.type === 'resolved')!.photoUrls).toHaveLength(1)

    expect(await call('confirm', { id: v.id, rating: 6 }, LOOP)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'rating' } })
    const closed = data(await call<SuggestionView>('confirm', { id: v.id, rating: 5, comment: '开门快多了，谢谢社区' }, LOOP))
    expect(closed).toMatchObject({ status: 'closed', rating: 5, canConfirm: false, canReopen: false })

    const board = data(await call<ListResult>('board', { communityId: 'c-xinheping', status: 'resolved' }, STRANGER))
    const row = board.items.find((i) => i.id === v.id)!
    expect(row).toMatchObject({ status: 'closed', excerpt: expect.stringContaining('门禁') })
    expect(JSON.stringify(row)).not.toContain(LOOP)
    const pub = data(await call<SuggestionView>('detail', { id: v.id }, STRANGER))
    expect(pub).toMatchObject({ viewer: 'public' })
    expect(pub.reporterName).toBeUndefined()
    expect(JSON.stringify(pub)).not.toContain(LOOP)
    expect(JSON.stringify(pub)).not.toContain('周师傅')
    // the reporter's comment is not shown to the public
    expect(pub.timeline.find((e) => e.type === 'confirmed')).toMatchObject({ note: null, rating: 5 })
    expect(pub.photoUrls).toHaveLength(1)

    // accepting again after a reopen never pays twice (the ledger key is the report id)
    expect(docs('ledger').filter((e) => e.sourceRef === v.id)).toHaveLength(1)
  })

  it('reopen within 7 days goes back to accepted with a new deadline; after 7 days it is refused', async () => {
    const v = data(await report({}, LOOP))
    data(await call('accept', { id: v.id }, CHEN))
    data(await call('resolve', { id: v.id, text: '已协调施工方移走围挡', photos: [photoOf(CHEN, 'r1.jpg')] }, CHEN))
    const reopened = data(await call<SuggestionView>('reopen', { id: v.id, reason: '围挡第二天又放回来了' }, LOOP))
    expect(reopened).toMatchObject({ status: 'accepted' })
    expect(docs('ledger').filter((e) => e.sourceRef === v.id)).toHaveLength(1)

    data(await call('resolve', { id: v.id, text: '已让施工方改到人行道内侧', photos: [photoOf(CHEN, 'r2.jpg')] }, CHEN))
    // time travel: the answer was 8 days ago
    const raw = docs('suggestions').find((d) => d._id === v.id)!
    await cloud.emulator.database.importSnapshot({ collections: { suggestions: [{ ...raw, resolvedAt: { $date: new Date(Date.now() - 8 * 86_400_000).toISOString() } }] } })
    expect(await call('reopen', { id: v.id, reason: '还是不行' }, LOOP)).toMatchObject({ ok: false, error: { code: 'EXPIRED' } })
  })

  it('not responsible and duplicate (linked; the reporter follows the original)', async () => {
    const original = data(await report({}, LOOP))
    const dup = data(await report({}, WANG))
    expect(await call('markDuplicate', { id: dup.id, originalId: dup.id }, CHEN)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'originalId' } })
    const d = data(await call<SuggestionView>('markDuplicate', { id: dup.id, originalId: original.id }, CHEN))
    expect(d).toMatchObject({ status: 'duplicate', duplicateOf: original.id })
    expect(docs('suggestions').find((x) => x._id === original.id)).toMatchObject({ joiners: [WANG], joinCount: 1 })

    const other = data(await report({}, LOOP))
    cloud.emulator.openapi.outbox.clear()
    expect(data(await call<SuggestionView>('notResponsible', { id: other.id, reason: '属于市政道路，已告知拱墅区城管 12345' }, CHEN))).toMatchObject({
      status: 'notResponsible',
    })
    // the reporter is told: a subscribe-message phrase is at most 5 Chinese characters
    expect(outbox().map((m) => [m.touser, m.data.phrase2?.value])).toEqual([[LOOP, '非社区职责']])
    expect(data(await call<SuggestionView>('reopen', { id: other.id, reason: '城管说归社区管' }, LOOP))).toMatchObject({ status: 'submitted' })
  })

  it('transfer to another community (with a reason): the new community handles it, the old one no longer can', async () => {
    const v = data(await report({}, LOOP))
    expect(await call('transfer', { id: v.id, toCommunityId: 'c-xinheping', reason: '转给自己' }, CHEN)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'toCommunityId' } })
    const t = data(await call<SuggestionView>('transfer', { id: v.id, toCommunityId: 'c-xixi', reason: '位置在西溪社区辖区' }, CHEN))
    expect(t).toMatchObject({ status: 'submitted', communityId: 'c-xixi' })
    expect(t.timeline.at(-1)).toMatchObject({ type: 'transferred', toCommunityName: '西溪社区' })
    expect(await call('accept', { id: v.id }, CHEN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(data(await call<SuggestionView>('accept', { id: v.id }, XIXI_WORKER))).toMatchObject({ status: 'accepted' })
  })
})

describe('abuse and access', () => {
  it('at most 10 reports per rider per day', async () => {
    for (let i = 0; i < 10; i++) data(await report({}, QUOTA_RIDER))
    expect(await report({}, QUOTA_RIDER)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(docs('suggestions').filter((d) => d.reporterId === QUOTA_RIDER)).toHaveLength(10)
  })

  it('concurrent reports cannot pass the daily limit', async () => {
    const results = await Promise.all(Array.from({ length: 13 }, () => report({}, RACE_RIDER)))
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok).every((r) => (r as Err).error.code === 'RATE_LIMITED')).toBe(true)
    expect(docs('suggestions').filter((d) => d.reporterId === RACE_RIDER)).toHaveLength(10)
  })

  it("a rider cannot change another's report", async () => {
    const v = data(await report({}, ABUSE))
    data(await call('accept', { id: v.id }, CHEN))
    data(await call('resolve', { id: v.id, text: '已处理', photos: [photoOf(CHEN, 'x.jpg')] }, CHEN))
    expect(await call('confirm', { id: v.id, rating: 1 }, WANG)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('reopen', { id: v.id, reason: '没修好啊' }, WANG)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(docs('suggestions').find((d) => d._id === v.id)).toMatchObject({ status: 'resolved', rating: null })
  })

  it('a worker cannot act outside their communities', async () => {
    const v = data(await report({ communityId: 'c-xixi' }, ABUSE))
    expect(await call('accept', { id: v.id }, CHEN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('reply', { id: v.id, text: '收到' }, CHEN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('queue', { communityId: 'c-xixi' }, CHEN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('stats', { communityId: 'c-xixi' }, CHEN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // not staff there: an unaccepted report of another community is not visible
    expect(await call('detail', { id: v.id }, CHEN)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses transitions the workflow does not have', async () => {
    const v = data(await report({}, ABUSE))
    expect(await call('start', { id: v.id }, CHEN)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await call('resolve', { id: v.id, text: '好了', photos: [photoOf(CHEN, 'y.jpg')] }, CHEN)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await call('confirm', { id: v.id, rating: 5 }, ABUSE)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await call('reopen', { id: v.id, reason: '再看看' }, ABUSE)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    data(await call('accept', { id: v.id }, CHEN))
    expect(await call('accept', { id: v.id }, CHEN)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // two workers resolving at once: exactly one wins
    const both = await Promise.all([
      call('resolve', { id: v.id, text: '已处理', photos: [photoOf(CHEN, 'z1.jpg')] }, CHEN),
      call('resolve', { id: v.id, text: '已处理', photos: [photoOf(SUN, 'z2.jpg')] }, SUN),
    ])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    data(await call('confirm', { id: v.id, rating: 4 }, ABUSE))
    for (const a of ['accept', 'start', 'notResponsible', 'transfer'] as const) {
      const input = a === 'transfer' ? { id: v.id, toCommunityId: 'c-jinzhu', reason: '试试' } : a === 'notResponsible' ? { id: v.id, reason: '试试看' } : { id: v.id }
      expect(await call(a, input, CHEN)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    }
  })
})

describe('worker queue and statistics', () => {
  it('queue: only their communities, overdue first, then new', async () => {
    const overdue = data(await report({ category: 'safety' }, ABUSE))
    const raw = docs('suggestions').find((d) => d._id === overdue.id)!
    await cloud.emulator.database.importSnapshot({ collections: { suggestions: [{ ...raw, dueAt: { $date: new Date(Date.now() - 3_600_000).toISOString() } }] } })
    const q = data(await call<ListResult>('queue', {}, CHEN))
    expect(q.items[0]).toMatchObject({ id: overdue.id, overdue: true })
    expect(q.items.every((i) => ['c-xinheping', 'c-jinzhu'].includes(i.communityId))).toBe(true)
    expect(q.items.every((i) => ['submitted', 'accepted', 'inProgress'].includes(i.status))).toBe(true)
    const rank = (i: ListResult['items'][number]) => (i.overdue ? 0 : i.status === 'submitted' ? 1 : 2)
    const ranks = q.items.map(rank)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const xixi = data(await call<ListResult>('queue', {}, XIXI_WORKER))
    expect(xixi.items.every((i) => i.communityId === 'c-xixi')).toBe(true)
  })

  it('stats: counts, medians and satisfaction for the community', async () => {
    const s = data(await call<SuggestionStats>('stats', { communityId: 'c-xinheping' }, CHEN))
    expect(s.total).toBeGreaterThan(10)
    expect(s.byStatus.closed).toBeGreaterThanOrEqual(2)
    expect(s.byCategory.access).toBeGreaterThanOrEqual(1)
    expect(s.overdue).toBeGreaterThanOrEqual(1)
    expect(s.medianFirstResponseHours).not.toBeNull()
    expect(s.medianResolutionHours).not.toBeNull()
    expect(s.satisfaction.count).toBeGreaterThanOrEqual(2)
    expect(s.satisfaction.average).toBeGreaterThanOrEqual(4)
  })
})

describe('role × action matrix', () => {
  const personas = { verifiedRider: ZHAO, unverifiedRider: LI, worker: CHEN, merchant: LIU, admin: SUN, stranger: STRANGER } as const
  type P = keyof typeof personas
  let id = ''
  beforeAll(async () => {
    id = data(await report({}, WANG)).id
  })

  // a stranger is a new, unverified rider (the router makes their document on the first rider action)
  const riderOnly: P[] = ['verifiedRider', 'unverifiedRider', 'stranger']
  const staff: P[] = ['worker', 'admin']
  const everyone: P[] = Object.keys(personas) as P[]
  /** action → input, and who gets past the access check (others: FORBIDDEN) */
  const matrix: [string, () => unknown, P[]][] = [
    ['uploadDir', () => ({}), everyone],
    ['similar', () => ({ category: 'traffic', ...WENHUI }), riderOnly],
    ['mine', () => ({}), riderOnly],
    ['meToo', () => ({ id }), ['verifiedRider']],
    ['create', () => ({ category: 'other', text: '矩阵测试：路灯不亮', location: freshSpot() }), ['verifiedRider']],
    ['confirm', () => ({ id, rating: 5 }), []],
    ['reopen', () => ({ id, reason: '矩阵测试' }), []],
    ['detail', () => ({ id }), everyone],
    ['board', () => ({ communityId: 'c-xinheping' }), everyone],
    ['queue', () => ({}), staff],
    ['stats', () => ({}), staff],
    ['reply', () => ({ id, text: '矩阵测试回复' }), staff],
    ['release', () => ({ id }), staff],
    ['accept', () => ({ id }), staff],
    ['start', () => ({ id }), staff],
    ['transfer', () => ({ id, toCommunityId: 'c-jinzhu', reason: '矩阵测试' }), staff],
    ['resolve', () => ({ id, text: '矩阵测试', photos: [] }), staff],
    ['notResponsible', () => ({ id, reason: '矩阵测试' }), staff],
    ['markDuplicate', () => ({ id, originalId: 'missing' }), staff],
  ]

  it.each(matrix)('%s', async (action, input, allowed) => {
    for (const [p, openid] of Object.entries(personas) as [P, string][]) {
      const res = await call(action, input(), openid)
      const denied = !res.ok && ['FORBIDDEN', 'UNAUTHENTICATED'].includes(res.error.code)
      if (allowed.includes(p)) expect({ action, p, res, denied }).toMatchObject({ denied: false })
      else expect({ action, p, res }).toMatchObject({ res: { ok: false, error: { code: 'FORBIDDEN' } } })
    }
  })
})
