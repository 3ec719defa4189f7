import type { ActivityDetail, MySignupView } from '@domain/volunteer/model'

export const HOUR = 3_600_000
/** 2026-10-08 10:00 in Shanghai */
export const NOW = Date.parse('2026-10-08T10:00:00+08:00')
export const iso = (ms: number) => new Date(ms).toISOString()

export function activity(over: Partial<ActivityDetail> = {}, startInHours = 26): ActivityDetail {
  const start = NOW + startInHours * HOUR
  return {
    id: 'a1',
    type: 'patrol',
    title: '平安骑士 · 文晖路网格巡逻',
    communityId: 'c-xinheping',
    placeName: '新和平社区骑士加油站',
    startAt: iso(start),
    endAt: iso(start + 2 * HOUR),
    day: '2026-10-09',
    capacity: 2,
    placesLeft: 2,
    waitlisted: 0,
    verifiedOnly: true,
    signupOpen: true,
    status: 'open',
    mine: null,
    description: '',
    address: '拱墅区文晖路',
    location: [120.17256, 30.29312],
    signupDeadline: iso(start - HOUR),
    cancelDeadline: iso(start - 2 * HOUR),
    cancelReason: null,
    pointsRule: '每服务 1 小时得 10 积分',
    pointsPerHour: 10,
    my: null,
    ...over,
  }
}

export function mine(over: Partial<MySignupView> = {}): MySignupView {
  return { id: 'a1_me', status: 'signedUp', waitlistPosition: null, lateCancel: false, checkedInAt: null, checkedOutAt: null, hours: 0, counted: false, pointsAwarded: null, ...over }
}
