import type { ActivityDoc, SignupDoc } from '../../domain/volunteer/model'
import { NEW_ACTIVITY_STATE, newSignup } from '../../domain/volunteer/rules'

/**
 * A volunteer patrol in progress, for tests that check in (the functions take the time from the
 * real clock and refuse to create activities that already started, so it is imported straight
 * into the emulator's database): the browser journey (e2e/volunteer) and the weapp render
 * (test/weapp). Dates in EJSON, as the emulator's import expects.
 */
/** 新和平社区骑士加油站 (scripts/demo/places.ts): where the seeded patrol meets. */
export const STATION = { id: 'p-wl-003', name: '新和平社区骑士加油站', address: '拱墅区文晖路新和平社区服务中心一楼', longitude: 120.17256, latitude: 30.29312 }
export const SEEDED = 'e2e-patrol-now'
export const SEEDED_TITLE = '平安骑士 · 文晖路夜巡'

const MIN = 60_000
const ejsonDate = (d: Date) => ({ $date: { $numberLong: String(d.getTime()) } })

/** A patrol in progress: started 60 minutes ago, ends in 15; 赵师傅 checked in at the start, 张师傅 signed up. */
export function seededPatrol(now: number) {
  const startAt = new Date(now - 60 * MIN)
  const endAt = new Date(now + 15 * MIN)
  const created = new Date(now - 3 * 24 * 60 * MIN)
  const activity = {
    _id: SEEDED,
    type: 'patrol',
    title: SEEDED_TITLE,
    description: '沿文晖路、新市街巡查电动车违停和消防通道。',
    communityId: 'c-xinheping',
    placeId: STATION.id,
    placeName: STATION.name,
    address: STATION.address,
    location: { type: 'Point', coordinates: [STATION.longitude, STATION.latitude] },
    startAt: ejsonDate(startAt),
    endAt: ejsonDate(endAt),
    capacity: 5,
    signupDeadline: ejsonDate(new Date(startAt.getTime() - 60 * MIN)),
    cancelDeadline: ejsonDate(new Date(startAt.getTime() - 120 * MIN)),
    verifiedOnly: true,
    status: 'open',
    cancelReason: null,
    seq: 2,
    signedUp: 2,
    waitlisted: 0,
    remindedAt: null,
    createdBy: 'demo-worker-chen',
    createdAt: ejsonDate(created),
    updatedAt: ejsonDate(created),
  }
  const signup = (openid: string, nickname: string, seq: number, checkedInAt: Date | null) => ({
    _id: `${SEEDED}_${openid}`,
    activityId: SEEDED,
    userId: openid,
    nickname,
    communityId: 'c-xinheping',
    type: 'patrol',
    title: SEEDED_TITLE,
    startAt: ejsonDate(startAt),
    endAt: ejsonDate(endAt),
    status: 'signedUp',
    seq,
    signedUpAt: ejsonDate(created),
    promotedAt: null,
    cancelledAt: null,
    lateCancel: false,
    checkedInAt: checkedInAt ? ejsonDate(checkedInAt) : null,
    checkedOutAt: null,
    attendedMinutes: 0,
    counted: false,
    serviceMinutes: 0,
    pointsAwarded: null,
    updatedAt: ejsonDate(created),
  })
  return {
    collections: {
      activities: [activity],
      signups: [signup('demo-rider-zhao', '赵师傅', 1, startAt), signup('demo-rider-zhang', '张师傅', 2, null)],
    },
  }
}

// ---- documents for the function suites (Dates, not EJSON: they go through toEjson) ----

const H = 3_600_000
let seq = 0

/**
 * An activity document written straight into the database (for times a worker can't create: past
 * deadlines, running now), at `place`, organised by `createdBy`.
 */
export function seedActivity(place: { id: string; lng: number; lat: number }, createdBy: string, over: Partial<ActivityDoc> & { startAt: Date; endAt: Date }): ActivityDoc {
  const id = `seed${++seq}${Date.now().toString(36)}`
  return {
    _id: id,
    type: 'patrol',
    title: `网格巡逻 ${seq}`,
    description: '平安骑士队夜间网格巡逻',
    communityId: 'c-xinheping',
    placeId: place.id,
    placeName: '新和平社区骑士加油站',
    address: '拱墅区文晖路新和平社区服务中心一楼',
    location: { type: 'Point', coordinates: [place.lng, place.lat] },
    signupDeadline: new Date(over.startAt.getTime() - H),
    cancelDeadline: new Date(over.startAt.getTime() - 2 * H),
    capacity: 10,
    verifiedOnly: true,
    ...NEW_ACTIVITY_STATE,
    createdBy,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  }
}

export function seedSignup(a: ActivityDoc, userId: string, n: number, over: Partial<SignupDoc> = {}): SignupDoc {
  return { ...newSignup(a, { userId, nickname: userId }, { status: 'signedUp', seq: n }, new Date(a.startAt.getTime() - 24 * H)), updatedAt: new Date(), ...over }
}

