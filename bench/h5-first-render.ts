/**
 * The first render of the h5 pages, two builds side by side on a busy host: each page opened fresh
 * (empty cache and storage, the demo rider signed in) at 4× CPU throttling, builds alternating run
 * by run so that both see the same load. Per page and build, the median of: main-thread task time
 * and script time until the page shows its data (Chromium's Performance metrics), long tasks
 * (≥ 50 ms) and their total, elements in the DOM (custom elements apart), JS decoded, and LCP with
 * its element. Times grow with the host's load; compare the builds' ratio, not the figures.
 *
 *   npx tsx bench/h5-first-render.ts /tmp/before-h5 dist-h5 [runs, default 3]
 *   H5_PAGES=服务地图 …  (only those pages)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { startEmulator } from '../emulator'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { DEMO_RIDER, personas } from '../scripts/demo/personas'
import { localFunctionEnv } from '../scripts/function-env'
import { CHROMIUM, FLAGS } from '../e2e/harness'
import { PAGES } from './lighthouse.bench'
import { percentile } from './stats'

/** what shows the page's data (the LCP candidates once the first read answered) */
const SHOWS: Record<string, string> = {
  服务地图: '.place-row',
  微事我言: '.sg-btn',
  积分: '.page',
  积分商城: '.page',
  驿站详情: '.page',
}

interface Sample {
  taskMs: number
  scriptMs: number
  longTasks: number
  longTaskMs: number
  elements: number
  customElements: number
  jsKB: number
  lcpMs: number
  lcpElement: string
}

/** long tasks and LCP of each load, observed from its start (installed once per page: init scripts add up) */
async function observe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __lt: number[]; __lcp: { t: number; el: string } }
    w.__lt = []
    w.__lcp = { t: 0, el: '' }
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__lt.push(e.duration))).observe({ type: 'longtask', buffered: true })
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        const el = (e as PerformanceEntry & { element?: Element }).element
        w.__lcp = { t: e.startTime, el: el ? `${el.className || el.tagName}`.slice(0, 40) : '' }
      }),
    ).observe({ type: 'largest-contentful-paint', buffered: true })
  })
}

async function measure(page: Page, url: string, shows: string): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.clearBrowserCache')
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  await page.goto('about:blank')
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  const before = await metric()
  await page.goto(url)
  await page.locator(shows).first().waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  const after = await metric()
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __lt: number[]; __lcp: { t: number; el: string } }
    const all = document.querySelectorAll('*')
    return {
      lt: w.__lt,
      lcp: w.__lcp,
      elements: all.length,
      custom: Array.from(all).filter((e) => e.tagName.includes('-')).length,
      js: performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .reduce((s, e) => s + (e as PerformanceResourceTiming).decodedBodySize, 0),
    }
  })
  await cdp.detach()
  return {
    taskMs: Math.round((after.TaskDuration - before.TaskDuration) * 1000),
    scriptMs: Math.round((after.ScriptDuration - before.ScriptDuration) * 1000),
    longTasks: seen.lt.length,
    longTaskMs: Math.round(seen.lt.reduce((s, d) => s + d, 0)),
    elements: seen.elements,
    customElements: seen.custom,
    jsKB: Math.round(seen.js / 102.4) / 10,
    lcpMs: Math.round(seen.lcp.t),
    lcpElement: seen.lcp.el,
  }
}

async function main() {
  const [a, b, n] = process.argv.slice(2)
  if (!a || !b) throw new Error('usage: npx tsx bench/h5-first-render.ts <h5 root A> <h5 root B> [runs]')
  const runs = Number(n) || 3
  await buildFunctions()
  const only = process.env.H5_PAGES?.split(',')
  const pages = PAGES.filter((p) => !only || only.includes(p.name))
  const builds = [a, b].map((root) => resolve(root))
  const dirs: string[] = []
  const emulators = await Promise.all(
    builds.map(async (h5Root) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'xg-first-render-'))
      dirs.push(dataDir)
      const emulator = await startEmulator({ port: 0, dataDir, h5Root, personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir) })
      await emulator.database.importSnapshot(demoSnapshot(), { replace: true })
      return emulator
    }),
  )
  const profile = mkdtempSync(join(tmpdir(), 'xg-first-render-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await observe(page)
    // cookies are per host, not per port: each build's session is set again before its load
    const sessions = await Promise.all(
      emulators.map(async (emulator) => {
        const signin = await fetch(`${emulator.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: DEMO_RIDER.openid }) })
        if (signin.status !== 200) throw new Error(`dev sign-in answered HTTP ${signin.status}`)
        return signin.headers.getSetCookie().map((c) => c.split(';')[0]).map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: emulator.url }))
      }),
    )
    const load = async (k: number, route: string, shows: string) => {
      await context.clearCookies()
      await context.addCookies(sessions[k])
      return measure(page, `${emulators[k].url}/#${route}`, shows)
    }
    const rows: Record<string, unknown>[] = []
    for (const p of pages) {
      const samples: Sample[][] = [[], []]
      // one unmeasured load each: functions started
      for (let k = 0; k < 2; k++) await load(k, p.route, SHOWS[p.name])
      for (let i = 0; i < runs; i++) {
        for (let k = 0; k < 2; k++) {
          await page.evaluate(() => localStorage.clear()).catch(() => undefined)
          samples[k].push(await load(k, p.route, SHOWS[p.name]))
        }
      }
      samples.forEach((s, k) => {
        const med = (f: keyof Sample) => percentile(s.map((x) => x[f] as number), 50)
        rows.push({
          page: p.name,
          build: k ? 'B' : 'A',
          'task ms': med('taskMs'),
          'script ms': med('scriptMs'),
          'long tasks': med('longTasks'),
          'long task ms': med('longTaskMs'),
          elements: med('elements'),
          'custom el.': med('customElements'),
          'JS KB': med('jsKB'),
          'LCP ms': med('lcpMs'),
          'LCP element': s.map((x) => x.lcpElement).join(' | ').slice(0, 60),
        })
      })
    }
    console.log(`A = ${builds[0]}, B = ${builds[1]}, ${runs} runs each, alternating`)
    console.table(rows)
  } finally {
    await context.close()
    await Promise.all(emulators.map((e) => e.stop()))
    for (const d of [...dirs, profile]) rmSync(d, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
