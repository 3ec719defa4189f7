/**
 * Journey "volunteer" (issue 7): 陈主任 (community worker) goes 我的 → 社区工作台 → 志愿活动 and
 * publishes a patrol for tomorrow with 2 places → 张师傅 and 王姐 sign up, 赵师傅 joins the waitlist
 * → 王姐 cancels and 赵师傅 is promoted → the roster shows 2/2.
 *
 * Check-in and check-out: hours count only when ≥ 60% of the activity was attended and the function
 * takes the time from the real clock (and refuses to create activities that already started), so the
 * journey seeds one patrol that started an hour ago and ends in 15 minutes, with 赵师傅 checked in at
 * its start and 张师傅 signed up. 陈主任 shows the rotating code on his phone (the activity page);
 * 张师傅 checks in and 赵师傅 checks out by typing it, with the browser's location next to the place →
 * 赵师傅's record shows 1 hour and 10 points, and the certificate lists the patrol.
 * Needs `npm run build:h5` and the built functions (`npm run build:functions`).
 */
import type { Locator } from 'playwright-core'
import type { RunningEmulator } from '../emulator'
import { gcj02ToWgs84 } from '../src/utils/coords'
import type { Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'
import { seededPatrol, SEEDED, SEEDED_TITLE, STATION } from '../scripts/testing/volunteer-fixture'

const NEW_TITLE = '平安骑士 · 新和平网格巡逻'

let emulator: RunningEmulator
let journey: Journey
let demo: DemoJourney

beforeAll(async () => {
  demo = await startDemoJourney('volunteer')
  ;({ emulator, journey } = demo)
  await emulator.database.importSnapshot(seededPatrol(Date.now()) as never, { replace: false })
})

afterAll(() => demo?.stop())

const signInAs = (openid: string) => demo.signInAs(openid)
const open = (route: string) => demo.open(route)

/** The visible page of a class (Taro h5 keeps earlier pages of the stack in the DOM, hidden). */
const pageOf = (cls: string): Locator => journey.page.locator(`.${cls}:visible`).first()

/** Confirms Taro's h5 modal (showModal). */
async function confirmModal() {
  const modal = journey.page.locator('.taro__modal .taro-modal__foot')
  await modal.getByText('确定', { exact: true }).click()
}

/** A step whose screenshot waits for Taro's page transition (the new page slides in). */
const step = <T,>(name: string, body: () => Promise<T>) =>
  journey.step(name, async () => {
    const r = await body()
    await journey.page.waitForTimeout(500)
    return r
  })

test('a worker publishes a patrol; riders sign up, one cancels, the waitlisted rider is promoted; check-in/out earns hours and points', async () => {
  const { page, context } = journey
  let activityId = ''

  // The h5 browser has no GPS: put it ~40 m from the station. Browsers report WGS-84 and the app
  // converts to GCJ-02 (the datum of the place data), so set the WGS-84 equivalent.
  await context.grantPermissions(['geolocation'], { origin: emulator.url })
  await context.setGeolocation({ ...gcj02ToWgs84(STATION.longitude + 0.0004, STATION.latitude), accuracy: 15 })

  await step('01-worker-activities', async () => {
    await signInAs('demo-worker-chen')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '社区工作台' }).click()
    // let the page finish sliding in: a tap during Taro's page transition can be lost
    await pageOf('worker-page').getByText('你可以做的事').waitFor()
    await page.waitForTimeout(500)
    await pageOf('worker-page').locator('.entry-cell', { hasText: '志愿活动' }).click()
    const list = pageOf('worker-activities-page')
    await list.locator('.wa-item', { hasText: SEEDED_TITLE }).waitFor()
  })

  const form = () => pageOf('worker-activity-edit-page')
  await step('02-form-errors', async () => {
    await page.waitForTimeout(500)
    await pageOf('worker-activities-page').getByText('发布活动', { exact: true }).click()
    await form().getByText('发布', { exact: true }).click()
    await form().getByText('标题至少 2 个字').waitFor()
    await form().getByText('请选择活动地点').waitFor()
  })

  await step('03-form-filled', async () => {
    const f = form()
    await f.locator('.chip', { hasText: '巡逻' }).click()
    await f.locator('input.wa-title-input').fill(NEW_TITLE)
    await f.locator('textarea').fill('晚高峰后沿文晖路巡查，穿好反光背心。')
    await f.locator('.chip', { hasText: '新和平社区' }).click()
    await f.locator('.wa-place-picker').click()
    const picker = page.locator('.taro-picker__overlay:visible, .weui-picker:visible').first()
    await picker.waitFor()
    await picker.getByText('确定', { exact: true }).click()
    // any place of 新和平社区 will do (check-in is shown on the seeded patrol below)
    await f.locator('.wa-place-picker:not(.wa-placeholder)').waitFor()
    await f.locator('input.wa-capacity-input').fill('2')
    expect(await f.locator('.form-field__error').count()).toBe(0)
  })

  await step('04-published', async () => {
    await form().getByText('发布', { exact: true }).click()
    const roster = pageOf('worker-activity-page')
    await roster.locator('.wa-item__title', { hasText: NEW_TITLE }).waitFor({ timeout: 15_000 })
    await roster.getByText('报名 0/2').waitFor()
    activityId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
    expect(activityId).not.toBe('')
  })

  await step('05-rider-list', async () => {
    await signInAs('demo-rider-zhang')
    await open('/pages/me/index')
    await pageOf('me-page').locator('.entry-cell', { hasText: '志愿活动' }).click()
    const list = pageOf('vol-list-page')
    const item = list.locator('.vol-item', { hasText: NEW_TITLE })
    await item.waitFor()
    await item.getByText('剩 2 个名额').waitFor()
    await list.locator('.vol-item', { hasText: SEEDED_TITLE }).getByText('进行中', { exact: true }).waitFor()
  })

  const detail = () => pageOf('vol-detail-page')
  await step('06-zhang-signed-up', async () => {
    await pageOf('vol-list-page').locator('.vol-item', { hasText: NEW_TITLE }).click()
    await detail().locator('.vol-places-left', { hasText: '剩 2 / 2' }).waitFor()
    await detail().getByText('报名', { exact: true }).click()
    await detail().locator('.vol-places-left', { hasText: '剩 1 / 2' }).waitFor()
    await detail().locator('.app-tag', { hasText: '已报名' }).waitFor()
    // before 18:00 today it is a free cancellation, after it a late one (the patrol is tomorrow evening)
    await detail().getByText(/^取消报名/).waitFor()
  })

  await step('07-wang-signed-up', async () => {
    await signInAs('demo-rider-wang')
    await open(`/packages/volunteer/detail/index?id=${activityId}`)
    await detail().getByText('报名', { exact: true }).click()
    await detail().locator('.vol-places-left', { hasText: '已满（2 人）' }).waitFor()
  })

  await step('08-zhao-waitlisted', async () => {
    await signInAs('demo-rider-zhao')
    await open(`/packages/volunteer/detail/index?id=${activityId}`)
    await detail().locator('.vol-places-left', { hasText: '已满（2 人）' }).waitFor()
    await detail().getByText('加入候补', { exact: true }).click()
    await detail().locator('.app-tag', { hasText: '候补第 1 位' }).waitFor()
    await detail().getByText('候补 1 人', { exact: false }).waitFor()
  })

  await step('09-wang-cancels', async () => {
    await signInAs('demo-rider-wang')
    await open(`/packages/volunteer/detail/index?id=${activityId}`)
    await detail().getByText(/^取消报名/).click()
    await confirmModal()
    await detail().locator('.app-tag', { hasText: '已取消' }).waitFor()
    await detail().getByText(/^已取消报名/).waitFor()
    // the freed place went to the waitlist: still full, nobody waiting
    await detail().locator('.vol-places-left', { hasText: '已满（2 人）' }).waitFor()
    expect(await detail().getByText('候补 1 人').count()).toBe(0)
  })

  await step('10-zhao-promoted', async () => {
    await signInAs('demo-rider-zhao')
    await open(`/packages/volunteer/detail/index?id=${activityId}`)
    await detail().locator('.app-tag', { hasText: '已报名' }).waitFor()
    expect(await detail().locator('.app-tag', { hasText: '候补' }).count()).toBe(0)
    // tomorrow's patrol: check-in opens 30 minutes before the start
    await detail().getByText(/起可现场签到/).waitFor()
  })

  await step('11-roster', async () => {
    await signInAs('demo-worker-chen')
    await open(`/packages/worker/activity/index?id=${activityId}`)
    const roster = pageOf('worker-activity-page')
    await roster.getByText('报名 2/2').waitFor()
    await roster.getByText('候补 0').waitFor()
    await roster.locator('.wa-row', { hasText: '王姐' }).getByText(/^(已取消|迟取消)$/).waitFor()
    await roster.locator('.wa-row', { hasText: '赵师傅' }).getByText('已报名').waitFor()
  })

  let code = ''
  const readCode = async () => {
    await signInAs('demo-worker-chen')
    await open(`/packages/worker/activity/index?id=${SEEDED}`)
    const roster = pageOf('worker-activity-page')
    await roster.getByText('显示签到码', { exact: true }).click()
    const shown = roster.locator('.wa-checkin-code')
    await shown.waitFor()
    code = ((await shown.textContent()) ?? '').trim()
    expect(code).toMatch(/^\d{6}$/)
  }
  await step('12-checkin-code', readCode)

  await step('13-zhang-checks-in', async () => {
    await signInAs('demo-rider-zhang')
    await open(`/packages/volunteer/detail/index?id=${SEEDED}`)
    const card = detail().locator('.vol-attendance')
    await card.locator('input').fill(code)
    await card.getByText('签到', { exact: true }).click()
    await detail().locator('.vol-detail-result', { hasText: '签到成功' }).waitFor()
    await detail().locator('.app-tag', { hasText: '已签到' }).waitFor()
    await card.getByText('签退', { exact: true }).waitFor()
  })

  await step('14-zhao-checks-out', async () => {
    await readCode()
    await signInAs('demo-rider-zhao')
    await open(`/packages/volunteer/detail/index?id=${SEEDED}`)
    const card = detail().locator('.vol-attendance')
    await card.locator('input').fill(code)
    await card.getByText('签退', { exact: true }).click()
    await detail().locator('.vol-detail-result', { hasText: '签退成功！本次服务 1 小时，获得 10 积分' }).waitFor()
    // the check-in card goes once the page has reloaded the activity (after the message shows)
    await detail().locator('.vol-attendance').waitFor({ state: 'detached' })
    await detail().locator('.app-tag', { hasText: '已签退 · 1 小时' }).waitFor()
    await detail().locator('.app-tag', { hasText: '+10 积分' }).waitFor()
  })

  await step('15-record', async () => {
    await open('/packages/volunteer/record/index')
    const record = pageOf('vol-record-page')
    await record.locator('.vol-total-hours', { hasText: '1' }).waitFor()
    expect((await record.locator('.vol-total-hours').textContent())?.trim()).toBe('1')
    expect((await record.locator('.vol-total-points').textContent())?.trim()).toBe('10')
    const done = record.locator('.vol-item', { hasText: SEEDED_TITLE })
    await done.getByText('1 小时').waitFor()
    await done.getByText('已完成').waitFor()
    await record.locator('.vol-item', { hasText: NEW_TITLE }).getByText('已报名').waitFor()
  })

  await step('16-certificate', async () => {
    await pageOf('vol-record-page').locator('.entry-cell', { hasText: '志愿服务证明' }).click()
    const cert = pageOf('vol-cert-page')
    await cert.getByText(/兹证明 赵师傅 同志参加社区志愿服务 1 次，累计服务时长 1 小时/).waitFor()
    await cert.locator('.vol-cert__row', { hasText: SEEDED_TITLE }).filter({ hasText: '1 小时' }).waitFor()
    expect(await cert.locator('.vol-cert .taro-btn-disabled, .vol-actions [disabled]').count()).toBe(0)
  })

  expect(journey.blocked).toEqual([])
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
})
