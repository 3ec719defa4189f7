/**
 * Every page of the production weapp build, opened by the demo persona who would use it (with
 * demo data ids where the page takes a query): the page must show text that only appears once its
 * data arrived from the functions, with no error view, runtime error or console.error; a page
 * whose config enables pull-down refresh is pulled down once and must still be healthy.
 * The files of this project share one emulator and run in any order: expectations here hold
 * before and after what wechat-paths.weapp.test.ts changes (li's verification, a voucher used at
 * 刘记面馆, 张师傅's check-in).
 */
import { PRIVACY_NOTICE } from '../../domain/privacy'
import { CLOUD_URL_ENV } from './cloud-users'
import { expectHealthy, pageJson } from './expect-healthy'
import { GatewayClient } from './gateway-client'
import { MiniProgram } from './mini-program'

const ZHANG = 'demo-rider-zhang' // verified rider, 160 points
const LI = 'demo-rider-li' // rider, not verified yet (wechat-paths sends his verification)
const WANG = 'demo-rider-wang' // verified rider, volunteer
const ZHAO = 'demo-rider-zhao' // verified rider, redeems a voucher below
const CHEN = 'demo-worker-chen' // community worker of 新和平 and 金祝
const LIU = 'demo-merchant-liu' // approved merchant (刘记面馆)
const SUN = 'demo-admin-sun' // district admin

interface PageCase {
  route: string
  as: string
  query?: Record<string, string> | (() => Record<string, string>)
  /** text that shows only when the page really loaded its data */
  expect: string[]
  /** input values the form must be filled with (edit pages) */
  inputs?: string[]
}

/** the 8-digit code of a voucher 赵师傅 redeems before the mall pages render */
let voucherCode = ''

