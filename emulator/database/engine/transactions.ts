/**
 * Transactions (database.startTransaction / commitTransaction / abortTransaction and the document
 * operations that carry a transactionId), answering as CloudBase does. Sources — WeChat 云开发 guide
 * 数据库 → 事务 (快照隔离); CloudBase node-sdk's production-run tests
 * (test/database/unit/transaction.test.ts: 冲突检测, 读快照, 读偏, write skew, 事务提交后不能进行其它操作);
 * MongoDB, which CloudBase runs on (transactions "In-progress Transactions and Write Conflicts";
 * SERVER-34650):
 *
 * - **Snapshot reads.** A transaction reads the database as it was when it started (the commit
 *   sequence number `snap`), plus its own writes. Reads take no locks. Older versions of documents
 *   are kept (Collection.put/delete with `retain`) only while some running transaction may read
 *   them, and pruned when the oldest such transaction ends.
 * - **Write locks.** A write in a transaction (update, set, remove, add) locks the document — and,
 *   for a document it stores, each of its unique-index keys — until commit or abort. The writes are
 *   buffered; commit applies them all through the one commit path (one log record).
 * - **Write conflicts, at once.** A write to a document another transaction has locked, or to one
 *   committed after this transaction's snapshot, answers DATABASE_TRANSACTION_CONFLICT immediately
 *   and aborts the transaction (MongoDB aborts on a write conflict; later operations, commit and
 *   rollback on it answer DATABASE_TRANSACTION_FAIL). No deadlock is possible: nobody waits.
 *   Snapshot isolation allows write skew (two transactions each reading what the other writes both
 *   commit), as in production.
 * - **Plain writes wait.** A write outside any transaction to a locked document waits until the
 *   transaction ends (TransactionManager.whenUnlocked); the wait is bounded by the holder's lifetime.
 * - **Lifetime.** A transaction not committed or aborted `lifetimeMs` (30 s in production: "transaction
 *   must be commit or abort in 30 seconds") after it started is aborted and its locks released.
 *
 * wx-server-sdk keeps the error `code` only on commit; a conflict raised by a document operation
 * reaches the callback as an errCode/errMsg error that runTransaction does not retry. That is
 * production's behaviour, reproduced here on purpose; server/tx.ts is the project's answer to it.
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError } from '../../core/errors'
import type { Collection } from './collection'
import type { Change, Database } from './database'
import type { Doc } from './doc'
import type { DocView } from './query'

/** Production's answers, word for word (node-sdk transaction.test.ts › 读偏, › 事务提交后不能进行其它操作). */
export const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
export const NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

export const DEFAULT_LIFETIME_MS = 30_000

export class Txn {
  state: 'active' | 'committed' | 'aborted' = 'active'
  /** why it ended: committed, rolled back, write conflict on …, expired */
  endReason = ''
  /** (coll \u0001 key) → buffered write */
  readonly writes = new Map<string, Change>()
  /** lock names held (documents and unique-index keys) */
  readonly locks = new Set<string>()
  timer: NodeJS.Timeout | undefined
  constructor(
    readonly id: string,
    readonly startedAt: number,
    /** the snapshot: every commit up to this sequence number is visible, none after */
    readonly snap: number,
  ) {}
}

const docLock = (coll: string, key: string) => `${coll}\u0001${key}`
const indexLock = (coll: string, index: string, k: string) => `${coll}\u0002${index}\u0002${k}`

export interface TransactionOptions {
  /** production: 30 s */
  lifetimeMs?: number
  now?: () => number
}

export class TransactionManager {
  private readonly txns = new Map<string, Txn>()
  /** lock name → the transaction holding it */
  private readonly lockTable = new Map<string, Txn>()
  /** lock name → plain writes waiting for it */
  private readonly waiters = new Map<string, (() => void)[]>()
  readonly lifetimeMs: number
  private readonly now: () => number
  /** the oldest snapshot the retained versions were last pruned for */
  private prunedFor: number | undefined

  constructor(
    private readonly db: Database,
    opts: TransactionOptions = {},
  ) {
    this.lifetimeMs = opts.lifetimeMs ?? DEFAULT_LIFETIME_MS
    this.now = opts.now ?? Date.now
    db.retainVersions = () => this.txns.size > 0
    db.onReplace = () => {
      for (const t of [...this.txns.values()]) this.finish(t, 'aborted', 'the database was reset or imported')
    }
  }

  get active(): number {
    return this.txns.size
  }

