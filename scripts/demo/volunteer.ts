/**
 * Demo volunteer activities (issue 7), upcoming relative to "now" so the list is never stale:
 * patrols (平安骑士, 网格巡逻), 助老专送, 文明宣传 and 骑士学院 courses from the seed articles, at
 * demo places of the three communities. No sign-ups yet, so every counter starts at 0. Below them,
 * the services already done (past activities with counted sign-ups).
 */
import type { ActivityDoc, ActivityType, SignupDoc } from '../../domain/volunteer/model'
import { defaultDeadlines, signupIdOf } from '../../domain/volunteer/rules'
import { demoPlaces } from './places'
import { dayKey, nextDay, shanghaiAt } from '../../domain/time'

interface Row {
  id: string
  type: ActivityType
  title: string
  description: string
  placeId: string
  /** days from today (Asia/Shanghai) */
  inDays: number
  start: string
  end: string
  capacity: number
  pointsPerHour?: number
}

const rows: Row[] = [
  { id: 'act-demo-patrol-1', type: 'patrol', title: '平安骑士 · 文晖路夜间网格巡逻', description: '沿文晖路、新市街巡查电动车违停、消防通道堵塞和楼道充电，发现隐患随手拍上报。请穿反光背心，骑行注意安全。', placeId: 'p-wl-003', inDays: 1, start: '19:30', end: '21:30', capacity: 8 },
  { id: 'act-demo-elderly-1', type: 'elderly', title: '助老专送 · 长者食堂午餐送达', description: '从新和平社区长者食堂取餐，送到行动不便的独居老人家中，顺便问问近况。每人约送 4 户。', placeId: 'p-wl-009', inDays: 2, start: '11:00', end: '12:30', capacity: 6 },
  { id: 'act-demo-course-1', type: 'course', title: '骑士学院 · 电动车消防安全课', description: '消防站教官讲解电池起火的原因、正确充电和灭火器使用，现场实操。完成课程得积分。', placeId: 'p-bs-001', inDays: 3, start: '15:00', end: '16:30', capacity: 30 },
  { id: 'act-demo-civic-1', type: 'civic', title: '文明宣传 · 路口安全骑行劝导', description: '在天目山路口协助交警劝导逆行、闯红灯，发放安全骑行提示卡。', placeId: 'p-bs-009', inDays: 4, start: '17:00', end: '18:30', capacity: 10, pointsPerHour: 8 },
  { id: 'act-demo-patrol-2', type: 'patrol', title: '网格巡逻 · 新和平小区消防通道检查', description: '和社区网格员一起检查小区消防通道和楼道堆物，记录问题交社区处理。', placeId: 'p-wl-020', inDays: 6, start: '20:00', end: '21:30', capacity: 6 },
]

type Described = Pick<Row, 'id' | 'type' | 'title' | 'description' | 'placeId'>

/** What every demo activity has: its demo place, times and deadlines, open, made by the demo worker. */
function demoActivity(r: Described, startAt: Date, endAt: Date) {
  const place = demoPlaces.find((p) => p._id === r.placeId)
  if (!place) throw new Error(`demo activity ${r.id}: no place ${r.placeId}`)
  return {
    place,
    doc: {
      _id: r.id,
      type: r.type,
      title: r.title,
      description: r.description,
      communityId: place.communityId,
      placeId: place._id,
      placeName: place.name,
      address: place.address,
      location: place.location,
      startAt,
      endAt,
      ...defaultDeadlines(startAt),
      verifiedOnly: true,
      status: 'open' as const,
      cancelReason: null,
      createdBy: 'demo-worker-chen',
    },
  }
}

export function demoActivities(now: Date = new Date()): ActivityDoc[] {
  const today = dayKey(now)
  const created = new Date(now.getTime() - 2 * 24 * 3_600_000)
  return rows.map((r) => {
    let day = today
    for (let i = 0; i < r.inDays; i++) day = nextDay(day)
    const { doc } = demoActivity(r, shanghaiAt(day, r.start), shanghaiAt(day, r.end))
    return {
      ...doc,
      capacity: r.capacity,
      ...(r.pointsPerHour !== undefined && { pointsPerHour: r.pointsPerHour }),
      seq: 0,
      signedUp: 0,
      waitlisted: 0,
      remindedAt: null,
      createdAt: created,
      updatedAt: created,
    }
  })
}

