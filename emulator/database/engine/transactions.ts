/**
 * Transactions (database.startTransaction / commitTransaction / abortTransaction and document
 * operations carrying a transactionId).
 *
 * - Writes are buffered per transaction; its reads see the committed data overlaid with its own
 *   buffered writes.
 * - Every document the transaction reads or writes is tracked with the version it saw. At commit,
 *   if any of them changed since, the answer is DATABASE_TRANSACTION_CONFLICT (the SDK's
 *   runTransaction retries on exactly that code); otherwise all writes are applied through the one
 *   commit path — atomically in memory, one log record on disk.
 * - Single-document reads/writes in a transaction also take an exclusive per-document lock, held
 *   until commit/abort (what MongoDB's document locks do for writes). Without it, N concurrent
 *   read-modify-write transactions on one counter would all read the same version, one would win
 *   each round, and with the SDK's 4 attempts most would fail; with it they queue and all succeed.
 *   A wait that would close a cycle (deadlock) or that lasts longer than `lockWaitMs` answers
 *   DATABASE_TRANSACTION_CONFLICT instead, so the SDK retries.
 * - Conflicts are reported at commit, never by the read/write that noticed them: wx-server-sdk
 *   turns errors of document operations into errCode errors without `code`, so runTransaction would
 *   not recognise them and not retry. A transaction that notices a conflict is "doomed": it releases
 *   its locks at once (so others progress), its later operations still answer (without locking),
 *   and its commit answers DATABASE_TRANSACTION_CONFLICT — which the SDK does retry.
 * - Abandoned transactions expire `lifetimeMs` after they started (MongoDB's default: 60 s).
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError } from '../../core/errors'
import type { Collection } from './collection'
import type { Change, Database } from './database'
import type { Doc } from './doc'
import type { DocView } from './query'

interface Lock {
  holder: Txn
  queue: { txn: Txn; resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[]
}

export class Txn {
  state: 'active' | 'committed' | 'aborted' = 'active'
  /** why it was aborted (expired, conflict, rollback) */
  abortReason = ''
  /** (coll \u0001 key) → version seen at first access */
  readonly seen = new Map<string, { coll: string; key: string; version: number }>()
  /** (coll \u0001 key) → buffered write */
  readonly writes = new Map<string, Change>()
  readonly locks = new Set<string>()
  waitingFor: Lock | undefined
  /** set when a conflict was noticed; the commit will fail with DATABASE_TRANSACTION_CONFLICT */
  doomed: string | undefined
  constructor(
    readonly id: string,
    readonly startedAt: number,
  ) {}
}

const ck = (coll: string, key: string) => `${coll}\u0001${key}`

export interface TransactionOptions {
  lifetimeMs?: number
  lockWaitMs?: number
  now?: () => number
}

export class TransactionManager {
  private readonly txns = new Map<string, Txn>()
  private readonly lockTable = new Map<string, Lock>()
  private readonly lifetimeMs: number
  private readonly lockWaitMs: number
  private readonly now: () => number
  private sweeper: NodeJS.Timeout

  constructor(
    private readonly db: Database,
    opts: TransactionOptions = {},
  ) {
    this.lifetimeMs = opts.lifetimeMs ?? 60_000
    this.lockWaitMs = opts.lockWaitMs ?? 5_000
    this.now = opts.now ?? Date.now
    this.sweeper = setInterval(() => this.sweep(), Math.min(5_000, this.lifetimeMs)).unref()
    db.onCommit = () => {
      if (this.txns.size === 0) for (const c of db.collections.values()) c.pruneTombstones()
    }
  }

  get active(): number {
    return this.txns.size
  }

  start(): Txn {
    this.sweep()
    const t = new Txn(randomBytes(12).toString('hex'), this.now())
    this.txns.set(t.id, t)
    return t
  }

