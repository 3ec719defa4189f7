/**
 * Journey "first-load" (issue 15): the h5 first load of the pages a rider opens the app at does not
 * wait in line. Each page, opened fresh (empty browser cache) by the signed-in demo rider:
 * - index.html preloads the page's own chunks (its code, the Taro components it uses, its CSS), so
 *   they download alongside app.js instead of after it has run; each file is downloaded once, and
 *   no script of the first screen is found only once app.js has run;
 * - the page's first data call starts before the app asks `user.settings` (it waits neither for the
 *   settings nor for the page's code: the app starts it, src/app.ts); a public one (the map's list,
 *   a station) is started by index.html itself before app.js has run, and asked only once;
 * - a personal one (积分, 微事我言, 积分商城) leaves only after the privacy notice's
 *   `user.consentStatus` answer has arrived (index.html asks it and starts the page's reads on an
 *   accepted answer; the answer is held back 1.5 s here, so a read that did not wait would be seen
 *   before it), and each is asked once: the app takes index.html's answers. When the answer says
 *   the notice is needed, no personal read leaves at all and the notice shows;
 * - the page renders its data.
 * Needs `npm run build:h5` and the built functions.
 */
import type { Page, Request, Route } from 'playwright-core'
import { BEFORE_NOTICE_ACTIONS } from '../domain/privacy'
import { DEMO_RIDER } from '../scripts/demo/personas'
import { firstReads } from '../src/first-reads'
import { MALL_HOME, PLACE_DETAIL } from '../src/routes'
import { startDemoJourney, type DemoJourney } from './demo-journey'

const PAGES = [
  { name: '服务地图', route: '/pages/map/index', fn: 'places', shows: '.place-row', byDocument: true },
  { name: '微事我言', route: '/pages/suggestions/index', fn: 'suggestions', shows: '.sg-btn', personal: true },
  { name: '积分', route: '/pages/points/index', fn: 'points', shows: '.page', personal: true },
  { name: '积分商城', route: MALL_HOME, fn: 'mall', shows: '.page', personal: true },
  { name: '驿站详情', route: `${PLACE_DETAIL}?id=p-wl-001`, fn: 'places', shows: '.page', byDocument: true },
]

let demo: DemoJourney

beforeAll(async () => {
  demo = await startDemoJourney('first-load')
  await demo.signInAs(DEMO_RIDER.openid)
})

afterAll(async () => {
  await demo?.stop()
})

/**
 * A fresh launch at `route`: from about:blank, not demo.open's hash change, which the app still on
 * screen would route first (its launch had its answer already, so its calls would be counted here).
 */
async function openFresh(route: string): Promise<void> {
  const { page } = demo.journey
  await page.goto('about:blank')
  await page.goto(`${demo.emulator.url}/#${route}`)
}

/** a call that may leave before the notice is accepted */
const free = (call: string) => (BEFORE_NOTICE_ACTIONS as readonly string[]).includes(call)

/** `fn.action` of a function call */
const callOf = (r: Request): string | null => {
  const m = /\/fn\/(\w+)$/.exec(r.url())
  return m && `${m[1]}.${(JSON.parse(r.postData() ?? '{}') as { action?: string }).action ?? '?'}`
}

/** the notice's question answered late (and, with `needed`, as if the notice had not been accepted) */
async function holdNoticeAnswer(page: Page, needed = false): Promise<() => Promise<void>> {
  const handler = async (route: Route) => {
    if (callOf(route.request()) !== 'user.consentStatus') return route.fallback()
    const response = await route.fetch()
    const body = (await response.json()) as { ok: boolean; data?: { needsConsent: boolean } }
    if (needed && body.data) body.data.needsConsent = true
    await new Promise((r) => setTimeout(r, 1500))
    await route.fulfill({ response, json: body })
  }
  await page.route('**/fn/user', handler)
  return () => page.unroute('**/fn/user', handler)
}

