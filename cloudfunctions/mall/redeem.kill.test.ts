import type { RedeemResult } from '../../domain/entities/mall'
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
