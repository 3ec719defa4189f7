/**
 * `npm run bench`: every figure of shared/design/performance-budget.md this project measures,
 * printed against its budget. Timings never fail the run (they depend on the machine); the
 * package-size hard limit is enforced by the test pipeline instead.
 */
import type { BenchResult } from './types'

const suites: { name: string; load: () => Promise<{ run: () => Promise<BenchResult[]> }> }[] = [
  { name: 'weapp package sizes', load: () => import('../scripts/package-size') },
  { name: 'cloud function bundle sizes and cold loads', load: () => import('../scripts/function-sizes') },
  { name: 'user.me through the gateway', load: () => import('./user-me.bench') },
  { name: 'emulator database', load: () => import('./db.bench') },
  { name: 'transactions under contention', load: () => import('./tx.bench') },
  { name: 'emulator functions runtime', load: () => import('./functions.bench') },
  { name: '服务地图 places.nearby', load: () => import('./places.bench') },
  { name: '小区通行指引 compounds.search', load: () => import('./compounds.bench') },
  { name: '积分商城 mall.redeem', load: () => import('./redeem.bench') },
  { name: 'sustained load, 30 QPS mixed workload (open loop)', load: () => import('./load.bench') },
  { name: 'every list action at 1k / 10k / 100k documents', load: () => import('./lists.bench') },
  { name: '工作台 with a year of data for 20 communities', load: () => import('./workbench.bench') },
  { name: 'h5 first load (Lighthouse 12, mobile, slow 4G, 4× CPU)', load: () => import('./lighthouse.bench') },
  { name: 'database save and restart at 100k / 1M places', load: () => import('./durability.bench') },
]

async function main(): Promise<void> {
  const rows: (BenchResult & { suite: string })[] = []
  for (const suite of suites) {
    process.stdout.write(`running ${suite.name}… `)
    const started = Date.now()
    try {
      const results = await (await suite.load()).run()
      rows.push(...results.map((r) => ({ suite: suite.name, ...r })))
      console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`)
    } catch (err) {
      console.log('failed')
      console.error(err)
      process.exitCode = 1
    }
  }
  console.log('')
  const width = Math.max(...rows.map((r) => r.name.length))
  for (const r of rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ✓ within budget' : '  ✗ over budget'
    console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit.padEnd(6)} ${r.budget ?? ''}${verdict}`)
  }
}

main().then(() => process.exit(process.exitCode ?? 0))
