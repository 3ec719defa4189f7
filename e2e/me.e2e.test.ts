/**
 * Journey "me": a rider opens the h5 app served by the emulator, goes to 我的, signs in as the demo
 * rider on the dev sign-in panel and sees their profile. Needs `npm run build:h5` and the built
 * functions (`npm run build:functions`).
 */
import type { RunningEmulator } from '../emulator'
import { DEMO_RIDER } from '../scripts/demo/personas'
import type { Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'

let emulator: RunningEmulator
let journey: Journey
let demo: DemoJourney

beforeAll(async () => {
  demo = await startDemoJourney('me')
  ;({ emulator, journey } = demo)
})

afterAll(() => demo?.stop())

test('a rider signs in on the demo panel and sees 我的 with their name', async () => {
  const { page } = journey

  await journey.step('01-map-signin', async () => {
    await page.goto(emulator.url + '/')
    // the app opens on the 服务地图 tab; in the local demo nobody is signed in yet, so the page
    // offers the demo personas where the places would load
    const map = page.locator('.map-page').first()
    await map.getByText('演示登录').waitFor()
    await map.getByText(DEMO_RIDER.label, { exact: true }).waitFor()
  })

  await journey.step('02-signed-in-map', async () => {
    await page.locator('.map-page').first().getByText(DEMO_RIDER.label, { exact: true }).click()
    await page.locator('.map-page').first().getByText('演示登录').waitFor({ state: 'detached' })
  })

  await journey.step('03-me', async () => {
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click()
    const name = page.locator('.me-profile__name')
    await name.waitFor()
    expect(await name.textContent()).toBe('张师傅')
    await page.getByText('已认证').waitFor()
    await page.getByText('我的数据与隐私').waitFor()
    expect(await page.getByText('演示登录').count()).toBe(0)
  })

  await journey.step('04-privacy', async () => {
    await page.locator('.entry-cell', { hasText: '我的数据与隐私' }).click()
    await page.getByText('我们目前保存的你的资料').waitFor()
  })

  // Nothing tried to leave the machine except what we know we block (none expected yet).
  expect(journey.blocked).toEqual([])
  // The first user.me answers 401 (not signed in yet): the browser logs that; nothing else may fail.
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
})
