/**
 * The set-up every journey shares: the emulator on a random port with fresh data (the demo
 * snapshot, the functions' local secrets) serving the built h5 app, and a browser journey on it,
 * plus switching demo personas and opening a page by route.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../emulator'
import { demoSnapshot } from '../scripts/demo/data'
import { personas } from '../scripts/demo/personas'
import { appPages } from '../scripts/app-pages'
import { localFunctionEnv } from '../scripts/function-env'
import { openJourney, ROOT, type Journey } from './harness'

/** a 1×1 PNG for upload steps (the app re-encodes pictures before uploading) */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** On a 积分商城 item page: redeem (confirming the dialog) and read the new voucher's 8-digit code. */
export async function redeemOnItemPage(page: Journey['page']): Promise<string> {
  await page.locator('.mall-item-page .mall-btn').click()
  await page.locator('.taro__modal .taro-modal__foot').getByText('兑换', { exact: true }).click()
  const digits = page.locator('.voucher-page [data-testid="voucher-code"]')
  await digits.waitFor()
  const code = ((await digits.textContent()) ?? '').replace(/\s/g, '')
  if (!/^\d{8}$/.test(code)) throw new Error(`voucher code ${JSON.stringify(code)} is not 8 digits`)
  return code
}

export interface DemoJourney {
  emulator: RunningEmulator
  journey: Journey
  /** signs the browser out and in again as a demo persona, through the dev sign-in */
  signInAs(openid: string): Promise<void>
  /** opens a page by its route (e.g. `/pages/me/index`) with a fresh load */
  open(route: string): Promise<void>
  stop(): Promise<void>
}

export interface DemoCloud {
  emulator: RunningEmulator
  stop(): Promise<void>
}

/** The emulator with fresh demo data, serving the built h5 app (for journeys that open several browsers). */
export async function startDemoCloud(name: string): Promise<DemoCloud> {
  if (!existsSync(join(ROOT, 'dist-h5', 'index.html'))) throw new Error('dist-h5/index.html missing: run `npm run build:h5` first')
  const dataDir = mkdtempSync(join(tmpdir(), `xg-e2e-${name}-`))
  const emulator = await startEmulator({ port: 0, dataDir, h5Root: join(ROOT, 'dist-h5'), personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir), miniprogramPages: appPages() })
  await emulator.database.importSnapshot(demoSnapshot(), { replace: true })
  return {
    emulator,
    async stop() {
      await emulator.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function startDemoJourney(name: string): Promise<DemoJourney> {
  const cloud = await startDemoCloud(name)
  const { emulator } = cloud
  const journey = await openJourney(name)
  const { page } = journey
  return {
    emulator,
    journey,
    async signInAs(openid) {
      if (!page.url().startsWith(emulator.url)) await page.goto(emulator.url + '/')
      const status = await page.evaluate(async (id) => {
        await fetch('/__/auth/signout', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
        const r = await fetch('/__/auth/signin', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid: id }) })
        return r.status
      }, openid)
      if (status !== 200) throw new Error(`dev sign-in as ${openid} answered HTTP ${status}`)
    },
    async open(route) {
      await page.goto(`${emulator.url}/#${route}`)
      await page.reload()
    },
    async stop() {
      await journey.close()
      await cloud.stop()
    },
  }
}
