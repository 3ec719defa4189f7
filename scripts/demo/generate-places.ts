/**
 * N random places for tests and the bench: seeded (same seed → same places), spread over a box
 * around the demo district (西溪 to 武林, ~24 × 17 km), every kind, random amenities and hours
 * (24 h, day, evening and overnight ranges, some closed on weekends), some temporarily closed.
 *
 *   npx tsx scripts/demo/generate-places.ts 100000 > /tmp/places.json
 */
import { AMENITIES, PLACE_KINDS, STATION_LEVELS, type PlaceDoc } from '../../domain/places/model'
import { toWeekIntervals, type OpeningHours, type TimeRange } from '../../domain/places/opening-hours'

export const GENERATED_BOX = { minLng: 120.0, maxLng: 120.25, minLat: 30.2, maxLat: 30.35 }

/** mulberry32: a tiny seeded PRNG */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`

function randomHours(rand: () => number): OpeningHours {
  const x = rand()
  if (x < 0.25) return { always: true }
  let ranges: TimeRange[]
  if (x < 0.55) ranges = [{ open: hh(6 + Math.floor(rand() * 4)), close: hh(20 + Math.floor(rand() * 3)) }]
  else if (x < 0.7) ranges = [{ open: '10:30', close: '13:30' }, { open: '16:30', close: '20:00' }]
  else if (x < 0.85) ranges = [{ open: hh(18 + Math.floor(rand() * 5)), close: hh(2 + Math.floor(rand() * 5)) }] // overnight
  else ranges = [{ open: '08:00', close: '24:00' }]
  const closedWeekends = rand() < 0.15
  return { always: false, week: Array.from({ length: 7 }, (_, d) => (closedWeekends && d >= 5 ? [] : ranges)) }
}

export function generatePlaces(n: number, seed = 42, now = new Date('2026-09-01T09:00:00+08:00')): PlaceDoc[] {
  const rand = rng(seed)
  // their own communities, so generated places never crowd the demo communities' management lists
  const communities = ['c-gen-1', 'c-gen-2', 'c-gen-3']
  const out: PlaceDoc[] = []
  for (let i = 0; i < n; i++) {
    const kind = PLACE_KINDS[Math.floor(rand() * PLACE_KINDS.length)]
    const lng = GENERATED_BOX.minLng + rand() * (GENERATED_BOX.maxLng - GENERATED_BOX.minLng)
    const lat = GENERATED_BOX.minLat + rand() * (GENERATED_BOX.maxLat - GENERATED_BOX.minLat)
    const amenities = AMENITIES.filter(() => rand() < 0.3)
    const hours = randomHours(rand)
    const closed = rand() < 0.03
    out.push({
      _id: `g-${seed}-${i}`,
      kind,
      name: `测试地点 ${i}`,
      address: `生成地址 ${i} 号`,
      communityId: communities[i % communities.length],
      location: { type: 'Point', coordinates: [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] },
      level: kind === 'station' ? STATION_LEVELS[Math.floor(rand() * 3)] : null,
      amenities,
      hours,
      openWeekly: toWeekIntervals(hours),
      contact: {},
      photos: [],
      discount: kind === 'canteen' || kind === 'merchant' ? '骑手 9 折' : null,
      description: null,
      status: 'active',
      closedUntil: closed ? new Date(now.getTime() + 7 * 86_400_000) : null,
      closedReason: closed ? '内部装修' : null,
      recentReports: { items: [], lastNegativeAt: null, lastNegativeKind: null },
      createdBy: 'generator',
      createdAt: now,
      updatedAt: now,
    })
  }
  return out
}

/** Canonical EJSON for the emulator's snapshot import (Dates as $date). */
export const toEjson = (value: unknown): unknown => {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (Array.isArray(value)) return value.map(toEjson)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toEjson(v)]))
  return value
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 1000)
  process.stdout.write(JSON.stringify(generatePlaces(n).map(toEjson)))
}
