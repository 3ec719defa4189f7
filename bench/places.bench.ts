/**
 * 服务地图 nearby among 100,000 generated places (scripts/demo/generate-places.ts), through the
 * emulator with the real schemas (database/places.json: 2dsphere index):
 *   - the DB query alone: the exact geoNear where-query the function makes, sent by the real
 *     wx-server-sdk from this process to the emulator's admin endpoint (goal p95 ≤ 10 ms);
 *   - the whole function call: places.nearby through the functions runtime (child process, router,
 *     validation, the query, labels), p50/p95/p99;
 *   - DB reads per call (must be 1) and the response size (goal ≤ 10 KB).
 * Run standalone: npx tsx bench/places.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../emulator'
import { loadSdk } from '../emulator/database/testing'
import { buildFunctions } from '../scripts/build-functions'
import { GENERATED_BOX, generatePlaces, rng, toEjson } from '../scripts/demo/generate-places'
import { personas } from '../scripts/demo/personas'
import { LIST_PROJECTION } from '../cloudfunctions/places/src/views'
import { percentile, round } from './stats'
import type { BenchResult } from './types'
import { weekMinuteOf } from '../domain/time'

const PLACES = 100_000
const QUERIES = 1_000
const WARMUP = 50

export async function run(): Promise<BenchResult[]> {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-bench-places-'))
  const emulator = await startEmulator({ port: 0, dataDir, personas, reset: true, quiet: true, maxInstancesPerFunction: 1 })
  try {
    await emulator.database.importSnapshot({ collections: { places: generatePlaces(PLACES, 1).map(toEjson) } }, { replace: true })
    const rand = rng(2024)
    const queries = Array.from({ length: QUERIES + WARMUP }, (_, i) => ({
      longitude: GENERATED_BOX.minLng + 0.02 + rand() * (GENERATED_BOX.maxLng - GENERATED_BOX.minLng - 0.04),
      latitude: GENERATED_BOX.minLat + 0.02 + rand() * (GENERATED_BOX.maxLat - GENERATED_BOX.minLat - 0.04),
      radius: 5000,
      ...(i % 4 === 1 ? { kinds: ['station'] } : {}),
      ...(i % 4 === 2 ? { amenities: ['water'], openNow: true } : {}),
    }))

    // --- the DB query alone, through the real SDK
    const cloud = loadSdk(emulator.port)
    const db = cloud.database()
    const _ = db.command
    const query = (q: (typeof queries)[number]) => {
      const where: Record<string, unknown> = {
        location: _.geoNear({ geometry: db.Geo.Point(q.longitude, q.latitude), maxDistance: q.radius }),
        status: 'active',
      }
      if (q.kinds) where.kind = _.in(q.kinds)
      if (q.amenities) where.amenities = _.all(q.amenities)
      if (q.openNow) {
        const m = weekMinuteOf(new Date())
        where.openWeekly = _.elemMatch({ s: _.lte(m), e: _.gt(m) })
        where.closedUntil = _.not(_.gt(new Date()))
      }
      return db.collection('places').where(where).field(LIST_PROJECTION).limit(21).get()
    }
    const dbSamples: number[] = []
    for (let i = 0; i < queries.length; i++) {
      const t = performance.now()
      await query(queries[i])
      if (i >= WARMUP) dbSamples.push(performance.now() - t)
    }

    // --- the whole function call
    const callSamples: number[] = []
    let maxBytes = 0
    let maxReads = 0
    let fullPages = 0
    for (let i = 0; i < queries.length; i++) {
      const t = performance.now()
      const { result, invocation } = await emulator.functions.invoke('places', { action: 'nearby', input: queries[i] }, { openid: 'bench-rider' })
      const ms = performance.now() - t
      const r = result as { ok: boolean; data?: { items: unknown[] } }
      if (!r.ok) throw new Error(`nearby failed: ${JSON.stringify(result)}`)
      if (i < WARMUP) continue
      callSamples.push(ms)
      maxBytes = Math.max(maxBytes, Buffer.byteLength(JSON.stringify(result), 'utf8'))
      maxReads = Math.max(maxReads, invocation.counters.reads)
      if (r.data!.items.length === 20) fullPages++
    }

    const dbP50 = round(percentile(dbSamples, 50), 3)
    const dbP95 = round(percentile(dbSamples, 95), 3)
    const fnP50 = round(percentile(callSamples, 50))
    const fnP95 = round(percentile(callSamples, 95))
    const fnP99 = round(percentile(callSamples, 99))
    return [
      { name: `places nearest-20 of ${PLACES / 1000}k, DB query via SDK p50`, value: dbP50, unit: 'ms' },
      { name: `places nearest-20 of ${PLACES / 1000}k, DB query via SDK p95`, value: dbP95, unit: 'ms', budget: 'goal ≤ 10 ms', ok: dbP95 <= 10 },
      { name: 'places.nearby function call p50', value: fnP50, unit: 'ms', budget: 'goal ≤ 10 ms (warm call)', ok: fnP50 <= 10 },
      { name: 'places.nearby function call p95', value: fnP95, unit: 'ms' },
      { name: 'places.nearby function call p99', value: fnP99, unit: 'ms', budget: '≤ 50 ms', ok: fnP99 <= 50 },
      { name: 'places.nearby DB reads per call (max)', value: maxReads, unit: 'reads', budget: '= 1', ok: maxReads === 1 },
      { name: 'places.nearby response size (max)', value: round(maxBytes / 1024), unit: 'KB', budget: '≤ 10 KB', ok: maxBytes <= 10 * 1024 },
      { name: 'places.nearby full pages (20 rows)', value: fullPages, unit: `/${QUERIES}` },
    ]
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
