/**
 * Journey "workbench" (issue 17): 陈主任 (worker of 新和平 and 金祝) opens the workbench; the journey
 * adds a verification waiting and two overdue reports, and the to-do's counts grow by exactly
 * those; it adds yesterday's check-ins, the roll-up timer runs, and the 驿站签到 chart's figures
 * equal the roll-ups of his communities; the overdue count opens the queue filtered to them. 孙科长
 * (admin) sees the district with a per-community comparison. On a desktop-wide window the workbench
 * is two columns. Needs `npm run build:h5` and the built functions.
 */
import type { StatsDailyDoc } from '../domain/workbench/model'
import { addDays, dayKey, shanghaiAt } from '../domain/time'
import { demoSuggestions } from '../scripts/demo/suggestions'
import { toEjson } from '../scripts/demo/generate-places'
import type { Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'

let journey: Journey
let demo: DemoJourney

beforeAll(async () => {
  demo = await startDemoJourney('workbench')
  journey = demo.journey
})

afterAll(() => demo?.stop())

const CHEN_COMMUNITIES = ['c-xinheping', 'c-jinzhu']
const insert = (collections: Record<string, unknown[]>) => demo.emulator.database.importSnapshot({ collections: Object.fromEntries(Object.entries(collections).map(([k, v]) => [k, v.map(toEjson)])) })
const stats = () => demo.emulator.database.listDocuments('statsDaily', { limit: 100_000 }) as unknown as StatsDailyDoc[]

test('the to-do counts and the charts show what the journey created, for a worker and for an admin', async () => {
  const { page } = journey
  const todoCount = async (key: string) => {
    const line = page.locator(`[data-todo="${key}"]`)
    await line.waitFor()
    return Number(((await line.locator('.app-tag, .todo__zero').first().textContent()) ?? '').trim())
  }
  const now = new Date()
  const yesterday = addDays(dayKey(now), -1)
  let before = { verifications: 0, overdue: 0 }

  await journey.step('01-worker-todo', async () => {
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/index/index')
    before = { verifications: await todoCount('verifications'), overdue: await todoCount('overdue') }
    const template = demoSuggestions(now)[0]
    await insert({
      users: [{ _id: 'o-e2e-wb-rider', nickname: '周师傅', roles: ['rider'], workerCommunityIds: [], verification: { status: 'pending', riderId: 'r-e2e-wb', communityId: 'c-jinzhu', realName: '周*', platform: 'meituan', riderRole: '外卖', station: '美团金祝站', phoneMasked: '137****0001', submittedAt: new Date(now.getTime() - 30 * 3_600_000), passVersion: 0 }, createdAt: now, updatedAt: now }],
      suggestions: [1, 2].map((n) => ({
        ...template,
        _id: `sg-e2e-wb-${n}`,
        quotaKey: `o-e2e-wb|${n}`,
        communityId: 'c-xinheping',
        status: 'submitted',
        text: `工作台旅程超期反映 ${n}：文晖路路口护栏缺口`,
        createdAt: new Date(now.getTime() - 80 * 3_600_000),
        dueAt: new Date(now.getTime() - n * 3_600_000),
        acceptedAt: null,
        firstResponseAt: null,
        resolvedAt: null,
        timeline: template.timeline.slice(0, 1),
      })),
    })
    await demo.open('/packages/worker/index/index')
    expect(await todoCount('verifications')).toBe(before.verifications + 1)
    expect(await todoCount('overdue')).toBe(before.overdue + 2)
    await page.locator('[data-todo="verifications"]').getByText(/最早的已等 \d+ (小时|天)/).waitFor()
  })

  await journey.step('02-worker-figures', async () => {
    // six check-ins yesterday at 新和平, at the lunch hour; then the nightly roll-up
    await insert({
      checkins: Array.from({ length: 6 }, (_, i) => ({
        _id: `ck-e2e-wb-${i}`,
        userId: `o-e2e-ck-${i}`,
        placeId: 'p-wl-003',
        communityId: 'c-xinheping',
        day: yesterday,
        at: shanghaiAt(yesterday, `12:1${i}`),
        placeLocation: { type: 'Point', coordinates: [120.17, 30.29] },
        distance: 20,
        accuracy: 10,
        pointsAwarded: 5,
        pendingPoints: 0,
      })),
    })
    const { result } = await demo.emulator.functions.invoke('workbench', { Type: 'Timer', TriggerName: 'rollup', Time: now.toISOString() }, { openid: '', appid: '', source: 'wx_trigger' })
    expect(result).toMatchObject({ ok: true })
    const from = addDays(yesterday, -6)
    const mine = stats().filter((s) => CHEN_COMMUNITIES.includes(s.communityId) && s.day >= from && s.day <= yesterday)
    const total = mine.reduce((n, s) => n + s.checkins, 0)
    const yesterdays = mine.filter((s) => s.day === yesterday).reduce((n, s) => n + s.checkins, 0)
    expect(yesterdays).toBe(6)

    await demo.open('/packages/worker/index/index')
    await page.locator('.figures .chip', { hasText: '近 7 天' }).click()
    const card = page.locator('[data-chart="checkins"]')
    await card.locator('.chart-card__note', { hasText: `共 ${total} 次` }).waitFor()
    await card.getByText('查看数据表', { exact: true }).click()
    const lastRow = card.locator('.data-table__row').last()
    await lastRow.getByText(yesterday, { exact: true }).waitFor()
    await lastRow.getByText('6', { exact: true }).waitFor()
    // the hour chart: yesterday's six at 12:00 are among the period's 12 o'clock check-ins
    const byHour = page.locator('[data-chart="byHour"]')
    await byHour.getByText('查看数据表', { exact: true }).click()
    const noon = mine.reduce((n, s) => n + s.checkinsByHour[12], 0)
    await byHour.locator('.data-table__row', { hasText: '12:00–13:00' }).getByText(String(noon), { exact: true }).waitFor()
  })

  await journey.step('03-overdue-queue', async () => {
    await page.locator('[data-todo="overdue"] .entry-cell').click()
    const queue = page.locator('.worker-suggestions')
    await queue.locator('.chip--on', { hasText: '已超期' }).waitFor()
    await queue.getByText(/工作台旅程超期反映 1/).waitFor()
    await queue.getByText(/工作台旅程超期反映 2/).waitFor()
  })

  await journey.step('04-admin-district', async () => {
    await demo.signInAs('demo-admin-sun')
    await demo.open('/packages/worker/index/index')
    expect(await todoCount('verifications')).toBeGreaterThanOrEqual(before.verifications + 1)
    await page.locator('.figures .chip', { hasText: '近 7 天' }).click()
    const compare = page.locator('[data-chart="communities"]')
    await compare.getByText('查看数据表', { exact: true }).click()
    const from = addDays(yesterday, -6)
    const xinheping = stats()
      .filter((s) => s.communityId === 'c-xinheping' && s.day >= from && s.day <= yesterday)
      .reduce((n, s) => n + s.checkins, 0)
    const row = compare.locator('.data-table__row', { hasText: '新和平社区' })
    await row.getByText(String(xinheping), { exact: true }).first().waitFor()
    await compare.locator('.data-table__row', { hasText: '西溪社区' }).waitFor()
  })

  await journey.step('05-desktop-two-columns', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await demo.open('/packages/worker/index/index')
    const side = await page.locator('.workbench__side').boundingBox()
    const main = await page.locator('.workbench__main').boundingBox()
    expect(side && main).toBeTruthy()
    // side by side, not stacked: the figures start right of the to-do column, at the same height
    expect(main!.x).toBeGreaterThanOrEqual(side!.x + side!.width)
    expect(Math.abs(main!.y - side!.y)).toBeLessThan(40)
    await journey.shot('desktop')
  })

  // 401s: the sign-out between personas, as in the other journeys
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
}, 300_000)
