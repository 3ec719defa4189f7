import { contract } from '../domain/contract'
import type { MallItemView } from '../domain/mall/model'
import type { NearbyResult } from '../domain/places/model'
import type { SuggestionView } from '../domain/suggestions/model'
import type { ActivityListResult } from '../domain/volunteer/model'
import { demoSnapshot } from '../scripts/demo/data'
import { toEjson } from '../scripts/demo/generate-places'
import { demoMerchants } from '../scripts/demo/points'
import { startTestCloud, type TestCloud } from '../scripts/testing/emulator-fixture'
import { dataOf, type Res } from '../scripts/testing/points-fixture'

// Issue 14, item 3: no answer carries an openid — every action of every function is called as a
// verified rider, as a WeChat user never seen before, as a community worker and as an admin, and
// each answer is scanned for every openid the database knows (users, merchants). Staff act on
// public ids (server/public-id.ts) and opaque rider ids, so their queues need no openid either: the
// one exception is the caller's own data export (below).
let cloud: TestCloud
const RIDER = 'demo-rider-zhang'
const STRANGER = 'o-scan-stranger'
const WORKER = 'demo-worker-chen'
const ADMIN = 'demo-admin-sun'
const NEW_MERCHANT = 'o-scan-merchant-wu'
const WAITING_MERCHANT = 'o-scan-merchant-qian'
const WENHUI = { longitude: 120.17231, latitude: 30.29175 }

const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>
const docs = (name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]
const knownOpenids = () => [...new Set([...docs('users'), ...docs('merchants')].map((d) => String(d._id)).concat([RIDER, STRANGER, NEW_MERCHANT, WAITING_MERCHANT]))]

/** The ids the inputs below need, found through the public answers themselves. */
const ids = { place: '', merchantPlace: '', item: '', suggestion: '', activity: '' }

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  // a merchant approved now, through the review: their place joins the map
  const pending = { ...JSON.parse(JSON.stringify(demoMerchants[0])), _id: NEW_MERCHANT, shopName: '吴记馄饨', status: 'pending', placeId: null, reviewedAt: null, reviewedBy: null }
  const applicant = (_id: string, nickname: string) => toEjson({ _id, nickname, roles: ['rider'], workerCommunityIds: [], verification: { status: 'unverified' }, createdAt: new Date(), updatedAt: new Date() })
  await cloud.emulator.database.importSnapshot({
    collections: {
      merchants: [
        toEjson({ ...pending, submittedAt: new Date(), location: { type: 'Point', coordinates: [WENHUI.longitude + 0.0003, WENHUI.latitude] } }),
        // one that stays in the staff's queue
        toEjson({ ...pending, _id: WAITING_MERCHANT, shopName: '钱记烧饼', submittedAt: new Date(), location: { type: 'Point', coordinates: [WENHUI.longitude - 0.0003, WENHUI.latitude] } }),
      ],
      users: [applicant(NEW_MERCHANT, '吴老板'), applicant(WAITING_MERCHANT, '钱老板')],
    },
  })
  // staff review by the public id the queue shows
  const queued = dataOf(await call<{ id: string; shopName: string }[]>('merchant', 'pending', {}, WORKER))
  const approved = dataOf(await call<{ placeId: string }>('merchant', 'review', { id: queued.find((m) => m.shopName === '吴记馄饨')!.id, approve: true }, WORKER))
  ids.merchantPlace = approved.placeId
  // a report the board shows
  const v = dataOf(await call<SuggestionView>('suggestions', 'create', { category: 'safety', text: '文晖路 45 号门口井盖松动，电动车压上去会翘起', location: WENHUI }, RIDER))
  dataOf(await call('suggestions', 'accept', { id: v.id }, WORKER))
  ids.suggestion = v.id
  const nearby = dataOf(await call<NearbyResult>('places', 'nearby', { ...WENHUI, radius: 1000 }, STRANGER))
  ids.place = nearby.items[0].id
  ids.item = dataOf(await call<MallItemView[]>('mall', 'items', {}, STRANGER))[0].id
  ids.activity = dataOf(await call<ActivityListResult>('volunteer', 'list', {}, RIDER)).items[0].id
}, 180_000)
afterAll(() => cloud?.stop())

