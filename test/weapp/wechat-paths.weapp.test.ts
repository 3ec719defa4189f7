/**
 * The paths that exist only inside WeChat, on the production weapp build: the privacy pop-up and
 * its agree button, 使用我的位置, the map's markers, the phone-number button, photo upload and the
 * subscribe-message request of the verification form, sharing a place, and every scan button.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { SEEDED, STATION } from '../../scripts/testing/volunteer-fixture'
import { CLOUD_URL_ENV } from './cloud-users'
import { expectHealthy } from './expect-healthy'
import { GatewayClient } from './gateway-client'
import { DIST, MiniProgram } from './mini-program'
import { CONTRACT_NAME, type CloudCall } from './wechat'

const mp = new MiniProgram()
const { wechat } = mp
const gateway = new GatewayClient(process.env[CLOUD_URL_ENV]!)

afterEach(() => mp.reset())

/** a function call as a persona outside the app (the other phone in the scene), answering its data */
async function callAs<T>(openid: string, fn: string, action: string, input: unknown): Promise<T> {
  const { body } = await gateway.callFunction(openid, fn, { action, input })
  const answer = body as { ok: boolean; data?: T }
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(body)}`)
  return answer.data as T
}

const callsOf = (fn: string, action: string): CloudCall[] => wechat.cloudCalls.filter((c) => c.name === fn && (c.data as { action?: string }).action === action)
const inputOf = (c: CloudCall | undefined) => (c?.data as { input?: Record<string, unknown> } | undefined)?.input

describe('服务地图', () => {
  test('使用我的位置: the privacy pop-up, its agree button, then the list around the phone', async () => {
    const page = await mp.open('pages/map/index', { as: 'demo-rider-zhao' })
    await page.waitForText('武林广场暖新驿站')
    expect(wechat.privacyAgreed).toBe(false)
    const listed = callsOf('places', 'nearby').length

    await page.tap(page.find('wx-button, wx-view', '使用我的位置'))
    await page.waitForText('隐私保护提示', CONTRACT_NAME)
    expect(callsOf('places', 'nearby')).toHaveLength(listed) // getLocation waits for the answer

    await page.tap(page.byId('privacy-agree-btn'))
    await page.waitForText('我的位置', '刘记面馆')
    expect(page.text()).not.toContain('隐私保护提示')
    expect(wechat.privacyAgreed).toBe(true)
    expect(wechat.called('getLocation').map((c) => c.options.type)).toEqual(['gcj02'])
    const near = inputOf(callsOf('places', 'nearby').at(-1))
    expect([near?.longitude, near?.latitude]).toEqual([wechat.location.longitude, wechat.location.latitude])
    expectHealthy(mp, page)
  })

  test('refusing the privacy guide keeps the page usable without a location', async () => {
    const page = await mp.open('pages/map/index', { as: 'demo-rider-li' })
    await page.waitForText('武林广场暖新驿站')
    await page.tap(page.find('wx-button, wx-view', '使用我的位置'))
    await page.waitForText('隐私保护提示')
    await page.tap(page.find('wx-button', '不同意'))
    await page.waitForText('未获得定位，可选择一个区域浏览')
    expect(wechat.privacyAgreed).toBe(false)
    expect(page.text()).toContain('武林广场暖新驿站')
    expectHealthy(mp, page)
  })

  test('the <map> gets a marker per listed place, with an id, its position and an icon that exists in dist; a tap opens the place', async () => {
    const page = await mp.open('pages/map/index', { as: 'demo-rider-zhang' })
    await page.waitForText('武林广场暖新驿站')
    const nearby = callsOf('places', 'nearby').at(-1)!.result as { data: { items: { id: string; name: string; location: [number, number] }[] } }
    const items = nearby.data.items
    const [map] = page.all('wx-map')
    const markers = page.attr(map, 'markers') as { id: number; longitude: number; latitude: number; title: string; iconPath: string }[]
    expect(markers.length).toBe(items.length)
    expect(new Set(markers.map((m) => m.id)).size).toBe(markers.length)
    markers.forEach((m, i) => {
      expect(Number.isInteger(m.id)).toBe(true)
      expect([m.longitude, m.latitude, m.title]).toEqual([...items[i].location, items[i].name])
      expect(existsSync(path.join(DIST, m.iconPath))).toBe(true)
    })
    expect([page.attr(map, 'longitude'), page.attr(map, 'latitude')]).toEqual([120.16962, 30.27489])

    await page.tap(map) // a tap on the map itself opens nothing
    page.trigger(map, 'markertap', { markerId: markers[2].id })
    expect(wechat.called('navigateTo').map((c) => c.options.url)).toEqual([`/packages/places/detail/index?id=${items[2].id}`])
    expectHealthy(mp, page)
  })
})

test('身份认证: photo upload, the phone-number button, the subscribe request and the form reach the identity function', async () => {
  const page = await mp.open('packages/rider/verify/index', { as: 'demo-rider-li' })
  await page.waitForText('提交认证', '西溪社区')
  page.input(page.field('realName'), '李建军')
  await page.tap(page.find('wx-view', '顺丰'))
  await page.tap(page.find('wx-view', '快递'))
  page.input(page.field('station'), '顺丰文晖营业点')
  await page.tap(page.find('wx-view', '新和平社区'))

  // the photo picker is a privacy API: the pop-up comes first
  await page.tap(page.find('wx-view', '选择照片'))
  await page.waitForText('隐私保护提示')
  await page.tap(page.byId('privacy-agree-btn'))
  await page.waitForText('换一张')
  const [upload] = wechat.called('cloud.uploadFile')
  // the folder is the rider's opaque public id (server/public-id.ts), never the openid
  expect(upload.options.cloudPath).toMatch(/^badges\/u[A-Za-z0-9_-]{22}\/badge-[a-z0-9]+\.jpg$/)
  expect(upload.options.cloudPath).not.toContain('demo-rider-li')

  await page.tap(page.find('wx-button', '微信授权手机号'))
  await page.waitForText('已授权，重新授权')

  await page.tap(page.find('wx-button', '提交认证'))
  await page.waitForText('审核中', '138****5678')
  // what the app asks to be allowed to send (branch first-user replaces the literal template id)
  expect(wechat.called('requestSubscribeMessage').map((c) => ({ tmplIds: c.options.tmplIds, duringTap: c.duringTap }))).toEqual([{ tmplIds: ['identity-review-result'], duringTap: true }])
  const [apply] = callsOf('identity', 'apply')
  expect(inputOf(apply)).toMatchObject({ realName: '李建军', platform: '顺丰', riderRole: '快递', station: '顺丰文晖营业点', communityId: 'c-xinheping', phoneCode: wechat.phoneCode })
  expect(String(inputOf(apply)?.badgePhoto)).toMatch(/^cloud:\/\/.+\/badges\/u[A-Za-z0-9_-]{22}\//)
  expect(apply.result).toMatchObject({ ok: true, data: { status: 'pending', phoneMasked: '138****5678' } })
  expectHealthy(mp, page)
})

test('分享给工友 and the ··· menu share the place with its name and a path that opens it', async () => {
  const page = await mp.open('packages/places/detail/index', { as: 'demo-rider-zhang', query: { id: 'p-wl-003' } })
  await page.waitForText('新和平社区骑士加油站', '分享给工友')
  await page.tap(page.find('wx-button', '分享给工友'))
  const [shared] = wechat.called('share')
  const fromButton = shared.options.result as { title: string; path: string }
  expect(fromButton.title).toMatch(/^新和平社区骑士加油站 · .+/)
  expect(fromButton.path).toBe('/packages/places/detail/index?id=p-wl-003')
  expect(page.share('menu')).toEqual(fromButton)
  expectHealthy(mp, page)

  // a friend opens the shared card
  const [route, query] = fromButton.path.slice(1).split('?')
  const opened = await mp.open(route, { as: 'demo-rider-wang', query: Object.fromEntries(new URLSearchParams(query)) })
  await opened.waitForText('新和平社区骑士加油站', '可午休')
  expectHealthy(mp, opened)
})

describe('scan buttons: the scanned code reaches the verification call', () => {
  // 王姐 redeems an item, her phone shows its QR (a signed token); the counter scans it
  test.each([
    { who: '商家核销 at 刘记面馆', route: 'packages/merchant/verify/index', as: 'demo-merchant-liu', itemId: 'i-demo-ginger-tea', title: '刘记面馆 姜茶一杯', verify: ['merchant', 'verify'] },
    { who: '社区核销 of a district item', route: 'packages/worker/voucher-check/index', as: 'demo-worker-chen', itemId: 'i-demo-charge', title: '电动车免费充电 2 小时', verify: ['mall', 'verify'] },
  ])('$who: a rider’s voucher QR', async ({ route, as, itemId, title, verify: [fn, action] }) => {
    const { voucher } = await callAs<{ voucher: { code: string } }>('demo-rider-wang', 'mall', 'redeem', { itemId, key: `weapp-render-scan-${itemId}` })
    const { token } = await callAs<{ token: string }>('demo-rider-wang', 'mall', 'voucherToken', { code: voucher.code })
    const page = await mp.open(route, { as })
    await page.waitForText('扫骑手的二维码')
    wechat.scans.push(token)
    await page.tap(page.find('wx-view, wx-button', '扫骑手的二维码'))
    await page.waitForText('核销成功', title)
    expect(wechat.called('scanCode')[0].options).toMatchObject({ onlyFromCamera: true, scanType: ['qrCode'] })
    expect(inputOf(callsOf(fn, action)[0])).toEqual({ token })
    expectHealthy(mp, page)
  })

  test('核验小哥码: a verified rider’s pass', async () => {
    const { token } = await callAs<{ token: string }>('demo-rider-zhang', 'identity', 'issuePass', {})
    const page = await mp.open('packages/worker/pass-check/index', { as: 'demo-worker-chen' })
    await page.waitForText('扫描骑手的小哥码')
    wechat.scans.push(token)
    await page.tap(page.find('wx-button', '扫描骑手的小哥码'))
    await page.waitForText('有效', '已认证的骑手，可以放行')
    expect(inputOf(callsOf('identity', 'verifyPass')[0])).toEqual({ token })
    expectHealthy(mp, page)
  })

  test('代骑手申请注销: a rider of the worker’s community asks in person and shows their 小哥码', async () => {
    // 王姐 (金祝社区, one of 陈主任's): her request is withdrawn at the end, the shared cloud unchanged
    const { token } = await callAs<{ token: string }>('demo-rider-wang', 'identity', 'issuePass', {})
    const page = await mp.open('packages/worker/pass-check/index', { as: 'demo-worker-chen' })
    await page.waitForText('扫描骑手的小哥码')
    wechat.scans.push(token)
    await page.tap(page.find('wx-button', '扫描骑手的小哥码'))
    await page.waitForText('已认证的骑手，可以放行', '代骑手申请注销')
    await page.tap(page.find('wx-button', '代骑手申请注销'))
    await page.waitForText('已代为申请注销')
    expect(wechat.called('showModal')[0].options).toMatchObject({ title: '代骑手申请注销' })
    expect(inputOf(callsOf('user', 'requestDeletionFor')[0])).toEqual({ riderId: 'rDemoWang001', confirm: true })
    expect(await callAs('demo-rider-wang', 'user', 'deletionStatus', {})).toMatchObject({ status: 'pending' })
    expectHealthy(mp, page)
    expect(await callAs('demo-rider-wang', 'user', 'cancelDeletion', {})).toMatchObject({ status: 'none' })
  })

  test('志愿签到: the check-in QR on the worker’s phone, at the place', async () => {
    const { qr, code } = await callAs<{ qr: string; code: string }>('demo-worker-chen', 'volunteer', 'checkinCode', { id: SEEDED })
    wechat.user = 'demo-rider-zhang'
    wechat.agreePrivacy()
    wechat.location = { longitude: STATION.longitude, latitude: STATION.latitude, accuracy: 15 }
    const page = await mp.open('packages/volunteer/detail/index', { as: 'demo-rider-zhang', query: { id: SEEDED } })
    await page.waitForText('扫码签到')
    wechat.scans.push(qr)
    await page.tap(page.find('wx-button', '扫码签到'))
    await page.waitForText('签到成功')
    expect(wechat.called('getLocation')[0].options).toMatchObject({ type: 'gcj02', isHighAccuracy: true })
    expect(inputOf(callsOf('volunteer', 'checkIn')[0])).toMatchObject({ activityId: SEEDED, code, longitude: STATION.longitude, latitude: STATION.latitude })
    expectHealthy(mp, page)
  })
})
