/**
 * Demo reports of 微事我言 (issue 5), written the way riders talk in the seed articles: 隐患随手报,
 * 电动车充电, 小区进门难, 停车难, 找楼难. They sit next to the demo places (scripts/demo/places.ts),
 * are filed by the demo riders, and cover every stage of the loop: 待受理, 已受理, 办理中, 已办结 with a
 * worker's reply, 已评价 with a rating, 非本社区职责, and one overdue report (in 西溪社区, which 陈主任
 * does not serve, so his queue starts with what is new).
 *
 * Times are relative to `now` (the moment the snapshot is built), so deadlines and "overdue" look
 * the same whenever the demo is started; deadlines come from the domain's `dueAtFor`.
 */
import type { SuggestionCategory, SuggestionDoc, SuggestionEvent, SuggestionStatus } from '../../domain/entities/suggestion'
import { dueAtFor } from '../../domain/suggestions/deadlines'
import { dayKey } from '../../domain/time'

const HOUR = 3_600_000

type Step =
  | { type: 'accepted' | 'started'; after: number; note?: string }
  | { type: 'replied'; after: number; note: string }
  | { type: 'resolved'; after: number; note: string }
  | { type: 'notResponsible'; after: number; note: string }
  | { type: 'confirmed'; after: number; rating: number; note?: string }

interface Row {
  id: string
  category: SuggestionCategory
  text: string
  address: string
  community: 'c-xinheping' | 'c-jinzhu' | 'c-xixi'
  at: [number, number]
  reporter: 'demo-rider-zhang' | 'demo-rider-wang' | 'demo-rider-zhao'
  /** hours before `now` */
  hoursAgo: number
  anonymous?: boolean
  joiners?: string[]
  /** hours after the report, in order */
  steps?: Step[]
}

const STAFF: Record<Row['community'], { id: string; name: string }> = {
  'c-xinheping': { id: 'demo-worker-chen', name: '陈主任' },
  'c-jinzhu': { id: 'demo-worker-chen', name: '陈主任' },
  'c-xixi': { id: 'demo-admin-sun', name: '孙科长' },
}

const NICK: Record<Row['reporter'], string> = { 'demo-rider-zhang': '张师傅', 'demo-rider-wang': '王姐', 'demo-rider-zhao': '赵师傅' }

