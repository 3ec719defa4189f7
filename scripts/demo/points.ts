/**
 * Demo data of the points ledger, the 积分商城 and the 爱心商家: 刘老板's approved profile (his shop
 * is the map's 刘记面馆), district and merchant items, and a consistent ledger + balances for the
 * verified demo riders (the reconciliation routine finds nothing wrong with it).
 */
import type { MallItemDoc } from '../../domain/mall/model'
import type { MerchantDoc } from '../../domain/merchant/model'
import type { BalanceDoc, EarnReason, LedgerEntryDoc } from '../../domain/points/model'
import { creditLots, nextExpiry } from '../../domain/points/rules'
import { daily } from '../../domain/places/opening-hours'
import { demoVerifications } from './identity'
import { demoPlaces } from './places'
import { pastVolunteerAwards } from './volunteer'
import { dayKey, monthKey, shanghai } from '../../domain/time'

const at = (s: string) => new Date(`${s}+08:00`)
const created = at('2026-09-01T09:00:00')

export const demoMerchants: MerchantDoc[] = [
  {
    _id: 'demo-merchant-liu',
    shopName: '刘记面馆',
    address: '拱墅区文晖路 45 号',
    location: { type: 'Point', coordinates: [120.17231, 30.29175] },
    communityId: 'c-xinheping',
    category: 'food',
    offers: ['discount', 'water', 'toilet', 'phoneCharging'],
    discountText: '骑手加面免费，雨天送姜茶',
    hours: daily('06:30', '21:00'),
    licencePhoto: 'cloud://local-dev.6c6f-local-dev-1250000000/merchant-licences/demo-merchant-liu/licence.jpg',
    phone: '13805710001',
    status: 'approved',
    contentFlagged: false,
    rejectReason: null,
    placeId: 'p-wl-021',
    submittedAt: at('2026-08-20T10:00:00'),
    reviewedAt: at('2026-08-21T15:00:00'),
    reviewedBy: 'demo-worker-chen',
  },
]

const placeOf = (id: string) => {
  const p = demoPlaces.find((x) => x._id === id)!
  return { placeId: p._id, placeName: p.name, location: p.location.coordinates as [number, number], communityId: p.communityId }
}

const item = (
  _id: string,
  title: string,
  description: string,
  price: number,
  stock: number,
  merchantId: string | null,
  placeId: string,
  limit: MallItemDoc['limit'],
  validDays: number,
): MallItemDoc => ({
  _id,
  title,
  description,
  photos: [],
  price,
  stock,
  stockTotal: stock,
  limit,
  validDays,
  merchantId,
  ...placeOf(placeId),
  status: 'on',
  contentFlagged: false,
  takenDownReason: null,
  createdBy: merchantId ?? 'demo-worker-chen',
  createdAt: created,
  updatedAt: created,
})

export const demoItems: MallItemDoc[] = [
  item('i-demo-noodles', '刘记面馆 牛肉面一碗', '到店出示券码，任选一碗牛肉面（加面免费）。', 60, 20, 'demo-merchant-liu', 'p-wl-021', { period: 'week', count: 1 }, 14),
  item('i-demo-ginger-tea', '刘记面馆 姜茶一杯', '雨天暖身，到店即取。', 10, 100, 'demo-merchant-liu', 'p-wl-021', { period: 'day', count: 1 }, 7),
  item('i-demo-raincoat', '骑手专用雨衣', '加厚反光雨衣一件，到新和平社区骑士加油站领取。', 120, 30, null, 'p-wl-003', { period: 'once', count: 1 }, 30),
  item('i-demo-charge', '电动车免费充电 2 小时', '在新和平社区骑士加油站充电区使用。', 20, 200, null, 'p-wl-003', { period: 'day', count: 1 }, 7),
  item('i-demo-phone-mount', '手机支架', '防震手机支架，到武林广场暖新驿站领取。', 80, 15, null, 'p-wl-001', { period: 'month', count: 1 }, 30),
  // the content check held this text (「加微信」): it waits in the workers' 待复核 list, hidden from riders
  { ...item('i-demo-soy-milk', '刘记面馆 豆浆油条', '早餐一份，到店出示券码；有事加微信问老板。', 15, 30, 'demo-merchant-liu', 'p-wl-021', { period: 'day', count: 1 }, 3), contentFlagged: true },
]

