/**
 * 工作台 with a year of data for 20 communities (issue 17): `workbench.figures` over 7 / 30 / 90
 * days as a worker of 2 communities and as the district's admin (all 20), and `workbench.todo`,
 * each through the functions runtime. The year is 365 × 20 `statsDaily` roll-ups (what the timer
 * leaves), so the figures read O(days × communities) documents, whatever the events were.
 * Reported: p50, p95, DB reads and documents examined per call. Run standalone: npx tsx bench/workbench.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../emulator'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { demoStats } from '../scripts/demo/stats'
import { toEjson } from '../scripts/demo/generate-places'
import { personas } from '../scripts/demo/personas'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const COMMUNITIES = Array.from({ length: 20 }, (_, i) => (i < 3 ? ['c-xinheping', 'c-jinzhu', 'c-xixi'][i] : `c-bench-${String(i).padStart(2, '0')}`))
const CALLS = 30
const WARMUP = 3

const CASES = [
  { label: 'workbench.todo (worker, 2 communities)', action: 'todo', input: {}, openid: 'demo-worker-chen' },
  { label: 'workbench.todo (admin, district)', action: 'todo', input: {}, openid: 'demo-admin-sun' },
  ...[7, 30, 90].flatMap((days) => [
    { label: `workbench.figures ${days} d (worker, 2 communities)`, action: 'figures', input: { days }, openid: 'demo-worker-chen' },
    { label: `workbench.figures ${days} d (admin, 20 communities)`, action: 'figures', input: { days }, openid: 'demo-admin-sun' },
  ]),
]

export async function run(): Promise<BenchResult[]> {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-bench-workbench-'))
  const emulator = await startEmulator({ port: 0, dataDir, personas, reset: true, quiet: true, maxInstancesPerFunction: 1 })
  const out: BenchResult[] = []
  try {
    const snap = demoSnapshot()
    const extra = COMMUNITIES.slice(3).map((id, i) => ({ _id: id, name: `测试社区${i + 4}`, street: '测试街道', district: '测试区', createdAt: new Date('2026-08-02T00:00:00+08:00') }))
    snap.collections.communities = [...(snap.collections.communities ?? []), ...extra.map(toEjson)]
    snap.collections.statsDaily = demoStats(COMMUNITIES, 365).map(toEjson)
    await emulator.database.importSnapshot(snap, { replace: true })
    for (const c of CASES) {
      const samples: number[] = []
      let reads = 0
      let examined = 0
      for (let i = 0; i < WARMUP + CALLS; i++) {
        const t0 = performance.now()
        const { result, invocation } = await emulator.functions.invoke('workbench', { action: c.action, input: c.input }, { openid: c.openid })
        const ms = performance.now() - t0
        if (!(result as { ok?: boolean }).ok) throw new Error(`${c.label}: ${JSON.stringify(result)}`)
        if (i < WARMUP) continue
        samples.push(ms)
        reads = Math.max(reads, invocation.counters.reads)
        examined = Math.max(examined, invocation.counters.docsExamined ?? 0)
      }
      out.push({ name: `${c.label} p50`, value: round(percentile(samples, 50)), unit: 'ms' })
      out.push({ name: `${c.label} p95`, value: round(percentile(samples, 95)), unit: 'ms' })
      out.push({ name: `${c.label} DB reads / docs examined`, value: examined, unit: `docs, ${reads} reads` })
    }
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return out
}

if (require.main === module) {
  run().then((rows) => {
    for (const r of rows) console.log(`${r.name.padEnd(56)} ${String(r.value).padStart(9)} ${r.unit}`)
    process.exit(0)
  })
}
