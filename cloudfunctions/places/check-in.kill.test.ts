import { demoSnapshot } from '../../scripts/demo/data'
import { demoPlaces } from '../../scripts/demo/places'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'

// Kill between steps (issue 14, item 2): places.checkIn stores the check-in (write 1), then awards
// its points in a transaction (ledger entry, balance). The emulator's fault injection SIGKILLs the
// function right after the check-in was acknowledged — the answer never comes back, the rider retries.
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
}, 120_000)
afterAll(() => cloud?.stop())
afterEach(() => cloud.emulator.faults.clear())

const place = demoPlaces.find((p) => p._id === 'p-wl-021')! // 刘记面馆, 文晖路
const [lng, lat] = place.location.coordinates
const fix = () => ({ placeId: place._id, longitude: lng + 0.0005, latitude: lat, accuracy: 25, fixedAt: Date.now() })
const docs = (name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]
const checkIn = (rider: string) => cloud.call('places', { action: 'checkIn', input: fix() }, rider)
const killAfterTheCheckIn = () => cloud.emulator.faults.killAt({ function: 'places', action: 'checkIn', collection: 'checkins', on: 'write', op: 1, when: 'after' })

test('the harness lands the crash between the check-in and its award', async () => {
  const rider = 'o-kill-a'
  const kill = killAfterTheCheckIn()
  await expect(checkIn(rider)).rejects.toMatchObject({ code: 'FUNCTION_CRASHED' })
  expect(await kill.fired).toMatchObject({ databaseAction: 'database.insertDocument', when: 'after' })
  expect(docs('checkins').filter((c) => c.userId === rider)).toHaveLength(1)
  expect(docs('ledger').filter((e) => e.userId === rider)).toHaveLength(0)
})

// Issue 14, item 2, still open (product work): the retry answers "already checked in today" and
// nothing ever pays the award. Flip to `test` when a retry, a re-read or the reconciliation timer
// completes it.
test.failing('a check-in whose award was cut off by a crash is paid once the rider retries', async () => {
  const rider = 'o-kill-b'
  killAfterTheCheckIn()
  await expect(checkIn(rider)).rejects.toMatchObject({ code: 'FUNCTION_CRASHED' })
  await checkIn(rider) // the rider taps again
  const [checkin] = docs('checkins').filter((c) => c.userId === rider)
  expect(docs('ledger').filter((e) => e.userId === rider && e.reason === 'checkIn')).toEqual([expect.objectContaining({ sourceRef: checkin._id, delta: checkin.pendingPoints })])
})
