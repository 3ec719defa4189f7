/**
 * The database: the collections in memory, the durable store behind them, and the single commit
 * path every write takes (plain writes and transaction commits alike):
 *   1. validate (unique indexes) against the committed state — throws before anything changes;
 *   2. apply to memory and bump the document versions — synchronous, so writes are serialised in
 *      the order of the event loop and never interleave;
 *   3. append ONE log record for the whole group and resolve once it is fsynced (group commit).
 * The caller acknowledges only after step 3.
 */
import { CloudbaseError } from '../../core/errors'
import { decodeValue, encodeValue } from '../ejson'
import type { CollectionSpec } from '../schema'
import { DurableStore, type StoreOp, type StoreOpenOptions, type StoreSink } from '../storage/store'
import { Collection } from './collection'
import { idKey, isPlainObject, newId, type Doc } from './doc'

export interface Change {
  coll: string
  key: string
  /** the new document, or null to delete */
  doc: Doc | null
}

const COLLECTION_NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

export class Database implements StoreSink {
  readonly collections = new Map<string, Collection>()
  private seq = 0
  private store!: DurableStore
  /**
   * Set by the transaction manager: whether a running transaction may still read the versions a
   * commit replaces (then they are kept for its snapshot), and what to do when the whole state is
   * replaced (reset/import: running transactions are aborted).
   */
  retainVersions: () => boolean = () => false
  onReplace: (() => void) | undefined

  /** callers waiting for a collection that is still loading */
  private readonly waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>()
  private loadError: Error | undefined
  private closing = false

  private constructor(readonly schema: Map<string, CollectionSpec>) {}

  /** Resolves once the database can serve; a big snapshot's collections may still be loading (see loaded). */
  static async open(dataDir: string, schema: Map<string, CollectionSpec>, opts: StoreOpenOptions = {}): Promise<Database> {
    const db = new Database(schema)
    for (const name of schema.keys()) db.ensure(name)
    db.store = await DurableStore.open(dataDir, db, opts)
    db.store.loaded.catch((e: Error) => {
      // every call still waiting, and every later one, fails with the reason (see whenLoaded)
      db.loadError = e
      if (!db.closing) console.error(`[emulator] database: loading failed: ${e.message}`)
      for (const w of db.waiting.values()) w.resolve()
      db.waiting.clear()
    })
    return db
  }

  /** Resolves when every collection is loaded (rejects if the snapshot turned out damaged). */
  get loaded(): Promise<void> {
    return this.store.loaded
  }

  /** Every collection loaded (calls need not wait). */
  get ready(): boolean {
    return this.store.loading.size === 0 && this.loadError === undefined
  }

  /**
   * Resolves when these collections (all of them if undefined) are loaded; only those are waited
   * for. Rejects if loading failed.
   */
  async whenLoaded(names?: Iterable<string>): Promise<void> {
    if (names === undefined) await this.store.loaded.catch(() => undefined)
    else
      for (const name of names) {
        if (this.loadError || !this.store.loading.has(name)) continue
        let w = this.waiting.get(name)
        if (!w) {
          let resolve!: () => void
          const promise = new Promise<void>((r) => (resolve = r))
          this.waiting.set(name, (w = { promise, resolve }))
        }
        await w.promise
      }
    if (this.loadError) throw new CloudbaseError('SYS_ERR', `the database could not be loaded: ${this.loadError.message}`)
  }

  get storeInfo() {
    return this.store.info
  }

  get walBytes(): number {
    return this.store.walBytes
  }

  /** The sequence number of the last commit: a transaction's snapshot is "everything up to here". */
  get lastCommit(): number {
    return this.seq
  }

  // ---- StoreSink (recovery) ----
  createCollection(name: string): void {
    this.ensure(name)
  }
  loadDoc(collection: string, doc: Doc): void {
    this.ensure(collection).put(idKey(doc._id), doc, 0)
  }
  collectionLoaded(name: string): void {
    this.waiting.get(name)?.resolve()
    this.waiting.delete(name)
  }
  apply(ops: StoreOp[]): void {
    for (const op of ops) {
      if (op.o === 'create') this.ensure(op.c)
      else if (op.o === 'put') this.ensure(op.c).put(idKey(op.d._id), op.d, 0)
      else if (op.o === 'del') this.collections.get(op.c)?.delete(idKey(op.id), 0)
    }
  }

  private ensure(name: string): Collection {
    let c = this.collections.get(name)
    if (!c) {
      c = new Collection(name, this.schema.get(name))
      this.collections.set(name, c)
    }
    return c
  }

