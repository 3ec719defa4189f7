import type { MallItemDoc, RedeemResult } from '../../domain/mall/model'
import { HOLD_TTL_MS } from '../../server/mall/stock-hold'
import { toEjson } from '../../scripts/demo/generate-places'
import { killAtEveryStep, killTestCloud } from '../../scripts/testing/kill-steps'
import { dataOf, docsOf, reconcileOk, seedItem, seedRiders, type Res } from '../../scripts/testing/points-fixture'

// Kill between steps (issue 14, item 2): mall.redeem debits points, takes stock and issues the
// voucher in one transaction. Crashed at each of its database requests, before and after, and
// retried with the same key: one voucher, one debit, one unit of stock, or none of them — never a
// part — and the retry answers the voucher.
const getCloud = killTestCloud()

const PRICE = 10

test('a redemption crashed at any step leaves all of it or none, and the retry answers one voucher', async () => {
  const { killed } = await killAtEveryStep(getCloud(), {
    fn: 'mall',
    action: 'redeem',
    async setup(i) {
      const rider = `o-kill-redeem-${i}`
      const item = `kill-item-${i}`
      await seedRiders(getCloud(), [rider], 30)
      await seedItem(getCloud(), item, { price: PRICE, stock: 5 })
      return { rider, item, key: `kill-key-${i}`.padEnd(8, '0') }
    },
    call: (s) => getCloud().call('mall', { action: 'redeem', input: { itemId: s.item, key: s.key } }, s.rider),
    async check(s, answer) {
      const r = dataOf(answer as Res<RedeemResult>)
      const vouchers = docsOf(getCloud(), 'ledger').filter((e) => e.userId === s.rider && e.reason === 'redemption')
      expect(vouchers).toEqual([expect.objectContaining({ delta: -PRICE, voucher: expect.objectContaining({ code: r.voucher.code, itemId: s.item }) })])
      expect(docsOf(getCloud(), 'balances').find((b) => b._id === s.rider)).toMatchObject({ balance: 30 - PRICE })
      expect(docsOf(getCloud(), 'mallItems').find((d) => d._id === s.item)).toMatchObject({ stock: 4 })
      expect(r.balance).toBe(30 - PRICE)
    },
  })
  expect(killed).toEqual(expect.arrayContaining([expect.stringMatching(/^before .*commitTransaction/), expect.stringMatching(/^after .*commitTransaction/)]))
  await reconcileOk(getCloud())
}, 300_000)

// The stock is taken before the transaction (server/mall/stock-hold.ts). A rider whose call crashed
// right after taking it and who never taps again must not keep that unit: the next redemption of the
// item, once the hold is older than HOLD_TTL_MS, finds no voucher naming it and gives it back.
test('a unit taken by a crashed redemption that is never retried goes back with the next redemption', async () => {
  const item = 'kill-item-abandoned'
  await seedRiders(getCloud(), ['o-kill-abandon-a', 'o-kill-abandon-b'], 30)
  await seedItem(getCloud(), item, { price: PRICE, stock: 5 })
  const kill = getCloud().emulator.faults.killAt({ function: 'mall', action: 'redeem', op: 1, on: 'any', when: 'after' })
  await expect(getCloud().call('mall', { action: 'redeem', input: { itemId: item, key: 'abandoned-1' } }, 'o-kill-abandon-a')).rejects.toMatchObject({ code: 'FUNCTION_CRASHED' })
  kill.cancel()
  const held = docsOf(getCloud(), 'mallItems').find((d) => d._id === item) as unknown as MallItemDoc
  expect(held.stock).toBe(4)
  expect(Object.values(held.holds ?? {})).toHaveLength(1)
  await reconcileOk(getCloud()) // the held unit is accounted for, not lost

  // still within its time to live: the next redemption leaves it alone (the call might be running)
  dataOf((await getCloud().call('mall', { action: 'redeem', input: { itemId: item, key: 'abandoned-2' } }, 'o-kill-abandon-b')) as Res<RedeemResult>)
  expect(docsOf(getCloud(), 'mallItems').find((d) => d._id === item)).toMatchObject({ stock: 3 })

  // an hour later (the hold backdated): given back, once, by the next redemption
  const stale = { ...held, stock: 3, holds: Object.fromEntries(Object.entries(held.holds!).map(([h, v]) => [h, { ...v, at: new Date(Date.now() - HOLD_TTL_MS - 1000) }])) }
  await getCloud().emulator.database.importSnapshot({ collections: { mallItems: [toEjson(stale)] } })
  dataOf((await getCloud().call('mall', { action: 'redeem', input: { itemId: item, key: 'abandoned-3' } }, 'o-kill-abandon-b')) as Res<RedeemResult>)
  const after = docsOf(getCloud(), 'mallItems').find((d) => d._id === item) as unknown as MallItemDoc
  expect(after.stock).toBe(3) // 5 − the two vouchers of rider b
  expect(after.holds ?? {}).toEqual({})
  expect(docsOf(getCloud(), 'ledger').filter((e) => e.userId === 'o-kill-abandon-a')).toHaveLength(1) // the seed only: nothing spent
  await reconcileOk(getCloud())
}, 120_000)
