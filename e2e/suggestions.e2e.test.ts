/**
 * Journey "suggestions" (issue 5, 微事我言): 张师傅 reports a hazard with a photo from where he
 * stands → 陈主任 (community worker) accepts it and resolves it with a reply and a photo of the fix
 * → 张师傅 confirms and rates it 5 stars → it appears on 新和平社区's public board (list and map),
 * without his name. Needs `npm run build:h5` and the built functions.
 */
import type { RunningEmulator } from '../emulator'
import { gcj02ToWgs84 } from '../src/utils/coords'
import type { Journey } from './harness'
import { startDemoJourney, TINY_PNG, type DemoJourney } from './demo-journey'

let emulator: RunningEmulator
let journey: Journey
let demo: DemoJourney

const PNG = TINY_PNG
/** 文晖路 150 号附近 (GCJ-02), in 新和平社区, more than 50 m from every demo report */
const HERE = { longitude: 120.1752, latitude: 30.29215 }
const TEXT = '文晖路 150 号门口人行道上的电缆井盖缺了一块，电动车轮子容易卡进去，晚上很危险'
const REPLY = '已更换新的井盖并加装防滑条，谢谢提醒'

beforeAll(async () => {
  demo = await startDemoJourney('suggestions')
  ;({ emulator, journey } = demo)
})

afterAll(() => demo?.stop())

const signInAs = (openid: string) => demo.signInAs(openid)

interface Sent {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}
/** What the journey's subscribe messages left in the emulator's outbox (its HTTP API, as the inspector reads it). */
async function outboxFor(touser: string): Promise<Sent[]> {
  const res = await journey.page.request.get(`${emulator.url}/__/api/outbox?touser=${encodeURIComponent(touser)}`, { headers: { authorization: `Bearer ${emulator.inspectorToken}` } })
  return ((await res.json()) as { messages: Sent[] }).messages
}
/** The suggestion-status message (local template, server/subscribe-messages.ts) 张师傅 should get for a status */
const statusMessage = (id: string, status: string, note: string) =>
  expect.objectContaining({
    templateId: 'suggestion-status',
    page: `packages/suggestions/detail/index?id=${id}`,
    data: {
      thing1: { value: '安全隐患：文晖路 150 号门口人行道…' },
      phrase2: { value: status },
      thing3: { value: note },
      time4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/) },
    },
  })
const open = (route: string) => demo.open(route)

async function pickPhoto(trigger: import('playwright-core').Locator, name: string) {
  const chooser = journey.page.waitForEvent('filechooser')
  await trigger.click()
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PNG })
}

