import type { CommunityDoc } from '../../domain/identity/model'
import type { Role, UserDoc, VerificationStatus } from '../../domain/user/model'
import type { Snapshot } from '../../emulator/database'
import { DEMO_CENTRE, demoPlaces } from './places'
import { demoApplicants, demoVerifications } from './identity'
import { demoItems, demoLedger, demoMerchants } from './points'
import { demoSuggestions } from './suggestions'
import { demoActivities, demoPastServices } from './volunteer'
import { demoStats } from './stats'
import { demoCompounds } from './compounds'

/** Communities of the demo district (names from the seed articles: 拱墅区 文晖街道, 西湖区 北山/西溪街道). */
/** Oldest first: 新和平社区's centre (武林广场, where its stations are) is where the map opens. */
export const demoCommunities: CommunityDoc[] = [
  { _id: 'c-xinheping', name: '新和平社区', street: '文晖街道', district: '杭州市拱墅区', centre: DEMO_CENTRE, createdAt: new Date('2026-08-01T09:00:00+08:00') },
  { _id: 'c-jinzhu', name: '金祝社区', street: '北山街道', district: '杭州市西湖区', centre: { longitude: 120.14262, latitude: 30.27095 }, createdAt: new Date('2026-08-01T09:01:00+08:00') },
  { _id: 'c-xixi', name: '西溪社区', street: '西溪街道', district: '杭州市西湖区', centre: { longitude: 120.10412, latitude: 30.28398 }, createdAt: new Date('2026-08-01T09:02:00+08:00') },
]

const created = new Date('2026-09-01T09:00:00+08:00')

const user = (
  _id: string,
  nickname: string,
  roles: Role[],
  status: VerificationStatus,
  workerCommunityIds: string[] = [],
): UserDoc => ({
  _id,
  nickname,
  roles,
  workerCommunityIds,
  verification: demoVerifications[_id] ?? { status },
  createdAt: created,
  updatedAt: created,
})

export const demoUsers: UserDoc[] = [
  user('demo-rider-zhang', '张师傅', ['rider'], 'verified'),
  user('demo-rider-li', '李小哥', ['rider'], 'unverified'),
  user('demo-rider-wang', '王姐', ['rider'], 'verified'),
  user('demo-rider-zhao', '赵师傅', ['rider'], 'verified'),
  user('demo-worker-chen', '陈主任', ['worker'], 'unverified', ['c-xinheping', 'c-jinzhu']),
  user('demo-merchant-liu', '刘老板', ['merchant'], 'unverified'),
  user('demo-admin-sun', '孙科长', ['admin', 'worker'], 'unverified', ['c-xinheping', 'c-jinzhu', 'c-xixi']),
  ...demoApplicants,
]

/** Dates become canonical EJSON so the snapshot is plain JSON, as the emulator's import expects. */
const ejson = (value: unknown): unknown => {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (Array.isArray(value)) return value.map(ejson)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ejson(v)]))
  return value
}

export function demoSnapshot(): Snapshot {
  return {
    collections: {
      users: demoUsers.map(ejson),
      communities: demoCommunities.map(ejson),
      places: demoPlaces.map(ejson),
      suggestions: demoSuggestions().map(ejson),
      activities: [...demoActivities(), ...demoPastServices().activities].map(ejson),
      signups: demoPastServices().signups.map(ejson),
      statsDaily: demoStats(demoCommunities.map((c) => c._id), 120).map(ejson),
      compounds: demoCompounds.map(ejson),
      ...pointsCollections(),
    },
  }
}

/** Points, 积分商城 and 爱心商家 demo collections (scripts/demo/points.ts). */
function pointsCollections(): Snapshot['collections'] {
  const { ledger, balances } = demoLedger()
  return { merchants: demoMerchants.map(ejson), mallItems: demoItems.map(ejson), ledger: ledger.map(ejson), balances: balances.map(ejson) }
}
