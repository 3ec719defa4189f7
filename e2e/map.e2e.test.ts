/**
 * Journey "map" (issue 8): a rider opens 服务地图, signs in as the demo rider, filters for water,
 * opens a water point, checks in there (the browser's geolocation is set next to it) and reports
 * "closed", then sees the report on the detail page. Journey "places-admin": a community worker
 * opens 地点管理, sees field errors on an empty form, creates a place, and closes it temporarily.
 * Needs `npm run build:h5` and the built functions (`npm run build:functions`).
 */
import type { RunningEmulator } from '../emulator'
import { DEMO_RIDER, personas } from '../scripts/demo/personas'
import { gcj02ToWgs84 } from '../src/utils/coords'
import { openJourney, type Journey } from './harness'
import { startDemoCloud, type DemoCloud } from './demo-journey'

/** 武林广场地铁站饮水点 (scripts/demo/places.ts) */
const WATER = { id: 'p-wl-013', name: '武林广场地铁站饮水点', longitude: 120.16905, latitude: 30.27395 }
const WORKER = personas.find((p) => p.openid === 'demo-worker-chen')!

let emulator: RunningEmulator
let cloud: DemoCloud
const journeys: Journey[] = []

beforeAll(async () => {
  cloud = await startDemoCloud('map')
  emulator = cloud.emulator
})

afterAll(async () => {
  for (const j of journeys) await j.close()
  await cloud?.stop()
})

/** Known noise: the first call of a page answers 401 until a persona is picked. */
const realErrors = (j: Journey) => j.errors.filter((e) => !/favicon|status of 401/.test(e))

test('a rider filters for water, checks in at a water point and reports it closed', async () => {
  const journey = await openJourney('map')
  journeys.push(journey)
  const { page, context } = journey
  const map = page.locator('.map-page').first()

  await journey.step('01-signin', async () => {
    await page.goto(emulator.url + '/')
    await map.getByText('演示登录').waitFor()
    await map.getByText(DEMO_RIDER.label, { exact: true }).click()
    await map.locator('.place-row').first().waitFor()
    // the schematic map shows where places are: a marker per listed place, never an empty box
    const rows = await map.locator('.place-row').count()
    expect(rows).toBeGreaterThan(5)
    // places too close to tap apart share a marker showing their count: every listed place is on the map
    const counts = await map.locator('.schematic-map__marker').evaluateAll((ms) => ms.map((m) => Number(m.getAttribute('data-count'))))
    expect(counts.reduce((n, c) => n + c, 0)).toBe(rows)
  })

  await journey.step('01b-nearest-on-first-screen', async () => {
    // issue 19: on a 390×844 phone the answer to "where do I go" is on the first screen, unscrolled,
    // below the navigation bar and above the tab bar
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 })
    const nearest = map.locator('.place-row--nearest')
    await nearest.getByText('离你最近的营业中驿站').waitFor()
    const box = (await nearest.boundingBox())!
    const top = (await page.locator('#taro-navigation-bar').boundingBox())?.height ?? 0
    const bottom = (await page.locator('.taro-tabbar__tabbar').boundingBox())?.y ?? 844
    expect(box.y).toBeGreaterThanOrEqual(top)
    expect(box.y + box.height).toBeLessThanOrEqual(bottom)
  })

  await journey.step('02-filter-water', async () => {
    // the filters are folded behind one control (issue 19)
    await map.locator('.map-filter-bar').getByText(/^筛选/).click()
    // 饮水点 and stations with water are one amenity filter now (no near-duplicate chips)
    await map.locator('.map-filters').getByText('饮水', { exact: true }).click()
    await map.locator('.place-row', { hasText: WATER.name }).waitFor()
    await expectRowsAllWith(map, '饮水')
  })

  await journey.step('03-marker-callout', async () => {
    // its own marker, or the count marker of the places too close to it to tap apart
    await map.locator('.schematic-map').getByRole('button', { name: new RegExp(WATER.name) }).first().click()
    await map.locator('.schematic-map__callout', { hasText: WATER.name }).waitFor()
  })

  const detail = page.locator('.place-detail-page').first()
  await journey.step('04-detail', async () => {
    await map.locator('.place-row', { hasText: WATER.name }).click()
    await detail.locator('.detail-head__name', { hasText: WATER.name }).waitFor()
    await detail.getByText('服务设施').waitFor()
  })

  await journey.step('05-check-in', async () => {
    // the h5 browser has no GPS: give it a fix ~30 m from the water point. Browsers report WGS-84;
    // the app converts to GCJ-02 (the datum of the place data), so set the WGS-84 equivalent.
    const fix = gcj02ToWgs84(WATER.longitude + 0.0003, WATER.latitude)
    await context.grantPermissions(['geolocation'], { origin: emulator.url })
    await context.setGeolocation({ ...fix, accuracy: 15 })
    await detail.getByText('到站打卡', { exact: true }).click()
    const status = detail.getByRole('status')
    await status.waitFor()
    expect(await status.textContent()).toContain('打卡成功')
  })

  await journey.step('06-report-closed', async () => {
    const reports = detail.locator('.detail-report', { hasText: '到了却关门' })
    const before = await reports.count()
    await detail.getByText('到了却关门', { exact: true }).click()
    await until(async () => (await reports.count()) === before + 1)
    await detail.getByText('有骑手反馈：到了却关门').waitFor()
  })

  expect(journey.blocked).toEqual([])
  expect(realErrors(journey)).toEqual([])
})

