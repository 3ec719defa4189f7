import { toEjson } from '../../scripts/demo/generate-places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { rider } from '../../scripts/testing/points-fixture'
import { RESEND_AFTER_MS } from '../../server/outbox'

// Outbox (issue 14): a verification result is told to the rider by a subscribe message. It was sent
// after the decision's commit, so a crash between the two lost it for good (the retry answers
// CONFLICT: already decided). Now the pending record is written in the decision's transaction, sent
// after it, and the `resendMessages` timer sends what a dead call left pending. Crashed at every
// database request, before and after, then retried and the timer fired: one message at most, and
// exactly one unless the crash fell between the claim and the mark (then WeChat may or may not have
// it, and the record is never sent again).
const getCloud = killTestCloud()

const WORKER = 'demo-worker-chen' // staff of c-xinheping
const docs = (name: string) => getCloud().emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]

test('a review decision crashed at any step reaches the rider once, by the call or by the timer', async () => {
  const cloud = getCloud()
  let byTimer = 0
  const { killed } = await killAtEveryStep(cloud, {
    fn: 'identity',
    action: 'approve',
    async setup(i) {
      const who = `o-kill-review-${i}`
      const riderId = `rKillReview${i}`
      const u = rider(who, false)
      u.verification = { status: 'pending', riderId, communityId: 'c-xinheping', realName: '王小明', platform: '美团', station: '新和平站', phoneMasked: '138****1234', submittedAt: new Date(), badgePhoto: null }
      await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson(u)] } })
      return { who, riderId }
    },
    call: (s) => cloud.call('identity', { action: 'approve', input: { riderId: s.riderId } }, WORKER),
    async check(s, answer) {
      const a = answer as { ok: boolean; error?: { code: string } }
      // the crash may have landed after the commit: then the retry finds the rider decided
      if (!a.ok) expect(a.error).toMatchObject({ code: 'CONFLICT' })
      expect(docs('users').find((u) => u._id === s.who)).toMatchObject({ verification: { status: 'verified' } })
      const sentNow = () => cloud.emulator.openapi.outbox.list().filter((m) => m.touser === s.who && m.templateId === 'identity-review-result')
      const before = sentNow().length
      // the timer, once a dead call's record is old enough
      await cloud.emulator.timers.set(new Date(Date.now() + RESEND_AFTER_MS + 60_000))
      const fired = await cloud.emulator.timers.fire('suggestions', 'resendMessages')
      expect(fired).toMatchObject({ status: 'ok', result: { ok: true } })
      const records = docs('messageOutbox').filter((r) => r.userId === s.who)
      expect(records).toHaveLength(1)
      const sent = sentNow()
      expect(sent.length).toBeLessThanOrEqual(1)
      if (records[0].status === 'sent') expect(sent).toHaveLength(1)
      else expect(records[0].status).toBe('sending') // claimed, then killed: never sent twice
      if (sent.length > before) byTimer++
      // a second run sends nothing more
      await cloud.emulator.timers.fire('suggestions', 'resendMessages')
      expect(sentNow()).toHaveLength(sent.length)
    },
  })
  // the crash between the commit and the send: the timer delivered it
  expect(killed.some((k) => /commit/i.test(k))).toBe(true)
  expect(byTimer).toBeGreaterThan(0)
}, 400_000)
