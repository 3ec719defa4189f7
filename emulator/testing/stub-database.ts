import { randomBytes } from 'node:crypto'
import type { AdminCall, AdminReply } from '../admin/types'
import { CloudbaseError } from '../core/errors'
import type { DatabaseLike, Snapshot } from '../dbtypes'

/**
 * A tiny in-memory stand-in for emulator/database, for the tests of the other services: add, get by
 * _id, createCollection, with per-invocation counters. Documents are kept as plain JSON (no EJSON
 * types beyond what JSON carries).
 */
export function createStubDatabase(): DatabaseLike & { collections: Map<string, Map<string, Record<string, unknown>>> } {
  const collections = new Map<string, Map<string, Record<string, unknown>>>()
  const coll = (name: unknown, create = false) => {
    const n = String(name ?? '')
    let c = collections.get(n)
    if (!c && create) collections.set(n, (c = new Map()))
    if (!c) throw new CloudbaseError('DATABASE_COLLECTION_NOT_EXIST', `collection ${n} does not exist`)
    return c
  }
  const handle = async (call: AdminCall): Promise<AdminReply> => {
    const counters = call.invocation?.counters
    switch (call.action) {
      case 'database.addCollection':
        coll(call.body.collectionName, true)
        return {}
      case 'database.insertDocument': {
        const c = coll(call.body.collectionName)
        const ids = (call.body.data as string[]).map((text) => {
          const doc = JSON.parse(text) as Record<string, unknown>
          const id = typeof doc._id === 'string' ? doc._id : randomBytes(16).toString('hex')
          c.set(id, { ...doc, _id: id })
          return id
        })
        if (counters) counters.writes++
        return { data: { insertedIds: ids } }
      }
      case 'database.getDocument': {
        const c = coll(call.body.collectionName)
        const q = JSON.parse(String(call.body.query ?? '{}')) as { _id?: string }
        const list = q._id !== undefined ? [c.get(q._id)].filter(Boolean) : [...c.values()]
        if (counters) counters.reads++
        return { data: { list: list.map((d) => JSON.stringify(d)) } }
      }
      default:
        throw new CloudbaseError('INVALID_PARAM', `action ${call.action} is not supported by the stub database`)
    }
  }
  return {
    collections,
    handle,
    exportSnapshot: (): Snapshot => ({ collections: Object.fromEntries([...collections].map(([n, c]) => [n, [...c.values()]])) }),
    importSnapshot: async (s, opts) => {
      if (opts?.replace !== false) collections.clear()
      for (const [n, docs] of Object.entries(s.collections)) {
        const c = coll(n, true)
        for (const d of docs as Record<string, unknown>[]) c.set(String(d._id), d)
      }
    },
    reset: async () => collections.clear(),
    listCollections: () => [...collections].map(([name, c]) => ({ name, count: c.size })),
    listDocuments: (name, opts) => [...(collections.get(name)?.values() ?? [])].slice(opts?.skip ?? 0, (opts?.skip ?? 0) + (opts?.limit ?? 100)),
    close: async () => undefined,
  }
}
