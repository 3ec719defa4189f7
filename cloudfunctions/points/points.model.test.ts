import * as fc from 'fast-check'
import type { BalanceView } from '../../domain/points/model'
import type { RedeemResult } from '../../domain/mall/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dataOf, docsOf, reconcileOk, seedItem, seedRiders, type Res } from '../../scripts/testing/points-fixture'

/**
 * Model-based property test: random sequences of earn / redeem / cancel / use / retry / expire run
 * against the real functions and a tiny model; after every step the rider's balance and the item's
 * stock equal the model's, and at the end the reconciliation routine finds nothing wrong.
 * Failing seeds found so far are replayed first (REGRESSION_SEEDS).
 */
const REGRESSION_SEEDS: number[] = [
  // expire → (cancel refunds into the expired lot) → expire again at the same timer Time: the expiry
  // entry's idempotency key repeated and the timer run crashed. Key now follows the balance's state.
  -1839324589,
]
const PRICE = 15
const STOCK = 3

let cloud: TestCloud
let run = 0

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.emulator.database.importSnapshot(demoSnapshot())
  await cloud.emulator.database.importSnapshot({
    collections: { users: [{ _id: 'o-model-admin', nickname: 'a', roles: ['admin'], workerCommunityIds: [], verification: { status: 'unverified' } }] },
  })
}, 120_000)
afterAll(() => cloud?.stop())

type Op =
  | { t: 'earn'; n: number }
  | { t: 'redeem' }
  | { t: 'cancel'; i: number }
  | { t: 'use'; i: number }
  | { t: 'retry' }
  | { t: 'expire' }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('earn' as const), n: fc.integer({ min: 1, max: 40 }) }),
  fc.constant({ t: 'redeem' as const }),
  fc.constant({ t: 'redeem' as const }),
  fc.record({ t: fc.constant('cancel' as const), i: fc.nat(5) }),
  fc.record({ t: fc.constant('use' as const), i: fc.nat(5) }),
  fc.constant({ t: 'retry' as const }),
  fc.constant({ t: 'expire' as const }),
)

const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>

async function check(ops: Op[]): Promise<void> {
  const n = run++
  const user = `o-model-${n}`
  const item = `i-model-${n}`
  await seedRiders(cloud, [user], 0)
  await seedItem(cloud, item, { price: PRICE, stock: STOCK })
  const model = { balance: 0, stock: STOCK, vouchers: [] as { code: string; status: 'active' | 'used' | 'cancelled' }[], lastKey: null as string | null, lastCode: '' }
  let seq = 0
  for (const o of ops) {
    const k = `m${n}-${seq++}`.padEnd(8, 'x')
    if (o.t === 'earn') {
      dataOf(await call('points', 'adjust', { userId: user, delta: o.n, note: '模型测试', key: k }, 'o-model-admin'))
      model.balance += o.n
    } else if (o.t === 'redeem') {
      const r = await call<RedeemResult>('mall', 'redeem', { itemId: item, key: k }, user)
      if (model.stock === 0) expect(r).toMatchObject({ ok: false, error: { code: 'SOLD_OUT' } })
      else if (model.balance < PRICE) expect(r).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } })
      else {
        const d = dataOf(r)
        model.balance -= PRICE
        model.stock -= 1
        model.vouchers.push({ code: d.voucher.code, status: 'active' })
        model.lastKey = k
        model.lastCode = d.voucher.code
        expect(d.balance).toBe(model.balance)
      }
    } else if (o.t === 'retry') {
      if (!model.lastKey) continue
      const d = dataOf(await call<RedeemResult>('mall', 'redeem', { itemId: item, key: model.lastKey }, user))
      expect(d).toMatchObject({ replay: true, voucher: { code: model.lastCode } })
    } else if (o.t === 'cancel' || o.t === 'use') {
      if (!model.vouchers.length) continue
      const v = model.vouchers[o.i % model.vouchers.length]
      const r = o.t === 'cancel' ? await call('mall', 'cancel', { code: v.code }, user) : await call('merchant', 'verify', { code: v.code }, 'demo-merchant-liu')
      if (v.status !== 'active') expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      else {
        expect(r.ok).toBe(true)
        if (o.t === 'cancel') {
          v.status = 'cancelled'
          model.balance += PRICE
          model.stock += 1
        } else v.status = 'used'
      }
    } else if (o.t === 'expire') {
      // far in the future: every lot has expired
      await cloud.emulator.functions.invoke('points', { Type: 'Timer', TriggerName: 'expirePoints', Time: '2031-01-01T00:00:00+08:00' }, { openid: '' })
      model.balance = 0
    }
    expect(dataOf(await call<BalanceView>('points', 'balance', {}, user)).balance).toBe(model.balance)
  }
  expect(docsOf(cloud, 'mallItems').find((d) => d._id === item)).toMatchObject({ stock: model.stock })
  await reconcileOk(cloud)
}

describe('points model', () => {
  it('keeps the invariants over earn / redeem / cancel / use / retry / expire', async () => {
    const prop = fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), check)
    for (const seed of REGRESSION_SEEDS) await fc.assert(prop, { seed, numRuns: 1 })
    await fc.assert(prop, { numRuns: 100 })
  }, 120_000)
})
