/**
 * Bench data shared by the benches that call the real functions: mall items anyone may redeem
 * without a per-person limit, and verified riders with a large balance (user, ledger and balance
 * documents in the shapes the functions write).
 */
import { toEjson } from '../scripts/demo/generate-places'
import { nextExpiry } from '../domain/points/rules'
import { monthKey } from '../domain/time'

export const benchItem = (id: string, now: Date, photos: { fileID: string; check: 'pass' }[] = []) => ({
  _id: id,
  title: `压测兑换品 ${id}`,
  description: '到驿站出示券码领取',
  photos,
  price: 10,
  stock: 50,
  stockTotal: 50,
  limit: { period: 'none', count: 1 },
  validDays: 7,
  merchantId: null,
  communityId: 'c-xinheping',
  placeId: null,
  placeName: null,
  location: null,
  status: 'on',
  contentFlagged: false,
  takenDownReason: null,
  createdBy: 'bench',
  createdAt: now,
  updatedAt: now,
})

/** Verified riders with `points` each, as snapshot collections (EJSON). */
export function benchRiders(ids: string[], now: Date, points = 1_000_000) {
  const lots = [{ month: monthKey(now), remaining: points, warned: false }]
  return {
    users: ids.map((id) => toEjson({ _id: id, nickname: id, roles: ['rider'], workerCommunityIds: [], verification: { status: 'verified' }, createdAt: now, updatedAt: now })),
    ledger: ids.map((id) => toEjson({ _id: `bench-${id}`, userId: id, delta: points, reason: 'adjustment', sourceRef: 'bench', idempotencyKey: `adjustment:bench:${id}`, balanceAfter: points, at: now, lots: [{ month: monthKey(now), n: points }], note: null, voucher: null, by: 'bench' })),
    balances: ids.map((id) => toEjson({ _id: id, balance: points, lots, nextExpiryAt: nextExpiry(lots), earnedDay: '', earnedToday: {}, limits: {}, verified: true, updatedAt: now })),
  }
}