/**
 * Services already done, so that the 平安骑士 persona (王姐) and 张师傅 have a volunteer record and a
 * certificate: past activities, each with the persona's counted sign-up (checked in at the start, out
 * at the end). The ledger's volunteerHours entries (points.ts) are these sign-ups' awards: same
 * sign-up id, same points, at check-out — as volunteer.checkOut writes them.
 */
interface Past extends Omit<Row, 'inDays' | 'capacity'> {
  day: string
  pointsPerHour: number
  rider: { openid: string; nickname: string }
}

const WANG = { openid: 'demo-rider-wang', nickname: '王姐' }
const ZHANG = { openid: 'demo-rider-zhang', nickname: '张师傅' }

const past: Past[] = [
  { id: 'act-demo-past-elderly-1', type: 'elderly', title: '助老专送 · 长者食堂午餐送达', description: '从新和平社区长者食堂取餐，送到行动不便的独居老人家中。', placeId: 'p-wl-009', day: '2026-07-15', start: '11:00', end: '13:00', pointsPerHour: 20, rider: ZHANG },
  { id: 'act-demo-past-patrol-1', type: 'patrol', title: '平安骑士 · 武林广场周边夜间巡逻', description: '沿武林广场、环城北路巡查电动车违停和楼道充电，发现隐患随手拍上报。', placeId: 'p-wl-003', day: '2026-08-10', start: '18:00', end: '22:00', pointsPerHour: 20, rider: WANG },
  { id: 'act-demo-past-civic-1', type: 'civic', title: '文明宣传 · 路口安全骑行劝导', description: '在文晖路口协助交警劝导逆行、闯红灯，发放安全骑行提示卡。', placeId: 'p-bs-009', day: '2026-09-10', start: '14:00', end: '18:00', pointsPerHour: 20, rider: ZHANG },
  { id: 'act-demo-past-patrol-2', type: 'patrol', title: '平安骑士 · 新和平小区消防通道巡查', description: '和社区网格员一起检查小区消防通道和楼道堆物，记录问题交社区处理。', placeId: 'p-wl-020', day: '2026-09-12', start: '18:00', end: '21:00', pointsPerHour: 20, rider: WANG },
]

/** The points each past service earned, for the ledger: sign-up id, rider, points, check-out time. */
export function pastVolunteerAwards(): { signupId: string; userId: string; points: number; at: Date }[] {
  return past.map((p) => {
    const startAt = shanghaiAt(p.day, p.start)
    const endAt = shanghaiAt(p.day, p.end)
    const hours = (endAt.getTime() - startAt.getTime()) / 3_600_000
    return { signupId: signupIdOf(p.id, p.rider.openid), userId: p.rider.openid, points: hours * p.pointsPerHour, at: endAt }
  })
}

/** The past activities and their counted sign-ups. */
export function demoPastServices(): { activities: ActivityDoc[]; signups: SignupDoc[] } {
  const activities: ActivityDoc[] = []
  const signups: SignupDoc[] = []
  for (const p of past) {
    const startAt = shanghaiAt(p.day, p.start)
    const endAt = shanghaiAt(p.day, p.end)
    const { place, doc } = demoActivity(p, startAt, endAt)
    const created = new Date(startAt.getTime() - 5 * 24 * 3_600_000)
    const minutes = (endAt.getTime() - startAt.getTime()) / 60_000
    activities.push({
      ...doc,
      capacity: 8,
      pointsPerHour: p.pointsPerHour,
      seq: 1,
      signedUp: 1,
      waitlisted: 0,
      remindedAt: new Date(startAt.getTime() - 24 * 3_600_000),
      createdAt: created,
      updatedAt: endAt,
    })
    signups.push({
      _id: signupIdOf(p.id, p.rider.openid),
      activityId: p.id,
      userId: p.rider.openid,
      nickname: p.rider.nickname,
      communityId: place.communityId,
      type: p.type,
      title: p.title,
      startAt,
      endAt,
      status: 'signedUp',
      seq: 1,
      signedUpAt: new Date(created.getTime() + 3_600_000),
      promotedAt: null,
      cancelledAt: null,
      lateCancel: false,
      checkedInAt: startAt,
      checkedOutAt: endAt,
      attendedMinutes: minutes,
      counted: true,
      serviceMinutes: minutes,
      pointsAwarded: (minutes / 60) * p.pointsPerHour,
      updatedAt: endAt,
    })
  }
  return { activities, signups }
}