const rows: Row[] = [
  // ---- 新和平社区 (文晖) ----
  {
    id: 'sg-demo-01',
    category: 'safety',
    text: '文晖路 32 号长者食堂门口的窨井盖松动，电动车压上去会翘起来，晚上看不清，差点摔车。',
    address: '文晖路 32 号长者食堂门口',
    community: 'c-xinheping',
    at: [120.17176, 30.29236],
    reporter: 'demo-rider-wang',
    hoursAgo: 5,
    joiners: ['demo-rider-zhao'],
  },
  {
    id: 'sg-demo-02',
    category: 'access',
    text: '新和平小区 2 号门门禁不认骑手码，每单都要等保安开门，高峰期一等五六分钟。',
    address: '新和平小区 2 号门',
    community: 'c-xinheping',
    at: [120.17296, 30.29402],
    reporter: 'demo-rider-zhang',
    hoursAgo: 6 * 24 + 3,
    joiners: ['demo-rider-wang'],
    steps: [
      { type: 'accepted', after: 2, note: '已收到，和物业一起看一下门禁设置。' },
      { type: 'started', after: 20, note: '已联系物业，门禁系统要加骑手码白名单。' },
      { type: 'resolved', after: 70, note: '物业已在 2 号门门禁加上小哥码扫码开门，高峰时段另有保安专人值守。' },
      { type: 'confirmed', after: 80, rating: 5, note: '现在扫码就能进，快多了，谢谢社区！' },
    ],
  },
  {
    id: 'sg-demo-03',
    category: 'parking',
    text: '中山北路 455 号门口的骑手专停泊位经常被汽车占着，骑手只能停在人行道上，被贴条好几次了。',
    address: '中山北路 455 号门口专停泊位',
    community: 'c-xinheping',
    at: [120.17392, 30.28521],
    reporter: 'demo-rider-zhao',
    hoursAgo: 2 * 24 + 4,
    steps: [
      { type: 'accepted', after: 3, note: '已受理，会同交警中队核实。' },
      { type: 'started', after: 26, note: '已在泊位加装「外卖电动车专用」标牌，交警中队安排高峰时段巡查。' },
    ],
  },
  {
    id: 'sg-demo-04',
    category: 'parking',
    text: '新和平社区骑士加油站的充电区只有 4 个插座，晚上 8 点后排队，能不能多装几个？',
    address: '新和平社区服务中心一楼充电区',
    community: 'c-xinheping',
    at: [120.17262, 30.29318],
    reporter: 'demo-rider-zhang',
    hoursAgo: 1 * 24 + 2,
    anonymous: false,
    steps: [{ type: 'accepted', after: 4, note: '已受理，正在和供电所确认线路容量。' }],
  },
  {
    id: 'sg-demo-05',
    category: 'facility',
    text: '环城北路夜间驿站门口的路灯坏了一个多星期，夜里进出很黑，台阶容易绊倒。',
    address: '环城北路 167 号门口',
    community: 'c-xinheping',
    at: [120.17051, 30.28641],
    reporter: 'demo-rider-wang',
    hoursAgo: 4 * 24 + 6,
    steps: [
      { type: 'accepted', after: 1 },
      { type: 'replied', after: 5, note: '已报城管路灯所，排期明天上午维修。' },
      { type: 'resolved', after: 28, note: '路灯已修好，台阶也贴了黄色警示条。' },
    ],
  },
  {
    id: 'sg-demo-06',
    category: 'traffic',
    text: '朝晖路 88 号附近非机动车道被施工围挡占了一半，骑手只能走机动车道，很危险。',
    address: '朝晖路 88 号东侧',
    community: 'c-xinheping',
    at: [120.17952, 30.28471],
    reporter: 'demo-rider-zhao',
    hoursAgo: 9 * 24,
    steps: [
      { type: 'accepted', after: 2 },
      { type: 'started', after: 6, note: '已约施工方现场协调。' },
      { type: 'resolved', after: 30, note: '施工方已把围挡往里收 1.5 米，并在路口加了导向牌。' },
      { type: 'confirmed', after: 50, rating: 4, note: '好多了，就是晚上导向牌不太看得清。' },
    ],
  },
  {
    id: 'sg-demo-07',
    category: 'sanitation',
    text: '武林广场暖新驿站旁边的垃圾桶每天中午就满了，外卖包装堆在地上，夏天有味道。',
    address: '武林广场地铁站 C 口东侧',
    community: 'c-xinheping',
    at: [120.16978, 30.27478],
    reporter: 'demo-rider-wang',
    hoursAgo: 3 * 24 + 5,
    steps: [
      { type: 'accepted', after: 3 },
      { type: 'resolved', after: 20, note: '已加一个分类垃圾桶，环卫中午 12 点半加收一次。' },
      { type: 'confirmed', after: 40, rating: 5 },
    ],
  },
  // ---- 金祝社区 (北山) ----
  {
    id: 'sg-demo-08',
    category: 'access',
    text: '金祝新村楼号牌不清楚，12 幢和 21 幢老是送错，能不能在路口加个楼栋指引图？',
    address: '金祝新村 3 号门进门路口',
    community: 'c-jinzhu',
    at: [120.14221, 30.26995],
    reporter: 'demo-rider-zhang',
    hoursAgo: 8,
  },
  {
    id: 'sg-demo-09',
    category: 'safety',
    text: '金祝新村充电棚里有人私拉电线给电池充电，插线板放在地上，下雨天很危险。',
    address: '金祝新村 3 号门充电棚',
    community: 'c-jinzhu',
    at: [120.14192, 30.26968],
    reporter: 'demo-rider-zhao',
    hoursAgo: 30,
    steps: [{ type: 'accepted', after: 1, note: '已受理，今天下午和物业一起去充电棚排查。' }],
  },
  {
    id: 'sg-demo-10',
    category: 'traffic',
    text: '保俶路 150 号路口红绿灯太短，电动车一个绿灯过不去。',
    address: '保俶路与曙光路口',
    community: 'c-jinzhu',
    at: [120.14958, 30.26871],
    reporter: 'demo-rider-wang',
    hoursAgo: 6 * 24,
    steps: [
      { type: 'accepted', after: 5 },
      { type: 'notResponsible', after: 30, note: '信号灯配时归西湖交警大队管，已帮你转给交警，也可以拨打 12345。' },
    ],
  },
  // ---- 西溪社区 ----
  {
    id: 'sg-demo-11',
    category: 'parking',
    text: '西溪换电站周末经常没有满电电池，排队半小时，建议增加电池或者公布库存。',
    address: '天目山路 450 号换电站',
    community: 'c-xixi',
    at: [120.11095, 30.27627],
    reporter: 'demo-rider-zhao',
    hoursAgo: 10 * 24,
  },
  {
    id: 'sg-demo-12',
    category: 'policy',
    text: '建议西溪街道的骑手驿站都加一个小药箱，夏天中暑、小擦伤可以应急。',
    address: '西溪路 88 号西溪社区服务中心',
    community: 'c-xixi',
    at: [120.12911, 30.27455],
    reporter: 'demo-rider-zhang',
    hoursAgo: 12 * 24,
    steps: [
      { type: 'accepted', after: 6, note: '好建议，已报街道。' },
      { type: 'resolved', after: 96, note: '街道已给辖区 6 个驿站配了应急药箱，每月补充一次。' },
      { type: 'confirmed', after: 120, rating: 5, note: '谢谢！' },
    ],
  },
]

