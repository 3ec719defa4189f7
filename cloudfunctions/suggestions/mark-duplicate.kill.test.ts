import type { SuggestionView } from '../../domain/suggestions/model'
import { toEjson } from '../../scripts/demo/generate-places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { dataOf, docsOf, rider, type Res } from '../../scripts/testing/points-fixture'

// Kill between steps (issue 14, gaps): suggestions.markDuplicate marks a report as a duplicate and
// joins its reporter to the original's followers. Those were two writes: a crash between them lost
// the join for good (the retry answers CONFLICT, the report is already a duplicate). Crashed at each
// database request, before and after, and retried: the report is a duplicate and its reporter
// follows the original exactly once.
const getCloud = killTestCloud()
const WORKER = 'demo-worker-chen' // 新和平社区

/** 文晖路 (新和平社区), a spot per report so none looks like another's */
const spot = (i: number) => ({ longitude: 120.17231 + 0.0009 * (i % 10), latitude: 30.29175 + 0.0009 * Math.floor(i / 10) })

test('a duplicate marked with a crash at any step keeps its reporter joined to the original when the worker tries again', async () => {
  const cloud = getCloud()
  const { killed } = await killAtEveryStep(cloud, {
    fn: 'suggestions',
    action: 'markDuplicate',
    async setup(i) {
      const [first, second] = [`o-kill-dup-a-${i}`, `o-kill-dup-b-${i}`]
      await cloud.emulator.database.importSnapshot({ collections: { users: [toEjson(rider(first)), toEjson(rider(second))] } })
      const create = async (who: string, n: number) =>
        dataOf((await cloud.call('suggestions', { action: 'create', input: { category: 'facility', text: `文晖路第 ${n} 盏路灯不亮，晚上送餐看不清`, location: spot(n) } }, who)) as Res<SuggestionView>).id
      return { second, original: await create(first, 2 * i), dup: await create(second, 2 * i + 1) }
    },
    call: (s) => cloud.call('suggestions', { action: 'markDuplicate', input: { id: s.dup, originalId: s.original } }, WORKER),
    async check(s, answer) {
      const a = answer as Res<SuggestionView>
      // the crash may have landed after the write: then the retry finds it a duplicate already
      if (!a.ok) expect(a.error).toMatchObject({ code: 'CONFLICT' })
      expect(docsOf(cloud, 'suggestions').find((d) => d._id === s.dup)).toMatchObject({ status: 'duplicate', duplicateOf: s.original })
      const original = docsOf(cloud, 'suggestions').find((d) => d._id === s.original) as { joiners: string[]; joinCount: number }
      expect(original.joiners.filter((j) => j === s.second)).toHaveLength(1)
      expect(original.joinCount).toBe(original.joiners.length)
    },
  })
  expect(killed.length).toBeGreaterThan(2)
}, 400_000)
