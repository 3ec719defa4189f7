import { AppError } from '../domain/errors'
import type { Database } from './cloud'

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

/** One document inside a transaction, or null when it does not exist (the SDK throws for that). */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    return (res.data as T) ?? null
  } catch (err) {
    const text = typeof err === 'string' ? err : String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? '')
    if (/does not exist/.test(text)) return null
    throw err
  }
}

/** `set` replaces the whole document; `_id` must not be part of the data. */
export const withoutId = <T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc
  return rest
}

/**
 * Runs `body` in one transaction (the SDK retries it on DATABASE_TRANSACTION_CONFLICT, so it may run
 * up to four times: no external calls inside). An AppError thrown by the body is re-thrown as is.
 */
export async function runTx<T>(db: Database, body: (t: Tx) => Promise<T>): Promise<T> {
  let failure: AppError | undefined
  try {
    return (await db.runTransaction(async (t: unknown) => {
      failure = undefined
      try {
        return await body(t as Tx)
      } catch (err) {
        if (err instanceof AppError) failure = err
        throw err
      }
    }, 3)) as T
  } catch (err) {
    if (failure) throw failure
    throw err
  }
}
