/**
 * The four tabs as a brand-new WeChat user: an openid without a single document opens the tab
 * first (one such user per tab, see cloud-users.ts), as someone who just found the mini-program.
 */
import { NEW_USERS } from './cloud-users'
import { expectHealthy } from './expect-healthy'
import { MiniProgram } from './mini-program'

const mp = new MiniProgram()
afterEach(() => mp.reset())

const newUser = (tab: string) => NEW_USERS.find((u) => u.openid.endsWith(`-${tab}`))!.openid

async function firstOpen(tab: string, ...expected: string[]): Promise<void> {
  const page = await mp.open(`pages/${tab}/index`, { as: newUser(tab) })
  await page.waitForText(...expected)
  expectHealthy(mp, page)
}

test('服务地图 lists the nearest places', () => firstOpen('map', '武林广场暖新驿站', 'A 级驿站'))

// Issue 12 item 5: any rider action creates the users document, so no tab sends a new user to 「我的」 first.
test('微事我言 shows the new user’s (empty) list of reports', () => firstOpen('suggestions', '还没有反映过问题'))

test('积分 shows a zero balance', () => firstOpen('points', '还没有积分记录'))

test('我的 shows an unverified rider', () => firstOpen('me', '未认证', '身份认证'))
