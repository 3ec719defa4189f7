/**
 * Demo places of the district: around 武林商圈 (拱墅区 / former 下城: 武林广场, 延安路, 体育场路, 凤起路,
 * 中山北路, 环城北路, 文晖路) and around 西溪 / 北山 (西湖区: 文二西路, 天目山路, 紫金港路, 西溪湿地,
 * 曙光路, 保俶路). Coordinates are GCJ-02 (what WeChat's map uses), approximate but on the named
 * streets. Names follow the seed articles: 暖新驿站, 爱心驿站 A/B/C, 骑士加油站, 优惠食堂, 专停泊位 …
 */
import type { Amenity, PlaceDoc, PlaceKind, StationLevel } from '../../domain/places/model'
import { daily, toWeekIntervals, type OpeningHours, type TimeRange } from '../../domain/places/opening-hours'

const ALWAYS: OpeningHours = { always: true }
const weekdaysWeekend = (wd: TimeRange[], we: TimeRange[]): OpeningHours => ({ always: false, week: [wd, wd, wd, wd, wd, we, we] })
const r = (open: string, close: string): TimeRange => ({ open, close })

interface Row {
  id: string
  kind: PlaceKind
  name: string
  address: string
  community: 'c-xinheping' | 'c-jinzhu' | 'c-xixi'
  at: [number, number]
  level?: StationLevel
  amenities: Amenity[]
  hours: OpeningHours
  phone?: string
  person?: string
  discount?: string
  description?: string
}

const W = 'c-xinheping'
const J = 'c-jinzhu'
const X = 'c-xixi'

