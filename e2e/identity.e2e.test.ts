/**
 * Journey "identity": 李小哥 (unverified) applies with a badge photo (uploaded through the gateway)
 * and the emulator's test phone flow → 陈主任 opens the photo and approves → 李小哥 sees 已认证 and
 * his 小哥码 → 刘老板 (merchant) pastes the code and sees 有效 with the masked name. Needs
 * `npm run build:h5` and the built functions.
 */
import type { Journey } from './harness'
import { startDemoJourney, TINY_PNG, type DemoJourney } from './demo-journey'

let journey: Journey
let demo: DemoJourney

const PNG = TINY_PNG

beforeAll(async () => {
  demo = await startDemoJourney('identity')
  journey = demo.journey
})

afterAll(() => demo?.stop())

const signInAs = (openid: string) => demo.signInAs(openid)
const open = (route: string) => demo.open(route)

test('rider applies with a photo → worker approves → rider sees 已认证 and a pass → merchant verifies it', async () => {
  const { page } = journey
  let token = ''

  await journey.step('01-apply', async () => {
    await signInAs('demo-rider-li')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '身份认证' }).click()
    const form = page.locator('.rider-verify-page')
    await form.locator('input[placeholder="如：张建国"]').fill('李明')
    await form.locator('.chip', { hasText: '顺丰' }).click()
    await form.locator('.chip', { hasText: '快递' }).click()
    await form.locator('input[name="station"]').fill('顺丰文晖营业部')
    await form.locator('.chip', { hasText: '新和平社区' }).click()
    const chooser = page.waitForEvent('filechooser')
    await form.getByText('选择照片', { exact: true }).click()
    await (await chooser).setFiles({ name: 'badge.png', mimeType: 'image/png', buffer: PNG })
    await form.getByText('换一张', { exact: true }).waitFor()
    await form.locator('input[placeholder="如：13812345678"]').fill('13912345678')
    await form.getByText('提交认证', { exact: true }).click()
    await form.getByText('审核中', { exact: true }).waitFor()
    await form.getByText('139****5678').waitFor()
  })

  await journey.step('02-worker-approves', async () => {
    await signInAs('demo-worker-chen')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '社区工作台' }).click()
    await page.locator('.entry-cell', { hasText: '骑手认证审核' }).click()
    const item = page.locator('.id-item', { hasText: '*明' })
    await item.getByText('139****5678', { exact: false }).waitFor()
    await item.getByText('查看照片', { exact: true }).click()
    await item.locator('.id-item__photo').waitFor()
    await item.getByText('通过', { exact: true }).click()
    await item.waitFor({ state: 'detached' })
  })

  await journey.step('03-rider-verified-pass', async () => {
    await signInAs('demo-rider-li')
    await open('/pages/me/index')
    await page.locator('.me-profile').getByText('已认证', { exact: true }).waitFor()
    await page.locator('.me-profile__detail', { hasText: '139****5678' }).waitFor()
    await page.locator('.entry-cell', { hasText: '小哥码' }).first().click()
    const card = page.locator('.pass-card')
    await card.getByText('*明', { exact: true }).waitFor()
    await card.getByText(/秒后失效/).waitFor()
    token = ((await card.locator('.pass-card__token').textContent()) ?? '').trim()
    expect(token).toMatch(/^XG1\./)
  })

  await journey.step('04-merchant-verifies', async () => {
    await signInAs('demo-merchant-liu')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '核验小哥码' }).click()
    const checker = page.locator('.pass-check-page')
    await checker.locator('input[placeholder="XG1.…"]').fill(token)
    await checker.getByText('核验', { exact: true }).click()
    const result = checker.locator('.pass-result')
    await result.getByText('有效', { exact: true }).waitFor()
    await result.getByText(/\*明 · 顺丰/).waitFor()
  })

  expect(journey.blocked).toEqual([])
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
}, 120_000)