const TO: Record<Step['type'], SuggestionStatus | null> = {
  accepted: 'accepted',
  started: 'inProgress',
  replied: null,
  resolved: 'resolved',
  notResponsible: 'notResponsible',
  confirmed: 'closed',
}

/** The demo `suggestions` documents as of `now` (times relative to it). */
export function demoSuggestions(now: Date = new Date()): SuggestionDoc[] {
  const perDay = new Map<string, number>()
  return rows.map((r) => {
    const createdAt = new Date(Math.floor((now.getTime() - r.hoursAgo * HOUR) / 60_000) * 60_000)
    const staff = STAFF[r.community]
    const timeline: SuggestionEvent[] = [
      { id: `${r.id}-e0`, type: 'submitted', at: createdAt, by: 'reporter', actorId: r.reporter, actorName: null, note: null, held: false, photos: [], from: null, to: 'submitted' },
    ]
    let status: SuggestionStatus = 'submitted'
    let acceptedAt: Date | null = null
    let firstResponseAt: Date | null = null
    let resolvedAt: Date | null = null
    let closedAt: Date | null = null
    let rating: number | null = null
    for (const [k, s] of (r.steps ?? []).entries()) {
      const at = new Date(createdAt.getTime() + s.after * HOUR)
      const to = TO[s.type]
      const byReporter = s.type === 'confirmed'
      timeline.push({
        id: `${r.id}-e${k + 1}`,
        type: s.type,
        at,
        by: byReporter ? 'reporter' : 'staff',
        actorId: byReporter ? r.reporter : staff.id,
        actorName: byReporter ? null : staff.name,
        note: s.note ?? null,
        held: false,
        photos: [],
        from: to ? status : null,
        to,
        ...(s.type === 'confirmed' ? { rating: s.rating } : {}),
      })
      if (!byReporter) firstResponseAt ??= at
      if (s.type === 'accepted') acceptedAt = at
      if (s.type === 'resolved' || s.type === 'notResponsible') resolvedAt = at
      if (s.type === 'confirmed') {
        closedAt = at
        rating = s.rating
      }
      if (to) status = to
    }
    const day = dayKey(createdAt)
    const slot = `${r.reporter}|${day}`
    const n = (perDay.get(slot) ?? 0) + 1
    perDay.set(slot, n)
    const joiners = r.joiners ?? []
    const last = timeline[timeline.length - 1].at
    return {
      _id: r.id,
      category: r.category,
      text: r.text,
      textHeld: false,
      photos: [],
      photosReviewed: status !== 'submitted',
      location: { type: 'Point', coordinates: r.at },
      address: r.address,
      communityId: r.community,
      derivedCommunityId: r.community,
      reporterId: r.reporter,
      reporterName: NICK[r.reporter],
      anonymous: r.anonymous ?? true,
      status,
      joiners,
      joinCount: joiners.length,
      createdAt,
      updatedAt: last,
      dueAt: dueAtFor(r.category, createdAt),
      acceptedAt,
      firstResponseAt,
      resolvedAt,
      closedAt,
      duplicateOf: null,
      rating,
      reopenCount: 0,
      day,
      quotaKey: `${slot}|${n}`,
      points: null,
      timeline,
    }
  })
}
