/**
 * The `database.*` actions of the admin protocol (request/response shapes: see
 * shared/design/cloudbase-runtime.md). Each handler: decode the EJSON fields, run the operation on
 * the engine, count it against the calling invocation, and answer with the shape the SDK reads
 * (every success carries `data`, or the SDK throws a TypeError).
 */
import { CloudbaseError } from '../core/errors'
import type { AdminCall, AdminReply } from '../admin/types'
import { parseEJSON, stringifyEJSON, type DecodeContext } from './ejson'
import { parseStages, runAggregate } from './engine/aggregate'
import type { Collection } from './engine/collection'
import type { Change, Database } from './engine/database'
import { assertStorableFields, clone, idKey, isPlainObject, newId, type Doc } from './engine/doc'
import { committedView, compileQuery, findDocsExplained, parseOrder, project, type CompiledQuery, type DocView, type FindOptions, type Hit, type QueryExplain, type SortSpec } from './engine/query'
import type { TransactionManager, Txn } from './engine/transactions'
import { applyUpdate, normaliseUpdate, replacement, sameValue, upsertSeed } from './engine/update'

/** Server-side cap of getDocument's limit, and the default when none is sent. */
export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100

type Body = Record<string, unknown>

/** One planned query of an action: what ran and how (index.ts counts, warns and records it). */
export interface QueryEvent {
  call: AdminCall
  op: 'get' | 'count' | 'update' | 'remove' | 'aggregate' | 'lookup'
  query: Doc
  /** the field of a geo condition (taken out of `query` by the geo plan) */
  geo?: string
  order?: SortSpec
  explain: QueryExplain
}

export interface ActionContext {
  db: Database
  txm: TransactionManager
  ejson: DecodeContext
  onQuery?: (e: QueryEvent) => void
}

const bool = (v: unknown, dflt: boolean): boolean => (v === undefined || v === null ? dflt : v === true || v === 'true' || v === 1)

function intParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined
  const n = typeof v === 'string' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new CloudbaseError('INVALID_PARAM', `${name} must be a non-negative integer`)
  return n
}

function count(call: AdminCall, kind: 'reads' | 'writes' | 'aggregates' | 'counts' | 'transactions' | 'conflicts', by = 1): void {
  const c = call.invocation?.counters
  if (!c) return
  c[kind] = (c[kind] ?? 0) + by
  if (kind === 'counts' || kind === 'aggregates') c.reads++
}

/** Where a hot document's time goes (bench/redeem.bench.ts): conflicts and lock waits per invocation. */
function countWait(call: AdminCall, ms: number): void {
  const c = call.invocation?.counters
  if (c) c.lockWaitMs = (c.lockWaitMs ?? 0) + ms
}

const encodeList = (docs: Doc[]) => docs.map((d) => stringifyEJSON(d))

