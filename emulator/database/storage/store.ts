/**
 * The durable store of the emulator's database: a snapshot file plus fsynced append-only logs.
 * (Why this engine and not SQLite: see emulator/README.md, "Database storage engine".)
 *
 * Files in the data directory:
 *   snapshot.ndjson   line 1 header {format, version, gen, collections}; then per collection a line
 *                     {"$collection": name} followed by one line per document (relaxed EJSON); last
 *                     line {"$end": docCount}. Written to a temp file, fsynced, renamed, dir fsynced.
 *   wal-<gen>.log     records (see wal.ts) appended after the snapshot of generation <gen> was taken.
 *
 * A record is a JSON array of redo operations applied together: one acknowledged write or one
 * committed transaction = one record, so a transaction is all-or-nothing after a crash. Operations
 * carry whole documents (put) or ids (del), so replaying a record twice is harmless — this is what
 * lets compaction run without stopping writers: at the switch point new records go to wal-<gen+1>
 * while the snapshot of the state at that point is written in the background; recovery loads the
 * newest complete snapshot and replays every log of its generation or later, in order.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { decodeValue, encodeValue } from '../ejson'
import { readSnapshotBody, readSnapshotHeader, writeSnapshot } from './snapshot'
import { readWal, Wal } from './wal'

export type Doc = Record<string, unknown>

export type StoreOp =
  | { o: 'put'; c: string; d: Doc }
  | { o: 'del'; c: string; id: unknown }
  | { o: 'create'; c: string }

/** What recovery feeds the in-memory database with. */
export interface StoreSink {
  createCollection(name: string): void
  loadDoc(collection: string, doc: Doc): void
  apply(ops: StoreOp[]): void
  /** the collection now holds everything the files say about it (its snapshot section and its logged writes) */
  collectionLoaded?(name: string): void
}

export type StoreDump = () => { name: string; docs: Iterable<Doc> }[]

export interface StoreOpenInfo {
  snapshotDocs: number
  replayedRecords: number
  droppedTailBytes: number
  /** until the store could serve: header and logs read (the whole load when it was not served early) */
  millis: number
  /** until every collection was loaded */
  loadedMillis?: number
}

export interface StoreOpenOptions {
  /**
   * A snapshot bigger than this is served while it loads: open resolves once the header and the logs
   * are read, each collection is ready when `collectionLoaded` says so, `loaded` when all are.
   * Smaller ones load completely first (a few milliseconds; nothing to gain). Default 8 MiB.
   */
  serveWhileLoadingAboveBytes?: number
}

const SNAPSHOT = 'snapshot.ndjson'
const walName = (gen: number) => `wal-${String(gen).padStart(8, '0')}.log`
const WAL_RE = /^wal-(\d{8})\.log$/
const MIN_COMPACT_BYTES = 16 * 1024 * 1024
const SERVE_WHILE_LOADING_ABOVE = 8 * 1024 * 1024

const ejsonCtx = { now: Date.now }
const encodeDoc = (d: Doc): unknown => encodeValue(d, { relaxed: true })

function fsyncDir(dir: string): void {
  // Makes renames/creations in the directory durable. Not supported on every platform (Windows).
  try {
    const fd = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    /* best effort */
  }
}

export class DurableStore {
  private wal!: Wal
  private gen = 0
  private snapshotBytes = 0
  private compacting: Promise<void> | undefined
  /** set while a reset/import rewrite is being made durable: later writes are acknowledged after it */
  private barrier: Promise<void> | undefined
  private closed = false
  info!: StoreOpenInfo
  /** collections whose documents are still being read (served early: see StoreOpenOptions) */
  readonly loading = new Set<string>()
  /** resolves when every collection is loaded; rejects if the snapshot turns out damaged */
  loaded: Promise<void> = Promise.resolve()

  private constructor(readonly dir: string) {}

  /**
   * Recovery: the newest snapshot, then every log of its generation or later, in order. The logs
   * are read (and a torn tail cut) before anything is served, so new writes append after them. The
   * snapshot's documents stream in after; a collection's logged writes are applied right after its
   * section, which gives each collection its final state (operations on different collections
   * commute), and only then is it marked loaded.
   */
  static async open(dir: string, sink: StoreSink, opts: StoreOpenOptions = {}): Promise<DurableStore> {
    const t0 = performance.now()
    fs.mkdirSync(dir, { recursive: true })
    const store = new DurableStore(dir)
    const snapPath = path.join(dir, SNAPSHOT)
    try {
      fs.unlinkSync(snapPath + '.tmp') // an interrupted compaction
    } catch {
      /* none */
    }
    const header = fs.existsSync(snapPath) ? readSnapshotHeader(snapPath) : undefined
    if (header) {
      store.gen = header.gen
      store.snapshotBytes = fs.statSync(snapPath).size
      for (const c of header.collections) {
        sink.createCollection(c)
        store.loading.add(c)
      }
    }
    // --- the logs, read whole now; their writes wait per collection for the snapshot's documents
    const logged = new Map<string, StoreOp[]>()
    const gens = fs
      .readdirSync(dir)
      .map((f) => WAL_RE.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b)
    let replayed = 0
    let dropped = 0
    let lastValid = 0
    let lastGen = store.gen
    for (const g of gens) {
      const p = path.join(dir, walName(g))
      if (g < store.gen) {
        fs.unlinkSync(p) // already contained in the snapshot
        continue
      }
      const r = readWal(p)
      for (const rec of r.records) {
        for (const op of decodeRecord(rec)) {
          if (op.o === 'create') sink.createCollection(op.c)
          else {
            let ops = logged.get(op.c)
            if (!ops) logged.set(op.c, (ops = []))
            ops.push(op)
            store.loading.add(op.c)
          }
        }
        replayed++
      }
      dropped += r.droppedBytes
      lastGen = g
      lastValid = r.validBytes
    }
    store.gen = lastGen
    store.wal = new Wal(path.join(dir, walName(lastGen)), lastValid)
    fsyncDir(dir)
    store.info = { snapshotDocs: 0, replayedRecords: replayed, droppedTailBytes: dropped, millis: 0 }

    const finish = (name: string) => {
      if (!store.loading.delete(name)) return
      const ops = logged.get(name)
      if (ops) sink.apply(ops)
      logged.delete(name)
      sink.collectionLoaded?.(name)
    }
    // collections only the logs know of (created since the snapshot) are complete already
    for (const name of [...store.loading]) if (!header?.collections.includes(name)) finish(name)
    const load = async () => {
      if (header) {
        const r = await readSnapshotBody(snapPath, header, {
          doc: (c, d) => sink.loadDoc(c, d),
          sectionEnd: finish,
          stopped: () => store.closed,
        })
        store.info.snapshotDocs = r.docs
      }
      for (const name of [...store.loading]) finish(name) // listed in the header without a section (damage)
      store.info.loadedMillis = performance.now() - t0
    }
    const early = store.snapshotBytes > (opts.serveWhileLoadingAboveBytes ?? SERVE_WHILE_LOADING_ABOVE)
    if (early) store.loaded = load()
    else await load()
    store.info.millis = performance.now() - t0
    return store
  }