const cases: PageCase[] = [
  { route: 'pages/map/index', as: ZHANG, expect: ['武林广场暖新驿站', 'A 级驿站'] },
  { route: 'pages/suggestions/index', as: ZHANG, expect: ['新和平小区 2 号门门禁不认骑手码'] },
  { route: 'pages/points/index', as: ZHANG, expect: ['160', '驿站打卡'] },
  { route: 'pages/me/index', as: ZHANG, expect: ['张师傅', '138****5621'] },

  { route: 'packages/worker/index/index', as: CHEN, expect: ['陈主任', '负责 2 个社区', '骑手认证待审核', '数据看板', '驿站签到', '签到时段', '近 30 天', '微事我言满意度', '热门兑换品', '兑换券核销', '商家管理'] },
  { route: 'packages/worker/index/index', as: SUN, expect: ['管理员', '待办', '社区对比', '全部社区'] },
  { route: 'packages/worker/suggestions/index', as: CHEN, query: { filter: 'submitted' }, expect: ['全部待办', '待受理'] },
  { route: 'packages/worker/merchants/index', as: CHEN, expect: ['没有待审核的申请'] },
  { route: 'packages/worker/merchant-manage/index', as: CHEN, expect: ['刘记面馆', '已通过', '在售兑换品', '近 30 天核销', '暂停服务'] },
  { route: 'packages/worker/places/index', as: CHEN, expect: ['保俶路爱心驿站', '近 7 天打卡'] },
  { route: 'packages/worker/place-edit/index', as: CHEN, query: { id: 'p-wl-003' }, expect: ['保存修改'], inputs: ['新和平社区骑士加油站', '拱墅区文晖路新和平社区服务中心一楼'] },
  { route: 'packages/worker/place-edit/index', as: CHEN, expect: ['创建地点', '金祝社区'] },
  { route: 'packages/worker/activities/index', as: CHEN, expect: ['平安骑士 · 文晖路夜间网格巡逻', '已报名 0/8'] },
  { route: 'packages/worker/activity-edit/index', as: CHEN, expect: ['发布志愿活动', '金祝社区'] },
  { route: 'packages/worker/activity-edit/index', as: CHEN, query: { id: 'act-demo-course-1' }, expect: ['编辑活动', '类型发布后不能修改'], inputs: ['骑士学院 · 电动车消防安全课'] },
  { route: 'packages/worker/activity/index', as: CHEN, query: { id: 'act-demo-patrol-1' }, expect: ['平安骑士 · 文晖路夜间网格巡逻', '还没有人报名'] },
  { route: 'packages/worker/identity-review/index', as: CHEN, expect: ['京东物流文晖营业部', '152****7716'] },
  { route: 'packages/worker/pass-check/index', as: CHEN, expect: ['扫描骑手的小哥码', '新和平小区', '2 号门（东门）'] },
  { route: 'packages/worker/compound-flags/index', as: CHEN, expect: ['没有待处理的小区反馈', '我的小区', '金祝新村 · 25 栋 · 4 个门'] },
  { route: 'packages/worker/compound-edit/index', as: CHEN, expect: ['创建小区', '金祝社区', '新和平社区'] },
  { route: 'packages/worker/compound-edit/index', as: CHEN, query: { id: 'cp-jinzhu-xincun' }, expect: ['保存小区', '点示意图放到那里', '4 号门', '专属歇脚点'], inputs: ['金祝新村'] },
  { route: 'packages/worker/admin/index', as: SUN, expect: ['授权工作人员（2）', '编号：u', '个人信息处理记录', '查看处理记录'] },
  { route: 'packages/worker/suggestions/index', as: CHEN, expect: ['本社区待办', '窨井盖松动'] },
  { route: 'packages/worker/suggestion/index', as: CHEN, query: { id: 'sg-demo-01' }, expect: ['窨井盖松动', '反映人：王姐'] },
  { route: 'packages/worker/mall-items/index', as: CHEN, expect: ['骑手专用雨衣', '剩余 30 / 共 30'] },
  { route: 'packages/worker/mall-item/index', as: CHEN, query: { id: 'i-demo-raincoat' }, expect: ['新和平社区骑士加油站'], inputs: ['骑手专用雨衣', '120'] },
  { route: 'packages/worker/voucher-check/index', as: CHEN, expect: ['输入 8 位券码核销'] },

  { route: 'packages/rider/privacy/index', as: ZHANG, expect: ['张师傅', '2026年9月1日', '你的授权', `同意了第 ${PRIVACY_NOTICE.version} 版说明`, '申请注销', '还没有工作人员查看过你的个人信息'] },
  { route: 'packages/rider/verify/index', as: ZHANG, expect: ['认证状态', '美团 · 外卖', '出示小哥码'] },
  { route: 'packages/rider/pass/index', as: ZHANG, expect: ['*建国', '已认证骑手'] },
  { route: 'packages/rider/invite/index', as: ZHANG, expect: ['请输入收到的 8 位邀请码'] },
  { route: 'packages/places/detail/index', as: ZHANG, query: { id: 'p-wl-003' }, expect: ['新和平社区骑士加油站', '可午休'] },
  { route: 'packages/compounds/guide/index', as: ZHANG, query: { q: '金祝新村 12幢2单元' }, expect: ['金祝新村 12 幢 2 单元', '现在走', '小哥友好小区'] },
  { route: 'packages/suggestions/new/index', as: ZHANG, expect: ['问题类别', '提交反映'] },
  { route: 'packages/suggestions/detail/index', as: ZHANG, query: { id: 'sg-demo-02' }, expect: ['新和平小区 2 号门门禁不认骑手码', '办理进度'] },
  { route: 'packages/volunteer/list/index', as: ZHANG, expect: ['平安骑士 · 文晖路夜间网格巡逻', '剩 8 个名额'] },
  { route: 'packages/volunteer/detail/index', as: ZHANG, query: { id: 'act-demo-patrol-1' }, expect: ['名额：剩 8 / 8', '还没有报名'] },
  { route: 'packages/volunteer/record/index', as: WANG, expect: ['王姐 的志愿服务'] },
  { route: 'packages/volunteer/certificate/index', as: WANG, expect: ['兹证明 王姐 同志'] },
  { route: 'packages/mall/index/index', as: ZHANG, expect: ['可用积分160', '刘记面馆 牛肉面一碗'] },
  { route: 'packages/mall/item/index', as: ZHANG, query: { id: 'i-demo-noodles' }, expect: ['刘记面馆 牛肉面一碗', '剩余 20 份'] },
  { route: 'packages/mall/vouchers/index', as: ZHAO, expect: ['刘记面馆 姜茶一杯'] },
  { route: 'packages/mall/voucher/index', as: ZHAO, query: () => ({ code: voucherCode }), expect: ['刘记面馆 姜茶一杯'] },
  { route: 'packages/merchant/index/index', as: LIU, expect: ['刘记面馆 牛肉面一碗', '今日兑换'] },
  { route: 'packages/merchant/apply/index', as: LI, expect: ['提交申请', '西溪社区'] },
  { route: 'packages/merchant/item/index', as: LIU, query: { id: 'i-demo-noodles' }, expect: ['保存'], inputs: ['刘记面馆 牛肉面一碗', '60'] },
  { route: 'packages/merchant/verify/index', as: LIU, expect: ['输入 8 位券码核销'] },
]

const mp = new MiniProgram()

beforeAll(async () => {
  const gateway = new GatewayClient(process.env[CLOUD_URL_ENV]!)
  const answer = await gateway.callFunction(ZHAO, 'mall', { action: 'redeem', input: { itemId: 'i-demo-ginger-tea', key: 'weapp-render-pages' } })
  const body = answer.body as { ok: boolean; data?: { voucher: { code: string } } }
  if (!body.ok || !body.data) throw new Error(`redeeming the voucher for the mall pages failed: ${JSON.stringify(body)}`)
  voucherCode = body.data.voucher.code
})

afterEach(() => mp.reset())

test('the table covers every page of dist/app.json', () => {
  expect([...new Set(cases.map((c) => c.route))].sort()).toEqual(mp.allPages().sort())
})

const title = (c: PageCase) => (c.query && typeof c.query === 'object' ? `${c.route}?${new URLSearchParams(c.query).toString()}` : c.route)

test.each(cases.map((c) => [title(c), c] as const))('%s renders with its data', async (_title, c) => {
  const { route } = c
  const query = typeof c.query === 'function' ? c.query() : c.query
  const page = await mp.open(route, { as: c.as, query })
  await page.waitForText(...c.expect)
  if (c.inputs) expect(page.all('wx-input').map((el) => String(page.attr(el, 'value') ?? ''))).toEqual(expect.arrayContaining(c.inputs))
  expectHealthy(mp, page)
  if (pageJson(route).enablePullDownRefresh) {
    await page.pullDown()
    await page.waitForText(...c.expect)
    expectHealthy(mp, page)
  }
})
