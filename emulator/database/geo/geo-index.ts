/**
 * The 2dsphere index of one field: a real spatial index kept current on every write.
 *
 * kdbush is static (built once, no insert/delete), which is what makes it compact and fast. To keep
 * it current we use the classic "static base + small delta" scheme:
 *   - base: a kdbush over the points at the last rebuild, plus per-slot doc keys and a `stale` mark
 *     for slots whose document was since changed or deleted;
 *   - delta: points written since the rebuild, searched by brute force;
 *   - rebuild (O(n log n), ~20 ms for 100k points) lazily before a query once the delta or the stale
 *     slots exceed 10% of the base (min 1,000), so the amortised cost per write stays small.
 * Nearest-neighbour search is geokdbush's best-first walk over the kd-tree with the caller's filter
 * evaluated inside the walk, merged with the sorted delta candidates.
 *
 * Given the collection's documents (`docs`), the index is built on first use, like the secondary
 * indexes: a collection loaded at start-up pays one bulk build when the first geo query comes, not
 * a map entry and a delta point per loaded document.
 */
import { distanceMeters, EARTH_RADIUS_M, pointOf, type Position } from './geometry'
import { geoLibs, type KDBush } from './kdbush'

/** geokdbush measures in km on a sphere of radius 6371 km; convert our metres (radius 6378.1 km) by angle. */
const GEOKDBUSH_RADIUS_KM = 6371
const metersToGeokdbushKm = (m: number) => (m / EARTH_RADIUS_M) * GEOKDBUSH_RADIUS_KM

export interface NearOptions {
  maxMeters?: number
  minMeters?: number
  /** max results (after the filter); Infinity for all in range */
  limit?: number
  /** extra condition on the document key (the rest of the query) */
  filter?: (key: string) => boolean
}

export interface NearHit {
  key: string
  meters: number
}

export class GeoIndex {
  private base: KDBush | undefined
  private baseKeys: string[] = []
  private baseLng = new Float64Array(0)
  private baseLat = new Float64Array(0)
  private stale = new Uint8Array(0)
  private staleCount = 0
  /** key → base slot (>= 0) or -1 when the point lives in the delta */
  private slotOf = new Map<string, number>()
  private delta = new Map<string, Position>()
  private readonly nonPointKeys = new Set<string>()
  private dirty = true
  /** false until built from `docs` (writes before that are in the documents it is built from) */
  private built: boolean

  constructor(
    readonly field: string,
    /** resolves the field's value in a document (dotted paths) */
    private readonly valueOf: (doc: Record<string, unknown>) => unknown,
    /** the collection's documents: the index is then built from them on first use */
    private readonly docs?: () => Iterable<[string, Record<string, unknown>]>,
  ) {
    this.built = !docs
  }

  get size(): number {
    this.ensureBuilt()
    return this.slotOf.size
  }

  /** keys whose field holds a geometry that is not a point (matched by scanning) */
  get nonPoints(): ReadonlySet<string> {
    this.ensureBuilt()
    return this.nonPointKeys
  }

  /** Records the document's current point (or its absence). */
  set(key: string, doc: Record<string, unknown> | undefined): void {
    if (!this.built) return
    const v = doc ? this.valueOf(doc) : undefined
    const p = v === undefined || v === null ? undefined : pointOf(v)
    if (v !== undefined && v !== null && !p && typeof v === 'object') this.nonPointKeys.add(key)
    else this.nonPointKeys.delete(key)
    const slot = this.slotOf.get(key)
    if (slot !== undefined && slot >= 0) {
      if (p && this.baseLng[slot] === p[0] && this.baseLat[slot] === p[1]) return // unchanged
      this.stale[slot] = 1
      this.staleCount++
    }
    if (p) {
      this.slotOf.set(key, -1)
      this.delta.set(key, p)
    } else {
      this.slotOf.delete(key)
      this.delta.delete(key)
    }
  }

  remove(key: string): void {
    this.set(key, undefined)
  }

  clear(): void {
    this.base = undefined
    this.baseKeys = []
    this.stale = new Uint8Array(0)
    this.staleCount = 0
    this.slotOf.clear()
    this.delta.clear()
    this.nonPointKeys.clear()
    this.dirty = true
  }

