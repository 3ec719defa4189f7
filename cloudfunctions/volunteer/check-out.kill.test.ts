import type { CheckinCodeView, SignupDoc } from '../../domain/entities/volunteer'
import { toEjson } from '../../scripts/demo/generate-places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { dataOf, docsOf, rider, type Res } from '../../scripts/testing/points-fixture'
import { seedActivity, seedSignup } from '../../scripts/testing/volunteer-fixture'

// Kill between steps (issue 14, item 2): volunteer.checkOut records the hours and pays their points
// in one transaction. Crashed at each of its database requests, before and after, and retried by
// the volunteer: hours recorded and points paid exactly once.
const getCloud = killTestCloud()
const WORKER = 'demo-worker-chen'
const PLACE = { id: 'p-wl-003', lng: 120.17256, lat: 30.29312 } // 新和平社区骑士加油站
const MIN = 60_000
const fixHere = () => ({ longitude: PLACE.lng + 0.0005, latitude: PLACE.lat, accuracy: 20, fixedAt: Date.now() })

test('a check-out crashed at any step pays the volunteer exactly once when they try again', async () => {
  const cloud = getCloud()
  const { killed } = await killAtEveryStep(cloud, {
    fn: 'volunteer',
    action: 'checkOut',
    async setup(i) {
      const volunteer = `o-kill-volunteer-${i}`
      const now = Date.now()
      const a = seedActivity(PLACE, WORKER, { startAt: new Date(now - 55 * MIN), endAt: new Date(now + 5 * MIN), seq: 1, signedUp: 1 })
      const s = seedSignup(a, volunteer, 1, { checkedInAt: new Date(now - 50 * MIN) })
      await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson(rider(volunteer))], activities: [toEjson(a)], signups: [toEjson(s)] } })
      const code = dataOf((await cloud.call('volunteer', { action: 'checkinCode', input: { id: a._id } }, WORKER)) as Res<CheckinCodeView>)
      return { volunteer, activityId: a._id, signupId: s._id, code: code.code }
    },
    call: (s) => cloud.call('volunteer', { action: 'checkOut', input: { activityId: s.activityId, code: s.code, ...fixHere() } }, s.volunteer),
    async check(s, answer) {
      const a = answer as Res<{ pointsAwarded: number }>
      if (a.ok) expect(a.data).toMatchObject({ counted: true, pointsAwarded: 10 })
      else expect(a.error).toMatchObject({ code: 'CONFLICT' }) // the crash came after the commit
      expect(docsOf(cloud, 'signups').find((d) => d._id === s.signupId)).toMatchObject({ counted: true, pointsAwarded: 10 } satisfies Partial<SignupDoc>)
      expect(docsOf(cloud, 'ledger').filter((e) => e.userId === s.volunteer)).toEqual([expect.objectContaining({ reason: 'volunteerHours', sourceRef: s.signupId, delta: 10, by: WORKER })])
      expect(docsOf(cloud, 'balances').find((b) => b._id === s.volunteer)).toMatchObject({ balance: 10 })
    },
  })
  expect(killed).toEqual(expect.arrayContaining([expect.stringMatching(/^before .*commitTransaction/), expect.stringMatching(/^after .*commitTransaction/)]))
}, 400_000)