/** A valid input for the actions that read (the ones whose answers matter); `{}` for the others. */
const inputs = (): Record<string, Record<string, unknown>> => ({
  'places.nearby': { ...WENHUI, radius: 1000 },
  'places.detail': { id: ids.merchantPlace },
  'places.reports': { placeId: ids.place },
  'places.listMine': {},
  'mall.detail': { id: ids.item },
  'mall.myVouchers': {},
  'points.history': {},
  'suggestions.similar': { category: 'safety', ...WENHUI },
  'suggestions.detail': { id: ids.suggestion },
  'suggestions.board': { communityId: 'c-xinheping' },
  'suggestions.mine': {},
  'suggestions.queue': {},
  'volunteer.list': {},
  'volunteer.detail': { id: ids.activity },
  'volunteer.roster': { id: ids.activity },
  'volunteer.exportRoster': { id: ids.activity },
  'merchant.mine': {},
  'identity.myStatus': {},
  'compounds.search': { q: '金祝新村 12幢2单元' },
  'compounds.detail': { id: 'cp-jinzhu-xincun' },
  'compounds.nearby': { longitude: 120.14262, latitude: 30.27095 },
  'compounds.flag': { compoundId: 'cp-jinzhu-xincun', target: 'gate', targetId: 'g1', kind: 'gateClosed' },
  'compounds.listMine': {},
  'compounds.flags': {},
})

/** Reads a non-staff caller must get an answer from, or the scan would prove nothing. */
const MUST_ANSWER = ['user.me', 'user.settings', 'places.nearby', 'places.detail', 'mall.items', 'mall.detail', 'mall.myVouchers', 'points.balance', 'points.history', 'suggestions.similar', 'suggestions.detail', 'suggestions.board', 'suggestions.mine', 'volunteer.list', 'volunteer.detail', 'volunteer.myRecord', 'identity.myStatus', 'compounds.search', 'compounds.detail', 'compounds.nearby', 'compounds.flag']

/** Staff queues that must answer non-empty for the staff scan to prove anything (admin.listStaff: admins only). */
const STAFF_MUST_ANSWER = ['merchant.pending', 'identity.queue', 'volunteer.roster', 'suggestions.queue', 'compounds.flags', 'workbench.todo']

/**
 * The person's own data export (PIPL's right of access) names them by their openid, as the data
 * held about them does: there, and only there, the caller's own openid may appear — no one else's.
 */
const OWN_DATA_EXPORTS = new Set(['user.exportMine'])

