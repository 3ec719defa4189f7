/**
 * Journey "identity": 李小哥 (unverified) applies with a badge photo (uploaded through the gateway)
 * and the emulator's test phone flow → 陈主任 opens the photo and approves → 李小哥 sees 已认证 and
 * his 小哥码 → 刘老板 (merchant) pastes the code and sees 有效 with the masked name. Needs
 * `npm run build:h5` and the built functions.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../emulator'
import { personas } from '../scripts/demo/personas'
import { demoSnapshot } from '../scripts/demo/data'
import { localFunctionEnv } from '../scripts/function-env'
import { openJourney, ROOT, type Journey } from './harness'

let emulator: RunningEmulator
let journey: Journey
let dataDir: string

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist-h5', 'index.html'))) throw new Error('dist-h5/index.html missing: run `npm run build:h5` first')
  dataDir = mkdtempSync(join(tmpdir(), 'xg-e2e-identity-'))
  emulator = await startEmulator({ port: 0, dataDir, h5Root: join(ROOT, 'dist-h5'), personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir) })
  await emulator.database.importSnapshot(demoSnapshot(), { replace: true })
  journey = await openJourney('identity')
})

afterAll(async () => {
  await journey?.close()
  await emulator?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function signInAs(openid: string) {
  const { page } = journey
  if (!page.url().startsWith(emulator.url)) await page.goto(emulator.url + '/')
  const status = await page.evaluate(async (id) => {
    await fetch('/__/auth/signout', { method: 'POST', credentials: 'include', body: '{}' })
    const r = await fetch('/__/auth/signin', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid: id }) })
    return r.status
  }, openid)
  expect(status).toBe(200)
}

async function open(route: string) {
  const { page } = journey
  await page.goto(`${emulator.url}/#${route}`)
  await page.reload()
}

test('rider applies with a photo → worker approves → rider sees 已认证 and a pass → merchant verifies it', async () => {
  const { page } = journey
  let token = ''

  await journey.step('01-apply', async () => {
    await signInAs('demo-rider-li')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '身份认证' }).click()
    const form = page.locator('.rider-verify-page')
    await form.locator('input[placeholder="如：张建国"]').fill('李明')
    await form.locator('.chip', { hasText: '顺丰' }).click()
    await form.locator('.chip', { hasText: '快递' }).click()
    await form.locator('input[placeholder="如：美团外卖文晖站"]').fill('顺丰文晖营业部')
    await form.locator('.chip', { hasText: '新和平社区' }).click()
    const chooser = page.waitForEvent('filechooser')
    await form.getByText('选择照片', { exact: true }).click()
    await (await chooser).setFiles({ name: 'badge.png', mimeType: 'image/png', buffer: PNG })
    await form.getByText('重新选择照片', { exact: true }).waitFor()
    await form.locator('input[placeholder="如：13812345678"]').fill('13912345678')
    await form.getByText('提交认证', { exact: true }).click()
    await form.getByText('审核中', { exact: true }).waitFor()
    await form.getByText('139****5678').waitFor()
  })

  await journey.step('02-worker-approves', async () => {
    await signInAs('demo-worker-chen')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '社区工作台' }).click()
    await page.locator('.entry-cell', { hasText: '骑手认证审核' }).click()
    const item = page.locator('.id-item', { hasText: '*明' })
    await item.getByText('139****5678', { exact: false }).waitFor()
    await item.getByText('查看照片', { exact: true }).click()
    await item.locator('.id-item__photo').waitFor()
    await item.getByText('通过', { exact: true }).click()
    await item.waitFor({ state: 'detached' })
  })

  await journey.step('03-rider-verified-pass', async () => {
    await signInAs('demo-rider-li')
    await open('/pages/me/index')
    await page.locator('.me-profile').getByText('已认证', { exact: true }).waitFor()
    await page.locator('.me-profile__detail', { hasText: '139****5678' }).waitFor()
    await page.locator('.entry-cell', { hasText: '小哥码' }).first().click()
    const card = page.locator('.pass-card')
    await card.getByText('*明', { exact: true }).waitFor()
    await card.getByText(/秒后失效/).waitFor()
    token = ((await card.locator('.pass-card__token').textContent()) ?? '').trim()
    expect(token).toMatch(/^XG1\./)
  })

  await journey.step('04-merchant-verifies', async () => {
    await signInAs('demo-merchant-liu')
    await open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '核验小哥码' }).click()
    const checker = page.locator('.pass-check-page')
    await checker.locator('input[placeholder="XG1.…"]').fill(token)
    await checker.getByText('核验', { exact: true }).click()
    const result = checker.locator('.pass-result')
    await result.getByText('有效', { exact: true }).waitFor()
    await result.getByText(/\*明 · 顺丰/).waitFor()
  })

  expect(journey.blocked).toEqual([])
  expect(journey.errors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([])
}, 120_000)
