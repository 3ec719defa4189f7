/**
 * Journey "privacy" (issue 18, Done-when): 张师傅 has real data — a check-in, reports, a voucher and
 * a volunteer sign-up, made through the functions' own actions — and on 我的数据与隐私 exports it
 * (the JSON file downloads and holds those records), asks for 注销, withdraws, asks again. The
 * emulator's clock then moves past the 7-day cooling-off and the user function's `privacyDaily`
 * timer fires as deployed. Signing in again as the same WeChat user starts a fresh account: the
 * first-open privacy notice first (nothing stored until it is accepted, then recorded once), no
 * points, no reports, no data to export but the new account itself, and the worker sees the old
 * report as 「已注销用户」's. Needs `npm run build:h5` and the built functions.
 */
import { readFileSync } from 'node:fs'
import type { Locator } from 'playwright-core'
import type { RunningEmulator } from '../emulator'
import type { ConsentDoc, DeletionStatus, MyDataExport } from '../domain/user/consent'
import type { RedeemResult } from '../domain/mall/model'
import { DELETED_USER_NAME, PRIVACY_NOTICE } from '../domain/privacy'
import type { Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'

const RIDER = 'demo-rider-zhang'
const WORKER = 'demo-worker-chen'
/** one of 张师傅's demo reports, in 陈主任's community */
const REPORT = 'sg-demo-02'
const PLACE = 'p-wl-003'
const ITEM = 'i-demo-charge'
const DAY = 86_400_000

let emulator: RunningEmulator
let journey: Journey
let demo: DemoJourney

/** Calls an action as a persona, through the emulator's function runtime (the real bundle). */
async function act<T>(fn: string, action: string, input: unknown, openid: string): Promise<T> {
  const { result } = (await emulator.functions.invoke(fn, { action, input }, { openid })) as { result: { ok: boolean; data?: T; error?: unknown } }
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(result.error)}`)
  return result.data as T
}

let activityId = ''
let voucherCode = ''

beforeAll(async () => {
  demo = await startDemoJourney('privacy')
  ;({ emulator, journey } = demo)
  // 张师傅's demo data has reports and points; the rest he makes now, as the app would.
  const place = (emulator.database.listDocuments('places') as { _id: string; location: { coordinates: [number, number] } }[]).find((p) => p._id === PLACE)!
  const [longitude, latitude] = place.location.coordinates
  await act('places', 'checkIn', { placeId: PLACE, longitude, latitude, accuracy: 10, fixedAt: Date.now() }, RIDER)
  voucherCode = (await act<RedeemResult>('mall', 'redeem', { itemId: ITEM, key: 'privacy-journey-1' }, RIDER)).voucher.code
  const startAt = Date.now() + 10 * DAY
  activityId = (
    await act<{ id: string }>(
      'volunteer',
      'create',
      { type: 'patrol', title: '平安骑士 · 注销演示巡逻', description: '晚高峰后沿文晖路巡查，穿好反光背心。', communityId: 'c-xinheping', where: { placeId: PLACE }, startAt, endAt: startAt + 2 * 3_600_000, capacity: 5, verifiedOnly: false },
      WORKER,
    )
  ).id
  await act('volunteer', 'signUp', { activityId }, RIDER)
})

afterAll(() => demo?.stop())

const consentOf = (openid: string) => (emulator.database.listDocuments('consents', { limit: 1000 }) as ConsentDoc[]).find((d) => d._id === openid)

/** The visible page of a class (Taro h5 keeps earlier pages of the stack in the DOM, hidden). */
const pageOf = (cls: string): Locator => journey.page.locator(`.${cls}:visible`).first()
const privacy = () => pageOf('privacy-page')

/** A step whose screenshot waits for Taro's page transition and toasts to settle. */
const step = <T,>(name: string, body: () => Promise<T>) =>
  journey.step(name, async () => {
    const r = await body()
    await journey.page.waitForTimeout(500)
    return r
  })

async function confirmModal(text: string) {
  await journey.page.locator('.taro__modal .taro-modal__foot').getByText(text, { exact: true }).click()
}

test('a rider exports their data, asks for 注销, withdraws, asks again; after the timer, signing in again is a fresh account', async () => {
  const { page } = journey

  await step('01-privacy-page', async () => {
    await demo.signInAs(RIDER)
    await demo.open('/packages/rider/privacy/index')
    await privacy().getByText('我们目前保存的你的资料').waitFor()
    await privacy().locator('.kv__value', { hasText: '已认证' }).waitFor()
  })

  let exported: MyDataExport | undefined
  await step('02-exported', async () => {
    await privacy().locator('.export-card__load').click()
    const sections = privacy().locator('.export-section')
    for (const title of ['到站签到', '微事我言', '志愿活动报名与服务时长', '积分明细']) await sections.filter({ hasText: title }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), privacy().locator('.export-card__save').click()])
    expect(download.suggestedFilename()).toMatch(/^xiaoge-my-data-\d{4}-\d{2}-\d{2}\.json$/)
    exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as MyDataExport
  })

  const items = (collection: string) => exported!.sections.find((s) => s.collection === collection)?.items as Record<string, unknown>[] | undefined
  expect(items('checkins')).toEqual([expect.objectContaining({ placeId: PLACE })])
  // an unused voucher is its redemption entry in the ledger (vouchers holds only uses and cancels)
  expect(items('ledger')?.map((e) => (e.voucher as { code?: string } | null)?.code).filter(Boolean)).toEqual([voucherCode])
  // the sign-up made above, beside the demo persona's past services (scripts/demo/volunteer.ts)
  expect(items('signups')?.filter((s) => s.activityId === activityId)).toEqual([expect.objectContaining({ activityId, status: 'signedUp' })])
  expect(items('signups')?.length).toBeGreaterThan(1)
  expect(items('suggestions')?.map((s) => s._id)).toContain(REPORT)
  expect(exported!.verification).toMatchObject({ status: 'verified' })

  await step('03-deletion-requested', async () => {
    await privacy().locator('.deletion-card__request').click()
    await confirmModal('申请注销')
    await privacy().locator('.deletion-card__pending').waitFor()
    await privacy().locator('.deletion-card__cancel').waitFor()
  })
  expect(await act('user', 'deletionStatus', {}, RIDER)).toMatchObject({ status: 'pending' })

  await step('04-deletion-withdrawn', async () => {
    await privacy().locator('.deletion-card__cancel').click()
    await privacy().locator('.deletion-card__request').waitFor()
    expect(await privacy().locator('.deletion-card__pending').count()).toBe(0)
  })
  expect(await act('user', 'deletionStatus', {}, RIDER)).toMatchObject({ status: 'none' })

  await step('05-deletion-requested-again', async () => {
    await privacy().locator('.deletion-card__request').click()
    await confirmModal('申请注销')
    await privacy().locator('.deletion-card__cancel').waitFor()
  })

  // The cooling-off period passes: the timer clock moves to the moment it ends and on by a day,
  // firing every function's triggers on the way as deployed (privacyDaily runs at 03:00, once in
  // that day, after the end: from "7 days less an hour", a run at 03:00 in that hour came too early)
  const before = await act<DeletionStatus>('user', 'deletionStatus', {}, RIDER)
  expect(before).toMatchObject({ status: 'pending' })
  await emulator.timers.set(new Date(Date.parse(before.dueAt!) + 1000))
  const fired = await emulator.timers.advance(DAY)
  expect(fired.filter((f) => f.functionName === 'user')).toEqual([expect.objectContaining({ status: 'ok', result: expect.objectContaining({ ok: true, data: expect.objectContaining({ deletions: { done: 1, failed: 0 } }) }) })])
  // the database no longer names him
  const text = JSON.stringify(emulator.database.exportSnapshot())
  expect(text.includes(RIDER)).toBe(false)

  // Back as the same WeChat user: a fresh account starts with the first-open notice, and until it
  // is accepted nothing about him is stored.
  await step('06-first-open-notice', async () => {
    await demo.signInAs(RIDER)
    await demo.open('/pages/me/index')
    await page.locator('.privacy-notice').getByText(PRIVACY_NOTICE.title).waitFor()
    await page.waitForTimeout(1000)
    // 我的 waits for user.me, which is held until the notice is accepted
    expect(await pageOf('me-page').getByText('未认证').count()).toBe(0)
    const db = JSON.stringify(emulator.database.exportSnapshot())
    expect(db.includes(RIDER)).toBe(false)
  })

  await step('07-signed-in-again-me', async () => {
    await page.locator('.privacy-notice__agree').click()
    await page.locator('.privacy-notice').waitFor({ state: 'detached' })
    await pageOf('me-page').getByText('未认证').waitFor()
    expect(await pageOf('me-page').getByText('张师傅').count()).toBe(0)
    expect(consentOf(RIDER)?.history).toEqual([expect.objectContaining({ version: PRIVACY_NOTICE.version })])
  })

  await step('08-no-points', async () => {
    await page.locator('.taro-tabbar__tabbar').getByText('积分', { exact: true }).click()
    await page.getByText('还没有积分记录').waitFor()
  })

  await step('09-no-reports', async () => {
    await page.locator('.taro-tabbar__tabbar').getByText('微事我言', { exact: true }).click()
    await page.getByText('还没有反映过问题').waitFor()
  })

  await step('10-fresh-export', async () => {
    await demo.open('/packages/rider/privacy/index')
    await privacy().locator('.deletion-card__request').waitFor()
    await privacy().locator('.export-card__load').click()
    await privacy().locator('.export-card__save').waitFor()
    // only the account this visit created
    const titles = await privacy().locator('.export-section .kv__key').allTextContents()
    expect(titles.filter((t) => !['账号与认证资料', '积分余额', '隐私说明同意记录'].includes(t))).toEqual([])
  })

  await step('11-old-report-deleted-user', async () => {
    await demo.signInAs(WORKER)
    await demo.open(`/packages/worker/suggestion/index?id=${REPORT}`)
    await page.getByText(`反映人：${DELETED_USER_NAME}`).waitFor()
  })

  // the acceptance was recorded once, however many pages he opened after it
  expect(consentOf(RIDER)?.history).toHaveLength(1)
  expect(journey.blocked).toEqual([])
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
})