const everyAction = () => Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`))

function leaks(answer: unknown, openids: string[]): string[] {
  const text = JSON.stringify(answer)
  return openids.filter((o) => text.includes(o))
}

test('the public map shows the newly approved merchant under an id without their openid', async () => {
  expect(ids.merchantPlace).toMatch(/^p-m-u/)
  expect(ids.merchantPlace).not.toContain(NEW_MERCHANT)
  const nearby = dataOf(await call<NearbyResult>('places', 'nearby', { ...WENHUI, radius: 1000, kinds: ['merchant'] }, STRANGER))
  expect(nearby.items.map((p) => p.id)).toContain(ids.merchantPlace)
})

test.each([RIDER, STRANGER])('every action answered to %s carries no openid', async (caller) => {
  const openids = knownOpenids()
  const inp = inputs()
  const found: string[] = []
  const answered: string[] = []
  for (const name of everyAction()) {
    const [fn, action] = name.split('.')
    const r = await call<unknown>(fn, action, inp[name] ?? {}, caller)
    if (r.ok) answered.push(name)
    const allowed = OWN_DATA_EXPORTS.has(name) ? [caller] : []
    for (const o of leaks(r, openids)) if (!allowed.includes(o)) found.push(`${name} → ${o}`)
  }
  expect(found).toEqual([])
  expect(answered).toEqual(expect.arrayContaining(caller === RIDER ? MUST_ANSWER : MUST_ANSWER.filter((n) => n !== 'suggestions.detail')))
}, 300_000)

test.each([WORKER, ADMIN])('every action answered to staff member %s carries no openid', async (caller) => {
  const openids = knownOpenids()
  const inp = inputs()
  const found: string[] = []
  const answered: string[] = []
  const empty: string[] = []
  for (const name of everyAction()) {
    const [fn, action] = name.split('.')
    const r = await call<unknown>(fn, action, inp[name] ?? {}, caller)
    if (r.ok) answered.push(name)
    if (r.ok && STAFF_MUST_ANSWER.includes(name) && JSON.stringify(r.data).length < 20) empty.push(name)
    // their own export names them by their openid, as the data held about them does; nothing else may
    const allowed = OWN_DATA_EXPORTS.has(name) ? [caller] : []
    for (const o of leaks(r, openids)) if (!allowed.includes(o)) found.push(`${name} → ${o}`)
  }
  expect(found).toEqual([])
  expect(answered).toEqual(expect.arrayContaining(caller === ADMIN ? [...STAFF_MUST_ANSWER, 'admin.listStaff'] : STAFF_MUST_ANSWER))
  expect(empty).toEqual([])
}, 300_000)

test('the staff answers the issue names carry no openid either (volunteer.roster, admin.listStaff, the workbench)', async () => {
  await call('volunteer', 'signUp', { activityId: ids.activity }, RIDER)
  const openids = knownOpenids()
  const roster = await call<{ rows: unknown[] }>('volunteer', 'roster', { id: ids.activity }, WORKER)
  expect(dataOf(roster).rows.length).toBeGreaterThan(0)
  const staff = await call<unknown[]>('admin', 'listStaff', {}, ADMIN)
  expect(dataOf(staff).length).toBeGreaterThan(1)
  // the to-do names the oldest verifications waiting by their rider id, never the openid
  const todo = await call<{ verifications: { count: number } }>('workbench', 'todo', {}, ADMIN)
  expect(dataOf(todo).verifications.count).toBeGreaterThan(0)
  const figures = await call<unknown>('workbench', 'figures', { days: 90 }, ADMIN)
  expect(figures.ok).toBe(true)
  // 商家管理 names merchants by their public id, in the list and in a suspension's answer
  const merchants = await call<{ id: string }[]>('merchant', 'merchants', {}, WORKER)
  expect(dataOf(merchants).length).toBeGreaterThan(0)
  const suspend = await call<unknown>('merchant', 'setSuspended', { id: dataOf(merchants)[0].id, suspend: true, reason: '扫描测试暂停' }, WORKER)
  const reinstate = await call<unknown>('merchant', 'setSuspended', { id: dataOf(merchants)[0].id, suspend: false, reason: '扫描测试恢复' }, WORKER)
  expect([suspend.ok, reinstate.ok]).toEqual([true, true])
  expect({ roster: leaks(roster, openids), staff: leaks(staff, openids), todo: leaks(todo, openids), figures: leaks(figures, openids), merchants: leaks([merchants, suspend, reinstate], openids) }).toEqual({
    roster: [],
    staff: [],
    todo: [],
    figures: [],
    merchants: [],
  })
})

test('the compound flag queue and the guard’s gate list name no rider (issue 16)', async () => {
  const openids = knownOpenids()
  const flags = await call<unknown[]>('compounds', 'flags', { communityId: 'c-jinzhu' }, WORKER)
  expect(dataOf(flags).length).toBeGreaterThan(0)
  const mine = await call<unknown[]>('compounds', 'listMine', {}, WORKER)
  expect(dataOf(mine).length).toBeGreaterThan(0)
  const detail = await call('compounds', 'detail', { id: 'cp-jinzhu-xincun' }, WORKER)
  expect({ flags: leaks(flags, openids), mine: leaks(mine, openids), detail: leaks(detail, openids) }).toEqual({ flags: [], mine: [], detail: [] })
})
