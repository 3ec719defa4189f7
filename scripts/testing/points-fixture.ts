/**
 * Test helpers for the points ledger: verified riders with a consistent ledger entry + balance
 * (imported straight into the emulator, so the reconciliation routine stays clean), items, and a
 * typed wrapper around function calls.
 */
import type { MallItemDoc } from '../../domain/entities/mall'
import type { BalanceDoc, LedgerEntryDoc } from '../../domain/entities/points'
import type { UserDoc } from '../../domain/entities/user'
import { nextExpiry } from '../../domain/points/rules'
import { toEjson } from '../demo/generate-places'
import type { TestCloud } from './emulator-fixture'
import { monthKey } from '../../domain/time'

export type Ok<T> = { ok: true; data: T }
export type Err = { ok: false; error: { code: string; message: string; field?: string } }
export type Res<T> = Ok<T> | Err

export const dataOf = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`)
  return r.data
}

export const rider = (id: string, verified = true): UserDoc => ({
  _id: id,
  nickname: id,
  roles: ['rider'],
  workerCommunityIds: [],
  verification: { status: verified ? 'verified' : 'unverified' },
  createdAt: new Date(),
  updatedAt: new Date(),
})

/** A users document, one earn entry of `points` and the matching balance, per id. */
export async function seedRiders(cloud: TestCloud, ids: string[], points: number, opts: { verified?: boolean; at?: Date } = {}): Promise<void> {
  const at = opts.at ?? new Date()
  const month = monthKey(at)
  const users = ids.map((id) => rider(id, opts.verified ?? true))
  const ledger: LedgerEntryDoc[] = []
  const balances: BalanceDoc[] = []
  const verified = opts.verified ?? true
  for (const id of ids) {
    if (points > 0) {
      ledger.push({ _id: `seed-${id}`, userId: id, delta: points, reason: 'adjustment', sourceRef: 'seed', idempotencyKey: `adjustment:seed:${id}`, balanceAfter: points, at, lots: [{ month, n: points }], note: 'seed', voucher: null, by: 'test' })
      const lots = [{ month, remaining: points, warned: false }]
      balances.push({ _id: id, balance: points, lots, nextExpiryAt: nextExpiry(lots), earnedDay: '', earnedToday: {}, limits: {}, verified, updatedAt: at })
    } else if (verified) {
      // identity's approval creates the balance document with the verification mirror
      balances.push({ _id: id, balance: 0, lots: [], nextExpiryAt: null, earnedDay: '', earnedToday: {}, limits: {}, verified, updatedAt: at })
    }
  }
  await cloud.emulator.database.importSnapshot({ collections: { users: users.map(toEjson), ledger: ledger.map(toEjson), balances: balances.map(toEjson) } })
}

export async function seedItem(cloud: TestCloud, id: string, patch: Partial<MallItemDoc> = {}): Promise<MallItemDoc> {
  const now = new Date()
  const doc: MallItemDoc = {
    _id: id,
    title: `测试兑换品 ${id}`,
    description: '测试用',
    photos: [],
    price: 10,
    stock: 10,
    stockTotal: patch.stock ?? 10,
    limit: { period: 'none', count: 1 },
    validDays: 7,
    merchantId: 'demo-merchant-liu',
    communityId: 'c-xinheping',
    placeId: 'p-wl-021',
    placeName: '刘记面馆',
    location: [120.17231, 30.29175],
    status: 'on',
    contentFlagged: false,
    takenDownReason: null,
    createdBy: 'demo-merchant-liu',
    createdAt: now,
    updatedAt: now,
    ...patch,
  }
  await cloud.emulator.database.importSnapshot({ collections: { mallItems: [toEjson(doc)] } })
  return doc
}

export const docsOf = (cloud: TestCloud, name: string) => cloud.emulator.database.listDocuments(name, { limit: 1_000_000 }) as Record<string, unknown>[]

export async function reconcileOk(cloud: TestCloud): Promise<void> {
  const r = (await cloud.call('points', { action: 'reconcile' }, 'demo-admin-sun')) as Res<{ ok: boolean; problems: string[] }>
  const report = dataOf(r)
  if (!report.ok) throw new Error(`reconciliation found problems:\n${report.problems.join('\n')}`)
}
