/**
 * Journey "first-load" (issue 15): the h5 first load of the pages a rider opens the app at does not
 * wait in line. Each page, opened fresh (empty browser cache) by the signed-in demo rider:
 * - index.html preloads the page's own chunks (its code, the Taro components it uses, its CSS), so
 *   they download alongside app.js instead of after it has run; each file is downloaded once, and
 *   no script of the first screen is found only once app.js has run;
 * - the page's first data call starts before the app asks `user.settings` (it waits neither for the
 *   settings nor for the page's code: the app starts it, src/app.ts); a public one (the map's list,
 *   a station) is started by index.html itself before app.js has run, and asked only once;
 * - a personal one (积分, 微事我言, 积分商城) leaves beside the privacy notice's `user.consentStatus`
 *   question, not after its answer (held back 1.5 s here: the reads are seen before it), marked
 *   `ifConsented` for the server to refuse unless the notice is accepted; each is asked once: the
 *   app takes index.html's answers. When the notice is not accepted (the rider's consent record is
 *   to an older version), each personal read that left is refused, no personal data reaches the
 *   page, the notice shows; accepting it shows the page;
 * - the page renders its data.
 * Needs `npm run build:h5` and the built functions.
 */
import type { Page, Request, Response, Route } from 'playwright-core'
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

/** whether a function call was sent for the server to refuse unless the notice is accepted */
const marked = (r: Request): boolean => (JSON.parse(r.postData() ?? '{}') as { ifConsented?: unknown }).ifConsented === true

/** the notice's question answered late */
async function holdNoticeAnswer(page: Page): Promise<() => Promise<void>> {
  const handler = async (route: Route) => {
    if (callOf(route.request()) !== 'user.consentStatus') return route.fallback()
    const response = await route.fetch()
    await new Promise((r) => setTimeout(r, 1500))
    await route.fulfill({ response })
  }
  await page.route('**/fn/user', handler)
  return () => page.unroute('**/fn/user', handler)
}

test.each(PAGES)('$name: its chunks are preloaded with index.html and its data is asked early', async ({ route, fn, shows, byDocument, personal }) => {
  const { page, context } = demo.journey
  const cdp = await context.newCDPSession(page)
  // the function calls in the order they were sent, by action (resource timing cannot tell user.* apart)
  const sent: string[] = []
  const unmarked: string[] = []
  const onRequest = (r: Request) => {
    const c = callOf(r)
    if (c) sent.push(c)
    if (c && !free(c) && !marked(r)) unmarked.push(c)
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
    // one round trip: the page's reads left before the question's answer, each marked
    for (const read of reads) expect({ read, before: sent.indexOf(read) < answered }).toEqual({ read, before: true })
    expect(unmarked.filter((c) => sent.indexOf(c) < answered)).toEqual([])
    // asked once each: the gate took index.html's question, the page index.html's reads
    expect(sent.filter((c) => c === 'user.consentStatus')).toEqual(['user.consentStatus'])
    for (const read of reads) expect({ read, asked: sent.filter((c) => c === read).length }).toEqual({ read, asked: 1 })
  }
  await cdp.detach()
})

test.each(PAGES.filter((p) => p.personal))('$name, the notice not accepted: each personal read is refused, nothing personal shows, accepting shows the page', async ({ route, shows }) => {
  const { page } = demo.journey
  // the rider's agreement is to an older notice: the server's own state, not a faked answer
  const older = { version: '2025-01-01', location: true, phone: true, photos: true, at: { $date: '2025-01-01T00:00:00Z' } }
  await demo.emulator.database.importSnapshot({ collections: { consents: [{ _id: DEMO_RIDER.openid, current: older, history: [older], updatedAt: older.at }] } })
  type Answer = { call: string; marked: boolean; code: string | null }
  const answers: Promise<Answer>[] = []
  const onResponse = (r: Response) => {
    const c = callOf(r.request())
    if (!c || free(c) || c === 'user.consent') return
    answers.push(r.json().then((body: { ok: boolean; error?: { code: string } }) => ({ call: c, marked: marked(r.request()), code: body.ok ? null : body.error!.code })))
  }
  page.on('response', onResponse)
  await openFresh(route)
  await page.locator('.privacy-notice').waitFor()
  await page.waitForLoadState('networkidle')
  // on a tab: the notice hid the tab bar before it was defined (src/h5/deferred-tabbar.ts replays it)
  if (!route.startsWith('/packages/')) await page.locator('taro-tabbar.taro-tabbar__tabbar-hide').waitFor({ state: 'attached' })
  // every personal read that left was marked and refused: no personal data reached the page
  const refused = await Promise.all(answers.splice(0))
  expect(refused.length).toBeGreaterThan(0)
  expect(refused.filter((a) => !a.marked || a.code !== 'NOTICE_REQUIRED')).toEqual([])
  // after acceptance each refused read is asked again, plainly, and answered
  const again = Promise.all(refused.map(({ call }) => page.waitForResponse((r) => callOf(r.request()) === call && !marked(r.request()))))
  await page.locator('.privacy-notice__agree').click()
  await page.locator('.privacy-notice').waitFor({ state: 'detached' })
  await again
  await page.locator(shows).first().waitFor()
  page.off('response', onResponse)
  const after = await Promise.all(answers)
  expect(after.filter((a) => a.marked || a.code !== null)).toEqual([])
  expect(new Set(after.map((a) => a.call))).toEqual(new Set(refused.map((a) => a.call)))
})