  /**
   * Logs one atomic group of operations (already applied in memory by the caller, in the same order
   * as calls to append). Resolves once durable.
   */
  append(ops: StoreOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('database store is closed'))
    const p = this.wal.append(Buffer.from(JSON.stringify(ops.map(encodeOp))))
    return this.barrier ? Promise.all([p, this.barrier]).then(() => undefined) : p
  }

  /** Resolves when everything appended so far is durable (reads wait for this so they never expose
   * a write that a crash could still take back). */
  waitDurable(): Promise<void> {
    const p = this.wal.waitDurable()
    return this.barrier ? Promise.all([p, this.barrier]).then(() => undefined) : p
  }

  /** Compacts when the log has outgrown the snapshot (amortised O(1) per written byte). */
  maybeCompact(dump: StoreDump): void {
    if (this.compacting || this.closed || this.loading.size) return
    if (this.wal.size < Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) return
    this.compact(dump).catch((e) => {
      // The logs are kept when compaction fails, so nothing is lost; it is retried later.
      console.error('[emulator] database compaction failed', e)
    })
  }

  /**
   * Writes a snapshot of `dump()` (taken synchronously, right now) and starts a new log generation.
   * Used for compaction and, with `barrier`, to make reset/import durable in one step.
   */
  compact(dump: StoreDump, opts: { barrier?: boolean } = {}): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.compacting) await this.compacting.catch(() => undefined)
      // a snapshot of a half-loaded state would lose the rest: never before the load is complete
      if (this.loading.size) await this.loaded
      // --- synchronous: capture the state and switch logs at one point in the write order. Stored
      // documents are never mutated in place (a write replaces the object), so holding references
      // is the snapshot; serialising them happens below, streamed, while writes go on.
      const parts = dump().map(({ name, docs }) => ({ name, docs: Array.from(docs) }))
      const newGen = this.gen + 1
      const oldWal = this.wal
      const oldGen = this.gen
      this.wal = new Wal(path.join(this.dir, walName(newGen)), 0)
      this.gen = newGen
      // --- asynchronous: stream the snapshot into a temp file, make it durable, rename it into
      // place, then drop what it supersedes (no single string: any size can be saved)
      const tmp = path.join(this.dir, SNAPSHOT + '.tmp')
      const fh = await fs.promises.open(tmp, 'w')
      let bytes: number
      try {
        bytes = await writeSnapshot(fh, newGen, parts)
        await fh.datasync()
      } finally {
        await fh.close()
      }
      await fs.promises.rename(tmp, path.join(this.dir, SNAPSHOT))
      fsyncDir(this.dir)
      this.snapshotBytes = bytes
      await oldWal.close()
      for (let g = oldGen; g < newGen; g++) {
        await fs.promises.unlink(path.join(this.dir, walName(g))).catch(() => undefined)
      }
    }
    const p = run()
    this.compacting = p
    if (opts.barrier) {
      const b = p.catch(() => undefined)
      this.barrier = b
      void b.then(() => {
        if (this.barrier === b) this.barrier = undefined
      })
    }
    void p.finally(() => {
      if (this.compacting === p) this.compacting = undefined
    }).catch(() => undefined)
    return p
  }

  get walBytes(): number {
    return this.wal.size
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.loaded.catch(() => undefined) // stops at the next piece it reads
    await this.compacting?.catch(() => undefined)
    await this.wal.close()
  }
}

function encodeOp(op: StoreOp): unknown {
  switch (op.o) {
    case 'put':
      return { o: 'put', c: op.c, d: encodeDoc(op.d) }
    case 'del':
      return { o: 'del', c: op.c, id: encodeValue(op.id, { relaxed: true }) }
    case 'create':
      return op
  }
}

function decodeRecord(buf: Buffer): StoreOp[] {
  return decodeValue(JSON.parse(buf.toString('utf8')), ejsonCtx) as StoreOp[]
}
