import type { ServiceHandler } from './admin/types'

/** A database snapshot (export/import format). */
export type Snapshot = { collections: Record<string, unknown[]> }

/**
 * What the rest of the emulator needs from the database service (emulator/database/index.ts,
 * written separately; this mirrors its public interface so the other services and tests can be
 * built and run against a stub).
 */
export interface DatabaseLike {
  handle: ServiceHandler
  exportSnapshot(): Snapshot
  importSnapshot(s: Snapshot, opts?: { replace?: boolean }): Promise<void>
  reset(): Promise<void>
  listCollections(): { name: string; count: number }[]
  listDocuments(name: string, opts?: { limit?: number; skip?: number }): unknown[]
  close(): Promise<void>
}

export interface DatabaseFactoryOptions {
  dataDir: string
  schemaDir: string
  now?: () => number
}

export type DatabaseFactory = (opts: DatabaseFactoryOptions) => Promise<DatabaseLike>
