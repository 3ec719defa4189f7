/**
 * Browser journeys on the h5 build: Debian's Chromium driven by playwright-core (never
 * `playwright install`), a phone viewport, a fresh profile per journey, and no request leaving the
 * machine (map SDKs, CDNs, fonts are blocked and counted). Screenshots go to
 * artifacts/e2e/<journey>-<step>.png; a failing step also leaves one.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const ROOT = resolve(__dirname, '..')
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e')
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//

export interface Journey {
  page: Page
  context: BrowserContext
  /** requests that were blocked because they were not local */
  blocked: string[]
  /** console errors and uncaught page errors */
  errors: string[]
  /** saves artifacts/e2e/<journey>-<step>.png */
  shot(step: string): Promise<string>
  /** runs a named step; on failure saves <journey>-<step>-failed.png and rethrows */
  step<T>(name: string, body: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

export async function openJourney(name: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<Journey> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const userDataDir = mkdtempSync(join(tmpdir(), `xg-e2e-${name}-`))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: opts.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const blocked: string[] = []
  const errors: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', (err) => errors.push(String(err)))

  const file = (step: string) => join(ARTIFACTS, `${name}-${step}.png`.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_'))
  const shot = async (step: string) => {
    const path = file(step)
    await page.screenshot({ path, fullPage: false })
    return path
  }

  return {
    page,
    context,
    blocked,
    errors,
    shot,
    async step(stepName, body) {
      try {
        const result = await body()
        await shot(stepName)
        return result
      } catch (err) {
        try {
          await page.screenshot({ path: file(`${stepName}-failed`) })
        } catch {
          // the page is gone; the error below says why
        }
        throw err
      }
    },
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
