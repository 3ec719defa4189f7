import { demoPlaces } from '../../scripts/demo/places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'

// Kill between steps (issue 14, item 2): places.checkIn stores the check-in and awards its points.
// The emulator's fault injection SIGKILLs the function at each of its database requests in turn,
// before the request and after it was applied; the rider taps again. Whatever the step, the rider
// ends with one check-in and its points, once.
const getCloud = killTestCloud()

const place = demoPlaces.find((p) => p._id === 'p-wl-021')! // 刘记面馆, 文晖路
const [lng, lat] = place.location.coordinates
const fix = () => ({ placeId: place._id, longitude: lng + 0.0005, latitude: lat, accuracy: 25, fixedAt: Date.now() })
const docs = (name: string) => getCloud().emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]
const checkIn = (rider: string) => getCloud().call('places', { action: 'checkIn', input: fix() }, rider)

test('the harness lands the crash right after the check-in was written: nothing of it stays', async () => {
  const rider = 'o-kill-a'
  const kill = getCloud().emulator.faults.killAt({ function: 'places', action: 'checkIn', collection: 'checkins', on: 'write', op: 1, when: 'after' })
  await expect(checkIn(rider)).rejects.toMatchObject({ code: 'FUNCTION_CRASHED' })
  expect(await kill.fired).toMatchObject({ databaseAction: 'database.insertDocument', when: 'after' })
  // the check-in and its award are one transaction, which the crash left uncommitted
  expect(docs('checkins').filter((c) => c.userId === rider)).toHaveLength(0)
  expect(docs('ledger').filter((e) => e.userId === rider)).toHaveLength(0)
})

test('a check-in crashed at any step is paid exactly once when the rider taps again', async () => {
  const { killed } = await killAtEveryStep(getCloud(), {
    fn: 'places',
    action: 'checkIn',
    setup: async (i) => `o-kill-step-${i}`,
    call: checkIn,
    async check(rider, answer) {
      const checkins = docs('checkins').filter((c) => c.userId === rider)
      expect(checkins).toHaveLength(1)
      const [checkin] = checkins
      expect(docs('ledger').filter((e) => e.userId === rider)).toEqual([
        expect.objectContaining({ reason: 'checkIn', sourceRef: checkin._id, delta: checkin.pendingPoints }),
      ])
      expect(docs('balances').find((b) => b._id === rider)).toMatchObject({ balance: checkin.pendingPoints })
      // the retry either did the check-in or found the one the crash committed
      const a = answer as { ok: boolean; error?: { code: string } }
      if (!a.ok) expect(a.error).toMatchObject({ code: 'CONFLICT' })
    },
  })
  // the sequence's steps inside the transaction were all hit, before and after
  expect(killed).toEqual(expect.arrayContaining([expect.stringMatching(/^before .*insertDocument checkins/), expect.stringMatching(/^after .*commitTransaction/)]))
}, 300_000)
