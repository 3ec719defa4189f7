/**
 * Journey "first-load" (issue 15): the h5 first load of the pages a rider opens the app at does not
 * wait in line. Each page, opened fresh (empty browser cache) by the signed-in demo rider:
 * - index.html preloads the page's own chunks (its code, the Taro components it uses, its CSS), so
 *   they download alongside app.js instead of after it has run; each file is downloaded once, and
 *   no script of the first screen is found only once app.js has run;
 * - the page's first data call starts before the app asks `user.settings` (it waits neither for the
 *   settings nor for the page's code: the app starts it, src/app.ts); a public one (the map's list,
 *   a station) is started by index.html itself before app.js has run, and asked only once; a
 *   personal one (积分, 微事我言, 积分商城) waits for the privacy notice's `user.consentStatus` answer;
 * - the page renders its data.
 * Needs `npm run build:h5` and the built functions.
 */
import { DEMO_RIDER } from '../scripts/demo/personas'
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

test.each(PAGES)('$name: its chunks are preloaded with index.html and its data is asked early', async ({ route, fn, shows, byDocument, personal }) => {
  const { page, context } = demo.journey
  const cdp = await context.newCDPSession(page)
  // the function calls in the order they were sent, by action (resource timing cannot tell user.* apart)
  const sent: string[] = []
  const onRequest = (r: import('playwright-core').Request) => {
    const m = /\/fn\/(\w+)$/.exec(r.url())
    if (m) sent.push(`${m[1]}.${(JSON.parse(r.postData() ?? '{}') as { action?: string }).action ?? '?'}`)
  }
  page.on('request', onRequest)
  await cdp.send('Network.clearBrowserCache')
  await demo.open(route)
  await page.locator(shows).first().waitFor()
  await page.waitForLoadState('networkidle')
  const { preloads, resources, html } = await page.evaluate(async () => ({
    preloads: Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=preload]'), (l) => l.href),
    resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: (e as PerformanceResourceTiming).responseEnd, initiatorType: (e as PerformanceResourceTiming).initiatorType })),
    html: await (await fetch('/', { cache: 'force-cache' })).text(),
  }))
  // the page's code (with Taro's components it uses), beyond what index.html loads anyway
  expect(preloads.filter((u) => u.endsWith('.js')).length).toBeGreaterThanOrEqual(1)
  // no script of the first screen is discovered late: each is index.html's own or preloaded by it
  const inHtml = Array.from(html.matchAll(/<script[^>]+src="([^"]+)"/g), (m) => new URL(m[1], page.url()).href)
  const late = resources.filter((r) => r.name.endsWith('.js') && !inHtml.includes(r.name) && !preloads.includes(r.name)).map((r) => r.name)
  expect(late).toEqual([])
  for (const url of preloads) {
    const fetched = resources.filter((r) => r.name === url)
    expect({ url, downloads: fetched.length, by: fetched[0]?.initiatorType }).toEqual({ url, downloads: 1, by: 'link' })
  }
  page.off('request', onRequest)
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
  await cdp.detach()
})