  /** The collection, or DATABASE_COLLECTION_NOT_EXIST (as production answers for undeclared ones). */
  collection(name: unknown): Collection {
    if (typeof name !== 'string' || !name) throw new CloudbaseError('INVALID_PARAM', 'collectionName is required')
    const c = this.collections.get(name)
    if (!c)
      throw new CloudbaseError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `collection "${name}" does not exist (declare it in database/${name}.json, or create it with db.createCollection)`,
      )
    // a guard, not a wait: callers wait with whenLoaded first, so no answer is made from half a collection
    if (this.store?.loading.has(name)) throw new CloudbaseError('SYS_ERR', `collection "${name}" is still loading`)
    return c
  }

  isLoading(name: string): boolean {
    return this.store.loading.has(name)
  }

  /** Throws unless every collection is loaded (what reads the whole state needs). */
  assertLoaded(): void {
    if (this.store.loading.size) throw new CloudbaseError('SYS_ERR', `the database is still loading (${[...this.store.loading].join(', ')})`)
  }

  /** database.addCollection. Creating an existing collection fails like production. */
  async addCollection(name: unknown): Promise<void> {
    if (typeof name !== 'string' || !COLLECTION_NAME_RE.test(name)) throw new CloudbaseError('INVALID_PARAM', `invalid collection name ${JSON.stringify(name)}`)
    if (this.collections.has(name)) throw new CloudbaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection "${name}" already exists`)
    this.ensure(name)
    await this.store.append([{ o: 'create', c: name }])
  }

  /** Steps 1–3 of the header. */
  commit(changes: Change[]): Promise<void> {
    const byColl = new Map<string, Map<string, Doc | null>>()
    for (const ch of changes) {
      let m = byColl.get(ch.coll)
      if (!m) byColl.set(ch.coll, (m = new Map()))
      m.set(ch.key, ch.doc)
    }
    for (const [name, m] of byColl) this.collection(name).checkUnique(m)
    const version = ++this.seq
    const retain = this.retainVersions()
    const ops: StoreOp[] = []
    for (const [name, m] of byColl) {
      const coll = this.collection(name)
      for (const [key, doc] of m) {
        if (doc) {
          coll.put(key, doc, version, retain)
          ops.push({ o: 'put', c: name, d: doc })
        } else {
          const old = coll.get(key)
          if (!old) continue
          coll.delete(key, version, retain)
          ops.push({ o: 'del', c: name, id: old._id })
        }
      }
    }
    if (!ops.length) return this.store.waitDurable()
    const p = this.store.append(ops)
    this.store.maybeCompact(this.dump)
    return p
  }

  /** Reads wait for this before answering, so no answer exposes a write a crash could undo. */
  readBarrier(): Promise<void> {
    return this.store.waitDurable()
  }

  readonly dump = () => [...this.collections.values()].map((c) => ({ name: c.name, docs: c.docs.values() }))

  /** Forces a compaction now (tests, benches). */
  async compact(): Promise<void> {
    await this.whenLoaded()
    return this.store.compact(this.dump)
  }

  // ---- export / import / reset ----

  exportSnapshot(): { collections: Record<string, unknown[]> } {
    this.assertLoaded()
    const out: Record<string, unknown[]> = {}
    for (const c of this.collections.values()) out[c.name] = [...c.docs.values()].map((d) => encodeValue(d, { relaxed: true }))
    return { collections: out }
  }

  /**
   * Loads documents (EJSON, canonical or relaxed). `replace` drops every existing document first.
   * Validated completely (ids, unique indexes) before anything changes; durable when it resolves.
   */
  async importSnapshot(s: { collections: Record<string, unknown[]> }, replace: boolean): Promise<void> {
    if (!s || !isPlainObject(s) || !isPlainObject(s.collections)) throw new CloudbaseError('INVALID_PARAM', 'snapshot must be { collections: { name: Doc[] } }')
    await this.whenLoaded() // it replaces or extends the whole state
    const staged = new Map<string, Collection>()
    for (const [name, docs] of Object.entries(s.collections)) {
      if (!COLLECTION_NAME_RE.test(name)) throw new CloudbaseError('INVALID_PARAM', `invalid collection name ${JSON.stringify(name)}`)
      if (!Array.isArray(docs)) throw new CloudbaseError('INVALID_PARAM', `collections.${name} must be an array`)
      // stage into a fresh collection (same indexes) to validate without touching the live one
      const tmp = new Collection(name, this.schema.get(name))
      const live = this.collections.get(name)
      if (live && !replace) for (const [k, d] of live.docs) tmp.put(k, d, 0)
      for (const raw of docs) {
        const doc = decodeValue(raw) as Doc
        if (!isPlainObject(doc)) throw new CloudbaseError('INVALID_PARAM', `collections.${name}: documents must be objects`)
        if (doc._id === undefined) doc._id = newId()
        const key = idKey(doc._id)
        tmp.checkUnique(new Map([[key, doc]]))
        tmp.put(key, doc, 0)
      }
      staged.set(name, tmp)
    }
    this.onReplace?.()
    const version = ++this.seq
    if (replace) {
      for (const [name, c] of this.collections) {
        if (staged.has(name)) continue
        if (this.schema.has(name)) c.clear()
        else this.collections.delete(name)
      }
    }
    for (const [name, tmp] of staged) {
      const c = this.ensure(name)
      c.clear()
      for (const [k, d] of tmp.docs) c.put(k, d, version)
    }
    await this.store.compact(this.dump, { barrier: true })
  }

  /** Empties the database: declared collections stay (empty), created ones are dropped. */
  async reset(): Promise<void> {
    await this.whenLoaded()
    this.onReplace?.()
    ++this.seq
    for (const [name, c] of this.collections) {
      if (this.schema.has(name)) c.clear()
      else this.collections.delete(name)
    }
    await this.store.compact(this.dump, { barrier: true })
  }

  async close(): Promise<void> {
    this.closing = true // a load still running stops: not a failure to report
    await this.store.close()
  }
}
