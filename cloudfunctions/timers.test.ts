/**
 * The product's timer triggers, fired by the emulator's clock as WeChat fires them: the points
 * function's expiry and the volunteer function's day-before reminder run from their config.json
 * triggers, with no caller and the schedule's own `Time` — nothing here invokes them directly.
 */
import type { ActivityDetail, SignUpResult } from '../domain/volunteer/model'
import { demoSnapshot } from '../scripts/demo/data'
import { startTestCloud, type TestCloud } from '../scripts/testing/emulator-fixture'
import { dataOf, docsOf, seedRiders, type Res } from '../scripts/testing/points-fixture'
import { dayKey as shanghaiDate, previousDay, shanghaiAt } from '../domain/time'

jest.setTimeout(120_000)

const WORKER = 'demo-worker-chen' // c-xinheping
const RIDER = 'timer-rider-1'
const DAY = 86_400_000

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
})
afterAll(() => cloud?.stop())

test('advancing the clock a day runs points expiry and the volunteer reminder for real', async () => {
  // points earned two years ago: expired by now
  await seedRiders(cloud, [RIDER], 30, { at: new Date(Date.now() - 2 * 365 * DAY) })
  // an activity the day after tomorrow (Beijing time), the rider signed up
  const day = shanghaiDate(new Date(Date.now() + 2 * DAY))
  const startAt = shanghaiAt(day, '09:00').getTime()
  const activity = dataOf(
    (await cloud.call(
      'volunteer',
      {
        action: 'create',
        input: {
          type: 'patrol',
          title: '定时提醒测试巡逻',
          description: '验证前一天的活动提醒由定时触发器发出',
          communityId: 'c-xinheping',
          where: { placeId: 'p-wl-003' },
          startAt,
          endAt: startAt + 2 * 3_600_000,
          capacity: 5,
          verifiedOnly: true,
        },
      },
      WORKER,
    )) as Res<ActivityDetail>,
  )
  dataOf((await cloud.call('volunteer', { action: 'signUp', input: { activityId: activity.id } }, RIDER)) as Res<SignUpResult>)
  const outboxBefore = cloud.emulator.openapi.outbox.list().length

  // the eve of the activity, 00:00 Beijing time → a day of the schedule
  await cloud.emulator.timers.set(shanghaiAt(previousDay(day), '00:00'))
  const fired = await cloud.emulator.timers.advance(DAY)

  expect(new Set(fired.map((f) => f.functionName))).toEqual(new Set(['merchant', 'points', 'suggestions', 'user', 'volunteer', 'workbench']))
  for (const f of fired) {
    expect(f).toMatchObject({ status: 'ok', result: { ok: true } })
    expect(cloud.emulator.functions.getInvocation(f.invocationId!)).toMatchObject({ source: 'wx_trigger', openid: '' })
  }
  // expiry: the ledger has the expiry entry, the balance is 0
  const expiries = docsOf(cloud, 'ledger').filter((e) => e.userId === RIDER && e.reason === 'expiry')
  expect(expiries).toEqual([expect.objectContaining({ delta: -30, balanceAfter: 0 })])
  expect(docsOf(cloud, 'balances').find((b) => b._id === RIDER)).toMatchObject({ balance: 0, lots: [] })
  // reminder: one subscribe message to the rider, sent by the timer's invocation
  const sent = cloud.emulator.openapi.outbox.list().slice(outboxBefore)
  const reminders = sent.filter((m) => m.touser === RIDER && m.templateId === 'volunteer-reminder')
  expect(reminders).toHaveLength(1)
  expect(fired.map((f) => f.invocationId)).toContain(reminders[0].invocationId)
  expect(docsOf(cloud, 'activities').find((a) => a._id === activity.id)?.remindedAt).toBeTruthy()
})
