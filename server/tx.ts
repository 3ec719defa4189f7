import { AppError } from '../domain/errors'
import type { Database } from './cloud'
import { isTransactionConflict, isTransactionGone } from './db-errors'

/**
 * The transaction handle of wx-server-sdk's runTransaction, reduced to what our code may use inside
 * a transaction: single-document operations only (production allows nothing else there).
 */
export interface TxDoc {
  get(): Promise<{ data: unknown }>
  set(opts: { data: Record<string, unknown> }): Promise<unknown>
  update(opts: { data: Record<string, unknown> }): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(opts: { data: Record<string, unknown> }): Promise<unknown> }
}

/**
 * One document inside a transaction, or null when it does not exist (the SDK throws the string
 * "document with _id … does not exist" for that). Only that message means "missing": a transaction
 * that no longer exists on the server ("Transaction does not exist …") is an error, not a null.
 */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    return (res.data as T) ?? null
  } catch (err) {
    const text = typeof err === 'string' ? err : String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? '')
    if (/document with _id .* does not exist/.test(text)) return null
    throw err
  }
}

/** `set` replaces the whole document; `_id` must not be part of the data. */
export const withoutId = <T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc
  return rest
}

/** The function's timeout in seconds (config.json), put in by scripts/build-functions.ts. */
declare const __FUNCTION_TIMEOUT_S__: number | undefined
const FUNCTION_TIMEOUT_MS = (typeof __FUNCTION_TIMEOUT_S__ === 'number' ? __FUNCTION_TIMEOUT_S__ : 3) * 1000

/**
 * No new attempt starts later than this after the first: the function's timeout less 2 s (for the
 * last attempt and the work around the transaction), at least 1.5 s (CloudBase's default timeout is
 * 3 s; the functions that use transactions have 5–60 s), at most 8 s — a person should not wait
 * longer for a "busy, try again".
 */
export const TX_RETRY_BUDGET_MS = Math.min(8000, Math.max(1500, FUNCTION_TIMEOUT_MS - 2000))

/** Bounds of the pause before another attempt (see runTx). */
const MIN_PAUSE_MS = 4
const MAX_PAUSE_MS = 500

/** Too many conflicting transactions for one call: the person may simply try again. */
export class TxBusyError extends AppError {
  constructor() {
    super('CONFLICT', '同时操作的人较多，请稍后重试')
  }
}

interface SdkTransaction extends Tx {
  commit(): Promise<unknown>
  rollback(): Promise<unknown>
}

/**
 * Runs `body` in one transaction and commits it, retrying the whole body in a new transaction on a
 * write conflict. An AppError thrown by the body is re-thrown as is and never retried, nor is any
 * other failure.
 *
 * Why the retry is here and not left to wx-server-sdk's runTransaction: CloudBase answers a write
 * conflict at the write itself (the document is locked by another transaction, or was changed
 * since this one started), not at commit, and aborts the transaction there and then. wx-server-sdk
 * turns the error of a document operation into `{ errCode: -501001, errMsg }` without the `code`,
 * and runTransaction retries only on `error.code === 'DATABASE_TRANSACTION_CONFLICT'`
 * (@cloudbase/database transaction/index.js) — so in production a conflict inside the callback is
 * NOT retried by the SDK. Here it is recognised by code or message (isTransactionConflict).
 *
 * An attempt that outlives its transaction (slow database, loaded machine) finds it gone at its next
 * operation or at commit; that is retried the same way. It used to surface as INTERNAL: on the
 * 2-core test machine under load an attempt took longer than the kill tests' 1 s transaction
 * lifetime, which is what broke check-out.kill.test.ts in the run that had minified bundles.
 *
 * Retry policy: only while less than `budgetMs` (TX_RETRY_BUDGET_MS) has passed since the first
 * attempt, so a call ends well before its function's timeout (a call killed mid-transaction would
 * leave its locks held until the 30 s lifetime runs out). Between attempts a pause of 1–3× the
 * failed attempt's duration: that attempt stopped at its conflicting write, about halfway through,
 * and the winner needs about a whole attempt to commit, so retrying sooner mostly collides again
 * (and on the emulator burns the CPU the winner needs); the jitter spreads the contenders. Measured
 * with bench/tx.bench.ts (8 clients on one document): about 2.4 attempts per commit instead of
 * 3.2 with a pause of 0.5–1.5×.
 *
 * Because the body may run several times it must make no external calls (messages, files, other
 * functions): only database operations through `t`, plus pure computation.
 */
export async function runTx<T>(db: Database, body: (t: Tx) => Promise<T>, opts: { budgetMs?: number } = {}): Promise<T> {
  const budget = opts.budgetMs ?? TX_RETRY_BUDGET_MS
  const started = Date.now()
  for (;;) {
    const attemptStarted = Date.now()
    const t = (await db.startTransaction()) as SdkTransaction
    try {
      const result = await body(t)
      await t.commit()
      return result
    } catch (err) {
      if (!isTransactionConflict(err) && !isTransactionGone(err)) {
        // release its locks now rather than at the end of its lifetime
        await t.rollback().catch(() => undefined)
        throw err
      }
      // CloudBase has already aborted it (a rollback would answer "does not exist"): nothing to release,
      // nothing applied, so a new attempt is as safe as after a conflict
      const now = Date.now()
      const pause = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, 2 * (now - attemptStarted))) * (0.5 + Math.random())
      if (now - started + pause > budget) throw new TxBusyError()
      await new Promise((r) => setTimeout(r, pause))
    }
  }
}
