/**
 * The four tabs as a brand-new WeChat user: an openid without a single document opens the tab
 * first (one such user per tab, see cloud-users.ts), as someone who just found the mini-program.
 * The first-open privacy notice comes first: until it is accepted the functions answer nothing but
 * BEFORE_NOTICE_ACTIONS (a tab's first personal read leaves beside the notice's question, marked
 * `ifConsented`, and is refused) and nothing about the user is stored; one tap on its agree button
 * (WeChat's agreePrivacyAuthorization) records the acceptance once and the tab loads.
 */
import { BEFORE_NOTICE_ACTIONS, PRIVACY_NOTICE } from '../../domain/privacy'
import type { ConsentDoc } from '../../domain/user/consent'
import { CLOUD_URL_ENV, NEW_USERS } from './cloud-users'
import { expectHealthy } from './expect-healthy'
import { GatewayClient } from './gateway-client'
import { MiniProgram } from './mini-program'

const mp = new MiniProgram()
const gateway = new GatewayClient(process.env[CLOUD_URL_ENV]!)
afterEach(() => mp.reset())

const newUser = (tab: string) => NEW_USERS.find((u) => u.openid.endsWith(`-${tab}`))!.openid

const documents = async (collection: string) => ((await gateway.api(`collections/${collection}/documents?limit=1000`)) as { documents?: { _id: string }[] }).documents ?? []
const consentOf = async (openid: string) => (await documents('consents')).find((d) => d._id === openid) as ConsentDoc | undefined

/** every action the functions ran for `openid`, with its database writes (the emulator's invocation records) */
async function actionsOf(openid: string): Promise<{ action: string; writes: number }[]> {
  const { invocations } = (await gateway.api(`invocations?openid=${encodeURIComponent(openid)}&limit=1000`)) as { invocations: { functionName: string; action: string | null; counters: { writes: number } }[] }
  return invocations.map((i) => ({ action: `${i.functionName}.${i.action}`, writes: i.counters.writes }))
}

const free = (action: string) => (BEFORE_NOTICE_ACTIONS as readonly string[]).includes(action)

async function firstOpen(tab: string, ...expected: string[]): Promise<void> {
  const who = newUser(tab)
  const page = await mp.open(`pages/${tab}/index`, { as: who, relaunch: true })
  await page.waitForText(PRIVACY_NOTICE.title, '同意并继续')
  // before the tap: the app's personal calls left marked and were refused; nothing was written and
  // nothing names the user
  const personal = mp.wechat.cloudCalls.filter((c) => !free(`${c.name}.${(c.data as { action: string }).action}`))
  expect(personal.map((c) => ({ marked: (c.data as { ifConsented?: true }).ifConsented, answer: (c.result as { error?: { code: string } } | undefined)?.error?.code }))).toEqual(personal.map(() => ({ marked: true, answer: 'NOTICE_REQUIRED' })))
  expect((await actionsOf(who)).filter((a) => a.writes > 0)).toEqual([])
  expect((await documents('users')).some((d) => d._id === who)).toBe(false)
  expect(await consentOf(who)).toBeUndefined()
  expect(mp.wechat.privacyAgreed).toBe(false)

  await page.tap(page.byId('privacy-notice-agree-btn'))
  await page.waitForText(...expected)
  expect(page.text()).not.toContain(PRIVACY_NOTICE.title)
  const consent = await consentOf(who)
  expect(consent?.history).toEqual([expect.objectContaining({ version: PRIVACY_NOTICE.version })])
  // the same tap told WeChat (用户隐私保护指引): no second pop-up before location or photos
  expect(mp.wechat.privacyAgreed).toBe(true)
  expectHealthy(mp, page)
}

test('服务地图 lists the nearest places', () => firstOpen('map', '武林广场暖新驿站', 'A 级驿站'))

// Issue 12 item 5: any rider action creates the users document, so no tab sends a new user to 「我的」 first.
test('微事我言 shows the new user’s (empty) list of reports', () => firstOpen('suggestions', '还没有反映过问题'))

test('积分 shows a zero balance', () => firstOpen('points', '还没有积分记录'))

test('我的 shows an unverified rider', () => firstOpen('me', '未认证', '身份认证'))

test('once accepted, the next launch asks the server once and records nothing again', async () => {
  const who = newUser('me')
  const before = await consentOf(who)
  expect(before?.history).toHaveLength(1)
  const page = await mp.open('pages/points/index', { as: who, relaunch: true })
  await page.waitForText('还没有积分记录')
  expect(page.text()).not.toContain(PRIVACY_NOTICE.title)
  expect((await consentOf(who))?.history).toHaveLength(1)
  expectHealthy(mp, page)
})
