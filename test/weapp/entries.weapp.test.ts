/**
 * The menus of the hub pages: every tappable entry must open a page of app.json (navigateTo,
 * never to a tab), and that page, opened with the query the entry passes, must render without an
 * error for the same user.
 */
import { expectHealthy } from './expect-healthy'
import { MiniProgram } from './mini-program'

const mp = new MiniProgram()
afterEach(() => mp.reset())

const ENTRY = '[class*="entry-cell--clickable"]'

test.each([
  { hub: 'pages/me/index', as: 'demo-rider-zhang', loaded: '张师傅' },
  { hub: 'pages/me/index', as: 'demo-admin-sun', loaded: '社区工作台' },
  { hub: 'pages/points/index', as: 'demo-rider-zhang', loaded: '驿站打卡' },
  { hub: 'packages/worker/index/index', as: 'demo-worker-chen', loaded: '负责 2 个社区' },
])('every entry of $hub as $as opens a page that renders', async ({ hub, as, loaded }) => {
  const page = await mp.open(hub, { as })
  await page.waitForText(loaded)
  const entries = page.all(ENTRY)
  expect(entries.length).toBeGreaterThan(1)
  for (const entry of entries) {
    const before = mp.wechat.calls.length
    await page.tap(entry)
    const [nav] = mp.wechat.calls.slice(before).filter((c) => ['navigateTo', 'switchTab', 'redirectTo'].includes(c.api))
    expect({ entry: entry.textContent, navigated: Boolean(nav) }).toEqual({ entry: entry.textContent, navigated: true })
    const [route, query] = String(nav.options.url).replace(/^\//, '').split('?')
    const target = await mp.open(route, { as, query: Object.fromEntries(new URLSearchParams(query)) })
    await new Promise((r) => setTimeout(r, 100))
    await mp.settle()
    expectHealthy(mp, target, `「${entry.textContent}」 → ${String(nav.options.url)}`)
    target.close()
  }
  expectHealthy(mp, page)
})
