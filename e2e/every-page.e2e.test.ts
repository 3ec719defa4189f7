/**
 * Journey "every-page" (issue 19): every page of the app, as each kind of persona, on a 390×844
 * phone: no rendered control smaller than 44 px on either side (WeChat's design guide, Apple/Google:
 * 44 pt / 48 dp) — above or below the fold — and no field key (`shopName`, 「text」) in any message
 * shown, including the messages of every form submitted empty. A screenshot of each page goes to
 * artifacts/screenshots/<role>/<page>.png (the per-role walk of issue 19).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { appPages } from '../scripts/app-pages'
import { ROOT, type Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'

const SHOTS = join(ROOT, 'artifacts', 'screenshots')
const PERSONAS = [
  ['rider', 'demo-rider-zhang'],
  ['worker', 'demo-worker-chen'],
  ['merchant', 'demo-merchant-liu'],
  ['admin', 'demo-admin-sun'],
] as const
type Role = (typeof PERSONAS)[number][0]
const MIN = 44
/**
 * What a person taps: chips, buttons, tabs, radios, the tab bar and the h5 navigation bar's back /
 * home (not text inputs, which are full width).
 */
export const CONTROLS =
  '[role=button], [role=radio], [role=tab], [role=checkbox], .chip, button, taro-button-core, .taro-tabbar__tabbar-item, .taro-navigation-bar-back, .taro-navigation-bar-home'
/** a field key as code writes it: 「text」, shopName, communityId */
export const FIELD_KEY = /「[A-Za-z_$][\w.$]*」|\b[a-z]+(?:Id|Name|Photo|Text|At)\b|\b(?:text|name|phone|capacity|street|district|title|price|stock)\b/
const MESSAGES = '[role=alert], .taro__toast, .form-field__error, .taro-modal__content'

/** Forms submitted empty, per role: each must answer with messages in words (at least one). */
const EMPTY_SUBMITS: Record<Role, [route: string, button: string][]> = {
  rider: [['packages/suggestions/new/index', '提交反映']],
  worker: [
    ['packages/worker/activity-edit/index', '发布'],
    ['packages/worker/place-edit/index', '创建地点'],
    ['packages/worker/mall-item/index', '上架'],
    ['packages/worker/compound-edit/index', '创建小区'],
  ],
  merchant: [['packages/merchant/item/index', '上架']],
  admin: [['packages/worker/admin/index', '新建社区']],
}

/** The controls of the page smaller than `min` CSS px on a side: 「text w×h」 each. */
export async function smallControls(page: Journey['page'], min = MIN): Promise<string[]> {
  return page.$$eval(
    CONTROLS,
    (els, m) =>
      els
        .map((e) => ({ e, r: e.getBoundingClientRect(), s: getComputedStyle(e) }))
        .filter(({ r, s }) => r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.pointerEvents !== 'none')
        .filter(({ r }) => Math.round(r.height) < m || Math.round(r.width) < m)
        .map(({ e, r }) => `「${(e.textContent ?? '').trim().slice(0, 12) || e.getAttribute('aria-label') || e.className}」 ${Math.round(r.width)}×${Math.round(r.height)}`),
    min,
  )
}

/** The messages on screen that name a field by its key. */
export async function fieldKeysShown(page: Journey['page']): Promise<{ messages: string[]; keyed: string[] }> {
  const messages = (await page.$$eval(MESSAGES, (els) => els.map((e) => (e as HTMLElement).innerText.trim()))).filter(Boolean)
  return { messages, keyed: messages.filter((m) => FIELD_KEY.test(m)) }
}

let demo: DemoJourney
let journey: Journey

beforeAll(async () => {
  demo = await startDemoJourney('every-page')
  journey = demo.journey
})
afterAll(() => demo?.stop())

/** Opens a page and waits until its first answer is on screen (no spinner). */
async function openPage(route: string): Promise<void> {
  const { page } = journey
  await demo.open(`/${route}`)
  await page.waitForTimeout(300)
  await page.locator('.status-view[aria-busy=true]:visible').first().waitFor({ state: 'detached', timeout: 25_000 }).catch(() => undefined)
}

test.each(PERSONAS)('every page as the %s: controls ≥ 44 px, no field key in a message', async (role, openid) => {
  const { page } = journey
  const dir = join(SHOTS, role)
  mkdirSync(dir, { recursive: true })
  await demo.signInAs(openid)
  const problems: string[] = []
  for (const route of appPages()) {
    await openPage(route)
    await page.screenshot({ path: join(dir, `${route.replace(/\/index$/, '').replace(/\//g, '_')}.png`), fullPage: true })
    for (const s of await smallControls(page)) problems.push(`${route}: control ${s}`)
    for (const m of (await fieldKeysShown(page)).keyed) problems.push(`${route}: field key in 「${m}」`)
  }
  for (const [route, button] of EMPTY_SUBMITS[role]) {
    await openPage(route)
    const submit = page.locator('.taro_page_show').getByText(button, { exact: true }).last()
    await submit.scrollIntoViewIfNeeded()
    await submit.click()
    await page.waitForTimeout(600)
    const shown = await fieldKeysShown(page)
    await page.screenshot({ path: join(dir, `${route.replace(/\/index$/, '').replace(/\//g, '_')}--empty-submit.png`), fullPage: true })
    if (!shown.messages.length) problems.push(`${route}: 「${button}」 on an empty form showed no message`)
    for (const m of shown.keyed) problems.push(`${route}: field key in 「${m}」`)
  }
  writeFileSync(join(dir, 'findings.txt'), problems.join('\n') + '\n')
  expect(problems).toEqual([])
}, 1_200_000)
