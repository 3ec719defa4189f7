/**
 * Every list action at 1k / 10k / 100k documents (issue 15: "every list costs a page, not a
 * collection"). The demo data (scripts/demo) is the current data at every size; each listed
 * collection is filled up to the size with copies of its demo documents moved back in time (a
 * district's history: old reports, past activities that stay `open`, a long-time rider's ledger,
 * old applications). Each action is called through the functions runtime as its user would;
 * reported per size: p50, p95, DB reads per call, documents examined per call (the emulator's
 * planner counts them), and at the end each action's p50 growth from 1k to 100k (target ≤ 2×), the
 * sizes' calls interleaved (see run).
 * Run standalone: npx tsx bench/lists.bench.ts [sizes, e.g. 1000,10000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../emulator'
import type { Snapshot } from '../emulator/database'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { personas } from '../scripts/demo/personas'
import { localFunctionEnv } from '../scripts/function-env'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const SIZES = [1_000, 10_000, 100_000]
const CALLS = 40
const WARMUP = 3
const MINUTE = 60_000

const RIDER = 'demo-rider-zhang'
const WORKER = 'demo-worker-chen'
const ADMIN = 'demo-admin-sun'

interface ListAction {
  label: string
  fn: string
  action: string
  input: Record<string, unknown>
  openid: string
}

const ACTIONS: ListAction[] = [
  { label: 'suggestions.board', fn: 'suggestions', action: 'board', input: { communityId: 'c-xinheping', limit: 20 }, openid: RIDER },
  { label: 'suggestions.mine', fn: 'suggestions', action: 'mine', input: { limit: 20 }, openid: RIDER },
  { label: 'suggestions.queue (worker)', fn: 'suggestions', action: 'queue', input: { limit: 50 }, openid: WORKER },
  { label: 'suggestions.queue (admin)', fn: 'suggestions', action: 'queue', input: { limit: 50 }, openid: ADMIN },
  { label: 'suggestions.stats (worker)', fn: 'suggestions', action: 'stats', input: {}, openid: WORKER },
  { label: 'suggestions.stats (admin)', fn: 'suggestions', action: 'stats', input: {}, openid: ADMIN },
  { label: 'volunteer.list', fn: 'volunteer', action: 'list', input: { limit: 20 }, openid: RIDER },
  { label: 'volunteer.listManaged (worker)', fn: 'volunteer', action: 'listManaged', input: { includePast: false }, openid: WORKER },
  { label: 'volunteer.listManaged (admin)', fn: 'volunteer', action: 'listManaged', input: { includePast: true }, openid: ADMIN },
  { label: 'points.history', fn: 'points', action: 'history', input: { limit: 20 }, openid: RIDER },
  { label: 'mall.items', fn: 'mall', action: 'items', input: {}, openid: RIDER },
  { label: 'mall.myVouchers', fn: 'mall', action: 'myVouchers', input: {}, openid: RIDER },
  { label: 'mall.manageItems (admin)', fn: 'mall', action: 'manageItems', input: {}, openid: ADMIN },
  { label: 'merchant.pending (admin)', fn: 'merchant', action: 'pending', input: {}, openid: ADMIN },
  { label: 'identity.queue (admin)', fn: 'identity', action: 'queue', input: {}, openid: ADMIN },
  { label: 'admin.listStaff', fn: 'admin', action: 'listStaff', input: {}, openid: ADMIN },
]

/** The collections filled up to the size, and the fields a copy must change to stay unique. */
const SCALED: Record<string, string[]> = {
  suggestions: ['quotaKey'],
  activities: [],
  ledger: ['idempotencyKey'],
  mallItems: [],
  merchants: [],
  users: [],
}

type Json = Record<string, unknown>

/** A copy of an EJSON document with every date moved back by `ms`. */
function shifted(v: unknown, ms: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shifted(x, ms))
  if (v && typeof v === 'object') {
    const o = v as Json
    if (o.$date && typeof o.$date === 'object' && typeof (o.$date as Json).$numberLong === 'string')
      return { $date: { $numberLong: String(Number((o.$date as Json).$numberLong) - ms) } }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, shifted(x, ms)]))
  }
  return v
}

/** The demo snapshot with each scaled collection filled up to `n` documents of history. */
export function scaledSnapshot(n: number): Snapshot {
  const snap = demoSnapshot()
  for (const [name, unique] of Object.entries(SCALED)) {
    const base = (snap.collections[name] ?? []) as Json[]
    // users: only the riders' applications are history; staff and demo riders stay as they are
    const pattern = name === 'users' ? base.filter((d) => (d.verification as Json | undefined)?.status === 'pending') : base
    if (!pattern.length) continue
    const out = [...base]
    for (let i = 0; out.length < n; i++) {
      const d = shifted(pattern[i % pattern.length], (Math.floor(i / pattern.length) + 1) * 7 * 24 * 60 * MINUTE + i * MINUTE) as Json
      d._id = `${d._id}-h${i}`
      for (const f of unique) if (typeof d[f] === 'string') d[f] = `${d[f]}-h${i}`
      if (name === 'users') d.verification = { ...(d.verification as Json), riderId: `R${String(900000 + i)}` }
      out.push(d)
    }
    snap.collections[name] = out
  }
  return snap
}

