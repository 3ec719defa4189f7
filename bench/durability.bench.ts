/**
 * The database's durable format at scale (issue 15): N generated places (scripts/demo/generate-places)
 * saved — an import, made durable by one streamed snapshot — and the service opened again on them.
 * A snapshot that big is served while it loads (emulator/README.md, "Database storage engine"), so
 * the restart has four figures: ready to serve (header and logs read), a first call on a small
 * collection answered, the first `places` query answered (it waits for `places`, the biggest
 * collection, loaded last), and every collection loaded; then the process's RSS.
 * Each size runs in a child process of its own, so the RSS is that of the restart alone.
 * Run standalone: npx tsx bench/durability.bench.ts [sizes, e.g. 100000,1000000]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabaseService, type DatabaseService } from '../emulator/database'
import { generatePlaces, toEjson } from '../scripts/demo/generate-places'
import { round } from './stats'
import type { BenchResult } from './types'

const SIZES = [100_000, 1_000_000]
const SCHEMA = join(__dirname, '..', 'database')

const call = (svc: DatabaseService, action: string, body: Record<string, unknown>) => svc.handle({ action, body, env: '', rawBody: Buffer.alloc(0), contentType: '' })

/** In the child: `save <dir> <n>` or `open <dir>`; prints one JSON line. */
async function child(mode: string, dir: string, n: number): Promise<void> {
  const t = performance.now()
  const svc = await createDatabaseService({ dataDir: dir, schemaDir: SCHEMA })
  if (mode === 'save') {
    // converted in place, so the generated objects become garbage as they go
    const docs: unknown[] = generatePlaces(n, 1)
    for (let i = 0; i < docs.length; i++) docs[i] = toEjson(docs[i] as Parameters<typeof toEjson>[0])
    const t1 = performance.now()
    await svc.importSnapshot({ collections: { places: docs } }, { replace: true })
    console.log(JSON.stringify({ ms: performance.now() - t1 }))
  } else {
    const ms = performance.now() - t
    await call(svc, 'database.calculateDocument', { collectionName: 'communities' })
    const smallMs = performance.now() - t
    // the nearest 20 places to a point: waits for `places`, then builds its 2dsphere index
    const near = { location: { $nearSphere: { $geometry: { type: 'Point', coordinates: [120.1, 30.28] } } } }
    const got = (await call(svc, 'database.getDocument', { collectionName: 'places', queryType: 'WHERE', query: JSON.stringify(near), limit: 20 })) as { data: { list: unknown[] } }
    if (got.data.list.length !== 20) throw new Error(`the first places query answered ${got.data.list.length} places`)
    const placesMs = performance.now() - t
    await svc.loaded
    const loadedMs = performance.now() - t
    const count = svc.listCollections().find((c) => c.name === 'places')?.count
    console.log(JSON.stringify({ ms, smallMs, placesMs, loadedMs, count, rss: process.memoryUsage().rss }))
  }
  await svc.close()
}

function inChild(args: string[]): { ms: number; smallMs?: number; placesMs?: number; loadedMs?: number; count?: number; rss?: number } {
  // a million generated places, their EJSON and the loaded documents need more than the default heap
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', __filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] })
  return JSON.parse(out.trim().split('\n').pop()!)
}

export async function run(sizes = SIZES): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'xg-bench-durable-'))
    try {
      const save = inChild(['save', dir, String(n)])
      const bytes = statSync(join(dir, 'snapshot.ndjson')).size
      const open = inChild(['open', dir])
      if (open.count !== n) throw new Error(`reopened ${open.count} of ${n} places`)
      const k = n >= 1e6 ? `${n / 1e6}M` : `${n / 1000}k`
      results.push(
        { name: `${k} places: save (import + streamed snapshot)`, value: round(save.ms / 1000), unit: 's' },
        { name: `${k} places: snapshot size`, value: round(bytes / 2 ** 20), unit: 'MiB' },
        { name: `${k} places: restart, ready to serve`, value: round(open.ms / 1000), unit: 's', ...(n === 100_000 ? { budget: '≤ 2 s', ok: open.ms <= 2000 } : {}) },
        { name: `${k} places: restart, a small collection answers`, value: round(open.smallMs! / 1000), unit: 's' },
        { name: `${k} places: restart, first places query answered`, value: round(open.placesMs! / 1000), unit: 's' },
        { name: `${k} places: restart, all collections loaded`, value: round(open.loadedMs! / 1000), unit: 's' },
        { name: `${k} places: RSS after restart`, value: Math.round(open.rss! / 2 ** 20), unit: 'MiB' },
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return results
}

if (require.main === module) {
  const [mode, dir, n] = process.argv.slice(2)
  if (mode === 'save' || mode === 'open') void child(mode, dir, Number(n))
  else
    run(mode ? mode.split(',').map(Number) : SIZES).then((r) => {
      for (const x of r) console.log(`${x.name.padEnd(48)} ${String(x.value).padStart(9)} ${x.unit} ${x.budget ?? ''}${x.ok === undefined ? '' : x.ok ? ' ✓' : ' ✗'}`)
    })
}