  /** The active transaction with this id, or an error the SDK surfaces. */
  get(id: unknown): Txn {
    if (typeof id !== 'string' || !id) throw new CloudbaseError('INVALID_PARAM', 'transactionId is required')
    const t = this.txns.get(id)
    if (!t || t.state !== 'active') {
      throw new CloudbaseError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${id} is not active${t?.abortReason ? ` (${t.abortReason})` : ' (unknown, committed, aborted or expired)'}`,
      )
    }
    if (this.now() - t.startedAt > this.lifetimeMs) {
      this.finish(t, 'aborted', `expired after ${this.lifetimeMs} ms`)
      throw new CloudbaseError('DATABASE_TRANSACTION_FAIL', `transaction ${id} expired (lifetime ${this.lifetimeMs} ms)`)
    }
    return t
  }

  /** Aborts transactions past their lifetime (releasing their locks). */
  sweep(): void {
    const now = this.now()
    for (const t of this.txns.values()) if (now - t.startedAt > this.lifetimeMs) this.finish(t, 'aborted', `expired after ${this.lifetimeMs} ms`)
  }

  // ---- locks ----

  private async lock(t: Txn, coll: string, key: string): Promise<void> {
    if (t.doomed) return // a doomed transaction cannot commit: it no longer needs (or holds) locks
    const k = ck(coll, key)
    const l = this.lockTable.get(k)
    if (!l) {
      this.lockTable.set(k, { holder: t, queue: [] })
      t.locks.add(k)
      return
    }
    if (l.holder === t) return
    // deadlock: does the holder (transitively) wait for a lock that t holds?
    for (let h: Txn | undefined = l.holder, n = 0; h && n < 10_000; h = h.waitingFor?.holder, n++) {
      if (h === t) return this.doom(t, `deadlock on ${coll}/${key}`)
    }
    const granted = await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => {
        l.queue = l.queue.filter((w) => w.txn !== t)
        t.waitingFor = undefined
        resolve(false)
      }, this.lockWaitMs)
      t.waitingFor = l
      l.queue.push({ txn: t, resolve: () => resolve(true), reject, timer })
    })
    t.waitingFor = undefined
    if (t.state !== 'active') throw new CloudbaseError('DATABASE_TRANSACTION_FAIL', `transaction ${t.id} is not active (${t.abortReason})`)
    if (!granted) this.doom(t, `lock wait on ${coll}/${key} timed out after ${this.lockWaitMs} ms`)
  }

  /** Marks a conflict (reported at commit) and lets go of the locks so other transactions progress. */
  private doom(t: Txn, why: string): void {
    t.doomed ??= why
    this.releaseLocks(t)
  }

  private releaseLocks(t: Txn): void {
    for (const k of t.locks) {
      const l = this.lockTable.get(k)
      if (!l || l.holder !== t) continue
      const next = l.queue.shift()
      if (!next) {
        this.lockTable.delete(k)
        continue
      }
      clearTimeout(next.timer)
      l.holder = next.txn
      next.txn.locks.add(k)
      next.resolve()
    }
    t.locks.clear()
    // a transaction that is itself waiting stops waiting
    if (t.waitingFor) {
      const l = t.waitingFor
      const w = l.queue.find((x) => x.txn === t)
      l.queue = l.queue.filter((x) => x.txn !== t)
      if (w) {
        clearTimeout(w.timer)
        w.reject(new CloudbaseError('DATABASE_TRANSACTION_FAIL', `transaction ${t.id} was ${t.state}`))
      }
      t.waitingFor = undefined
    }
  }

  private finish(t: Txn, state: 'committed' | 'aborted', reason = ''): void {
    if (t.state !== 'active') return
    t.state = state
    t.abortReason = reason
    this.releaseLocks(t)
    // keep the record briefly so a late call gets a clear "not active (reason)" answer
    setTimeout(() => this.txns.delete(t.id), 30_000).unref()
    if (state === 'committed') this.txns.delete(t.id)
  }

  private conflict(t: Txn, why: string): CloudbaseError {
    this.finish(t, 'aborted', `conflict: ${why}`)
    return new CloudbaseError('DATABASE_TRANSACTION_CONFLICT', `transaction conflict: ${why}; retry the transaction`)
  }

  /** Records the version of a document the transaction depends on; an already-stale one is a conflict. */
  private track(t: Txn, coll: Collection, key: string): void {
    const k = ck(coll.name, key)
    const seen = t.seen.get(k)
    const v = coll.version(key)
    if (!seen) t.seen.set(k, { coll: coll.name, key, version: v })
    else if (seen.version !== v && !t.writes.has(k)) this.doom(t, `${coll.name}/${key} changed since the transaction read it`)
  }

  // ---- document operations inside a transaction ----

  /** Reads one document (locking it). */
  async readDoc(t: Txn, coll: Collection, key: string): Promise<Doc | undefined> {
    await this.lock(t, coll.name, key)
    const w = t.writes.get(ck(coll.name, key))
    if (w) return w.doc ?? undefined
    this.track(t, coll, key)
    return coll.get(key)
  }

  /** Buffers a write of one document (locking it). `doc` null deletes. */
  async writeDoc(t: Txn, coll: Collection, key: string, doc: Doc | null): Promise<void> {
    await this.lock(t, coll.name, key)
    if (!t.writes.has(ck(coll.name, key))) this.track(t, coll, key)
    t.writes.set(ck(coll.name, key), { coll: coll.name, key, doc })
  }

  /** The collection as this transaction sees it (for WHERE reads: versions tracked, no locks). */
  view(t: Txn, coll: Collection): DocView {
    const own = new Map<string, Doc | null>()
    for (const w of t.writes.values()) if (w.coll === coll.name) own.set(w.key, w.doc)
    const get = (key: string): Doc | undefined => {
      if (own.has(key)) return own.get(key) ?? undefined
      return coll.get(key)
    }
    return {
      coll,
      overlaid: own.size > 0,
      get,
      entries: function* () {
        for (const [key, doc] of coll.docs) {
          if (own.has(key)) {
            const mine = own.get(key)
            if (mine) yield [key, mine] as [string, Doc]
          } else yield [key, doc] as [string, Doc]
        }
        for (const [key, doc] of own) if (doc && !coll.docs.has(key)) yield [key, doc] as [string, Doc]
      },
    }
  }

  /** Tracks documents returned by a WHERE read inside the transaction. */
  trackRead(t: Txn, coll: Collection, keys: string[]): void {
    for (const key of keys) if (!t.writes.has(ck(coll.name, key))) this.track(t, coll, key)
  }

  // ---- commit / abort ----

  async commit(id: unknown): Promise<void> {
    const t = this.get(id)
    if (t.doomed) throw this.conflict(t, t.doomed)
    for (const s of t.seen.values()) {
      const coll = this.db.collections.get(s.coll)
      if (!coll || coll.version(s.key) !== s.version) throw this.conflict(t, `${s.coll}/${s.key} changed since the transaction read it`)
    }
    let durable: Promise<void>
    try {
      durable = this.db.commit([...t.writes.values()])
    } catch (e) {
      // e.g. DATABASE_DUPLICATE_WRITE: nothing was applied; the transaction is over
      this.finish(t, 'aborted', `commit failed: ${(e as Error).message}`)
      throw e
    }
    this.finish(t, 'committed')
    await durable
  }

  abort(id: unknown): void {
    if (typeof id !== 'string') throw new CloudbaseError('INVALID_PARAM', 'transactionId is required')
    const t = this.txns.get(id)
    // aborting an already aborted/expired transaction is fine (the SDK aborts after a failed commit)
    if (!t || t.state === 'aborted') return
    if (t.state === 'committed') throw new CloudbaseError('DATABASE_TRANSACTION_FAIL', `transaction ${id} is already committed`)
    this.finish(t, 'aborted', 'rolled back')
  }

  close(): void {
    clearInterval(this.sweeper)
    for (const t of [...this.txns.values()]) this.finish(t, 'aborted', 'database closed')
  }
}
