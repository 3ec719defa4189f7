/**
 * One collection in memory: documents by key (insertion order kept by the Map, like natural order),
 * per-document versions (the commit sequence number that last wrote the key), older versions kept
 * while a transaction may still read them (MVCC: a transaction reads the snapshot of its start), and
 * the indexes. All mutations go through put/delete so the unique, geo and secondary indexes can
 * never drift from the documents.
 */
import type { CollectionSpec } from '../schema'
import { GeoIndex } from '../geo/geo-index'
import { getPath, type Doc } from './doc'
import { SecondaryIndex } from './secondary-index'
import { UniqueIndex } from './unique-index'

/** A superseded version of a document: what it was (undefined: absent) from `version` until `until`. */
interface OldVersion {
  doc: Doc | undefined
  version: number
  until: number
}

export class Collection {
  readonly docs = new Map<string, Doc>()
  /** last write version of a key; kept for deleted keys too (tombstones) while transactions may need them */
  private readonly versions = new Map<string, number>()
  /** older versions per key, oldest first; only recorded while transactions run (see put/delete) */
  private readonly history = new Map<string, OldVersion[]>()
  /** deleted keys whose version is still kept */
  private readonly tombstones = new Set<string>()
  /** the highest version written (0: nothing since the data was loaded) */
  lastWrite = 0
  readonly uniques: UniqueIndex[] = []
  /** 2dsphere indexes by field */
  readonly geo = new Map<string, GeoIndex>()
  /**
   * Ordered indexes the query planner uses (planner.ts): every declared non-geo index (unique ones
   * too) and the implicit `_id_`. Built on first use, then kept current here.
   */
  readonly indexes: SecondaryIndex[] = []
  /** natural-order position of each document (built with the first index; see ordinal()) */
  private ordinals: Map<string, number> | undefined
  private nextOrdinal = 0

  constructor(
    readonly name: string,
    readonly spec: CollectionSpec | undefined,
  ) {
    for (const ix of spec?.indexes ?? []) {
      const geoField = Object.entries(ix.keys).find(([, d]) => d === '2dsphere')?.[0]
      if (geoField) this.geo.set(geoField, new GeoIndex(geoField, (d) => getPath(d, geoField), () => this.docs))
      else {
        if (ix.unique) this.uniques.push(new UniqueIndex(name, ix))
        this.indexes.push(new SecondaryIndex(ix.name, ix.keys))
      }
    }
    if (!this.indexes.some((ix) => ix.fields.length === 1 && ix.fields[0] === '_id')) this.indexes.push(new SecondaryIndex('_id_', { _id: 1 }))
  }

  /**
   * A document's place in natural order (the Map's insertion order: an update keeps it, a delete
   * and re-insert moves the key to the end). Kept only once an index was built.
   */
  ordinal(key: string): number {
    return this.ensureOrdinals().get(key) ?? Infinity
  }

  private ensureOrdinals(): Map<string, number> {
    if (!this.ordinals) {
      this.ordinals = new Map()
      for (const k of this.docs.keys()) this.ordinals.set(k, this.nextOrdinal++)
    }
    return this.ordinals
  }

