import { toEjson } from '../../scripts/demo/generate-places'
import { demoPlaces } from '../../scripts/demo/places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { rider } from '../../scripts/testing/points-fixture'

// Kill between steps (issue 14, gaps): places.reportStatus stores the rider's report and adds it to
// the place's summary (what the map and the detail show). Those were two writes: a crash between
// them left the summary without the report for good (the retry is refused as "too often").
// Crashed at each database request, before and after, and retried: one report, in the summary.
const getCloud = killTestCloud()

const docs = (name: string) => getCloud().emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]
/** listDocuments answers dates as EJSON */
const ms = (v: unknown) => Number((v as { $date: { $numberLong: string } }).$date.$numberLong)
const active = demoPlaces.filter((p) => p.status === 'active')

test('a status report crashed at any step is in the place summary once the rider taps again', async () => {
  const cloud = getCloud()
  const { killed } = await killAtEveryStep(cloud, {
    fn: 'places',
    action: 'reportStatus',
    async setup(i) {
      const who = `o-kill-report-${i}`
      await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson(rider(who))] } })
      // a place per case: the summary keeps the last 5 reports only
      return { who, placeId: active[i % active.length]._id }
    },
    call: (s) => cloud.call('places', { action: 'reportStatus', input: { placeId: s.placeId, kind: 'chargerBroken' } }, s.who),
    async check(s, answer) {
      const a = answer as { ok: boolean; error?: { code: string } }
      // the crash may have landed after the report was stored: then the retry is "too often"
      if (!a.ok) expect(a.error).toMatchObject({ code: 'RATE_LIMITED' })
      const mine = docs('placeReports').filter((r) => r.userId === s.who)
      expect(mine).toHaveLength(1)
      const place = docs('places').find((p) => p._id === s.placeId) as { recentReports?: { items: { at: unknown }[]; lastNegativeAt?: unknown } }
      const at = ms(mine[0].at)
      expect(place.recentReports?.items.filter((r) => ms(r.at) === at)).toHaveLength(1)
      expect(ms(place.recentReports!.lastNegativeAt)).toBeGreaterThanOrEqual(at)
    },
  })
  expect(killed.length).toBeGreaterThan(2)
}, 400_000)
