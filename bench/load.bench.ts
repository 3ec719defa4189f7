/**
 * Sustained load at the basic plan's rate (30 QPS; shared/design/performance-budget.md) on a mixed
 * workload, against the emulator with the demo data plus RIDERS verified bench riders:
 *   - 服务地图 `places.nearby` around the demo communities (with and without filters);
 *   - 微事我言 reports (`suggestions.create`) and lists (`board`, `mine`);
 *   - 积分商城 `mall.items` and `mall.redeem` (a few items, one of them popular);
 *   - 志愿服务 `volunteer.list` and `volunteer.signUp`.
 *
 * Open loop: request i is sent at its scheduled instant (Poisson arrivals at QPS) whether or not the
 * earlier ones have answered, and its latency is counted from that instant, so a backlog in the
 * functions' instance pools shows as latency instead of silently slowing the generator down
 * (a closed loop would hide it: "coordinated omission").
 *
 * An answer is an error when the call failed (timeout, crash, INTERNAL) or answered CONFLICT (busy
 * after the transaction retry budget); a refusal the product means (sold out, limit reached, already
 * signed up, daily report limit) is an answer, counted apart.
 *
 * Duration and rate: LOAD_SECONDS (default 60), LOAD_QPS (default 30); LOAD_INSTANCES warm instances
 * per function (default 4: four functions × 4 processes already outnumber the 2 cores of the
 * development machine; more instances only add cold starts and context switches there).
 * Run standalone: npx tsx bench/load.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../emulator'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { demoPlaces } from '../scripts/demo/places'
import { demoActivities } from '../scripts/demo/volunteer'
import { rng, toEjson } from '../scripts/demo/generate-places'
import { personas } from '../scripts/demo/personas'
import { localFunctionEnv } from '../scripts/function-env'
import { SUGGESTION_CATEGORIES } from '../domain/suggestions/model'
import { benchItem, benchRiders } from './fixtures'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const SECONDS = Number(process.env.LOAD_SECONDS) || 60
const QPS = Number(process.env.LOAD_QPS) || 30
/** warm instances per function, started before the run (no cold start inside it) and the pool's cap */
const INSTANCES = Number(process.env.LOAD_INSTANCES) || 4
const RIDERS = 300
const ITEMS = ['i-load-popular', 'i-load-1', 'i-load-2', 'i-load-3']
/** what the product answers on purpose: not an error of the system */
const REFUSALS = new Set(['SOLD_OUT', 'LIMIT_REACHED', 'INSUFFICIENT_POINTS', 'RATE_LIMITED', 'CONFLICT'])
/** CONFLICT is also "already signed up" or "clashes with another activity"; busy is only this answer (server/tx.ts TxBusyError, mall.redeem) */
const BUSY = /稍后重试/

type Call = { fn: string; action: string; input: Record<string, unknown>; openid: string }
type Kind = { name: string; weight: number; make: (i: number) => Call }

function workload(riders: string[]): Kind[] {
  const rand = rng(14)
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]
  const rider = () => pick(riders)
  // spots riders actually use: the demo places (three communities), a few hundred metres off
  const near = () => {
    const p = pick(demoPlaces)
    const [lng, lat] = (p.location as unknown as { coordinates: [number, number] }).coordinates
    return { longitude: round(lng + (rand() - 0.5) * 0.01, 6), latitude: round(lat + (rand() - 0.5) * 0.01, 6) }
  }
  const communities = ['c-xinheping', 'c-jinzhu', 'c-xixi']
  const activities = demoActivities().map((a) => a._id)
  let signUps = 0
  return [
    { name: 'places.nearby', weight: 35, make: () => ({ fn: 'places', action: 'nearby', openid: rider(), input: { ...near(), radius: 3000, ...(rand() < 0.3 ? { kinds: ['station'] } : {}) } }) },
    { name: 'suggestions.board', weight: 12, make: () => ({ fn: 'suggestions', action: 'board', openid: rider(), input: { communityId: pick(communities) } }) },
    { name: 'suggestions.mine', weight: 6, make: () => ({ fn: 'suggestions', action: 'mine', openid: rider(), input: {} }) },
    {
      name: 'suggestions.create',
      weight: 7,
      make: (i) => ({ fn: 'suggestions', action: 'create', openid: rider(), input: { category: pick(SUGGESTION_CATEGORIES), text: `路口电动车乱停，影响通行（压测 ${i}）`, location: near() } }),
    },
    { name: 'mall.items', weight: 12, make: () => ({ fn: 'mall', action: 'items', openid: rider(), input: {} }) },
    {
      name: 'mall.redeem',
      weight: 10,
      // half of the redemptions go to one popular item
      make: (i) => ({ fn: 'mall', action: 'redeem', openid: rider(), input: { itemId: rand() < 0.5 ? ITEMS[0] : pick(ITEMS.slice(1)), key: `load-key-${i}` } }),
    },
    { name: 'volunteer.list', weight: 10, make: () => ({ fn: 'volunteer', action: 'list', openid: rider(), input: {} }) },
    {
      name: 'volunteer.signUp',
      weight: 8,
      // each rider signs up for each activity at most once (a repeat is a refusal, not load)
      make: () => {
        const n = signUps++
        return { fn: 'volunteer', action: 'signUp', openid: riders[n % riders.length], input: { activityId: activities[Math.floor(n / riders.length) % activities.length] } }
      },
    },
  ]
}

