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
import { isAscii } from 'node:buffer'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { decodeParsed, decodeValue, encodeValue } from '../ejson'
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
}

export type StoreDump = () => { name: string; docs: Iterable<Doc> }[]

export interface StoreOpenInfo {
  snapshotDocs: number
  replayedRecords: number
  droppedTailBytes: number
  millis: number
}

const SNAPSHOT = 'snapshot.ndjson'
const FORMAT = 'xiaoge-emulator-db'
const walName = (gen: number) => `wal-${String(gen).padStart(8, '0')}.log`
const WAL_RE = /^wal-(\d{8})\.log$/
const MIN_COMPACT_BYTES = 16 * 1024 * 1024
/** the snapshot is written in pieces of about this many characters */
const WRITE_CHUNK_CHARS = 1 << 20

const ejsonCtx = { now: Date.now }
/** a line without `"$` holds no EJSON wrapper (stored field names never start with '$'): JSON.parse is all it needs */
const decodeDoc = (line: string): Doc => (line.includes('"$') ? decodeParsed(JSON.parse(line), ejsonCtx) : JSON.parse(line)) as Doc
const encodeDoc = (d: Doc): unknown => encodeValue(d, { relaxed: true })

const NON_ASCII = /[\u0080-\uffff]/g
const escapeChar = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
/**
 * JSON text with every non-ASCII character escaped (\uXXXX; an astral character is its two
 * surrogates, which JSON.parse joins again). Outside strings JSON is ASCII already, so this is still
 * the same JSON. Why: an ASCII file decodes as latin1 — a copy — where one Chinese name in a 1 MB
 * piece sends the whole piece down V8's slow UTF-8 path and makes every string two-byte.
 */
export const asciiJson = (json: string): string => json.replace(NON_ASCII, escapeChar)

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

  private constructor(readonly dir: string) {}

  static async open(dir: string, sink: StoreSink): Promise<DurableStore> {
    const t0 = performance.now()
    fs.mkdirSync(dir, { recursive: true })
    const store = new DurableStore(dir)
    const snapPath = path.join(dir, SNAPSHOT)
    let snapshotDocs = 0
    if (fs.existsSync(snapPath)) {
      const loaded = await loadSnapshot(snapPath, sink)
      store.gen = loaded.gen
      snapshotDocs = loaded.docs
      store.snapshotBytes = loaded.bytes
    }
    try {
      fs.unlinkSync(snapPath + '.tmp') // an interrupted compaction
    } catch {
      /* none */
    }
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
        sink.apply(decodeRecord(rec))
        replayed++
      }
      dropped += r.droppedBytes
      lastGen = g
      lastValid = r.validBytes
    }
    store.gen = lastGen
    store.wal = new Wal(path.join(dir, walName(lastGen)), lastValid)
    fsyncDir(dir)
    store.info = { snapshotDocs, replayedRecords: replayed, droppedTailBytes: dropped, millis: performance.now() - t0 }
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
    if (this.compacting || this.closed) return
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
      // --- synchronous: capture the state and switch logs at one point in the write order. Stored
      // documents are never mutated in place (a write replaces the object), so holding references
      // is the snapshot; serialising them happens below, streamed, while writes go on.
      const parts = dump().map(({ name, docs }) => ({ name, docs: Array.from(docs) }))
      const count = parts.reduce((n, p) => n + p.docs.length, 0)
      const newGen = this.gen + 1
      const oldWal = this.wal
      const oldGen = this.gen
      this.wal = new Wal(path.join(this.dir, walName(newGen)), 0)
      this.gen = newGen
      // --- asynchronous: stream the snapshot into a temp file, make it durable, rename it into
      // place, then drop what it supersedes (no single string: any size can be saved)
      const tmp = path.join(this.dir, SNAPSHOT + '.tmp')
      const fh = await fs.promises.open(tmp, 'w')
      let bytes = 0
      try {
        let pending: string[] = []
        let pendingChars = 0
        const flush = async () => {
          if (!pending.length) return
          const buf = Buffer.from(pending.join(''))
          pending = []
          pendingChars = 0
          bytes += buf.length
          await fh.write(buf)
        }
        const line = async (s: string) => {
          pending.push(s, '\n')
          pendingChars += s.length + 1
          if (pendingChars >= WRITE_CHUNK_CHARS) await flush()
        }
        await line(JSON.stringify({ format: FORMAT, version: 1, gen: newGen, collections: parts.map((p) => p.name), createdAt: new Date().toISOString() }))
        for (const { name, docs } of parts) {
          await line(JSON.stringify({ $collection: name }))
          for (const d of docs) await line(asciiJson(JSON.stringify(encodeDoc(d))))
        }
        await line(JSON.stringify({ $end: count }))
        await flush()
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

/** Reads the snapshot line by line from a stream (never the whole file in one string). */
async function loadSnapshot(file: string, sink: StoreSink): Promise<{ gen: number; docs: number; bytes: number }> {
  let lineNo = 0
  let gen = 0
  let current: string | undefined
  let docs = 0
  let ended = false
  const onLine = (line: string): boolean => {
    if (!line) return true
    if (lineNo++ === 0) {
      const h = JSON.parse(line) as { format?: string; gen?: number; collections?: string[] }
      if (h.format !== FORMAT) throw new Error(`${file} is not an emulator database snapshot`)
      gen = Number(h.gen) || 0
      for (const c of h.collections ?? []) sink.createCollection(c)
      return true
    }
    if (line.startsWith('{"$collection":')) {
      current = (JSON.parse(line) as { $collection: string }).$collection
      return true
    }
    if (line.startsWith('{"$end":')) {
      ended = true
      return false
    }
    if (current === undefined) throw new Error(`${file}: document before any collection`)
    sink.loadDoc(current, decodeDoc(line))
    docs++
    return true
  }
  // read in 1 MB pieces, each decoded as one string up to its last newline; the cut line at a
  // piece's end (bytes, so a character split between pieces is decoded whole) joins the next piece
  let rest: Buffer | undefined
  read: for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0
    if (rest) {
      const nl = chunk.indexOf(10)
      if (nl === -1) {
        rest = Buffer.concat([rest, chunk])
        continue
      }
      const more = onLine(Buffer.concat([rest, chunk.subarray(0, nl)]).toString('utf8'))
      rest = undefined
      start = nl + 1
      if (!more) break
    }
    const last = chunk.lastIndexOf(10)
    if (last >= start) {
      // snapshots written before the ASCII escaping (raw UTF-8) still load, by the slow path
      const ascii = isAscii(chunk.subarray(start, last))
      const text = chunk.toString(ascii ? 'latin1' : 'utf8', start, last)
      let pos = 0
      for (;;) {
        const nl = text.indexOf('\n', pos)
        if (!onLine(nl === -1 ? text.slice(pos) : text.slice(pos, nl))) break read
        if (nl === -1) break
        pos = nl + 1
      }
      start = last + 1
    }
    if (start < chunk.length) rest = chunk.subarray(start)
  }
  if (!ended && rest) onLine(rest.toString('utf8'))
  // The snapshot is renamed into place only after it was fsynced whole, so a missing end marker
  // means outside damage: refuse to start rather than silently serve partial data.
  if (!ended) throw new Error(`${file} is incomplete (no end marker); restore it or remove the data directory`)
  return { gen, docs, bytes: fs.statSync(file).size }
}