export function createActions(ctx: ActionContext): Record<string, (call: AdminCall) => Promise<AdminReply>> {
  const { db, txm } = ctx
  const parse = (v: unknown) => parseEJSON(v, ctx.ejson)
  /** findDocs, reporting the plan */
  const find = (call: AdminCall, op: QueryEvent['op'], view: DocView, cq: CompiledQuery, opts: FindOptions = {}): Hit[] => {
    const r = findDocsExplained(view, cq, opts)
    ctx.onQuery?.({ call, op, query: cq.query, geo: cq.near?.field ?? cq.within?.field, order: opts.order, explain: r.explain })
    return r.hits
  }
  const txnOf = (b: Body): Txn | undefined => (b.transactionId ? txm.get(b.transactionId) : undefined)
  const viewOf = (coll: Collection, t: Txn | undefined): DocView => (t ? txm.view(t, coll) : committedView(coll))
  const queryOf = (b: Body): Doc => {
    const q = b.query === undefined || b.query === null || b.query === '' ? {} : parse(b.query)
    if (!isPlainObject(q)) throw new CloudbaseError('INVALID_PARAM', 'query must be an object')
    return q
  }
  /** A DOC query addresses one document by `_id`. */
  const docKeyOf = (b: Body, q: Doc): string | undefined => {
    if (b.queryType !== 'DOC') return undefined
    if (q._id === undefined) throw new CloudbaseError('INVALID_PARAM', 'a DOC query needs _id')
    return idKey(q._id)
  }

  const actions: Record<string, (call: AdminCall) => Promise<AdminReply>> = {
    async 'database.getDocument'(call) {
      const b = call.body
      const coll = db.collection(b.collectionName)
      const t = txnOf(b)
      const q = queryOf(b)
      const projection = b.projection === undefined || b.projection === '' ? undefined : (parse(b.projection) as Doc)
      count(call, 'reads')
      let docs: Doc[]
      const key = docKeyOf(b, q)
      if (t && key !== undefined) {
        const d = txm.readDoc(t, coll, key)
        docs = d ? [d] : []
      } else {
        const limit = Math.min(intParam(b.limit, 'limit') || DEFAULT_LIMIT, MAX_LIMIT)
        const hits = find(call, 'get', viewOf(coll, t), compileQuery(q, coll), {
          order: parseOrder(b.order === undefined ? undefined : parse(b.order)),
          skip: intParam(b.offset, 'offset'),
          limit: key !== undefined ? 1 : limit,
        })
        docs = hits.map((h) => h.doc)
      }
      await db.readBarrier()
      return { data: { list: encodeList(project(docs, projection)) } }
    },

    async 'database.calculateDocument'(call) {
      const b = call.body
      const coll = db.collection(b.collectionName)
      const t = txnOf(b)
      count(call, 'counts')
      const hits = find(call, 'count', viewOf(coll, t), compileQuery(queryOf(b), coll))
      await db.readBarrier()
      return { data: { total: hits.length } }
    },

    async 'database.insertDocument'(call) {
      const b = call.body
      const coll = db.collection(b.collectionName)
      const t = txnOf(b)
      const raw = Array.isArray(b.data) ? b.data : b.data === undefined ? [] : [b.data]
      if (!raw.length) throw new CloudbaseError('INVALID_PARAM', 'insertDocument needs data')
      count(call, 'writes')
      const docs: Doc[] = []
      for (const item of raw) {
        const doc = parse(item) as Doc
        if (!isPlainObject(doc)) throw new CloudbaseError('INVALID_PARAM', 'each document must be an object')
        assertStorableFields(doc, 'insert', { dots: true })
        if (doc._id === undefined || doc._id === null) doc._id = newId()
        // _id first, as the server stores it
        const { _id, ...rest } = doc
        docs.push({ _id, ...rest })
      }
      /** the inserts, checked for an existing _id in what the caller sees */
      const changesIn = (view: DocView): Change[] => {
        const batch = new Set<string>()
        return docs.map((doc) => {
          const key = idKey(doc._id)
          if (batch.has(key) || view.get(key)) throw duplicateId(coll, doc._id)
          batch.add(key)
          return { coll: coll.name, key, doc }
        })
      }
      if (t) {
        for (const ch of changesIn(txm.view(t, coll))) txm.writeDoc(t, coll, ch.key, ch.doc)
      } else {
        await plainWrite(call, coll, () => changesIn(committedView(coll)))
      }
      return { data: { insertedIds: docs.map((d) => d._id) } }
    },

    async 'database.modifyDocument'(call) {
      const r = await modify(call, false)
      return { data: { updated: r.updated, upsert_id: r.upsertId ?? null } }
    },

    /** where().updateAndReturn(): the first match, updated, returned. */
    async 'database.modifyAndReturnDoc'(call) {
      const r = await modify(call, true)
      return { data: { updated: r.updated, doc: r.doc ? stringifyEJSON(r.doc) : null } }
    },

    async 'database.removeDocument'(call) {
      const b = call.body
      const coll = db.collection(b.collectionName)
      const t = txnOf(b)
      const q = queryOf(b)
      const key = docKeyOf(b, q)
      count(call, 'writes')
      if (t && key !== undefined) {
        if (!txm.readDoc(t, coll, key)) return { data: { deleted: 0 } }
        txm.writeDoc(t, coll, key, null)
        return { data: { deleted: 1 } }
      }
      const multi = key === undefined && bool(b.multi, true)
      const cq = compileQuery(q, coll)
      const removals = (view: DocView): Change[] =>
        find(call, 'remove', view, cq, { limit: multi ? Infinity : 1 }).map((h) => ({ coll: coll.name, key: h.key, doc: null }))
      if (t) {
        const changes = removals(txm.view(t, coll))
        for (const ch of changes) txm.writeDoc(t, coll, ch.key, null)
        return { data: { deleted: changes.length } }
      }
      const changes = await plainWrite(call, coll, () => removals(committedView(coll)))
      return { data: { deleted: changes.length } }
    },

    async 'database.aggregateDocuments'(call) {
      const b = call.body
      const coll = db.collection(b.collectionName)
      count(call, 'aggregates')
      const list = runAggregate(db, coll, parseStages(b.stages, ctx.ejson), (explain, query, op, order) => ctx.onQuery?.({ call, op, query, order, explain }))
      await db.readBarrier()
      return { data: { list: encodeList(list) } }
    },

    async 'database.addCollection'(call) {
      await db.addCollection(call.body.collectionName)
      return { data: {} }
    },

    async 'database.startTransaction'(call) {
      count(call, 'transactions')
      const t = txm.start()
      return { transactionId: t.id, data: { transactionId: t.id } }
    },

    async 'database.commitTransaction'(call) {
      await txm.commit(call.body.transactionId)
      return { data: {} }
    },

    async 'database.abortTransaction'(call) {
      txm.abort(call.body.transactionId)
      return { data: {} }
    },
  }
  return Object.fromEntries(
    Object.entries(actions).map(([name, run]) => [
      name,
      async (call: AdminCall) => {
        try {
          return await run(call)
        } catch (err) {
          if (err instanceof CloudbaseError && err.code === 'DATABASE_TRANSACTION_CONFLICT') count(call, 'conflicts')
          throw err
        }
      },
    ]),
  )

  /**
   * update (merge:true), set (merge:false, upsert:true), upsert; in or out of a transaction.
   * Out of a transaction, everything from reading the matches to applying them runs in one
   * synchronous stretch, so concurrent updates cannot interleave (each is atomic per call).
   */
  async function modify(call: AdminCall, returnDoc: boolean): Promise<{ updated: number; upsertId?: unknown; doc?: Doc }> {
    const b = call.body
    const coll = db.collection(b.collectionName)
    const t = txnOf(b)
    const q = queryOf(b)
    const key = docKeyOf(b, q)
    const merge = bool(b.merge, true)
    const upsert = bool(b.upsert, false)
    const multi = !returnDoc && key === undefined && bool(b.multi, false)
    if (b.data === undefined) throw new CloudbaseError('INVALID_PARAM', 'modifyDocument needs data')
    const data = parse(b.data)
    const upd = merge ? normaliseUpdate(data) : undefined
    count(call, 'writes')
    /**
     * What `updated` counts. An update counts documents it changed (MongoDB's nModified; the
     * databaseUpdate HTTP API reports `matched` and `modified` apart). doc.set counts the document
     * when it exists, changed or not (Document.set: "若指定的 _id 已存在则为 1"; node-sdk's geo.test
     * sets identical data and gets 1), and updateAndReturn counts the match (node-sdk's
     * index.test "验证findAndModify 更新相同值").
     */
    const counted = (matched: number, changed: number) => (merge && !returnDoc ? changed : matched)

    /** new document for a match (or undefined if unchanged) */
    const next = (doc: Doc): Doc | undefined => {
      if (!merge) {
        const rep = replacement(doc._id, data)
        return sameValue(rep, doc) ? undefined : rep
      }
      const r = applyUpdate(doc, upd!, q)
      return r.modified ? r.doc : undefined
    }
    /** the document an upsert creates */
    const inserted = (): Doc => {
      const id = q._id !== undefined && !isPlainObject(q._id) ? q._id : newId()
      if (!merge) return replacement(id, data)
      const seed = { _id: id, ...upsertSeed(q) }
      seed._id = id
      return applyUpdate(seed, upd!, undefined, { inserting: true }).doc
    }

    if (t) {
      let targets: string[]
      if (key !== undefined) targets = [key]
      else {
        const hits = find(call, 'update', txm.view(t, coll), compileQuery(clone(q), coll), { limit: multi ? Infinity : 1 })
        targets = hits.map((h) => h.key)
      }
      let updated = 0
      let matched = 0
      let lastDoc: Doc | undefined
      for (const k of targets) {
        const cur = txm.readDoc(t, coll, k)
        if (!cur) continue
        matched++
        const n = next(cur)
        lastDoc = n ?? cur
        if (n) {
          txm.writeDoc(t, coll, k, n)
          updated++
        }
      }
      if (!lastDoc && upsert) {
        const d = inserted()
        const k = idKey(d._id)
        if (txm.readDoc(t, coll, k)) throw duplicateId(coll, d._id)
        txm.writeDoc(t, coll, k, d)
        return { updated: 0, upsertId: d._id, doc: d }
      }
      return { updated: counted(matched, updated), doc: lastDoc }
    }

    // --- outside a transaction: computed and applied in one synchronous stretch (after any wait
    // for a transaction's lock), so concurrent updates cannot interleave (each is atomic per call)
    const cq = compileQuery(clone(q), coll)
    let lastDoc: Doc | undefined
    let upsertId: unknown
    let matched = 0
    const changes = await plainWrite(call, coll, () => {
      const hits = find(call, 'update', committedView(coll), cq, { limit: multi ? Infinity : 1 })
      const out: Change[] = []
      lastDoc = undefined
      matched = hits.length
      upsertId = undefined
      for (const h of hits) {
        const n = next(h.doc)
        lastDoc = n ?? h.doc
        if (n) out.push({ coll: coll.name, key: h.key, doc: n })
      }
      if (!hits.length && upsert) {
        const d = inserted()
        const k = idKey(d._id)
        if (coll.get(k)) throw duplicateId(coll, d._id)
        lastDoc = d
        upsertId = d._id
        out.push({ coll: coll.name, key: k, doc: d })
      }
      return out
    })
    if (upsertId !== undefined) return { updated: 0, upsertId, doc: lastDoc }
    return { updated: counted(matched, changes.length), doc: lastDoc }
  }

  /**
   * A plain (non-transaction) write: computes its changes and, once no running transaction holds a
   * lock on any of them, applies them in the same synchronous stretch (so no transaction can lock
   * them in between). While one does, it waits for that transaction to end and computes again
   * (MongoDB: a write outside a transaction waits for the transaction; see TransactionManager.whenUnlocked).
   */
  async function plainWrite(call: AdminCall, coll: Collection, compute: () => Change[]): Promise<Change[]> {
    for (;;) {
      const changes = compute()
      const wait = txm.whenUnlocked(coll, changes)
      if (wait) {
        const t0 = Date.now()
        await wait
        countWait(call, Date.now() - t0)
        continue
      }
      await (changes.length ? db.commit(changes) : db.readBarrier())
      return changes
    }
  }
}

function duplicateId(coll: Collection, id: unknown): CloudbaseError {
  return new CloudbaseError('DATABASE_DUPLICATE_WRITE', `[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error collection: ${coll.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`)
}
