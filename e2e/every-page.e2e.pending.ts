/**
* NOT YET IN THE e2e PROJECT (named .pending.ts): it runs and fails with 199 findings (map markers 23×23, full-width buttons 35–42 px tall, 修改资料 86×30 …); rename to .e2e.test.ts once they are fixed.
 * Journey "every-page" (issue 19): every page of the app, as each kind of persona, on a 390×844
 * phone: no visible control smaller than 44 px (WeChat's design guide, Apple/Google: 44 pt / 48 dp)
 * and no field key (`shopName`, 「text」) in any message shown. A screenshot of each page goes to
 * artifacts/screenshots/<persona>-<page>.png.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { appPages } from '../scripts/app-pages'
import { ROOT, type Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'

const SHOTS = join(ROOT, 'artifacts', 'screenshots')
const PERSONAS = ['demo-rider-zhang', 'demo-worker-chen', 'demo-merchant-liu', 'demo-admin-sun']
const MIN = 44
/** what a person taps: chips, buttons, tabs, radios, the photo tiles (not text inputs, which are full width) */
const CONTROLS = '[role=button], [role=radio], [role=tab], .chip, button, taro-button-core, .taro-tabbar__tabbar-item'
/** a field key as code writes it: 「text」, shopName, communityId */
const FIELD_KEY = /「[A-Za-z_$][\w.$]*」|\b[a-z]+(?:Id|Name|Photo|Text|At)\b/

let demo: DemoJourney
let journey: Journey

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  demo = await startDemoJourney('every-page')
  journey = demo.journey
})
afterAll(() => demo?.stop())

test('every page, every persona: controls ≥ 44 px, no field key in a message', async () => {
  const { page } = journey
  const problems: string[] = []
  for (const openid of PERSONAS) {
    await demo.signInAs(openid)
    for (const route of appPages()) {
      await demo.open(`/${route}`)
      // let the page's first answer arrive (the spinner goes away)
      await page.waitForTimeout(400)
      await page.locator('.status-view[aria-busy=true]:visible').first().waitFor({ state: 'detached', timeout: 8000 }).catch(() => undefined)
      await page.screenshot({ path: join(SHOTS, `${openid}-${route.replace(/\//g, '_')}.png`) })
      const small = await page.$$eval(
        CONTROLS,
        (els, min) =>
          els
            .map((e) => ({ e, r: e.getBoundingClientRect(), s: getComputedStyle(e) }))
            .filter(({ r, s }) => r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.bottom > 0 && r.top < window.innerHeight)
            .filter(({ r }) => Math.round(r.height) < min || Math.round(r.width) < min)
            .map(({ e, r }) => `${(e.textContent ?? '').trim().slice(0, 12) || e.className} ${Math.round(r.width)}×${Math.round(r.height)}`),
        MIN,
      )
      for (const s of small) problems.push(`${openid} ${route}: control ${s}`)
      const messages = await page.$$eval('[role=alert], .taro__toast, .form-field__error', (els) => els.map((e) => (e as HTMLElement).innerText))
      for (const m of messages) if (FIELD_KEY.test(m)) problems.push(`${openid} ${route}: field key in 「${m}」`)
    }
  }
  expect(problems).toEqual([])
}, 600_000)