interface Earn {
  reason: EarnReason
  points: number
  at: string
  ref: string
}

const earnings: Record<string, Earn[]> = {
  'demo-rider-zhang': [
    { reason: 'checkIn', points: 5, at: '2026-07-02T12:10:00', ref: 'demo-ci-z1' },
    { reason: 'reportAccepted', points: 10, at: '2026-08-03T09:30:00', ref: 'demo-rep-z1' },
    { reason: 'course', points: 20, at: '2026-08-20T20:00:00', ref: 'demo-course-z1' },
    { reason: 'checkIn', points: 5, at: '2026-09-05T12:00:00', ref: 'demo-ci-z2' },
  ],
  'demo-rider-wang': [
    { reason: 'checkIn', points: 5, at: '2026-09-13T12:00:00', ref: 'demo-ci-w1' },
  ],
  'demo-rider-zhao': [
    { reason: 'checkIn', points: 5, at: '2026-09-02T11:00:00', ref: 'demo-ci-zh1' },
    { reason: 'course', points: 20, at: '2026-09-03T21:00:00', ref: 'demo-course-zh1' },
  ],
}

/** The earnings above plus the points of the demo's past volunteer services, each rider's in time order. */
function withVolunteerHours(): Record<string, Earn[]> {
  const all: Record<string, Earn[]> = Object.fromEntries(Object.entries(earnings).map(([k, v]) => [k, [...v]]))
  for (const a of pastVolunteerAwards()) {
    ;(all[a.userId] ??= []).push({ reason: 'volunteerHours', points: a.points, at: shanghai(a.at).format('YYYY-MM-DDTHH:mm:ss'), ref: a.signupId })
  }
  for (const list of Object.values(all)) list.sort((x, y) => x.at.localeCompare(y.at))
  return all
}

/** Ledger entries and balances computed from the earnings above, so they reconcile. */
export function demoLedger(): { ledger: LedgerEntryDoc[]; balances: BalanceDoc[] } {
  const ledger: LedgerEntryDoc[] = []
  const balances: BalanceDoc[] = []
  for (const [userId, list] of Object.entries(withVolunteerHours())) {
    let bal: BalanceDoc = { _id: userId, balance: 0, lots: [], nextExpiryAt: null, earnedDay: '', earnedToday: {}, limits: {}, updatedAt: created }
    for (const e of list) {
      const when = at(e.at)
      const lots = creditLots(bal.lots, [{ month: monthKey(when), n: e.points }])
      bal = { ...bal, balance: bal.balance + e.points, lots, nextExpiryAt: nextExpiry(lots), earnedDay: dayKey(when), earnedToday: { [e.reason]: e.points }, updatedAt: when }
      ledger.push({
        // opaque, like newEntryId(): entry ids reach the rider's history and its cursor, and a
        // volunteer ref (a sign-up id) carries the rider's openid
        _id: `demo-e${String(ledger.length + 1).padStart(3, '0')}`,
        userId,
        delta: e.points,
        reason: e.reason,
        sourceRef: e.ref,
        idempotencyKey: `${e.reason}:${e.ref}`,
        balanceAfter: bal.balance,
        at: when,
        lots: [{ month: monthKey(when), n: e.points }],
        note: null,
        voucher: null,
        by: null,
      })
    }
    balances.push(bal)
  }
  // every verified demo rider has a balance document carrying the verification mirror (as
  // identity's approval creates it), with or without points
  for (const [userId, v] of Object.entries(demoVerifications)) {
    const verified = v.status === 'verified'
    const existing = balances.find((b) => b._id === userId)
    if (existing) existing.verified = verified
    else if (verified) balances.push({ _id: userId, balance: 0, lots: [], nextExpiryAt: null, earnedDay: '', earnedToday: {}, limits: {}, verified, updatedAt: created })
  }
  return { ledger, balances }
}