test.each(PAGES)('$name: its chunks are preloaded with index.html and its data is asked early', async ({ route, fn, shows, byDocument, personal }) => {
  const { page, context } = demo.journey
  const cdp = await context.newCDPSession(page)
  // the function calls in the order they were sent, by action (resource timing cannot tell user.* apart)
  const sent: string[] = []
  const onRequest = (r: Request) => {
    const c = callOf(r)
    if (c) sent.push(c)
  }
  // in the same list: when the notice's answer has reached the page
  const onAnswer = (r: Request) => {
    if (callOf(r) === 'user.consentStatus') sent.push('answered user.consentStatus')
  }
  page.on('request', onRequest)
  page.on('requestfinished', onAnswer)
  const unhold = personal ? await holdNoticeAnswer(page) : async () => undefined
  await cdp.send('Network.clearBrowserCache')
  await openFresh(route)
  await page.locator(shows).first().waitFor()
  await page.waitForLoadState('networkidle')
  const { preloads, resources, html, loaded } = await page.evaluate(async () => ({
    preloads: Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=preload]'), (l) => l.href),
    resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: (e as PerformanceResourceTiming).responseEnd, initiatorType: (e as PerformanceResourceTiming).initiatorType })),
    html: await (await fetch('/', { cache: 'force-cache' })).text(),
    loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
  }))
  // the page's code (with Taro's components it uses), beyond what index.html loads anyway
  expect(preloads.filter((u) => u.endsWith('.js')).length).toBeGreaterThanOrEqual(1)
  // no script of the first screen is discovered late: each is index.html's own or preloaded by it.
  // What is asked after the load event is not the first screen's: Taro's tab bar, defined once the
  // page is idle (src/h5/deferred-tabbar.ts)
  const inHtml = Array.from(html.matchAll(/<script[^>]+src="([^"]+)"/g), (m) => new URL(m[1], page.url()).href)
  const late = resources.filter((r) => r.name.endsWith('.js') && !inHtml.includes(r.name) && !preloads.includes(r.name) && r.startTime < loaded).map((r) => r.name)
  expect(late).toEqual([])
  expect(loaded).toBeGreaterThan(0)
  // the tab pages' tab bar, once it is defined; elsewhere (hidden there) not even loaded
  if (!route.startsWith('/packages/')) await page.locator('.taro-tabbar__tabbar').waitFor()
  else expect(resources.filter((r) => /\/js\/tabbar\./.test(r.name))).toEqual([])
  for (const url of preloads) {
    const fetched = resources.filter((r) => r.name === url)
    expect({ url, downloads: fetched.length, by: fetched[0]?.initiatorType }).toEqual({ url, downloads: 1, by: 'link' })
  }
  page.off('request', onRequest)
  page.off('requestfinished', onAnswer)
  await unhold()
  const first = (prefix: string) => {
    const i = sent.findIndex((c) => c.startsWith(prefix))
    return i < 0 ? Infinity : i
  }
  expect(first(`${fn}.`)).toBeLessThan(Infinity)
  // a public read does not wait for the settings; a personal one waits for the privacy notice's
  // user.consentStatus answer (src/app.ts installs the gate first), which user.settings does not
  if (!personal) expect(first(`${fn}.`)).toBeLessThan(first('user.settings'))
  if (byDocument) {
    // index.html starts it before app.js has run (app.js's first call is user.consentStatus), and
    // the page takes that answer: asked once
    expect(first(`${fn}.`)).toBeLessThan(first('user.'))
    expect(resources.filter((r) => r.name.endsWith(`/fn/${fn}`)).map((r) => r.initiatorType)).toEqual(['fetch'])
  }
  if (personal) {
    const [path, query = ''] = route.split('?')
    const reads = firstReads(path, Object.fromEntries(new URLSearchParams(query))).map((r) => `${r.fn}.${r.action}`)
    const answered = sent.indexOf('answered user.consentStatus')
    expect(answered).toBeGreaterThanOrEqual(0)
    // before the answer: nothing but public reads and the question itself
    expect(sent.slice(0, answered).filter((c) => !free(c))).toEqual([])
    // asked once each: the gate took index.html's question, the page index.html's reads
    expect(sent.filter((c) => c === 'user.consentStatus')).toEqual(['user.consentStatus'])
    for (const read of reads) expect({ read, asked: sent.filter((c) => c === read).length }).toEqual({ read, asked: 1 })
  }
  await cdp.detach()
})

test.each(PAGES.filter((p) => p.personal))('$name, the notice not accepted: no personal read leaves, the notice shows', async ({ route }) => {
  const { page } = demo.journey
  const sent: string[] = []
  const onRequest = (r: Request) => {
    const c = callOf(r)
    if (c) sent.push(c)
  }
  page.on('request', onRequest)
  const unhold = await holdNoticeAnswer(page, true)
  await openFresh(route)
  await page.locator('.privacy-notice').waitFor()
  await page.waitForLoadState('networkidle')
  // on a tab: the notice hid the tab bar before it was defined (src/h5/deferred-tabbar.ts replays it)
  if (!route.startsWith('/packages/')) await page.locator('taro-tabbar.taro-tabbar__tabbar-hide').waitFor({ state: 'attached' })
  page.off('request', onRequest)
  await unhold()
  expect(sent.filter((c) => !free(c))).toEqual([])
  expect(sent.filter((c) => c === 'user.consentStatus')).toEqual(['user.consentStatus'])
})