interface Row {
  size: number
  p50: number
  p95: number
  reads: number
  examined: number
}

/** One call of an action, as its user makes it: the time, DB reads and documents examined. */
async function callOnce(emulator: RunningEmulator, a: ListAction, label: string): Promise<{ ms: number; reads: number; examined: number }> {
  for (let timeouts = 0; ; timeouts++) {
    const t = performance.now()
    try {
      const { result, invocation } = await emulator.functions.invoke(a.fn, { action: a.action, input: a.input }, { openid: a.openid })
      const ms = performance.now() - t
      if (!(result as { ok?: boolean }).ok) throw new Error(`${label}: ${JSON.stringify(result).slice(0, 300)}`)
      return { ms, reads: invocation.counters.reads, examined: invocation.counters.docsExamined ?? 0 }
    } catch (e) {
      // a cold instance on a loaded machine can miss the function's timeout: try again, a few times
      if ((e as { code?: string }).code !== 'FUNCTION_TIMEOUT' || timeouts >= 3) throw e
    }
  }
}

export async function run(sizes = SIZES): Promise<BenchResult[]> {
  await buildFunctions()
  const rows = new Map<string, Row[]>()
  // Every size's emulator runs at once and each action is called round-robin over the sizes: the
  // growth figure is a ratio of calls made in the same seconds, so a busy moment of the machine
  // (or the GC after a 100k import) weighs on every size alike instead of on one.
  const dirs = sizes.map(() => mkdtempSync(join(tmpdir(), 'xg-bench-lists-')))
  const emulators: RunningEmulator[] = []
  try {
    for (const [i, size] of sizes.entries()) {
      const emulator = await startEmulator({ port: 0, dataDir: dirs[i], personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dirs[i]), maxInstancesPerFunction: 1 })
      emulators.push(emulator)
      await emulator.database.importSnapshot(scaledSnapshot(size), { replace: true })
    }
    for (const a of ACTIONS) {
      const samples = sizes.map((): number[] => [])
      const reads = sizes.map(() => 0)
      const examined = sizes.map(() => 0)
      for (let round = 0; round < CALLS + WARMUP; round++) {
        for (const [i, size] of sizes.entries()) {
          const r = await callOnce(emulators[i], a, `${a.label} at ${size}`)
          if (round < WARMUP) continue
          samples[i].push(r.ms)
          reads[i] = Math.max(reads[i], r.reads)
          examined[i] = Math.max(examined[i], r.examined)
        }
      }
      const list = sizes.map((size, i) => ({ size, p50: round(percentile(samples[i], 50)), p95: round(percentile(samples[i], 95)), reads: reads[i], examined: examined[i] }))
      rows.set(a.label, list)
      if (process.env.BENCH_PROGRESS) for (const row of list) console.error(`${a.label} @${row.size}: p50 ${row.p50} ms, p95 ${row.p95} ms, ${row.reads} reads, ${row.examined} docs examined`)
    }
  } finally {
    for (const e of emulators) await e.stop()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }
  const out: BenchResult[] = []
  const k = (n: number) => `${n / 1000}k`
  for (const [label, list] of rows) {
    for (const r of list) {
      out.push({ name: `${label} @${k(r.size)} p50`, value: r.p50, unit: 'ms' })
      out.push({ name: `${label} @${k(r.size)} p95`, value: r.p95, unit: 'ms' })
      out.push({ name: `${label} @${k(r.size)} DB reads / docs examined`, value: r.examined, unit: `docs, ${r.reads} reads` })
    }
    if (list.length > 1) {
      const growth = round(list[list.length - 1].p50 / list[0].p50)
      out.push({ name: `${label} p50 growth ${k(list[0].size)} → ${k(list[list.length - 1].size)}`, value: growth, unit: '×', budget: '≤ 2×', ok: growth <= 2 })
    }
  }
  return out
}

if (require.main === module) {
  const sizes = process.argv[2] ? process.argv[2].split(',').map(Number) : SIZES
  run(sizes).then((r) => {
    for (const x of r) console.log(`${x.name.padEnd(64)} ${String(x.value).padStart(9)} ${x.unit} ${x.budget ?? ''}${x.ok === undefined ? '' : x.ok ? ' ✓' : ' ✗'}`)
  })
}
