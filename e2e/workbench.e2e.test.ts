/**
 * Journey "workbench" (issue 17): 陈主任 (worker of 新和平 and 金祝) opens the workbench; the journey
 * adds a verification waiting and two overdue reports, and the to-do's counts grow by exactly
 * those; it adds yesterday's check-ins, the roll-up timer runs, and the 驿站签到 chart's figures
 * equal the roll-ups of his communities; the overdue count opens the queue filtered to them. 孙科长
 * (admin) sees the district with a per-community comparison. Points, the mall's top items,
 * vouchers verified and satisfaction show what the journey added yesterday. 陈主任 suspends and
 * reinstates 刘记面馆 (商家管理), whose owner reads why. On a desktop-wide window the workbench
 * is two columns. Needs `npm run build:h5` and the built functions.
 */
import type { StatsDailyDoc } from '../domain/workbench/model'
import { addDays, dayKey, shanghaiAt } from '../domain/time'
import { demoSuggestions } from '../scripts/demo/suggestions'
import { toEjson } from '../scripts/demo/generate-places'
import type { Journey } from './harness'
import { redeemOnItemPage, startDemoJourney, type DemoJourney } from './demo-journey'

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
    // yesterday at 新和平 too: 张师傅 (verified there) earns 15 and redeems the last 牛肉面 (60), a
    // voucher of it is used at 刘记面馆's counter, and a report is confirmed with 5 stars
    const voucher = { code: '90000001', itemId: 'i-demo-noodles', itemTitle: '刘记面馆 牛肉面一碗', price: 60, merchantId: 'demo-merchant-liu', communityId: 'c-xinheping', placeId: 'p-wl-021', placeName: '刘记面馆', validUntil: now, lastUnit: true }
    const entry = (id: string, delta: number, reason: string, v: unknown) => ({ _id: id, userId: 'demo-rider-zhang', delta, reason, sourceRef: id, idempotencyKey: `e2e-wb:${id}`, balanceAfter: 0, at: shanghaiAt(yesterday, '12:30'), lots: [], note: null, voucher: v, by: null })
    await insert({
      ledger: [entry('e2e-wb-earn', 15, 'checkIn', null), entry('v90000001', -60, 'redemption', voucher)],
      vouchers: [{ _id: '90000001', status: 'used', userId: 'demo-rider-zhang', merchantId: 'demo-merchant-liu', itemId: 'i-demo-noodles', itemTitle: voucher.itemTitle, price: 60, at: shanghaiAt(yesterday, '13:00'), by: 'demo-merchant-liu' }],
      // a 到了却关门 flag at the station ten minutes before the six check-ins: the first one clears it
      placeReports: [{ _id: 'pr-e2e-wb-flag', placeId: 'p-wl-003', communityId: 'c-xinheping', userId: 'o-e2e-wb-flagger', kind: 'closed', note: null, at: shanghaiAt(yesterday, '12:00'), rateKey: 'o-e2e-wb-flagger|p-wl-003|e2e' }],
      suggestions: [{ ...demoSuggestions(now)[0], _id: 'sg-e2e-wb-rated', quotaKey: 'o-e2e-wb|rated', communityId: 'c-xinheping', status: 'closed', createdAt: shanghaiAt(addDays(yesterday, -2), '09:00'), resolvedAt: shanghaiAt(addDays(yesterday, -1), '09:00'), closedAt: shanghaiAt(yesterday, '09:00'), rating: 5 }],
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

    // points, the mall, vouchers and satisfaction: yesterday's rows are the roll-ups', which hold what the journey added
    const sumOf = (k: 'pointsIssued' | 'pointsRedeemed' | 'vouchersVerified' | 'sugRated', day?: string) => mine.filter((s) => !day || s.day === day).reduce((n, s) => n + (s[k] ?? 0), 0)
    expect(sumOf('pointsIssued', yesterday)).toBeGreaterThanOrEqual(15)
    expect(sumOf('pointsRedeemed', yesterday)).toBeGreaterThanOrEqual(60)
    const points = page.locator('[data-chart="points"]')
    await points.getByText('查看数据表', { exact: true }).click()
    const pointsRow = points.locator('.data-table__row').last()
    await pointsRow.getByText(yesterday, { exact: true }).waitFor()
    await pointsRow.getByText(String(sumOf('pointsIssued', yesterday)), { exact: true }).first().waitFor()
    await pointsRow.getByText(String(sumOf('pointsRedeemed', yesterday)), { exact: true }).first().waitFor()
    const top = page.locator('[data-chart="topItems"]')
    await top.getByText('查看数据表', { exact: true }).click()
    const noodles = mine.reduce((n, s) => n + (s.itemRedemptions?.['i-demo-noodles']?.n ?? 0), 0)
    await top.locator('.data-table__row', { hasText: '刘记面馆 牛肉面一碗' }).getByText(String(noodles), { exact: true }).first().waitFor()
    const vouchers = page.locator('[data-chart="vouchersVerified"]')
    await vouchers.locator('.chart-card__note', { hasText: /活跃爱心商家 [1-9]\d* 家/ }).waitFor()
    await vouchers.getByText('查看数据表', { exact: true }).click()
    await vouchers.locator('.data-table__row').last().getByText(String(sumOf('vouchersVerified', yesterday)), { exact: true }).waitFor()
    // the flag is counted as cleared 10 minutes after it, among the period's
    expect(mine.filter((s) => s.day === yesterday).reduce((n, s) => n + s.flagsCleared, 0)).toBeGreaterThanOrEqual(1)
    const cleared = mine.reduce((n, s) => n + (s.flagsCleared ?? 0), 0)
    await page.locator('[data-chart="flags"] .chart-card__note', { hasText: `视为恢复）${cleared} 条` }).waitFor()
    const rated = page.locator('[data-chart="satisfaction"]')
    await rated.getByText('查看数据表', { exact: true }).click()
    await rated.locator('.data-table__row').last().getByText(String(sumOf('sugRated', yesterday)), { exact: true }).first().waitFor()
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

  await journey.step('05-merchant-suspended', async () => {
    // 陈主任 suspends 刘记面馆 with a reason; its items leave the mall; 刘老板 reads why, and so does
    // 张师傅, who holds one of its vouchers; reinstated
    await demo.signInAs('demo-rider-zhang')
    await demo.open('/packages/mall/item/index?id=i-demo-noodles')
    const code = await redeemOnItemPage(page)
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/merchant-manage/index')
    const row = page.locator('[data-testid="managed-merchant"]', { hasText: '刘记面馆' })
    await row.getByText('暂停服务', { exact: true }).click()
    await row.locator('input').fill('多次拒绝骑手兑换，整改中')
    await row.getByText('确认暂停', { exact: true }).click()
    await row.getByText('已暂停', { exact: true }).waitFor()
    await row.getByText(/暂停：多次拒绝骑手兑换，整改中/).waitFor()
    const items = demo.emulator.database.listDocuments('mallItems', { limit: 1000 }) as { merchantId: string | null; status: string; offBySuspension?: boolean }[]
    expect(items.filter((i) => i.merchantId === 'demo-merchant-liu').every((i) => i.status === 'off')).toBe(true)
    await demo.signInAs('demo-merchant-liu')
    await demo.open('/packages/merchant/index/index')
    await page.getByText(/店铺已被社区暂停服务：多次拒绝骑手兑换，整改中/).waitFor()
    await demo.signInAs('demo-rider-zhang')
    await demo.open('/packages/mall/vouchers/index')
    await page.locator('.voucher-row', { hasText: '刘记面馆 牛肉面一碗' }).getByText('商家暂停服务', { exact: true }).waitFor()
    await demo.open(`/packages/mall/voucher/index?code=${code}`)
    await page.getByText(/已被社区暂停服务（多次拒绝骑手兑换，整改中）.*积分全额退回/).waitFor()
    await journey.shot('rider-voucher-shop-suspended')
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/merchant-manage/index')
    await row.getByText('恢复服务', { exact: true }).click()
    await row.locator('input').fill('复查合格，恢复服务')
    await row.getByText('确认恢复', { exact: true }).click()
    await row.getByText('已通过', { exact: true }).waitFor()
  })

  await journey.step('06-desktop-two-columns', async () => {
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