const rows: Row[] = [
  // ---- 武林商圈 / 文晖 (拱墅区) ----
  { id: 'p-wl-001', kind: 'station', level: 'A', name: '武林广场暖新驿站', address: '拱墅区武林广场地铁站 C 口东侧', community: W, at: [120.16962, 30.27489], amenities: ['water', 'microwave', 'phoneCharging', 'seats', 'airCon', 'umbrella', 'firstAid', 'wifi'], hours: ALWAYS, phone: '0571-85101234', person: '周姐', description: '24 小时开放，夜里扫码进门；冰箱可存饭，微波炉免费用。' },
  { id: 'p-wl-002', kind: 'station', level: 'A', name: '延安路爱心驿站（杭州大厦旁）', address: '拱墅区延安路 530 号附近', community: W, at: [120.16825, 30.27254], amenities: ['water', 'microwave', 'phoneCharging', 'seats', 'airCon', 'toilet'], hours: daily('08:00', '22:00'), phone: '0571-85102345' },
  { id: 'p-wl-003', kind: 'station', level: 'B', name: '新和平社区骑士加油站', address: '拱墅区文晖路新和平社区服务中心一楼', community: W, at: [120.17256, 30.29312], amenities: ['water', 'microwave', 'ebikeCharging', 'toilet', 'seats', 'airCon', 'lockers', 'firstAid'], hours: daily('07:00', '23:00'), phone: '0571-85103456', person: '陈主任', description: '可午休，有电动车充电区（每次 2 小时免费）。' },
  { id: 'p-wl-004', kind: 'station', level: 'C', name: '体育场路环卫驿站', address: '拱墅区体育场路 218 号环卫工作站', community: W, at: [120.16388, 30.27768], amenities: ['water', 'phoneCharging', 'seats'], hours: daily('06:00', '21:00') },
  { id: 'p-wl-005', kind: 'station', level: 'B', name: '中山北路暖新驿站', address: '拱墅区中山北路 310 号（长寿桥社区旁）', community: W, at: [120.17365, 30.28195], amenities: ['water', 'microwave', 'toilet', 'seats', 'ebikeCharging', 'airCon'], hours: weekdaysWeekend([r('07:30', '22:00')], [r('09:00', '22:00')]) },
  { id: 'p-wl-006', kind: 'station', level: 'C', name: '凤起路物业驿站', address: '拱墅区凤起路 334 号物业服务中心', community: W, at: [120.16652, 30.26655], amenities: ['water', 'phoneCharging', 'umbrella'], hours: daily('08:30', '21:00') },
  { id: 'p-wl-007', kind: 'station', level: 'A', name: '环城北路夜间驿站', address: '拱墅区环城北路 167 号', community: W, at: [120.17045, 30.28652], amenities: ['water', 'microwave', 'phoneCharging', 'seats', 'airCon', 'wifi'], hours: daily('18:00', '06:00'), description: '夜班骑手专用：每天傍晚 6 点到次日早 6 点开放。' },
  { id: 'p-wl-008', kind: 'station', level: 'B', name: '朝晖暖新驿站', address: '拱墅区朝晖路 88 号朝晖街道党群服务中心', community: W, at: [120.17902, 30.28488], amenities: ['water', 'microwave', 'toilet', 'seats', 'ebikeCharging', 'firstAid'], hours: weekdaysWeekend([r('08:00', '20:00')], []) },
  { id: 'p-wl-009', kind: 'canteen', name: '新和平社区长者食堂（骑手优惠）', address: '拱墅区文晖路 32 号', community: W, at: [120.17188, 30.29246], amenities: ['water', 'microwave', 'seats', 'airCon'], hours: { always: false, week: Array.from({ length: 7 }, () => [r('10:30', '13:30'), r('16:30', '19:30')]) }, discount: '骑手出示小哥码每餐立减 5 元', phone: '0571-85104567' },
  { id: 'p-wl-010', kind: 'canteen', name: '武林邻里食堂', address: '拱墅区武林路 100 号', community: W, at: [120.16418, 30.27162], amenities: ['water', 'seats', 'airCon'], hours: daily('10:00', '20:30'), discount: '骑手套餐 12 元（两荤一素）' },
  { id: 'p-wl-011', kind: 'canteen', name: '环北深夜食堂', address: '拱墅区环城北路 208 号', community: W, at: [120.17512, 30.28661], amenities: ['water', 'microwave', 'seats'], hours: daily('21:00', '03:00'), discount: '夜宵骑手 8 折', description: '只在夜里开：晚 9 点到凌晨 3 点。' },
  { id: 'p-wl-012', kind: 'canteen', name: '朝晖优惠食堂', address: '拱墅区朝晖五区 21 幢底商', community: W, at: [120.18035, 30.28816], amenities: ['water', 'seats'], hours: weekdaysWeekend([r('10:30', '14:00'), r('17:00', '20:00')], [r('11:00', '13:30')]), discount: '骑手午餐 15 元自助' },
  { id: 'p-wl-013', kind: 'water', name: '武林广场地铁站饮水点', address: '武林广场站 D 口通道', community: W, at: [120.16905, 30.27395], amenities: ['water'], hours: daily('06:00', '23:00') },
  { id: 'p-wl-014', kind: 'water', name: '杭州大厦员工通道饮水机', address: '拱墅区体育场路 1 号', community: W, at: [120.17041, 30.27601], amenities: ['water', 'umbrella'], hours: daily('09:00', '22:00') },
  { id: 'p-wl-015', kind: 'water', name: '文晖街道便民饮水点', address: '拱墅区文晖路 150 号街道大厅', community: W, at: [120.17615, 30.29198], amenities: ['water', 'seats'], hours: weekdaysWeekend([r('08:30', '17:30')], []) },
  { id: 'p-wl-016', kind: 'water', name: '凤起路口免费茶水亭', address: '凤起路与延安路交叉口东北角', community: W, at: [120.16861, 30.26702], amenities: ['water'], hours: ALWAYS },
  { id: 'p-wl-017', kind: 'parking', name: '武林银泰专停泊位', address: '延安路武林银泰 A 馆北侧非机动车道', community: W, at: [120.16778, 30.27371], amenities: [], hours: ALWAYS, description: '外卖电动车专用，限停 20 分钟。' },
  { id: 'p-wl-018', kind: 'parking', name: '嘉里中心骑手专停区', address: '延安路 353 号嘉里中心西门', community: W, at: [120.16695, 30.26975], amenities: [], hours: ALWAYS },
  { id: 'p-wl-019', kind: 'parking', name: '中山北路专停泊位', address: '中山北路 455 号门口', community: W, at: [120.17398, 30.28514], amenities: [], hours: ALWAYS },
  { id: 'p-wl-020', kind: 'parking', name: '新和平小区专停泊位', address: '新和平小区 2 号门内', community: W, at: [120.17302, 30.29388], amenities: ['lockers'], hours: daily('06:00', '24:00') },
  { id: 'p-wl-021', kind: 'merchant', name: '刘记面馆', address: '拱墅区文晖路 45 号', community: W, at: [120.17231, 30.29175], amenities: ['water', 'toilet', 'phoneCharging'], hours: daily('06:30', '21:00'), discount: '骑手加面免费，雨天送姜茶', phone: '13805710001', person: '刘老板' },
  { id: 'p-wl-022', kind: 'merchant', name: '延安路便利店（骑手友好商家）', address: '延安路 450 号', community: W, at: [120.16873, 30.27058], amenities: ['water', 'microwave', 'phoneCharging'], hours: ALWAYS, discount: '骑手热饭免费，矿泉水 9 折' },
  { id: 'p-wl-023', kind: 'merchant', name: '体育场路修车铺', address: '体育场路 301 号', community: W, at: [120.17312, 30.27782], amenities: ['ebikeCharging', 'firstAid'], hours: daily('08:00', '20:00'), discount: '骑手补胎 10 元，换电瓶工时免费' },
  { id: 'p-wl-024', kind: 'merchant', name: '凤起路理发店', address: '凤起路 402 号', community: W, at: [120.17243, 30.26708], amenities: ['water', 'seats'], hours: daily('09:00', '21:00'), discount: '每周三骑手理发 10 元' },
  { id: 'p-wl-025', kind: 'merchant', name: '朝晖药房', address: '朝晖路 201 号', community: W, at: [120.17795, 30.28342], amenities: ['water', 'firstAid'], hours: ALWAYS, discount: '骑手买常用药 9 折；免费量血压' },
  { id: 'p-wl-026', kind: 'toilet', name: '武林广场公厕', address: '武林广场西北角', community: W, at: [120.16835, 30.27566], amenities: ['toilet', 'water'], hours: daily('05:30', '23:30') },
  { id: 'p-wl-027', kind: 'toilet', name: '环城北路公厕', address: '环城北路与中山北路口', community: W, at: [120.17338, 30.28632], amenities: ['toilet'], hours: ALWAYS },
  { id: 'p-wl-028', kind: 'toilet', name: '文晖公园公厕', address: '文晖路文晖公园内', community: W, at: [120.17475, 30.29485], amenities: ['toilet'], hours: daily('06:00', '22:00') },
  { id: 'p-wl-029', kind: 'charging', name: '新和平换电柜', address: '新和平社区服务中心北侧', community: W, at: [120.17285, 30.29346], amenities: ['ebikeCharging'], hours: ALWAYS, description: '扫码换电，外卖电池通用。' },
  { id: 'p-wl-030', kind: 'charging', name: '体育场路充电桩', address: '体育场路 180 号停车场', community: W, at: [120.16172, 30.27745], amenities: ['ebikeCharging', 'phoneCharging'], hours: ALWAYS },
  { id: 'p-wl-031', kind: 'charging', name: '中山北路智能充电棚', address: '中山北路 520 号', community: W, at: [120.17412, 30.28872], amenities: ['ebikeCharging'], hours: ALWAYS },
  { id: 'p-wl-032', kind: 'station', level: 'C', name: '长寿桥社区爱心驿站', address: '拱墅区长寿桥社区居委会', community: W, at: [120.17165, 30.28085], amenities: ['water', 'phoneCharging', 'seats', 'umbrella'], hours: weekdaysWeekend([r('08:30', '17:30')], [r('09:00', '12:00')]) },
  { id: 'p-wl-033', kind: 'water', name: '环城北路公交站饮水机', address: '环城北路中山北路口公交站', community: W, at: [120.17282, 30.28689], amenities: ['water'], hours: ALWAYS },
  { id: 'p-wl-034', kind: 'station', level: 'B', name: '潮鸣骑士驿站', address: '凤起路与建国北路口', community: W, at: [120.18162, 30.26748], amenities: ['water', 'microwave', 'toilet', 'seats', 'airCon', 'ebikeCharging'], hours: daily('07:00', '21:00') },

  // ---- 北山 / 天目山路东段 (西湖区 金祝社区) ----
  { id: 'p-bs-001', kind: 'station', level: 'B', name: '金祝社区暖蜂驿站', address: '西湖区金祝新村 12 幢一楼', community: J, at: [120.14262, 30.27095], amenities: ['water', 'microwave', 'toilet', 'seats', 'ebikeCharging', 'airCon', 'lockers'], hours: daily('07:00', '22:00'), phone: '0571-87201234', person: '小金' },
  { id: 'p-bs-002', kind: 'station', level: 'C', name: '保俶路爱心驿站', address: '西湖区保俶路 150 号', community: J, at: [120.14965, 30.26852], amenities: ['water', 'phoneCharging', 'umbrella'], hours: daily('08:00', '20:00') },
  { id: 'p-bs-003', kind: 'canteen', name: '北山街道邻里食堂', address: '西湖区曙光路 64 号', community: J, at: [120.14588, 30.27312], amenities: ['water', 'microwave', 'seats', 'airCon'], hours: { always: false, week: Array.from({ length: 7 }, () => [r('10:30', '13:30'), r('17:00', '19:30')]) }, discount: '骑手每餐 10 元起' },
  { id: 'p-bs-004', kind: 'water', name: '曙光路饮水点', address: '曙光路与保俶北路口', community: J, at: [120.14816, 30.27405], amenities: ['water'], hours: ALWAYS },
  { id: 'p-bs-005', kind: 'parking', name: '黄龙体育中心专停泊位', address: '天目山路黄龙体育中心东门', community: J, at: [120.14135, 30.27188], amenities: [], hours: ALWAYS },
  { id: 'p-bs-006', kind: 'merchant', name: '天目山路水果店', address: '天目山路 45 号', community: J, at: [120.14602, 30.27648], amenities: ['water', 'phoneCharging'], hours: daily('08:00', '23:00'), discount: '骑手买水果 9 折' },
  { id: 'p-bs-007', kind: 'toilet', name: '黄龙公厕', address: '黄龙路公交站旁', community: J, at: [120.14378, 30.27482], amenities: ['toilet'], hours: daily('06:00', '23:00') },
  { id: 'p-bs-008', kind: 'charging', name: '金祝新村充电棚', address: '金祝新村 3 号门', community: J, at: [120.14195, 30.26972], amenities: ['ebikeCharging'], hours: ALWAYS },
  { id: 'p-bs-009', kind: 'station', level: 'A', name: '天目山路暖蜂驿站（24 小时）', address: '天目山路 98 号', community: J, at: [120.13852, 30.27612], amenities: ['water', 'microwave', 'phoneCharging', 'seats', 'airCon', 'toilet', 'wifi', 'firstAid'], hours: ALWAYS, description: '夜间刷小哥码进门。' },
  { id: 'p-bs-010', kind: 'canteen', name: '学院路夜宵档', address: '学院路 77 号', community: J, at: [120.13395, 30.27702], amenities: ['water', 'seats'], hours: daily('20:00', '02:00'), discount: '骑手夜宵半价小菜一份' },

  // ---- 西溪 (西湖区 西溪社区): 文二西路, 天目山路西段, 紫金港路, 西溪湿地周边 ----
  { id: 'p-xx-001', kind: 'station', level: 'A', name: '西溪暖蜂驿站（文二西路）', address: '西湖区文二西路 520 号', community: X, at: [120.10412, 30.28398], amenities: ['water', 'microwave', 'phoneCharging', 'ebikeCharging', 'toilet', 'seats', 'airCon', 'wifi'], hours: ALWAYS, phone: '0571-87301234', person: '许站长' },
  { id: 'p-xx-002', kind: 'station', level: 'B', name: '西溪社区骑士之家', address: '西湖区西溪路 88 号西溪社区服务中心', community: X, at: [120.12905, 30.27462], amenities: ['water', 'microwave', 'toilet', 'seats', 'ebikeCharging', 'lockers', 'airCon'], hours: daily('07:00', '22:00') },
  { id: 'p-xx-003', kind: 'station', level: 'C', name: '紫金港路环卫驿站', address: '紫金港路 21 号环卫站', community: X, at: [120.08335, 30.28215], amenities: ['water', 'phoneCharging', 'seats'], hours: daily('05:30', '20:00') },
  { id: 'p-xx-004', kind: 'station', level: 'B', name: '天目山路西段暖蜂驿站', address: '天目山路 398 号', community: X, at: [120.11832, 30.27605], amenities: ['water', 'microwave', 'toilet', 'seats', 'airCon'], hours: weekdaysWeekend([r('08:00', '21:00')], [r('09:00', '18:00')]) },
  { id: 'p-xx-005', kind: 'station', level: 'C', name: '西溪湿地东门爱心驿站', address: '天目山路 518 号西溪湿地周家村入口', community: X, at: [120.08012, 30.27335], amenities: ['water', 'toilet', 'umbrella', 'firstAid'], hours: daily('08:00', '17:30') },
  { id: 'p-xx-006', kind: 'canteen', name: '西溪优惠食堂', address: '文二西路 398 号', community: X, at: [120.11205, 30.28412], amenities: ['water', 'microwave', 'seats', 'airCon'], hours: daily('10:00', '21:00'), discount: '骑手凭小哥码 9 折，米饭免费加' },
  { id: 'p-xx-007', kind: 'canteen', name: '紫金港夜班食堂', address: '紫金港路 86 号', community: X, at: [120.08402, 30.28795], amenities: ['water', 'seats'], hours: daily('22:00', '05:00'), discount: '夜班骑手 15 元一荤两素' },
  { id: 'p-xx-008', kind: 'canteen', name: '文三西路社区食堂', address: '文三西路 120 号', community: X, at: [120.11705, 30.28105], amenities: ['water', 'seats'], hours: weekdaysWeekend([r('11:00', '13:30'), r('17:00', '19:00')], []), discount: '骑手午餐立减 3 元' },
  { id: 'p-xx-009', kind: 'water', name: '文二西路饮水点', address: '文二西路与紫荆花路口', community: X, at: [120.12012, 30.28388], amenities: ['water'], hours: ALWAYS },
  { id: 'p-xx-010', kind: 'water', name: '西溪印象城饮水机', address: '五常大道 1 号西溪印象城 1F', community: X, at: [120.06625, 30.27682], amenities: ['water', 'toilet'], hours: daily('10:00', '22:00') },
  { id: 'p-xx-011', kind: 'water', name: '天目山路公交站饮水点', address: '天目山路古墩路口', community: X, at: [120.09705, 30.27592], amenities: ['water'], hours: daily('06:00', '22:00') },
  { id: 'p-xx-012', kind: 'parking', name: '西溪银泰专停泊位', address: '文二西路西溪银泰北门', community: X, at: [120.09812, 30.28462], amenities: [], hours: ALWAYS },
  { id: 'p-xx-013', kind: 'parking', name: '紫金港路专停泊位', address: '紫金港路文二西路口', community: X, at: [120.08365, 30.28412], amenities: [], hours: ALWAYS },
  { id: 'p-xx-014', kind: 'parking', name: '西溪诚园专停区', address: '文二西路与古墩路口', community: X, at: [120.09725, 30.28352], amenities: ['lockers'], hours: ALWAYS },
  { id: 'p-xx-015', kind: 'merchant', name: '古墩路牛肉面', address: '古墩路 702 号', community: X, at: [120.09652, 30.28752], amenities: ['water', 'phoneCharging', 'toilet'], hours: daily('06:00', '21:30'), discount: '骑手牛肉面 15 元（原价 20）' },
  { id: 'p-xx-016', kind: 'merchant', name: '文二西路电动车维修', address: '文二西路 600 号', community: X, at: [120.09215, 30.28425], amenities: ['ebikeCharging', 'firstAid'], hours: daily('08:30', '20:30'), discount: '骑手修车工时 8 折' },
  { id: 'p-xx-017', kind: 'merchant', name: '西溪便利店（爱心商家）', address: '西溪路 120 号', community: X, at: [120.12605, 30.27512], amenities: ['water', 'microwave', 'phoneCharging', 'umbrella'], hours: ALWAYS, discount: '骑手热饭、充电免费' },
  { id: 'p-xx-018', kind: 'toilet', name: '西溪湿地周家村公厕', address: '天目山路周家村入口', community: X, at: [120.07935, 30.27365], amenities: ['toilet'], hours: daily('06:00', '22:00') },
  { id: 'p-xx-019', kind: 'toilet', name: '文二西路公厕', address: '文二西路 480 号旁', community: X, at: [120.10695, 30.28376], amenities: ['toilet', 'water'], hours: ALWAYS },
  { id: 'p-xx-020', kind: 'charging', name: '西溪换电站', address: '天目山路 450 号', community: X, at: [120.11102, 30.27618], amenities: ['ebikeCharging'], hours: ALWAYS },
  { id: 'p-xx-021', kind: 'charging', name: '紫金港充电桩', address: '紫金港路 50 号停车场', community: X, at: [120.08382, 30.28562], amenities: ['ebikeCharging', 'phoneCharging'], hours: ALWAYS },
  { id: 'p-xx-022', kind: 'station', level: 'B', name: '蒋村骑士加油站', address: '西湖区蒋村街道文二西路 808 号', community: X, at: [120.08752, 30.28445], amenities: ['water', 'microwave', 'ebikeCharging', 'toilet', 'seats', 'firstAid'], hours: daily('06:30', '23:30') },
  { id: 'p-xx-023', kind: 'water', name: '紫金港路地铁站饮水点', address: '紫金港路地铁站 B 口', community: X, at: [120.08305, 30.27735], amenities: ['water'], hours: daily('06:00', '23:00') },
  { id: 'p-xx-024', kind: 'merchant', name: '天目山路咖啡馆', address: '天目山路 360 号', community: X, at: [120.12302, 30.27608], amenities: ['water', 'phoneCharging', 'wifi', 'seats', 'airCon'], hours: weekdaysWeekend([r('08:00', '21:00')], [r('10:00', '22:00')]), discount: '骑手美式咖啡 10 元' },
]

const created = new Date('2026-09-01T09:00:00+08:00')

/** The demo place documents (plain JSON-able values; Dates are EJSON-encoded by demoSnapshot). */
export const demoPlaces: PlaceDoc[] = rows.map((p) => ({
  _id: p.id,
  kind: p.kind,
  name: p.name,
  address: p.address,
  communityId: p.community,
  location: { type: 'Point', coordinates: p.at },
  level: p.kind === 'station' ? (p.level ?? 'C') : null,
  amenities: p.amenities,
  hours: p.hours,
  openWeekly: toWeekIntervals(p.hours),
  contact: { ...(p.phone ? { phone: p.phone } : {}), ...(p.person ? { person: p.person } : {}) },
  photos: [],
  discount: p.discount ?? null,
  description: p.description ?? null,
  status: 'active',
  closedUntil: null,
  closedReason: null,
  recentReports: { items: [], lastNegativeAt: null, lastNegativeKind: null },
  createdBy: 'demo-worker-chen',
  createdAt: created,
  updatedAt: created,
}))

/** The centre the map falls back to when the rider shares no location: 武林广场. */
export const DEMO_CENTRE = { longitude: 120.16962, latitude: 30.27489 }
