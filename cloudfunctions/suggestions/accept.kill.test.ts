import type { SuggestionView } from '../../domain/entities/suggestion'
import { toEjson } from '../../scripts/demo/generate-places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { dataOf, docsOf, rider, type Res } from '../../scripts/testing/points-fixture'

// Kill between steps (issue 14, item 2): suggestions.accept moves a report to 受理 and pays its
// reporter, in one transaction, then notifies the followers. Crashed at each of its database
// requests, before and after, and retried by the worker: the report is accepted and its reporter
// paid exactly once.
const getCloud = killTestCloud()
const WORKER = 'demo-worker-chen' // 新和平社区

/** 文晖路 (新和平社区), a spot per case so no report looks like another's */
const spot = (i: number) => ({ longitude: 120.17231 + 0.0009 * (i % 10), latitude: 30.29175 + 0.0009 * Math.floor(i / 10) })

test('an acceptance crashed at any step pays the reporter exactly once when the worker tries again', async () => {
  const cloud = getCloud()
  const { killed } = await killAtEveryStep(cloud, {
    fn: 'suggestions',
    action: 'accept',
    async setup(i) {
      const reporter = `o-kill-reporter-${i}`
      await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson(rider(reporter))] } })
      const r = (await cloud.call('suggestions', { action: 'create', input: { category: 'safety', text: `文晖路第 ${i + 1} 个井盖松动，电动车压上去会翘起`, location: spot(i) } }, reporter)) as Res<SuggestionView>
      return { reporter, id: dataOf(r).id }
    },
    call: (s) => cloud.call('suggestions', { action: 'accept', input: { id: s.id } }, WORKER),
    async check(s, answer) {
      const a = answer as Res<SuggestionView>
      // the crash may have landed after the commit: then the retry finds it accepted already
      if (!a.ok) expect(a.error).toMatchObject({ code: 'CONFLICT' })
      expect(docsOf(cloud, 'suggestions').find((d) => d._id === s.id)).toMatchObject({ status: 'accepted', points: { awarded: 10 } })
      expect(docsOf(cloud, 'ledger').filter((e) => e.userId === s.reporter)).toEqual([expect.objectContaining({ reason: 'reportAccepted', sourceRef: s.id, delta: 10, by: WORKER })])
      expect(docsOf(cloud, 'balances').find((b) => b._id === s.reporter)).toMatchObject({ balance: 10 })
    },
  })
  expect(killed).toEqual(expect.arrayContaining([expect.stringMatching(/^before .*commitTransaction/), expect.stringMatching(/^after .*commitTransaction/)]))
}, 400_000)
