/**
 * Database benchmarks through the real wx-server-sdk against the emulator's admin endpoint:
 *   - DB call latency (doc get; where query) p50/p99
 *   - write latency (collection.add, acknowledged after fsync) p50/p99
 *   - nearest 20 among 100,000 places around Hangzhou, 1,000 random queries: p95 (budget ≤ 10 ms)
 *   - startup of the database with 100,000 documents
 * Run standalone: npx tsx bench/db.bench.ts   (or import { run } from './db.bench')
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createDatabaseService } from '../emulator/database'
import { loadSdk, startAdminServer } from '../emulator/database/testing'
import { percentile, round as roundTo } from './stats'
import type { BenchResult } from './types'

const PLACES = 100_000
const QUERIES = 1_000
const CALLS = 1_000

const pct = percentile
const round = (x: number) => roundTo(x, 3)

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    out.push(performance.now() - t0)
  }
  return out
}

export async function run(): Promise<BenchResult[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'db-bench-'))
  const schemaDir = path.join(tmp, 'schema')
  const dataDir = path.join(tmp, 'data')
  fs.mkdirSync(schemaDir)
  fs.writeFileSync(path.join(schemaDir, 'places.json'), JSON.stringify({ name: 'places', indexes: [{ name: 'location_2dsphere', keys: { location: '2dsphere' } }] }))
  fs.writeFileSync(path.join(schemaDir, 'activities.json'), JSON.stringify({ name: 'activities', indexes: [] }))
  const results: BenchResult[] = []
  let seed = 20240601
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
  const kinds = ['stationA', 'stationB', 'stationC', 'canteen', 'water', 'parking', 'merchant']
  try {
    // --- seed 100,000 places (via import: one snapshot write) and 1,000 activities
    let svc = await createDatabaseService({ dataDir, schemaDir })
    const places = Array.from({ length: PLACES }, (_x, i) => ({
      _id: `p${i}`,
      name: `地点${i}`,
      kind: kinds[i % kinds.length],
      location: { type: 'Point', coordinates: [119.9 + rnd() * 0.6, 30.1 + rnd() * 0.35] },
      amenities: ['water', 'charging'].slice(0, i % 3),
      updatedAt: { $date: { $numberLong: String(1_700_000_000_000 + i) } },
    }))
    const activities = Array.from({ length: 1000 }, (_x, i) => ({ _id: `a${i}`, community: `c${i % 20}`, status: i % 4 ? 'open' : 'closed', seats: 10 }))
    await svc.importSnapshot({ collections: { places, activities } }, { replace: true })
    await svc.close()

    // --- startup with 100k documents (snapshot load + index building happens lazily on first geo query)
    const t0 = performance.now()
    svc = await createDatabaseService({ dataDir, schemaDir })
    const startup = performance.now() - t0
    results.push({ name: `db startup with ${PLACES + 1000} documents`, value: round(startup), unit: 'ms' })
    const snapBytes = fs.statSync(path.join(dataDir, 'snapshot.ndjson')).size
    results.push({ name: 'db snapshot size', value: round(snapBytes / 1024 / 1024), unit: 'MiB' })

    const srv = await startAdminServer(svc.handle)
    const cloud = loadSdk(srv.port)
    const db = cloud.database()
    const _ = db.command
    // warm up (connection, JIT, geo index build)
    for (let i = 0; i < 50; i++) await db.collection('activities').doc(`a${i}`).get()
    const tb = performance.now()
    await db.collection('places').where({ location: _.geoNear({ geometry: db.Geo.Point(120.2, 30.25) }) }).limit(20).get()
    results.push({ name: 'geo index build (100k points, first geo query)', value: round(performance.now() - tb), unit: 'ms' })

    const get = await timeEach(CALLS, (i) => db.collection('activities').doc(`a${(i * 7) % 1000}`).get())
    results.push({ name: 'db doc.get via SDK p50', value: round(pct(get, 50)), unit: 'ms' })
    results.push({ name: 'db doc.get via SDK p99', value: round(pct(get, 99)), unit: 'ms' })

    const where = await timeEach(CALLS, (i) => db.collection('activities').where({ community: `c${i % 20}`, status: 'open' }).limit(20).get())
    results.push({ name: 'db where().limit(20).get via SDK (1k docs) p50', value: round(pct(where, 50)), unit: 'ms' })
    results.push({ name: 'db where().limit(20).get via SDK (1k docs) p99', value: round(pct(where, 99)), unit: 'ms' })

    const scan = await timeEach(50, (i) => db.collection('places').where({ kind: kinds[i % kinds.length], name: `地点${i * 1999}` }).get())
    results.push({ name: 'db where() full scan of 100k docs (no index used) p50', value: round(pct(scan, 50)), unit: 'ms' })

    const add = await timeEach(CALLS, (i) => db.collection('activities').add({ data: { community: 'bench', i, at: db.serverDate() } }))
    results.push({ name: 'db add via SDK, fsynced p50', value: round(pct(add, 50)), unit: 'ms' })
    results.push({ name: 'db add via SDK, fsynced p99', value: round(pct(add, 99)), unit: 'ms' })

    const near = await timeEach(QUERIES, () =>
      db
        .collection('places')
        .where({ location: _.geoNear({ geometry: db.Geo.Point(119.9 + rnd() * 0.6, 30.1 + rnd() * 0.35), maxDistance: 20_000 }) })
        .limit(20)
        .get(),
    )
    const p95 = pct(near, 95)
    results.push({ name: 'nearest 20 among 100,000 places via SDK p50', value: round(pct(near, 50)), unit: 'ms' })
    results.push({ name: 'nearest 20 among 100,000 places via SDK p95', value: round(p95), unit: 'ms', budget: 'p95 ≤ 10 ms', ok: p95 <= 10 })

    await srv.close()
    await svc.close()
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  return results
}

if (require.main === module) {
  run()
    .then((rs) => {
      for (const r of rs) {
        const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  OVER BUDGET'
        console.log(`${r.name.padEnd(58)} ${String(r.value).padStart(10)} ${r.unit}${r.budget ? `  (${r.budget})` : ''}${verdict}`)
      }
      process.exit(0)
    })
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