test('a rider reports a hazard → a worker accepts and resolves it → the rider rates it → it is on the board', async () => {
  const { page, context } = journey
  let id = ''
  // page transitions slide for ~300 ms: let them finish before the step's screenshot
  const step = (name: string, body: () => Promise<void>) =>
    journey.step(name, async () => {
      await body()
      await page.waitForTimeout(800)
    })

  await step('01-tab', async () => {
    await signInAs('demo-rider-zhang')
    await open('/pages/suggestions/index')
    const tab = page.locator('.suggestions-page').first()
    await tab.getByText('我要反映', { exact: true }).waitFor()
    // 张师傅's demo reports: 新和平小区 2 号门 (已评价) among them
    await tab.locator('.sg-row', { hasText: '2 号门门禁' }).waitFor()
  })

  const form = page.locator('.suggestion-new').first()
  await step('02-empty-form-errors', async () => {
    await page.locator('.suggestions-page').first().getByText('我要反映', { exact: true }).click()
    await form.getByText('提交反映', { exact: true }).click()
    await form.getByText('请至少写 5 个字，说清楚问题和位置').waitFor()
    await form.getByText('请定位或在地图上选点').waitFor()
    await form.getByText('问题描述').scrollIntoViewIfNeeded()
  })

  await step('03-filled-form', async () => {
    await form.locator('[role=radio]', { hasText: '安全隐患' }).click()
    await form.locator('textarea').first().fill(TEXT)
    await pickPhoto(form.getByRole('button', { name: '添加照片' }), 'hazard.png')
    await form.getByText('已上传', { exact: true }).waitFor()
    const fix = gcj02ToWgs84(HERE.longitude, HERE.latitude)
    await context.grantPermissions(['geolocation'], { origin: emulator.url })
    await context.setGeolocation({ ...fix, accuracy: 10 })
    await form.getByText('使用当前位置', { exact: true }).click()
    // the community is derived from the position
    await form.locator('[role=radio][aria-checked=true]', { hasText: '新和平社区' }).waitFor()
    await form.locator('input[placeholder^="具体位置"]').fill('文晖路 150 号门口')
    expect(await form.locator('.form-field__error').count()).toBe(0)
  })

  const detail = page.locator('.suggestion-detail').first()
  await step('04-submitted', async () => {
    await form.getByText('提交反映', { exact: true }).click()
    await detail.getByText(TEXT).waitFor({ timeout: 15_000 })
    await detail.getByText('待受理', { exact: true }).first().waitFor()
    await detail.getByText(/办理时限：/).waitFor()
    await detail.locator('.sg-timeline__item', { hasText: '提交反映' }).waitFor()
    id = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
    expect(id).toMatch(/^s/)
    // nothing is sent for the rider's own action
    expect(await outboxFor('demo-rider-zhang')).toEqual([])
  })

  const handling = page.locator('.worker-suggestion').first()
  await step('05-worker-queue', async () => {
    await signInAs('demo-worker-chen')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '社区工作台' }).click()
    await page.locator('.entry-cell', { hasText: '微事我言' }).click()
    const queue = page.locator('.worker-suggestions').first()
    const row = queue.locator('.sg-row', { hasText: '电缆井盖' })
    await row.waitFor()
    // new reports (待受理) come before those already accepted; nothing of 西溪社区
    expect(await queue.locator('.sg-row', { hasText: '西溪社区' }).count()).toBe(0)
  })

  await step('05b-worker-opens', async () => {
    await page.locator('.worker-suggestions').first().locator('.sg-row', { hasText: '电缆井盖' }).click()
    await handling.getByText(TEXT).waitFor()
    await handling.getByText('反映人：张师傅（对外匿名）').waitFor()
  })

  await step('06-worker-accepts', async () => {
    // a Taro h5 Button carries no button role: found by its text
    await handling.getByText('受理这条反映', { exact: true }).click()
    // 受理 starts the deadline and tells the reporter: it asks first
    await page.locator('.taro__modal .taro-modal__foot').getByText('受理', { exact: true }).click()
    await handling.locator('.sg-timeline__item', { hasText: '社区受理' }).waitFor()
    await handling.getByText('已受理', { exact: true }).first().waitFor()
    // the reporter is told, in the template's fields
    expect(await outboxFor('demo-rider-zhang')).toEqual([statusMessage(id, '已受理', '社区已受理，将尽快处理')])
  })

  await step('07-worker-resolves', async () => {
    await handling.getByRole('button', { name: '办结' }).click()
    await handling.locator('textarea').fill(REPLY)
    await pickPhoto(handling.getByRole('button', { name: '添加照片' }), 'fixed.png')
    await handling.getByText('已上传', { exact: true }).waitFor()
    await handling.getByText('提交', { exact: true }).click()
    await handling.locator('.sg-timeline__item', { hasText: REPLY }).waitFor()
    await handling.getByText('已办结', { exact: true }).first().waitFor()
    expect(await handling.locator('.sg-timeline__item', { hasText: REPLY }).locator('img').count()).toBe(1)
    expect(await outboxFor('demo-rider-zhang')).toEqual([statusMessage(id, '已受理', '社区已受理，将尽快处理'), statusMessage(id, '已办结', REPLY)])
  })

  await step('08-rider-confirms', async () => {
    await signInAs('demo-rider-zhang')
    await open(`/packages/suggestions/detail/index?id=${id}`)
    await detail.locator('.sg-timeline__item', { hasText: REPLY }).waitFor()
    await detail.getByText('问题解决了吗？请评价').waitFor()
    await detail.getByRole('radio', { name: '5 星' }).click()
    await detail.locator('textarea').first().fill('修得很快，谢谢社区')
    await detail.getByText('确认已解决并评价', { exact: true }).click()
    await detail.getByText('已评价', { exact: true }).first().waitFor()
    await detail.locator('.sg-timeline__item', { hasText: '确认并评价' }).waitFor()
  })

  await step('09-board-list', async () => {
    await open('/pages/suggestions/index')
    const tab = page.locator('.suggestions-page').first()
    await tab.getByRole('tab', { name: '公开看板' }).click()
    const row = tab.locator('.sg-row', { hasText: '电缆井盖' })
    await row.waitFor()
    await row.getByText('已评价', { exact: true }).waitFor()
    expect(await tab.getByText('张师傅').count()).toBe(0)
  })

  await step('10-board-map', async () => {
    const tab = page.locator('.suggestions-page').first()
    await tab.getByRole('button', { name: '地图' }).click()
    await tab.locator('.sg-map').waitFor()
    const pins = await tab.locator('.sg-map__pin').count()
    expect(pins).toBeGreaterThan(3)
  })

  await step('11-board-public-detail', async () => {
    // a stranger to the report (another rider) opens it from the board: anonymised
    await signInAs('demo-rider-wang')
    await open(`/packages/suggestions/detail/index?id=${id}`)
    await detail.getByText(TEXT).waitFor()
    await detail.locator('.sg-timeline__item', { hasText: REPLY }).waitFor()
    expect(await detail.getByText('张师傅').count()).toBe(0)
    expect(await detail.getByText('确认已解决并评价').count()).toBe(0)
  })

  expect(journey.blocked).toEqual([])
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
}, 180_000)