  /** The first build, from the documents (one pass; no delta). */
  private ensureBuilt(): void {
    if (this.built) return
    this.built = true
    const keys: string[] = []
    const lngs: number[] = []
    const lats: number[] = []
    for (const [key, doc] of this.docs!()) {
      const v = this.valueOf(doc)
      if (v === undefined || v === null) continue
      const p = pointOf(v)
      if (p) {
        keys.push(key)
        lngs.push(p[0])
        lats.push(p[1])
      } else if (typeof v === 'object') this.nonPointKeys.add(key)
    }
    this.buildBase(keys, lngs, lats)
  }

  private ensureFresh(): void {
    this.ensureBuilt()
    const n = this.baseKeys.length
    const threshold = Math.max(1000, n * 0.1)
    if (!this.dirty && this.delta.size <= threshold && this.staleCount <= threshold) return
    this.rebuild()
  }

  /** Rebuilds the kd-tree from every current point. */
  rebuild(): void {
    if (!this.built) return this.ensureBuilt()
    const keys: string[] = []
    const lngs: number[] = []
    const lats: number[] = []
    for (const [key, slot] of this.slotOf) {
      const p = slot >= 0 ? [this.baseLng[slot], this.baseLat[slot]] : this.delta.get(key)!
      keys.push(key)
      lngs.push(p[0])
      lats.push(p[1])
    }
    this.buildBase(keys, lngs, lats)
  }

  /** The kd-tree over exactly these points; the delta and the stale marks start empty. */
  private buildBase(keys: string[], lngs: number[], lats: number[]): void {
    const { KDBush } = geoLibs()
    const n = keys.length
    const index = new KDBush(Math.max(1, n), 64)
    const lngArr = new Float64Array(n)
    const latArr = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      index.add(lngs[i], lats[i])
      lngArr[i] = lngs[i]
      latArr[i] = lats[i]
      this.slotOf.set(keys[i], i)
    }
    if (n === 0) index.add(0, 0) // kdbush needs ≥ 1 item; slot 0 is marked stale below
    index.finish()
    this.base = index
    this.baseKeys = keys
    this.baseLng = lngArr
    this.baseLat = latArr
    this.stale = new Uint8Array(Math.max(1, n))
    if (n === 0) this.stale[0] = 1
    this.staleCount = 0
    this.delta.clear()
    this.dirty = false
  }

  /** Points in order of distance from (lng, lat), filtered, within [min, max] metres. */
  near(lng: number, lat: number, opts: NearOptions = {}): NearHit[] {
    this.ensureFresh()
    const { around } = geoLibs()
    const limit = opts.limit ?? Infinity
    const min = opts.minMeters ?? 0
    const max = opts.maxMeters ?? Infinity
    const filter = opts.filter
    const hits: NearHit[] = []
    if (this.base) {
      const ids = around(this.base, lng, lat, limit, Number.isFinite(max) ? metersToGeokdbushKm(max) : undefined, (id) => {
        if (this.stale[id]) return false
        if (min > 0 && distanceMeters(lng, lat, this.baseLng[id], this.baseLat[id]) < min) return false
        return !filter || filter(this.baseKeys[id])
      })
      for (const id of ids) hits.push({ key: this.baseKeys[id], meters: distanceMeters(lng, lat, this.baseLng[id], this.baseLat[id]) })
    }
    if (this.delta.size) {
      const extra: NearHit[] = []
      for (const [key, p] of this.delta) {
        const m = distanceMeters(lng, lat, p[0], p[1])
        if (m < min || m > max) continue
        if (filter && !filter(key)) continue
        extra.push({ key, meters: m })
      }
      if (extra.length) {
        const merged = hits.concat(extra).sort((a, b) => a.meters - b.meters)
        return merged.slice(0, limit)
      }
    }
    return hits
  }

  /** Keys of points inside the lng/lat box (candidates for $geoWithin/$geoIntersects). */
  inBox(minLng: number, minLat: number, maxLng: number, maxLat: number): string[] {
    this.ensureFresh()
    const out: string[] = []
    if (this.base) for (const id of this.base.range(minLng, minLat, maxLng, maxLat)) if (!this.stale[id]) out.push(this.baseKeys[id])
    for (const [key, p] of this.delta) if (p[0] >= minLng && p[0] <= maxLng && p[1] >= minLat && p[1] <= maxLat) out.push(key)
    return out
  }

  pointOfKey(key: string): Position | undefined {
    this.ensureBuilt()
    const slot = this.slotOf.get(key)
    if (slot === undefined) return undefined
    return slot >= 0 ? [this.baseLng[slot], this.baseLat[slot]] : this.delta.get(key)
  }
}
