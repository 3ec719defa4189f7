/**
 * 积分商城 redemption under contention: 20 concurrent clients (distinct verified riders) redeem the
 * same item through the real mall function (warm pool, real wx-server-sdk, the emulator's database
 * with CloudBase's transaction semantics), each sending its redemptions one after another: the worst
 * case of one popular item. Where the time goes is counted by the emulator per invocation:
 * transaction attempts, write conflicts, time plain writes waited for a lock, DB operations.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../emulator'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { toEjson } from '../scripts/demo/generate-places'
import { personas } from '../scripts/demo/personas'
import { localFunctionEnv } from '../scripts/function-env'
import { percentile, round } from './stats'
import type { BenchResult } from './types'
import { benchItem, benchRiders } from './fixtures'

const CLIENTS = 20
const LISTED_ITEMS = 100
const LIST_CALLS = 200

/** The rider's item list with a cover photo on every item: one query plus one temp-URL call per 50 covers. */
async function itemsList(emulator: Awaited<ReturnType<typeof startEmulator>>, now: Date): Promise<BenchResult[]> {
  const items = Array.from({ length: LISTED_ITEMS }, (_, i) => {
    const { fileID } = emulator.storage.put(`mall-items/bench/cover-${i}.jpg`, Buffer.alloc(2048, i), { uploader: 'bench', contentType: 'image/jpeg' })
    return toEjson(benchItem(`i-list-${i}`, new Date(now.getTime() + (i + 1) * 1000), [{ fileID, check: 'pass' }]))
  })
  await emulator.database.importSnapshot({ collections: { mallItems: items } })
  const samples: number[] = []
  let bytes = 0
  for (let i = 0; i < LIST_CALLS; i++) {
    const t = performance.now()
    const { result } = await emulator.functions.invoke('mall', { action: 'items', input: {} }, { openid: 'bench-rider-0' })
    samples.push(performance.now() - t)
    const r = result as { ok: boolean; data?: { coverUrl: string | null }[] }
    if (!r.ok || !r.data || r.data.length !== LISTED_ITEMS || r.data.some((d) => !d.coverUrl)) throw new Error('mall.items did not answer every item with its cover')
    bytes = Buffer.byteLength(JSON.stringify(result))
  }
  return [
    { name: `mall.items, ${LISTED_ITEMS} items with cover photos, p50`, value: round(percentile(samples, 50)), unit: 'ms' },
    { name: `mall.items, ${LISTED_ITEMS} items with cover photos, p99`, value: round(percentile(samples, 99)), unit: 'ms' },
    { name: `mall.items response (${LISTED_ITEMS} items)`, value: round(bytes / 1024), unit: 'KB' },
  ]
}
const PER_CLIENT = 25
const WARMUP_PER_CLIENT = 3

export async function run(): Promise<BenchResult[]> {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-bench-'))
  const emulator = await startEmulator({ port: 0, dataDir, personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir) })
  try {
    await emulator.database.importSnapshot(demoSnapshot())
    const now = new Date()
    const riders = Array.from({ length: CLIENTS }, (_, i) => `bench-rider-${i}`)
    await emulator.database.importSnapshot({
      collections: {
        ...benchRiders(riders, now),
        mallItems: [
          toEjson({ ...benchItem('i-bench', now), stock: 100_000, stockTotal: 100_000 }),
        ],
      },
    })
    await emulator.functions.prewarm('mall', 8)
    let n = 0
    let busy = 0
    const redeemOnce = async (openid: string) => {
      const { result, invocation } = await emulator.functions.invoke('mall', { action: 'redeem', input: { itemId: 'i-bench', key: `bench-${openid}-${n++}` } }, { openid })
      const r = result as { ok: boolean; error?: { code: string } }
      // CONFLICT: the transaction helper gave up after its retry budget (server/tx.ts) — counted
      if (!r.ok && r.error?.code === 'CONFLICT') busy++
      else if (!r.ok) throw new Error(`redeem failed: ${JSON.stringify(result)}`)
      return invocation.counters
    }
    await Promise.all(riders.map(async (id) => { for (let i = 0; i < WARMUP_PER_CLIENT; i++) await redeemOnce(id) }))
    busy = 0
    const samples: number[] = []
    let maxReads = 0
    let maxWrites = 0
    let attempts = 0
    let maxAttempts = 0
    let conflicts = 0
    let lockWaitMs = 0
    let reads = 0
    let writes = 0

    const started = performance.now()
    await Promise.all(
      riders.map(async (id) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          const t = performance.now()
          const c = await redeemOnce(id)
          samples.push(performance.now() - t)
          maxReads = Math.max(maxReads, c.reads)
          maxWrites = Math.max(maxWrites, c.writes)
          attempts += c.transactions ?? 0
          maxAttempts = Math.max(maxAttempts, c.transactions ?? 0)
          conflicts += c.conflicts ?? 0
          lockWaitMs += c.lockWaitMs ?? 0
          reads += c.reads
          writes += c.writes

        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const gaveUp = busy
    const p50 = round(percentile(samples, 50))
    const p99 = round(percentile(samples, 99))
    const list = await itemsList(emulator, now)
    return [
      ...list,
      { name: `mall.redeem, ${CLIENTS} concurrent clients, p50`, value: p50, unit: 'ms' },
      { name: `mall.redeem, ${CLIENTS} concurrent clients, p99`, value: p99, unit: 'ms' },
      { name: 'mall.redeem throughput (one item)', value: round((samples.length - gaveUp) / seconds, 0), unit: '/s' },
      { name: 'mall.redeem answered CONFLICT (busy) after the retry budget', value: gaveUp, unit: 'calls' },
      // where the time goes (the emulator counts each invocation's transactions, conflicts and lock waits)
      { name: 'mall.redeem transaction attempts per call, mean / worst', value: round(attempts / samples.length), unit: 'x', budget: `worst ${maxAttempts}` },
      { name: 'mall.redeem write conflicts per call, mean', value: round(conflicts / samples.length), unit: 'x' },
      { name: 'mall.redeem time waiting for a lock per call, mean', value: round(lockWaitMs / samples.length), unit: 'ms' },
      { name: 'mall.redeem DB ops per transaction attempt (reads / writes)', value: round(reads / Math.max(1, attempts)), unit: 'reads', budget: `${round(writes / Math.max(1, attempts))} writes` },
      { name: 'mall.redeem DB ops, worst call (reads)', value: maxReads, unit: 'reads', budget: '≤ 2 (conflict retries add more)' },
      { name: 'mall.redeem DB ops, worst call (writes)', value: maxWrites, unit: 'writes', budget: '≤ 4 (conflict retries add more)' },
    ]
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
