/**
 * One collection in memory: documents by key (insertion order kept by the Map, like natural order),
 * per-document versions for transaction conflict detection, and its indexes. All mutations go
 * through put/delete so the unique and geo indexes can never drift from the documents.
 */
import type { CollectionSpec } from '../schema'
import { GeoIndex } from '../geo/geo-index'
import { getPath, type Doc } from './doc'
import { UniqueIndex } from './unique-index'

export class Collection {
  readonly docs = new Map<string, Doc>()
  /** last write version of a key; kept for deleted keys too (tombstones) while transactions run */
  private readonly versions = new Map<string, number>()
  private tombstones = new Set<string>()
  readonly uniques: UniqueIndex[] = []
  /** 2dsphere indexes by field */
  readonly geo = new Map<string, GeoIndex>()
  /** fields of declared non-unique, non-geo indexes: accepted, not used for planning (see README) */
  readonly secondary: string[][] = []

  constructor(
    readonly name: string,
    readonly spec: CollectionSpec | undefined,
  ) {
    for (const ix of spec?.indexes ?? []) {
      const geoField = Object.entries(ix.keys).find(([, d]) => d === '2dsphere')?.[0]
      if (geoField) this.geo.set(geoField, new GeoIndex(geoField, (d) => getPath(d, geoField)))
      else if (ix.unique) this.uniques.push(new UniqueIndex(name, ix))
      else this.secondary.push(Object.keys(ix.keys))
    }
  }

  get size(): number {
    return this.docs.size
  }

  get(key: string): Doc | undefined {
    return this.docs.get(key)
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0
  }

  /** Throws DATABASE_DUPLICATE_WRITE if the changes would violate a unique index. */
  checkUnique(changes: Map<string, Doc | null>): void {
    for (const u of this.uniques) u.check(changes, (k) => this.docs.get(k))
  }

  put(key: string, doc: Doc, version: number): void {
    const old = this.docs.get(key)
    if (old) for (const u of this.uniques) u.remove(key, old)
    this.docs.set(key, doc)
    for (const u of this.uniques) u.add(key, doc)
    for (const g of this.geo.values()) g.set(key, doc)
    this.versions.set(key, version)
    this.tombstones.delete(key)
  }

  delete(key: string, version: number): void {
    const old = this.docs.get(key)
    if (!old) return
    for (const u of this.uniques) u.remove(key, old)
    for (const g of this.geo.values()) g.remove(key)
    this.docs.delete(key)
    this.versions.set(key, version)
    this.tombstones.add(key)
  }

  clear(): void {
    this.docs.clear()
    this.versions.clear()
    this.tombstones.clear()
    for (const u of this.uniques) u.clear()
    for (const g of this.geo.values()) g.clear()
  }

  /** Forget versions of deleted documents once no transaction can still refer to them. */
  pruneTombstones(): void {
    for (const k of this.tombstones) this.versions.delete(k)
    this.tombstones.clear()
  }
}
