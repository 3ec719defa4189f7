/**
 * The emulator's database service: answers every `database.*` admin action from a durable
 * embedded store (see emulator/README.md, "Database storage engine").
 *
 *   const db = await createDatabaseService({ dataDir, schemaDir: 'database' })
 *   createAdminHandler({ database: db.handle, … }, invocations)
 */
import { CloudbaseError } from '../core/errors'
import type { AdminCall, AdminReply, ServiceHandler } from '../admin/types'
import { createActions } from './actions'
import { encodeValue } from './ejson'
import { Database } from './engine/database'
import { TransactionManager } from './engine/transactions'
import { loadSchema } from './schema'

export interface DatabaseServiceOptions {
  dataDir: string
  schemaDir: string
  now?: () => number
  /** how long a transaction may stay open (production: 30 s); shorter in tests of expiry */
  transactionLifetimeMs?: number
}

export type Snapshot = { collections: Record<string, unknown[]> }

export interface DatabaseService {
  handle: ServiceHandler
  exportSnapshot(): Snapshot
  importSnapshot(s: Snapshot, opts?: { replace?: boolean }): Promise<void>
  reset(): Promise<void>
  listCollections(): { name: string; count: number }[]
  listDocuments(name: string, opts?: { limit?: number; skip?: number }): unknown[]
  close(): Promise<void>
}

export async function createDatabaseService(opts: DatabaseServiceOptions): Promise<DatabaseService> {
  const now = opts.now ?? Date.now
  const db = await Database.open(opts.dataDir, loadSchema(opts.schemaDir))
  const txm = new TransactionManager(db, { now, lifetimeMs: opts.transactionLifetimeMs })
  const actions = createActions({ db, txm, ejson: { now } })
  let closed = false

  const handle: ServiceHandler = async (call: AdminCall): Promise<AdminReply> => {
    if (closed) throw new CloudbaseError('SYS_ERR', 'the database service is closed')
    const fn = actions[call.action]
    if (!fn) throw new CloudbaseError('INVALID_PARAM', `action ${call.action} is not supported by the local emulator's database`)
    return fn(call)
  }

  return {
    handle,
    exportSnapshot: () => db.exportSnapshot(),
    importSnapshot: (s, o) => db.importSnapshot(s, !!o?.replace),
    reset: () => db.reset(),
    listCollections: () => [...db.collections.values()].map((c) => ({ name: c.name, count: c.size })).sort((a, b) => a.name.localeCompare(b.name)),
    listDocuments(name, o = {}) {
      const c = db.collection(name)
      const skip = Math.max(0, o.skip ?? 0)
      const limit = Math.max(0, o.limit ?? 100)
      const out: unknown[] = []
      let i = 0
      for (const d of c.docs.values()) {
        if (i++ < skip) continue
        if (out.length >= limit) break
        out.push(encodeValue(d, { relaxed: true }))
      }
      return out
    },
    async close() {
      if (closed) return
      closed = true
      txm.close()
      await db.close()
    },
  }
}