test('a community worker sees field errors, creates a place and closes it temporarily', async () => {
  const journey = await openJourney('places-admin')
  journeys.push(journey)
  const { page } = journey
  const list = page.locator('.worker-places-page').first()

  await journey.step('01-list', async () => {
    await page.goto(emulator.url + '/#/packages/worker/places/index')
    await list.getByText(WORKER.label, { exact: true }).click()
    await list.locator('.managed-place').first().waitFor()
    await list.getByText('近 7 天打卡').first().waitFor()
    await list.getByText('金祝社区', { exact: true }).first().waitFor()
  })

  const form = page.locator('.place-edit-page').first()
  await journey.step('02-empty-form-errors', async () => {
    await list.getByText('+ 新增地点', { exact: true }).click()
    await form.getByText('创建地点', { exact: true }).click()
    await form.getByText('请选择社区').waitFor()
    await form.getByText('名称至少 2 个字').waitFor()
    await form.getByText(/请选择位置/).waitFor()
  })

  await journey.step('03-filled-form', async () => {
    await form.locator('.form-field', { hasText: '所属社区' }).locator('.chip', { hasText: '新和平社区' }).click()
    await form.locator('.chip', { hasText: '饮水点' }).first().click()
    await form.locator('.form-field', { hasText: '名称' }).locator('input').fill('文晖路测试饮水点')
    await form.locator('.form-field', { hasText: '地址' }).locator('input').first().fill('拱墅区文晖路 200 号')
    // tap the schematic picker a little north-east of 新和平社区's centre (a community of user.settings)
    await form.locator('.location-picker .chip', { hasText: '新和平社区' }).click()
    const area = form.locator('.location-picker__area')
    const box = (await area.boundingBox())!
    await area.click({ position: { x: box.width * 0.55, y: box.height * 0.45 } })
    await form.locator('.location-picker__pin').waitFor()
    expect(Number(await form.locator('.location-picker__coord input').first().inputValue())).toBeGreaterThan(120.17)
    await form.getByText('24 小时营业').scrollIntoViewIfNeeded()
    expect(await form.locator('.form-field__error').count()).toBe(0)
  })

  await journey.step('04-created', async () => {
    await form.getByText('创建地点', { exact: true }).click()
    await list.locator('.managed-place', { hasText: '文晖路测试饮水点' }).waitFor({ timeout: 15_000 })
  })

  await journey.step('05-closed', async () => {
    const card = list.locator('.managed-place', { hasText: '文晖路测试饮水点' })
    await card.getByText('临时关闭', { exact: true }).click()
    await card.getByText('确认暂停', { exact: true }).click()
    await card.getByText(/请填写原因/).waitFor()
    await card.locator('.close-form input').first().fill('水管维修')
    await card.getByText('确认暂停', { exact: true }).click()
    await card.getByText('恢复营业', { exact: true }).waitFor()
    await card.getByText(/暂停营业至/).waitFor()
  })

  expect(journey.blocked).toEqual([])
  expect(realErrors(journey)).toEqual([])
})

async function expectRowsAllWith(map: import('playwright-core').Locator, label: string) {
  // the list refetches after the chip: wait until every row shows the label (its kind or an amenity)
  await until(async () => {
    const rows = await map.locator('.place-row').count()
    const ofKind = await map.locator('.place-row', { hasText: label }).count()
    return rows > 0 && rows === ofKind
  })
}

/** Polls `check` until it holds (jest has no expect.poll). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 200))
  }
}