  /** The index, built now if it was not yet. */
  index(ix: SecondaryIndex): SecondaryIndex {
    if (!ix.built) {
      const ords = this.ensureOrdinals()
      const docs = this.docs
      ix.build(
        (function* () {
          for (const [k, d] of docs) yield [k, d, ords.get(k)!] as [string, Doc, number]
        })(),
      )
    }
    return ix
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

  /** The document as it was in the snapshot taken after commit `snap` (undefined: absent then). */
  at(key: string, snap: number): Doc | undefined {
    if (this.version(key) <= snap) return this.docs.get(key)
    const old = this.history.get(key)
    if (old) for (let i = old.length - 1; i >= 0; i--) if (old[i].version <= snap && snap < old[i].until) return old[i].doc
    // not recorded: the key was written after the snapshot and did not exist before (see put)
    return undefined
  }

  /** Keys with retained old versions: every key written while a transaction ran (see put). */
  changedKeys(): Iterable<string> {
    return this.history.keys()
  }

  /** Keys that existed at some snapshot but are gone now (to enumerate a snapshot). */
  *deletedSince(): Iterable<string> {
    for (const key of this.history.keys()) if (!this.docs.has(key)) yield key
  }

  /** Throws DATABASE_DUPLICATE_WRITE if the changes would violate a unique index. */
  checkUnique(changes: Map<string, Doc | null>): void {
    for (const u of this.uniques) u.check(changes, (k) => this.docs.get(k))
  }

  /**
   * Stores a document at `version`. With `retain`, the version it replaces is kept for the
   * snapshots of running transactions (only versions another transaction could still read).
   */
  put(key: string, doc: Doc, version: number, retain = false): void {
    const old = this.docs.get(key)
    if (retain) this.keep(key, old, version)
    if (old) for (const u of this.uniques) u.remove(key, old)
    if (this.ordinals) {
      let ord = this.ordinals.get(key)
      if (ord === undefined) this.ordinals.set(key, (ord = this.nextOrdinal++))
      for (const ix of this.indexes) {
        if (old) ix.remove(old, ord)
        ix.add(key, doc, ord)
      }
    }
    this.docs.set(key, doc)
    for (const u of this.uniques) u.add(key, doc)
    for (const g of this.geo.values()) g.set(key, doc)
    // version 0 (loaded data) is what version() answers for an unknown key: no entry needed
    if (version || this.versions.has(key)) this.versions.set(key, version)
    this.tombstones.delete(key)
    if (version > this.lastWrite) this.lastWrite = version
  }

  delete(key: string, version: number, retain = false): void {
    const old = this.docs.get(key)
    if (!old) return
    if (retain) this.keep(key, old, version)
    for (const u of this.uniques) u.remove(key, old)
    for (const g of this.geo.values()) g.remove(key)
    if (this.ordinals) {
      const ord = this.ordinals.get(key)!
      for (const ix of this.indexes) ix.remove(old, ord)
      this.ordinals.delete(key)
    }
    this.docs.delete(key)
    if (version > this.lastWrite) this.lastWrite = version
    // without running transactions nobody can hold a snapshot older than this delete
    if (retain) {
      this.versions.set(key, version)
      this.tombstones.add(key)
    } else this.versions.delete(key)
  }

  private keep(key: string, old: Doc | undefined, until: number): void {
    let list = this.history.get(key)
    if (!list) this.history.set(key, (list = []))
    list.push({ doc: old, version: this.version(key), until })
  }

  clear(): void {
    this.docs.clear()
    this.versions.clear()
    this.history.clear()
    this.tombstones.clear()
    this.lastWrite = 0
    for (const u of this.uniques) u.clear()
    for (const g of this.geo.values()) g.clear()
    for (const ix of this.indexes) ix.clear()
    this.ordinals = undefined
    this.nextOrdinal = 0
  }

  /**
   * Forgets what no running transaction can read any more: versions superseded at or before the
   * oldest running snapshot (`oldestSnap`; undefined when no transaction runs: everything).
   */
  prune(oldestSnap: number | undefined): void {
    for (const [key, list] of this.history) {
      const keep = oldestSnap === undefined ? [] : list.filter((v) => v.until > oldestSnap)
      if (keep.length) this.history.set(key, keep)
      else this.history.delete(key)
    }
    for (const key of this.tombstones) {
      if (oldestSnap === undefined || this.version(key) <= oldestSnap) {
        this.versions.delete(key)
        this.tombstones.delete(key)
      }
    }
  }

  /** Number of retained old versions (tests, the bench). */
  get retained(): number {
    let n = 0
    for (const list of this.history.values()) n += list.length
    return n
  }
}
