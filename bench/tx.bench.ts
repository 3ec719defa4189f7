/**
 * Transaction throughput under contention, through the real wx-server-sdk and the project's
 * transaction helper (server/tx.ts runTx) against the emulator's database:
 *   - one hot document: CLIENTS concurrent clients each make PER_CLIENT read-modify-write
 *     increments of the same counter;
 *   - many documents: the same, each increment on a random one of DOCS counters.
 * Every increment must land exactly once (checked); the figures are committed increments per
 * second, attempts per commit (conflicts retried) and the per-increment latency.
 * Run standalone: npx tsx bench/tx.bench.ts
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createDatabaseService } from '../emulator/database'
import { loadSdk, startAdminServer } from '../emulator/database/testing'
import type { Database } from '../server/cloud'
import { runTx, txGet } from '../server/tx'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const CLIENTS = 8 // as many as the emulator runs at once per function
const PER_CLIENT = 25
const DOCS = 1000
/** the retry budget of a function with a 5 s timeout, like every function here that uses transactions */
const BUDGET_MS = 3000

interface Counter {
  _id: string
  n: number
}

async function contend(db: Database, label: string, pick: () => string): Promise<BenchResult[]> {
  let attempts = 0
  let failed = 0
  const samples: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const id = pick()
        const t0 = performance.now()
        try {
          await runTx(db, async (t) => {
            attempts++
            const c = await txGet<Counter>(t, 'counters', id)
            await t.collection('counters').doc(id).update({ data: { n: (c?.n ?? 0) + 1 } })
          }, { budgetMs: BUDGET_MS })
          samples.push(performance.now() - t0)
        } catch {
          failed++
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const commits = samples.length
  return [
    { name: `tx ${label}: committed increments/s (${CLIENTS} clients × ${PER_CLIENT})`, value: round(commits / seconds, 0), unit: '/s' },
    { name: `tx ${label}: attempts per commit`, value: round(attempts / Math.max(1, commits), 2), unit: 'x' },
    { name: `tx ${label}: gave up (busy)`, value: failed, unit: 'calls' },
    { name: `tx ${label}: latency p50`, value: round(percentile(samples, 50)), unit: 'ms' },
    { name: `tx ${label}: latency p99`, value: round(percentile(samples, 99)), unit: 'ms' },
  ]
}

async function total(db: Database): Promise<number> {
  const res = (await db.collection('counters').aggregate().group({ _id: null, n: db.command.aggregate.sum('$n') }).end()) as unknown as { list: { n: number }[] }
  return res.list[0]?.n ?? 0
}

export async function run(): Promise<BenchResult[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-bench-'))
  const schemaDir = path.join(tmp, 'schema')
  fs.mkdirSync(schemaDir)
  fs.writeFileSync(path.join(schemaDir, 'counters.json'), JSON.stringify({ name: 'counters', indexes: [] }))
  const svc = await createDatabaseService({ dataDir: path.join(tmp, 'data'), schemaDir })
  const srv = await startAdminServer(svc.handle)
  try {
    const db = loadSdk(srv.port).database() as Database
    await svc.importSnapshot({ collections: { counters: [{ _id: 'hot', n: 0 }, ...Array.from({ length: DOCS }, (_, i) => ({ _id: `c${i}`, n: 0 }))] } })
    // warm up (connection, JIT)
    for (let i = 0; i < 20; i++) await runTx(db, async (t) => void (await txGet(t, 'counters', `c${i}`)))

    const hot = await contend(db, 'one hot document', () => 'hot')
    const many = await contend(db, `${DOCS} documents`, () => `c${Math.floor(Math.random() * DOCS)}`)
    const expected = 2 * CLIENTS * PER_CLIENT - hot[2].value - many[2].value
    const got = await total(db)
    if (got !== expected) throw new Error(`lost or doubled increments: ${got} applied, ${expected} committed`)
    return [...hot, ...many]
  } finally {
    await srv.close()
    await svc.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