  start(): Txn {
    this.sweep()
    const t = new Txn(randomBytes(12).toString('hex'), this.now(), this.db.lastCommit)
    this.txns.set(t.id, t)
    // expiry releases the locks even if nobody calls again (plain writes may be waiting for them)
    t.timer = setTimeout(() => this.finish(t, 'aborted', `expired after ${this.lifetimeMs} ms`), this.lifetimeMs)
    t.timer.unref()
    return t
  }

  /** The running transaction with this id, or production's "does not exist" answer. */
  get(id: unknown): Txn {
    if (typeof id !== 'string' || !id) throw new CloudbaseError('INVALID_PARAM', 'transactionId is required')
    const t = this.txns.get(id)
    if (t && this.now() - t.startedAt > this.lifetimeMs) this.finish(t, 'aborted', `expired after ${this.lifetimeMs} ms`)
    if (!t || t.state !== 'active') throw new CloudbaseError('DATABASE_TRANSACTION_FAIL', NOT_EXIST_MESSAGE)
    return t
  }

  /** Aborts transactions past their lifetime (for clocks that are not the real one). */
  sweep(): void {
    const now = this.now()
    for (const t of [...this.txns.values()]) if (now - t.startedAt > this.lifetimeMs) this.finish(t, 'aborted', `expired after ${this.lifetimeMs} ms`)
  }

  /** Ends a transaction: releases its locks (waking plain writes), prunes versions nobody needs. */
  private finish(t: Txn, state: 'committed' | 'aborted', reason: string): void {
    if (t.state !== 'active') return
    t.state = state
    t.endReason = reason
    clearTimeout(t.timer)
    this.txns.delete(t.id)
    for (const name of t.locks) {
      if (this.lockTable.get(name) === t) this.lockTable.delete(name)
      const w = this.waiters.get(name)
      if (w) {
        this.waiters.delete(name)
        for (const wake of w) wake()
      }
    }
    t.locks.clear()
    this.prune()
  }

  private prune(): void {
    let oldest: number | undefined
    for (const t of this.txns.values()) if (oldest === undefined || t.snap < oldest) oldest = t.snap
    if (oldest !== undefined && this.prunedFor !== undefined && oldest <= this.prunedFor) return
    for (const c of this.db.collections.values()) c.prune(oldest)
    this.prunedFor = oldest
  }

