/**
 * h5 first load of the four main pages, as Lighthouse 12 measures it: mobile, simulated slow 4G and
 * 4× CPU slowdown (Lighthouse's default mobile settings), the demo rider signed in, the emulator
 * serving the production h5 build with the demo data; median of 3 runs per page. Each run is a
 * first visit: HTTP cache and local storage are cleared (a returning rider's cached answers would
 * hide the network). Budgets: shared/design/performance-budget.md.
 *
 * Lighthouse simulates the slow phone from the host's own trace, so LCP and TBT grow with the host's
 * load: compare figures of one run, and read them with the host's benchmarkIndex (printed). Transfer
 * sizes do not depend on the host. LIGHTHOUSE_SAVE=<dir> keeps each run's report as JSON;
 * `npx tsx bench/lighthouse-summary.ts <dir>` prints its host-independent figures. LIGHTHOUSE_TRACE=1
 * (with LIGHTHOUSE_SAVE) also keeps Lighthouse's own trace with JS samples (`<page>-<n>.trace.json`,
 * the V8 CPU profiler category added): its long tasks are read by `bench/lighthouse-tasks.ts`.
 *
 *   NODE_ENV=production npx taro build --type h5 && npx tsx bench/lighthouse.bench.ts
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startEmulator } from '../emulator'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { DEMO_RIDER, personas } from '../scripts/demo/personas'
import { localFunctionEnv } from '../scripts/function-env'
import { CHROMIUM, FLAGS, ROOT } from '../e2e/harness'
import { MALL_HOME, PLACE_DETAIL } from '../src/routes'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3)
/** 驿站 of the demo data (scripts/demo/places.ts) */
const STATION_ID = 'p-wl-001'
export const PAGES: { name: string; route: string }[] = [
  { name: '服务地图', route: '/pages/map/index' },
  { name: '微事我言', route: '/pages/suggestions/index' },
  { name: '积分', route: '/pages/points/index' },
  { name: '积分商城', route: MALL_HOME },
  { name: '驿站详情', route: `${PLACE_DETAIL}?id=${STATION_ID}` },
]

interface Figures {
  /** Lighthouse's measure of the host's CPU speed during the run (higher is faster; a busy host scores low) */
  benchmarkIndex: number
  lcp: number
  tbt: number
  cls: number
  transfer: number
  scripts: number
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

export async function run(): Promise<BenchResult[]> {
  // LIGHTHOUSE_H5_ROOT: measure a copy of a build (e.g. before a change) while dist-h5 is rebuilt
  const h5Root = process.env.LIGHTHOUSE_H5_ROOT || join(ROOT, 'dist-h5')
  if (!existsSync(join(h5Root, 'index.html'))) throw new Error(`${h5Root}/index.html missing: NODE_ENV=production npx taro build --type h5 first`)
  await buildFunctions()
  // lighthouse is an ES module only
  const { default: lighthouse } = await import('lighthouse')
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-bench-lh-'))
  const profile = mkdtempSync(join(tmpdir(), 'xg-bench-lh-profile-'))
  const emulator = await startEmulator({ port: 0, dataDir, h5Root, personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir) })
  const port = await freePort()
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...FLAGS, `--remote-debugging-port=${port}`] })
  try {
    await emulator.database.importSnapshot(demoSnapshot(), { replace: true })
    const signin = await fetch(`${emulator.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: DEMO_RIDER.openid }) })
    const cookies = signin.headers.getSetCookie().map((c) => c.split(';')[0])
    if (signin.status !== 200 || !cookies.length) throw new Error(`dev sign-in answered HTTP ${signin.status}`)
    // Lighthouse keeps cookies between runs; the session is the browser's, as after the persona picker
    await browser.addCookies(cookies.map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: emulator.url })))
    const results: BenchResult[] = []
    const only = process.env.LIGHTHOUSE_PAGES?.split(',')
    const trace = !!process.env.LIGHTHOUSE_TRACE && !!process.env.LIGHTHOUSE_SAVE
    for (const page of PAGES.filter((p) => !only || only.includes(p.name))) {
      const url = `${emulator.url}/#${page.route}`
      // one unmeasured load: functions started, compressed bytes cached (as a production CDN has them)
      await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] })
      const runs: Figures[] = []
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
          clearStorageTypes: ['file_systems', 'shader_cache', 'service_workers', 'cache_storage', 'local_storage', 'indexeddb', 'websql'],
          // Lighthouse leaves JS samples out of its trace; a long task is only readable with them
          ...(trace ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
        })
        const lhr = result?.lhr
        if (!lhr) throw new Error(`lighthouse gave no result for ${url}`)
        if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
        // the whole report (critical-request-chains, bootup-time, lcp-breakdown…): host-independent figures to read
        if (process.env.LIGHTHOUSE_SAVE) {
          mkdirSync(process.env.LIGHTHOUSE_SAVE, { recursive: true })
          writeFileSync(join(process.env.LIGHTHOUSE_SAVE, `${page.name}-${i + 1}.json`), JSON.stringify(lhr))
          if (trace) writeFileSync(join(process.env.LIGHTHOUSE_SAVE, `${page.name}-${i + 1}.trace.json`), JSON.stringify(result.artifacts.Trace))
        }
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN
        const items = (lhr.audits['network-requests']?.details as { items?: { transferSize?: number; resourceType?: string }[] } | undefined)?.items ?? []
        if (process.env.LIGHTHOUSE_VERBOSE) {
          const fns = (items as { url?: string; statusCode?: number }[]).filter((r) => r.url?.includes('/fn/')).map((r) => `${r.url?.split('/fn/')[1]} ${r.statusCode}`)
          console.log(page.name, 'calls', fns.join(', '))
        }
        runs.push({
          benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
          lcp: audit('largest-contentful-paint'),
          tbt: audit('total-blocking-time'),
          cls: audit('cumulative-layout-shift'),
          transfer: audit('total-byte-weight'),
          scripts: items.filter((r) => r.resourceType === 'Script').reduce((s, r) => s + (r.transferSize ?? 0), 0),
        })
      }
      const median = (k: keyof Figures) => percentile(runs.map((r) => r[k]), 50)
      const lcp = round(median('lcp') / 1000)
      const tbt = Math.round(median('tbt'))
      const cls = round(median('cls'))
      const kb = (b: number) => round(b / 1024)
      results.push(
        { name: `h5 ${page.name} LCP (median of ${RUNS})`, value: lcp, unit: 's', budget: 'goal ≤ 2.0 s, good ≤ 2.5 s', ok: lcp <= 2.0 },
        { name: `h5 ${page.name} TBT`, value: tbt, unit: 'ms', budget: 'good ≤ 200 ms (Lighthouse)', ok: tbt <= 200 },
        { name: `h5 ${page.name} CLS`, value: cls, unit: '', budget: 'goal ≤ 0.05, good ≤ 0.1', ok: cls <= 0.05 },
        { name: `h5 ${page.name} transfer`, value: kb(median('transfer')), unit: 'KB', budget: '—' },
        { name: `h5 ${page.name} host benchmarkIndex (simulated timings scale with it)`, value: Math.round(median('benchmarkIndex')), unit: '', budget: '—' },
        { name: `h5 ${page.name} JS transfer`, value: kb(median('scripts')), unit: 'KB', budget: 'first-load JS ≤ 300 KB gzip', ok: median('scripts') <= 300 * 1024 },
      )
      if (process.env.LIGHTHOUSE_VERBOSE) console.log(page.name, runs)
    }
    return results
  } finally {
    await browser.close()
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
