import { toEjson } from '../../scripts/demo/generate-places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { docsOf, rider, type Res } from '../../scripts/testing/points-fixture'
import { seedActivity, seedSignup } from '../../scripts/testing/volunteer-fixture'
import { RESEND_AFTER_MS } from '../../server/outbox'

// Kill between steps (issue 14, outbox): volunteer.cancelActivity cancels the activity, closes every
// sign-up and tells each rider. Those were three steps: a crash after the first left sign-ups open
// and nobody told, and the retry answered "already cancelled". Now each sign-up is closed with its
// rider's pending message in one transaction, a retry completes what is left, and the outbox timer
// sends what a dead call left pending. Crashed at each request, before and after, retried, timer fired.
const getCloud = killTestCloud()
const WORKER = 'demo-worker-chen'
const PLACE = { id: 'p-wl-003', lng: 120.17256, lat: 30.29312 }
const H = 3_600_000

test('an activity cancellation crashed at any step closes every sign-up and tells each rider at most once', async () => {
  const cloud = getCloud()
  let byTimer = 0
  const { killed } = await killAtEveryStep(cloud, {
    fn: 'volunteer',
    action: 'cancelActivity',
    async setup(i) {
      const riders = [`o-kill-cancel-${i}-a`, `o-kill-cancel-${i}-b`]
      const now = Date.now()
      const a = seedActivity(PLACE, WORKER, { startAt: new Date(now + 48 * H), endAt: new Date(now + 50 * H), seq: 2, signedUp: 2 })
      const signups = riders.map((r, n) => seedSignup(a, r, n + 1))
      await cloud.emulator.database.importSnapshot({ collections: { users: riders.map((r) => toEjson(rider(r))), activities: [toEjson(a)], signups: signups.map((s) => toEjson(s)) } })
      return { riders, activityId: a._id }
    },
    call: (s) => cloud.call('volunteer', { action: 'cancelActivity', input: { id: s.activityId, reason: '暴雨预警，改期举行' } }, WORKER),
    async check(s, answer) {
      const a = answer as Res<{ status: string }>
      if (a.ok) expect(a.data).toMatchObject({ status: 'cancelled' })
      else expect(a.error).toMatchObject({ code: 'CONFLICT' }) // the crash came after the last sign-up was closed
      expect(docsOf(cloud, 'activities').find((d) => d._id === s.activityId)).toMatchObject({ status: 'cancelled' })
      expect(docsOf(cloud, 'signups').filter((d) => d.activityId === s.activityId).map((d) => d.status)).toEqual(['activityCancelled', 'activityCancelled'])
      const sent = (r: string) => cloud.emulator.openapi.outbox.list().filter((m) => m.touser === r && m.templateId === 'volunteer-cancelled').length
      const before = s.riders.map(sent)
      await cloud.emulator.timers.set(new Date(Date.now() + RESEND_AFTER_MS + 60_000))
      expect(await cloud.emulator.timers.fire('suggestions', 'resendMessages')).toMatchObject({ status: 'ok' })
      for (const [n, r] of s.riders.entries()) {
        const records = docsOf(cloud, 'messageOutbox').filter((d) => d.userId === r)
        expect(records).toHaveLength(1)
        if (records[0].status === 'sent') expect(sent(r)).toBe(1)
        else expect([records[0].status, sent(r)]).toEqual(['sending', expect.any(Number)])
        expect(sent(r)).toBeLessThanOrEqual(1)
        if (sent(r) > before[n]) byTimer++
      }
    },
  })
  expect(killed).toEqual(expect.arrayContaining([expect.stringMatching(/^after .*modifyDocument activities/), expect.stringMatching(/^after .*commitTransaction/)]))
  expect(byTimer).toBeGreaterThan(0)
}, 600_000)
