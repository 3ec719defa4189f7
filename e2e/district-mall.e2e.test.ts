/**
 * Journey "district-mall": 陈主任 (community worker) lists a district item with a photo at the
 * 骑士加油站 → the photo passes the image check (the emulator's message push) → 张师傅 sees it with
 * its picture and redeems it → 陈主任 verifies the voucher at the station → 张师傅's vouchers show it
 * used. Needs `npm run build:h5` and the built functions.
 */
import type { Journey } from './harness'
import { redeemOnItemPage, startDemoJourney, TINY_PNG, type DemoJourney } from './demo-journey'

let journey: Journey
let demo: DemoJourney

const ITEM = '骑手理发一次'

beforeAll(async () => {
  demo = await startDemoJourney('district-mall')
  journey = demo.journey
})

afterAll(() => demo?.stop())

test('worker lists a district item with a photo → rider redeems it → worker verifies it at the station', async () => {
  const { page } = journey
  let code = ''

  await journey.step('01-worker-mall', async () => {
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/index/index')
    await page.locator('.entry-cell', { hasText: '积分商城' }).click()
    await page.locator('.worker-mall-page [data-testid="managed-item"]', { hasText: '骑手专用雨衣' }).waitFor()
    await page.locator('.worker-mall-page .chip', { hasText: '上架社区兑换品' }).click()
  })

  await journey.step('02-item-form', async () => {
    const form = page.locator('.worker-mall-item-page')
    await form.locator('input[name="title"]').fill(ITEM)
    await form.locator('textarea').first().fill('每周三下午在骑士加油站，志愿理发师免费理发。')
    await form.locator('input[name="price"]').fill('50')
    await form.locator('input[name="stock"]').fill('20')
    await form.locator('.chip', { hasText: '每周' }).click()
    await form.locator('.chip', { hasText: '新和平社区骑士加油站' }).click()
    const chooser = page.waitForEvent('filechooser')
    await form.getByLabel('添加照片').click()
    await (await chooser).setFiles({ name: 'haircut.png', mimeType: 'image/png', buffer: TINY_PNG })
    await form.locator('.photo-uploader__img').first().waitFor()
    await form.getByText(/上传中/).waitFor({ state: 'detached' })
  })

  await journey.step('03-listed', async () => {
    await page.locator('.worker-mall-item-page').getByText('上架', { exact: true }).click()
    // back on the list (it refreshes when shown); then let the image check's verdict arrive
    await page.locator('.worker-mall-page [data-testid="managed-item"]', { hasText: ITEM }).waitFor()
    await demo.emulator.mediaPush.settle()
    await demo.open('/packages/worker/mall-items/index')
    const row = page.locator('.worker-mall-page [data-testid="managed-item"]', { hasText: ITEM })
    await row.getByText('剩余 20 / 共 20 · 已兑 0').waitFor()
    await row.locator('img').waitFor()
    // the picture passed its check: no "checking" tag any more
    expect(await row.getByText('图片检测中').count()).toBe(0)
  })

  await journey.step('04-rider-sees-it', async () => {
    await demo.signInAs('demo-rider-zhang')
    await demo.open('/packages/mall/index/index')
    const row = page.locator('.mall-item', { hasText: ITEM })
    await row.locator('img').waitFor()
    await row.getByText('社区提供 · 新和平社区骑士加油站').waitFor()
    await row.click()
    await page.locator('.mall-item-page').getByText('社区：新和平社区骑士加油站').waitFor()
    await page.waitForTimeout(600) // let the page slide in before the screenshot
  })

  await journey.step('05-rider-voucher', async () => {
    code = await redeemOnItemPage(page)
  })

  await journey.step('06-merchant-cannot', async () => {
    // the shop next door cannot verify the community's voucher
    await demo.signInAs('demo-merchant-liu')
    await demo.open('/packages/merchant/verify/index')
    await page.locator('.merchant-verify-page input.verify-input').fill(code)
    await page.locator('.merchant-verify-page .voucher-verifier__btn', { hasText: '核销' }).click()
    await page.locator('.merchant-verify-page').getByText('不是本店的兑换券').waitFor()
  })

  await journey.step('07-worker-verifies', async () => {
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/index/index')
    await page.locator('.entry-cell', { hasText: '核销兑换券' }).click()
    await page.locator('.voucher-check-page input.verify-input').fill(code)
    await page.locator('.voucher-check-page .voucher-verifier__btn', { hasText: '核销' }).click()
    await page.locator('.voucher-check-page').getByText('核销成功').waitFor()
    await page.locator('.voucher-check-page').getByText(ITEM).waitFor()
  })

  await journey.step('08-rider-vouchers', async () => {
    await demo.signInAs('demo-rider-zhang')
    await demo.open('/packages/mall/vouchers/index')
    await page.locator('.mall-tabs__tab', { hasText: '已使用' }).click()
    await page.locator('.voucher-row', { hasText: ITEM }).locator('.app-tag', { hasText: '已使用' }).waitFor()
  })

  expect(journey.blocked).toEqual([])
  expect(journey.errors.filter((e) => !/favicon|status of 40[14]/.test(e))).toEqual([])
})
