/**
 * The emulator's database service: answers every `database.*` admin action from a durable
 * embedded store (see emulator/README.md, "Database storage engine").
 *
 *   const db = await createDatabaseService({ dataDir, schemaDir: 'database' })
 *   createAdminHandler({ database: db.handle, … }, invocations)
 */
import { CloudbaseError } from '../core/errors'
import type { AdminCall, AdminReply, ServiceHandler } from '../admin/types'
import { createActions, type QueryEvent } from './actions'
import { encodeValue } from './ejson'
import { Database } from './engine/database'
import { committedView, compileQuery, findDocsExplained, type QueryExplain, type SortSpec } from './engine/query'
import { TransactionManager } from './engine/transactions'
import { describeShape, shapeOf, type ShapeRecord } from './query-shapes'
import { loadSchema } from './schema'

export interface DatabaseServiceOptions {
  dataDir: string
  schemaDir: string
  now?: () => number
  /** how long a transaction may stay open (production: 30 s); shorter in tests of expiry */
  transactionLifetimeMs?: number
  /**
   * A query that examines more documents than this without an index (a collection scan, or an
   * in-memory sort of that many) logs a warning, once per query shape. Default: env
   * EMULATOR_SCAN_WARN_DOCS, else 1,000.
   */
  scanWarnDocs?: number
  /**
   * A snapshot bigger than this is served while it loads (calls wait only for the collections they
   * touch; `loaded` resolves when all are in). Default 8 MiB; smaller ones load before serving.
   */
  serveWhileLoadingAboveBytes?: number
  /** where that warning goes (default console.warn) */
  warn?: (line: string) => void
  /** every query a function made, with its shape and plan (the test fixture records them) */
  onQuery?: (r: ShapeRecord & { plan: string; index?: string; docsExamined: number }) => void
}

export type Snapshot = { collections: Record<string, unknown[]> }

export interface DatabaseService {
  handle: ServiceHandler
  exportSnapshot(): Snapshot
  importSnapshot(s: Snapshot, opts?: { replace?: boolean }): Promise<void>
  reset(): Promise<void>
  /** `loading`: its documents are still being read at start-up (count: so far) */
  listCollections(): { name: string; count: number; loading?: boolean }[]
  listDocuments(name: string, opts?: { limit?: number; skip?: number }): unknown[]
  /** How a query would run (plan, index, documents examined), without counting it anywhere. */
  explain?(collection: string, query: Record<string, unknown>, opts?: { order?: SortSpec; skip?: number; limit?: number }): QueryExplain
  close(): Promise<void>
  /** Resolves when every collection is loaded (start-up serves before that when the snapshot is big). */
  loaded?: Promise<void>
}

export async function createDatabaseService(opts: DatabaseServiceOptions): Promise<DatabaseService> {
  const now = opts.now ?? Date.now
  const db = await Database.open(opts.dataDir, loadSchema(opts.schemaDir), { serveWhileLoadingAboveBytes: opts.serveWhileLoadingAboveBytes })
  const txm = new TransactionManager(db, { now, lifetimeMs: opts.transactionLifetimeMs })
  const scanWarnDocs = opts.scanWarnDocs ?? (Number(process.env.EMULATOR_SCAN_WARN_DOCS) || 1000)
  const warn = opts.warn ?? ((line: string) => console.warn(line))
  const warned = new Set<string>()
  /** EMULATOR_DB_DEBUG=1: one line per query with its plan */
  const debug = process.env.EMULATOR_DB_DEBUG === '1'
  const onQuery = (e: QueryEvent) => {
    const x = e.explain
    const c = e.call.invocation?.counters
    if (c) {
      c.docsExamined = (c.docsExamined ?? 0) + x.docsExamined
      c.keysExamined = (c.keysExamined ?? 0) + x.keysExamined
    }
    if (debug) console.log(`[emulator] database ${e.op} ${x.collection}: ${x.plan}${x.index ? ` ${x.index}` : ''}, keys ${x.keysExamined}, docs ${x.docsExamined}, returned ${x.returned}${x.inMemorySort ? ', sorted in memory' : ''}`)
    const needsShape = opts.onQuery || x.docsExamined > scanWarnDocs
    if (!needsShape) return
    const rec: ShapeRecord = {
      collection: x.collection,
      op: e.op,
      shape: shapeOf(e.geo ? { ...e.query, [e.geo]: { $nearSphere: true } } : e.query),
      order: e.order && Object.entries(e.order),
      fn: e.call.invocation?.functionName,
    }
    if (e.call.invocation) opts.onQuery?.({ ...rec, plan: x.plan, index: x.index, docsExamined: x.docsExamined })
    const unindexed = x.plan === 'COLLSCAN' || x.inMemorySort
    if (unindexed && x.docsExamined > scanWarnDocs) {
      const line = describeShape(rec)
      if (warned.has(line)) return
      warned.add(line)
      // the fields CloudBase's slow-query log shows (module:database eventType:MongoSlowQuery: the
      // condition, the index hit, the documents scanned; docs.cloudbase.net/recipes/optimize-database-query-performance)
      warn(
        `[emulator] database slow query (MongoSlowQuery): ${line} — ${x.plan === 'COLLSCAN' ? 'no index, collection scan' : `index ${x.index}, sorted in memory`}, ` +
          `docsExamined ${x.docsExamined} of ${x.collectionSize}, returned ${x.returned}${rec.fn ? `, function ${rec.fn}` : ''}. Declare an index for it in database/${x.collection}.json.`,
      )
    }
  }
  const actions = createActions({ db, txm, ejson: { now }, onQuery })
  let closed = false

  const handle: ServiceHandler = async (call: AdminCall): Promise<AdminReply> => {
    if (closed) throw new CloudbaseError('SYS_ERR', 'the database service is closed')
    const fn = actions[call.action]
    if (!fn) throw new CloudbaseError('INVALID_PARAM', `action ${call.action} is not supported by the local emulator's database`)
    if (!db.ready) await db.whenLoaded(collectionsOf(call))
    return fn(call)
  }

  return {
    handle,
    exportSnapshot: () => db.exportSnapshot(),
    importSnapshot: (s, o) => db.importSnapshot(s, !!o?.replace),
    reset: () => db.reset(),
    loaded: db.loaded,
    listCollections: () =>
      [...db.collections.values()].map((c) => ({ name: c.name, count: c.size, ...(db.isLoading(c.name) ? { loading: true } : {}) })).sort((a, b) => a.name.localeCompare(b.name)),
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
    explain(name, query, o = {}) {
      const coll = db.collection(name)
      return findDocsExplained(committedView(coll), compileQuery(structuredClone(query), coll), o).explain
    },
    async close() {
      if (closed) return
      closed = true
      txm.close()
      await db.close()
    },
  }
}

/**
 * The collections a call reads or writes, to wait for while a big snapshot loads: the one it names;
 * all of them for an aggregation with a $lookup (it may join any); none for transaction control
 * (each operation in a transaction names its collection).
 */
function collectionsOf(call: AdminCall): string[] | undefined {
  const name = call.body?.collectionName
  if (call.action === 'database.aggregateDocuments' && JSON.stringify(call.body?.stages ?? '').includes('$lookup')) return undefined
  return typeof name === 'string' ? [name] : []
}
