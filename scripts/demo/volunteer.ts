/**
 * Demo volunteer activities (issue 7), upcoming relative to "now" so the list is never stale:
 * patrols (平安骑士, 网格巡逻), 助老专送, 文明宣传 and 骑士学院 courses from the seed articles, at
 * demo places of the three communities. No sign-ups yet, so every counter starts at 0.
 */
import type { ActivityDoc, ActivityType } from '../../domain/entities/volunteer'
import { defaultDeadlines } from '../../domain/volunteer/rules'
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

export function demoActivities(now: Date = new Date()): ActivityDoc[] {
  const today = dayKey(now)
  const created = new Date(now.getTime() - 2 * 24 * 3_600_000)
  return rows.map((r) => {
    const place = demoPlaces.find((p) => p._id === r.placeId)
    if (!place) throw new Error(`demo activity ${r.id}: no place ${r.placeId}`)
    let day = today
    for (let i = 0; i < r.inDays; i++) day = nextDay(day)
    const startAt = shanghaiAt(day, r.start)
    const endAt = shanghaiAt(day, r.end)
    return {
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
      capacity: r.capacity,
      ...defaultDeadlines(startAt),
      verifiedOnly: true,
      ...(r.pointsPerHour !== undefined && { pointsPerHour: r.pointsPerHour }),
      status: 'open',
      cancelReason: null,
      seq: 0,
      signedUp: 0,
      waitlisted: 0,
      remindedAt: null,
      createdBy: 'demo-worker-chen',
      createdAt: created,
      updatedAt: created,
    }
  })
}