  /** Aborts `t` and answers production's write-conflict error. */
  private conflict(t: Txn, why: string): CloudbaseError {
    this.finish(t, 'aborted', `write conflict: ${why}`)
    return new CloudbaseError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE)
  }

  // ---- document operations inside a transaction ----

  /** One document as the transaction sees it: its own write, else its snapshot. No lock. */
  readDoc(t: Txn, coll: Collection, key: string): Doc | undefined {
    const own = t.writes.get(docLock(coll.name, key))
    if (own) return own.doc ?? undefined
    return coll.at(key, t.snap)
  }

  /**
   * Buffers a write of one document (`doc` null deletes), taking its write lock — and the locks of
   * the unique-index keys a stored document claims. Conflicts answer at once (see the header).
   */
  writeDoc(t: Txn, coll: Collection, key: string, doc: Doc | null): void {
    const name = docLock(coll.name, key)
    const holder = this.lockTable.get(name)
    if (holder && holder !== t) throw this.conflict(t, `${coll.name}/${key} is locked by another transaction`)
    if (!t.writes.has(name) && coll.version(key) > t.snap) throw this.conflict(t, `${coll.name}/${key} was committed after the transaction started`)
    const claims: string[] = []
    if (doc) {
      for (const u of coll.uniques) {
        for (const k of u.keysOf(doc)) {
          const owner = u.owner(k)
          // the committed document already holds the key: nothing new is claimed
          if (owner === key) continue
          const lock = indexLock(coll.name, u.spec.name, k)
          const h = this.lockTable.get(lock)
          if (h && h !== t) throw this.conflict(t, `${coll.name} ${u.spec.name} key ${k} is being written by another transaction`)
          // the key belongs to another document: committed before the snapshot → a duplicate;
          // after it → this transaction's snapshot is stale there, a write conflict (MongoDB)
          if (owner !== undefined && this.keepsKey(t, coll, owner, u.keysOf.bind(u), k)) {
            if (coll.version(owner) > t.snap) throw this.conflict(t, `${coll.name} ${u.spec.name} key ${k} was committed after the transaction started`)
            throw u.duplicate(k)
          }
          // …or to another document this transaction wrote
          for (const w of t.writes.values()) if (w.coll === coll.name && w.key !== key && w.doc && u.keysOf(w.doc).includes(k)) throw u.duplicate(k)
          claims.push(lock)
        }
      }
    }
    for (const lock of [name, ...claims]) {
      this.lockTable.set(lock, t)
      t.locks.add(lock)
    }
    t.writes.set(name, { coll: coll.name, key, doc })
  }

  /** Whether document `owner` still holds index key `k` as `t` would leave it. */
  private keepsKey(t: Txn, coll: Collection, owner: string, keysOf: (d: Doc) => string[], k: string): boolean {
    const own = t.writes.get(docLock(coll.name, owner))
    if (!own) return true
    return !!own.doc && keysOf(own.doc).includes(k)
  }

  /** The collection as this transaction sees it, for queries: its snapshot overlaid with its writes. */
  view(t: Txn, coll: Collection): DocView {
    const own = new Map<string, Doc | null>()
    for (const w of t.writes.values()) if (w.coll === coll.name) own.set(w.key, w.doc)
    const get = (key: string): Doc | undefined => (own.has(key) ? (own.get(key) ?? undefined) : coll.at(key, t.snap))
    const entries = function* () {
      for (const key of coll.docs.keys()) {
        const d = get(key)
        if (d) yield [key, d] as [string, Doc]
      }
      for (const key of coll.deletedSince()) {
        const d = own.has(key) ? undefined : coll.at(key, t.snap)
        if (d) yield [key, d] as [string, Doc]
      }
      for (const [key, d] of own) if (d && !coll.docs.has(key)) yield [key, d] as [string, Doc]
    }
    /** entries() order of the keys that are not committed documents (deleted since, or new here) */
    let tail: Map<string, number> | undefined
    return {
      coll,
      // the committed collection (and its indexes) is the snapshot when nothing changed since
      overlaid: own.size > 0 || coll.lastWrite > t.snap,
      get,
      entries,
      // every document committed after the snapshot has a retained old version while this
      // transaction runs (Collection.put with retain), so history + own writes cover what differs
      changed: function* () {
        yield* coll.changedKeys()
        yield* own.keys()
      },
      rank: (key) => {
        if (coll.docs.has(key)) return coll.ordinal(key)
        if (!tail) {
          tail = new Map()
          for (const k of coll.deletedSince()) if (!own.has(k)) tail.set(k, tail.size)
          for (const k of own.keys()) if (!coll.docs.has(k) && !tail.has(k)) tail.set(k, tail.size)
        }
        return Number.MAX_SAFE_INTEGER / 2 + (tail.get(key) ?? tail.size)
      },
    }
  }

  // ---- commit / abort ----

  async commit(id: unknown): Promise<void> {
    const t = this.get(id)
    let durable: Promise<void>
    try {
      // every written document is locked and unchanged since the snapshot, so this cannot lose an
      // update; the unique indexes are checked once more against the committed state
      durable = this.db.commit([...t.writes.values()])
    } catch (e) {
      this.finish(t, 'aborted', `commit failed: ${(e as Error).message}`)
      throw e
    }
    this.finish(t, 'committed', 'committed')
    await durable
  }

  /** rollback: only a running transaction can be rolled back (after an automatic abort it no longer exists). */
  abort(id: unknown): void {
    this.finish(this.get(id), 'aborted', 'rolled back')
  }

  // ---- plain (non-transaction) writes ----

  /**
   * For a plain write about to apply `changes`: undefined when no running transaction holds a lock
   * on them (then apply at once, synchronously), else a promise that resolves when that transaction
   * has ended (then compute the write again). MongoDB: "a write outside the transaction … waits
   * until the transaction ends"; bounded by the holder's lifetime, after which it is aborted.
   */
  whenUnlocked(coll: Collection, changes: { key: string; doc: Doc | null }[]): Promise<void> | undefined {
    if (this.lockTable.size === 0) return undefined
    for (const ch of changes) {
      const names = [docLock(coll.name, ch.key)]
      if (ch.doc) for (const u of coll.uniques) for (const k of u.keysOf(ch.doc)) names.push(indexLock(coll.name, u.spec.name, k))
      for (const name of names) {
        if (!this.lockTable.has(name)) continue
        return new Promise((resolve) => {
          const list = this.waiters.get(name)
          if (list) list.push(resolve)
          else this.waiters.set(name, [resolve])
        })
      }
    }
    return undefined
  }

  close(): void {
    for (const t of [...this.txns.values()]) this.finish(t, 'aborted', 'database closed')
  }
}