const progress = (m: string) => {
  if (process.env.LOAD_DEBUG) console.error(`[load ${new Date().toISOString()}] ${m}`)
}

interface Outcome {
  kind: string
  ms: number
  status: 'ok' | 'refused' | 'error'
  code?: string
}

export async function run(): Promise<BenchResult[]> {
  await buildFunctions()
  progress('functions built')
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-bench-load-'))
  const emulator = await startEmulator({ port: 0, dataDir, personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir), maxInstancesPerFunction: INSTANCES })
  try {
    await emulator.database.importSnapshot(demoSnapshot())
    const now = new Date()
    const riders = Array.from({ length: RIDERS }, (_, i) => `bench-load-rider-${i}`)
    await emulator.database.importSnapshot({
      collections: {
        ...benchRiders(riders, now),
        mallItems: ITEMS.map((id) => toEjson({ ...benchItem(id, now), stock: 100_000, stockTotal: 100_000 })),
      },
    })
    for (const fn of ['places', 'suggestions', 'mall', 'volunteer']) await emulator.functions.prewarm(fn, INSTANCES)

    progress('data imported, pools warm')
    const kinds = workload(riders)
    const total = kinds.reduce((s, k) => s + k.weight, 0)
    const arrivals = rng(30)
    const chooser = rng(31)
    const choose = () => {
      let r = chooser() * total
      for (const k of kinds) if ((r -= k.weight) < 0) return k
      return kinds[kinds.length - 1]
    }
    if (process.env.LOAD_DEBUG) {
      for (const k of kinds) {
        const c = k.make(0)
        const t = performance.now()
        const { result } = await emulator.functions.invoke(c.fn, { action: c.action, input: c.input }, { openid: c.openid })
        progress(`${k.name} ${round(performance.now() - t)} ms ${JSON.stringify(result).slice(0, 160)}`)
      }
    }
    const n = Math.round(SECONDS * QPS)
    const outcomes: Outcome[] = []
    const inFlight: Promise<void>[] = []
    let maxInFlight = 0
    let open = 0
    const loadBefore = round(loadavg()[0], 1)
    const started = performance.now()
    let at = 0
    for (let i = 0; i < n; i++) {
      at += (-Math.log(1 - arrivals()) / QPS) * 1000 // Poisson arrivals: exponential gaps
      const kind = choose()
      const call = kind.make(i)
      const wait = started + at - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      const scheduled = started + at
      open++
      maxInFlight = Math.max(maxInFlight, open)
      inFlight.push(
        emulator.functions
          .invoke(call.fn, { action: call.action, input: call.input }, { openid: call.openid })
          .then(
            ({ result }) => {
              const r = result as { ok: boolean; error?: { code: string; message: string } }
              const code = r.ok ? undefined : r.error?.code
              const refused = REFUSALS.has(code ?? '') && !BUSY.test(r.error?.message ?? '')
              return { status: r.ok ? 'ok' : refused ? 'refused' : 'error', code } as const
            },
            (err: { code?: string }) => ({ status: 'error', code: err?.code ?? 'FUNCTION_ERROR' }) as const,
          )
          .then((o) => {
            open--
            outcomes.push({ kind: kind.name, ms: performance.now() - scheduled, ...o })
          }),
      )
    }
    progress(`all ${n} sent; waiting for ${open} answers`)
    await Promise.all(inFlight)
    const seconds = (performance.now() - started) / 1000

    const rows: BenchResult[] = [{ name: 'load: host load average (1 min) before / after the run', value: loadBefore, unit: '', budget: `${round(loadavg()[0], 1)} after (2 cores; figures scale with it)` }]
    const all = outcomes.map((o) => o.ms)
    const errors = outcomes.filter((o) => o.status === 'error')
    const errorRate = round((errors.length / outcomes.length) * 100)
    rows.push(
      { name: `load ${QPS} QPS × ${SECONDS} s (open loop): calls sent / answered per s`, value: outcomes.length, unit: 'calls', budget: `${round(outcomes.length / seconds, 1)} per s` },
      { name: 'load: all actions p50', value: round(percentile(all, 50)), unit: 'ms' },
      { name: 'load: all actions p99', value: round(percentile(all, 99)), unit: 'ms', budget: '< 3 s (function timeout)', ok: percentile(all, 99) < 3000 },
      { name: 'load: error rate (failed, timed out or busy)', value: errorRate, unit: '%', budget: '≤ 0.1 %', ok: errorRate <= 0.1 },
      { name: 'load: most calls in flight at once', value: maxInFlight, unit: 'calls' },
    )
    for (const k of kinds) {
      const mine = outcomes.filter((o) => o.kind === k.name)
      const ms = mine.map((o) => o.ms)
      const errs = mine.filter((o) => o.status === 'error')
      const refused = mine.filter((o) => o.status === 'refused')
      const codes = [...new Set(errs.map((o) => o.code))].join(',')
      rows.push({
        name: `load ${k.name}: calls / p50 / p99 / errors / refusals`,
        value: mine.length,
        unit: 'calls',
        budget: `p50 ${round(percentile(ms, 50))} ms, p99 ${round(percentile(ms, 99))} ms, ${errs.length} errors${codes ? ` (${codes})` : ''}, ${refused.length} refused`,
        ok: errs.length === 0 && percentile(ms, 99) < 3000,
      })
    }
    return rows
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
